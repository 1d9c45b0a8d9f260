import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DUPLICATE_THRESHOLD } from '../../../src/core/similarity/threshold.js';
import {
  CONFIDENCE_MODEL,
  confidenceOf,
  confidencesOf,
  isNearCopy,
  MAX_RUNNER_UP_CONFIDENCE,
  NEAR_COPY_CONTAINED,
  NEAR_COPY_SHORTER,
  NEAR_COPY_UNMATCHED,
  runnerUpOf,
  runnerUpRanks,
  VIRTUAL_RUNNER_UP,
} from '../../../src/core/similarity/confidence.js';
import { finalScore, type PairFeatures } from '../../../src/core/similarity/rerank.js';

const candidate = (score: number, queryUnmatched: number): PairFeatures & { score: number } => ({
  score,
  stemCosine: score,
  gramCosine: score,
  queryUnmatched,
  docUnmatched: 0.2,
  numberFactor: 1,
  titleSequence: score,
});

/** Mostly the ends of [0, 1], where a bound is reached. */
const share = fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true }));
/** A candidate as the engine scores one: any features, the score worked out from them. */
const scoredCandidate = fc
  .record({
    stemCosine: share,
    gramCosine: share,
    queryUnmatched: share,
    docUnmatched: share,
    numberFactor: fc.constantFrom(0.5, 0.625, 0.667, 0.75, 0.833, 1),
    titleSequence: share,
    fuzzy: share,
  })
  .map(({ fuzzy, ...features }) => ({ ...features, score: finalScore(features, fuzzy) }));

describe('confidencesOf', () => {
  it('doubts a near tie less when the best candidate covers what the runner-up does and more', () => {
    const [dominant] = confidencesOf([candidate(0.7, 0.1), candidate(0.68, 0.4)]);
    const [rival] = confidencesOf([candidate(0.7, 0.1), candidate(0.68, 0.1)]);
    expect(dominant as number).toBeGreaterThan(rival as number);
  });

  it('keeps every candidate but the best below MAX_RUNNER_UP_CONFIDENCE', () => {
    // A runner-up's confidence depends on the best candidate only through its score and unmatched share.
    fc.assert(
      fc.property(scoredCandidate, share, share, (runnerUp, behind, bestQueryUnmatched) => {
        const best = runnerUp.score + behind * (1 - runnerUp.score);
        const confidence = confidenceOf(runnerUp.score, runnerUpOf({ score: best, queryUnmatched: bestQueryUnmatched }), runnerUp);
        expect(confidence).toBeLessThanOrEqual(MAX_RUNNER_UP_CONFIDENCE + 1e-12);
      }),
      { numRuns: 5000 },
    );
    // The corner where the bound is reached: all of the score from letters and titles, a tie, a best candidate covering nothing.
    const corner = { stemCosine: 0, gramCosine: 1, queryUnmatched: 0, docUnmatched: 0, numberFactor: 1, titleSequence: 1 };
    const cornerScore = finalScore(corner, 1);
    expect(confidenceOf(cornerScore, { score: cornerScore, queryUnmatched: 1 }, corner)).toBeCloseTo(MAX_RUNNER_UP_CONFIDENCE, 12);
    fc.assert(
      fc.property(fc.array(scoredCandidate, { minLength: 2, maxLength: 4 }), (candidates) => {
        const ranked = [...candidates].sort((a, b) => b.score - a.score);
        for (const confidence of confidencesOf(ranked).slice(1)) expect(confidence).toBeLessThanOrEqual(MAX_RUNNER_UP_CONFIDENCE + 1e-12);
      }),
    );
  });

  it('keeps MAX_RUNNER_UP_CONFIDENCE below the default threshold, so the pair scan follows only the best candidate', () => {
    // The scan compares with the threshold less half the rounding step of a reported confidence.
    expect(MAX_RUNNER_UP_CONFIDENCE).toBeLessThan(DEFAULT_DUPLICATE_THRESHOLD - 0.0005);
  });

  it('never flags titles whose numbers all differ at the default threshold, however alike the rest is', () => {
    const alike = { ...candidate(1, 0), numberFactor: 0.5 };
    expect(confidencesOf([alike])[0]).toBeLessThanOrEqual(0.5);
  });
});

