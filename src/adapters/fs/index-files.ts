/**
 * The raw files of the saved similarity index, apart from the engine that
 * reads them: a command can start reading them before it loads the engine.
 */
import { close, closeSync, fstatSync, read, readFileSync } from 'node:fs';
import { openCacheFile } from './cache-files.js';
import { stampOfStats } from './file-stamp.js';
import type { FileStamp } from './file-stamp.js';
import type { SavedIndexFiles } from '../../app/ports/register-files.js';
export type { SavedIndexFiles };

export const INDEX_FILE = 'similarity-index.bin';
export const MANIFEST_FILE = 'similarity-index.manifest';

/**
 * Larger indexes are not read ahead: read early, the index would be in memory
 * together with everything a command reads before it ranks. At 50,000 ideas
 * (100 MB) an early read raised the peak of a warm `similar` from 235 to
 * 300 MiB, the memory goal.
 */
export const READ_AHEAD_MAX_BYTES = 40 * 1024 * 1024;

/** The manifest's text and its mtime in milliseconds, or undefined when it is missing or not safe to read. */
function readManifest(root: string): { manifest: string; writtenMs: number } | undefined {
  const fd = openCacheFile(root, MANIFEST_FILE);
  if (fd === undefined) return undefined;
  try {
    return { writtenMs: fstatSync(fd).mtimeMs, manifest: readFileSync(fd, 'utf8') };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Both files, or undefined when either is missing or unreadable, or the manifest is not `current`. */
export async function readSavedIndexFiles(root: string, current: (manifest: string) => boolean = () => true): Promise<SavedIndexFiles | undefined> {
  try {
    const read = readManifest(root);
    if (read === undefined || !current(read.manifest)) return undefined;
    const file = openWhole(root, INDEX_FILE);
    return file && { manifest: read.manifest, manifestWrittenMs: read.writtenMs, indexStamp: file.stamp, index: await readWhole(file) };
  } catch {
    return undefined;
  }
}

/**
 * Starts reading a saved index of at most `READ_AHEAD_MAX_BYTES`, so that the
 * read goes on while the command checks the idea files; undefined when there
 * is none or it is larger (it is then read when needed). `loadCachedIndex`
 * checks the pair later: a stale small index costs one wasted read.
 */
export function readSavedIndexAhead(root: string): Promise<SavedIndexFiles | undefined> | undefined {
  try {
    // The index is opened first to learn its size; a manifest from another save than the
    // index opened is told apart later by the digest the index carries.
    const file = openWhole(root, INDEX_FILE, READ_AHEAD_MAX_BYTES);
    if (file === undefined) return undefined;
    const read = readManifest(root);
    if (read === undefined) {
      closeSync(file.fd);
      return undefined;
    }
    // A failed read is a missing index (rebuilt); nobody awaits it when the command fails first.
    return readWhole(file).then(
      (index) => ({ manifest: read.manifest, manifestWrittenMs: read.writtenMs, indexStamp: file.stamp, index }),
      () => undefined,
    );
  } catch {
    return undefined;
  }
}

interface OpenFile {
  fd: number;
  /** As large as the file. */
  buffer: Buffer;
  stamp: FileStamp;
}

/** Opens a cache file (never through a link) with a buffer of its size; undefined when it is missing or larger than `maxBytes`. */
function openWhole(root: string, name: string, maxBytes = Number.POSITIVE_INFINITY): OpenFile | undefined {
  const fd = openCacheFile(root, name);
  if (fd === undefined) return undefined;
  try {
    const info = fstatSync(fd);
    const { size } = info;
    if (size > maxBytes) {
      closeSync(fd);
      return undefined;
    }
    return { fd, buffer: Buffer.allocUnsafe(size), stamp: stampOfStats(info) };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/**
 * Fills the buffer from the start of the file, then closes it. One `read`, not
 * `readFile`'s chunks of 512 KiB: each chunk is a round trip through the event
 * loop (200 for a 100 MB index), and while a command checks its idea files
 * without yielding, a chunked read ahead would stop after its first chunk.
 */
function readWhole({ fd, buffer }: OpenFile): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const readFrom = (offset: number) => {
      if (offset === buffer.length) {
        close(fd, () => resolve(buffer));
        return;
      }
      // A single read takes at most 2 GiB.
      read(fd, buffer, offset, Math.min(buffer.length - offset, 0x7fff_f000), offset, (error, bytesRead) => {
        if (error || bytesRead === 0) close(fd, () => reject(error ?? new Error('index file shorter than its size')));
        else readFrom(offset + bytesRead);
      });
    };
    readFrom(0);
  });
}
