/**
 * The second stage of matching: features of one candidate against one query
 * beyond the cosines (unmatched content words, numbers in titles, fuzzy
 * titles, the letter sequence of stemmed titles) and the final score. Shared
 * by `findSimilar` and the register-wide pair scan, so both score a pair
 * alike. Whether a candidate is a likely duplicate is confidence.ts's; which
 * words lack a counterpart is word-matcher.ts's.
 */
import { stem, type Language } from './text.js';

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
