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
  likelyDuplicate: boolean;
  reasons: MatchReason[];
}

export interface SearchOptions {
  limit: number;
  threshold: number;
  exclude?: ReadonlySet<string>;
}

export interface SearchHit {
  id: string;
  score: number;
  reasons: MatchReason[];
}

export interface SimilarityIndex {
  size: number;
  /** Existing docs ranked against a new idea, best first; docs with no meaningful similarity are left out. */
  findSimilar(query: { title: string; text: string }, options: SearchOptions): SimilarityCandidate[];
  /** Keyword search: docs containing the query's words (stemmed, prefix- and typo-tolerant), best first. */
  searchText(query: string, limit: number): SearchHit[];
}
