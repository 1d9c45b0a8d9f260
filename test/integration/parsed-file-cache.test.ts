/** The parsed-file cache reads its verdicts only when asked, and always from the file it opened. */
import { existsSync, readdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COARSE_RACY_MARGIN_MS, FINE_RACY_MARGIN_MS, isRacy, racyMarginFor } from '../../src/adapters/fs/file-stamp.js';
import { changesWorthASave, ParsedFileCache } from '../../src/adapters/fs/parsed-file-cache.js';
import { tempDir } from '../helpers/registers.js';

const CONFIG = 'register: Test\n';
/** A file last changed long before any cache is written: never racy. */
const stamp = { key: '10:1000:1000:7:1', changedMs: 1000 };
const verdict = (title: string) => ({ problems: [], idea: { data: { id: '0ZZ-AAAA1', title, municipality: 'hjo', created: '2026-01-02' } as never } });

async function savedCache(root: string, title: string): Promise<void> {
  const cache = await ParsedFileCache.open(root, CONFIG);
  cache.remember('ideas/a.md', 'hash-a', verdict(title), stamp);
  await cache.save();
  cache.release();
}

describe('ParsedFileCache', () => {
  it('gives the summaries without reading verdicts, and a verdict from the file it opened even after another run replaced it', async () => {
    const root = tempDir();
    await savedCache(root, 'Första');
    const file = join(root, '.sluss', 'cache', 'parsed-ideas.tsv');
    const first = readFileSync(file);

    const cache = await ParsedFileCache.open(root, CONFIG);
    const hit = cache.lookupByStamp('ideas/a.md', stamp);
    expect(hit?.summary).toEqual({ id: '0ZZ-AAAA1', municipality: 'hjo', created: '2026-01-02' });
    // Another run saves a new cache over it (a rename, as every save does).
    await savedCache(root, 'Andra');
    expect(readFileSync(file).equals(first)).toBe(false);
    expect(hit?.check()?.idea?.data.title).toBe('Första');
    cache.release();
    expect(hit?.check()?.idea?.data.title, 'read before the release, so kept').toBe('Första');
  });

  it('lets go of its entries when released, while the hits it handed out keep their verdicts', async () => {
    const cache = await ParsedFileCache.open(tempDir(), CONFIG);
    const hit = cache.remember('ideas/a.md', 'hash-a', verdict('Kvar'), stamp);
    expect(cache.size).toBe(1);
    cache.release();
    // Anything still holding the cache (at 50,000 ideas, the stack of an error V8 kept) holds no idea data through it.
    expect(cache.size).toBe(0);
    expect(hit.check()?.idea?.data.title).toBe('Kvar');
  });

  it('knows no verdict it was released before reading, and its file is then checked again', async () => {
    const root = tempDir();
    await savedCache(root, 'Första');
    const cache = await ParsedFileCache.open(root, CONFIG);
    const hit = cache.lookupByStamp('ideas/a.md', stamp);
    cache.release();
    expect(hit?.summary?.id).toBe('0ZZ-AAAA1');
    expect(hit?.check()).toBeUndefined();
  });

  it('starts empty from a file cut anywhere', async () => {
    const root = tempDir();
    await savedCache(root, 'Första');
    const file = join(root, '.sluss', 'cache', 'parsed-ideas.tsv');
    const whole = readFileSync(file);
    for (const length of [0, 1, 20, Math.floor(whole.length / 2), whole.length - 3, whole.length - 1]) {
      writeFileSync(`${file}.cut`, whole.subarray(0, length));
      renameSync(`${file}.cut`, file);
      const cache = await ParsedFileCache.open(root, CONFIG);
      expect(cache.size, `cut at ${length}`).toBe(0);
      cache.release();
    }
  });
});

describe('ParsedFileCache saves when enough changed', () => {
  it('saves every change up to 50 ideas, then after about sqrt(ideas / 50) of them', () => {
    expect([1, 50, 51, 1_000, 10_000, 50_000].map(changesWorthASave)).toEqual([1, 1, 2, 5, 15, 32]);
  });

  it('in a cache of 1,000 files, leaves one change unsaved (the next run checks that file again), and saves at five', async () => {
    const root = tempDir();
    const file = join(root, '.sluss', 'cache', 'parsed-ideas.tsv');
    const paths = Array.from({ length: 1_000 }, (_, i) => `ideas/${String(i).padStart(4, '0')}.md`);
    const cold = await ParsedFileCache.open(root, CONFIG);
    for (const path of paths) cold.remember(path, `hash-${path}`, verdict('Första'), stamp);
    await cold.save();
    cold.release();
    const saved = readFileSync(file);

    const changeFiles = async (count: number) => {
      const cache = await ParsedFileCache.open(root, CONFIG);
      for (const path of paths.slice(0, count)) cache.remember(path, `new-hash-${path}`, verdict('Ändrad'), stamp);
      await cache.save();
      cache.release();
    };
    await changeFiles(4);
    expect(readFileSync(file).equals(saved), 'four changes: not worth a save').toBe(true);
    const next = await ParsedFileCache.open(root, CONFIG);
    expect(next.lookup(paths[0]!, `new-hash-${paths[0]!}`), 'the unsaved change is not taken from the cache').toBeUndefined();
    next.release();

    await changeFiles(5);
    expect(readFileSync(file).equals(saved)).toBe(false);
    const after = await ParsedFileCache.open(root, CONFIG);
    expect(after.lookup(paths[4]!, `new-hash-${paths[4]!}`)?.check()?.idea?.data.title).toBe('Ändrad');
    after.release();
  });
});

