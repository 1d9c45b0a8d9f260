/** The caches never change an answer: cached and uncached results agree after every kind of change. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listIdeas, similarIdeas } from '../../src/app/read.js';
import { scanRegister } from '../../src/app/duplicates.js';
import { ParsedFileCache } from '../../src/adapters/fs/parsed-file-cache.js';
import { loadIdeaRefs, loadIdeas, openRegister } from '../../src/app/register.js';
import { loadSimilarityIndex } from '../../src/app/similarity-index.js';
import { validateRegister } from '../../src/app/validate.js';
import type { RegisterIndex } from '../../src/core/similarity/engine.js';
import { PackedStrings } from '../../src/core/similarity/strings.js';
import { testContext } from '../helpers/context.js';
import { createRegister, git, tempDir, writeIdea } from '../helpers/registers.js';
import { SAMPLE_IDEAS } from '../helpers/registers.js';

const CACHE_FILES = ['parsed-ideas.tsv', 'config.json', 'similarity-index.bin', 'similarity-index.manifest'];
const queries = ['Digitala nycklar i hemtjänsten', 'Snöröjning karta', 'Solpaneler på skolans tak', '0ZZ-AAAA1'];

async function answers(root: string) {
  const ctx = testContext({ cwd: root });
  const similar = [];
  for (const query of queries) similar.push((await similarIdeas(ctx, query)).value.map((c) => [c.id, c.score, c.likelyDuplicate, c.title]));
  const list = (await listIdeas(ctx, {})).value.ideas.map((i) => [i.path, i.data.title, i.data.status]);
  const pairs = (await scanRegister(ctx, {})).pairs.map((p) => [p.a.data.id, p.b.data.id, p.score]);
  return { similar, list, pairs };
}

/** Cached answers (run twice, so the second run uses the caches) must equal answers without any cache. */
async function expectCacheAgrees(root: string) {
  await answers(root);
  const cached = await answers(root);
  for (const file of CACHE_FILES) expect(existsSync(join(root, '.sluss', 'cache', file)), file).toBe(true);
  rmSync(join(root, '.sluss', 'cache'), { recursive: true, force: true });
  expect(cached).toEqual(await answers(root));
}

