/**
 * The idea's journey: stage moves, the first assessment, municipalities
 * joining and leaving, links and merges. Pure: each function takes an idea's
 * data and returns the changed data, or throws a SlussError that says why the
 * change is refused and what is allowed instead.
 */
import { displayName, findStage, resolveMunicipality, resolveStage } from './config.js';
import type { RegisterConfig, Stage } from './config.js';
import { SlussError } from './errors.js';
import type { Assessment, IdeaData, Participant, Role } from './idea.js';

export interface Actor {
  /** Who does it (the git identity, or --by). */
  by: string;
  today: string;
}

function currentStage(config: RegisterConfig, data: IdeaData): Stage {
  return resolveStage(config, data.status);
}

function withHistory(data: IdeaData, actor: Actor, entry: { from?: string; status: string; note?: string }): IdeaData {
  const note = entry.note?.trim();
  return {
    ...data,
    updated: actor.today,
    history: [...data.history, { date: actor.today, ...(entry.from ? { from: entry.from } : {}), status: entry.status, by: actor.by, ...(note ? { note } : {}) }],
  };
}

export function allowedNextStages(config: RegisterConfig, data: IdeaData): Stage[] {
  return currentStage(config, data).next.map((code) => findStage(config, code)!);
}

/** Moves an idea to the next stage, if sluss.yaml allows it from where it is. */
export function moveIdea(config: RegisterConfig, data: IdeaData, move: Actor & { to: string; note?: string }): IdeaData {
  const from = currentStage(config, data);
  const to = resolveStage(config, move.to);
  const allowed = allowedNextStages(config, data);
  if (!allowed.some((stage) => stage.code === to.code)) {
    throw new SlussError('transition-not-allowed', {
      id: data.id,
      from: from.name,
      to: to.name,
      allowed: allowed.length > 0 ? allowed.map((s) => `${s.code} (${s.name})`) : ['–'],
    });
  }
  if (config.assessment.required_to_leave.includes(from.code) && to.kind !== 'duplicate' && !data.assessment) {
    throw new SlussError('assessment-required', { id: data.id, stage: from.name });
  }
  return withHistory({ ...data, status: to.code }, move, { from: from.code, status: to.code, ...(move.note ? { note: move.note } : {}) });
}

/**
 * Records the first assessment: every criterion of sluss.yaml scored 1–5.
 * A new assessment replaces the old one; the history keeps both.
 */
export function assessIdea(config: RegisterConfig, data: IdeaData, assessment: Actor & { scores: Record<string, number>; motivation?: string }): IdeaData {
  const criteria = config.assessment.criteria;
  const scores: Record<string, number> = {};
  for (const [input, score] of Object.entries(assessment.scores)) {
    const criterion = criteria.find((c) => c.code === input || displayName(criteria, c.code).toLowerCase() === input.toLowerCase());
    if (!criterion) throw new SlussError('invalid-score', { value: input, known: criteria.map((c) => c.code) });
    if (!Number.isInteger(score) || score < 1 || score > 5) throw new SlussError('invalid-score', { value: `${input}=${score}`, known: ['1', '2', '3', '4', '5'] });
    scores[criterion.code] = score;
  }
  const missing = criteria.filter((c) => scores[c.code] === undefined).map((c) => `--score ${c.code}=<1-5>`);
  if (missing.length > 0) throw new SlussError('missing-required', { fields: missing });
  const ordered = Object.fromEntries(criteria.map((c) => [c.code, scores[c.code]!]));
  const motivation = assessment.motivation?.trim();
  const recorded: Assessment = { date: assessment.today, by: assessment.by, scores: ordered, ...(motivation ? { motivation } : {}) };
  const summary = criteria.map((c) => `${c.name} ${ordered[c.code]}`).join(', ');
  return withHistory({ ...data, assessment: recorded }, assessment, { status: data.status, note: summary });
}

export function shareTotal(participants: readonly Participant[]): number {
  return participants.reduce((sum, p) => sum + (p.share ?? 0), 0);
}

/** A municipality joins an idea (and may share its cost) instead of starting its own copy. */
export function joinIdea(
  config: RegisterConfig,
  data: IdeaData,
  join: Actor & { municipality: string; role: Exclude<Role, 'owner'>; share?: number; note: string },
): IdeaData {
  const code = resolveMunicipality(config, join.municipality).code;
  if (data.municipalities.some((p) => resolveMunicipality(config, p.municipality).code === code)) {
    throw new SlussError('already-participant', { id: data.id, municipality: displayName(config.municipalities, code) });
  }
  if (join.share !== undefined && (!Number.isFinite(join.share) || join.share < 0 || join.share > 100)) {
    throw new SlussError('usage', { option: '--share', value: String(join.share), known: ['0–100'] });
  }
  const participant: Participant = { municipality: code, role: join.role, ...(join.share !== undefined ? { share: join.share } : {}), joined: join.today };
  const municipalities = [...data.municipalities, participant];
  const total = shareTotal(municipalities);
  if (total > 100) throw new SlussError('shares-over-100', { id: data.id, total, available: 100 - shareTotal(data.municipalities) });
  return withHistory({ ...data, municipalities }, join, { status: data.status, note: join.note });
}

