import { describe, expect, it } from 'vitest';
import { codeForward, CountPairCodes, transpose, type ForwardTerms } from '../../../src/core/similarity/postings.js';
import { invert } from '../../../src/core/similarity/term-collector.js';

/** Per-doc terms in random order with random counts; `pairs` bounds how many (title, text) count pairs occur. */
function randomForward(docCount: number, termCount: number, pairs: number, seed: number): ForwardTerms {
  let state = seed;
  const next = (bound: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % bound;
  };
  const starts = [0];
  const terms: number[] = [];
  const titleCounts: number[] = [];
  const textCounts: number[] = [];
  for (let doc = 0; doc < docCount; doc += 1) {
    const chosen = new Set<number>();
    const size = next(12);
    while (chosen.size < size) chosen.add(next(termCount));
    for (const term of chosen) {
      const pair = next(pairs);
      terms.push(term);
      titleCounts.push(pair % 16);
      // Never (0, 0): an entry occurs in at least one field.
      textCounts.push(pair % 16 === 0 ? 1 + Math.floor(pair / 16) : Math.floor(pair / 16));
    }
    starts.push(terms.length);
  }
  return { starts: Int32Array.from(starts), terms: Int32Array.from(terms), titleCounts: Uint8Array.from(titleCounts), textCounts: Uint8Array.from(textCounts) };
}

/** Each doc's (term, title count, text count) triples, sorted by term. */
function triples(starts: Int32Array, terms: ArrayLike<number>, counts: (entry: number) => [number, number]): number[][][] {
  return Array.from({ length: starts.length - 1 }, (_, doc) => {
    const rows: number[][] = [];
    for (let entry = starts[doc]!; entry < starts[doc + 1]!; entry += 1) rows.push([terms[entry]!, ...counts(entry)]);
    return rows.sort((a, b) => a[0]! - b[0]!);
  });
}

describe('transpose and count codes', () => {
  for (const [pairs, width] of [
    [40, 1],
    [2000, 2],
  ] as const) {
    it(`turns postings back into each doc's terms and counts (${pairs} count pairs: ${width}-byte codes)`, () => {
      const forward = randomForward(300, 500, pairs, pairs);
      const postings = invert(forward, 500);
      const codes = new CountPairCodes();
      codes.add(forward);
      const decode = (coded: { codes: ArrayLike<number> }) => (entry: number): [number, number] => [codes.titleCounts[coded.codes[entry]!]!, codes.textCounts[coded.codes[entry]!]!];
      const expected = triples(forward.starts, forward.terms, (entry) => [forward.titleCounts[entry]!, forward.textCounts[entry]!]);

      const transposed = transpose(postings, 300, codes);
      expect(transposed.codes.BYTES_PER_ELEMENT).toBe(width);
      expect(triples(transposed.starts, transposed.terms, decode(transposed))).toEqual(expected);
      // Ascending term ids within each doc, as `transpose` promises.
      for (let doc = 0; doc < 300; doc += 1) {
        const ids = Array.from(transposed.terms.subarray(transposed.starts[doc], transposed.starts[doc + 1]));
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
      }

      const coded = codeForward(forward, codes);
      expect(Array.from(coded.terms)).toEqual(Array.from(forward.terms));
      expect(triples(coded.starts, coded.terms, decode(coded))).toEqual(expected);
    });
  }
});
