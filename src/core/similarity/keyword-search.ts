import type { Postings } from './postings.js';
import { charGrams } from './text.js';
import type { MatchReason } from './types.js';

const TITLE_FIELD = 1;
const TEXT_FIELD = 2;
/** A hit only in the body is weaker evidence that a doc is about the query. */
const TEXT_ONLY_FACTOR = 0.6;
const PREFIX_QUALITY = 0.8;
const TYPO_QUALITY = 0.7;
const MIN_PREFIX_LENGTH = 3;
const MIN_TYPO_LENGTH = 4;
const MIN_TYPO_DICE = 0.5;
const MAX_EXPANSIONS = 30;

/**
 * The docs as the keyword index reads them: the stem postings of the
 * similarity index (terms numbered in sorted order, each term's docs
 * ascending), so search needs no structure of its own per doc or posting.
 */
export interface KeywordSource {
  docCount: number;
  /** Sorted stems; `postings` term t is `term(t)`. */
  termCount: number;
  term(termId: number): string;
  /** The id of a stem, or -1. */
  termId(term: string): number;
  postings: Postings;
  id(docIndex: number): string;
  /** Stem to the word shown for it. */
  surfaceWords(docIndex: number): ReadonlyMap<string, string>;
}

interface TermMatch {
  termId: number;
  quality: number;
}

function diceCoefficient(left: readonly string[], right: readonly string[]): number {
  const rightSet = new Set(right);
  const leftSet = new Set(left);
  let shared = 0;
  for (const gram of leftSet) if (rightSet.has(gram)) shared += 1;
  return (2 * shared) / (leftSet.size + rightSet.size);
}

/**
 * Keyword search over the stem postings, for `sluss search`. Query stems also
 * match longer stems they prefix (a word being typed, the head of a compound)
 * and, failing both, stems within a typo.
 */
export class KeywordIndex {
  /** Built on the first typo lookup: term ids by character gram, in term order. */
  #termsByGram: Map<string, number[]> | undefined;
  readonly #docs: KeywordSource;

  constructor(docs: KeywordSource) {
    this.#docs = docs;
  }

