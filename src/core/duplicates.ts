/**
 * The duplicate check of `sluss add` and `sluss similar`: which existing ideas
 * look like a new one, and why. The ranking itself is the similarity engine's.
 */
import type { DuplicateSettings } from './config.js';
import { parseSections } from './format/idea-file.js';
import { SECTIONS, summaryOf } from './idea.js';
import type { Idea, IdeaData, IdeaSummary, IdeaWithBody } from './idea.js';
import type { IdeaSections } from './idea.js';
import type { MatchReason, PairSkip, SimilarityDoc, SimilarityIndex } from './similarity/index.js';

export interface DuplicateCandidate {
  id: string;
  title: string;
  score: number;
  /** How sure the engine is that this is the same idea; `likelyDuplicate` is confidence ≥ threshold. */
  confidence: number;
  likelyDuplicate: boolean;
  municipality: string;
  status: string;
  reasons: MatchReason[];
  path: string;
}

/**
 * How sure sluss is that a candidate is the same idea, in words the interface
 * shows: a likely duplicate, a very sure one, possibly the same idea, or only
 * similar. Derived from the confidence and the flag, so the words never
 * contradict the label.
 */
export type ConfidenceBand = 'very-likely' | 'likely' | 'possible' | 'similar';

/** From this confidence a likely duplicate is called very alike. */
export const VERY_LIKELY_FROM = 0.9;
/** From this confidence a candidate that is not flagged is possibly the same idea; below it, only similar. */
export const POSSIBLE_FROM = 0.4;

export function confidenceBand(candidate: { confidence: number; likelyDuplicate: boolean }): ConfidenceBand {
  if (candidate.likelyDuplicate) return candidate.confidence >= VERY_LIKELY_FROM ? 'very-likely' : 'likely';
  return candidate.confidence >= POSSIBLE_FROM ? 'possible' : 'similar';
}

export function sectionsText(sections: Partial<IdeaSections>): string {
  return SECTIONS.map(({ key }) => sections[key] ?? '')
    .filter((text) => text.trim() !== '')
    .join('\n\n');
}

export function similarityDocOf(idea: IdeaWithBody): SimilarityDoc {
  return similarityDoc(idea.data.id, idea.data.title, idea.body);
}

/** What the similarity engine compares: the title and the text of the body's sections. */
export function similarityDoc(id: string, title: string, body: string): SimilarityDoc {
  return { id, title, text: sectionsText(parseSections(body)) };
}

