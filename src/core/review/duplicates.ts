/**
 * `sluss review`, part 2: the likely duplicates of the branch's ideas against
 * the base as it is now, and every override. Two municipalities adding the
 * same idea on parallel branches is what the sluice exists to stop, so an
 * undecided likely duplicate of a new idea blocks; declaring a pair "not a
 * duplicate" on the branch (`add --on-duplicate new`, `not-duplicate`, or a
 * hand edit of links.not_duplicates) is an override a coordinator or a
 * reviewer of a municipality involved must approve. Pure: the engine's
 * candidates come in from `likelyDuplicates`, the decision is
 * `decideBranchDuplicates`.
 */
import type { DuplicateSettings, RegisterConfig } from '../config.js';
import { buildDuplicateIndex, findDuplicateCandidates, similarityDocOf } from '../duplicates.js';
import type { DuplicateCandidate } from '../duplicates.js';
import type { HistoryEntry, IdeaData, IdeaWithBody } from '../idea.js';
import { analyzeDoc, buildSimilarityIndex } from '../similarity/index.js';
import type { ReviewedIdea } from './diff.js';
import { approvedAmong, municipalitiesOf, reviewersOf } from './rules.js';
import type { ReviewTrust } from './rules.js';

/** What the review needs of an engine candidate. */
export type EngineCandidate = Pick<DuplicateCandidate, 'id' | 'score' | 'confidence' | 'likelyDuplicate'>;

/** Another idea as the register holds it now: at HEAD when the branch changed it, otherwise at the base's tip. */
export interface OtherIdea {
  data: IdeaData;
  path: string;
  /** Added on the branch. */
  isNew: boolean;
}

export interface BranchDuplicate {
  /** The idea of the branch. */
  id: string;
  title: string;
  path: string;
  change: 'added' | 'changed';
  candidate: {
    id: string;
    title: string;
    municipality: string;
    status: string;
    path: string;
    /** Also new on the branch. */
    isNew: boolean;
    /** From the engine; absent when the engine does not find the pair likely now (an override is listed all the same). */
    score?: number;
    confidence?: number;
  };
  /** `undecided`: nobody linked or separated the pair; `not-duplicate`: declared so on this branch (an override). */
  decision: 'undecided' | 'not-duplicate';
  /** Who declared it and when: from the idea's history, or (without an entry that says so) the commit authors. */
  declared?: { by: string; date?: string; source: 'history' | 'git' };
  /** For an override: who may approve it (coordinators, reviewers of the municipalities of both ideas) and who did. */
  approval?: { needed: boolean; approvers: string[]; approvedBy: string[] };
  blocking: boolean;
}

/**
 * The engine's likely duplicates of each subject (the branch's added and
 * changed ideas at HEAD) among the register as it is now plus the subjects.
 * The subjects replace their own base versions; none is its own candidate.
 */
export function likelyDuplicates(
  register: readonly IdeaWithBody[],
  subjects: readonly IdeaWithBody[],
  settings: DuplicateSettings,
  today: string,
): Map<string, DuplicateCandidate[]> {
  const found = new Map<string, DuplicateCandidate[]>();
  if (subjects.length === 0) return found;
  const subjectIds = new Set(subjects.map((idea) => idea.data.id));
  const compared = [...register.filter((idea) => !subjectIds.has(idea.data.id)), ...subjects];
  const index = buildDuplicateIndex(compared, settings, today, buildSimilarityIndex(compared.map((idea) => analyzeDoc(similarityDocOf(idea)))));
  for (const idea of subjects) {
    const doc = similarityDocOf(idea);
    const candidates = findDuplicateCandidates(index, { title: doc.title, text: doc.text }, settings, new Set([idea.data.id]));
    found.set(idea.data.id, candidates.filter((candidate) => candidate.likelyDuplicate));
  }
  return found;
}

export interface DuplicateDecisionOptions {
  config: RegisterConfig;
  trust: ReviewTrust;
  /** `--fail-on-duplicate`: an undecided likely duplicate of an edited idea blocks too, not only of a new one. */
  strict: boolean;
}

function linksOf(data: IdeaData | undefined, kind: 'all' | 'not_duplicates'): string[] {
  const links = data?.links;
  if (kind === 'not_duplicates') return links?.not_duplicates ?? [];
  return [...(links?.duplicate_of ? [links.duplicate_of] : []), ...(links?.related ?? []), ...(links?.not_duplicates ?? [])];
}

