/**
 * `sluss review`, part 1: what a branch changed in each idea. Pure: the app
 * reads the two versions of each file from git and hands them in.
 */
import { parseSections } from '../format/idea-file.js';
import type { IdeaData, Participant, Role } from '../idea.js';
import { SECTIONS } from '../idea.js';

/** Who made a commit, as git records it: a claim anyone can write, never proof (see rules.ts). */
export interface Identity {
  name: string;
  email: string;
}

export type LinkKind = 'duplicate_of' | 'related' | 'not_duplicates';

/** One thing a branch changed in an idea. The JSON output of `review` uses these objects as they are. */
export type IdeaChange =
  /** A new idea, with what a reviewer needs to know what it is about. */
  | { kind: 'added'; municipality: string; category: string; problem: string }
  | { kind: 'deleted' }
  /** A stage move, from a new history entry (or a changed `status` without one). `authors` is filled in from git. */
  | { kind: 'moved'; from: string; to: string; date?: string; by?: string; authors?: Identity[] }
  | { kind: 'joined'; municipality: string; role: Role; share?: number }
  | { kind: 'left'; municipality: string; role: Role }
  /** `share` values are as the file has them: a hand edit may write anything there. */
  | { kind: 'participant-changed'; municipality: string; role?: { from: Role; to: Role }; share?: { from: unknown; to: unknown } }
  | { kind: 'link-added'; link: LinkKind; target: string }
  | { kind: 'link-removed'; link: LinkKind; target: string }
  | { kind: 'assessment-added'; by: string; date: string }
  | { kind: 'assessment-changed'; by: string; date: string }
  | { kind: 'assessment-removed' }
  /** Earlier history entries that are gone or were edited: the history is append-only. */
  | { kind: 'history-rewritten'; entries: number }
  /**
   * Any other edit. `field` is a front-matter key, `text.<section>` for a
   * section of the body (`text` for text outside the known sections) or
   * `path` for a renamed file. `from`/`to` only for short values; never for
   * the submitter (personal data) or texts. `updated` is bookkeeping every
   * command sets, and is not listed.
   */
  | { kind: 'edited'; field: string; from?: unknown; to?: unknown };

export type MoveChange = Extract<IdeaChange, { kind: 'moved' }>;

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

/** Fields compared in `diffIdeas` as "other edits", with whether their values are shown. */
const SHOWN_FIELDS = ['id', 'title', 'municipality', 'category', 'tags', 'created', 'received_by'] as const;
const HIDDEN_FIELDS = ['submitter'] as const;
const HANDLED_FIELDS = new Set<string>([...SHOWN_FIELDS, ...HIDDEN_FIELDS, 'updated', 'status', 'municipalities', 'links', 'assessment', 'history']);

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The data of a file that parsed as YAML but may break the schema, in the
 * shape the diff reads: lists that are not lists are empty, entries that are
 * not objects are left out, other values stay as they are. So a hand edit that
 * breaks the schema (a share of "50 %") is still shown as a change, beside
 * the validation problem, instead of hiding behind it.
 */
export function reviewableData(raw: unknown): IdeaData | undefined {
  if (!isRecord(raw)) return undefined;
  const list = (value: unknown) => (Array.isArray(value) ? value.filter(isRecord) : []);
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined);
  const links = isRecord(raw['links']) ? raw['links'] : undefined;
  const assessment = isRecord(raw['assessment']) ? raw['assessment'] : undefined;
  return {
    ...raw,
    status: String(raw['status'] ?? ''),
    municipality: String(raw['municipality'] ?? ''),
    municipalities: list(raw['municipalities']).filter((p) => typeof p['municipality'] === 'string') as unknown as Participant[],
    history: list(raw['history']).map((entry) => ({ ...entry, status: String(entry['status'] ?? '') })) as unknown as IdeaData['history'],
    ...(links
      ? {
          links: {
            ...(typeof links['duplicate_of'] === 'string' ? { duplicate_of: links['duplicate_of'] } : {}),
            ...(strings(links['related']) ? { related: strings(links['related']) } : {}),
            ...(strings(links['not_duplicates']) ? { not_duplicates: strings(links['not_duplicates']) } : {}),
          },
        }
      : { links: undefined }),
    ...(assessment ? { assessment: { ...assessment, by: String(assessment['by'] ?? ''), date: String(assessment['date'] ?? '') } } : { assessment: undefined }),
  } as IdeaData;
}

function movesInHistory(entries: IdeaData['history']): MoveChange[] {
  return entries.flatMap((entry, index) => {
    const from = entry.from ?? (index > 0 ? entries[index - 1]?.status : undefined);
    if (from === undefined || from === entry.status) return [];
    return [{ kind: 'moved' as const, from, to: entry.status, date: entry.date, by: entry.by }];
  });
}

