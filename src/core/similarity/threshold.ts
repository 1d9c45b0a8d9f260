/**
 * The `confidence` from which a candidate is flagged as a likely duplicate.
 * Chosen on the labelled dev sets (bench/eval-dedup.ts): at this value about
 * 4-5 % of the non-duplicate queries of the Swedish sets get a flag. Kept in a
 * module of its own so reading sluss.yaml does not load the whole engine.
 */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.65;
