export type { AnalyzedDoc } from './analyze.js';
export { ANALYSIS_VERSION, isAnalyzedDoc } from './analyze.js';
export {
  analyzeDoc,
  buildSimilarityIndex,
  createSimilarityIndexBuilder,
  DEFAULT_DUPLICATE_THRESHOLD,
  deserializeSimilarityIndex,
  INDEX_FORMAT_VERSION,
  IndexFormatError,
  serializedIndexVersion,
} from './engine.js';
export type { SimilarityIndexBuilder } from './engine.js';
export type {
  DuplicatePair,
  DuplicatePairOptions,
  PairSkip,
  IndexChanges,
  MatchReason,
  SearchHit,
  SearchOptions,
  SimilarityCandidate,
  SimilarityDoc,
  SimilarityIndex,
} from './types.js';