/** History entries the branch added: in `after` and not (as many times) in `before`. */
function newEntries(before: readonly HistoryEntry[], after: readonly HistoryEntry[]): HistoryEntry[] {
  const left = new Map<string, number>();
  for (const entry of before) left.set(JSON.stringify(entry), (left.get(JSON.stringify(entry)) ?? 0) + 1);
  return after.filter((entry) => {
    const count = left.get(JSON.stringify(entry)) ?? 0;
    if (count > 0) left.set(JSON.stringify(entry), count - 1);
    return count === 0;
  });
}

/** Who declared `idea` not a duplicate of `other`, and when. */
function declaration(idea: ReviewedIdea, other: string): NonNullable<BranchDuplicate['declared']> {
  const added = newEntries(idea.before?.history ?? [], idea.after?.history ?? []);
  const mentions = (entry: HistoryEntry) => Object.values(entry).some((value) => typeof value === 'string' && value.includes(other));
  // `add` records the decision when it creates the idea: the first entry is the adder's.
  const entry = [...added].reverse().find(mentions) ?? (idea.change === 'added' ? idea.after?.history[0] : undefined);
  if (entry) return { by: entry.by, date: entry.date, source: 'history' };
  return { by: idea.authors.map((author) => author.name).join(', '), source: 'git' };
}

function candidateOf(other: OtherIdea, engine: EngineCandidate | undefined): BranchDuplicate['candidate'] {
  return {
    id: other.data.id,
    title: other.data.title,
    municipality: other.data.municipality,
    status: other.data.status,
    path: other.path,
    isNew: other.isNew,
    ...(engine ? { score: Math.round(engine.score * 1000) / 1000, confidence: Math.round(engine.confidence * 1000) / 1000 } : {}),
  };
}

/**
 * Each idea's likely duplicates, decided: linked pairs (duplicate_of,
 * related) and pairs separated before the branch are settled and left out;
 * a pair separated on the branch is an override; any other is undecided.
 * New ideas first, so a pair of a new and an edited idea is reported as the
 * new one's, and each pair once.
 */
export function decideBranchDuplicates(
  ideas: readonly ReviewedIdea[],
  candidates: ReadonlyMap<string, readonly EngineCandidate[]>,
  ideaAt: (id: string) => OtherIdea | undefined,
  options: DuplicateDecisionOptions,
): BranchDuplicate[] {
  const found: BranchDuplicate[] = [];
  const reported = new Set<string>();
  const subjects = [...ideas].filter((idea) => idea.after && idea.change !== 'deleted').sort((a, b) => Number(b.change === 'added') - Number(a.change === 'added'));
  for (const idea of subjects) {
    const after = idea.after!;
    const engine = new Map((candidates.get(idea.id) ?? []).filter((c) => c.likelyDuplicate).map((c) => [c.id, c]));
    const before = new Set(linksOf(idea.before, 'not_duplicates'));
    const overrides = linksOf(after, 'not_duplicates').filter((id) => !before.has(id));
    const base = { id: idea.id, title: idea.title, path: idea.path, change: idea.change as 'added' | 'changed' };
    for (const otherId of overrides) {
      const other = ideaAt(otherId);
      if (!other) continue; // a link to nothing is validation's broken-link
      reported.add([idea.id, otherId].sort().join('\0'));
      const approvers = [...new Set([...options.config.coordinators, ...[...municipalitiesOf(options.config, idea), ...municipalitiesOf(options.config, { after: other.data })].flatMap((code) => reviewersOf(options.config, code))])];
      const approvedBy = approvedAmong(approvers, options.trust);
      const needed = options.config.duplicates.override_needs_approval;
      found.push({
        ...base,
        candidate: candidateOf(other, engine.get(otherId)),
        decision: 'not-duplicate',
        declared: declaration(idea, otherId),
        approval: { needed, approvers, approvedBy },
        blocking: needed && approvedBy.length === 0,
      });
    }
    for (const candidate of engine.values()) {
      const pair = [idea.id, candidate.id].sort().join('\0');
      const other = ideaAt(candidate.id);
      if (!other || reported.has(pair)) continue;
      if (linksOf(after, 'all').includes(candidate.id) || linksOf(other.data, 'all').includes(idea.id)) continue;
      reported.add(pair);
      found.push({ ...base, candidate: candidateOf(other, candidate), decision: 'undecided', blocking: idea.change === 'added' || other.isNew || options.strict });
    }
  }
  return found;
}
