/** Reading the saved index ahead: only a small one, and exactly its bytes. */
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDEX_FILE, MANIFEST_FILE, READ_AHEAD_MAX_BYTES, readSavedIndexAhead } from '../../src/adapters/fs/index-files.js';
import { tempDir } from '../helpers/registers.js';

function cacheDir(): { root: string; dir: string } {
  const root = tempDir();
  const dir = join(root, '.sluss', 'cache');
  mkdirSync(dir, { recursive: true });
  return { root, dir };
}

describe('readSavedIndexAhead', () => {
  it('reads a small index and its manifest whole', async () => {
    const { root, dir } = cacheDir();
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 31) & 0xff));
    writeFileSync(join(dir, INDEX_FILE), bytes);
    writeFileSync(join(dir, MANIFEST_FILE), '{"digest":"x"}\n{}');
    const files = await readSavedIndexAhead(root);
    expect(files?.manifest).toBe('{"digest":"x"}\n{}');
    expect(files?.index.equals(bytes)).toBe(true);
  });

  it('leaves a large index, or a missing one, to be read when needed', async () => {
    const { root, dir } = cacheDir();
    expect(readSavedIndexAhead(root)).toBeUndefined();
    writeFileSync(join(dir, MANIFEST_FILE), '{}\n{}');
    writeFileSync(join(dir, INDEX_FILE), '');
    // Sparse: no 40 MB are written to disk.
    truncateSync(join(dir, INDEX_FILE), READ_AHEAD_MAX_BYTES + 1);
    expect(readSavedIndexAhead(root)).toBeUndefined();
  });

  it('gives undefined, not an error, when the manifest is missing', async () => {
    const { root, dir } = cacheDir();
    writeFileSync(join(dir, INDEX_FILE), 'abc');
    expect(await (readSavedIndexAhead(root) ?? Promise.resolve(undefined))).toBeUndefined();
  });
});