describe('cache invalidation', () => {
  it('agrees after edits, deletes, renames, branch switches and a corrupt cache', async () => {
    const root = createRegister({ ideas: [...SAMPLE_IDEAS, { id: '0ZZ-AAAA4', title: 'Digitala lås för hemtjänstens brukare', municipality: 'hjo', problem: 'Nycklar till brukarna kommer bort i hemtjänsten.' }] });
    await expectCacheAgrees(root);

    const locks = 'ideas/0ZZ-AAAA1-digitala-las-i-hemtjansten.md';
    writeFileSync(join(root, locks), readFileSync(join(root, locks), 'utf8').replace('Digitala lås i hemtjänsten', 'Solpaneler på skolans tak'));
    await expectCacheAgrees(root);
    expect((await similarIdeas(testContext({ cwd: root }), 'Solpaneler på skolans tak')).value[0]!.id).toBe('0ZZ-AAAA1');

    unlinkSync(join(root, 'ideas/0ZZ-AAAA3-solceller-pa-forskolornas-tak.md'));
    await expectCacheAgrees(root);

    renameSync(join(root, 'ideas/0ZZ-AAAA2-karta-over-snorojningen-i-realtid.md'), join(root, 'ideas/0ZZ-AAAA2-snokarta.md'));
    await expectCacheAgrees(root);
    expect((await listIdeas(testContext({ cwd: root }), {})).value.ideas.map((i) => i.path)).toContain('ideas/0ZZ-AAAA2-snokarta.md');

    git(root, 'stash', '--include-untracked', '--quiet');
    git(root, 'switch', '--quiet', '-c', 'annan');
    writeIdea(root, { id: '0ZZ-AAAA5', title: 'Karta som visar var plogbilarna är', municipality: 'vara', problem: 'Invånarna vill veta när gatan plogas.' });
    git(root, 'add', '-A');
    git(root, 'commit', '--quiet', '-m', 'annan gren');
    await expectCacheAgrees(root);
    git(root, 'switch', '--quiet', 'main');
    await expectCacheAgrees(root);

    for (const file of CACHE_FILES) {
      await answers(root);
      writeFileSync(join(root, '.sluss', 'cache', file), 'trasig');
      await expectCacheAgrees(root);
    }
    // A cache whose header is right but whose lines are cut short.
    await answers(root);
    const parsedIdeas = join(root, '.sluss', 'cache', 'parsed-ideas.tsv');
    writeFileSync(parsedIdeas, readFileSync(parsedIdeas, 'utf8').split('\n').map((line, index) => (index === 2 ? line.slice(0, 20) : line)).join('\n'));
    await expectCacheAgrees(root);

    // Damaged verdicts: one byte gone (the lengths no longer add up), or a verdict that no longer parses.
    const uncached = async () => {
      rmSync(join(root, '.sluss', 'cache'), { recursive: true, force: true });
      return answers(root);
    };
    const expected = await uncached();
    await answers(root);
    const verdictsStart = readFileSync(parsedIdeas, 'latin1').indexOf('\n') + 1;
    const damage = (edit: (text: string) => string) => writeFileSync(parsedIdeas, edit(readFileSync(parsedIdeas, 'latin1')), 'latin1');
    damage((text) => text.slice(0, verdictsStart + 5) + text.slice(verdictsStart + 6));
    expect(await answers(root)).toEqual(expected);
    damage((text) => `${text.slice(0, verdictsStart)}#${text.slice(verdictsStart + 1)}`);
    expect(await answers(root)).toEqual(expected);
    expect(readFileSync(parsedIdeas, 'latin1').charAt(verdictsStart), 'the damaged verdict is made again and saved').toBe('{');
    await expectCacheAgrees(root);
  });

  it('gives the same answers when the cache cannot be written, and reads back the index it saved', async () => {
    const root = createRegister({ ideas: SAMPLE_IDEAS });
    const expected = await answers(root);
    // A file where the cache folder should be: nothing can be saved, so every run builds its own.
    rmSync(join(root, '.sluss', 'cache'), { recursive: true, force: true });
    writeFileSync(join(root, '.sluss', 'cache'), 'ingen mapp');
    expect(await answers(root)).toEqual(expected);
    expect(await answers(root)).toEqual(expected);
    // Once the folder can be made again, a cold run saves the index and answers from what it saved:
    // its strings packed in the saved bytes, not the built index's array of strings.
    rmSync(join(root, '.sluss', 'cache'), { force: true });
    const register = await openRegister(testContext({ cwd: root }));
    const { refs } = await loadIdeaRefs(register, { wholeRegister: true });
    const index = (await loadSimilarityIndex(register, refs)) as RegisterIndex;
    expect(existsSync(join(root, '.sluss', 'cache', 'similarity-index.bin'))).toBe(true);
    expect(index.data.surfaces).toBeInstanceOf(PackedStrings);
    expect(await answers(root)).toEqual(expected);
  });

  it('follows edits of sluss.yaml, and never lets the cache hide an invalid one', async () => {
    const root = createRegister({ ideas: SAMPLE_IDEAS });
    const ctx = testContext({ cwd: root });
    await expectCacheAgrees(root);
    const config = join(root, 'sluss.yaml');
    const original = readFileSync(config, 'utf8');
    const unknownMunicipalities = async () => (await validateRegister(ctx, [])).problems.filter((p) => p.code === 'unknown-municipality').length;
    expect(await unknownMunicipalities()).toBe(0);
    // Without Skövde in sluss.yaml, its ideas name an unknown municipality.
    writeFileSync(config, original.split('\n').filter((line) => !line.includes('code: skovde')).join('\n'));
    expect(await unknownMunicipalities()).toBeGreaterThan(0);
    await expectCacheAgrees(root);
    writeFileSync(config, `${original}\nstages: [inte, en, lista, av, steg]\n`);
    await expect(listIdeas(ctx, {})).rejects.toMatchObject({ code: 'config-invalid' });
    await expect(listIdeas(ctx, {})).rejects.toMatchObject({ code: 'config-invalid' });
    writeFileSync(config, original);
    expect(await unknownMunicipalities()).toBe(0);
  });
});

/** Every idea file's modification time far in the past, as if written long ago. */
function ageIdeaFiles(root: string): Date {
  const long = new Date('2020-01-01T00:00:00Z');
  for (const name of readdirSync(join(root, 'ideas'))) utimesSync(join(root, 'ideas', name), long, long);
  return long;
}

