import Fuse, { type IFuseOptions } from 'fuse.js';

const FUSE_OPTIONS: IFuseOptions<string> = {
  includeScore: true,
  ignoreLocation: true,
  // Field length is already accounted for by the cosine features.
  ignoreFieldNorm: true,
  threshold: 0.6,
  // Patterns of one or two letters match nearly anything and say nothing.
  minMatchCharLength: 3,
};

/** fuse.js reports 0 for a perfect match; a miss counts as its worst score. */
function bestSimilarity(fuse: Fuse<string>, pattern: string): number {
  if (pattern.length === 0) return 0;
  const best = fuse.search(pattern, { limit: 1 })[0];
  return best === undefined ? 0 : 1 - (best.score ?? 1);
}

/**
 * Typo-tolerant title similarity in both directions: the new title found in each
 * existing one, and each existing title found in the new one. Bitap matching is
 * asymmetric, so a short title inside a longer one scores well only one way;
 * the mean rewards titles that are close both ways.
 */
export function titleFuzzySimilarities(queryTitle: string, candidateTitles: readonly string[]): number[] {
  const forward = candidateTitles.map(() => 0);
  if (queryTitle.length > 0) {
    const candidatesFuse = new Fuse(candidateTitles, FUSE_OPTIONS);
    for (const result of candidatesFuse.search(queryTitle)) forward[result.refIndex] = 1 - (result.score ?? 1);
  }
  const queryFuse = new Fuse([queryTitle], FUSE_OPTIONS);
  return candidateTitles.map((title, index) => ((forward[index] ?? 0) + bestSimilarity(queryFuse, title)) / 2);
}

/**
 * One direction of `titleFuzzySimilarities`: how well `pattern` is found in
 * `text`. The similarity of a pair is the mean of both directions.
 */
export function directedTitleSimilarity(pattern: string, text: string): number {
  return bestSimilarity(new Fuse([text], FUSE_OPTIONS), pattern);
}
