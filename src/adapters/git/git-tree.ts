/**
 * The register as it was at a commit, for `sluss report --at <ref>`: the text
 * of sluss.yaml and every idea file, read with `git ls-tree` and one
 * `git cat-file --batch` (through GitHistory), plus the commit's date.
 * Read-only; nothing in the working tree is touched.
 */
import { SlussError } from '../../core/errors.js';
import { CONFIG_FILE } from '../../core/format/config-file.js';
import { ideaFileEntryOfBytes } from '../../core/validation.js';
import { IDEAS_DIR } from '../../app/ports/register-files.js';
import { GitHistory } from './git-history.js';
import type { TreeSnapshot } from '../../app/ports/git.js';
export type { TreeSnapshot };

/** Reads sluss.yaml and ideas/*.md at `ref`, relative to the register root `dir`. */
export async function readTreeAt(dir: string, ref: string, env: NodeJS.ProcessEnv): Promise<TreeSnapshot> {
  const history = new GitHistory(dir, env);
  await history.verifyRepository();
  const commit = await history.resolveCommit(ref);
  if (!commit) throw await history.unknownRef('--at', ref);
  const tree = await history.listTree(commit, [IDEAS_DIR]);
  // `ideas` committed as a link: its files would be read from wherever it points.
  if (tree.some((e) => e.path === IDEAS_DIR && e.mode === '120000')) throw new SlussError('unsafe-path', { file: IDEAS_DIR, reason: 'symlink', part: IDEAS_DIR, access: 'read' });
  const ideaFile = new RegExp(`^${IDEAS_DIR}/[^/]+\\.md$`, 'i');
  const entries = tree
    .filter((e) => e.type === 'blob' && ideaFile.test(e.path) && !e.path.slice(`${IDEAS_DIR}/`.length).startsWith('.'))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const configName = `${commit}:./${CONFIG_FILE}`;
  const objects = await history.readObjects([configName, ...entries.map((e) => e.object)]);
  const ideaFiles = entries.map((entry) => ideaFileEntryOfBytes(entry.path, entry.mode, objects.get(entry.object)));
  const config = objects.get(configName);
  return { commit, commitDate: await history.commitDate(commit), configText: config?.toString('utf8'), ideaFiles };
}