function added(after: IdeaData, body: string | undefined): IdeaChange {
  return { kind: 'added', municipality: after.municipality, category: after.category, problem: body === undefined ? '' : parseSections(body).problem };
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
  if (!before) return [added(after, bodies.after), ...movesInHistory(after.history)];
  return [
    ...historyChanges(before, after),
    ...participantChanges(before, after),
    ...linkChanges(before, after),
    ...assessmentChanges(before, after),
    ...fieldChanges(before, after),
    ...textChanges(bodies),
  ];
}

/**
 * Stage moves: history entries the branch added (a multiset difference, so an
 * entry inserted between earlier ones, as a merge of two branches leaves it,
 * is still an addition). An earlier entry that is gone or edited is a
 * rewrite of the history.
 */
function historyChanges(before: IdeaData, after: IdeaData): IdeaChange[] {
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
  if (before.status !== after.status && !moves.some((move) => move.to === after.status)) {
    moves.push({ kind: 'moved', from: before.status, to: after.status });
  }
  const rewritten = [...remaining.values()].reduce((sum, count) => sum + count, 0);
  return rewritten > 0 ? [...moves, { kind: 'history-rewritten', entries: rewritten }] : moves;
}

function participantChanges(before: IdeaData, after: IdeaData): IdeaChange[] {
  const changes: IdeaChange[] = [];
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
  return changes;
}

function participantChange(before: Participant, after: Participant): IdeaChange | undefined {
  const roleChanged = before.role !== after.role;
  const shareChanged = !same(before.share ?? null, after.share ?? null);
  if (!roleChanged && !shareChanged) return undefined;
  return {
    kind: 'participant-changed',
    municipality: after.municipality,
    ...(roleChanged ? { role: { from: before.role, to: after.role } } : {}),
    ...(shareChanged ? { share: { from: before.share ?? null, to: after.share ?? null } } : {}),
  };
}

function linkChanges(before: IdeaData, after: IdeaData): IdeaChange[] {
  const changes: IdeaChange[] = [];
  const oldDuplicate = before.links?.duplicate_of;
  const newDuplicate = after.links?.duplicate_of;
  if (oldDuplicate !== newDuplicate) {
    if (oldDuplicate) changes.push({ kind: 'link-removed', link: 'duplicate_of', target: oldDuplicate });
    if (newDuplicate) changes.push({ kind: 'link-added', link: 'duplicate_of', target: newDuplicate });
  }
  for (const link of ['related', 'not_duplicates'] as const) {
    const old = new Set(before.links?.[link] ?? []);
    const now = new Set(after.links?.[link] ?? []);
    for (const target of now) if (!old.has(target)) changes.push({ kind: 'link-added', link, target });
    for (const target of old) if (!now.has(target)) changes.push({ kind: 'link-removed', link, target });
  }
  return changes;
}

function assessmentChanges(before: IdeaData, after: IdeaData): IdeaChange[] {
  if (!before.assessment && after.assessment) return [{ kind: 'assessment-added', by: after.assessment.by, date: after.assessment.date }];
  if (before.assessment && !after.assessment) return [{ kind: 'assessment-removed' }];
  if (before.assessment && after.assessment && !same(before.assessment, after.assessment)) {
    return [{ kind: 'assessment-changed', by: after.assessment.by, date: after.assessment.date }];
  }
  return [];
}

function fieldChanges(before: IdeaData, after: IdeaData): IdeaChange[] {
  const changes: IdeaChange[] = [];
  for (const field of SHOWN_FIELDS) {
    if (!same(before[field], after[field])) changes.push({ kind: 'edited', field, from: before[field] ?? null, to: after[field] ?? null });
  }
  for (const field of HIDDEN_FIELDS) if (!same(before[field], after[field])) changes.push({ kind: 'edited', field });
  const otherKeys = new Set([...Object.keys(before), ...Object.keys(after)].filter((key) => !HANDLED_FIELDS.has(key)));
  for (const key of [...otherKeys].sort()) {
    if (!same((before as unknown as Record<string, unknown>)[key], (after as unknown as Record<string, unknown>)[key])) changes.push({ kind: 'edited', field: key });
  }
  return changes;
}

function textChanges(bodies: { before?: string; after?: string }): IdeaChange[] {
  if (bodies.before === undefined || bodies.after === undefined || bodies.before.trim() === bodies.after.trim()) return [];
  const oldSections = parseSections(bodies.before);
  const newSections = parseSections(bodies.after);
  const edited = SECTIONS.filter(({ key }) => oldSections[key] !== newSections[key]);
  return edited.length > 0 ? edited.map(({ key }) => ({ kind: 'edited' as const, field: `text.${key}` })) : [{ kind: 'edited', field: 'text' }];
}