describe('the bounds of the pair scan', () => {
  it('keeps the signs the scan relies on: more score never lowers the confidence, unknown unmatched shares taken as 0 bound it', () => {
    expect(CONFIDENCE_MODEL.score).toBeGreaterThanOrEqual(0);
    expect(CONFIDENCE_MODEL.score + CONFIDENCE_MODEL.margin).toBeGreaterThanOrEqual(0);
    // At one score, a weaker runner-up (a larger margin) never lowers the confidence.
    expect(CONFIDENCE_MODEL.margin + CONFIDENCE_MODEL.relativeMargin).toBeGreaterThanOrEqual(0);
    expect(CONFIDENCE_MODEL.relativeMargin).toBeGreaterThanOrEqual(0);
    expect(CONFIDENCE_MODEL.coverageMargin).toBeGreaterThanOrEqual(0);
    expect(CONFIDENCE_MODEL.docUnmatched).toBeLessThanOrEqual(0);
    expect(CONFIDENCE_MODEL.queryUnmatched - CONFIDENCE_MODEL.coverageMargin).toBeLessThanOrEqual(0);
  });

  it('bounds a candidate from above by its highest possible score with no unmatched words and a rival covering nothing', () => {
    fc.assert(
      fc.property(scoredCandidate, share, share, (scored, runnerUp, otherQueryUnmatched) => {
        const rival = Math.min(runnerUp, scored.score);
        const actual = confidenceOf(scored.score, runnerUpOf({ score: rival, queryUnmatched: otherQueryUnmatched }), scored);
        const high = Math.min(1, scored.score + 0.1);
        const bound = confidenceOf(high, { score: Math.max(rival, VIRTUAL_RUNNER_UP.score), queryUnmatched: 1 }, { ...scored, queryUnmatched: 0, docUnmatched: 0 });
        expect(actual).toBeLessThanOrEqual(bound + 1e-12);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a label that holds at every register size', () => {
  it('never flags a lone match because it is alone: below the virtual runner-up it is measured against that', () => {
    // "Digital anslagstavla i skolan" against "Nya lekplatser i skolan" in a two-idea register: score 0.16.
    const lone = { ...candidate(0.16, 0.8), docUnmatched: 0.8 };
    expect(confidencesOf([lone])[0]).toBeLessThan(DEFAULT_DUPLICATE_THRESHOLD);
    // Alone, or with any runner-up weaker than the virtual one, the confidence is the same.
    for (const best of [candidate(0.5, 0.3), candidate(0.9, 0.05)]) {
      const alone = confidencesOf([best])[0];
      expect(confidencesOf([best, candidate(VIRTUAL_RUNNER_UP.score - 0.01, 0.2)])[0]).toBe(alone);
      expect(confidencesOf([best, candidate(0.06, 0.9)])[0]).toBe(alone);
      expect(confidencesOf([best, candidate(VIRTUAL_RUNNER_UP.score + 0.05, 0.5)])[0]).toBeLessThan(alone as number);
    }
  });

  it('measures near-copies of one idea against the best candidate outside them, so every copy is flagged', () => {
    const copies = [candidate(1, 0), candidate(1, 0), candidate(0.98, 0.02), candidate(0.97, 0.03), candidate(0.97, 0.03)];
    const ranked = [...copies, candidate(0.3, 0.7)];
    const sameIdea = (i: number, j: number) => i < copies.length && j < copies.length;
    for (const confidence of confidencesOf(ranked, sameIdea).slice(0, copies.length)) expect(confidence).toBeGreaterThanOrEqual(DEFAULT_DUPLICATE_THRESHOLD);
    // Taken as different ideas, the copies tie with each other and none is flagged: the bug this grouping fixes.
    for (const confidence of confidencesOf(ranked)) expect(confidence).toBeLessThan(DEFAULT_DUPLICATE_THRESHOLD);
  });

  it('finds each candidate the best other candidate that is not a near-copy of it', () => {
    const near = (i: number, j: number) => (i === 0 && j === 1) || (i === 1 && j === 0);
    expect(runnerUpRanks(4, near)).toEqual([2, 2, 0, 0]);
    expect(runnerUpRanks(2, () => true)).toEqual([undefined, undefined]);
    expect(runnerUpRanks(3, () => false, 1)).toEqual([1]);
  });

  it('takes two ideas as near-copies only when few words of either lack a counterpart and their numbers agree', () => {
    expect(isNearCopy({ leftUnmatched: 0, rightUnmatched: NEAR_COPY_UNMATCHED, numberFactor: 1 })).toBe(true);
    expect(isNearCopy({ leftUnmatched: NEAR_COPY_UNMATCHED / 2 + 0.01, rightUnmatched: NEAR_COPY_UNMATCHED / 2, numberFactor: 1 })).toBe(false);
    // A number dropped from one title still allows a copy; two different numbers ("30 km/h" / "40 km/h") never do.
    expect(isNearCopy({ leftUnmatched: 0, rightUnmatched: 0, numberFactor: 0.75 })).toBe(true);
    expect(isNearCopy({ leftUnmatched: 0, rightUnmatched: 0, numberFactor: 0.5 })).toBe(false);
  });

  it('takes an idea as a near-copy of a longer one that holds nearly all its words, in either order', () => {
    expect(isNearCopy({ leftUnmatched: NEAR_COPY_SHORTER, rightUnmatched: NEAR_COPY_CONTAINED, numberFactor: 1 })).toBe(true);
    expect(isNearCopy({ leftUnmatched: NEAR_COPY_CONTAINED, rightUnmatched: NEAR_COPY_SHORTER, numberFactor: 1 })).toBe(true);
    expect(isNearCopy({ leftUnmatched: NEAR_COPY_SHORTER + 0.01, rightUnmatched: 0, numberFactor: 1 })).toBe(false);
    expect(isNearCopy({ leftUnmatched: NEAR_COPY_SHORTER, rightUnmatched: NEAR_COPY_CONTAINED + 0.01, numberFactor: 1 })).toBe(false);
    expect(isNearCopy({ leftUnmatched: NEAR_COPY_SHORTER, rightUnmatched: 0, numberFactor: 0.5 })).toBe(false);
  });
});
