/**
 * `sluss review`: what a branch changes in the register, and whether the
 * register's rules allow it. Pure: the app reads the two versions of each file
 * and the commit authors from git and hands them in.
 */
import { findMunicipality, findStage } from './config.js';
import type { DuplicateSettings, RegisterConfig } from './config.js';
import { buildDuplicateIndex, findDuplicateCandidates, linkedIds, similarityDocOf } from './duplicates.js';
import { parseSections } from './format/idea-file.js';
import type { Idea, IdeaData, IdeaWithBody, Participant, Role } from './idea.js';
import { SECTIONS } from './idea.js';
import { analyzeDoc, buildSimilarityIndex } from './similarity/index.js';
import { foldCase } from './text.js';

/** Who made a commit, as git records it (self-declared: see `actor`). */
export interface Identity {
  name: string;
  email: string;
}

export type LinkKind = 'duplicate_of' | 'related';

/** One thing a branch changed in an idea. The JSON output of `review` uses these objects as they are. */
export type IdeaChange =
  | { kind: 'added' }
  | { kind: 'deleted' }
  /** A stage move, from a new history entry (or a changed `status` without one). `authors` is filled in from git. */
  | { kind: 'moved'; from: string; to: string; date?: string; by?: string; authors?: Identity[] }
  | { kind: 'joined'; municipality: string; role: Role; share?: number }
  | { kind: 'left'; municipality: string; role: Role }
  | { kind: 'participant-changed'; municipality: string; role?: { from: Role; to: Role }; share?: { from: number | null; to: number | null } }
  | { kind: 'link-added'; link: LinkKind; target: string }
  | { kind: 'link-removed'; link: LinkKind; target: string }
  | { kind: 'assessment-added'; by: string; date: string }
  | { kind: 'assessment-changed'; by: string; date: string }
  | { kind: 'assessment-removed' }
  /**
   * Any other edit. `field` is a front-matter key, `text.<section>` for a
   * section of the body (`text` for text outside the known sections) or
   * `history` when earlier history entries were rewritten. `from`/`to` only
   * for short values; never for the submitter (personal data) or texts.
   */
  | { kind: 'edited'; field: string; from?: unknown; to?: unknown };

export type MoveChange = Extract<IdeaChange, { kind: 'moved' }>;

/** Fields compared in `diffIdeas` as "other edits", with whether their values are shown. */
const SHOWN_FIELDS = ['id', 'title', 'municipality', 'category', 'tags', 'created', 'received_by'] as const;
const HIDDEN_FIELDS = ['submitter', 'updated'] as const;
const HANDLED_FIELDS = new Set<string>([...SHOWN_FIELDS, ...HIDDEN_FIELDS, 'status', 'municipalities', 'links', 'assessment', 'history']);

/** A stable text of a value for comparison: object keys sorted. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function movesInHistory(entries: IdeaData['history']): MoveChange[] {
  return entries.flatMap((entry, index) => {
    const from = entry.from ?? (index > 0 ? entries[index - 1]?.status : undefined);
    if (from === undefined || from === entry.status) return [];
    return [{ kind: 'moved' as const, from, to: entry.status, date: entry.date, by: entry.by }];
  });
}

/**
 * What changed between two versions of an idea. `before` undefined: the idea
 * was added (its history's moves are listed too, since they were all made on
 * the branch); `after` undefined: it was deleted. Bodies are optional; with
 * them, edited text sections are listed.
 */
