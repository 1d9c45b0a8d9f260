/**
 * Whether a candidate is a likely duplicate: the confidence model
 * (`confidenceOf`) and the highest confidence a runner-up can reach
 * (`MAX_RUNNER_UP_CONFIDENCE`, which lets the pair scan follow only each doc's
 * best candidates).
 */
import { FUZZY_WEIGHT, GRAM_WEIGHT, STEM_WEIGHT, TITLE_SEQUENCE_WEIGHT, unmatchedFactor, type PairFeatures } from './rerank.js';

/**
 * Logistic model of "this candidate is the duplicate", over the features of
 * `confidenceOf`. Fitted on the labelled dev sets by
 * `npm run eval:dedup -- --fit`, which also checks the fit on held-out halves;
 * the bias is shifted so that at the default threshold 0.65 at most 2.5 % of
 * each set's non-duplicates are flagged, against the whole haystack and in
 * registers of 2, 10 and 50 ideas. Its main evidence besides the score is how
 * far the candidate stands out from the best other one that is not a
 * near-copy of it, in score and in how much of the new idea it covers.
 */
export interface ConfidenceModel {
  bias: number;
  score: number;
  margin: number;
  relativeMargin: number;
  queryUnmatched: number;
  docUnmatched: number;
  /**
   * The word cosine once more, beside its share of the score. Fitted below 0
   * on each half of the dev sets' queries: at one score, a candidate that
   * owes more of it to whole shared words than to shared letters is less
   * often the same idea (probably because texts on one topic share its
   * words, while a rephrasing keeps the letters of inflected and compound
   * forms). With it, flag recall rose on both held-out halves at false-flag
   * rates within the same bound.
   */
  stemCosine: number;
  /**
   * Weighs how much more of the new idea this candidate covers than the best
   * other one. Two near-equal scores are not doubt when one candidate matches
   * everything the other does and more ("svart hund ... pool" against
   * "hund ... pool"); they are when each covers words the other lacks.
   */
  coverageMargin: number;
}

export const CONFIDENCE_MODEL: ConfidenceModel = {
  bias: -3.575,
  score: 1.938,
  margin: 2.371,
  relativeMargin: 5.426,
  queryUnmatched: -0.216,
  docUnmatched: -0.367,
  stemCosine: -1.289,
  // Must stay >= 0: the register-wide pair scan bounds the confidence by taking the other candidate to cover nothing.
  coverageMargin: 1.621,
};

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** The candidate a confidence is measured against: its score and its `queryUnmatched`. */
export interface RunnerUp {
  score: number;
  queryUnmatched: number;
}

/**
 * Stands in for a runner-up that is missing or weaker than itself: a
 * candidate scoring this much that covers none of the new idea. Without it a
 * lone match in a small register stands out from nothing: "Digital
 * anslagstavla i skolan", sharing one word with a new idea in a two-idea
 * register, had a margin as large as its score and was flagged. A large
 * register nearly always holds some idea about this similar; below it, a
 * candidate is measured against this virtual runner-up, so a lone match gets
 * no more credit for standing alone than it would among many ideas. Chosen by
 * measurement (README, "Duplicate check"): 0.2 against 0, 0.1, 0.15, 0.25,
 * 0.3 and 0.35, weighing the flag recall on the whole haystack against how
 * often a lone same-topic non-duplicate is flagged in a register of two.
 */
export const VIRTUAL_RUNNER_UP: RunnerUp = { score: 0.2, queryUnmatched: 1 };

/** The runner-up a confidence is measured against: the real one, or the virtual one when that is stronger. */
export function runnerUpOf(actual: RunnerUp | undefined): RunnerUp {
  return actual === undefined || actual.score < VIRTUAL_RUNNER_UP.score ? VIRTUAL_RUNNER_UP : actual;
}

/** Unrounded: how sure the model is that a candidate with this score and these features is the duplicate, measured against `runnerUp`. */
export function confidenceOf(score: number, runnerUp: RunnerUp, features: PairFeatures, model: ConfidenceModel = CONFIDENCE_MODEL): number {
  const margin = score - runnerUp.score;
  // The number factor divides the odds and caps the confidence. Multiplying the confidence instead took a
  // quarter off every match with a number in one title only ("fler cykelställ" / "20 nya cykelställ"), sure
  // ones too; the cap still keeps titles whose numbers all differ ("30 km/h" / "40 km/h") at 0.5 or below.
  const likely = sigmoid(
    Math.log(features.numberFactor) +
      model.bias +
      model.score * score +
      model.margin * margin +
      model.relativeMargin * (margin / Math.max(score, 1e-6)) +
      model.queryUnmatched * features.queryUnmatched +
      model.docUnmatched * features.docUnmatched +
      model.stemCosine * features.stemCosine +
      model.coverageMargin * (runnerUp.queryUnmatched - features.queryUnmatched),
  );
  return Math.min(features.numberFactor, likely);
}

/**
 * Which candidate each of the first `count` scored candidates (best first) is
 * measured against: the best other candidate that is not a near-copy of it
 * (`nearCopy(i, j)`, by rank), or none. Near-copies are one idea found several
 * times (the same idea in three municipalities): that they match the new idea
 * equally well is evidence for a duplicate, not doubt about which one.
 */
