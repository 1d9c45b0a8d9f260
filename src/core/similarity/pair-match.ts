/**
 * The second stage of the register-wide pair scan for one doc: which of its
 * shortlisted candidates `findSimilar` on the doc's own text would flag,
 * worked out only as far as that needs.
 *
 * Each candidate's final score lies in a known range before soft word
 * matching, the title sequence and fuse.js run (the title similarities lie in
 * [0, 1], unmatched words cost at most the share UNMATCHED_WEIGHT). A
 * candidate's confidence is measured against the best other candidate that is
 * not a near-copy of it (confidence.ts), which is never weaker than the
 * virtual runner-up and never weaker than any candidate known not to be a
 * near-copy of it. So the confidence has an upper bound from the candidate's
 * highest possible score and such a known candidate's lowest possible score.
 * Candidates are narrowed best bound first until each is either decided or
 * bounded below the threshold, which is exact.
 */
import { confidenceOf, runnerUpOf, VIRTUAL_RUNNER_UP } from './confidence.js';
import type { QueryView, Shortlisted } from './register-view.js';
import { finalScore, FUZZY_WEIGHT, GRAM_WEIGHT, numberFactorOf, STEM_WEIGHT, TITLE_SEQUENCE_WEIGHT, unmatchedFactor, type PairFeatures } from './rerank.js';
import { titleSequenceSimilarity } from './title-sequence.js';

interface Candidate extends PairFeatures {
  docIndex: number;
  preliminary: number;
  /** 0: cosines only, 1: unmatched words and title sequence known, 2: fuzzy title one way known, 3: final score known (low = high = score). */
  stage: 0 | 1 | 2 | 3;
  low: number;
  high: number;
  /** fuse.js similarity of the doc's title found in the candidate's, once known (stage 2). */
  fuzzyForward: number;
}

/** What the scan knows or works out about pairs, with its caches. */
export interface PairMatcher {
  /** The doc as `findSimilar` would see its text. */
  query: QueryView;
  /** Unmatched shares of the doc against a candidate. */
  unmatched(other: number): { queryUnmatched: number; docUnmatched: number };
  /** fuse.js similarity of the doc's title found in the other's (`docIsPattern`) or the other's found in the doc's. */
  directed(other: number, docIsPattern: boolean): number;
  sequenceTitleOf(doc: number): string;
  titleNumbersOf(doc: number): ReadonlySet<string>;
  isNearCopy(left: number, right: number): boolean;
  idOf(doc: number): string;
}

export interface FlaggedCandidate {
  docIndex: number;
  score: number;
  confidence: number;
}

const clamp = (value: number) => Math.min(1, Math.max(0, value));

/** The highest confidence a candidate can still reach when its runner-up scores at least `runnerUpScore`. */
function confidenceBound(candidate: Candidate, runnerUpScore: number): number {
  // Unknown unmatched shares are 0 until worked out, and the runner-up is taken to cover nothing: an upper bound.
  return confidenceOf(candidate.high, { score: Math.max(runnerUpScore, VIRTUAL_RUNNER_UP.score), queryUnmatched: 1 }, candidate);
}

function startCandidate(matcher: PairMatcher, shortlisted: Shortlisted, queryNumbers: ReadonlySet<string>): Candidate {
  const numberFactor = numberFactorOf(queryNumbers, matcher.titleNumbersOf(shortlisted.docIndex));
  const preliminary = STEM_WEIGHT * shortlisted.stemCosine + GRAM_WEIGHT * shortlisted.gramCosine;
  return {
    docIndex: shortlisted.docIndex,
    stemCosine: shortlisted.stemCosine,
    gramCosine: shortlisted.gramCosine,
    queryUnmatched: 0,
    docUnmatched: 0,
    numberFactor,
    titleSequence: 0,
    preliminary,
    stage: 0,
    low: clamp(preliminary * unmatchedFactor(1) * numberFactor),
    high: clamp((preliminary + TITLE_SEQUENCE_WEIGHT + FUZZY_WEIGHT) * numberFactor),
    fuzzyForward: 0,
  };
}

