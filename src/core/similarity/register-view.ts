/**
 * What the register index (engine.ts) shows the modules it is built from: a
 * query as the second stage reads it, a shortlisted and a scored candidate,
 * and the part of the index the register-wide pair scan (pairs.ts) works on.
 * They are declared here, apart from the index, so that the modules the index
 * imports never import it back.
 */
import type { IndexData } from './index-data.js';
import type { PairFeatures } from './rerank.js';
import type { Language } from './text.js';
import type { MatchReason } from './types.js';
import type { ContentTerms } from './word-matcher.js';

/** A query as the second stage reads it: from an analysed text, or from a doc of the index itself. */
export interface QueryView {
  language: Language;
  fuzzyTitle: string;
  /** The title for `titleSequenceSimilarity`. */
  sequenceTitle: string;
  /** Distinct stems in analysis order, with title and text counts. */
  stems: readonly string[];
  titleCount(i: number): number;
}

export interface Shortlisted {
  docIndex: number;
  stemCosine: number;
  gramCosine: number;
}

export type Scored = PairFeatures & { docIndex: number; score: number };

/** The register index as the pair scan uses it: each doc of the index is a query against the others. */
export interface PairScanIndex {
  readonly data: IndexData;
  idOf(docIndex: number): string;
  stemIdf(term: string): number;
  docStemTerms(docIndex: number): string[];
  sequenceTitleOf(docIndex: number): string;
  docView(docIndex: number): QueryView;
  /** The doc's content stems in its own language. */
  docContent(docIndex: number): ContentTerms;
  docTitleNumbers(docIndex: number): ReadonlySet<string>;
  unmatched(docIndex: number, queryContent: ContentTerms, language: Language): { queryUnmatched: number; docUnmatched: number };
  rerank(query: QueryView, shortlist: readonly Shortlisted[]): Scored[];
  /** Whether two docs are near-copies of each other (`isNearCopy`). */
  isNearCopy(left: number, right: number): boolean;
  sharedTermReasons(docIndex: number, queryWeights: ReadonlyMap<string, number>): MatchReason[];
}
