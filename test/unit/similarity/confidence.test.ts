import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DUPLICATE_THRESHOLD } from '../../../src/core/similarity/threshold.js';
import {
  CONFIDENCE_MODEL,
  confidenceOf,
  confidencesOf,
  finalScore,
  MAX_RUNNER_UP_CONFIDENCE,
  type PairFeatures,
} from '../../../src/core/similarity/rerank.js';

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
        const margin = -behind * (1 - runnerUp.score);
        const confidence = confidenceOf(runnerUp.score, margin, runnerUp, bestQueryUnmatched);
        expect(confidence).toBeLessThanOrEqual(MAX_RUNNER_UP_CONFIDENCE + 1e-12);
      }),
      { numRuns: 5000 },
    );
    // The corner where the bound is reached: all of the score from letters and titles, a tie, a best candidate covering nothing.
    const corner = { stemCosine: 0, gramCosine: 1, queryUnmatched: 0, docUnmatched: 0, numberFactor: 1, titleSequence: 1 };
    const cornerScore = finalScore(corner, 1);
    expect(confidenceOf(cornerScore, 0, corner, 1)).toBeCloseTo(MAX_RUNNER_UP_CONFIDENCE, 12);
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
        const actual = confidenceOf(scored.score, scored.score - rival, scored, otherQueryUnmatched);
        const high = Math.min(1, scored.score + 0.1);
        const bound = confidenceOf(high, high - rival, { ...scored, queryUnmatched: 0, docUnmatched: 0 }, 1);
        expect(actual).toBeLessThanOrEqual(bound + 1e-12);
      }),
      { numRuns: 2000 },
    );
  });
});