/** Narrows a candidate's score range by one step: unmatched words and title sequence, then fuse.js one way, then the other. */
function refine(matcher: PairMatcher, candidate: Candidate): void {
  if (candidate.stage === 0) {
    const { queryUnmatched, docUnmatched } = matcher.unmatched(candidate.docIndex);
    candidate.queryUnmatched = queryUnmatched;
    candidate.docUnmatched = docUnmatched;
    candidate.titleSequence = titleSequenceSimilarity(matcher.query.sequenceTitle, matcher.sequenceTitleOf(candidate.docIndex));
    const known = candidate.preliminary + TITLE_SEQUENCE_WEIGHT * candidate.titleSequence;
    const factor = unmatchedFactor(queryUnmatched) * candidate.numberFactor;
    candidate.low = clamp(known * factor);
    candidate.high = clamp((known + FUZZY_WEIGHT) * factor);
    candidate.stage = 1;
  } else if (candidate.stage === 1) {
    // fuse.js runs both ways (each title searched in the other); one way already bounds the mean.
    const forward = matcher.directed(candidate.docIndex, true);
    candidate.fuzzyForward = forward;
    candidate.low = finalScore(candidate, forward / 2);
    candidate.high = finalScore(candidate, (forward + 1) / 2);
    candidate.stage = 2;
  } else {
    const score = finalScore(candidate, (candidate.fuzzyForward + matcher.directed(candidate.docIndex, false)) / 2);
    candidate.low = score;
    candidate.high = score;
    candidate.stage = 3;
  }
}

/**
 * One doc's shortlist being narrowed. The exact candidates that no other can
 * still pass form a prefix of findSimilar's final order that only grows
 * (a candidate made exact later scores below it), so each candidate's walk
 * along it for its runner-up resumes where it stopped.
 */
class Narrowing {
  readonly candidates: Candidate[];
  /** Exact candidates in findSimilar's order (score desc, id asc); the first `settled` of them are final. */
  readonly exact: number[] = [];
  settled = 0;
  /** The candidate with the highest bound that is not exact yet. */
  next: number | undefined;
  readonly #idRank: Int32Array;
  readonly #near: Int8Array;
  /** Per candidate: how far along the settled prefix its walk got, and the runner-up it found there (-1: none yet). */
  readonly #walked: Int32Array;
  readonly #runnerUp: Int32Array;
  /** Per candidate: the other candidates known not to be near-copies of it. */
  readonly #apart: number[][];

