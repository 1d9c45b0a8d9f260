/**
 * The register-wide scan for likely duplicate pairs (`sluss duplicates`):
 * every doc is matched against the others as `findSimilar` would match its
 * text, but candidates come from the posting lists (pair-shortlist.ts), and
 * the expensive second stage (fuse.js, soft word matching) runs only where
 * bounds leave the flag undecided (pair-match.ts).
 *
 * What it finds: the groups of docs linked by pairs that
 * `findSimilar(doc, { exclude: [doc] })` flags in either direction (the
 * shortlist of a doc in a large register is built from its rare terms, see
 * pair-shortlist.ts), and for each group the pairs that hold it together: each
 * doc's most confident flagged pair, and every flagged pair that joins two
 * groups found so far. So the same idea entered 2,000 times is one group with
 * about 2,000 pairs, not the two million pairs among its copies. Counts are
 * those stored in the index (capped at 255 per field), which only very long
 * texts exceed.
 */
import { MAX_RUNNER_UP_CONFIDENCE, confidencesOf } from './confidence.js';
import { PairAnswerCache } from './pair-answer-cache.js';
import { flaggedCandidates, type FlaggedCandidate, type PairMatcher } from './pair-match.js';
import { EXACT_BUDGET, ShortlistBuilder } from './pair-shortlist.js';
import { PendingCache } from './pair-terms.js';
import { MIN_CANDIDATE_SCORE, titleNumbersOf } from './rerank.js';
import { directedTitleSimilarity } from './title-fuzzy.js';
import type { PairScanIndex } from './register-view.js';
import type { DuplicatePair, DuplicatePairOptions, PairSkip } from './types.js';

export { PendingCache } from './pair-terms.js';

/** Rounded as `findSimilar` reports it. */
const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** Which docs are linked so far: union-find over doc numbers. */
class Groups {
  readonly #parent: Int32Array;
  constructor(docCount: number) {
    this.#parent = Int32Array.from({ length: docCount }, (_, doc) => doc);
  }

