import { describe, expect, it } from 'vitest';
import { confidencesOf, MAX_RUNNER_UP_CONFIDENCE, type PairFeatures } from '../../../src/core/similarity/rerank.js';

const candidate = (score: number, queryUnmatched: number): PairFeatures & { score: number } => ({
  score,
  stemCosine: score,
  gramCosine: score,
  queryUnmatched,
  docUnmatched: 0.2,
  numberFactor: 1,
  titleSequence: score,
});

describe('confidencesOf', () => {
  it('doubts a near tie less when the best candidate covers what the runner-up does and more', () => {
    const [dominant] = confidencesOf([candidate(0.7, 0.1), candidate(0.68, 0.4)]);
    const [rival] = confidencesOf([candidate(0.7, 0.1), candidate(0.68, 0.1)]);
    expect(dominant as number).toBeGreaterThan(rival as number);
  });

  it('keeps every candidate but the best below MAX_RUNNER_UP_CONFIDENCE', () => {
    const confidences = confidencesOf([candidate(1, 1), candidate(1, 0), candidate(0.9, 0)]);
    for (const confidence of confidences.slice(1)) expect(confidence).toBeLessThanOrEqual(MAX_RUNNER_UP_CONFIDENCE);
  });
});
