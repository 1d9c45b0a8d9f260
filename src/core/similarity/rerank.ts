/**
 * The second stage of matching: features of one candidate against one query
 * beyond the cosines (unmatched content words, numbers in titles, fuzzy
 * titles, the letter sequence of stemmed titles), the final score, the
 * confidence model (`confidenceOf`) and the highest confidence a runner-up can
 * reach (`MAX_RUNNER_UP_CONFIDENCE`, which lets the pair scan follow only each
 * doc's best candidate). Shared by `findSimilar` and the register-wide pair
 * scan, so both score a pair alike. Also here: `WordMatcher`, which finds the
 * content words of one text without a counterpart in the other (same stem,
 * compound part, near spelling or, in Swedish, a synonym from synonyms.ts),
 * and `TopDocs`, the bounded best-first list both stages keep.
 */
import { hashGram } from './analyze.js';
import { splitCompound } from './compounds.js';
import { synonymsFor, type SynonymLookup } from './synonyms.js';
import { charGrams, stem, stopWords, type Language } from './text.js';

/** Only this many best docs by the cheap cosine features are re-ranked (unmatched words, title sequence, fuse.js). */
export const SHORTLIST_SIZE = 30;
/** Below this a candidate shares little more than a common word or a few letters. */
export const MIN_CANDIDATE_SCORE = 0.05;
/**
 * Hand-set weights on a coarse grid, checked on the dev sets (a broad
 * plateau, the same for all of them). Char grams get the most weight because
 * they survive compounds, inflections and typos that split stems. The title
 * comparisons share their quarter equally: fuse.js on the title words
 * (typos) and the letter sequence of the stemmed titles (inflections).
 */
export const STEM_WEIGHT = 0.3;
export const GRAM_WEIGHT = 0.45;
export const FUZZY_WEIGHT = 0.125;
export const TITLE_SEQUENCE_WEIGHT = 0.125;
/**
 * The share of the score lost when none of the new idea's content words has a
 * counterpart (see `unmatched`); a fraction, not a subtraction, so weak
 * matches keep their order instead of all ending at 0. Words only the existing
 * idea has cost nothing in the score: an existing idea that says more is still
 * the same idea. They still lower the confidence.
 */
export const UNMATCHED_WEIGHT = 0.5;
/**
 * Titles that differ only in a number ("... 2.10" / "... 3.2", "30 km/h" / "40 km/h")
 * usually describe different things, which word overlap alone cannot see.
 */
export const NUMBER_MISMATCH_PENALTY = 0.5;
/**
 * The share of that penalty when only one title has numbers: "fler
 * cykelställ" / "20 nya cykelställ" may still be one idea, and a number on
 * one side only is weaker evidence of two things than two different numbers.
 */
export const ONE_SIDED_NUMBER_SHARE = 0.5;

/**
 * Logistic model of "this candidate is the duplicate", over the features of
 * `confidenceOf`. Fitted on the labelled dev sets by
 * `npm run eval:dedup -- --fit`, which also checks the fit on held-out halves;
 * the bias is shifted so that the default threshold 0.65 is the chosen
 * operating point. Its main evidence besides the score is how far the
 * candidate stands out from the best other one, in score and in how much of
 * the new idea it covers.
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
  bias: -2.627,
  score: 3.337,
  margin: 0.043,
  relativeMargin: 7.374,
  queryUnmatched: -1.135,
  docUnmatched: -1.008,
  stemCosine: -1.534,
  // Must stay >= 0: the register-wide pair scan bounds the confidence by taking the other candidate to cover nothing.
  coverageMargin: 0.744,
};

/** Soft matching of words costs |query| x |doc| comparisons, so longer texts use exact stems only. */
const MAX_SOFT_MATCH_TERMS = 40;
const MIN_SOFT_MATCH = 0.4;
const AFFIX_MATCH = 0.9;
const MIN_AFFIX_LENGTH = 3;
/** Two compounds with the same head ("simhall" / "sporthall") are kinds of one thing; a shared modifier says less. */
const SHARED_HEAD_MATCH = 0.7;
const SHARED_MODIFIER_MATCH = 0.5;
/**
 * A word whose synonym the other text has ("krama" / "omfamna") counts as this
 * much matched. Chosen on one half of the dev sets' queries against 0.6, 0.8
 * and 0.9 (1 flagged most duplicates at the same false flags), checked on the
 * other half: a word and its synonym are as good as one word.
 */
