export interface SimilarityDoc {
  id: string;
  title: string;
  /** The idea's body text (problem, idea, benefit ...); may be "". */
  text: string;
}

/** Shared terms that explain a match, and the field of the existing idea they occur in. */
export interface MatchReason {
  field: 'title' | 'text';
  terms: string[];
}

export interface SimilarityCandidate {
  id: string;
  /** In [0, 1], rounded to 3 decimals; comparable across short and long ideas. */
  score: number;
  /**
   * In [0, 1], rounded to 3 decimals: how sure the engine is that this is *the*
   * duplicate. Unlike `score` it also weighs how far the candidate stands out
   * from the other candidates and how many content words lack a counterpart.
   */
  confidence: number;
  /**
   * `confidence >= threshold` and `score >= minScore`; only the best candidate
   * and near-copies of it ranked right after it can normally reach it.
   */
  likelyDuplicate: boolean;
  reasons: MatchReason[];
}

export interface SearchOptions {
  limit: number;
  threshold: number;
  /** Candidates scoring below this are never flagged, however confident (`show_from` of sluss.yaml). */
  minScore?: number;
  exclude?: ReadonlySet<string>;
  /**
   * Existing ideas people have already linked to each other (as related, or
   * one a duplicate of the other): like near-copies, one idea when the margin
   * to the runner-up is measured, since a new text matching both is evidence
   * that the idea exists, not doubt about whether it does.
   */
  linked?: (left: string, right: string) => boolean;
}

export interface SearchHit {
  id: string;
  score: number;
  reasons: MatchReason[];
}

/** Docs to add (or replace, by id) and ids to remove. */
export interface IndexChanges {
  add?: readonly (SimilarityDoc | import('./analyze.js').AnalyzedDoc)[];
  remove?: readonly string[];
}

export interface SimilarityIndex {
  size: number;
  /** Existing docs ranked against a new idea, best first; docs with no meaningful similarity are left out. */
  findSimilar(query: { title: string; text: string }, options: SearchOptions): SimilarityCandidate[];
  /** Keyword search: docs containing the query's words (stemmed, prefix- and typo-tolerant), best first. */
  searchText(query: string, limit: number): SearchHit[];
  /**
   * A new index with the changes applied; this one is left as it was. Results
   * equal those of a fresh build over the same docs. Docs added with an id
   * already present replace the old doc.
   */
  withChanges(changes: IndexChanges): SimilarityIndex;
  /**
   * Likely duplicate pairs across the whole register: each unordered pair once
   * (a < b), when `findSimilar` on either doc's text (itself excluded) flags
   * the other. Sorted by confidence, then score. Candidates come from the
   * index, so the scan does not compare every doc with every other.
   */
  findDuplicatePairs<Key>(options: DuplicatePairOptions<Key>): DuplicatePair[];
  /** A compact binary form for `deserializeSimilarityIndex`, with a `label` that `serializedIndexVersion` gives back; see INDEX_FORMAT_VERSION. */
  serialize(label?: string): Uint8Array;
  /** `serialize()` in pieces that view the index's own arrays, for writing without a copy. */
  serializedParts(label?: string): Uint8Array[];
}

/**
 * Pairs the caller rules out (remembered "not a duplicate" decisions, ideas
 * of the same municipality). `of` is asked once per doc for what the
 * decision needs of it; `pair` then decides each pair from two such keys, in
 * either order: the scan asks millions of times at 50,000 ideas, and looking
 * both ideas up by id each time cost a tenth of it.
 */
export interface PairSkip<Key> {
  of(id: string): Key;
  pair(left: Key, right: Key): boolean;
}

export interface DuplicatePairOptions<Key = unknown> {
  /** Pairs whose confidence (rounded to 3 decimals, as `findSimilar` reports it) reaches this are returned. */
  threshold: number;
  /** Pairs scoring below this are left out, however confident. */
  minScore?: number;
  /** Only pairs with at least one doc of these ids (a pull request's new ideas). */
  subject?: ReadonlySet<string>;
  /** Pairs the caller rules out. A ruled-out doc is left out of the other's candidates, as `exclude` does in `findSimilar`. */
  skip?: PairSkip<Key>;
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
