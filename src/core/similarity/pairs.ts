/**
 * The register-wide scan for likely duplicate pairs (`sluss duplicates`):
 * every doc is matched against the others as `findSimilar` would match its
 * text, but candidates come from the posting lists, and the expensive second
 * stage (fuse.js, soft word matching) runs only where bounds leave the flag
 * undecided.
 *
 * Exactness: a pair is reported when `findSimilar(doc, { exclude: [doc] })`
 * would flag it in either direction, with two qualifications:
 * - the shortlist is exact for docs whose terms' postings are few (every doc
 *   in small registers). For the others, cosines are accumulated over rare
 *   terms (in at most `commonDf` docs) only; the best docs by those are
 *   re-scored exactly and form the shortlist, so docs sharing only common
 *   words with a doc, which `findSimilar` may put at the tail of its
 *   shortlist, are left out;
 * - the title similarities (letter sequence, fuse.js) lie in [0, 1] and
 *   unmatched words cost at most the share UNMATCHED_WEIGHT, so each
 *   candidate's final score lies in a known range before soft word matching,
 *   the title sequence and fuse.js run; candidates are evaluated best bound
 *   first until the flag is decided, which is exact.
 * Counts are those stored in the index (capped at 255 per field), which only
 * very long texts exceed.
 *
 * In order: one family's view for the scan (`FamilyScan`: coded per-doc
 * terms, `spreadDoc` and `pairCosines` for exact cosines, `accumulateDoc` for
 * one doc against all); `PendingCache`, what one direction of a pair works out
 * for the other; and `findDuplicatePairs`, whose closures are the first stage
 * (`shortlistOf`), the bounded second stage (`matchDoc`), `record` and the loop
 * over docs at its end.
 */
import type { IndexData, RegisterIndex, Shortlisted } from './engine.js';
import { codeForward, CountPairCodes, smoothedIdf, TF as SHARED_TF, TITLE_WEIGHT as SHARED_TITLE_WEIGHT, termCountOf, transpose, type CodedForwardTerms, type Norms, type Postings } from './postings.js';
import {
  confidenceOf,
  confidencesOf,
  finalScore,
  FUZZY_WEIGHT,
  GRAM_WEIGHT,
  MAX_RUNNER_UP_CONFIDENCE,
  MIN_CANDIDATE_SCORE,
  numberFactorOf,
  SHORTLIST_SIZE,
  TopDocs,
  STEM_WEIGHT,
  TITLE_SEQUENCE_WEIGHT,
  titleNumbersOf,
  unmatchedFactor,
  type PairFeatures,
} from './rerank.js';
import { directedTitleSimilarity } from './title-fuzzy.js';
import { titleSequenceSimilarity } from './title-sequence.js';
import type { MatchReason } from './types.js';

export interface DuplicatePairOptions {
  /** Pairs whose confidence (rounded to 3 decimals, as `findSimilar` reports it) reaches this are returned. */
  threshold: number;
  /** Pairs scoring below this are left out, however confident. */
  minScore?: number;
  /** Only pairs with at least one doc of these ids (a pull request's new ideas). */
  subject?: ReadonlySet<string>;
  /**
   * Pairs the caller rules out (remembered "not a duplicate" decisions, ideas
   * of the same municipality); called with a < b. A ruled-out doc is left out
   * of the other's candidates, as `exclude` does in `findSimilar`.
   */
  skip?: (a: string, b: string) => boolean;
  /**
   * A doc whose terms' postings add up to at most this is matched against every doc
   * sharing a term; others take their shortlist from their rare terms (default
   * 40,000, which only large registers exceed; tests lower it to reach that path).
   */
  exactBudget?: number;
}

export interface DuplicatePair {
  /** a < b */
  a: string;
  b: string;
  score: number;
  confidence: number;
  /** Shared terms, from the direction with the higher confidence (the field is that of its matched doc). */
  reasons: MatchReason[];
}

