/** Reading the saved index: ahead only when small, exactly its bytes, and never a manifest and index of two different saves. */
import { mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCachedIndex, saveCachedIndex } from '../../src/adapters/fs/index-cache.js';
import { INDEX_FILE, MANIFEST_FILE, READ_AHEAD_MAX_BYTES, readSavedIndexAhead } from '../../src/adapters/fs/index-files.js';
import { analyzeDoc, buildSimilarityIndex } from '../../src/core/similarity/index.js';
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

describe('loadCachedIndex', () => {
  it('takes an index and manifest only from the same save: a pair from two saves (a race) is rebuilt', async () => {
    const root = tempDir();
    const indexOf = (title: string) => buildSimilarityIndex([analyzeDoc({ id: '0ZZ-AAAA1', title, text: '' })]);
    await saveCachedIndex(root, indexOf('Snöröjning'), 'digest-a', { '0ZZ-AAAA1': 'a' });
    const firstIndex = readFileSync(join(root, '.sluss', 'cache', INDEX_FILE));
    expect((await loadCachedIndex(root))?.digest).toBe('digest-a');
    expect((await loadCachedIndex(root, readSavedIndexAhead(root)))?.digest).toBe('digest-a');

    await saveCachedIndex(root, indexOf('Solpaneler'), 'digest-b', { '0ZZ-AAAA1': 'b' });
    expect((await loadCachedIndex(root))?.digest).toBe('digest-b');
    // The second save's manifest with the first save's index.
    writeFileSync(join(root, '.sluss', 'cache', INDEX_FILE), firstIndex);
    expect(await loadCachedIndex(root)).toBeUndefined();
    expect(await loadCachedIndex(root, readSavedIndexAhead(root))).toBeUndefined();
  });
});