export function diffIdeas(before: IdeaData | undefined, after: IdeaData | undefined, bodies: { before?: string; after?: string } = {}): IdeaChange[] {
  if (!before && !after) return [];
  if (!after) return [{ kind: 'deleted' }];
  if (!before) return [{ kind: 'added' }, ...movesInHistory(after.history)];
  const changes: IdeaChange[] = [];

  // Stage moves: history entries the branch added (a multiset difference, so a
  // reordered or rewritten earlier entry is an edit of the history, not a move).
  const remaining = new Map<string, number>();
  for (const entry of before.history) remaining.set(canonical(entry), (remaining.get(canonical(entry)) ?? 0) + 1);
  const moves: MoveChange[] = [];
  after.history.forEach((entry, index) => {
    const key = canonical(entry);
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      return;
    }
    // An entry without `from` continues from the entry before it (an entry that
    // only records a note, e.g. an assessment, keeps the stage: no move).
    const from = entry.from ?? (index > 0 ? after.history[index - 1]!.status : before.status);
    if (from !== entry.status) moves.push({ kind: 'moved', from, to: entry.status, date: entry.date, by: entry.by });
  });
  const rewritten = [...remaining.values()].some((count) => count > 0);
  if (before.status !== after.status && !moves.some((move) => move.to === after.status)) {
    moves.push({ kind: 'moved', from: before.status, to: after.status });
  }
  changes.push(...moves);
  if (rewritten) changes.push({ kind: 'edited', field: 'history' });

  // Participants.
  const beforeParticipants = new Map(before.municipalities.map((p) => [p.municipality, p]));
  const afterParticipants = new Map(after.municipalities.map((p) => [p.municipality, p]));
  for (const [code, participant] of afterParticipants) {
    const old = beforeParticipants.get(code);
    if (!old) {
      changes.push({ kind: 'joined', municipality: code, role: participant.role, ...(participant.share !== undefined ? { share: participant.share } : {}) });
      continue;
    }
    const change = participantChange(old, participant);
    if (change) changes.push(change);
  }
  for (const [code, participant] of beforeParticipants) {
    if (!afterParticipants.has(code)) changes.push({ kind: 'left', municipality: code, role: participant.role });
  }

  // Links.
  const oldDuplicate = before.links?.duplicate_of;
  const newDuplicate = after.links?.duplicate_of;
  if (oldDuplicate !== newDuplicate) {
    if (oldDuplicate) changes.push({ kind: 'link-removed', link: 'duplicate_of', target: oldDuplicate });
    if (newDuplicate) changes.push({ kind: 'link-added', link: 'duplicate_of', target: newDuplicate });
  }
  const oldRelated = new Set(before.links?.related ?? []);
  const newRelated = new Set(after.links?.related ?? []);
  for (const target of newRelated) if (!oldRelated.has(target)) changes.push({ kind: 'link-added', link: 'related', target });
  for (const target of oldRelated) if (!newRelated.has(target)) changes.push({ kind: 'link-removed', link: 'related', target });

  // Assessment.
  if (!before.assessment && after.assessment) changes.push({ kind: 'assessment-added', by: after.assessment.by, date: after.assessment.date });
  else if (before.assessment && !after.assessment) changes.push({ kind: 'assessment-removed' });
  else if (before.assessment && after.assessment && !same(before.assessment, after.assessment)) {
    changes.push({ kind: 'assessment-changed', by: after.assessment.by, date: after.assessment.date });
  }

  // Other fields.
  for (const field of SHOWN_FIELDS) {
    if (!same(before[field], after[field])) changes.push({ kind: 'edited', field, from: before[field] ?? null, to: after[field] ?? null });
  }
  for (const field of HIDDEN_FIELDS) if (!same(before[field], after[field])) changes.push({ kind: 'edited', field });
  const otherKeys = new Set([...Object.keys(before), ...Object.keys(after)].filter((key) => !HANDLED_FIELDS.has(key)));
  for (const key of [...otherKeys].sort()) {
    if (!same((before as unknown as Record<string, unknown>)[key], (after as unknown as Record<string, unknown>)[key])) changes.push({ kind: 'edited', field: key });
  }

  // Text.
  if (bodies.before !== undefined && bodies.after !== undefined && bodies.before.trim() !== bodies.after.trim()) {
    const oldSections = parseSections(bodies.before);
    const newSections = parseSections(bodies.after);
    const edited = SECTIONS.filter(({ key }) => oldSections[key] !== newSections[key]);
    for (const { key } of edited) changes.push({ kind: 'edited', field: `text.${key}` });
    if (edited.length === 0) changes.push({ kind: 'edited', field: 'text' });
  }
  return changes;
}

function participantChange(before: Participant, after: Participant): IdeaChange | undefined {
  const roleChanged = before.role !== after.role;
  const shareChanged = (before.share ?? null) !== (after.share ?? null);
  if (!roleChanged && !shareChanged) return undefined;
  return {
    kind: 'participant-changed',
    municipality: after.municipality,
    ...(roleChanged ? { role: { from: before.role, to: after.role } } : {}),
    ...(shareChanged ? { share: { from: before.share ?? null, to: after.share ?? null } } : {}),
  };
}

// ---- The branch's ideas ------------------------------------------------------

/** One idea file the branch added, changed or deleted. */
export interface ReviewedIdea {
  id: string;
  title: string;
  /** Path at HEAD (for a deleted idea: where it was). */
  path: string;
  /** Set when the file was renamed on the branch. */
  previousPath?: string;
  change: 'added' | 'changed' | 'deleted';
  /** Undefined when the version could not be read (its problems are reported by validation). */
  before?: IdeaData;
  after?: IdeaData;
  changes: IdeaChange[];
  /** Authors of the branch's commits that touched the file, oldest first, without repeats. */
  authors: Identity[];
}

