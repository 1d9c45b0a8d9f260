/** The caches never change an answer: cached and uncached results agree after every kind of change. */
import { existsSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listIdeas, similarIdeas } from '../../src/app/read.js';
import { scanRegister } from '../../src/app/duplicates.js';
import { loadIdeaRefs, openRegister } from '../../src/app/register.js';
import { loadSimilarityIndex } from '../../src/app/similarity-index.js';
import { validateRegister } from '../../src/app/validate.js';
import type { RegisterIndex } from '../../src/core/similarity/engine.js';
import { PackedStrings } from '../../src/core/similarity/strings.js';
import { testContext } from '../helpers/context.js';
import { createRegister, git, writeIdea } from '../helpers/registers.js';
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