  constructor(
    readonly matcher: PairMatcher,
    shortlist: readonly Shortlisted[],
    queryNumbers: ReadonlySet<string>,
  ) {
    this.candidates = shortlist.map((shortlisted) => startCandidate(matcher, shortlisted, queryNumbers));
    const count = this.candidates.length;
    const byId = this.candidates.map((_, i) => i).sort((a, b) => (matcher.idOf(this.candidates[a]!.docIndex) < matcher.idOf(this.candidates[b]!.docIndex) ? -1 : 1));
    this.#idRank = new Int32Array(count);
    byId.forEach((i, rank) => (this.#idRank[i] = rank));
    this.#near = new Int8Array(count * count).fill(-1);
    this.#walked = new Int32Array(count);
    this.#runnerUp = new Int32Array(count).fill(-1);
    this.#apart = this.candidates.map(() => []);
    this.#findNext();
  }

  #before(i: number, j: number): boolean {
    const [x, y] = [this.candidates[i] as Candidate, this.candidates[j] as Candidate];
    return x.high > y.high || (x.high === y.high && (this.#idRank[i] as number) < (this.#idRank[j] as number));
  }

  #findNext(): void {
    this.next = undefined;
    this.candidates.forEach((candidate, i) => {
      if (candidate.stage !== 3 && (this.next === undefined || this.#before(i, this.next))) this.next = i;
    });
    const limit = this.next === undefined ? Infinity : (this.candidates[this.next] as Candidate).high;
    while (this.settled < this.exact.length && limit < (this.candidates[this.exact[this.settled] as number] as Candidate).high) this.settled += 1;
    if (this.next === undefined) this.settled = this.exact.length;
  }

  nearCopy(i: number, j: number): boolean {
    const key = i * this.candidates.length + j;
    let known = this.#near[key] as number;
    if (known === -1) {
      known = this.matcher.isNearCopy((this.candidates[i] as Candidate).docIndex, (this.candidates[j] as Candidate).docIndex) ? 1 : 0;
      this.#near[key] = known;
      this.#near[j * this.candidates.length + i] = known;
      if (known === 0) {
        (this.#apart[i] as number[]).push(j);
        (this.#apart[j] as number[]).push(i);
      }
    }
    return known === 1;
  }

  /** Narrows the candidate with the highest bound by one step. */
  refineNext(): void {
    const i = this.next as number;
    refine(this.matcher, this.candidates[i] as Candidate);
    if ((this.candidates[i] as Candidate).stage === 3) {
      let at = this.exact.length;
      while (at > this.settled && this.#before(i, this.exact[at - 1] as number)) at -= 1;
      this.exact.splice(at, 0, i);
    }
    this.#findNext();
  }

  /**
   * Candidate i's runner-up if it is known: the first candidate of the
   * settled prefix that is not a near-copy, or, once every candidate that could
   * still come before it is known to be a near-copy, none (`null`); `undefined`
   * while it is not known. The walk along the prefix resumes where it stopped.
   */
  knownRunnerUp(i: number): number | null | undefined {
    if ((this.#runnerUp[i] as number) >= 0) return this.#runnerUp[i] as number;
    for (let k = this.#walked[i] as number; k < this.settled; k = (this.#walked[i] = k + 1)) {
      const other = this.exact[k] as number;
      if (other !== i && !this.nearCopy(i, other)) {
        this.#runnerUp[i] = other;
        return other;
      }
    }
    // Past the prefix: the same idea entered many times has no runner-up at all, which near-copy checks alone tell.
    const inPrefix = new Set(this.exact.slice(0, this.settled));
    for (let j = 0; j < this.candidates.length; j += 1) if (j !== i && !inPrefix.has(j) && !this.nearCopy(i, j)) return undefined;
    return null;
  }

  /**
   * A lowest score for candidate i's runner-up: the best lowest possible
   * score of a candidate already known not to be a near-copy of it. It asks
   * no new near-copy question: it once asked one per call (the candidate with
   * the best lowest score), which made three in four of the pair scan's
   * near-copy checks and cost more than the candidates it closed early saved
   * (`duplicates` at 1,000 ideas 1.3 s against 1.1 s without, the same pairs).
   */
  lowestRunnerUp(i: number): number {
    let lowest = 0;
    for (const j of this.#apart[i] as number[]) lowest = Math.max(lowest, (this.candidates[j] as Candidate).low);
    return lowest;
  }
}

/**
 * Gives `onFlag` each candidate of the doc that `findSimilar` would flag at
 * `threshold` (less half the rounding step of a reported confidence), with
 * its score and unrounded confidence, as soon as it is known; candidates no
 * longer `needed` are not worked out.
 */
export function flaggedCandidates(
  matcher: PairMatcher,
  shortlist: readonly Shortlisted[],
  threshold: number,
  queryNumbers: ReadonlySet<string>,
  needed: (docIndex: number) => boolean,
  onFlag: (flagged: FlaggedCandidate) => void,
): void {
  const narrowing = new Narrowing(matcher, shortlist, queryNumbers);
  const { candidates } = narrowing;
  const open = new Uint8Array(candidates.length).fill(1);
  for (;;) {
    let pending = false;
    candidates.forEach((candidate, i) => {
      if (open[i] === 0) return;
      if (!needed(candidate.docIndex) || confidenceBound(candidate, 0) < threshold) {
        open[i] = 0;
        return;
      }
      const runnerUp = narrowing.knownRunnerUp(i);
      if (runnerUp !== undefined && candidate.stage === 3) {
        open[i] = 0;
        const other = runnerUp === null ? undefined : (candidates[runnerUp] as Candidate);
        const confidence = confidenceOf(candidate.high, runnerUpOf(other && { score: other.high, queryUnmatched: other.queryUnmatched }), candidate);
        if (confidence >= threshold) onFlag({ docIndex: candidate.docIndex, score: candidate.high, confidence });
        return;
      }
      const floor = runnerUp === undefined ? narrowing.lowestRunnerUp(i) : runnerUp === null ? 0 : (candidates[runnerUp] as Candidate).low;
      if (confidenceBound(candidate, floor) < threshold) open[i] = 0;
      else pending = true;
    });
    if (!pending || narrowing.next === undefined) break;
    narrowing.refineNext();
  }
}