// ---- Duplicates ---------------------------------------------------------------

export interface BranchDuplicate {
  /** The new idea. */
  id: string;
  title: string;
  path: string;
  candidate: { id: string; title: string; municipality: string; status: string; score: number; path: string; /** Also new on the branch. */ isNew: boolean };
  blocking: boolean;
}

/**
 * Each new idea against the ideas at the base and the branch's other new
 * ideas. A candidate the idea already links to (duplicate_of or related) is
 * not flagged, and a pair of new ideas is reported once.
 */
export function findBranchDuplicates(
  baseIdeas: readonly IdeaWithBody[],
  newIdeas: readonly IdeaWithBody[],
  settings: DuplicateSettings,
  today: string,
  options: { blocking?: boolean } = {},
): BranchDuplicate[] {
  if (newIdeas.length === 0) return [];
  const newIds = new Set(newIdeas.map((idea) => idea.data.id));
  const compared = [...baseIdeas.filter((idea) => !newIds.has(idea.data.id)), ...newIdeas];
  const index = buildDuplicateIndex(compared, settings, today, buildSimilarityIndex(compared.map((idea) => analyzeDoc(similarityDocOf(idea)))));
  const found: BranchDuplicate[] = [];
  const reported = new Set<string>();
  for (const idea of newIdeas) {
    const linked = new Set(linkedIds(idea.data));
    const doc = similarityDocOf(idea);
    const candidates = findDuplicateCandidates(index, { title: doc.title, text: doc.text }, settings, new Set([idea.data.id]));
    for (const candidate of candidates) {
      if (!candidate.likelyDuplicate || linked.has(candidate.id)) continue;
      const other = index.ideaOf(candidate.id);
      // The other new idea may link back to this one.
      if (other && linkedIds(other.data).includes(idea.data.id)) continue;
      const pair = [idea.data.id, candidate.id].sort().join('\0');
      if (reported.has(pair)) continue;
      reported.add(pair);
      found.push({
        id: idea.data.id,
        title: idea.data.title,
        path: idea.path,
        candidate: {
          id: candidate.id,
          title: candidate.title,
          municipality: candidate.municipality,
          status: candidate.status,
          score: Math.round(candidate.score * 1000) / 1000,
          path: candidate.path,
          isNew: newIds.has(candidate.id),
        },
        blocking: options.blocking ?? false,
      });
    }
  }
  return found;
}

// ---- Rules of sluss.yaml --------------------------------------------------------

export type RuleResult =
  /** Ideas are never deleted; they are moved to a stage of kind declined or duplicate. */
  | { rule: 'never-delete'; id: string; path: string; ok: false; blocking: true }
  /** A move must follow `next` in sluss.yaml and have its assessment, as `sluss move` demands; hand edits are held to it too. */
  | { rule: 'workflow-move'; id: string; path: string; from: string; to: string; ok: false; blocking: true; reason: 'transition' | 'assessment'; allowed: string[] }
  /** A move out of a coordinator stage must be made by a coordinator. */
  | {
      rule: 'coordinator-move';
      id: string;
      path: string;
      from: string;
      to: string;
      ok: boolean;
      blocking: boolean;
      /** Who made the move: commit authors as `Name <email>`, and the actor when given. */
      madeBy: string[];
      /** Who may make it: the coordinators of sluss.yaml. */
      allowed: string[];
    };

export interface ReviewerNeed {
  id: string;
  path: string;
  municipality: string;
  /** The municipality's reviewers from sluss.yaml. */
  reviewers: string[];
  /** Those of them who approved (or the actor, when they are one of them). */
  approvedBy: string[];
  /**
   * `approved`; `missing` (approvals were given and none of these reviewers is
   * among them: blocks); `unchecked` (no --approvals: informational);
   * `no-reviewers` (the municipality lists no reviewers: a warning, never blocks).
   */
  status: 'approved' | 'missing' | 'unchecked' | 'no-reviewers';
  blocking: boolean;
}

export interface RuleOptions {
  /** Who opened the pull request (CI passes `@login`); counts as an author of every commit and as an approval. */
  actor?: string;
  /** Who approved the pull request; undefined when not known (then approvals are informational). */
  approvals?: readonly string[];
}

/** Identity matching: trimmed, NFC, case-insensitive. */
function identityKey(text: string): string {
  return foldCase(text.trim());
}