/** The earliest creation date still compared, or undefined when the look-back is unlimited. */
export function lookbackStart(settings: DuplicateSettings, today: string): string | undefined {
  if (settings.lookback_days === null) return undefined;
  const start = new Date(`${today}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - settings.lookback_days);
  return start.toISOString().slice(0, 10);
}

export interface DuplicateIndex {
  index: SimilarityIndex;
  summaries: ReadonlyMap<string, IdeaSummary>;
  /** The idea behind an indexed id, for what a candidate shows; may read it on demand. */
  ideaOf: (id: string) => Idea | undefined;
  /**
   * Never suggested: ideas created before the look-back, and ideas already
   * marked as a duplicate of another idea in the register (the survivor stands
   * for both, so a new idea is not told to join a copy, and two equal copies
   * do not make each other look uncertain).
   */
  hidden: ReadonlySet<string>;
}

/**
 * Every idea is indexed, closed and declined ones included: a declined idea is
 * exactly what a municipality should hear about before starting again. The
 * look-back is applied when asking, so a cached index serves any date.
 * `index` holds these same ideas.
 */
export function buildDuplicateIndex(ideas: readonly Idea[], settings: DuplicateSettings, today: string, index: SimilarityIndex): DuplicateIndex {
  const byId = new Map(ideas.map((idea) => [idea.data.id, idea]));
  return duplicateIndexOf(
    ideas.map((idea) => summaryOf(idea.data)),
    settings,
    today,
    index,
    (id) => byId.get(id),
  );
}

/** The same from summaries only, for a caller that reads an idea's data when a candidate needs it. */
export function duplicateIndexOf(
  summaries: readonly IdeaSummary[],
  settings: DuplicateSettings,
  today: string,
  index: SimilarityIndex,
  ideaOf: (id: string) => Idea | undefined,
): DuplicateIndex {
  const start = lookbackStart(settings, today);
  const byId = new Map(summaries.map((summary) => [summary.id, summary]));
  const hidden = new Set(summaries.filter((summary) => (start !== undefined && summary.created < start) || isMergedDuplicate(summary, byId)).map((summary) => summary.id));
  return { index, summaries: byId, ideaOf, hidden };
}

export function findDuplicateCandidates(
  duplicateIndex: DuplicateIndex,
  draft: { title: string; text: string },
  settings: DuplicateSettings,
  exclude?: ReadonlySet<string>,
): DuplicateCandidate[] {
  const excluded = new Set([...duplicateIndex.hidden, ...(exclude ?? [])]);
  const found = duplicateIndex.index.findSimilar(draft, {
    limit: settings.max_candidates,
    threshold: settings.threshold,
    minScore: settings.show_from,
    ...(excluded.size > 0 ? { exclude: excluded } : {}),
    linked: (left, right) => linksBetween(duplicateIndex.summaries.get(left), right) || linksBetween(duplicateIndex.summaries.get(right), left),
  });
  // Below show_from a candidate is neither shown nor flagged, however it compares with the others.
  return found
    .filter((candidate) => candidate.score >= settings.show_from)
    .flatMap((candidate) => {
      const idea = duplicateIndex.ideaOf(candidate.id);
      if (!idea) return [];
      return [
        {
          id: candidate.id,
          title: idea.data.title,
          score: candidate.score,
          confidence: candidate.confidence,
          likelyDuplicate: candidate.likelyDuplicate,
          municipality: idea.data.municipality,
          status: idea.data.status,
          reasons: candidate.reasons,
          path: idea.path,
        },
      ];
    });
}

function isMergedDuplicate(summary: IdeaSummary, ids: ReadonlyMap<string, unknown>): boolean {
  const survivor = summary.links?.duplicate_of;
  return survivor !== undefined && survivor !== summary.id && ids.has(survivor);
}

/** Ids an idea is already linked to in any way: a duplicate, related, or decided not to be a duplicate. */
export function linkedIds(data: Pick<IdeaData, 'links'>): string[] {
  const links = data.links;
  return [...(links?.duplicate_of ? [links.duplicate_of] : []), ...(links?.related ?? []), ...(links?.not_duplicates ?? [])];
}

/** Whether an idea is linked to `id` in any of the ways `linkedIds` lists; the pair scan asks millions of times, so nothing is built. */
function isLinkedTo(data: Pick<IdeaData, 'links'>, id: string): boolean {
  const links = data.links;
  if (links === undefined) return false;
  return links.duplicate_of === id || links.related?.includes(id) === true || links.not_duplicates?.includes(id) === true;
}

/** Whether someone already decided about this pair, so it is not flagged again. Either side may hold the decision. */
export function isDecidedPair(a: Pick<IdeaData, 'id' | 'links'>, b: Pick<IdeaData, 'id' | 'links'>): boolean {
  return isLinkedTo(a, b.id) || isLinkedTo(b, a.id);
}

/** What the pair scan's skip decision needs of one idea: none when it is left out of every pair (hidden, or not in the register). */
interface PairSkipKey {
  summary: IdeaSummary;
  municipality: number;
}

export interface DuplicatePair {
  a: Idea;
  b: Idea;
  score: number;
  confidence: number;
  reasons: MatchReason[];
}

/**
 * Likely duplicate pairs across municipalities, for ideas of `subject` (all
 * when omitted). Candidates come from the index, so no pair is compared unless
 * the index finds it. Pairs from the same municipality, and pairs someone
 * already decided about, are left out. Each pair once, best first.
 */
export function scanDuplicatePairs(duplicateIndex: DuplicateIndex, settings: DuplicateSettings, subject?: ReadonlySet<string>): DuplicatePair[] {
  const { ideaOf, summaries } = duplicateIndex;
  // Decided from summaries: the data of an idea is read only when it is in a pair. Municipalities by number, so a pair compares two numbers.
  const municipalities = new Map<string, number>();
  const skip: PairSkip<PairSkipKey | undefined> = {
    of: (id) => {
      const summary = summaries.get(id);
      if (summary === undefined || duplicateIndex.hidden.has(id)) return undefined;
      let municipality = municipalities.get(summary.municipality);
      if (municipality === undefined) municipalities.set(summary.municipality, (municipality = municipalities.size));
      return { summary, municipality };
    },
    pair: (x, y) => x === undefined || y === undefined || x.municipality === y.municipality || isDecidedPair(x.summary, y.summary),
  };
  return duplicateIndex.index
    .findDuplicatePairs({ threshold: settings.threshold, minScore: settings.show_from, skip, ...(subject ? { subject } : {}) })
    .flatMap((pair) => {
      const [a, b] = [ideaOf(pair.a), ideaOf(pair.b)];
      return a && b ? [{ a, b, score: pair.score, confidence: pair.confidence, reasons: pair.reasons }] : [];
    });
}

/** Pairs that share an idea belong to one group: the same idea found in several municipalities. */
export function groupPairs(pairs: readonly DuplicatePair[]): string[][] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    const up = parent.get(id) ?? id;
    if (up === id) return id;
    const root = find(up);
    parent.set(id, root);
    return root;
  };
  for (const pair of pairs) {
    const [ra, rb] = [find(pair.a.data.id), find(pair.b.data.id)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const groups = new Map<string, Set<string>>();
  for (const pair of pairs) {
    for (const id of [pair.a.data.id, pair.b.data.id]) {
      const root = find(id);
      groups.set(root, (groups.get(root) ?? new Set()).add(id));
    }
  }
  return [...groups.values()].map((group) => [...group].sort()).sort((x, y) => x[0]!.localeCompare(y[0]!));
}

/** Whether `summary` links to `other` as related or as the idea it duplicates. */
function linksBetween(summary: IdeaSummary | undefined, other: string): boolean {
  const links = summary?.links;
  return links !== undefined && (links.duplicate_of === other || (links.related ?? []).includes(other));
}
