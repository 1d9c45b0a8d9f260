/**
 * The idea's journey through the stages: moves, the first assessment and
 * merges. Every command that changes a stage goes through `checkTransition`,
 * so none can do what `move` may not. Pure: each function takes an idea's
 * data and returns the changed data, or throws a SlussError that says why the
 * change is refused and what is allowed instead.
 */
import { displayName, findStage, resolveMunicipality, resolveStage } from './config.js';
import type { RegisterConfig, Stage } from './config.js';
import { SlussError } from './errors.js';
import { recordEvent } from './history.js';
import type { Actor } from './history.js';
import type { Assessment, IdeaData, Participant } from './idea.js';
import { checkDuplicateTarget, linkIdeas, unlinkIdeas, withoutLink } from './links.js';
import { participantEvent, shareTotal } from './participants.js';
import { namesCommitAuthor } from './review/rules.js';

/** Other ideas by id, for the rules that look across ideas (duplicate chains). */
export type IdeaLookup = (id: string) => IdeaData | undefined;

function currentStage(config: RegisterConfig, data: IdeaData): Stage {
  return resolveStage(config, data.status);
}

export function allowedNextStages(config: RegisterConfig, data: IdeaData): Stage[] {
  return currentStage(config, data).next.map((code) => findStage(config, code)!);
}

/** The stage of kind duplicate that `from` may move to, else the first one of that kind. */
function duplicateStageFrom(config: RegisterConfig, from: Stage): Stage {
  const stages = config.stages.filter((s) => s.kind === 'duplicate');
  const stage = stages.find((s) => from.next.includes(s.code)) ?? stages[0];
  if (!stage) throw new SlussError('unknown-stage', { value: 'duplicate', known: config.stages.map((s) => s.code) });
  return stage;
}

/** Refuses a stage change sluss.yaml does not allow: not a next stage, or leaving a stage that needs an assessment first. */
export function checkTransition(config: RegisterConfig, data: IdeaData, to: Stage): void {
  const from = currentStage(config, data);
  const allowed = allowedNextStages(config, data);
  if (!allowed.some((stage) => stage.code === to.code)) {
    throw new SlussError('transition-not-allowed', {
      id: data.id,
      from: from.name,
      to: to.name,
      allowed: allowed.map((s) => `${s.code} (${s.name})`),
      ...(allowed.length === 0 ? { final: 'yes' } : {}),
    });
  }
  if (config.assessment.required_to_leave.includes(from.code) && to.kind !== 'duplicate' && !data.assessment) {
    throw new SlussError('assessment-required', { id: data.id, stage: from.name, criteria: config.assessment.criteria.map((c) => c.code) });
  }
}

/**
 * Moves an idea to the next stage, if sluss.yaml allows it from where it is.
 * Into a stage of kind duplicate it needs the idea that lives on
 * (`duplicateOf`); out of one, the idea lives again and loses that link.
 */
export function moveIdea(config: RegisterConfig, data: IdeaData, move: Actor & { to: string; note?: string | undefined; duplicateOf?: string | undefined }, lookup: IdeaLookup = () => undefined): IdeaData {
  const from = currentStage(config, data);
  const to = resolveStage(config, move.to);
  checkTransition(config, data, to);
  const note = move.note ? { note: move.note } : {};
  if (to.kind === 'duplicate') {
    if (!move.duplicateOf) throw new SlussError('missing-required', { fields: ['--duplicate-of <id>'], command: 'move-duplicate', id: data.id, stage: to.code });
    checkDuplicateTarget(config, data.id, move.duplicateOf, lookup);
    const linked = { ...data, status: to.code, links: { ...data.links, duplicate_of: move.duplicateOf } };
    return recordEvent(linked, move, { action: 'moved', from: from.code, status: to.code, other: move.duplicateOf, ...note });
  }
  const previousTarget = from.kind === 'duplicate' ? data.links?.duplicate_of : undefined;
  const moved = previousTarget ? withoutLink({ ...data, status: to.code }, 'duplicate_of', previousTarget) : { ...data, status: to.code };
  return recordEvent(moved, move, { action: 'moved', from: from.code, status: to.code, ...(previousTarget ? { other: previousTarget } : {}), ...note });
}

/**
 * `link --duplicate-of`: an idea that is not yet a duplicate moves to the
 * stage of kind duplicate, by the same rules as `move` (a link alone would
 * leave a duplicate that every list shows as alive); one already there is
 * pointed at another survivor. Without a stage of kind duplicate in
 * sluss.yaml the link is all there is.
 */
export function linkAsDuplicate(config: RegisterConfig, data: IdeaData, other: IdeaData, actor: Actor, lookup: IdeaLookup): IdeaData {
  checkDuplicateTarget(config, data.id, other.id, lookup);
  const from = currentStage(config, data);
  const hasDuplicateStage = config.stages.some((stage) => stage.kind === 'duplicate');
  if (from.kind === 'duplicate' || !hasDuplicateStage) return linkIdeas(data, other, 'duplicate_of', actor).data;
  return moveIdea(config, data, { ...actor, to: duplicateStageFrom(config, from).code, duplicateOf: other.id }, lookup);
}

/** `unlink --duplicate-of`: an idea in the duplicate stage keeps its survivor; it lives again by `move` out of that stage. */
export function unlinkDuplicate(config: RegisterConfig, data: IdeaData, other: IdeaData, actor: Actor): IdeaData {
  const stage = currentStage(config, data);
  if (stage.kind === 'duplicate' && data.links?.duplicate_of === other.id) {
    throw new SlussError('duplicate-needs-target', { id: data.id, other: other.id, stage: stage.name, next: stage.next });
  }
  return unlinkIdeas(data, other, 'duplicate_of', actor).data;
}