export function runnerUpRanks(candidateCount: number, nearCopy: (i: number, j: number) => boolean, count = candidateCount): (number | undefined)[] {
  return Array.from({ length: Math.min(count, candidateCount) }, (_, rank) => {
    for (let other = 0; other < candidateCount; other += 1) if (other !== rank && !nearCopy(rank, other)) return other;
    return undefined;
  });
}

/** The confidence of each of the first `count` scored candidates (best first), against the runner-up `runnerUpRanks` finds. */
export function confidencesOf(
  scored: readonly (PairFeatures & { score: number })[],
  nearCopy: (i: number, j: number) => boolean = () => false,
  count = scored.length,
  model: ConfidenceModel = CONFIDENCE_MODEL,
): number[] {
  return runnerUpRanks(scored.length, nearCopy, count).map((other, rank) => {
    const candidate = scored[rank] as PairFeatures & { score: number };
    return confidenceOf(candidate.score, runnerUpOf(other === undefined ? undefined : scored[other]), candidate, model);
  });
}

/** How two existing ideas compare, for `isNearCopy`: the unmatched shares both ways and the number factor of their titles. */
export interface CopyFeatures {
  leftUnmatched: number;
  rightUnmatched: number;
  numberFactor: number;
}

/**
 * At most this much of the two ideas' content words together (each side's
 * unmatched share, by weight, summed) without a counterpart in the other: a
 * word dropped or added, an inflection the stemmer misses, words in another
 * order. Chosen on the eval's near-copies (`--copies 3`) against the
 * flag recall it costs on the whole haystack (README, "Duplicate check"):
 * 0.4 against 0.1 to 0.5, and against the larger of the two shares.
 */
export const NEAR_COPY_UNMATCHED = 0.4;
/**
 * Or one idea holds (nearly) all of the other's words, and the other lacks at
 * most this share of the first's: the same idea written shorter. Two edits of
 * a short title ("Grundläggande skillnad?" / "skillnaden?") leave too much
 * unmatched for the sum above, yet the shorter one is no other idea: every
 * word of it is in the longer one, so it cannot explain a new idea the longer
 * one does not. Without this rule, a third copy of such an idea became the
 * runner-up of the others and `--copies 3` flagged fewer duplicates than no
 * copies. Chosen like the sum (README, "Duplicate check"): held at most 0.1
 * (0.05 measured alike) and lacking at most 0.6 (0.5 lost copies, 0.7 added
 * false flags).
 */
export const NEAR_COPY_CONTAINED = 0.1;
export const NEAR_COPY_SHORTER = 0.6;
/** Numbers in one title only (a number dropped) still allow a near-copy; two different numbers do not. */
const NEAR_COPY_NUMBER_FACTOR = 0.75;

/** Whether two existing ideas are near-copies of each other: the same idea entered twice. */
export function isNearCopy(pair: CopyFeatures): boolean {
  if (pair.numberFactor < NEAR_COPY_NUMBER_FACTOR) return false;
  const [less, more] = pair.leftUnmatched <= pair.rightUnmatched ? [pair.leftUnmatched, pair.rightUnmatched] : [pair.rightUnmatched, pair.leftUnmatched];
  return less + more <= NEAR_COPY_UNMATCHED || (less <= NEAR_COPY_CONTAINED && more <= NEAR_COPY_SHORTER);
}

/**
 * The highest confidence any candidate but the best can have (the pair scan
 * skips all but the best candidate when the threshold is above it). Its
 * margin lies in [-1, 0] and its relative margin is at most 0 (that weight
 * is >= 0). The best candidate's unmatched share is at most 1. Its own score
 * is at most (STEM_WEIGHT x stemCosine + the other weights) x unmatchedFactor,
 * with the cosine and unmatched shares in [0, 1], and it counts at most that
 * much (its weight is >= 0). What is left is bilinear in the cosine and the
 * query's unmatched share, so it is largest at a corner of that square. A
 * model with other signs gets no bound (1), so the scan follows every candidate.
 */
function maxRunnerUpConfidence(model: ConfidenceModel): number {
  if (model.score < 0 || model.relativeMargin < 0) return 1;
  const otherWeights = GRAM_WEIGHT + TITLE_SEQUENCE_WEIGHT + FUZZY_WEIGHT;
  let most = -Infinity;
  for (const stemCosine of [0, 1]) {
    for (const queryUnmatched of [0, 1]) {
      const score = Math.min(1, (STEM_WEIGHT * stemCosine + otherWeights) * unmatchedFactor(queryUnmatched));
      const logit =
        model.score * score +
        model.stemCosine * stemCosine +
        (model.queryUnmatched - model.coverageMargin) * queryUnmatched +
        Math.max(0, model.docUnmatched);
      most = Math.max(most, logit);
    }
  }
  return sigmoid(model.bias + Math.max(0, -model.margin) + Math.max(0, model.coverageMargin) + most);
}

export const MAX_RUNNER_UP_CONFIDENCE = maxRunnerUpConfidence(CONFIDENCE_MODEL);
