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

/** The docs as the keyword index reads them. */
export interface KeywordSource {
  docCount: number;
  forEachStem(docIndex: number, visit: (term: string, inTitle: boolean, inText: boolean) => void): void;
  id(docIndex: number): string;
  /** Stem to the word shown for it. */
  surfaceWords(docIndex: number): ReadonlyMap<string, string>;
}

interface TermMatch {
  term: string;
  quality: number;
}

interface DocMatch {
  score: number;
  matched: Map<number, { quality: number; fields: number; term: string }>;
}

function diceCoefficient(left: readonly string[], right: readonly string[]): number {
  const rightSet = new Set(right);
  const leftSet = new Set(left);
  let shared = 0;
  for (const gram of leftSet) if (rightSet.has(gram)) shared += 1;
  return (2 * shared) / (leftSet.size + rightSet.size);
}

/**
 * Inverted index from stems to the docs and fields holding them, for
 * `sluss search`. Query stems also match longer stems they prefix (a word being
 * typed, the head of a compound) and, failing both, stems within a typo.
 */
export class KeywordIndex {
  readonly #fieldsByTerm = new Map<string, Map<number, number>>();
  readonly #vocabulary: string[];
  readonly #termsByGram = new Map<string, string[]>();
  readonly #docs: KeywordSource;

  constructor(docs: KeywordSource) {
    this.#docs = docs;
    for (let docIndex = 0; docIndex < docs.docCount; docIndex += 1) {
      docs.forEachStem(docIndex, (term, inTitle, inText) => {
        if (inTitle) this.#markField(term, docIndex, TITLE_FIELD);
        if (inText) this.#markField(term, docIndex, TEXT_FIELD);
      });
    }
    this.#vocabulary = [...this.#fieldsByTerm.keys()].sort();
    for (const term of this.#vocabulary) {
      for (const gram of new Set(charGrams(term))) {
        const terms = this.#termsByGram.get(gram);
        if (terms === undefined) this.#termsByGram.set(gram, [term]);
        else terms.push(term);
      }
    }
  }

  #markField(term: string, docIndex: number, field: number): void {
    let fields = this.#fieldsByTerm.get(term);
    if (fields === undefined) {
      fields = new Map();
      this.#fieldsByTerm.set(term, fields);
    }
    fields.set(docIndex, (fields.get(docIndex) ?? 0) | field);
  }

  #prefixMatches(queryTerm: string): TermMatch[] {
    if (Array.from(queryTerm).length < MIN_PREFIX_LENGTH) return [];
    const matches: TermMatch[] = [];
    let low = 0;
    let high = this.#vocabulary.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#vocabulary[middle] as string) < queryTerm) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < this.#vocabulary.length && matches.length < MAX_EXPANSIONS; i += 1) {
      const term = this.#vocabulary[i] as string;
      if (!term.startsWith(queryTerm)) break;
      if (term !== queryTerm) matches.push({ term, quality: PREFIX_QUALITY });
    }
    return matches;
  }

  #typoMatches(queryTerm: string): TermMatch[] {
    if (Array.from(queryTerm).length < MIN_TYPO_LENGTH) return [];
    const queryGrams = charGrams(queryTerm);
    const candidates = new Set<string>();
    for (const gram of queryGrams) for (const term of this.#termsByGram.get(gram) ?? []) candidates.add(term);
    const matches: TermMatch[] = [];
    for (const term of candidates) {
      const dice = diceCoefficient(queryGrams, charGrams(term));
      if (dice >= MIN_TYPO_DICE) matches.push({ term, quality: TYPO_QUALITY * dice });
    }
    return matches.sort((a, b) => b.quality - a.quality).slice(0, MAX_EXPANSIONS);
  }

  #expand(queryTerm: string): TermMatch[] {
    const exact: TermMatch[] = this.#fieldsByTerm.has(queryTerm) ? [{ term: queryTerm, quality: 1 }] : [];
    const widened = exact.concat(this.#prefixMatches(queryTerm));
    return widened.length > 0 ? widened : this.#typoMatches(queryTerm);
  }

  /**
   * Each query term adds its weight times the quality of its best match in a doc;
   * dividing by the total weight keeps the score in [0, 1].
   */
  search(queryTerms: readonly string[], termWeight: (term: string) => number, limit: number) {
    const uniqueTerms = [...new Set(queryTerms)];
    const totalWeight = uniqueTerms.reduce((sum, term) => sum + termWeight(term), 0);
    if (totalWeight === 0 || limit <= 0) return [];
    const matchesByDoc = new Map<number, DocMatch>();
    uniqueTerms.forEach((queryTerm, queryTermIndex) => {
      for (const { term, quality } of this.#expand(queryTerm)) {
        for (const [docIndex, fields] of this.#fieldsByTerm.get(term) ?? []) {
          const fieldQuality = fields & TITLE_FIELD ? quality : quality * TEXT_ONLY_FACTOR;
          let docMatch = matchesByDoc.get(docIndex);
          if (docMatch === undefined) {
            docMatch = { score: 0, matched: new Map() };
            matchesByDoc.set(docIndex, docMatch);
          }
          const previous = docMatch.matched.get(queryTermIndex);
          if (previous === undefined || previous.quality < fieldQuality) {
            docMatch.matched.set(queryTermIndex, { quality: fieldQuality, fields, term });
          }
        }
      }
    });
    const ranked = [...matchesByDoc].map(([docIndex, docMatch]) => {
      let score = 0;
      for (const [queryTermIndex, match] of docMatch.matched) {
        score += termWeight(uniqueTerms[queryTermIndex] as string) * match.quality;
      }
      return { docIndex, score: score / totalWeight, matched: [...docMatch.matched.values()] };
    });
    ranked.sort((a, b) => b.score - a.score || a.docIndex - b.docIndex);
    return ranked.slice(0, limit).map(({ docIndex, score, matched }) => {
      const surface = this.#docs.surfaceWords(docIndex);
      const reasons: MatchReason[] = [];
      for (const [field, flag] of [['title', TITLE_FIELD], ['text', TEXT_FIELD]] as const) {
        const terms = matched.filter((match) => match.fields & flag).map((match) => surface.get(match.term) ?? match.term);
        if (terms.length > 0) reasons.push({ field, terms: [...new Set(terms)] });
      }
      return { id: this.#docs.id(docIndex), score: Math.min(1, Math.round(score * 1000) / 1000), reasons };
    });
  }
}