export const SYNONYM_MATCH = 1;

const NUMBER = /^\p{N}[\p{N}.,:]*$/u;
/**
 * Number words, two to twelve, so that "tre" and "3" are the same number. "en",
 * "ett" and "one" are left out: they are mostly articles and pronouns.
 */
const NUMBER_WORDS: Record<Language, readonly string[]> = {
  sv: ['två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio', 'tio', 'elva', 'tolv'],
  en: ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'],
};
/** Keyed by stem, as titles are seen here. */
const NUMBER_STEMS: Record<Language, ReadonlyMap<string, string>> = {
  sv: new Map(NUMBER_WORDS.sv.map((word, i) => [stem(word, 'sv'), String(i + 2)])),
  en: new Map(NUMBER_WORDS.en.map((word, i) => [stem(word, 'en'), String(i + 2)])),
};

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function numberMismatch(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  let shared = 0;
  for (const number of left) if (right.has(number)) shared += 1;
  const union = left.size + right.size - shared;
  return union === 0 ? 0 : (union - shared) / union;
}

/** The factor for the numbers of the two titles: it multiplies a candidate's score, and divides the odds and caps the confidence (`confidenceOf`). */
export function numberFactorOf(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  const share = left.size > 0 && right.size > 0 ? 1 : ONE_SIDED_NUMBER_SHARE;
  return 1 - NUMBER_MISMATCH_PENALTY * share * numberMismatch(left, right);
}

/** Numbers among the title words (stems with a title count), number words as digits. */
export function titleNumbersOf(stems: readonly string[], titleCount: (i: number) => number, language: Language): Set<string> {
  const words = NUMBER_STEMS[language];
  const numbers = new Set<string>();
  stems.forEach((term, i) => {
    if (titleCount(i) === 0) return;
    if (NUMBER.test(term)) numbers.add(term);
    else {
      const digits = words.get(term);
      if (digits !== undefined) numbers.add(digits);
    }
  });
  return numbers;
}

/** The features of one candidate that `finalScore` and `confidenceOf` read. */
export interface PairFeatures {
  stemCosine: number;
  gramCosine: number;
  queryUnmatched: number;
  docUnmatched: number;
  /**
   * Below 1 when the titles differ in a number. It lowers the score, divides
   * the odds that the candidate is the same idea by as much, and caps the confidence.
   */
  numberFactor: number;
  /** `titleSequenceSimilarity` of the titles. */
  titleSequence: number;
}

export function preliminaryScore(stemCosine: number, gramCosine: number): number {
  return STEM_WEIGHT * stemCosine + GRAM_WEIGHT * gramCosine;
}

export function unmatchedFactor(queryUnmatched: number): number {
  return 1 - UNMATCHED_WEIGHT * queryUnmatched;
}

export function finalScore(features: PairFeatures, fuzzy: number): number {
  const similarity =
    STEM_WEIGHT * features.stemCosine +
    GRAM_WEIGHT * features.gramCosine +
    TITLE_SEQUENCE_WEIGHT * features.titleSequence +
    FUZZY_WEIGHT * fuzzy;
  return Math.min(1, Math.max(0, similarity * unmatchedFactor(features.queryUnmatched) * features.numberFactor));
}

/**
 * Unrounded. `margin` is the score minus the best other candidate's score and
 * `otherQueryUnmatched` that candidate's `queryUnmatched` (1 when there is none).
 */
export function confidenceOf(
  score: number,
  margin: number,
  features: PairFeatures,
  otherQueryUnmatched: number,
  model: ConfidenceModel = CONFIDENCE_MODEL,
): number {
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
      model.coverageMargin * (otherQueryUnmatched - features.queryUnmatched),
  );
  return Math.min(features.numberFactor, likely);
}

