/**
 * Git, hidden behind the few things sluss needs from it. Naming follows np's
 * git-util: `verifyX` throws, `isX`/`hasX` answer yes or no, `getX` returns a
 * value. Git runs with LC_ALL=C so its messages can be recognised, and every
 * path goes after `--` so no user text is ever read as an option.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GitRepositoryPort } from '../../app/ports/git.js';
import { SlussError } from '../../core/errors.js';
import { gitAt, messageOf, readOnlyReason, unknownRefError } from './git-process.js';
import type { GitRunner } from './git-process.js';

function firstMeaningfulLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '' && !line.startsWith('hint:')) ?? text.trim()
  );
}

export class GitRepository implements GitRepositoryPort {
  private readonly git: GitRunner;

  constructor(
    readonly dir: string,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.git = gitAt(dir, env, { trimmed: true });
  }

  private async run(args: string[]): Promise<string> {
    try {
      return await this.git.run(args);
    } catch (error) {
      throw this.translate(error);
    }
  }

  private translate(error: unknown, file?: string): SlussError {
    const message = messageOf(error);
    if (/ENOENT/.test(message) && /spawn/.test(message)) return new SlussError('git-missing', {}, { cause: error });
    if (/not a git repository/i.test(message)) return new SlussError('not-a-git-repo', { dir: this.dir }, { cause: error });
    // A read-only or unwritable .git also makes git say "Unable to create '….lock'": not a lock another git holds.
    const reason = readOnlyReason(message);
    if (reason) return new SlussError('git-read-only', { reason, file }, { cause: error });
    const lock = /Unable to create '([^']+\.lock)'/.exec(message)?.[1];
    if (lock) return new SlussError('git-locked', { lock, file }, { cause: error });
    return new SlussError('git-failed', { detail: firstMeaningfulLine(message) }, { cause: error });
  }

  async verifyGitInstalled(): Promise<void> {
    await this.run(['--version']);
  }

  async isRepository(): Promise<boolean> {
    try {
      return (await this.run(['rev-parse', '--is-inside-work-tree'])) === 'true';
    } catch (error) {
      if (error instanceof SlussError && error.code === 'git-missing') throw error;
      return false;
    }
  }

  async verifyRepository(): Promise<void> {
    if (!(await this.isRepository())) throw new SlussError('not-a-git-repo', { dir: this.dir });
  }

  async init(): Promise<void> {
    await this.run(['init', '--quiet']);
  }

  /** `Name <email>` from git config, or undefined when not set. */
  async getIdentity(): Promise<{ name?: string; email?: string }> {
    const read = async (key: string) => {
      try {
        const value = await this.git.run(['config', '--get', key]);
        return value === '' ? undefined : value;
      } catch {
        return undefined;
      }
    };
    const [name, email] = await Promise.all([read('user.name'), read('user.email')]);
    return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
  }

  /** The commit HEAD points at, or undefined on a branch with no commits yet. */
  async getHeadCommit(): Promise<string | undefined> {
    try {
      return await this.git.run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']) || undefined;
    } catch {
      return undefined;
    }
  }

  /** The checked-out branch, or undefined when HEAD is detached. */
  async getCurrentBranch(): Promise<string | undefined> {
    try {
      return (await this.git.run(['symbolic-ref', '--quiet', '--short', 'HEAD'])) || undefined;
    } catch {
      return undefined;
    }
  }

  /** Decided on git's output, not on its exit status: `for-each-ref` exits 0 when nothing matches. */
  async hasBranch(name: string): Promise<boolean> {
    return (await this.run(['for-each-ref', '--format=%(refname)', `refs/heads/${name}`])) !== '';
  }

  async createAndSwitchBranch(name: string): Promise<void> {
    if (await this.hasBranch(name)) throw new SlussError('branch-exists', { branch: name });
    await this.run(['switch', '--quiet', '--create', name]);
  }

  /** Back to a branch, or to a commit when the user had a detached HEAD. */
  async switchBack(to: { branch?: string; commit?: string }): Promise<void> {
    if (to.branch) await this.run(['switch', '--quiet', to.branch]);
    else if (to.commit) await this.run(['switch', '--quiet', '--detach', to.commit]);
  }

  /**
   * Commits exactly `paths`: anything else the user had staged stays staged and
   * uncommitted. A hook or wrapper can report success without committing, so
   * the new commit is checked afterwards.
   */
  async commitPaths(paths: readonly string[], message: string): Promise<string> {
    const before = await this.getHeadCommit();
    try {
      await this.git.run(['add', '--', ...paths]);
      // `--only` builds a second index from HEAD, a pass over every file of the register (about 50 ms at
      // 10,000 ideas). When nothing but these paths is staged, a plain commit makes the same commit.
      const onlyThese = before !== undefined && (await this.isNothingElseStaged(paths));
      await this.git.run(onlyThese ? ['commit', '--quiet', '-m', message] : ['commit', '--quiet', '--only', '-m', message, '--', ...paths]);
    } catch (error) {
      const translated = this.translate(error, paths[0]);
      if (translated.code === 'git-failed') {
        throw new SlussError('commit-failed', { file: paths[0], detail: translated.params['detail'] }, { cause: error });
      }
      throw translated;
    }
    const after = await this.getHeadCommit();
    if (!after || after === before || !(await this.commitTouches(after, paths))) {
      throw new SlussError('commit-failed', { file: paths[0] });
    }
    return after;
  }

  /** True when the index differs from HEAD in none but `paths` (anywhere in the repository, not only in the register). */
  private async isNothingElseStaged(paths: readonly string[]): Promise<boolean> {
    try {
      await this.git.run(['diff', '--cached', '--quiet', '--no-ext-diff', '--', ':(top)', ...paths.map((path) => `:(exclude,literal)${path}`)]);
      return true;
    } catch {
      return false;
    }
  }

  private async commitTouches(commit: string, paths: readonly string[]): Promise<boolean> {
    const changed = (await this.run(['diff-tree', '--relative', '--no-commit-id', '--name-only', '-r', '--root', commit, '--', ...paths]))
      .split('\n')
      .filter((line) => line !== '');
    return paths.every((path) => changed.includes(path));
  }

  /** The remote to publish to: `origin` when there is one, else the first. */
  async getPublishRemote(): Promise<{ name: string; url: string } | undefined> {
    const remotes = (await this.run(['remote'])).split('\n').filter((r) => r !== '');
    const name = remotes.includes('origin') ? 'origin' : remotes[0];
    if (!name) return undefined;
    return { name, url: await this.run(['remote', 'get-url', '--', name]) };
  }

  async push(remote: string, branch: string): Promise<void> {
    try {
      await this.git.run(['push', '--quiet', '--set-upstream', remote, `refs/heads/${branch}:refs/heads/${branch}`]);
    } catch (error) {
      throw new SlussError('push-failed', { branch, detail: firstMeaningfulLine(messageOf(error)) }, { cause: error });
    }
  }

  /** Files under `pathspec` that differ from `ref`: committed since, changed in the working tree, or new and untracked. */
  async getChangedSince(ref: string, pathspec: string): Promise<string[]> {
    const commit = await this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).catch(() => '');
    if (commit === '') throw unknownRefError('--since', ref, await this.isShallow());
    const changed = await this.run(['diff', '--name-only', '--relative', ref, '--', pathspec]);
    const untracked = await this.run(['ls-files', '--others', '--exclude-standard', '--', pathspec]);
    return [...new Set([...changed.split('\n'), ...untracked.split('\n')].filter((line) => line !== ''))];
  }

  /**
   * Which of these paths (relative to the register) differ from HEAD: changed,
   * staged, or new and not ignored. Without a first commit, every one git sees.
   */
  async getUncommitted(paths: readonly string[]): Promise<string[]> {
    if (paths.length === 0) return [];
    const lines = (text: string) => text.split('\n').filter((line) => line !== '');
    if ((await this.getHeadCommit()) === undefined) return lines(await this.run(['ls-files', '--cached', '--others', '--exclude-standard', '--', ...paths]));
    const changed = await this.run(['diff', '--name-only', '--relative', 'HEAD', '--', ...paths]);
    const untracked = await this.run(['ls-files', '--others', '--exclude-standard', '--', ...paths]);
    return [...new Set([...lines(changed), ...lines(untracked)])];
  }

  /** Whether the clone is shallow (made with --depth): refs older than its history are unknown. */
  async isShallow(): Promise<boolean> {
    return (await this.run(['rev-parse', '--is-shallow-repository']).catch(() => '')) === 'true';
  }

  /** True while another git process holds the index lock. */
  hasIndexLock(): boolean {
    return existsSync(join(this.dir, '.git', 'index.lock'));
  }
}
