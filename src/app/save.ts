/**
 * Saving a change to the register: write the files atomically, then commit
 * exactly those files in one commit, optionally on a new branch that is pushed
 * for a pull request. Shared by add and every workflow command.
 */
import { createPullRequest, isGithubCliReady } from '../adapters/forge/github-cli.js';
import { withRegisterLock } from '../adapters/fs/register-lock.js';
import { saveRecoveryFile } from '../adapters/fs/register-store.js';
import type { GitRepository } from '../adapters/git/git-repository.js';
import { SlussError } from '../core/errors.js';
import { parseRemoteUrl, pullRequestUrl } from '../core/forge.js';
import type { OpenRegister } from './register.js';

export interface FileWrite {
  path: string;
  content: string;
  /** A new file is never allowed to replace an existing one. */
  isNew: boolean;
  /** Name of the recovery copy kept when writing fails. */
  recoveryName: string;
}

export interface SaveOptions {
  commit: boolean;
  /** Commit on this new branch and return to the current one. */
  branch?: string | undefined;
  /** Push the branch and open (or link to) a pull request. */
  pr: boolean;
  message: string;
  env: NodeJS.ProcessEnv;
  /** The caller holds the register lock already (it read the files under it); taking it again would wait for itself. */
  lockHeld?: boolean;
}

export interface SaveResult {
  committed: boolean;
  commit?: string;
  branch?: string;
  pushed?: boolean;
  /** Where to open the pull request, or the one gh created. */
  pullRequest?: string;
}

export async function saveChanges(register: OpenRegister, git: GitRepository, files: readonly FileWrite[], options: SaveOptions): Promise<SaveResult> {
  // Branch switches and commits of two sluss processes must not interleave.
  return options.commit && !options.lockHeld ? withRegisterLock(register.root, () => save(register, git, files, options)) : save(register, git, files, options);
}

async function save(register: OpenRegister, git: GitRepository, files: readonly FileWrite[], options: SaveOptions): Promise<SaveResult> {
  const remote = options.pr ? await git.getPublishRemote() : undefined;
  if (options.pr && !remote) throw new SlussError('no-remote');
  const returnTo = options.branch ? { branch: await git.getCurrentBranch(), commit: await git.getHeadCommit() } : undefined;
  if (options.branch) await git.createAndSwitchBranch(options.branch);
  try {
    for (const file of files) await write(register, file);
  } catch (error) {
    if (returnTo) await git.switchBack(returnTo).catch(() => undefined);
    throw error;
  }
  if (!options.commit) return { committed: false };
  let commit: string;
  try {
    commit = await git.commitPaths(
      files.map((f) => f.path),
      options.message,
    );
  } finally {
    // Back where the user was, so the next change does not pile onto this branch.
    if (returnTo) await git.switchBack(returnTo).catch(() => undefined);
  }
  const result: SaveResult = { committed: true, commit, ...(options.branch ? { branch: options.branch } : {}) };
  if (remote && options.branch) {
    await git.push(remote.name, options.branch);
    result.pushed = true;
    const pullRequest = await openPullRequest(register.root, options, remote.url, returnTo?.branch);
    if (pullRequest) result.pullRequest = pullRequest;
  }
  return result;
}

async function openPullRequest(root: string, options: SaveOptions, remoteUrl: string, base: string | undefined): Promise<string | undefined> {
  const remote = parseRemoteUrl(remoteUrl);
  if (remote?.forge === 'github' && (await isGithubCliReady(root, options.env))) {
    const created = await createPullRequest(root, options.env, options.branch!, base, options.message);
    if (created) return created;
  }
  return remote ? pullRequestUrl(remote, options.branch!, base) : undefined;
}

async function write(register: OpenRegister, file: FileWrite): Promise<void> {
  try {
    if (file.isNew) await register.store.writeNewFile(file.path, file.content);
    else await register.store.replaceFile(file.path, file.content);
  } catch (error) {
    if (error instanceof SlussError && error.code === 'write-failed') {
      const recovery = await saveRecoveryFile(register.root, file.recoveryName, file.content);
      throw new SlussError('write-failed', { ...error.params, recovery }, { cause: error });
    }
    throw error;
  }
}
