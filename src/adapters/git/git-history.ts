/**
 * Reading the register's history from git for `sluss review`: commits, trees,
 * file versions and who made them. Read-only. Like git-repository.ts, git runs
 * with an allow-listed environment and LC_ALL=C, and every path follows `--`.
 * File contents come from one `git cat-file --batch` process, so reading every
 * idea of a large register at a commit costs one process, not one per file.
 */
import { SlussError } from '../../core/errors.js';
import { gitAt, messageOf, spawnGit, unknownRefError } from './git-process.js';
import type { GitRunner } from './git-process.js';
import type { ChangedFile, CommitInfo, GitHistoryPort, TreeEntry } from '../../app/ports/git.js';
export type { TreeEntry, ChangedFile, CommitInfo };

export class GitHistory implements GitHistoryPort {
  private readonly git: GitRunner;

  constructor(
    readonly dir: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.git = gitAt(dir, env, { trimmed: false });
  }

  private translate(error: unknown): SlussError {
    const message = messageOf(error);
    if (/ENOENT/.test(message) && /spawn/.test(message)) return new SlussError('git-missing', {}, { cause: error });
    if (/not a git repository/i.test(message)) return new SlussError('not-a-git-repo', { dir: this.dir }, { cause: error });
    const detail = message.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? message;
    return new SlussError('git-failed', { detail }, { cause: error });
  }

  private async run(args: string[]): Promise<string> {
    try {
      return await this.git.run(args);
    } catch (error) {
      throw this.translate(error);
    }
  }

  async verifyRepository(): Promise<void> {
    let inside: string;
    try {
      inside = (await this.git.run(['rev-parse', '--is-inside-work-tree'])).trim();
    } catch (error) {
      const translated = this.translate(error);
      if (translated.code === 'git-missing') throw translated;
      throw new SlussError('not-a-git-repo', { dir: this.dir }, { cause: error });
    }
    if (inside !== 'true') throw new SlussError('not-a-git-repo', { dir: this.dir });
  }

  /** The commit a ref names, or undefined when it names none. Refs that look like options are never passed on. */
  async resolveCommit(ref: string): Promise<string | undefined> {
    if (ref === '' || ref.startsWith('-') || /[\s\0]/.test(ref)) return undefined;
    try {
      const sha = (await this.git.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim();
      return /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
    } catch (error) {
      const translated = this.translate(error);
      if (translated.code === 'git-missing' || translated.code === 'not-a-git-repo') throw translated;
      return undefined;
    }
  }

  /**
   * The error for a ref `resolveCommit` did not find, given as `option`:
   * `unknown-ref`, which in a shallow clone says how to fetch the history.
   */
  async unknownRef(option: string, ref: string): Promise<SlussError> {
    const shallow = (await this.git.run(['rev-parse', '--is-shallow-repository']).catch(() => '')).trim() === 'true';
    return unknownRefError(option, ref, shallow);
  }

  /** The best common ancestor, or undefined for unrelated histories. */
  async mergeBase(a: string, b: string): Promise<string | undefined> {
    try {
      const sha = (await this.git.run(['merge-base', a, b])).trim();
      return /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
    } catch {
      return undefined;
    }
  }

  /** Files that differ between two commits under `paths` (relative to the directory), renames as delete + add. */
  async changedFiles(from: string, to: string, paths: readonly string[]): Promise<ChangedFile[]> {
    const output = await this.run(['diff', '--name-status', '-z', '--no-renames', '--relative', from, to, '--', ...paths]);
    const fields = output.split('\0');
    const files: ChangedFile[] = [];
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const status = fields[i]!.trim().charAt(0);
      const path = fields[i + 1]!;
      if (status === 'A' || status === 'M' || status === 'D' || status === 'T') files.push({ status, path });
    }
    return files;
  }

  /** Every file under `paths` at a commit (recursively), relative to the directory. */
  async listTree(commit: string, paths: readonly string[]): Promise<TreeEntry[]> {
    const output = await this.run(['ls-tree', '-r', '-z', commit, '--', ...paths]);
    return output
      .split('\0')
      .filter((line) => line !== '')
      .flatMap((line) => {
        const match = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(line);
        return match ? [{ mode: match[1]!, type: match[2]!, object: match[3]!, path: match[4]! }] : [];
      });
  }

  /** Non-merge commits in `from..to` touching `paths`, oldest first, with the files each touched. */
  async commitsBetween(from: string, to: string, paths: readonly string[]): Promise<CommitInfo[]> {
    const output = await this.run([
      'log',
      '--no-merges',
      '--reverse',
      '--no-renames',
      '--relative',
      '--name-only',
      '--format=%x1e%H%x1f%P%x1f%an%x1f%ae',
      `${from}..${to}`,
      '--',
      ...paths,
    ]);
    return output
      .split('\x1e')
      .filter((chunk) => chunk.trim() !== '')
      .map((chunk) => {
        const [header = '', ...rest] = chunk.split('\n');
        const [commit = '', parents = '', authorName = '', authorEmail = ''] = header.split('\x1f');
        return { commit, parents: parents.split(' ').filter((p) => p !== ''), authorName, authorEmail, files: rest.filter((line) => line !== '') };
      });
  }

  /** The committer date of `commit`, YYYY-MM-DD in the committer's time zone. */
  async commitDate(commit: string): Promise<string> {
    const date = (await this.run(['show', '-s', '--format=%cs', commit, '--'])).trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new SlussError('git-failed', { detail: `no date for ${commit}` });
    return date;
  }

  /**
   * Contents of objects: blob ids or `<commit>:./<path>` (relative to the
   * directory). Missing objects map to undefined. Names with a newline cannot
   * be asked for and are skipped.
   */
  async readObjects(names: readonly string[]): Promise<Map<string, Buffer | undefined>> {
    const result = new Map<string, Buffer | undefined>();
    const asked = [...new Set(names)].filter((name) => !/[\n\r]/.test(name));
    if (asked.length === 0) return result;
    const stdout = await new Promise<Buffer>((resolve, reject) => {
      const child = spawnGit(this.dir, this.env, ['cat-file', '--batch']);
      const chunks: Buffer[] = [];
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', (error) => reject(this.translate(error)));
      child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(this.translate(new Error(stderr || `git cat-file exited with ${code}`)))));
      child.stdin.on('error', () => undefined);
      child.stdin.end(`${asked.join('\n')}\n`);
    });
    let offset = 0;
    for (const name of asked) {
      const lineEnd = stdout.indexOf(0x0a, offset);
      if (lineEnd === -1) break;
      const header = stdout.subarray(offset, lineEnd).toString('utf8');
      offset = lineEnd + 1;
      const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
      if (!match) {
        result.set(name, undefined); // "<name> missing" or "ambiguous"
        continue;
      }
      const size = Number(match[2]);
      result.set(name, match[1] === 'blob' ? stdout.subarray(offset, offset + size) : undefined);
      offset += size + 1;
    }
    return result;
  }
}