describe('ParsedFileCache and racy entries', () => {
  it('drops the stamp of a racy entry nobody looked at when it saves again (git\'s smudging), and keeps the others', async () => {
    const root = tempDir();
    const file = join(root, '.sluss', 'cache', 'parsed-ideas.tsv');
    // Changed as the cache is written (its time a second ahead, so a slow save cannot age it): racy against it.
    const now = Date.now() + 1000;
    const racy = { key: `10:${now}:${now}:8:1`, changedMs: now };
    const first = await ParsedFileCache.open(root, CONFIG);
    first.remember('ideas/racy.md', 'hash-r', verdict('Racy'), racy);
    first.remember('ideas/a.md', 'hash-a', verdict('Gammal'), stamp);
    await first.save();
    first.release();

    const second = await ParsedFileCache.open(root, CONFIG);
    expect(second.lookupByStamp('ideas/racy.md', racy), 'racy: to be read again').toBeUndefined();
    expect(second.lookupByStamp('ideas/a.md', stamp)?.hash).toBe('hash-a');
    second.remember('ideas/b.md', 'hash-b', verdict('Ny'), stamp);
    await second.save();
    second.release();

    // However much later the cache now looks written, the racy entry that was not checked again is not trusted by its stamp.
    const later = new Date(Date.now() + 3_600_000);
    utimesSync(file, later, later);
    const third = await ParsedFileCache.open(root, CONFIG);
    expect(third.lookupByStamp('ideas/racy.md', racy)).toBeUndefined();
    expect(third.lookup('ideas/racy.md', 'hash-r')?.hash, 'its verdict is kept for a check by content').toBe('hash-r');
    expect(third.lookupByStamp('ideas/a.md', stamp)?.hash).toBe('hash-a');
    third.release();
  });
});

describe.runIf(existsSync('/proc/self/fd'))('ParsedFileCache and its file descriptor', () => {
  const openFiles = () => readdirSync('/proc/self/fd').length;

  it('is closed by a save, by release, and at once when a column is damaged', async () => {
    const root = tempDir();
    await savedCache(root, 'Första');
    const file = join(root, '.sluss', 'cache', 'parsed-ideas.tsv');
    const before = openFiles();

    const saving = await ParsedFileCache.open(root, CONFIG);
    expect(openFiles()).toBe(before + 1);
    saving.remember('ideas/b.md', 'hash-b', verdict('Ny'), stamp);
    await saving.save();
    expect(openFiles(), 'closed before the new file replaces it').toBe(before);
    expect((await ParsedFileCache.open(root, CONFIG)).lookupByStamp('ideas/a.md', stamp)?.check()?.idea?.data.title, 'kept verdicts saved again').toBe('Första');

    const text = readFileSync(file, 'latin1');
    writeFileSync(file, text.replace('"hash":["hash-a"', '"hash":[""'), 'latin1');
    for (let i = 0; i < 3; i += 1) expect((await ParsedFileCache.open(root, CONFIG)).size).toBe(0);
    expect(openFiles()).toBe(before);
  });
});

describe('the racy margin follows the file system\'s clock', () => {
  const written = 1_764_000_000_000;
  it('is the coarse one where a record was written on a whole second, the fine one where its time has a fraction', () => {
    expect(racyMarginFor(written)).toBe(COARSE_RACY_MARGIN_MS);
    expect(racyMarginFor(written + 0.25)).toBe(FINE_RACY_MARGIN_MS);
    expect(racyMarginFor(written + 437.000512)).toBe(FINE_RACY_MARGIN_MS);
  });

  it('takes a file changed half a second before a record as racy on whole seconds only, and one changed after it as racy everywhere', () => {
    expect(isRacy(written - 500, written)).toBe(true);
    expect(isRacy(written - 500 + 0.25, written + 0.25)).toBe(false);
    expect(isRacy(written + 0.25 - FINE_RACY_MARGIN_MS / 2, written + 0.25)).toBe(true);
    for (const at of [written, written + 0.25]) expect(isRacy(at + 1, at)).toBe(true);
  });
});
