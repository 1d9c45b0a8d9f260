/**
 * Sparse checkouts: files git keeps in the index but leaves out of the working
 * tree. sluss reads ideas from the working tree, so in a sparse checkout that
 * leaves out `ideas/` (or part of it) every command would see, and check
 * duplicates against, fewer ideas than the register has.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gitAt } from './git-process.js';

/** The repository's git folder for a working tree at or above `start` (a `.git` folder, or the one a `.git` file names). */
function gitDirOf(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const dotGit = join(dir, '.git');
    const info = statSync(dotGit, { throwIfNoEntry: false });
    if (info?.isDirectory()) return dotGit;
    if (info?.isFile()) {
      const named = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'))?.[1];
      return named === undefined ? undefined : resolve(dir, named);
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * How many files under `pathspec` a sparse checkout leaves out of the working
 * tree (git's skip-worktree entries). Without a sparse-checkout file, which is
 * the common case, no git process is started and the answer is 0; so it is
 * when git cannot be asked.
 */
export async function countSkippedBySparseCheckout(root: string, pathspec: string, env: NodeJS.ProcessEnv): Promise<number> {
  let gitDir: string | undefined;
  try {
    gitDir = gitDirOf(root);
  } catch {
    return 0;
  }
  if (gitDir === undefined || !statSync(join(gitDir, 'info', 'sparse-checkout'), { throwIfNoEntry: false })?.isFile()) return 0;
  try {
    const listing = await gitAt(root, env, { trimmed: false }).run(['ls-files', '-t', '-z', '--', pathspec]);
    return listing.split('\0').filter((entry) => entry.startsWith('S ')).length;
  } catch {
    return 0;
  }
}