  find(doc: number): number {
    let root = doc;
    while (this.#parent[root] !== root) root = this.#parent[root] as number;
    for (let at = doc; this.#parent[at] !== root; ) [at, this.#parent[at]] = [this.#parent[at] as number, root];
    return root;
  }

  /** Links two docs; false when they were linked already. */
  join(a: number, b: number): boolean {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra === rb) return false;
    this.#parent[Math.max(ra, rb)] = Math.min(ra, rb);
    return true;
  }
}

/** What the scan keeps for every doc and pair, shared by each doc's `PairMatcher`. */
function pairCaches(index: PairScanIndex) {
  const { data } = index;
  const { docCount } = data;
  // What one direction of a pair works out, the other direction asks for again: kept for the doc
  // not yet scanned, and let go once it has been, so only pairs still to be seen are held.
  const scanned = new Uint8Array(docCount);
  const unmatchedCache = new PendingCache(docCount);
  const fuzzyCache = new PendingCache(docCount);
  // Every doc is a candidate of many others: its stemmed title is worked out once here (its title numbers, once by the index).
  const sequenceTitles = new Array<string | undefined>(docCount);
  // The same candidates recur in many shortlists: near-copy answers are kept across docs.
  const nearCopies = new PairAnswerCache(docCount);
  const matcherOf = (doc: number): PairMatcher => {
    const query = index.docView(doc);
    const queryContent = index.docContent(doc);
    return {
      query,
      idOf: index.idOf,
      unmatched: (other) => {
        // Both directions of a pair see the same words (when their languages agree), so each pair is matched once.
        const cached = unmatchedCache.find(doc, other);
        if (cached !== -1) return { queryUnmatched: unmatchedCache.value(cached, 0), docUnmatched: unmatchedCache.value(cached, 1) };
        const found = index.unmatched(other, queryContent, query.language);
        if (scanned[other] === 0 && data.languages[other] === data.languages[doc]) unmatchedCache.set(other, doc, found.docUnmatched, found.queryUnmatched);
        return found;
      },
      directed: (other, docIsPattern) => {
        const entry = fuzzyCache.find(doc, 2 * other + (docIsPattern ? 0 : 1));
        if (entry !== -1) return fuzzyCache.value(entry, 0);
        const [docTitle, otherTitle] = [query.fuzzyTitle, data.fuzzyTitles.get(other)];
        const value = docIsPattern ? directedTitleSimilarity(docTitle, otherTitle) : directedTitleSimilarity(otherTitle, docTitle);
        if (scanned[other] === 0) fuzzyCache.set(other, 2 * doc + (docIsPattern ? 1 : 0), value);
        return value;
      },
      sequenceTitleOf: (other) => (sequenceTitles[other] ??= index.sequenceTitleOf(other)),
      titleNumbersOf: (other) => index.docTitleNumbers(other),
      isNearCopy: (left, right) => {
        let near = nearCopies.get(left, right);
        if (near === undefined) {
          near = index.isNearCopy(left, right);
          nearCopies.set(left, right, near);
        }
        return near;
      },
    };
  };
  const done = (doc: number) => {
    scanned[doc] = 1;
    unmatchedCache.release(doc);
    fuzzyCache.release(doc);
  };
  return { matcherOf, done };
}

export function findDuplicatePairs<Key>(index: PairScanIndex, options: DuplicatePairOptions<Key>): DuplicatePair[] {
  const { docCount } = index.data;
  if (docCount < 2) return [];
  const minScore = Math.max(options.minScore ?? 0, MIN_CANDIDATE_SCORE);
  const idOf = index.idOf;
  const skip = options.skip;
  const skipKeys = new Array<Key>(skip === undefined ? 0 : docCount);
  const hasSkipKey = new Uint8Array(skipKeys.length);
  const skipKeyOf = (skip: PairSkip<Key>, doc: number) => {
    if (hasSkipKey[doc] === 0) {
      skipKeys[doc] = skip.of(idOf(doc));
      hasSkipKey[doc] = 1;
    }
    return skipKeys[doc] as Key;
  };
  const skipped = (a: number, b: number) => skip !== undefined && skip.pair(skipKeyOf(skip, a), skipKeyOf(skip, b));
  const shortlists = new ShortlistBuilder(index.data, idOf, skipped, options.exactBudget ?? EXACT_BUDGET);
  const caches = pairCaches(index);
  const flagThreshold = options.threshold - 0.0005;
  const onlyGroupsCanFlag = flagThreshold > MAX_RUNNER_UP_CONFIDENCE;
  const groups = new Groups(docCount);
  const found = new Map<string, DuplicatePair>();

  /**
   * Keeps a flagged pair when it is the doc's first or links two groups not
   * linked yet: enough for the groups, and for each doc a pair that shows why.
   */
  const record = (doc: number, candidate: FlaggedCandidate, first: boolean) => {
    const [score, confidence] = [round3(candidate.score), round3(candidate.confidence)];
    if (confidence < options.threshold || score < minScore) return false;
    const [docId, otherId] = [idOf(doc), idOf(candidate.docIndex)];
    const [a, b] = docId < otherId ? [docId, otherId] : [otherId, docId];
    const key = `${a}\u0000${b}`;
    const previous = found.get(key);
    const joins = groups.join(doc, candidate.docIndex);
    if (previous === undefined && !first && !joins) return true;
    if (previous !== undefined && (previous.confidence > confidence || (previous.confidence === confidence && previous.score >= score))) return true;
    const queryWeights = new Map<string, number>();
    for (const term of index.docStemTerms(doc)) queryWeights.set(term, index.stemIdf(term));
    found.set(key, { a, b, score, confidence, reasons: index.sharedTermReasons(candidate.docIndex, queryWeights) });
    return true;
  };

  const scan = (doc: number) => {
    const shortlist = shortlists.shortlistOf(doc);
    if (shortlist.length === 0) {
      caches.done(doc);
      return shortlist;
    }
    const matcher = caches.matcherOf(doc);
    let recorded = false;
    const onFlag = (candidate: FlaggedCandidate) => {
      recorded = record(doc, candidate, !recorded) || recorded;
    };
    if (onlyGroupsCanFlag) {
      // Once the doc has a pair, a candidate already in its group adds nothing.
      const needed = (other: number) => !recorded || groups.find(doc) !== groups.find(other);
      flaggedCandidates(matcher, shortlist, flagThreshold, titleNumbersOf(matcher.query.stems, matcher.query.titleCount, matcher.query.language), needed, onFlag);
    } else {
      // A threshold this low can flag any candidate: all of them are scored, as `findSimilar` does.
      const scored = index.rerank(matcher.query, shortlist);
      const confidences = confidencesOf(scored, (i, j) => matcher.isNearCopy((scored[i] as { docIndex: number }).docIndex, (scored[j] as { docIndex: number }).docIndex));
      scored.forEach((candidate, rank) => onFlag({ docIndex: candidate.docIndex, score: candidate.score, confidence: confidences[rank] as number }));
    }
    caches.done(doc);
    return shortlist;
  };

  if (options.subject === undefined) {
    for (let doc = 0; doc < docCount; doc += 1) scan(doc);
  } else {
    // Both directions of every pair with a subject doc: the subject docs, then the docs they found.
    const subjectDocs = new Set<number>();
    for (let doc = 0; doc < docCount; doc += 1) if (options.subject.has(idOf(doc))) subjectDocs.add(doc);
    const others = new Set<number>();
    for (const doc of subjectDocs) for (const { docIndex } of scan(doc)) if (!subjectDocs.has(docIndex)) others.add(docIndex);
    for (const doc of others) scan(doc);
    for (const [key, pair] of found) if (!options.subject.has(pair.a) && !options.subject.has(pair.b)) found.delete(key);
  }
  return [...found.values()].sort((x, y) => y.confidence - x.confidence || y.score - x.score || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
}