// Local copies: hot loops should not read imported bindings (a getter each time once bundled to CommonJS).
const TF = SHARED_TF;
const TITLE_WEIGHT = SHARED_TITLE_WEIGHT;

/** The scan's view of one family (stems or grams). */
interface FamilyScan {
  postings: Postings;
  norms: Norms;
  /** Each doc's terms, in any order. */
  forward: CodedForwardTerms;
  /** By count code: the TF weight of the entry over title and text, and over the title alone. */
  codeFull: Float64Array;
  codeTitle: Float64Array;
  idfFull: Float64Array;
  idfTitle: Float64Array;
  /** 1 for terms in more than `commonDf` docs. */
  common: Uint8Array;
  /** The weights of the doc last given to `spreadDoc`, by term (0 for its other terms). */
  spreadFull: Float64Array;
  spreadTitle: Float64Array;
}

function familyScan(postings: Postings, norms: Norms, forward: CodedForwardTerms, codes: CountPairCodes, docCount: number, commonDf: number): FamilyScan {
  const termCount = termCountOf(postings);
  const idfFull = new Float64Array(termCount);
  const idfTitle = new Float64Array(termCount);
  const common = new Uint8Array(termCount);
  for (let term = 0; term < termCount; term += 1) {
    const df = (postings.starts[term + 1] as number) - (postings.starts[term] as number);
    idfFull[term] = smoothedIdf(df, docCount);
    idfTitle[term] = smoothedIdf(postings.titleDf[term] as number, docCount);
    if (df > commonDf) common[term] = 1;
  }
  const codeFull = Float64Array.from(codes.titleCounts, (titleCount, code) => TITLE_WEIGHT * (TF[titleCount] as number) + (TF[codes.textCounts[code] as number] as number));
  const codeTitle = Float64Array.from(codes.titleCounts, (titleCount) => TF[titleCount] as number);
  return { postings, norms, forward, codeFull, codeTitle, idfFull, idfTitle, common, spreadFull: new Float64Array(termCount), spreadTitle: new Float64Array(termCount) };
}

/**
 * Spreads `doc`'s TF-IDF weights over the scan's per-term arrays, so that its
 * cosine with another doc needs one pass over the other's terms; `undo`
 * clears them again.
 */
function spreadDoc(scan: FamilyScan, doc: number, undo = false): void {
  const { forward, codeFull, codeTitle, idfFull, idfTitle, spreadFull, spreadTitle } = scan;
  const end = forward.starts[doc + 1] as number;
  for (let entry = forward.starts[doc] as number; entry < end; entry += 1) {
    const term = forward.terms[entry] as number;
    if (undo) {
      spreadFull[term] = 0;
      spreadTitle[term] = 0;
      continue;
    }
    const code = forward.codes[entry] as number;
    spreadFull[term] = (codeFull[code] as number) * (idfFull[term] as number);
    spreadTitle[term] = (codeTitle[code] as number) * (idfTitle[term] as number);
  }
}

/** Exact cosines of the spread doc `left` with `right` in one family. */
function pairCosines(scan: FamilyScan, left: number, right: number): { full: number; title: number } {
  const { forward, codeFull, codeTitle, idfFull, idfTitle, norms, spreadFull, spreadTitle } = scan;
  const end = forward.starts[right + 1] as number;
  let full = 0;
  let title = 0;
  for (let entry = forward.starts[right] as number; entry < end; entry += 1) {
    const term = forward.terms[entry] as number;
    const leftFull = spreadFull[term] as number;
    if (leftFull === 0) continue;
    const code = forward.codes[entry] as number;
    full += leftFull * (codeFull[code] as number) * (idfFull[term] as number);
    const rightTitle = codeTitle[code] as number;
    if (rightTitle > 0) title += (spreadTitle[term] as number) * rightTitle * (idfTitle[term] as number);
  }
  const fullNorms = (norms.full[left] as number) * (norms.full[right] as number);
  const titleNorms = (norms.title[left] as number) * (norms.title[right] as number);
  return { full: fullNorms > 0 ? full / fullNorms : 0, title: titleNorms > 0 ? title / titleNorms : 0 };
}