/** The confidence of each scored candidate (best first), each measured against the best other candidate. */
export function confidencesOf(scored: readonly (PairFeatures & { score: number })[], model: ConfidenceModel = CONFIDENCE_MODEL): number[] {
  const best = scored[0];
  const runnerUp = scored[1];
  return scored.map((candidate, rank) => {
    const other = rank === 0 ? runnerUp : best;
    return confidenceOf(candidate.score, candidate.score - (other?.score ?? 0), candidate, other?.queryUnmatched ?? 1, model);
  });
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

/** A text's content stems with their IDF, and a set of them for exact lookups. */
export interface ContentTerms {
  terms: string[];
  weights: number[];
  set: Set<string>;
  /** The synonyms of the text's language, if it has a table. */
  synonyms?: SynonymLookup | undefined;
  /** Built on first synonym match: each synonym stem of a term, with the terms it is a synonym of. */
  bySynonym?: Map<string, number[]>;
  /** Built on first soft match: each term's grams, and the terms holding each gram. */
  grams?: Int32Array[];
  byGram?: Map<number, number[]>;
}

/** Soft matching of words, with caches of the character grams and compound parts of words. */
export class WordMatcher {
  #gramCache = new Map<string, Int32Array>();
  #partCache = new Map<string, string[]>();

  /** `isKnown` tells whether the register holds a stem, so compounds split into the register's own words. */
  constructor(readonly isKnown: (stem: string) => boolean) {}

  /** Content stems with their IDF; stop words say nothing about whether two texts match. */
  contentStems(stems: readonly string[], language: Language, idf: (term: string, index: number) => number): ContentTerms {
    const stops = stopWords(language);
    const set = new Set<string>();
    const terms: string[] = [];
    const weights: number[] = [];
    stems.forEach((term, index) => {
      if (stops.has(term) || set.has(term)) return;
      set.add(term);
      terms.push(term);
      weights.push(idf(term, index));
    });
    return { terms, weights, set, synonyms: synonymsFor(language) };
  }

  /** The distinct character grams of a word, hashed and sorted. */
  #gramsOfTerm(term: string): Int32Array {
    let grams = this.#gramCache.get(term);
    if (grams === undefined) {
      if (this.#gramCache.size > 50_000) this.#gramCache = new Map();
      grams = Int32Array.from(new Set(charGrams(term).map(hashGram))).sort();
      this.#gramCache.set(term, grams);
    }
    return grams;
  }

  #partsOf(term: string): string[] {
    let parts = this.#partCache.get(term);
    if (parts === undefined) {
      if (this.#partCache.size > 50_000) this.#partCache = new Map();
      parts = splitCompound(term, this.isKnown);
      this.#partCache.set(term, parts);
    }
    return parts;
  }

  /** How much two words share a compound part: the same head, else the same modifier, else 0. */
  #compoundMatch(left: string, right: string): number {
    const leftParts = this.#partsOf(left);
    const rightParts = this.#partsOf(right);
    if (leftParts.length === 0 || rightParts.length === 0) return 0;
    if (leftParts[1] === rightParts[1]) return SHARED_HEAD_MATCH;
    return leftParts[0] === rightParts[0] ? SHARED_MODIFIER_MATCH : 0;
  }

  #softMatch(left: string, leftGrams: Int32Array, right: string, rightGrams: Int32Array): number {
    let shared = 0;
    let i = 0;
    let j = 0;
    while (i < leftGrams.length && j < rightGrams.length) {
      const a = leftGrams[i] as number;
      const b = rightGrams[j] as number;
      if (a < b) i += 1;
      else if (a > b) j += 1;
      else {
        shared += 1;
        i += 1;
        j += 1;
      }
    }
    // A prefix or suffix of three letters or more always shares its boundary gram, so no shared gram means no match.
    if (shared === 0) return 0;
    const shorter = Math.min(left.length, right.length);
    if (shorter >= MIN_AFFIX_LENGTH && (left.startsWith(right) || right.startsWith(left) || left.endsWith(right) || right.endsWith(left))) {
      return AFFIX_MATCH;
    }
    const dice = (2 * shared) / (leftGrams.length + rightGrams.length);
    return Math.max(dice >= MIN_SOFT_MATCH ? dice : 0, this.#compoundMatch(left, right));
  }

  #gramIndex(content: ContentTerms): { grams: Int32Array[]; byGram: Map<number, number[]> } {
    if (content.grams === undefined || content.byGram === undefined) {
      content.grams = content.terms.map((term) => this.#gramsOfTerm(term));
      content.byGram = new Map();
      content.grams.forEach((grams, index) => {
        for (const gram of grams) {
          const holders = (content.byGram as Map<number, number[]>).get(gram);
          if (holders === undefined) (content.byGram as Map<number, number[]>).set(gram, [index]);
          else holders.push(index);
        }
      });
    }
    return { grams: content.grams, byGram: content.byGram };
  }

  /**
   * The IDF-weighted share of `from`'s content words with no counterpart in
   * `to`, where a counterpart is the same stem or a synonym (Swedish only):
   * the measure for long texts. `unmatchedBoth` also gives short texts partial
   * credit for compound parts, missed inflections and near spellings.
   */
  unmatched(from: ContentTerms, to: ContentTerms): number {
    let total = 0;
    let missing = 0;
    for (let i = 0; i < from.terms.length; i += 1) {
      const weight = from.weights[i] as number;
      total += weight;
      if (!to.set.has(from.terms[i] as string) && !this.#hasSynonymIn(from, i, to)) missing += weight;
    }
    return total === 0 ? 0 : missing / total;
  }

  /** Whether `to` holds a synonym of `from`'s i-th term. */
  #hasSynonymIn(from: ContentTerms, i: number, to: ContentTerms): boolean {
    const synonyms = from.synonyms?.(from.terms[i] as string);
    if (synonyms === undefined) return false;
    for (const synonym of synonyms) if (to.set.has(synonym)) return true;
    return false;
  }

  /** The synonyms of a text's terms, each with the terms it is a synonym of. */
  #synonymIndex(content: ContentTerms, synonyms: SynonymLookup): Map<string, number[]> {
    if (content.bySynonym === undefined) {
      const bySynonym = new Map<string, number[]>();
      content.terms.forEach((term, index) => {
        for (const synonym of synonyms(term) ?? []) {
          const holders = bySynonym.get(synonym);
          if (holders === undefined) bySynonym.set(synonym, [index]);
          else holders.push(index);
        }
      });
      content.bySynonym = bySynonym;
    }
    return content.bySynonym;
  }

  /**
   * Raises the best match of each word with a synonym on the other side to
   * SYNONYM_MATCH. The relation is symmetric, so the doc's words are looked up
   * in the query's synonyms only: the table is read once per query.
   */
  #synonymMatches(query: ContentTerms, doc: ContentTerms, queryBest: Float64Array, docBest: Float64Array): void {
    const synonyms = query.synonyms;
    if (synonyms === undefined) return;
    const bySynonym = this.#synonymIndex(query, synonyms);
    if (bySynonym.size === 0) return;
    for (let j = 0; j < doc.terms.length; j += 1) {
      const term = doc.terms[j] as string;
      const holders = bySynonym.get(term);
      if (holders === undefined) continue;
      // A doc word the query has too still matches the query's words it is a synonym of: both directions must agree.
      if (!query.set.has(term)) docBest[j] = Math.max(docBest[j] as number, SYNONYM_MATCH);
      for (const i of holders) {
        if (!doc.set.has(query.terms[i] as string)) queryBest[i] = Math.max(queryBest[i] as number, SYNONYM_MATCH);
      }
    }
  }

  /**
   * Both directions of `unmatched`; soft matching only when both sides are short.
   * The soft match of two words is symmetric, so both directions come from one
   * pass over the doc's words against the query's gram index: a query is matched
   * against many docs, and no doc then needs a gram index of its own.
   */
  unmatchedBoth(query: ContentTerms, doc: ContentTerms): { queryUnmatched: number; docUnmatched: number } {
    const soft = query.terms.length <= MAX_SOFT_MATCH_TERMS && doc.terms.length <= MAX_SOFT_MATCH_TERMS;
    if (!soft) {
      if (query.synonyms === undefined) return { queryUnmatched: this.unmatched(query, doc), docUnmatched: this.unmatched(doc, query) };
      const queryBest = new Float64Array(query.terms.length);
      const docBest = new Float64Array(doc.terms.length);
      this.#synonymMatches(query, doc, queryBest, docBest);
      return { queryUnmatched: unmatchedShare(query, doc, queryBest), docUnmatched: unmatchedShare(doc, query, docBest) };
    }
    const queryIndex = this.#gramIndex(query);
    const queryBest = this.#queryBest.fill(0, 0, query.terms.length);
    const docBest = this.#docBest.fill(0, 0, doc.terms.length);
    const seen = this.#seen;
    for (let j = 0; j < doc.terms.length; j += 1) {
      const term = doc.terms[j] as string;
      const docNeeds = !query.set.has(term);
      const grams = this.#gramsOfTerm(term);
      this.#stamp += 1;
      for (const gram of grams) {
        const holders = queryIndex.byGram.get(gram);
        if (holders === undefined) continue;
        for (const i of holders) {
          if (seen[i] === this.#stamp) continue;
          seen[i] = this.#stamp;
          const queryTerm = query.terms[i] as string;
          const queryNeeds = !doc.set.has(queryTerm);
          if (!queryNeeds && !docNeeds) continue;
          const match = this.#softMatch(queryTerm, queryIndex.grams[i] as Int32Array, term, grams);
          if (queryNeeds) queryBest[i] = Math.max(queryBest[i] as number, match);
          if (docNeeds) docBest[j] = Math.max(docBest[j] as number, match);
        }
      }
    }
    this.#synonymMatches(query, doc, queryBest, docBest);
    return { queryUnmatched: unmatchedShare(query, doc, queryBest), docUnmatched: unmatchedShare(doc, query, docBest) };
  }

  /** Scratch of `unmatchedBoth`, sized for MAX_SOFT_MATCH_TERMS words a side. */
  readonly #queryBest = new Float64Array(MAX_SOFT_MATCH_TERMS);
  readonly #docBest = new Float64Array(MAX_SOFT_MATCH_TERMS);
  readonly #seen = new Float64Array(MAX_SOFT_MATCH_TERMS);
  #stamp = 0;
}