/** Time passes: the cache file was written well after every idea file changed, so none of them is racy. */
function cacheWrittenLater(root: string): void {
  const later = new Date(Date.now() + 60_000);
  utimesSync(join(root, '.sluss', 'cache', 'parsed-ideas.tsv'), later, later);
}

describe('the similarity index follows the text, not the front matter', () => {
  it('a change of stage or participants leaves the saved index as it was; an edit of the text is taken in, and the answers agree', async () => {
    const root = createRegister();
    const ctx = testContext({ cwd: root });
    const index = join(root, '.sluss', 'cache', 'similarity-index.bin');
    await similarIdeas(ctx, 'Digitala nycklar i hemtjänsten');
    const saved = readFileSync(index);
    const locks = join(root, 'ideas', readdirSync(join(root, 'ideas')).find((name) => name.startsWith('0ZZ-AAAA1'))!);
    // What move and join change: the front matter only.
    writeFileSync(locks, readFileSync(locks, 'utf8').replace('status: inkommen', 'status: forsta-bedomning'));
    await similarIdeas(ctx, 'Digitala nycklar i hemtjänsten');
    expect(readFileSync(index).equals(saved), 'a front-matter change: the index is not taken apart and saved again').toBe(true);

    writeFileSync(locks, `${readFileSync(locks, 'utf8')}\nNycklar till brukarna försvinner varje vecka.\n`);
    await similarIdeas(ctx, 'Digitala nycklar i hemtjänsten');
    expect(readFileSync(index).equals(saved), 'an edit of the text: the index takes it in').toBe(false);
    await expectCacheAgrees(root);
  });
});

describe('an edit that keeps size and modification time (cp -p, touch -r)', () => {
  const locks = 'ideas/0ZZ-AAAA1-digitala-las-i-hemtjansten.md';

  it.each([
    ['touch -r', (root: string, edited: string, reference: string) => {
      writeFileSync(join(root, locks), edited);
      execFileSync('touch', ['-r', reference, join(root, locks)]);
    }],
    ['cp -p', (root: string, edited: string, reference: string) => {
      const copy = join(tempDir(), 'copy.md');
      writeFileSync(copy, edited);
      execFileSync('touch', ['-r', reference, copy]);
      execFileSync('cp', ['-p', copy, join(root, locks)]);
    }],
  ])('is seen by validate and list after %s', async (_, edit) => {
    const root = createRegister();
    ageIdeaFiles(root);
    const ctx = testContext({ cwd: root });
    expect((await validateRegister(ctx, [])).problems).toEqual([]);
    const reference = join(tempDir(), 'reference');
    writeFileSync(reference, '');
    execFileSync('touch', ['-r', join(root, locks), reference]);
    const before = statSync(join(root, locks));
    // Same length: an unknown stage, an unknown municipality and another title.
    const edited = readFileSync(join(root, locks), 'utf8').replaceAll('status: inkommen', 'status: okaendaa').replaceAll('municipality: skovde', 'municipality: xxxxxx').replace('Digitala lås i', 'Smartare lås i');
    edit(root, edited, reference);
    const after = statSync(join(root, locks));
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
    cacheWrittenLater(root);

    const codes = (await validateRegister(ctx, [])).problems.map((p) => `${p.file}:${p.code}`);
    expect(codes).toContain(`${locks}:unknown-stage`);
    expect(codes).toContain(`${locks}:unknown-municipality`);
    expect((await listIdeas(ctx, {})).value.ideas.find((idea) => idea.path === locks)?.data.title).toBe('Smartare lås i hemtjänsten');
  });

  it('trusts a stamp only for a file changed before the cache was written (git\'s racy rule)', async () => {
    const root = createRegister();
    const register = await openRegister(testContext({ cwd: root }));
    await loadIdeas(register);
    const trusted = async () => {
      const cache = await ParsedFileCache.open(root, register.configText);
      const hit = cache.lookupByStamp(locks, register.store.stampOf(locks)!);
      cache.release();
      return hit !== undefined;
    };
    // The cache file written in the very tick the idea last changed: racy whatever the margin.
    const changed = statSync(join(root, locks));
    const tick = new Date(Math.max(changed.mtimeMs, changed.ctimeMs));
    utimesSync(join(root, '.sluss', 'cache', 'parsed-ideas.tsv'), tick, tick);
    expect(await trusted(), 'written in the same tick: racy').toBe(false);
    cacheWrittenLater(root);
    expect(await trusted()).toBe(true);
  });
});

