import { describe, expect, it } from 'vitest';
import { PairAnswerCache } from '../../../src/core/similarity/pair-answer-cache.js';

/** A small deterministic generator, so a failure can be replayed. */
function randomBelow(seed: number): (limit: number) => number {
  let state = seed;
  return (limit) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % limit;
  };
}

describe('PairAnswerCache', () => {
  it('keeps every pair of a small register, either way round', () => {
    const cache = new PairAnswerCache(10);
    const answerOf = (a: number, b: number) => (a * 7 + b * 7) % 3 === 0;
    for (let a = 0; a < 10; a += 1) for (let b = a + 1; b < 10; b += 1) cache.set(a, b, answerOf(a, b));
    for (let a = 0; a < 10; a += 1) {
      for (let b = a + 1; b < 10; b += 1) {
        expect(cache.get(a, b)).toBe(answerOf(a, b));
        expect(cache.get(b, a)).toBe(answerOf(a, b));
      }
    }
    expect(cache.get(3, 3)).toBeUndefined();
  });

  it('answers only for exactly the pair stored, when far more pairs are asked than it holds', () => {
    const docCount = 300;
    const cache = new PairAnswerCache(docCount);
    const truth = new Map<number, boolean>();
    const next = randomBelow(7);
    let hits = 0;
    let misses = 0;
    for (let step = 0; step < 60_000; step += 1) {
      const [a, b] = [next(docCount), next(docCount)];
      if (a === b) continue;
      const key = Math.min(a, b) * docCount + Math.max(a, b);
      const known = cache.get(a, b);
      if (known === undefined) {
        misses += 1;
        const answer = truth.get(key) ?? next(50) === 0;
        truth.set(key, answer);
        cache.set(b, a, answer);
      } else {
        hits += 1;
        expect(known).toBe(truth.get(key));
      }
    }
    // 44,850 pairs, 2,400 slots: most are forgotten, and some are asked again while kept.
    expect(misses).toBeGreaterThan(hits);
    expect(hits).toBeGreaterThan(0);
  });

  it('forgets the least recently used pair of a full set, not one just asked for', () => {
    // 65,536 docs: 2^19 slots in sets of 4. The set of a pair, as the cache computes it, finds five pairs sharing one set.
    const big = new PairAnswerCache(1 << 16);
    const setOf = (a: number, b: number) => ((Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) >>> 0) & ((1 << 19) / 4 - 1);
    const target = setOf(0, 1);
    const colliding: [number, number][] = [];
    for (let a = 1; colliding.length < 5 && a < 64; a += 1) {
      for (let b = a + 1; colliding.length < 5 && b < 1 << 16; b += 1) if (setOf(a, b) === target) colliding.push([b, a]);
    }
    expect(colliding).toHaveLength(5);
    big.set(0, 1, true);
    for (const [a, b] of colliding.slice(0, 3)) big.set(a, b, false);
    expect(big.get(0, 1)).toBe(true); // used again: now the most recent of the set
    big.set(...(colliding[3] as [number, number]), false);
    expect(big.get(0, 1)).toBe(true);
    expect(big.get(...(colliding[0] as [number, number]))).toBeUndefined();
    big.set(...(colliding[4] as [number, number]), true);
    expect(big.get(...(colliding[4] as [number, number]))).toBe(true);
  });
});