/**
 * Accumulates one doc's cosines with every doc over its rare terms (all terms when `all`), unnormalised by the other doc.
 * Docs touched first are appended to `touchedList` from `touchedCount` on; returns the new count.
 */
function accumulateDoc(
  scan: FamilyScan,
  doc: number,
  all: boolean,
  full: Float64Array,
  title: Float64Array,
  touched: Uint8Array,
  touchedList: Int32Array,
  touchedCount: number,
): number {
  const { forward, codeFull, codeTitle, postings, idfFull, idfTitle, common, norms } = scan;
  const fullNorm = norms.full[doc] as number;
  const titleNorm = norms.title[doc] as number;
  if (fullNorm === 0) return touchedCount;
  let count = touchedCount;
  const end = forward.starts[doc + 1] as number;
  for (let entry = forward.starts[doc] as number; entry < end; entry += 1) {
    const term = forward.terms[entry] as number;
    if (!all && common[term] === 1) continue;
    const code = forward.codes[entry] as number;
    const idf = idfFull[term] as number;
    const fullFactor = ((codeFull[code] as number) * idf * idf) / fullNorm;
    const titleIdf = idfTitle[term] as number;
    const titleTf = codeTitle[code] as number;
    const titleFactor = titleTf > 0 && titleNorm > 0 ? (titleTf * titleIdf * titleIdf) / titleNorm : 0;
    const postingEnd = postings.starts[term + 1] as number;
    for (let posting = postings.starts[term] as number; posting < postingEnd; posting += 1) {
      const other = postings.docs[posting] as number;
      const otherTitle = postings.titleCounts[posting] as number;
      if (touched[other] === 0) {
        touched[other] = 1;
        touchedList[count] = other;
        count += 1;
      }
      full[other] = (full[other] as number) + fullFactor * (TITLE_WEIGHT * (TF[otherTitle] as number) + (TF[postings.textCounts[posting] as number] as number));
      if (otherTitle > 0 && titleFactor > 0) title[other] = (title[other] as number) + titleFactor * (TF[otherTitle] as number);
    }
  }
  return count;
}

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

const clamp = (value: number) => Math.min(1, Math.max(0, value));
/** Default of `exactBudget`. */
const EXACT_BUDGET = 40_000;
/** Above the budget, this many best docs by rare terms are re-scored exactly for the shortlist. */
const RARE_CANDIDATES = 40;

/**
 * Values kept for a doc still to be scanned, by key, until `release(doc)`.
 * Each doc's entries form a list in typed arrays: at 50,000 ideas a scan holds
 * about 100,000 at its middle, which as a Map per doc took some 16 MB.
 */
export class PendingCache {
  readonly #first: Int32Array;
  #next = new Int32Array(1024);
  #keys = new Int32Array(1024);
  #values = new Float64Array(2048);
  #used = 0;
  /** Released entries, chained through `#next`. */
  #free = -1;

  constructor(docCount: number) {
    this.#first = new Int32Array(docCount).fill(-1);
  }

