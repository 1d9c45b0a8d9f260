/**
 * Files that sluss generates inside a register (init, init --ci, tool
 * update): read what is there without following links, and write only what
 * differs, through the safe writer. "Nothing to change" is then no write
 * and no commit.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SlussError } from '../../core/errors.js';
import { verifyRegisterPath, writeRegisterFile } from './safe-write.js';
import type { GeneratedFile } from '../../app/ports/register-files.js';
export type { GeneratedFile };

/** The file's bytes, or undefined when it does not exist. Throws `unsafe-path` for a link, a special file or a link among its folders. */
export async function readRegisterFile(root: string, relativePath: string): Promise<Buffer | undefined> {
  if (verifyRegisterPath(root, relativePath).mode === undefined) return undefined;
  try {
    return await readFile(join(root, relativePath));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') return undefined;
    throw new SlussError('write-failed', { file: relativePath, detail: code ?? String(error) }, { cause: error });
  }
}

export type SyncOutcome = 'created' | 'updated' | 'unchanged' | 'kept';

function sameBytes(existing: Buffer, content: string | Uint8Array): boolean {
  return existing.equals(typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content));
}

/** Throws `unsafe-path` for the first path that is a link, a special file or under a link. */
export function verifyRegisterPaths(root: string, paths: readonly string[]): void {
  for (const path of paths) verifyRegisterPath(root, path);
}

/** Brings one generated file up to date; see GeneratedFile.replace. */
export async function syncRegisterFile(root: string, file: GeneratedFile): Promise<SyncOutcome> {
  const existing = await readRegisterFile(root, file.path);
  if (existing === undefined) {
    await writeRegisterFile(root, file.path, file.content, { mode: 'new', ...(file.fileMode === undefined ? {} : { fileMode: file.fileMode }) });
    return 'created';
  }
  if (sameBytes(existing, file.content)) return 'unchanged';
  const replace = typeof file.replace === 'function' ? file.replace(existing.toString('utf8')) : file.replace;
  if (!replace) return 'kept';
  await writeRegisterFile(root, file.path, file.content, { mode: 'replace' });
  return 'updated';
}

/**
 * Syncs the files in order and returns the paths that were created or
 * updated. Every path is checked before the first is written: a link or a
 * special file among them refuses the whole set, rather than leaving the
 * files before it written and the ones after it not.
 */
export async function syncRegisterFiles(root: string, files: readonly GeneratedFile[]): Promise<string[]> {
  verifyRegisterPaths(root, files.map((file) => file.path));
  const changed: string[] = [];
  for (const file of files) {
    const outcome = await syncRegisterFile(root, file);
    if (outcome === 'created' || outcome === 'updated') changed.push(file.path);
  }
  return changed;
}
