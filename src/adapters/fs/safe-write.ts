/**
 * Writing inside the register without leaving it. A register is a git
 * repository anyone may commit to, so any path in it may be a symbolic link
 * to somewhere else (`.github/CODEOWNERS` -> `/etc/passwd`) or a special
 * file. Every write sluss makes inside the register goes through here:
 *
 * - `verifyRegisterPath` refuses a path with `..`, a symbolic link among its
 *   existing parts, a part that is not a folder, or a final part that exists
 *   and is not a regular file (`unsafe-path`);
 * - `writeRegisterFile` then writes a temp file in the same folder, opened
 *   exclusively and without following links, and renames it over the target
 *   (or links it, for a file that must be new), so a reader never sees half a
 *   file and an existing target keeps its mode.
 *
 * A link swapped in between the check and the rename by a process running
 * concurrently is outside what this guards against: such a process can write
 * the files itself.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, lstatSync, type Stats } from 'node:fs';
import { link, mkdir, open, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SlussError } from '../../core/errors.js';
import { tempFilesInFlight } from './temp-files.js';

export type UnsafeReason = 'symlink' | 'not-a-folder' | 'not-a-file' | 'outside';

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw new SlussError('write-failed', { file: path, detail: errorCode(error) ?? String(error) }, { cause: error });
  }
}

function unsafe(path: string, reason: UnsafeReason, part: string): SlussError {
  return new SlussError('unsafe-path', { file: path, reason, part });
}

/** The parts of a register path (`a/b/c.md`), refusing absolute paths and `..`. */
function partsOf(relativePath: string): string[] {
  const parts = relativePath.split('/');
  if (relativePath === '' || relativePath.startsWith('/') || parts.some((part) => part === '' || part === '.' || part === '..')) {
    throw unsafe(relativePath, 'outside', relativePath);
  }
  return parts;
}

/**
 * Throws `unsafe-path` unless every existing folder on the way from the root
 * to `relativePath` is a real folder (no symbolic link) and the file itself,
 * if it exists, is a regular file. Returns the existing file's mode, if any.
 */
export function verifyRegisterPath(root: string, relativePath: string): { mode?: number } {
  const parts = partsOf(relativePath);
  let path = root;
  for (const [i, part] of parts.entries()) {
    path = join(path, part);
    const info = lstatOrUndefined(path);
    if (info === undefined) return {};
    const shown = parts.slice(0, i + 1).join('/');
    if (info.isSymbolicLink()) throw unsafe(relativePath, 'symlink', shown);
    const last = i === parts.length - 1;
    if (!last && !info.isDirectory()) throw unsafe(relativePath, 'not-a-folder', shown);
    if (last && !info.isFile()) throw unsafe(relativePath, 'not-a-file', shown);
    if (last) return { mode: info.mode & 0o7777 };
  }
  return {};
}

/** Creates the folders of `relativePath` one at a time, so none is created through a link. */
async function makeFolders(root: string, relativePath: string): Promise<void> {
  const parts = partsOf(relativePath).slice(0, -1);
  let path = root;
  for (const part of parts) {
    path = join(path, part);
    try {
      await mkdir(path);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw new SlussError('write-failed', { file: relativePath, detail: errorCode(error) ?? String(error) }, { cause: error });
    }
  }
  verifyRegisterPath(root, relativePath);
}

/** A new temp file beside `target`, written and flushed; opened exclusively, never through a link. */
async function writeTemp(target: string, relativePath: string, content: string | Uint8Array, mode: number): Promise<string> {
  const temp = join(dirname(target), `.${randomBytes(6).toString('hex')}.tmp`);
  tempFilesInFlight.add(temp);
  try {
    const flags = fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY | (fsConstants.O_NOFOLLOW ?? 0);
    const handle = await open(temp, flags, mode);
    try {
      await handle.writeFile(content);
      // The umask may have narrowed the mode; an existing file keeps exactly its own.
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return temp;
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    tempFilesInFlight.delete(temp);
    throw new SlussError('write-failed', { file: relativePath, detail: errorCode(error) ?? String(error) }, { cause: error });
  }
}

export interface RegisterWrite {
  /** `new`: never replace an existing file (`file-exists`); `replace`: create or replace it. */
  mode: 'new' | 'replace';
  /** File mode for a new file; an existing file keeps its own. Default 0644. */
  fileMode?: number;
}

/** Writes `relativePath` under `root` atomically, refusing links and special files on the way (see the module comment). */
export async function writeRegisterFile(root: string, relativePath: string, content: string | Uint8Array, options: RegisterWrite): Promise<void> {
  verifyRegisterPath(root, relativePath);
  await makeFolders(root, relativePath);
  const existing = verifyRegisterPath(root, relativePath);
  if (options.mode === 'new' && existing.mode !== undefined) throw new SlussError('file-exists', { file: relativePath });
  const target = join(root, relativePath);
  const temp = await writeTemp(target, relativePath, content, existing.mode ?? options.fileMode ?? 0o644);
  try {
    // link() fails when the target exists, which rename() would silently replace.
    if (options.mode === 'new') await link(temp, target);
    else await rename(temp, target);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') throw new SlussError('file-exists', { file: relativePath });
    throw new SlussError('write-failed', { file: relativePath, detail: errorCode(error) ?? String(error) }, { cause: error });
  } finally {
    // After a rename the temp name is gone and this does nothing; after a link or a failure it removes the temp file.
    await unlink(temp).catch(() => undefined);
    tempFilesInFlight.delete(temp);
  }
}
