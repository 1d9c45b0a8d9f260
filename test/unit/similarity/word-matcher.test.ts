import { describe, expect, it } from 'vitest';
import { buildSimilarityIndex, type SimilarityDoc } from '../../../src/core/similarity/index.js';
import type { PairScanIndex } from '../../../src/core/similarity/register-view.js';
import { RecentDocs } from '../../../src/core/similarity/recent-docs.js';
import { stem } from '../../../src/core/similarity/text.js';
import { WordMatcher, type ContentTerms } from '../../../src/core/similarity/word-matcher.js';

/** Words that share stems, endings, compound parts and synonyms, so every kind of match occurs. */
const WORDS = (
  'parkering parkeringar parkeringsplats cykel cyklar cykelställ cykelbana hemtjänst hemtjänsten nyckel nycklar ' +
  'nyckelskåp digital digitala lås låsen låsning soptunna soptunnor papperskorg lekplats lekpark skola förskola ' +
  'simhall sporthall bibliotek läsning läsa gratis avgiftsfri kommun kommunen vatten avlopp vattenledning'
).split(' ');
const STEMS = [...new Set(WORDS.map((word) => stem(word, 'sv')))];

/** A small deterministic generator (mulberry32), so a failure can be run again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function contentOf(matcher: WordMatcher, stems: readonly string[], weights: ReadonlyMap<string, number>): ContentTerms {
  return matcher.contentStems(stems, 'sv', (term) => weights.get(term) ?? 1);
}

/** Without the indexes `unmatchedBoth` uses: every word against every word, each pair matched alone. */
function unmatchedByEveryPair(matcher: WordMatcher, from: ContentTerms, to: ContentTerms): number {
  let total = 0;
  let missing = 0;
  from.terms.forEach((term, i) => {
    const weight = from.weights[i] as number;
    total += weight;
    if (to.terms.includes(term)) return;
    let best = 0;
    for (const other of to.terms) {
      const alone = matcher.unmatchedBoth(contentOf(matcher, [term], new Map()), contentOf(matcher, [other], new Map()));
      best = Math.max(best, 1 - alone.queryUnmatched);
    }
    missing += weight * (1 - best);
  });
  return total === 0 ? 0 : missing / total;
}

describe('WordMatcher.unmatchedBoth', () => {
  const matcher = new WordMatcher((term) => STEMS.includes(term));

  it('matches a query word with a doc word the query holds too', () => {
    const weights = new Map([[stem('parkeringar', 'sv'), 3]]);
    const query = contentOf(matcher, [stem('parkeringsplats', 'sv'), stem('parkering', 'sv')], weights);
    const doc = contentOf(matcher, [stem('parkering', 'sv'), stem('cykel', 'sv')], weights);
    const found = matcher.unmatchedBoth(query, doc);
    // "parkeringsplats" is no word of the doc, but its compound part "parkering" is, and the query holds that word too.
    expect(found.queryUnmatched).toBeLessThan(0.5);
    expect(found.queryUnmatched).toBeCloseTo(unmatchedByEveryPair(matcher, query, doc), 12);
  });

  it('gives what every word against every word gives, the same both ways, for texts short and long', () => {
    const next = random(17);
    const texts = Array.from({ length: 60 }, (_, n) => {
      const length = n % 10 === 9 ? 45 : 1 + Math.floor(next() * 12);
      return Array.from({ length }, () => STEMS[Math.floor(next() * STEMS.length)] as string);
    });
    const weights = new Map(STEMS.map((term) => [term, 1 + Math.floor(next() * 5)]));
    // Long texts need more distinct words than the vocabulary holds: pad them with words that match nothing.
    const padded = texts.map((stems) => (stems.length > 40 ? [...stems, ...Array.from({ length: 45 }, (_, k) => `ord${k}x`)] : stems));
    for (let a = 0; a < padded.length; a += 1) {
      for (let b = a + 1; b < padded.length; b += 1) {
        const [left, right] = [contentOf(matcher, padded[a] as string[], weights), contentOf(matcher, padded[b] as string[], weights)];
        const forward = matcher.unmatchedBoth(left, right);
        const backward = matcher.unmatchedBoth(right, left);
        expect(backward).toEqual({ queryUnmatched: forward.docUnmatched, docUnmatched: forward.queryUnmatched });
        if (left.terms.length <= 40 && right.terms.length <= 40) {
          expect(forward.queryUnmatched).toBeCloseTo(unmatchedByEveryPair(matcher, left, right), 12);
          expect(forward.docUnmatched).toBeCloseTo(unmatchedByEveryPair(matcher, right, left), 12);
        }
      }
    }
  });
});

describe('near-copies in the index', () => {
  it('are the same whichever doc is asked about first, and in any order of asking', () => {
    const docs: SimilarityDoc[] = [
      { id: 'a', title: 'Digitala nycklar i hemtjänsten', text: 'Nyckelskåp och lås som öppnas med mobilen.' },
      { id: 'b', title: 'Digitala nycklar i hemtjänst', text: 'Nyckelskåp och låsen öppnas med mobilen.' },
      { id: 'c', title: 'Gratis parkering vid simhallen', text: 'Avgiftsfri parkeringsplats för besökare.' },
      { id: 'd', title: 'Parkering utan avgift vid sporthallen', text: 'Gratis parkeringar för den som tränar.' },
      { id: 'e', title: 'Fler cykelställ vid förskolan', text: 'Cyklar står i dag i buskarna.' },
      { id: 'f', title: 'Fler cykelställ vid förskolorna', text: 'Cyklarna står i buskarna i dag.' },
    ];
    const ask = (order: [number, number][]) => {
      const index = buildSimilarityIndex(docs) as unknown as PairScanIndex;
      return new Map(order.map(([x, y]) => [[x, y].sort().join(' '), index.isNearCopy(x, y)]));
    };
    const pairs: [number, number][] = [];
    for (let x = 0; x < docs.length; x += 1) for (let y = x + 1; y < docs.length; y += 1) pairs.push([x, y]);
    const forward = ask(pairs);
    expect(ask(pairs.map(([x, y]): [number, number] => [y, x]).reverse())).toEqual(forward);
    expect(forward.get('0 1')).toBe(true);
    expect(forward.get('4 5')).toBe(true);
    expect(forward.get('0 2')).toBe(false);
  });
});

describe('RecentDocs', () => {
  it('works a value out once while the doc is recent, and forgets the least recently used first', () => {
    const made: number[] = [];
    const recent = new RecentDocs<string>(2);
    const get = (doc: number) => recent.get(doc, () => (made.push(doc), `doc ${doc}`));
    expect([get(1), get(2), get(1)]).toEqual(['doc 1', 'doc 2', 'doc 1']);
    get(3); // 2 was used least recently
    get(1);
    get(2);
    expect(made).toEqual([1, 2, 3, 2]);
  });

  it('shows a kept value without making it recent, and nothing for a doc it does not keep', () => {
    const recent = new RecentDocs<string>(2);
    recent.get(1, () => 'doc 1');
    recent.get(2, () => 'doc 2');
    expect(recent.peek(1)).toBe('doc 1');
    expect(recent.peek(3)).toBeUndefined();
    recent.get(3, () => 'doc 3'); // 1 is still the least recently used: peeking did not change that
    expect(recent.peek(1)).toBeUndefined();
    expect(recent.peek(2)).toBe('doc 2');
  });
});
