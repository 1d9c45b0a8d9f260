/**
 * The register as it was at a commit, for `sluss report --at <ref>`: the text
 * of sluss.yaml and every idea file, read with `git ls-tree` and one
 * `git cat-file --batch` (through GitHistory), plus the commit's date.
 * Read-only; nothing in the working tree is touched.
 */
import { execFile } from 'node:child_process';
import { SlussError } from '../../core/errors.js';
import { MAX_IDEA_FILE_BYTES } from '../../core/format/idea-file.js';
import type { IdeaFileEntry } from '../../core/validation.js';
import { GitHistory } from './git-history.js';
import type { TreeSnapshot } from '../../app/ports/git.js';
export type { TreeSnapshot };

function commitDate(dir: string, commit: string, env: NodeJS.ProcessEnv): Promise<string> {
  const allowed: NodeJS.ProcessEnv = { LC_ALL: 'C', LANGUAGE: 'C', GIT_TERMINAL_PROMPT: '0' };
  for (const key of ['PATH', 'Path', 'HOME', 'USERPROFILE', 'SystemRoot', 'XDG_CONFIG_HOME', 'TMPDIR', 'TEMP', 'TMP']) if (env[key] !== undefined) allowed[key] = env[key];
  return new Promise((resolve, reject) => {
    execFile('git', ['show', '-s', '--format=%cs', commit, '--'], { cwd: dir, env: allowed }, (error, stdout) => {
      const date = stdout.trim();
      if (error || !/^\d{4}-\d{2}-\d{2}$/.test(date)) reject(new SlussError('git-failed', { detail: error?.message ?? `no date for ${commit}` }, { cause: error }));
      else resolve(date);
    });
  });
}

/** Reads sluss.yaml and ideas/*.md at `ref`, relative to the register root `dir`. */
export async function readTreeAt(dir: string, ref: string, env: NodeJS.ProcessEnv): Promise<TreeSnapshot> {
  const history = new GitHistory(dir, env);
  await history.verifyRepository();
  const commit = await history.resolveCommit(ref);
  if (!commit) throw await history.unknownRef('--at', ref);
  const tree = await history.listTree(commit, ['ideas']);
  // `ideas` committed as a link: its files would be read from wherever it points.
  if (tree.some((e) => e.path === 'ideas' && e.mode === '120000')) throw new SlussError('unsafe-path', { file: 'ideas', reason: 'symlink', part: 'ideas', access: 'read' });
  const entries = tree
    .filter((e) => e.type === 'blob' && /^ideas\/[^/]+\.md$/i.test(e.path) && !e.path.slice('ideas/'.length).startsWith('.'))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const configName = `${commit}:./sluss.yaml`;
  const objects = await history.readObjects([configName, ...entries.map((e) => e.object)]);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const ideaFiles = entries.map((entry): IdeaFileEntry => {
    if (entry.mode === '120000') return { path: entry.path, readProblem: 'symlink' };
    const bytes = objects.get(entry.object);
    if (!bytes) return { path: entry.path, readProblem: 'unreadable' };
    if (bytes.length > MAX_IDEA_FILE_BYTES) return { path: entry.path, readProblem: 'too-large' };
    // A NUL anywhere, not only in the first 8 KB: no text file has one.
    if (bytes.includes(0)) return { path: entry.path, readProblem: 'binary' };
    try {
      return { path: entry.path, text: decoder.decode(bytes) };
    } catch {
      return { path: entry.path, readProblem: 'not-utf8' };
    }
  });
  const config = objects.get(configName);
  return { commit, commitDate: await commitDate(dir, commit, env), configText: config?.toString('utf8'), ideaFiles };
}
