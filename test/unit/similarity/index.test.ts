import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeDoc,
  buildSimilarityIndex,
  DEFAULT_DUPLICATE_THRESHOLD,
  type SearchOptions,
} from '../../../src/core/similarity/index.js';
import { LOCKS, REWORDED_LOCKS } from '../../helpers/near-copies.js';
import { REGISTER } from './fixtures.js';

const options: SearchOptions = { limit: 5, threshold: DEFAULT_DUPLICATE_THRESHOLD };
const index = buildSimilarityIndex(REGISTER);

const NEAR_DUPLICATE = {
  title: 'Gatubelysning med LED-lampor och närvarostyrning',
  text: 'Kommunens gatlampor drar mycket el. Vi föreslår LED-armaturer som dimras på natten och tänds när någon går eller cyklar förbi.',
};

const PARAPHRASE = {
  title: 'LED-belysning med närvarostyrning på gatorna',
  text: 'Byt ut gatlamporna mot LED som dimras ner på natten och lyser upp när någon cyklar eller går förbi.',
};

describe('findSimilar', () => {
  it('ranks a near-duplicate first and flags it', () => {
    const [best] = index.findSimilar(NEAR_DUPLICATE, options);
    expect(best?.id).toBe('gatljus');
    expect(best?.likelyDuplicate).toBe(true);
  });

  it('ranks a reworded idea first', () => {
    expect(index.findSimilar(PARAPHRASE, options)[0]?.id).toBe('gatljus');
  });

  it('scores a bare title against a full idea by the titles, not diluted by the text', () => {
    const [best] = index.findSimilar({ title: 'GATUBELYSNINGEN med LED och närvarostyrning', text: '' }, options);
    expect(best?.id).toBe('gatljus');
    expect(best?.likelyDuplicate).toBe(true);
    expect(best?.score).toBeGreaterThan(0.9);
  });

  it('penalises titles that differ only in a number', () => {
    const versions = buildSimilarityIndex([{ id: 'v1', title: 'Hastighetsgräns 30 km/h vid skolor', text: '' }]);
    const same = versions.findSimilar({ title: 'Hastighetsgräns 30 km/h vid skolor', text: '' }, options)[0];
    const other = versions.findSimilar({ title: 'Hastighetsgräns 40 km/h vid skolor', text: '' }, options)[0];
    expect(same?.likelyDuplicate).toBe(true);
    expect(other?.likelyDuplicate).toBe(false);
  });

  it('does not flag an unrelated idea', () => {
    const candidates = index.findSimilar(
      { title: 'Sommarjobb för ungdomar i parkförvaltningen', text: 'Femtonåringar rensar ogräs och vattnar planteringar under lovet.' },
      options,
    );
    expect(candidates.some((candidate) => candidate.likelyDuplicate)).toBe(false);
  });

  it('flags by confidence and never below minScore, and keeps scores in order', () => {
    for (const [threshold, minScore] of [[0.3, 0], [0.3, 0.5], [0.65, 0.3], [0.05, 0.9]] as const) {
      const candidates = index.findSimilar(NEAR_DUPLICATE, { limit: 10, threshold, minScore });
      expect(candidates.length).toBeGreaterThan(1);
      for (const candidate of candidates) expect(candidate.likelyDuplicate).toBe(candidate.confidence >= threshold && candidate.score >= minScore);
      const scores = candidates.map((candidate) => candidate.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });

  it('does not flag by score: two different ideas that match a new one equally well are no likely duplicates', () => {
    const lighting = buildSimilarityIndex([
      { id: 'park', title: 'Bättre belysning i parken', text: 'Parken är mörk på kvällen.' },
      { id: 'skolgard', title: 'Bättre belysning på skolgården', text: 'Skolgården är mörk på kvällen.' },
      { id: 'snow', title: 'Snöröjning av cykelbanor först', text: '' },
    ]);
    const found = lighting.findSimilar({ title: 'Bättre belysning', text: 'Det är mörkt på kvällen.' }, { ...options, minScore: 0.3 });
    expect(found.map((candidate) => candidate.id).sort()).toEqual(['park', 'skolgard']);
    for (const candidate of found) {
      // Both score well above show_from (0.3), so a rule on the score alone would flag them.
      expect(candidate.score).toBeGreaterThan(0.5);
      expect(candidate.confidence).toBeLessThan(DEFAULT_DUPLICATE_THRESHOLD);
      expect(candidate.likelyDuplicate).toBe(false);
    }
  });

  it('names the shared terms and the field of the existing idea they are in', () => {
    const [best] = index.findSimilar({ title: 'Närvarostyrning av gatubelysning', text: '' }, options);
    const titleReason = best?.reasons.find((reason) => reason.field === 'title');
    expect(titleReason?.terms).toEqual(expect.arrayContaining(['gatubelysning', 'närvarostyrning']));
  });

  it('names shared terms found only in the existing text', () => {
    const [best] = index.findSimilar({ title: 'Gympasalen för föreningar', text: '' }, options);
    expect(best?.id).toBe('lokalbokning');
    expect(best?.reasons).toContainEqual({ field: 'text', terms: expect.arrayContaining(['gympasalen']) });
  });

  it('leaves out excluded ids', () => {
    const candidates = index.findSimilar(NEAR_DUPLICATE, { ...options, exclude: new Set(['gatljus']) });
    expect(candidates.map((candidate) => candidate.id)).not.toContain('gatljus');
  });

  it('respects the limit and returns nothing for a limit of zero', () => {
    expect(index.findSimilar(NEAR_DUPLICATE, { ...options, limit: 1 })).toHaveLength(1);
    expect(index.findSimilar(NEAR_DUPLICATE, { ...options, limit: 0 })).toEqual([]);
  });

  it('gives the same results for analysed docs, also after a JSON round trip', () => {
    const analysed = REGISTER.map(analyzeDoc);
    const cached = JSON.parse(JSON.stringify(analysed)) as typeof analysed;
    const expected = index.findSimilar(NEAR_DUPLICATE, options);
    expect(buildSimilarityIndex(analysed).findSimilar(NEAR_DUPLICATE, options)).toEqual(expected);
    expect(buildSimilarityIndex(cached).findSimilar(NEAR_DUPLICATE, options)).toEqual(expected);
    expect(buildSimilarityIndex(cached).size).toBe(REGISTER.length);
  });

  it('tolerates a typo in the title', () => {
    const [best] = index.findSimilar({ title: 'Snöröjnign av cykelbanr', text: '' }, options);
    expect(best?.id).toBe('snorojning');
  });

  it('works for English ideas', () => {
    const english = buildSimilarityIndex([
      { id: 'lights', title: 'Motion-controlled LED street lights', text: 'Dim the street lights at night and brighten them when someone passes.' },
      { id: 'library', title: 'Self-service library opening hours', text: 'Residents use their card to enter the library when no staff are present.' },
    ]);
    const [best] = english.findSimilar({ title: 'Street lighting that dims at night', text: '' }, options);
    expect(best?.id).toBe('lights');
  });

  it('returns nothing from an empty register', () => {
    expect(buildSimilarityIndex([]).findSimilar(NEAR_DUPLICATE, options)).toEqual([]);
    expect(buildSimilarityIndex([]).searchText('snö', 5)).toEqual([]);
  });
});

describe('searchText', () => {
  it('finds inflected forms through the stem', () => {
    expect(index.searchText('cykelbanorna', 5)[0]?.id).toBe('snorojning');
  });

  it('finds a word being typed by its prefix', () => {
    expect(index.searchText('bygg', 5)[0]?.id).toBe('bygglov');
  });

  it('tolerates a typo', () => {
    expect(index.searchText('bibliotket', 5)[0]?.id).toBe('bibliotek');
  });

  it('prefers a title match and explains it', () => {
    const [best] = index.searchText('matsvinn', 5);
    expect(best?.id).toBe('matsvinn');
    expect(best?.reasons).toContainEqual({ field: 'title', terms: ['matsvinnet'] });
  });

  it('returns nothing for a query of no words', () => {
    expect(index.searchText('  !? ', 5)).toEqual([]);
  });
});

describe('robustness', () => {
  const anyText = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.string());

  it('never throws and keeps scores in [0, 1] on arbitrary Unicode', () => {
    fc.assert(
      fc.property(anyText, anyText, fc.array(fc.record({ title: anyText, text: anyText }), { maxLength: 5 }), (title, text, extra) => {
        const docs = REGISTER.concat(extra.map((doc, i) => ({ id: `extra${i}`, ...doc })));
        const arbitraryIndex = buildSimilarityIndex(docs);
        for (const candidate of arbitraryIndex.findSimilar({ title, text }, options)) {
          expect(candidate.score).toBeGreaterThanOrEqual(0);
          expect(candidate.score).toBeLessThanOrEqual(1);
        }
        for (const hit of arbitraryIndex.searchText(title + text, 5)) {
          expect(hit.score).toBeGreaterThanOrEqual(0);
          expect(hit.score).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('handles 100 KB of text, emoji and control characters', () => {
    const huge = 'Snöröjning 🚲 av cykelbanor\u0000\u0007 '.repeat(3500);
    const bigIndex = buildSimilarityIndex([...REGISTER, { id: 'huge', title: '🚲❄️', text: huge }]);
    const candidates = bigIndex.findSimilar({ title: '', text: huge }, options);
    expect(candidates[0]?.id).toBe('huge');
    expect(bigIndex.findSimilar({ title: '', text: '' }, options)).toEqual([]);
  });
});

describe('reasons', () => {
  it('never name stop words', () => {
    const [best] = index.findSimilar(PARAPHRASE, options);
    const terms = best?.reasons.flatMap((reason) => reason.terms) ?? [];
    expect(terms).not.toContain('och');
    expect(terms).not.toContain('på');
  });
});

describe('findSimilar at every register size and with copies', () => {
  const draft = { title: 'Digitala lås i stället för nycklar i hemtjänsten', text: 'Personalen i hemtjänsten bär på massor av nycklar till brukarnas bostäder och ibland kommer nycklar bort.' };
  const locks = { title: LOCKS.title, text: LOCKS.problem };
  const reworded = REWORDED_LOCKS.map(({ title, problem }) => ({ title, text: problem }));

  it('does not flag a lone match that shares one word in a two-idea register', () => {
    const small = buildSimilarityIndex([
      { id: 'tavla', title: 'Digital anslagstavla i skolan', text: '' },
      { id: 'snow', title: 'Snöröjning av cykelbanor först', text: '' },
    ]);
    const found = small.findSimilar({ title: 'Nya lekplatser i skolan', text: 'Barnen har för lite att göra på rasterna' }, options);
    expect(found.map((candidate) => candidate.id)).toContain('tavla');
    expect(found.some((candidate) => candidate.likelyDuplicate)).toBe(false);
  });

  it('flags a lone true duplicate in a small register as in a large one', () => {
    const alone = buildSimilarityIndex([{ id: 'locks', ...locks }]).findSimilar(draft, options)[0];
    const crowded = buildSimilarityIndex([{ id: 'locks', ...locks }, ...REGISTER]).findSimilar(draft, options)[0];
    expect(alone).toMatchObject({ id: 'locks', likelyDuplicate: true });
    expect(crowded).toMatchObject({ id: 'locks', likelyDuplicate: true });
  });

  for (const copies of [3, 5]) {
    for (const [kind, texts] of [['identical', Array.from({ length: copies }, () => locks)], ['reworded', reworded.slice(0, copies)]] as const) {
      it(`flags every one of ${copies} ${kind} copies of the idea`, () => {
        const docs = texts.map((text, i) => ({ id: `copy${i}`, ...text }));
        // The idea as a further municipality enters it again.
        const found = buildSimilarityIndex([...REGISTER, ...docs]).findSimilar(locks, { ...options, limit: 10 });
        const flagged = found.filter((candidate) => candidate.likelyDuplicate).map((candidate) => candidate.id);
        expect(flagged.sort()).toEqual(docs.map((doc) => doc.id).sort());
      });
    }
  }

  it('takes a shorter copy, all of whose words are in the longer one, as the same idea and not as doubt', () => {
    const solar = buildSimilarityIndex([
      { id: 'full', title: 'Solceller på skolornas tak', text: 'Montera solceller på taken till kommunens skolor för att sänka elkostnaden.' },
      { id: 'short', title: 'Solceller på skolornas tak', text: 'Montera solceller på taken till skolor.' },
      { id: 'green', title: 'Gröna tak på kommunens hus', text: 'Sedumtak på förskolor och skolor.' },
    ]);
    const [best] = solar.findSimilar({ title: 'Solceller på skolans tak', text: 'Sätt solceller på skolornas tak för att sänka kommunens elkostnad.' }, options);
    // Measured against the shorter copy as another idea, the confidence was 0.42.
    expect(best).toMatchObject({ id: 'full', likelyDuplicate: true });
  });
});
