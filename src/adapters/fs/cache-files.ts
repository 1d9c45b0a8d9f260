/**
 * Files in the register's `.sluss/cache/` (git-ignored). Every cache there is
 * an optimisation: a missing, corrupt or unwritable file only costs speed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureSlussDir } from './register-store.js';

const WRITE_BATCH_CHARS = 1 << 20;

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export function cacheFilePath(root: string, name: string): string {
  return join(root, '.sluss', 'cache', name);
}

/** A cache file's JSON, or undefined when it is missing or not JSON. */
export async function readCacheJson(root: string, name: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(cacheFilePath(root, name), 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Writes a cache file atomically (temp file, then rename); true when it was
 * written. Pieces are written one batch at a time, so a large cache is never
 * one string or buffer in memory.
 */
export async function writeCacheFile(root: string, name: string, data: string | Uint8Array | Iterable<string | Uint8Array>): Promise<boolean> {
  const target = cacheFilePath(root, name);
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await ensureSlussDir(root, 'cache');
    if (typeof data === 'string' || data instanceof Uint8Array) {
      await writeFile(temp, data);
    } else {
      const handle = await open(temp, 'wx');
      try {
        let batch = '';
        for (const piece of data) {
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
      } finally {
        await handle.close();
      }
    }
    await rename(temp, target);
    return true;
  } catch {
    await unlink(temp).catch(() => undefined);
    return false;
  }
}
