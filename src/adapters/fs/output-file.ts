/**
 * Files the user names with `report --out`: outside the register, so written
 * as a shell's `>` would write them, but a regular file atomically.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, fstatSync, write } from 'node:fs';
import { lstat, mkdir, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { SlussError } from '../../core/errors.js';

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/**
 * Writes a file the user named with --out. A regular file, new or existing,
 * is written in one step: a temp file beside it, flushed, then renamed over
 * it; an existing file keeps its mode (a 0600 report stays private). Anything
 * else is written in place, as a shell's `>` would: a FIFO, a character
 * device (/dev/null, a terminal), /dev/stdout (through the process's own
 * descriptor, also when it is a socket) and everything else under /dev or
 * /proc, where a rename would replace the device or pipe with a plain file.
 * A block device (a disk) is refused. --out is the user's own path, outside
 * the register, so a link to a regular file is followed as editors and
 * shells follow it: the file it names is replaced and the link kept.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const target = resolve(path);
  let info: Stats | undefined;
  try {
    info = await stat(target);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw writeFailed(path, error);
    if ((await lstat(target).catch(() => undefined))?.isSymbolicLink()) throw new SlussError('output-refused', { file: path, reason: 'dangling-link' });
  }
  if (info?.isBlockDevice()) throw new SlussError('output-refused', { file: path, reason: 'block-device' });
  // /dev/stdout or /dev/stderr, whatever they are (a socket cannot be opened by name): written through the process's own descriptor.
  const ownOutput = info && [1, 2].find((fd) => sameFile(fd, info));
  if (ownOutput !== undefined) return writeToDescriptor(path, ownOutput, content);
  if (info !== undefined && !info.isFile() && !info.isDirectory()) return writeInPlace(path, target, content, 0);
  if (info?.isFile() && /^\/(?:dev|proc)\//.test(await realpath(target).catch(() => target))) return writeInPlace(path, target, content, fsConstants.O_TRUNC);
  const real = info ? await realpath(target).catch(() => target) : target;
  const temp = join(dirname(real), `.${basename(real)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o666);
    try {
      await handle.writeFile(content);
      // An existing file keeps exactly its mode; a new one gets the usual 0666 less the umask.
      if (info) await handle.chmod(info.mode & 0o7777);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, real);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw writeFailed(path, error);
  }
}

/** Writes into a FIFO or device as it is: opened for writing (a FIFO waits for its reader), never replaced. */
async function writeInPlace(shown: string, target: string, content: string | Uint8Array, extraFlags: number): Promise<void> {
  try {
    const handle = await open(target, fsConstants.O_WRONLY | (fsConstants.O_NOCTTY ?? 0) | extraFlags);
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw writeFailed(shown, error);
  }
}

function sameFile(fd: number, info: Stats): boolean {
  try {
    const open = fstatSync(fd);
    return open.dev === info.dev && open.ino === info.ino;
  } catch {
    return false;
  }
}

/** Writes all of `content` to an open descriptor, waiting while a pipe that was set not to block is full. */
async function writeToDescriptor(shown: string, fd: number, content: string | Uint8Array): Promise<void> {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  for (let done = 0; done < bytes.length; ) {
    try {
      done += await new Promise<number>((resolve, reject) => write(fd, bytes, done, bytes.length - done, null, (error, written) => (error ? reject(error) : resolve(written))));
    } catch (error) {
      if (errorCode(error) !== 'EAGAIN') throw writeFailed(shown, error);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

function writeFailed(file: string, error: unknown): SlussError {
  return new SlussError('write-failed', { file, detail: errorCode(error) ?? String(error) }, { cause: error });
}

/** True when `path` names a folder: it ends with a slash or is an existing directory. */
export async function isDirectoryTarget(path: string): Promise<boolean> {
  if (/[\\/]$/.test(path)) return true;
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Writes several files into a folder (created when missing), each atomically. */
export async function writeFilesAtomic(dir: string, files: readonly { name: string; content: string | Uint8Array }[]): Promise<string[]> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new SlussError('write-failed', { file: dir, detail: errorCode(error) ?? String(error) }, { cause: error });
  }
  const written: string[] = [];
  for (const file of files) {
    const path = join(dir, file.name);
    await writeFileAtomic(path, file.content);
    written.push(path);
  }
  return written;
}