/**
 * Records the first assessment: every criterion of sluss.yaml scored 1–5. An
 * idea already assessed is only assessed again with `replace`, and the
 * assessment it replaces is kept whole in the history.
 */
export function assessIdea(
  config: RegisterConfig,
  data: IdeaData,
  assessment: Actor & { scores: Readonly<Record<string, number>>; motivation?: string | undefined; replace?: boolean },
): IdeaData {
  const criteria = config.assessment.criteria;
  const known = criteria.map((c) => c.code);
  const scores: Record<string, number> = {};
  for (const [input, score] of Object.entries(assessment.scores)) {
    const criterion = criteria.find((c) => c.code === input || c.name.toLowerCase() === input.toLowerCase());
    if (!criterion) throw new SlussError('invalid-score', { reason: 'criterion', value: input, known });
    if (!Number.isInteger(score) || score < 1 || score > 5) throw new SlussError('invalid-score', { reason: 'range', value: `${input}=${score}`, known });
    if (scores[criterion.code] !== undefined) throw new SlussError('invalid-score', { reason: 'repeated', value: criterion.code, known });
    scores[criterion.code] = score;
  }
  const missing = criteria.filter((c) => scores[c.code] === undefined).map((c) => `--score ${c.code}=<1-5>`);
  if (missing.length > 0) throw new SlussError('missing-required', { fields: missing, command: 'assess', id: data.id, criteria: known });
  if (data.assessment && !assessment.replace) {
    throw new SlussError('already-assessed', { id: data.id, by: data.assessment.by, date: data.assessment.date });
  }
  const ordered = Object.fromEntries(criteria.map((c) => [c.code, scores[c.code]!]));
  const motivation = assessment.motivation?.trim();
  const recorded: Assessment = { date: assessment.today, by: assessment.by, scores: ordered, ...(motivation ? { motivation } : {}) };
  return recordEvent({ ...data, assessment: recorded }, assessment, { action: 'assessed', scores: ordered, ...(data.assessment ? { replaced: data.assessment } : {}) });
}

/**
 * Merges a duplicate into the idea that lives on: the duplicate moves to the
 * stage of kind duplicate (by the same rules as `move`) and points at the
 * survivor; its municipalities and tags move over. Nothing is deleted, so the
 * history of both stays. A survivor that is itself a duplicate is refused,
 * naming the idea that lives on.
 */
export function mergeIdeas(config: RegisterConfig, duplicate: IdeaData, into: IdeaData, actor: Actor & { note?: string | undefined }, lookup: IdeaLookup): { duplicate: IdeaData; into: IdeaData } {
  if (duplicate.id === into.id) throw new SlussError('link-invalid', { id: duplicate.id, other: into.id });
  const from = currentStage(config, duplicate);
  if (from.kind === 'duplicate') {
    const target = duplicate.links?.duplicate_of;
    throw new SlussError('already-merged', { id: duplicate.id, other: target ?? '–', target: into.id, ...(target === into.id ? { same: 'yes' } : {}), stage: from.name });
  }
  checkDuplicateTarget(config, duplicate.id, into.id, lookup);
  const duplicateStage = duplicateStageFrom(config, from);
  checkTransition(config, duplicate, duplicateStage);

  const intoCodes = new Set(into.municipalities.map((p) => resolveMunicipality(config, p.municipality).code));
  const arriving = duplicate.municipalities.filter((p) => !intoCodes.has(resolveMunicipality(config, p.municipality).code));
  const tags = [...new Set([...(into.tags ?? []), ...(duplicate.tags ?? [])])];
  let survivor = recordEvent({ ...into, ...(tags.length > 0 ? { tags } : {}) }, actor, { action: 'merged-from', other: duplicate.id, ...(actor.note ? { note: actor.note } : {}) });
  for (const p of arriving) {
    const code = resolveMunicipality(config, p.municipality).code;
    const participant: Participant = { municipality: code, role: p.role === 'owner' ? 'interested' : p.role, ...(p.share !== undefined ? { share: p.share } : {}), joined: actor.today };
    survivor = recordEvent({ ...survivor, municipalities: [...survivor.municipalities, participant] }, actor, participantEvent('joined', participant, undefined, duplicate.id));
  }
  if (shareTotal(survivor.municipalities) > 100) {
    throw new SlussError('shares-over-100', { id: into.id, total: shareTotal(survivor.municipalities), available: 100 - shareTotal(into.municipalities) });
  }
  const merged = recordEvent({ ...duplicate, status: duplicateStage.code, links: { ...duplicate.links, duplicate_of: into.id } }, actor, {
    action: 'merged-into',
    from: from.code,
    status: duplicateStage.code,
    other: into.id,
    ...(actor.note ? { note: actor.note } : {}),
  });
  return { duplicate: merged, into: survivor };
}

/**
 * When a move needs a coordinator and the person making it is not one as far
 * as sluss can tell (by name or e-mail; a forge user name is only known in
 * CI): the stage left and who may make the move. Review blocks such a pull
 * request, so the user hears it before pushing.
 */
export function coordinatorNeeded(config: RegisterConfig, data: IdeaData, to: string, person: { name: string; email?: string | undefined }): { stage: string; coordinators: string[] } | undefined {
  const from = currentStage(config, data);
  if (!config.review.coordinator_stages.includes(from.code) || resolveStage(config, to).kind === 'duplicate') return undefined;
  const identity = [{ name: person.name, email: person.email ?? '' }];
  if (config.coordinators.some((entry) => namesCommitAuthor(entry, identity))) return undefined;
  return { stage: displayName(config.stages, from.code), coordinators: [...config.coordinators] };
}
