import { describe, expect, it } from 'vitest';
import { holderNumbers, MAX_INDEXED_TERMS, TermGramIndex } from '../../../src/core/similarity/term-gram-index.js';

/** A small deterministic generator, so a failure can be replayed. */
function randomInts(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) | 0;
    return state;
  };
}

function holdersOf(index: TermGramIndex, grams: number[]): number[] {
  const masks = { low: 0, high: 0 };
  index.holdersOfAny(Int32Array.from(grams), masks);
  const into = new Int32Array(MAX_INDEXED_TERMS);
  return Array.from(into.subarray(0, holderNumbers(masks, into)));
}

describe('TermGramIndex', () => {
  it('finds every word holding any of the grams, as comparing every gram with every word does', () => {
    const next = randomInts(7);
    for (const wordCount of [1, 5, 31, 32, 33, 40, MAX_INDEXED_TERMS]) {
      // Grams from a small pool, so words share them, with negative hashes and colliding low bits among them.
      const pool = Array.from({ length: 3 * wordCount }, (_, i) => (i % 3 === 0 ? -(i + 1) * 1024 : next()));
      const words = Array.from({ length: wordCount }, () => Int32Array.from(new Set(Array.from({ length: 1 + (next() >>> 0) % 9 }, () => pool[(next() >>> 0) % pool.length] as number))).sort());
      const index = new TermGramIndex(words);
      for (let probe = 0; probe < 50; probe += 1) {
        const grams = Array.from({ length: 1 + (probe % 6) }, () => (probe % 5 === 0 ? next() : (pool[(next() >>> 0) % pool.length] as number)));
        const expected = words.flatMap((held, word) => (grams.some((gram) => held.includes(gram)) ? [word] : []));
        expect(holdersOf(index, grams)).toEqual(expected);
      }
    }
  });

  it('finds no word for grams no word holds, and none in a text without words', () => {
    expect(holdersOf(new TermGramIndex([Int32Array.of(1, 2), Int32Array.of(3)]), [4, 0, -1])).toEqual([]);
    expect(holdersOf(new TermGramIndex([]), [1])).toEqual([]);
  });

  it('refuses more words than its masks hold', () => {
    expect(() => new TermGramIndex(Array.from({ length: MAX_INDEXED_TERMS + 1 }, () => Int32Array.of(1)))).toThrow(RangeError);
  });
});