  #prefixMatches(queryTerm: string): TermMatch[] {
    if (Array.from(queryTerm).length < MIN_PREFIX_LENGTH) return [];
    const matches: TermMatch[] = [];
    const { termCount } = this.#docs;
    let low = 0;
    let high = termCount;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#docs.term(middle) < queryTerm) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < termCount && matches.length < MAX_EXPANSIONS; i += 1) {
      const term = this.#docs.term(i);
      if (!term.startsWith(queryTerm)) break;
      if (term !== queryTerm) matches.push({ termId: i, quality: PREFIX_QUALITY });
    }
    return matches;
  }

  #gramIndex(): Map<string, number[]> {
    if (this.#termsByGram === undefined) {
      this.#termsByGram = new Map();
      for (let termId = 0; termId < this.#docs.termCount; termId += 1) {
        for (const gram of new Set(charGrams(this.#docs.term(termId)))) {
          const terms = this.#termsByGram.get(gram);
          if (terms === undefined) this.#termsByGram.set(gram, [termId]);
          else terms.push(termId);
        }
      }
    }
    return this.#termsByGram;
  }

  #typoMatches(queryTerm: string): TermMatch[] {
    if (Array.from(queryTerm).length < MIN_TYPO_LENGTH) return [];
    const queryGrams = charGrams(queryTerm);
    const termsByGram = this.#gramIndex();
    const candidates = new Set<number>();
    for (const gram of queryGrams) for (const termId of termsByGram.get(gram) ?? []) candidates.add(termId);
    const matches: TermMatch[] = [];
    for (const termId of candidates) {
      const dice = diceCoefficient(queryGrams, charGrams(this.#docs.term(termId)));
      if (dice >= MIN_TYPO_DICE) matches.push({ termId, quality: TYPO_QUALITY * dice });
    }
    return matches.sort((a, b) => b.quality - a.quality).slice(0, MAX_EXPANSIONS);
  }

  #expand(queryTerm: string): TermMatch[] {
    const exactId = this.#docs.termId(queryTerm);
    const exact: TermMatch[] = exactId >= 0 ? [{ termId: exactId, quality: 1 }] : [];
    const widened = exact.concat(this.#prefixMatches(queryTerm));
    return widened.length > 0 ? widened : this.#typoMatches(queryTerm);
  }

  /**
   * Each query term adds its weight times the quality of its best match in a doc;
   * dividing by the total weight keeps the score in [0, 1].
   */
  search(queryTerms: readonly string[], termWeight: (term: string) => number, limit: number) {
    const uniqueTerms = [...new Set(queryTerms)];
    const weights = uniqueTerms.map((term) => termWeight(term));
    const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
    if (totalWeight === 0 || limit <= 0) return [];
    const { docCount, postings } = this.#docs;
    // Per query term and doc: the best match's quality (-1: none), its fields and its term.
    const qualities: Float64Array[] = [];
    const fieldsOf: Uint8Array[] = [];
    const termsOf: Int32Array[] = [];
    const touched = new Uint8Array(docCount);
    const touchedDocs: number[] = [];
    uniqueTerms.forEach((queryTerm) => {
      const best = new Float64Array(docCount).fill(-1);
      const bestFields = new Uint8Array(docCount);
      const bestTerm = new Int32Array(docCount);
      for (const { termId, quality } of this.#expand(queryTerm)) {
        const end = postings.starts[termId + 1] as number;
        for (let entry = postings.starts[termId] as number; entry < end; entry += 1) {
          const docIndex = postings.docs[entry] as number;
          const fields = ((postings.titleCounts[entry] as number) > 0 ? TITLE_FIELD : 0) | ((postings.textCounts[entry] as number) > 0 ? TEXT_FIELD : 0);
          const fieldQuality = fields & TITLE_FIELD ? quality : quality * TEXT_ONLY_FACTOR;
          if (touched[docIndex] === 0) {
            touched[docIndex] = 1;
            touchedDocs.push(docIndex);
          }
          const previous = best[docIndex] as number;
          if (previous < fieldQuality) {
            best[docIndex] = fieldQuality;
            bestFields[docIndex] = fields;
            bestTerm[docIndex] = termId;
          }
        }
      }
      qualities.push(best);
      fieldsOf.push(bestFields);
      termsOf.push(bestTerm);
    });
    const scores = new Float64Array(docCount);
    for (const docIndex of touchedDocs) {
      let score = 0;
      for (let q = 0; q < uniqueTerms.length; q += 1) {
        const quality = (qualities[q] as Float64Array)[docIndex] as number;
        if (quality >= 0) score += (weights[q] as number) * quality;
      }
      scores[docIndex] = score / totalWeight;
    }
    const ranked = Int32Array.from(touchedDocs).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
    return Array.from(ranked.subarray(0, limit), (docIndex) => {
      const matched: { fields: number; term: string }[] = [];
      for (let q = 0; q < uniqueTerms.length; q += 1) {
        if (((qualities[q] as Float64Array)[docIndex] as number) < 0) continue;
        matched.push({ fields: (fieldsOf[q] as Uint8Array)[docIndex] as number, term: this.#docs.term((termsOf[q] as Int32Array)[docIndex] as number) });
      }
      const surface = this.#docs.surfaceWords(docIndex);
      const reasons: MatchReason[] = [];
      for (const [field, flag] of [['title', TITLE_FIELD], ['text', TEXT_FIELD]] as const) {
        const terms = matched.filter((match) => match.fields & flag).map((match) => surface.get(match.term) ?? match.term);
        if (terms.length > 0) reasons.push({ field, terms: [...new Set(terms)] });
      }
      return { id: this.#docs.id(docIndex), score: Math.min(1, Math.round((scores[docIndex] as number) * 1000) / 1000), reasons };
    });
  }
}
