/** `sluss tool update`, and the commit of generated files it shares with `sluss init`. */
import type { CommandContext } from './ports.js';
import type { GitRepositoryPort } from './ports/git.js';
import { SlussError } from '../core/errors.js';
import { resolve } from 'node:path';
import { installTool } from './tool-copy.js';
import type { ToolSource } from './tool-source.js';
import { readRunningTool } from './tool-source.js';

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
  const source = options.source ?? (await readRunningTool());
  const installed = await installTool(files, root, source);
  const result: ToolUpdateResult = { root, version: source.version, files: installed.changed, noIdentity: false, ...(installed.previous ? { previous: installed.previous } : {}) };
  if (!options.commit || installed.changed.length === 0) return result;
  const en = ctx.lang === 'en';
  const from = installed.previous && installed.previous !== source.version ? `${installed.previous} → ` : '';
  const message = en ? `The register's copy of sluss: ${from}${source.version}` : `Registrets kopia av sluss: ${from}${source.version}`;
  return { ...result, ...(await commitGenerated(git, installed.changed, message)) };
}