/** `unmatched` from each word's best soft match, summed in the same order. */
function unmatchedShare(from: ContentTerms, to: ContentTerms, best: Float64Array): number {
  let total = 0;
  let missing = 0;
  for (let i = 0; i < from.terms.length; i += 1) {
    const weight = from.weights[i] as number;
    total += weight;
    if (to.set.has(from.terms[i] as string)) continue;
    missing += weight * (1 - (best[i] as number));
  }
  return total === 0 ? 0 : missing / total;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Keeps the `size` best docs by (value desc, id asc) without sorting all of them. */
export class TopDocs {
  readonly docs: number[] = [];
  readonly values: number[] = [];
  constructor(
    readonly size: number,
    readonly idOf: (doc: number) => string,
  ) {}

  #better(value: number, doc: number, position: number): boolean {
    const other = this.values[position] as number;
    return value > other || (value === other && compareIds(this.idOf(doc), this.idOf(this.docs[position] as number)) < 0);
  }

  /** The worst value kept once full, else -Infinity: anything below it cannot enter. */
  get floor(): number {
    return this.docs.length < this.size ? -Infinity : (this.values[this.docs.length - 1] as number);
  }

  offer(doc: number, value: number): void {
    if (this.size <= 0) return;
    const full = this.docs.length >= this.size;
    if (full && !this.#better(value, doc, this.docs.length - 1)) return;
    let position = full ? this.docs.length - 1 : this.docs.length;
    if (!full) {
      this.docs.push(doc);
      this.values.push(value);
    }
    while (position > 0 && this.#better(value, doc, position - 1)) {
      this.docs[position] = this.docs[position - 1] as number;
      this.values[position] = this.values[position - 1] as number;
      position -= 1;
    }
    this.docs[position] = doc;
    this.values[position] = value;
  }
}

