import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analyzeDoc,
  buildSimilarityIndex,
  deserializeSimilarityIndex,
  type DuplicatePairOptions,
  type PairSkip,
  type SimilarityDoc,
  type SimilarityIndex,
} from '../../../src/core/similarity/index.js';
import { evalSetExists, SHARED_EVAL_DIR } from '../../../bench/lib/eval-sets.js';
import { PendingCache } from '../../../src/core/similarity/pairs.js';
import { REGISTER } from './fixtures.js';

interface Flagged {
  /** The confidence and score of each direction that flags the pair. */
  found: { score: number; confidence: number }[];
}

/** Unordered pairs flagged by findSimilar on each doc's own text (the doc itself excluded), and each doc's most confident one. */
function pairsBySearch(index: SimilarityIndex, docs: readonly SimilarityDoc[], threshold: number, skip?: PairSkip<string>) {
  const pairs = new Map<string, Flagged>();
  const best = new Set<string>();
  for (const doc of docs) {
    const exclude = new Set([doc.id]);
    if (skip) for (const other of docs) if (other.id !== doc.id && skip.pair(skip.of(doc.id), skip.of(other.id))) exclude.add(other.id);
    const flagged = index.findSimilar(doc, { limit: 30, threshold, exclude }).filter((candidate) => candidate.likelyDuplicate);
    flagged.sort((x, y) => y.confidence - x.confidence || y.score - x.score || (x.id < y.id ? -1 : 1));
    flagged.forEach((candidate, rank) => {
      const key = [doc.id, candidate.id].sort().join(' ');
      if (rank === 0) best.add(key);
      const entry = pairs.get(key) ?? { found: [] };
      entry.found.push({ score: candidate.score, confidence: candidate.confidence });
      pairs.set(key, entry);
    });
  }
  return { pairs, best };
}

/** The groups of docs linked by pairs, each sorted, in order. */
function groupsOf(keys: Iterable<string>): string[][] {
  const parent = new Map<string, string>();
  const find = (id: string): string => (parent.get(id) === undefined || parent.get(id) === id ? id : find(parent.get(id) as string));
  for (const key of keys) {
    const [a, b] = key.split(' ') as [string, string];
    const [ra, rb] = [find(a), find(b)];
    parent.set(ra, ra);
    parent.set(rb, rb);
    if (ra !== rb) parent.set(rb, ra);
  }
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) groups.set(find(id), [...(groups.get(find(id)) ?? []), id]);
  return [...groups.values()].map((group) => group.sort()).sort((x, y) => (x[0] as string).localeCompare(y[0] as string));
}

function pairsByScan(index: SimilarityIndex, options: DuplicatePairOptions<string>) {
  const pairs = index.findDuplicatePairs(options);
  for (const pair of pairs) expect(pair.a < pair.b).toBe(true);
  return new Map(pairs.map((pair) => [`${pair.a} ${pair.b}`, { score: pair.score, confidence: pair.confidence }]));
}

/**
 * The scan agrees with findSimilar: its groups are those of all the pairs
 * findSimilar flags, it keeps each doc's most confident flagged pair, and
 * every pair it reports is flagged by findSimilar in a direction with the same
 * score and confidence.
 */
function expectAgreement(scan: ReturnType<typeof pairsByScan>, search: ReturnType<typeof pairsBySearch>) {
  expect(groupsOf(scan.keys())).toEqual(groupsOf(search.pairs.keys()));
  for (const key of search.best) expect(scan.has(key)).toBe(true);
  for (const [key, pair] of scan) expect(search.pairs.get(key)?.found).toContainEqual(pair);
}

const EXTRA: SimilarityDoc[] = [
  { id: 'gatljus2', title: 'LED-belysning med närvarostyrning på gatorna', text: 'Byt ut gatlamporna mot LED som dimras ner på natten och lyser upp när någon cyklar eller går förbi.' },
  { id: 'snow2', title: 'Snöröjning av cykelbanor före bilvägar', text: 'Ploga cykelbanorna först på vintern.' },
  { id: 'bibliotek2', title: 'Meröppna bibliotek på landsbygden', text: '' },
  { id: 'v30', title: 'Hastighetsgräns 30 km/h vid skolor', text: '' },
  { id: 'v40', title: 'Hastighetsgräns 40 km/h vid skolor', text: '' },
];