/** A reviewer entry and an approval match with or without a leading @ (forges report logins without it). */
function handleKey(text: string): string {
  return identityKey(text).replace(/^@/, '');
}

/**
 * Whether an entry of `coordinators` names one of the identities: a name or an
 * e-mail address matches a commit author; an `@user` entry only matches the
 * actor, since git knows nothing of forge users.
 */
export function matchesIdentity(entry: string, identities: readonly Identity[], actor?: string): boolean {
  const key = identityKey(entry);
  if (key === '') return false;
  if (actor !== undefined && (key === identityKey(actor) || (key.startsWith('@') && handleKey(entry) === handleKey(actor)))) return true;
  if (key.startsWith('@')) return false;
  return identities.some((identity) => identityKey(identity.name) === key || identityKey(identity.email) === key);
}

export function formatIdentity(identity: Identity): string {
  return `${identity.name} <${identity.email}>`;
}

/** The municipalities an idea belongs to, before and after the branch: origin and participants, as codes. */
export function municipalitiesOf(config: RegisterConfig, idea: Pick<ReviewedIdea, 'before' | 'after'>): string[] {
  const codes: string[] = [];
  for (const data of [idea.after, idea.before]) {
    if (!data) continue;
    for (const input of [data.municipality, ...data.municipalities.map((p) => p.municipality)]) {
      const code = findMunicipality(config, input)?.code ?? input;
      if (!codes.includes(code)) codes.push(code);
    }
  }
  return codes;
}

function workflowRefusal(config: RegisterConfig, idea: ReviewedIdea, change: MoveChange): { reason: 'transition' | 'assessment'; allowed: string[] } | undefined {
  const from = findStage(config, change.from);
  const to = findStage(config, change.to);
  if (!from || !to) return undefined; // validation reports unknown stages
  if (!from.next.includes(to.code)) return { reason: 'transition', allowed: [...from.next] };
  if (config.assessment.required_to_leave.includes(from.code) && to.kind !== 'duplicate' && !idea.after?.assessment) return { reason: 'assessment', allowed: [] };
  return undefined;
}

export function evaluateRules(config: RegisterConfig, ideas: readonly ReviewedIdea[], options: RuleOptions = {}): { rules: RuleResult[]; reviewersNeeded: ReviewerNeed[] } {
  const rules: RuleResult[] = [];
  const reviewersNeeded: ReviewerNeed[] = [];
  const coordinatorStages = new Set(config.review.coordinator_stages.map((code) => findStage(config, code)?.code ?? code));
  for (const idea of ideas) {
    if (idea.change === 'deleted') rules.push({ rule: 'never-delete', id: idea.id, path: idea.path, ok: false, blocking: true });
    for (const change of idea.changes) {
      if (change.kind !== 'moved') continue;
      const from = findStage(config, change.from)?.code ?? change.from;
      const refusal = workflowRefusal(config, idea, change);
      if (refusal) rules.push({ rule: 'workflow-move', id: idea.id, path: idea.path, from: change.from, to: change.to, ok: false, blocking: true, ...refusal });
      if (!coordinatorStages.has(from)) continue;
      if (findStage(config, change.to)?.kind === 'duplicate') continue;
      const authors = change.authors ?? idea.authors;
      const ok = config.coordinators.some((entry) => matchesIdentity(entry, authors, options.actor));
      rules.push({
        rule: 'coordinator-move',
        id: idea.id,
        path: idea.path,
        from: change.from,
        to: change.to,
        ok,
        blocking: !ok,
        madeBy: [...authors.map(formatIdentity), ...(options.actor ? [options.actor] : [])],
        allowed: [...config.coordinators],
      });
    }
    if (!config.review.municipality_reviewers) continue;
    for (const code of municipalitiesOf(config, idea)) {
      const reviewers = config.municipalities.find((m) => m.code === code)?.reviewers ?? [];
      const given = [...(options.approvals ?? []), ...(options.actor ? [options.actor] : [])].map(handleKey);
      const approvedBy = reviewers.filter((reviewer) => given.includes(handleKey(reviewer)));
      const status: ReviewerNeed['status'] =
        reviewers.length === 0 ? 'no-reviewers' : approvedBy.length > 0 ? 'approved' : options.approvals === undefined ? 'unchecked' : 'missing';
      reviewersNeeded.push({ id: idea.id, path: idea.path, municipality: code, reviewers: [...reviewers], approvedBy, status, blocking: status === 'missing' });
    }
  }
  return { rules, reviewersNeeded };
}
