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
 *   file and an existing target keeps its mode;
 * - `createUniqueRegisterFile` makes a new file under a name not yet taken
 *   (recovery files), `ensureRegisterFolder` makes folders one part at a time
 *   and checks them (sluss's own `.sluss/`), and `openRegisterFile` opens a
 *   file for reading only when it is a regular file reached without a link.
 *
 * A link swapped in between the check and the rename by a process running
 * concurrently is outside what this guards against: such a process can write
 * the files itself.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, type Stats } from 'node:fs';
import { link, mkdir, open, rename, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SlussError } from '../../core/errors.js';
import { tempFilesInFlight } from './temp-files.js';

export type UnsafeReason = 'symlink' | 'not-a-folder' | 'not-a-file' | 'outside' | 'not-owned';

/** Flags of every file sluss creates: a new file only, never through a link. */
const CREATE_NEW = fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY | (fsConstants.O_NOFOLLOW ?? 0);
/** Flags for reading: never through a link, and a FIFO does not block the open. */
export const READ_SAFELY = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0);
/** Text is gathered into writes of about this size, so a large streamed file is never one string. */
const WRITE_BATCH_CHARS = 1 << 20;

/** What a file may be written from: text or bytes, or pieces of them one after another. */
export type FileContent = string | Uint8Array | Iterable<string | Uint8Array>;

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

/** What sluss was about to do with a path it refuses: the message says which. */
export type Access = 'write' | 'read';

export function unsafe(path: string, reason: UnsafeReason, part: string, access: Access = 'write'): SlussError {
  return new SlussError('unsafe-path', { file: path, reason, part, access });
}

/** The parts of a register path (`a/b/c.md`), refusing absolute paths and `..`. */
function partsOf(relativePath: string, access: Access = 'write'): string[] {
  const parts = relativePath.split('/');
  if (relativePath === '' || relativePath.startsWith('/') || parts.some((part) => part === '' || part === '.' || part === '..')) {
    throw unsafe(relativePath, 'outside', relativePath, access);
  }
  return parts;
}

/**
 * Throws `unsafe-path` unless every existing folder on the way from the root
 * to `relativePath` is a real folder (no symbolic link) and the file itself,
 * if it exists, is a regular file. Returns the existing file's mode, if any.
 */
export function verifyRegisterPath(root: string, relativePath: string, access: Access = 'write'): { mode?: number } {
  const parts = partsOf(relativePath, access);
  let path = root;
  for (const [i, part] of parts.entries()) {
    path = join(path, part);
    const info = lstatOrUndefined(path);
    if (info === undefined) return {};
    const shown = parts.slice(0, i + 1).join('/');
    if (info.isSymbolicLink()) throw unsafe(relativePath, 'symlink', shown, access);
    const last = i === parts.length - 1;
    if (!last && !info.isDirectory()) throw unsafe(relativePath, 'not-a-folder', shown, access);
    if (last && !info.isFile()) throw unsafe(relativePath, 'not-a-file', shown, access);
    if (last) return { mode: info.mode & 0o7777 };
  }
  return {};
}

/** Creates the folders of `relativePath` one at a time, so none is created through a link. */
async function makeFolders(root: string, relativePath: string): Promise<void> {
  await createFolders(root, partsOf(relativePath).slice(0, -1), relativePath, 0o777);
  verifyRegisterPath(root, relativePath);
}

async function createFolders(root: string, parts: readonly string[], shownPath: string, mode: number): Promise<void> {
  let path = root;
  for (const part of parts) {
    path = join(path, part);
    try {
      await mkdir(path, mode);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw new SlussError('write-failed', { file: shownPath, detail: errorCode(error) ?? String(error) }, { cause: error });
    }
  }
}

/**
 * Makes the folder `relativePath` (and those above it) one part at a time and
 * checks every part: a real folder, no link. With `ownedByMe`, the folder must
 * also belong to this process's user (on systems with user ids), so nobody
 * else can read or swap what sluss puts in it. Returns the folder's path.
 */
export async function ensureRegisterFolder(root: string, relativePath: string, options: { mode?: number; ownedByMe?: boolean } = {}): Promise<string> {
  await createFolders(root, partsOf(relativePath), relativePath, options.mode ?? 0o777);
  const path = verifyFolder(root, relativePath);
  const uid = process.getuid?.();
  if (options.ownedByMe && uid !== undefined && lstatSync(path).uid !== uid) throw unsafe(relativePath, 'not-owned', relativePath);
  // A folder made before (by hand, or by an older sluss with the umask's 0755) is narrowed to the mode asked for: it is ours, checked above.
  if (options.ownedByMe && options.mode !== undefined && (lstatSync(path).mode & 0o777 & ~options.mode) !== 0) chmodSync(path, options.mode);
  return path;
}

/** Throws `unsafe-path` unless every part of `relativePath` is a real folder (no link); returns its path. */
function verifyFolder(root: string, relativePath: string): string {
  const parts = partsOf(relativePath);
  let path = root;
  for (const [i, part] of parts.entries()) {
    path = join(path, part);
    const info = lstatOrUndefined(path);
    const shown = parts.slice(0, i + 1).join('/');
    if (info === undefined) throw new SlussError('write-failed', { file: relativePath, detail: 'ENOENT' });
    if (info.isSymbolicLink()) throw unsafe(relativePath, 'symlink', shown);
    if (!info.isDirectory()) throw unsafe(relativePath, 'not-a-folder', shown);
  }
  return path;
}

/**
 * Opens `relativePath` for reading: a descriptor only when every part of the
 * path is a real folder and the file a regular one (no link, FIFO or device);
 * undefined when it does not exist. The caller closes it.
 */
