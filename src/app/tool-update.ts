/** `sluss tool update`, and the commit of generated files it shares with `sluss init`. */
import type { CommandContext } from './ports.js';
import type { GitRepositoryPort } from './ports/git.js';
import type { GeneratedFile, RegisterFilePorts } from './ports/register-files.js';
import type { ToolSource } from './ports/local-files.js';
import { SlussError } from '../core/errors.js';
import { resolve } from 'node:path';
import { installTool } from './tool-copy.js';

export interface GeneratedCommit {
  /** The new commit, when one was made. */
  commit?: string;
  /** True when the files were left uncommitted because git has no name to commit with. */
  noIdentity: boolean;
}

/**
 * Commits exactly the files sluss changed (never files it left as they
 * were: a commit of an unchanged path is no commit and was reported as a
 * failure). A failing commit says that the files are written but not
 * committed, and why.
 */
export async function commitGenerated(git: GitRepositoryPort, paths: readonly string[], message: string): Promise<GeneratedCommit> {
  const unique = [...new Set(paths)];
  if (unique.length === 0) return { noIdentity: false };
  if (!(await git.getIdentity()).name) return { noIdentity: true };
  try {
    return { commit: await git.commitPaths(unique, message), noIdentity: false };
  } catch (error) {
    if (error instanceof SlussError && (error.code === 'commit-failed' || error.code === 'git-locked')) {
      throw new SlussError('generated-not-committed', { files: unique, detail: error.params['detail'] ?? error.params['lock'] }, { cause: error });
    }
    throw error;
  }
}

/**
 * What a command that generates files commits: what it wrote now, and every
 * file it keeps as generated (`ensured`: its content is exactly what sluss
 * writes) that still differs from HEAD because an earlier run's commit was
 * refused. Comparing with the working tree alone would call that nothing to do.
 */
export async function pathsToCommit(git: GitRepositoryPort, written: readonly string[], ensured: readonly string[]): Promise<string[]> {
  return [...new Set([...written, ...(await git.getUncommitted(ensured))])];
}

/** Of these generated files, the paths that now hold exactly what sluss generates (a user's own version kept in place is not one). */
export async function pathsHoldingGenerated(files: RegisterFilePorts, root: string, wanted: readonly GeneratedFile[]): Promise<string[]> {
  const holding: string[] = [];
  for (const file of wanted) {
    const now = await files.readRegisterFile(root, file.path);
    if (now !== undefined && now.equals(typeof file.content === 'string' ? Buffer.from(file.content) : file.content)) holding.push(file.path);
  }
  return holding;
}

export interface ToolUpdateResult extends GeneratedCommit {
  root: string;
  version: string;
  previous?: string;
  files: string[];
}

export async function updateTool(ctx: CommandContext, options: { commit: boolean; source?: ToolSource }): Promise<ToolUpdateResult> {
  const start = resolve(ctx.cwd, ctx.registerDir ?? '.');
  const { files, git: gitPorts } = ctx.adapters;
  const root = await files.findRegisterRoot(start);
  if (!root) throw new SlussError('register-not-found', { dir: start });
  const git = gitPorts.repository(root, ctx.env);
  const source = options.source ?? (await ctx.adapters.bundled.readRunningTool());
  const installed = await installTool(files, root, source);
  const result: ToolUpdateResult = { root, version: source.version, files: installed.changed, noIdentity: false, ...(installed.previous ? { previous: installed.previous } : {}) };
  // A copy written by an earlier run whose commit was refused (a hook, a lock) is committed now, not left behind.
  const toCommit = options.commit ? await pathsToCommit(git, installed.changed, installed.paths) : [];
  if (toCommit.length === 0) return result;
  const en = ctx.lang === 'en';
  const from = installed.previous && installed.previous !== source.version ? `${installed.previous} → ` : '';
  const message = en ? `The register's copy of sluss: ${from}${source.version}` : `Registrets kopia av sluss: ${from}${source.version}`;
  return { ...result, files: toCommit, ...(await commitGenerated(git, toCommit, message)) };
}
