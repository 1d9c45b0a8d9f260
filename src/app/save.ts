/**
 * Saving a change to the register: write the files atomically, then commit
 * exactly those files in one commit, optionally on a new branch that is pushed
 * for a pull request. Shared by add and every workflow command.
 */
import { SlussError } from '../core/errors.js';
import { parseIdeaFile } from '../core/format/idea-file.js';
import { parseRemoteUrl, pullRequestUrl } from '../core/forge.js';
import type { IdeaDraft } from '../core/new-idea.js';
import { changedTextFields, draftTextFields, fieldLabel, findUnsafeText } from '../core/unsafe-text.js';
import type { UnsafeText } from '../core/unsafe-text.js';
import type { GitRepositoryPort } from './ports/git.js';
import { IDEAS_DIR } from './ports/register-files.js';
import { lockRegister } from './register.js';
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

export async function saveChanges(register: OpenRegister, git: GitRepositoryPort, files: readonly FileWrite[], options: SaveOptions): Promise<SaveResult> {
  // Branch switches and commits of two sluss processes must not interleave.
  return options.commit && !options.lockHeld ? lockRegister(register, () => save(register, git, files, options)) : save(register, git, files, options);
}

async function save(register: OpenRegister, git: GitRepositoryPort, files: readonly FileWrite[], options: SaveOptions): Promise<SaveResult> {
  // Before anything is written or a branch is made: what is refused here never reaches the working tree or a commit.
  await refuseUnsafeText(register, files);
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
    const pullRequest = await openPullRequest(register, options, remote.url, returnTo?.branch);
    if (pullRequest) result.pullRequest = pullRequest;
  }
  return result;
}

async function openPullRequest(register: OpenRegister, options: SaveOptions, remoteUrl: string, base: string | undefined): Promise<string | undefined> {
  const { root } = register;
  const { isGithubCliReady, createPullRequest } = register.adapters.forge;
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
      const recovery = await register.adapters.files.saveRecoveryFile(register.root, file.recoveryName, file.content);
      throw new SlussError('write-failed', { ...error.params, recovery }, { cause: error });
    }
    throw error;
  }
}

/**
 * The guard of every write (add and each workflow command come through here):
 * a control character, or personal data without the submitter's recorded
 * consent, in any text the write adds or changes (every field, `x-` fields
 * and notes included) refuses the whole save, exit 2, naming the field. What
 * the user typed is kept in a recovery file first. Text already in the file
 * is `validate`'s to report; refusing it here would lock the idea.
 */
async function refuseUnsafeText(register: OpenRegister, files: readonly FileWrite[]): Promise<void> {
  for (const file of files) {
    if (!file.path.startsWith(`${IDEAS_DIR}/`)) continue;
    const after = parseIdeaFile(file.content);
    if (!after.ok) continue; // the commands write only files they built and checked against the schema
    const current = file.isNew ? undefined : register.store.readIdeaFile(file.path);
    const before = current && 'text' in current ? parseIdeaFile(current.text) : undefined;
    const consent = Boolean((after.file.data as { submitter?: { consent?: unknown } }).submitter?.consent);
    const found = findUnsafeText(changedTextFields(before?.ok ? before.file : undefined, after.file), { consent });
    if (found[0]) throw unsafeTextError(found[0], await register.adapters.files.saveRecoveryFile(register.root, file.recoveryName, file.content));
  }
}

/**
 * `add`'s guard on the draft as typed (flags, then answers), before the title
 * is made one line and before the duplicate check: a newline or an ESC in
 * `--title` is refused, not quietly turned into a space. `keep` saves the
 * draft where `sluss add --file` reads it back once corrected.
 */
export async function refuseUnsafeDraft(draft: IdeaDraft, keep: () => Promise<string | undefined>): Promise<void> {
  const found = findUnsafeText(draftTextFields(draft), { consent: Boolean(draft.submitter?.consent?.date) });
  if (found[0]) throw unsafeTextError(found[0], await keep());
}

function unsafeTextError(found: UnsafeText, recovery: string | undefined): SlussError {
  const field = fieldLabel(found.field);
  return found.kind === 'control-character'
    ? new SlussError('control-character-refused', { field, character: found.character, lineBreak: found.lineBreak ? 'yes' : 'no', recovery })
    : new SlussError('personal-data-refused', { field, kind: found.data, masked: found.masked, recovery });
}