  /** The entry of `doc` under `key`, or -1; its values are `value(entry, 0)` and `value(entry, 1)`. */
  find(doc: number, key: number): number {
    for (let entry = this.#first[doc] as number; entry !== -1; entry = this.#next[entry] as number) if (this.#keys[entry] === key) return entry;
    return -1;
  }

  value(entry: number, which: 0 | 1): number {
    return this.#values[2 * entry + which] as number;
  }

  set(doc: number, key: number, first: number, second = 0): void {
    let entry = this.#free;
    if (entry !== -1) this.#free = this.#next[entry] as number;
    else {
      if (this.#used === this.#keys.length) this.#grow();
      entry = this.#used;
      this.#used += 1;
    }
    this.#keys[entry] = key;
    this.#values[2 * entry] = first;
    this.#values[2 * entry + 1] = second;
    this.#next[entry] = this.#first[doc] as number;
    this.#first[doc] = entry;
  }

  release(doc: number): void {
    let entry = this.#first[doc] as number;
    while (entry !== -1) {
      const next = this.#next[entry] as number;
      this.#next[entry] = this.#free;
      this.#free = entry;
      entry = next;
    }
    this.#first[doc] = -1;
  }

  #grow(): void {
    const length = 2 * this.#keys.length;
    const next = new Int32Array(length);
    next.set(this.#next);
    this.#next = next;
    const keys = new Int32Array(length);
    keys.set(this.#keys);
    this.#keys = keys;
    const values = new Float64Array(2 * length);
    values.set(this.#values);
    this.#values = values;
  }
}

const NO_NUMBERS: ReadonlySet<string> = new Set();

/** Rounded as `findSimilar` reports it. */
const round3 = (value: number) => Math.round(value * 1000) / 1000;

export function findDuplicatePairs(index: RegisterIndex, options: DuplicatePairOptions): DuplicatePair[] {
  const data: IndexData = index.data;
  const { docCount } = data;
  const minScore = options.minScore ?? 0;
  const exactBudget = options.exactBudget ?? EXACT_BUDGET;
  const found = new Map<string, DuplicatePair>();
  if (docCount < 2) return [];
  const commonDf = Math.max(64, Math.ceil(docCount / 50));
  // What one direction of a pair works out, the other direction asks for again: kept for the doc
  // not yet scanned, and let go once it has been, so only pairs still to be seen are held.
  const scanned = new Uint8Array(docCount);
  const unmatchedCache = new PendingCache(docCount);
  const fuzzyCache = new PendingCache(docCount);
  /** fuse.js similarity of `doc`'s title found in the other's (`docIsPattern`) or the other's found in `doc`'s. */
  const directed = (doc: number, other: number, docIsPattern: boolean, docTitle: string, otherTitle: string) => {
    const entry = fuzzyCache.find(doc, 2 * other + (docIsPattern ? 0 : 1));
    if (entry !== -1) return fuzzyCache.value(entry, 0);
    const value = docIsPattern ? directedTitleSimilarity(docTitle, otherTitle) : directedTitleSimilarity(otherTitle, docTitle);
    if (scanned[other] === 0) fuzzyCache.set(other, 2 * doc + (docIsPattern ? 1 : 0), value);
    return value;
  };
  // The index keeps each doc's stems already; only the grams' postings need turning around.
  const codes = new CountPairCodes();
  codes.add(data.docStems);
  codes.add(data.grams);
  const stems = familyScan(data.stems, data.stemNorms, codeForward(data.docStems, codes), codes, docCount, commonDf);
  const grams = familyScan(data.grams, data.gramNorms, transpose(data.grams, docCount, codes), codes, docCount, commonDf);
  const idOf = index.idOf;
  const skip = options.skip;
  const skipped = (a: number, b: number) => {
    if (skip === undefined) return false;
    const left = idOf(a);
    const right = idOf(b);
    return left < right ? skip(left, right) : skip(right, left);
  };

  const stemFull = new Float64Array(docCount);
  const stemTitle = new Float64Array(docCount);
  const gramFull = new Float64Array(docCount);
  const gramTitle = new Float64Array(docCount);
  const touched = new Uint8Array(docCount);
  // Scratch reused by every doc: the docs sharing a term, and the cosines of those shortlisted.
  const touchedList = new Int32Array(docCount);
  const stemCosines = new Float64Array(docCount);
  const gramCosines = new Float64Array(docCount);
  // Every doc is a candidate of many others: its stemmed title and title numbers are worked out once.
  const sequenceTitles = new Array<string | undefined>(docCount);
  const sequenceTitleOf = (doc: number) => (sequenceTitles[doc] ??= index.sequenceTitleOf(doc));
  const titleNumbers = new Array<ReadonlySet<string> | undefined>(docCount);
  const titleNumbersOfDoc = (doc: number) => {
    let numbers = titleNumbers[doc];
    if (numbers === undefined) {
      const found = index.docTitleNumbers(doc);
      // Most titles have no number: they share one empty set.
      numbers = found.size === 0 ? NO_NUMBERS : found;
      titleNumbers[doc] = numbers;
    }
    return numbers;
  };
  const onlyTopCanFlag = options.threshold - 0.0005 > MAX_RUNNER_UP_CONFIDENCE;

  const costOf = (scan: FamilyScan, doc: number) => {
    let cost = 0;
    const end = scan.forward.starts[doc + 1] as number;
    for (let entry = scan.forward.starts[doc] as number; entry < end; entry += 1) {
      const term = scan.forward.terms[entry] as number;
      cost += (scan.postings.starts[term + 1] as number) - (scan.postings.starts[term] as number);
    }
    return cost;
  };

  /**
   * The shortlist `findSimilar` would build for `doc`'s own text: exact when
   * scoring every doc sharing a term is cheap; otherwise the best by rare
   * terms, re-scored exactly (docs sharing only common words are left out).
   */
  const shortlistOf = (doc: number): Shortlisted[] => {
    const queryHasText = data.hasText[doc] === 1;
    const all = costOf(stems, doc) + costOf(grams, doc) <= exactBudget;
    let touchedCount = accumulateDoc(stems, doc, all, stemFull, stemTitle, touched, touchedList, 0);
    touchedCount = accumulateDoc(grams, doc, all, gramFull, gramTitle, touched, touchedList, touchedCount);
    const first = new TopDocs(all ? SHORTLIST_SIZE : RARE_CANDIDATES, idOf);
    for (let t = 0; t < touchedCount; t += 1) {
      const other = touchedList[t] as number;
      if (other === doc) continue;
      const sFull = stemFull[other] as number;
      const gFull = gramFull[other] as number;
      const sNorm = stems.norms.full[other] as number;
      const gNorm = grams.norms.full[other] as number;
      let stemCosine = sNorm > 0 ? sFull / sNorm : 0;
      let gramCosine = gNorm > 0 ? gFull / gNorm : 0;
      if (!(queryHasText && data.hasText[other] === 1)) {
        const sTitleNorm = stems.norms.title[other] as number;
        const gTitleNorm = grams.norms.title[other] as number;
        stemCosine = Math.max(stemCosine, sTitleNorm > 0 ? (stemTitle[other] as number) / sTitleNorm : 0);
        gramCosine = Math.max(gramCosine, gTitleNorm > 0 ? (gramTitle[other] as number) / gTitleNorm : 0);
      }
      const preliminary = STEM_WEIGHT * stemCosine + GRAM_WEIGHT * gramCosine;
      if (preliminary <= 0 || preliminary < first.floor || skipped(doc, other)) continue;
      if (all) {
        stemCosines[other] = stemCosine;
        gramCosines[other] = gramCosine;
      }
      first.offer(other, preliminary);
    }
    for (let t = 0; t < touchedCount; t += 1) {
      const other = touchedList[t] as number;
      touched[other] = 0;
      stemFull[other] = 0;
      stemTitle[other] = 0;
      gramFull[other] = 0;
      gramTitle[other] = 0;
    }
    let top = first;
    if (!all) {
      top = new TopDocs(SHORTLIST_SIZE, idOf);
      spreadDoc(stems, doc);
      spreadDoc(grams, doc);
      for (const other of first.docs) {
        const s = pairCosines(stems, doc, other);
        const g = pairCosines(grams, doc, other);
        const titleToo = !(queryHasText && data.hasText[other] === 1);
        const stemCosine = titleToo ? Math.max(s.full, s.title) : s.full;
        const gramCosine = titleToo ? Math.max(g.full, g.title) : g.full;
        stemCosines[other] = stemCosine;
        gramCosines[other] = gramCosine;
        const preliminary = STEM_WEIGHT * stemCosine + GRAM_WEIGHT * gramCosine;
        if (preliminary > 0) top.offer(other, preliminary);
      }
      spreadDoc(stems, doc, true);
      spreadDoc(grams, doc, true);
    }
    return top.docs.map((other) => ({ docIndex: other, stemCosine: stemCosines[other] as number, gramCosine: gramCosines[other] as number }));
  };

  const record = (doc: number, other: number, score: number, confidence: number) => {
    if (confidence < options.threshold || score < minScore || score < MIN_CANDIDATE_SCORE) return;
    const docId = idOf(doc);
    const otherId = idOf(other);
    const [a, b] = docId < otherId ? [docId, otherId] : [otherId, docId];
    const key = `${a}\u0000${b}`;
    const previous = found.get(key);
    if (previous !== undefined && (previous.confidence > confidence || (previous.confidence === confidence && previous.score >= score))) return;
    const queryWeights = new Map<string, number>();
    for (const term of index.docStemTerms(doc)) queryWeights.set(term, index.stemIdf(term));
    found.set(key, { a, b, score, confidence, reasons: index.sharedTermReasons(other, queryWeights) });
  };

  /** Scores `doc`'s shortlist as `findSimilar` would, as far as needed to know whether its best candidate is flagged. */
  const matchDoc = (doc: number) => {
    const shortlist = shortlistOf(doc);
    if (shortlist.length === 0) return [] as number[];
    const query = index.docView(doc);
    if (!onlyTopCanFlag) {
      const scored = index.rerank(query, shortlist);
      const confidences = confidencesOf(scored);
      scored.forEach((candidate, rank) => {
        if (candidate.score < MIN_CANDIDATE_SCORE) return;
        record(doc, candidate.docIndex, round3(candidate.score), round3(confidences[rank] as number));
      });
      return shortlist.map(({ docIndex }) => docIndex);
    }
    const queryContent = index.docContentStems(doc, query.language);
    const queryNumbers = titleNumbersOf(query.stems, query.titleCount, query.language);
    // Each candidate's final score lies in [low, high]; unmatched words and the title sequence, then fuse.js, narrow it as far as needed.
    const candidates: Candidate[] = shortlist.map((shortlisted) => {
      const numberFactor = numberFactorOf(queryNumbers, titleNumbersOfDoc(shortlisted.docIndex));
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
    });
    const flagThreshold = options.threshold - 0.0005;
    const better = (x: Candidate, y: Candidate) => x.high > y.high || (x.high === y.high && idOf(x.docIndex) < idOf(y.docIndex));
    for (;;) {
      let first: Candidate | undefined;
      let second: Candidate | undefined;
      let next: Candidate | undefined;
      let bestLow = -Infinity;
      let secondLow = -Infinity;
      let bestLowAt: Candidate | undefined;
      for (const candidate of candidates) {
        if (candidate.stage === 3) {
          if (first === undefined || better(candidate, first)) {
            second = first;
            first = candidate;
          } else if (second === undefined || better(candidate, second)) second = candidate;
        } else if (next === undefined || candidate.high > next.high) next = candidate;
        if (candidate.low > bestLow) {
          secondLow = bestLow;
          bestLow = candidate.low;
          bestLowAt = candidate;
        } else if (candidate.low > secondLow) secondLow = candidate.low;
      }
      const settled = next === undefined || (second !== undefined && next.high < second.high);
      if (settled) {
        if (first !== undefined && first.high >= MIN_CANDIDATE_SCORE) {
          const score = first.high;
          record(doc, first.docIndex, round3(score), round3(confidenceOf(score, score - (second?.high ?? 0), first, second?.queryUnmatched ?? 1)));
        }
        break;
      }
      // Could any candidate still be the best with a confidence reaching the threshold?
      let possible = false;
      for (const candidate of candidates) {
        const runnerUp = Math.max(0, candidate === bestLowAt ? secondLow : bestLow);
        if (candidate.high < runnerUp) continue;
        // Unknown unmatched shares are 0 until computed, and the other candidate is taken to cover nothing: an upper bound.
        if (confidenceOf(candidate.high, candidate.high - runnerUp, candidate, 1) >= flagThreshold) {
          possible = true;
          break;
        }
      }
      if (!possible) break;
      const candidate = next as Candidate;
      if (candidate.stage === 0) {
        // Both directions of a pair see the same words (when their languages agree), so each pair is matched once.
        const other = candidate.docIndex;
        const cached = unmatchedCache.find(doc, other);
        let queryUnmatched: number;
        let docUnmatched: number;
        if (cached !== -1) {
          queryUnmatched = unmatchedCache.value(cached, 0);
          docUnmatched = unmatchedCache.value(cached, 1);
        } else {
          ({ queryUnmatched, docUnmatched } = index.unmatched(other, queryContent, query.language));
          if (scanned[other] === 0 && data.languages[other] === data.languages[doc]) unmatchedCache.set(other, doc, docUnmatched, queryUnmatched);
        }
        candidate.queryUnmatched = queryUnmatched;
        candidate.docUnmatched = docUnmatched;
        candidate.titleSequence = titleSequenceSimilarity(query.sequenceTitle, sequenceTitleOf(candidate.docIndex));
        const known = candidate.preliminary + TITLE_SEQUENCE_WEIGHT * candidate.titleSequence;
        const factor = unmatchedFactor(queryUnmatched) * candidate.numberFactor;
        candidate.low = clamp(known * factor);
        candidate.high = clamp((known + FUZZY_WEIGHT) * factor);
        candidate.stage = 1;
      } else {
        // fuse.js runs both ways (each title searched in the other); one way already bounds the mean.
        const queryTitle = query.fuzzyTitle;
        const docTitle = data.fuzzyTitles.get(candidate.docIndex);
        if (candidate.stage === 1) {
          const forward = directed(doc, candidate.docIndex, true, queryTitle, docTitle);
          candidate.fuzzyForward = forward;
          candidate.low = finalScore(candidate, forward / 2);
          candidate.high = finalScore(candidate, (forward + 1) / 2);
          candidate.stage = 2;
        } else {
          const score = finalScore(candidate, (candidate.fuzzyForward + directed(doc, candidate.docIndex, false, queryTitle, docTitle)) / 2);
          candidate.low = score;
          candidate.high = score;
          candidate.stage = 3;
        }
      }
    }
    return shortlist.map(({ docIndex }) => docIndex);
  };

  const scan = (doc: number) => {
    const shortlist = matchDoc(doc);
    scanned[doc] = 1;
    unmatchedCache.release(doc);
    fuzzyCache.release(doc);
    return shortlist;
  };

  if (options.subject === undefined) {
    for (let doc = 0; doc < docCount; doc += 1) scan(doc);
  } else {
    // Both directions of every pair with a subject doc: the subject docs, then the docs they found.
    const subjectDocs = new Set<number>();
    for (let doc = 0; doc < docCount; doc += 1) if (options.subject.has(idOf(doc))) subjectDocs.add(doc);
    const others = new Set<number>();
    for (const doc of subjectDocs) for (const other of scan(doc)) if (!subjectDocs.has(other)) others.add(other);
    for (const doc of others) scan(doc);
    for (const [key, pair] of found) if (!options.subject.has(pair.a) && !options.subject.has(pair.b)) found.delete(key);
  }
  return [...found.values()].sort((x, y) => y.confidence - x.confidence || y.score - x.score || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
}