describe('a cache that was edited or damaged but still well-formed', () => {
  const cacheFile = (root: string, name: string) => join(root, '.sluss', 'cache', name);
  /** Changes one character at `at` (in latin1), keeping the length: every structure still parses. */
  const alter = (root: string, name: string, find: (text: string) => number) => {
    const text = readFileSync(cacheFile(root, name), 'latin1');
    const at = find(text);
    expect(at, name).toBeGreaterThanOrEqual(0);
    const replaced = text[at] === '1' ? '2' : '1';
    writeFileSync(cacheFile(root, name), text.slice(0, at) + replaced + text.slice(at + 1), 'latin1');
  };

  it('is found out and rebuilt: no crash, and the answers without a cache', async () => {
    const root = createRegister({ ideas: [...SAMPLE_IDEAS, { id: '0ZZ-AAAA4', title: 'Digitala lås för hemtjänstens brukare', municipality: 'hjo', problem: 'Nycklar till brukarna kommer bort i hemtjänsten.' }] });
    rmSync(join(root, '.sluss'), { recursive: true, force: true });
    const expected = await answers(root);
    const edits: [string, (text: string) => number][] = [
      // An id in the summary line made equal to another idea's (bogus duplicate pairs), a verdict's title, a stage in sluss.yaml's cache,
      // the manifest's record of which text the index holds, and the index's own bytes.
      ['parsed-ideas.tsv', (text) => text.lastIndexOf('0ZZ-AAAA2') + 8],
      ['parsed-ideas.tsv', (text) => text.indexOf('"title":"') + 9],
      ['config.json', (text) => text.indexOf('inkommen')],
      ['similarity-index.manifest', (text) => text.indexOf('0ZZ-AAAA3') + 12],
      ['similarity-index.bin', (text) => Math.floor(text.length / 2)],
    ];
    for (const [name, find] of edits) {
      await answers(root);
      alter(root, name, find);
      expect(await answers(root), name).toEqual(expected);
      expect(await answers(root), `${name}, saved again`).toEqual(expected);
    }
  });

  it('an index edited long after it was saved is still checked: its stamp no longer matches', async () => {
    const root = createRegister();
    const solar = async () => (await similarIdeas(testContext({ cwd: root }), 'Solceller på förskolornas tak')).value.map((c) => [c.id, c.score]);
    const expected = await solar();
    expect(expected[0]).toEqual(['0ZZ-AAAA3', 1]);
    // The manifest written a minute later: the index's stamp is not racy, and an unchanged index would be trusted by it.
    const later = new Date(Date.now() + 60_000);
    utimesSync(cacheFile(root, 'similarity-index.manifest'), later, later);
    const index = cacheFile(root, 'similarity-index.bin');
    const reference = join(tempDir(), 'reference');
    writeFileSync(reference, '');
    execFileSync('touch', ['-r', index, reference]);
    const before = statSync(index, { bigint: true });
    // The indexed word the query needs, changed in place; the file keeps its size and modification time to the nanosecond.
    alter(root, 'similarity-index.bin', (text) => text.indexOf('solcell'));
    execFileSync('touch', ['-r', reference, index]);
    const after = statSync(index, { bigint: true });
    expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs]);
    expect(await solar()).toEqual(expected);
  });

  it('never follows a link or waits on a FIFO planted where a cache file goes', async () => {
    const root = createRegister();
    const expected = await answers(root);
    const outside = join(tempDir(), 'outside.tsv');
    writeFileSync(outside, 'do not touch\n');
    unlinkSync(cacheFile(root, 'parsed-ideas.tsv'));
    symlinkSync(outside, cacheFile(root, 'parsed-ideas.tsv'));
    unlinkSync(cacheFile(root, 'config.json'));
    execFileSync('mkfifo', [cacheFile(root, 'config.json')]);
    expect(await answers(root)).toEqual(expected);
    expect(readFileSync(outside, 'utf8')).toBe('do not touch\n');
    expect(readdirSync(join(root, '.sluss', 'cache')).sort()).toEqual([...CACHE_FILES].sort());
    expect(statSync(cacheFile(root, 'parsed-ideas.tsv')).isFile()).toBe(true);
  });
});
