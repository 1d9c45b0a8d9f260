/**
 * Ports for git and the forges: what use cases need from `src/adapters/git/`
 * and `src/adapters/forge/`, as types only.
 */
import type { SlussError } from '../../core/errors.js';
import type { IdeaFileEntry } from '../../core/validation.js';

/** The register's repository: the few things sluss needs from git to save an idea. */
export interface GitRepositoryPort {
  readonly dir: string;
  verifyGitInstalled(): Promise<void>;
  isRepository(): Promise<boolean>;
  verifyRepository(): Promise<void>;
  init(): Promise<void>;
  getIdentity(): Promise<{ name?: string; email?: string }>;
  getHeadCommit(): Promise<string | undefined>;
  getCurrentBranch(): Promise<string | undefined>;
  hasBranch(name: string): Promise<boolean>;
  createAndSwitchBranch(name: string): Promise<void>;
  switchBack(to: { branch?: string; commit?: string }): Promise<void>;
  /** Commits exactly these paths; the new commit's hash. */
  commitPaths(paths: readonly string[], message: string): Promise<string>;
  getPublishRemote(): Promise<{ name: string; url: string } | undefined>;
  push(remote: string, branch: string): Promise<void>;
  getChangedSince(ref: string, pathspec: string): Promise<string[]>;
  /** Which of these paths differ from HEAD (changed, staged or untracked). */
  getUncommitted(paths: readonly string[]): Promise<string[]>;
  isShallow(): Promise<boolean>;
  hasIndexLock(): boolean;
}

export interface TreeEntry {
  /** Relative to the directory git runs in, forward slashes. */
  path: string;
  mode: string;
  type: string;
  object: string;
}

export interface ChangedFile {
  status: 'A' | 'M' | 'D' | 'T';
  path: string;
}

export interface CommitInfo {
  commit: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** Files of the commit under the asked paths. */
  files: string[];
}

/** The register's history, read-only: for `sluss review`. */
export interface GitHistoryPort {
  readonly dir: string;
  verifyRepository(): Promise<void>;
  resolveCommit(ref: string): Promise<string | undefined>;
  unknownRef(option: string, ref: string): Promise<SlussError>;
  mergeBase(a: string, b: string): Promise<string | undefined>;
  changedFiles(from: string, to: string, paths: readonly string[]): Promise<ChangedFile[]>;
  listTree(commit: string, paths: readonly string[]): Promise<TreeEntry[]>;
  commitsBetween(from: string, to: string, paths: readonly string[]): Promise<CommitInfo[]>;
  readObjects(names: readonly string[]): Promise<Map<string, Buffer | undefined>>;
}

/** The register as it was at a commit (`sluss report --at`). */
export interface TreeSnapshot {
  commit: string;
  /** The committer date of the commit, YYYY-MM-DD in the committer's time zone. */
  commitDate: string;
  configText: string | undefined;
  ideaFiles: IdeaFileEntry[];
}

/** The merge request of the running GitLab pipeline. */
export interface MergeRequestApi {
  /** `$CI_API_V4_URL`, e.g. https://gitlab.example.se/api/v4 */
  apiUrl: string;
  projectId: string;
  iid: string;
  token: string;
}

export interface GitPorts {
  repository(dir: string, env: NodeJS.ProcessEnv): GitRepositoryPort;
  history(dir: string, env: NodeJS.ProcessEnv): GitHistoryPort;
  readTreeAt(dir: string, ref: string, env: NodeJS.ProcessEnv): Promise<TreeSnapshot>;
  /** How many files under `pathspec` a sparse checkout leaves out of the working tree. */
  countSkippedBySparseCheckout(root: string, pathspec: string, env: NodeJS.ProcessEnv): Promise<number>;
}

export interface ForgePorts {
  isGithubCliReady(cwd: string, env: NodeJS.ProcessEnv): Promise<boolean>;
  /** Opens the pull request with the GitHub CLI; its address, or undefined when gh fails. */
  createPullRequest(cwd: string, env: NodeJS.ProcessEnv, branch: string, base: string | undefined, title: string): Promise<string | undefined>;
  mergeRequestFromEnv(env: NodeJS.ProcessEnv, token: string): MergeRequestApi;
  approvedBy(api: MergeRequestApi): Promise<string[]>;
  upsertNote(api: MergeRequestApi, body: string, mark: string): Promise<'created' | 'updated'>;
}