export function openRegisterFile(root: string, relativePath: string): number | undefined {
  if (verifyRegisterPath(root, relativePath, 'read').mode === undefined) return undefined;
  let fd: number;
  try {
    fd = openSync(join(root, relativePath), READ_SAFELY);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    if (errorCode(error) === 'ELOOP') throw unsafe(relativePath, 'symlink', relativePath, 'read');
    throw error;
  }
  // Checked again on the open file: a link or FIFO swapped in after the check above is refused too.
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw unsafe(relativePath, 'not-a-file', relativePath, 'read');
  }
  return fd;
}

/** A new temp file beside `target`, written and flushed; opened exclusively, never through a link. */
async function writeTemp(target: string, relativePath: string, content: FileContent, mode: number, durable: boolean): Promise<string> {
  const temp = join(dirname(target), `.${randomBytes(6).toString('hex')}.tmp`);
  tempFilesInFlight.add(temp);
  try {
    const handle = await open(temp, CREATE_NEW, mode);
    try {
      await writeContent(handle, content);
      // The umask may have narrowed the mode; an existing file keeps exactly its own.
      await handle.chmod(mode);
      if (durable) await handle.sync();
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

/** Writes text, bytes or a stream of pieces, text gathered into batches. */
async function writeContent(handle: FileHandle, content: FileContent): Promise<void> {
  if (typeof content === 'string' || content instanceof Uint8Array) {
    await handle.writeFile(content);
    return;
  }
  let batch = '';
  for (const piece of content) {
    if (typeof piece !== 'string') {
      if (batch !== '') await handle.writeFile(batch);
      batch = '';
      await handle.writeFile(piece);
      continue;
    }
    batch += piece;
    if (batch.length >= WRITE_BATCH_CHARS) {
      await handle.writeFile(batch);
      batch = '';
    }
  }
  await handle.writeFile(batch);
}

export interface RegisterWrite {
  /** `new`: never replace an existing file (`file-exists`); `replace`: create or replace it. */
  mode: 'new' | 'replace';
  /** File mode for a new file; an existing file keeps its own. Default 0644. */
  fileMode?: number;
  /**
   * Flushed to disk before it takes the target's place (default true). Caches and
   * the lock skip the flush: after a crash they are rebuilt or taken over, and
   * each flush costs tens of milliseconds on a busy disk.
   */
  durable?: boolean;
}

/** Writes `relativePath` under `root` atomically, refusing links and special files on the way (see the module comment). */
export async function writeRegisterFile(root: string, relativePath: string, content: FileContent, options: RegisterWrite): Promise<void> {
  verifyRegisterPath(root, relativePath);
  await makeFolders(root, relativePath);
  const existing = verifyRegisterPath(root, relativePath);
  if (options.mode === 'new' && existing.mode !== undefined) throw new SlussError('file-exists', { file: relativePath });
  const target = join(root, relativePath);
  const temp = await writeTemp(target, relativePath, content, existing.mode ?? options.fileMode ?? 0o644, options.durable ?? true);
  let renamed = false;
  try {
    // link() fails when the target exists, which rename() would silently replace.
    if (options.mode === 'new') await link(temp, target);
    else {
      await rename(temp, target);
      renamed = true;
    }
  } catch (error) {
    if (errorCode(error) === 'EEXIST') throw new SlussError('file-exists', { file: relativePath });
    throw new SlussError('write-failed', { file: relativePath, detail: errorCode(error) ?? String(error) }, { cause: error });
  } finally {
    // After a link or a failure the temp file is removed. After a rename its name is gone: unlinking it
    // would throw ENOENT at every save, and V8 keeps the last error thrown, with the objects its stack
    // frames were called on (the parsed-file cache with every idea's data: ~60 MiB at 50,000 ideas).
    if (!renamed) await unlink(temp).catch(() => undefined);
    tempFilesInFlight.delete(temp);
  }
}

/**
 * Creates a new file in the folder `relativeDir` ('' for `root` itself; it
 * must exist and be a real folder), exclusively and without following a link: under
 * `name`, or when that is taken under `name` with `-2`, `-3`, … before its
 * extension. Never replaces anything. Returns the path of the file made.
 */
export async function createUniqueRegisterFile(root: string, relativeDir: string, name: string, content: FileContent, fileMode: number): Promise<string> {
  const inDir = (file: string) => (relativeDir === '' ? file : `${relativeDir}/${file}`);
  if (relativeDir !== '') verifyFolder(root, relativeDir);
  if (partsOf(name).length !== 1) throw unsafe(inDir(name), 'outside', name);
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
    const candidate = attempt === 1 ? name : attempt < MAX_NAME_ATTEMPTS ? `${stem}-${attempt}${extension}` : `${stem}-${randomBytes(6).toString('hex')}${extension}`;
    const path = join(root, inDir(candidate));
    let handle: FileHandle;
    try {
      handle = await open(path, CREATE_NEW, fileMode);
    } catch (error) {
      // Taken (also by a link, which O_EXCL never follows): the next name.
      if (errorCode(error) === 'EEXIST') continue;
      throw new SlussError('write-failed', { file: inDir(candidate), detail: errorCode(error) ?? String(error) }, { cause: error });
    }
    try {
      await writeContent(handle, content);
      await handle.chmod(fileMode);
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => undefined);
      await unlink(path).catch(() => undefined);
      throw new SlussError('write-failed', { file: inDir(candidate), detail: errorCode(error) ?? String(error) }, { cause: error });
    }
    await handle.close();
    return path;
  }
  throw new SlussError('file-exists', { file: inDir(name) });
}

const MAX_NAME_ATTEMPTS = 20;
