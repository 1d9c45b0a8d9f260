export type { AnalyzedDoc } from './analyze.js';
export { analyzeDoc, buildSimilarityIndex, DEFAULT_DUPLICATE_THRESHOLD } from './engine.js';
export type {
  MatchReason,
  SearchHit,
  SearchOptions,
  SimilarityCandidate,
  SimilarityDoc,
  SimilarityIndex,
} from './types.js';
