/**
 * Files in the register's `.sluss/cache/` (git-ignored). Every cache there is
 * an optimisation: a missing, corrupt or unwritable file only costs speed.
 * Every cache is also untrusted: it is read only as a regular file reached
 * without a link, carries a checksum of what it holds, and is checked before
 * anything in it is believed; a cache that fails is rebuilt.
 */
import * as crypto from 'node:crypto';
import { closeSync, readFileSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { SlussError } from '../../core/errors.js';
import { ensureSlussDir, SLUSS_DIR } from './register-store.js';
import { openRegisterFile, writeRegisterFile } from './safe-write.js';
import type { FileContent } from './safe-write.js';

/** Node 20.12 and later hash in one call, without a Hash object: a cold run hashes every file twice. */
const hashOnce: ((algorithm: string, data: string, encoding: 'hex') => string) | undefined = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

export function contentHash(text: string): string {
  return hashOnce ? hashOnce('sha1', text, 'hex') : crypto.createHash('sha1').update(text).digest('hex');
}

function cacheRelativePath(name: string): string {
  return `${SLUSS_DIR}/cache/${name}`;
}

export function cacheFilePath(root: string, name: string): string {
  return join(root, SLUSS_DIR, 'cache', name);
}

/**
 * A descriptor of a cache file open for reading, or undefined when it is
 * missing or is not a regular file reached without a link (a link or FIFO
 * planted there is never followed or waited on). The caller closes it.
 */
export function openCacheFile(root: string, name: string): number | undefined {
  try {
    return openRegisterFile(root, cacheRelativePath(name));
  } catch {
    return undefined;
  }
}

/** A cache file's whole content, or undefined when it is missing or not safe to read. */
export function readCacheFile(root: string, name: string): Buffer | undefined {
  const fd = openCacheFile(root, name);
  if (fd === undefined) return undefined;
  try {
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** A cache file's JSON, or undefined when it is missing or not JSON. */
export function readCacheJson(root: string, name: string): unknown {
  try {
    const bytes = readCacheFile(root, name);
    return bytes === undefined ? undefined : (JSON.parse(bytes.toString('utf8')) as unknown);
  } catch {
    return undefined;
  }
}

/**
 * A checksum of what a cache holds, over pieces fed one after another: CRC-32
 * where Node has it (a 100 MB index in about 20 ms), SHA-1 otherwise. It finds
 * damage and edits, not forgery: whoever can write `.sluss/` can write the
 * idea files too.
 */
export class Checksum {
  readonly #crc32 = (zlib as { crc32?: (data: string | Uint8Array, value?: number) => number }).crc32;
  #crc = 0;
  readonly #sha1 = this.#crc32 ? undefined : crypto.createHash('sha1');

  update(piece: string | ArrayBufferView): this {
    // As bytes: given an Int32Array, crc32 would count its elements, not its bytes.
    const data = typeof piece === 'string' ? piece : new Uint8Array(piece.buffer, piece.byteOffset, piece.byteLength);
    // Skipped when empty: Node's crc32 of an empty view over an empty buffer returns 0, not the running value.
    if (data.length === 0) return this;
    if (this.#crc32) this.#crc = this.#crc32(data, this.#crc);
    else this.#sha1!.update(data);
    return this;
  }

  digest(): string {
    return this.#crc32 ? `crc32:${this.#crc.toString(16)}` : `sha1:${this.#sha1!.digest('hex')}`;
  }
}

export function checksumOf(...pieces: (string | ArrayBufferView)[]): string {
  const checksum = new Checksum();
  for (const piece of pieces) checksum.update(piece);
  return checksum.digest();
}

/**
 * Writes a cache file atomically (temp file, then rename) through the
 * register's safe writer; true when it was written. Pieces are written one
 * batch at a time, so a large cache is never one string or buffer in memory.
 * A link or special file left where the cache goes is removed, never written
 * through. Not flushed to disk: a cache torn by a crash fails its checksum and is rebuilt.
 */
export async function writeCacheFile(root: string, name: string, data: FileContent): Promise<boolean> {
  const path = cacheRelativePath(name);
  try {
    await ensureSlussDir(root, 'cache');
    try {
      await writeRegisterFile(root, path, data, { mode: 'replace', durable: false });
    } catch (error) {
      if (!(error instanceof SlussError && error.code === 'unsafe-path' && error.params['part'] === path)) throw error;
      await unlink(join(root, path));
      // A generator of pieces cannot be read twice; the cache is simply written next time.
      if (typeof data !== 'string' && !(data instanceof Uint8Array)) return false;
      await writeRegisterFile(root, path, data, { mode: 'replace', durable: false });
    }
    return true;
  } catch {
    return false;
  }
}