export function leaveIdea(config: RegisterConfig, data: IdeaData, leave: Actor & { municipality: string; note: string }): IdeaData {
  const code = resolveMunicipality(config, leave.municipality).code;
  const participant = data.municipalities.find((p) => resolveMunicipality(config, p.municipality).code === code);
  if (!participant) throw new SlussError('not-participant', { id: data.id, municipality: displayName(config.municipalities, code) });
  if (participant.role === 'owner') throw new SlussError('owner-cannot-leave', { id: data.id, municipality: displayName(config.municipalities, code) });
  return withHistory({ ...data, municipalities: data.municipalities.filter((p) => p !== participant) }, leave, { status: data.status, note: leave.note });
}

export type LinkKind = 'duplicate_of' | 'related';

/** Adds a link. Related links go both ways, so `other` is returned changed too. */
export function linkIdeas(data: IdeaData, other: IdeaData, kind: LinkKind): { data: IdeaData; other: IdeaData } {
  if (data.id === other.id) throw new SlussError('link-invalid', { id: data.id, other: other.id });
  if (kind === 'duplicate_of') {
    if (data.links?.duplicate_of === other.id) throw new SlussError('already-linked', { id: data.id, other: other.id });
    return { data: { ...data, links: { ...data.links, duplicate_of: other.id } }, other };
  }
  if (data.links?.related?.includes(other.id)) throw new SlussError('already-linked', { id: data.id, other: other.id });
  return { data: addRelated(data, other.id), other: addRelated(other, data.id) };
}

function addRelated(data: IdeaData, id: string): IdeaData {
  const related = [...new Set([...(data.links?.related ?? []), id])];
  return { ...data, links: { ...data.links, related } };
}

function removeRelated(data: IdeaData, id: string): IdeaData {
  const related = (data.links?.related ?? []).filter((r) => r !== id);
  const { related: _removed, ...rest } = data.links ?? {};
  const links = related.length > 0 ? { ...rest, related } : rest;
  const { links: _old, ...without } = data;
  return Object.keys(links).length > 0 ? { ...without, links } : without;
}

export function unlinkIdeas(data: IdeaData, other: IdeaData, kind: LinkKind): { data: IdeaData; other: IdeaData } {
  if (kind === 'duplicate_of') {
    if (data.links?.duplicate_of !== other.id) throw new SlussError('not-linked', { id: data.id, other: other.id });
    const { duplicate_of: _removed, ...links } = data.links;
    const { links: _old, ...without } = data;
    return { data: Object.keys(links).length > 0 ? { ...without, links } : without, other };
  }
  if (!data.links?.related?.includes(other.id) && !other.links?.related?.includes(data.id)) throw new SlussError('not-linked', { id: data.id, other: other.id });
  return { data: removeRelated(data, other.id), other: removeRelated(other, data.id) };
}

/**
 * Merges a duplicate into the idea that lives on: the duplicate moves to the
 * stage of kind duplicate and points at the survivor, its municipalities and
 * tags move over. Nothing is deleted, so the history of both stays.
 */
export function mergeIdeas(
  config: RegisterConfig,
  duplicate: IdeaData,
  into: IdeaData,
  actor: Actor & { survivorNote: (arriving: string[]) => string; duplicateNote: string },
): { duplicate: IdeaData; into: IdeaData } {
  if (duplicate.id === into.id) throw new SlussError('link-invalid', { id: duplicate.id, other: into.id });
  const duplicateStage = config.stages.find((s) => s.kind === 'duplicate');
  if (!duplicateStage) throw new SlussError('unknown-stage', { value: 'duplicate', known: config.stages.map((s) => s.code) });
  const from = currentStage(config, duplicate);
  if (from.kind === 'duplicate') throw new SlussError('already-linked', { id: duplicate.id, other: duplicate.links?.duplicate_of ?? into.id });

  const intoCodes = new Set(into.municipalities.map((p) => resolveMunicipality(config, p.municipality).code));
  const arriving = duplicate.municipalities
    .filter((p) => !intoCodes.has(resolveMunicipality(config, p.municipality).code))
    .map((p): Participant => ({ municipality: p.municipality, role: p.role === 'owner' ? 'interested' : p.role, ...(p.share !== undefined ? { share: p.share } : {}), joined: actor.today }));
  const tags = [...new Set([...(into.tags ?? []), ...(duplicate.tags ?? [])])];
  const names = arriving.map((p) => displayName(config.municipalities, p.municipality));
  const survivor = withHistory({ ...into, municipalities: [...into.municipalities, ...arriving], ...(tags.length > 0 ? { tags } : {}) }, actor, {
    status: into.status,
    note: actor.survivorNote(names),
  });
  const merged = withHistory({ ...duplicate, status: duplicateStage.code, links: { ...duplicate.links, duplicate_of: into.id } }, actor, {
    from: from.code,
    status: duplicateStage.code,
    note: actor.duplicateNote,
  });
  if (shareTotal(survivor.municipalities) > 100) throw new SlussError('shares-over-100', { id: into.id, total: shareTotal(survivor.municipalities), available: 100 - shareTotal(into.municipalities) });
  return { duplicate: merged, into: survivor };
}

/**
 * Records that two ideas are not duplicates, on the first idea, so add, similar,
 * review and the duplicate scan never flag the pair again.
 */
export function markNotDuplicate(data: IdeaData, other: IdeaData, actor: Actor & { note: string }): IdeaData {
  if (data.id === other.id) throw new SlussError('link-invalid', { id: data.id, other: other.id });
  if ((data.links?.not_duplicates ?? []).includes(other.id)) throw new SlussError('already-linked', { id: data.id, other: other.id });
  const links = { ...data.links, not_duplicates: [...(data.links?.not_duplicates ?? []), other.id] };
  return withHistory({ ...data, links }, actor, { status: data.status, note: actor.note });
}