function evalDocs(set: string, count: number): SimilarityDoc[] {
  return readFileSync(join(SHARED_EVAL_DIR, set, 'haystack.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, count)
    .map((line) => JSON.parse(line) as { id: string; title: string; body?: string })
    .map((item) => ({ id: item.id, title: item.title, text: item.body ?? '' }));
}

describe('findDuplicatePairs', () => {
  const docs = REGISTER.concat(EXTRA);
  const index = buildSimilarityIndex(docs.map(analyzeDoc));

  it('finds exactly the pairs findSimilar flags on each doc', () => {
    for (const threshold of [0.65, 0.5, 0.3]) {
      const expected = pairsBySearch(index, docs, threshold);
      expectAgreement(pairsByScan(index, { threshold }), expected);
      // Every doc through the rare-term shortlist and the exact re-scoring of large registers
      // (here every term is rare and fewer docs than that shortlist share one, so nothing is lost).
      expectAgreement(pairsByScan(index, { threshold, exactBudget: 0 }), expected);
    }
    expect(pairsByScan(index, { threshold: 0.65 }).has('gatljus gatljus2')).toBe(true);
  });

  it('sorts by confidence, then score', () => {
    const pairs = index.findDuplicatePairs({ threshold: 0.3 });
    for (let i = 1; i < pairs.length; i += 1) {
      const [before, after] = [pairs[i - 1]!, pairs[i]!];
      expect(before.confidence > after.confidence || (before.confidence === after.confidence && before.score >= after.score)).toBe(true);
    }
    expect(pairs[0]?.reasons.length).toBeGreaterThan(0);
  });

  it('keeps pairs with a subject doc, leaves out skipped pairs and low scores', () => {
    const all = pairsByScan(index, { threshold: 0.5 });
    const subject = pairsByScan(index, { threshold: 0.5, subject: new Set(['gatljus2']) });
    const search = pairsBySearch(index, docs, 0.5);
    const neighbours = (keys: Iterable<string>) => [...keys].filter((key) => key.split(' ').includes('gatljus2')).sort();
    // Each pair with the subject doc that findSimilar flags either way, as the scan of the whole register reports it.
    expect([...subject.keys()].sort()).toEqual(neighbours(search.pairs.keys()));
    expect(neighbours(subject.keys()).length).toBeGreaterThan(0);
    for (const [key, pair] of subject) expect(search.pairs.get(key)?.found).toContainEqual(pair);
    expect(groupsOf(all.keys())).toEqual(groupsOf(search.pairs.keys()));
    const skip: PairSkip<string> = { of: (id) => id, pair: (x, y) => [x, y].sort().join(' ') === 'gatljus gatljus2' };
    const skipped = pairsByScan(index, { threshold: 0.5, skip });
    expect(skipped.has('gatljus gatljus2')).toBe(false);
    expectAgreement(skipped, pairsBySearch(index, docs, 0.5, skip));
    const high = pairsByScan(index, { threshold: 0.5, minScore: 0.9 });
    for (const pair of high.values()) expect(pair.score).toBeGreaterThanOrEqual(0.9);
  });

  // The labelled data lives beside the project (../shared/eval), not in it; a clone without it skips this case.
  it.skipIf(!evalSetExists(join(SHARED_EVAL_DIR, 'sweparaphrase-dev')))('agrees with findSimilar on a few hundred real captions, also after loading and changes', { timeout: 120_000 }, () => {
    const captions = evalDocs('sweparaphrase-dev', 300);
    const built = buildSimilarityIndex(captions.slice(0, 290).map(analyzeDoc));
    const changed = deserializeSimilarityIndex(built.serialize()).withChanges({ add: captions.slice(290), remove: [captions[0]!.id] });
    const remaining = captions.slice(1);
    const expected = pairsBySearch(changed, remaining, 0.65);
    expect(expected.pairs.size).toBeGreaterThan(3);
    expectAgreement(pairsByScan(changed, { threshold: 0.65 }), expected);
    expectAgreement(pairsByScan(changed, { threshold: 0.65, exactBudget: 0 }), expected);
  });

  it('returns nothing for fewer than two docs', () => {
    expect(buildSimilarityIndex([]).findDuplicatePairs({ threshold: 0.65 })).toEqual([]);
    expect(buildSimilarityIndex(REGISTER.slice(0, 1)).findDuplicatePairs({ threshold: 0 })).toEqual([]);
  });
});

describe('PendingCache', () => {
  it('keeps two values per (doc, key) until the doc is released, reusing released entries and growing past its first size', () => {
    const docs = 50;
    const cache = new PendingCache(docs);
    const expected = new Map<string, [number, number]>();
    let state = 3;
    const next = (bound: number) => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % bound;
    };
    for (let round = 0; round < 6000; round += 1) {
      const doc = next(docs);
      if (next(10) === 0) {
        cache.release(doc);
        for (const key of [...expected.keys()]) if (key.startsWith(`${doc}:`)) expected.delete(key);
        continue;
      }
      const key = next(400);
      if (cache.find(doc, key) !== -1) continue;
      const values: [number, number] = [round / 7, -round];
      cache.set(doc, key, ...values);
      expected.set(`${doc}:${key}`, values);
    }
    expect(expected.size).toBeGreaterThan(1024);
    for (let doc = 0; doc < docs; doc += 1) {
      for (let key = 0; key < 400; key += 1) {
        const entry = cache.find(doc, key);
        const values = expected.get(`${doc}:${key}`);
        expect(entry === -1 ? undefined : [cache.value(entry, 0), cache.value(entry, 1)]).toEqual(values);
      }
    }
  });
});

describe('findDuplicatePairs with many copies of one idea', () => {
  it('reports 2,000 identical ideas as one group, with about one pair per idea', { timeout: 180_000 }, () => {
    const copies = Array.from({ length: 2000 }, (_, i) => ({ id: `copy${String(i).padStart(4, '0')}`, title: 'Digitala lås i hemtjänsten', text: 'Hemtjänstens personal hanterar hundratals fysiska nycklar till brukarnas bostäder och nycklar kommer bort.' }));
    const docs = [...REGISTER, ...copies];
    const pairs = buildSimilarityIndex(docs.map(analyzeDoc)).findDuplicatePairs({ threshold: 0.65 });
    expect(groupsOf(pairs.map((pair) => `${pair.a} ${pair.b}`))).toEqual([copies.map((copy) => copy.id)]);
    // A spanning set of pairs, not the two million among the copies.
    expect(pairs.length).toBeLessThan(2 * copies.length);
  });
});
