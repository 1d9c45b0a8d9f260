/**
 * The workflow commands (move, assess, join, leave, link, unlink, merge,
 * not-duplicate). Each asks what it must first, on the ideas as they were when
 * it started; then, under the register lock, reads the ideas it changes fresh
 * from disk, applies a pure change from core/, and saves all changed files in
 * one commit, so `git revert` undoes exactly one action and two commands at
 * once never lose each other's changes.
 */
import type { CommandContext } from './ports.js';
import { displayName, resolveMunicipality, resolveStage } from '../core/config.js';
import { SlussError } from '../core/errors.js';
import type { Idea, IdeaData, LinkKind } from '../core/idea.js';
import { checkDuplicateTarget, linkIdeas, markNotDuplicate, unlinkIdeas } from '../core/links.js';
import { joinIdea, leaveIdea, shareTotal, updateParticipant } from '../core/participants.js';
import type { JoiningRole } from '../core/participants.js';
import { slugify } from '../core/slug.js';
import { allowedNextStages, assessIdea, checkTransition, coordinatorNeeded, linkAsDuplicate, mergeIdeas, moveIdea, unlinkDuplicate } from '../core/workflow.js';
import { roleName, ui } from '../ui/text.js';
import type { UiText } from '../ui/text.js';
import { applyChange, openSession } from './change.js';
import type { ChangeOptions, Planned, Session } from './change.js';
import { requireIdea } from './register.js';
import type { SaveResult } from './save.js';

export type { ChangeOptions } from './change.js';

/** Something the user should know although the change was made. */
export type ChangeWarning = { code: 'coordinator-needed'; id: string; stage: string; by: string; coordinators: string[] };

export interface ChangeResult extends SaveResult {
  action: string;
  /** The changed ideas as they are now. */
  ideas: { id: string; path: string; data: IdeaData }[];
  /** The commit message, in the register's language. */
  message: string;
  /** The same in the user's language, to show. */
  summary: string;
  warnings: ChangeWarning[];
}

async function change(session: Session, action: string, plan: Parameters<typeof applyChange>[2], warnings: ChangeWarning[] = []): Promise<ChangeResult> {
  const { planned, ...saved } = await applyChange(session, action, plan);
  const ideas = planned.changes.map(({ idea, data }) => ({ id: data.id, path: idea.path, data }));
  return { action, ideas, summary: planned.describe(ui(session.ctx.lang)), warnings, ...saved };
}

/** `idea/<id>-<action>-<start of the title>`, cut at a word so branch lists stay readable. */
function branchFor(idea: Idea, action: string): string {
  const slug = slugify(idea.data.title);
  const short = slug.length <= 30 ? slug : slug.slice(0, 31).replace(/-[^-]*$/, '');
  return `idea/${idea.data.id}-${action}-${short}`;
}

export async function moveCommand(
  ctx: CommandContext,
  options: ChangeOptions & { id: string; stage?: string | undefined; note?: string | undefined; duplicateOf?: string | undefined },
): Promise<ChangeResult> {
  const session = await openSession(ctx, options);
  const idea = requireIdea(session.ideas, options.id);
  const stage = resolveStage(session.config, options.stage ?? (await askStage(session, idea)));
  // A move that will be refused is refused before anything more is asked.
  checkTransition(session.config, idea.data, stage);
  const duplicateInput = options.duplicateOf ?? (stage.kind === 'duplicate' && ctx.prompter ? await askSurvivor(session, idea) : undefined);
  const duplicateOf = duplicateInput === undefined ? undefined : requireIdea(session.ideas, duplicateInput).data.id;
  const note = options.note ?? (ctx.prompter && !options.stage ? await ctx.prompter.input({ message: ui(ctx.lang).askNote }) : undefined);
  const needed = coordinatorNeeded(session.config, idea.data, stage.code, { name: session.actor.by, email: session.email });
  const warnings: ChangeWarning[] = needed ? [{ code: 'coordinator-needed', id: idea.data.id, by: session.actor.by, ...needed }] : [];
  return change(
    session,
    'move',
    (fresh) => {
      const current = fresh.read(idea.data.id);
      const data = moveIdea(session.config, current.data, { ...session.actor, to: stage.code, note, duplicateOf }, fresh.lookup);
      const from = displayName(session.config.stages, current.data.status);
      return { changes: [{ idea: current, data }], describe: (text) => text.commitMove(data.id, data.title, from, stage.name), branch: branchFor(idea, stage.code) };
    },
    warnings,
  );
}

async function askStage(session: Session, idea: Idea): Promise<string> {
  const allowed = allowedNextStages(session.config, idea.data);
  const prompter = session.ctx.prompter;
  if (!prompter) throw new SlussError('missing-required', { fields: ['<steg>'], command: 'move', id: idea.data.id, allowed: allowed.map((s) => s.code) });
  if (allowed.length === 0) {
    const stage = displayName(session.config.stages, idea.data.status);
    throw new SlussError('transition-not-allowed', { id: idea.data.id, from: stage, allowed: [], final: 'yes' });
  }
  return prompter.select({ message: ui(session.ctx.lang).askStage(idea.data.id), choices: allowed.map((s) => ({ value: s.code, name: s.name })) });
}

/** The idea that lives on, asked for by id and checked as it is typed. */
async function askSurvivor(session: Session, idea: Idea): Promise<string> {
  const text = ui(session.ctx.lang);
  return session.ctx.prompter!.input({
    message: text.askDuplicateOf(idea.data.id),
    required: true,
    validate: (value) => {
      try {
        const target = requireIdea(session.ideas, value.trim());
        checkDuplicateTarget(session.config, idea.data.id, target.data.id, (id) => session.ideas.find((i) => i.data.id === id)?.data);
        return true;
      } catch {
        return text.notASurvivor(value.trim());
      }
    },
  });
}

export async function assessCommand(
  ctx: CommandContext,
  options: ChangeOptions & { id: string; scores: Record<string, number>; motivation?: string | undefined; replace?: boolean },
): Promise<ChangeResult> {
  const session = await openSession(ctx, options);
  const idea = requireIdea(session.ideas, options.id);
  const scores = { ...options.scores };
  let motivation = options.motivation;
  let replace = options.replace ?? false;
  const text = ui(ctx.lang);
  if (ctx.prompter) {
    const previous = idea.data.assessment;
    if (previous && !replace) {
      replace = await ctx.prompter.confirm({ message: text.askReplaceAssessment(previous.date, previous.by), default: false });
      if (!replace) throw new SlussError('already-assessed', { id: idea.data.id, by: previous.by, date: previous.date });
    }
    const missing = session.config.assessment.criteria.filter((c) => scores[c.code] === undefined && !Object.keys(scores).some((k) => k.toLowerCase() === c.name.toLowerCase()));
    for (const criterion of missing) {
      scores[criterion.code] = await ctx.prompter.select({ message: text.askScore(criterion.name), choices: [1, 2, 3, 4, 5].map((n) => ({ value: n, name: String(n) })) });
    }
    if (missing.length > 0) motivation ??= await ctx.prompter.input({ message: text.askMotivation });
  }
  return change(session, 'assess', (fresh) => {
    const current = fresh.read(idea.data.id);
    const data = assessIdea(session.config, current.data, { ...session.actor, scores, motivation, replace });
    const summary = session.config.assessment.criteria.map((c) => `${c.name.toLowerCase()} ${data.assessment!.scores[c.code]}`).join(', ');
    return { changes: [{ idea: current, data }], describe: (text) => text.commitAssess(data.id, summary), branch: branchFor(idea, 'bedomning') };
  });
}

export async function joinCommand(
  ctx: CommandContext,
  options: ChangeOptions & { id: string; municipality?: string | undefined; role?: JoiningRole | undefined; share?: number | undefined; update?: boolean },
): Promise<ChangeResult> {
  const session = await openSession(ctx, options);
  const idea = requireIdea(session.ideas, options.id);
  const update = options.update ?? false;
  const input = options.municipality ?? (await askMunicipality(session, idea, update ? 'update' : 'join'));
  const municipality = resolveMunicipality(session.config, input);
  const asked = await askRoleAndShare(session, idea, options, municipality.code);
  return change(session, update ? 'update' : 'join', (fresh) => {
    const current = fresh.read(idea.data.id);
    const facts = { ...session.actor, municipality: municipality.code, share: asked.share };
    const data = update ? updateParticipant(session.config, current.data, { ...facts, role: asked.role }) : joinIdea(session.config, current.data, { ...facts, role: asked.role ?? 'interested' });
    const describe = (text: UiText) => (update ? text.commitParticipantChanged(municipality.name, data.id, data.title) : text.commitJoin(municipality.name, data.id, data.title));
    return { changes: [{ idea: current, data }], describe, branch: branchFor(idea, `${update ? 'update' : 'join'}-${municipality.code}`) };
  });
}

/** Which municipality: on a terminal only those that can do it (not yet taking part, or taking part). */
async function askMunicipality(session: Session, idea: Idea, purpose: 'join' | 'update' | 'leave'): Promise<string> {
  const prompter = session.ctx.prompter;
  if (!prompter) throw new SlussError('missing-required', { fields: ['--municipality'], command: purpose === 'leave' ? 'leave' : 'join', id: idea.data.id });
  const config = session.config;
  const taking = new Map(idea.data.municipalities.map((p) => [resolveMunicipality(config, p.municipality).code, p]));
  const candidates = config.municipalities.filter((m) => (purpose === 'join' ? !taking.has(m.code) : purpose === 'leave' ? taking.has(m.code) && taking.get(m.code)!.role !== 'owner' : taking.has(m.code)));
  const text = ui(session.ctx.lang);
  if (candidates.length === 0) throw new SlussError('missing-required', { fields: ['--municipality'], command: purpose === 'leave' ? 'leave' : 'join', id: idea.data.id });
  return prompter.select({ message: text.askWhichMunicipality(purpose, idea.data.id), choices: candidates.map((m) => ({ value: m.code, name: m.name })) });
}

/** Role and cost share: from the flags, else asked on a terminal (an update shows what holds now). */
async function askRoleAndShare(
  session: Session,
  idea: Idea,
  options: { role?: JoiningRole | undefined; share?: number | undefined; update?: boolean },
  municipality: string,
): Promise<{ role?: JoiningRole | undefined; share?: number | undefined }> {
  const prompter = session.ctx.prompter;
  if (!prompter || options.role !== undefined || options.share !== undefined) return { role: options.role, share: options.share };
  const text = ui(session.ctx.lang);
  const config = session.config;
  const current = idea.data.municipalities.find((p) => resolveMunicipality(config, p.municipality).code === municipality);
  const role =
    current?.role === 'owner'
      ? undefined
      : await prompter.select<JoiningRole>({
          message: text.askRole,
          choices: (['interested', 'co-funder'] as const).map((value) => ({ value, name: roleName(text, value) })),
          default: current?.role === 'co-funder' ? 'co-funder' : 'interested',
        });
  const available = 100 - shareTotal(idea.data.municipalities.filter((p) => p !== current));
  const answer = await prompter.input({
    message: text.askShare(available),
    ...(current?.share !== undefined ? { default: String(current.share) } : {}),
    validate: (value) => (value.trim() === '' || (parseShare(value) !== undefined && parseShare(value)! <= available) ? true : text.shareInvalid(available)),
  });
  return { role, share: answer.trim() === '' ? undefined : parseShare(answer) };
}

/** `30`, `30 %`, `12,5`: a cost share in percent, or undefined when it is not one. */
export function parseShare(value: string): number | undefined {
  const text = value.trim().replace(/\s*%$/, '').replace(',', '.');
  if (!/^\d+(?:\.\d+)?$/.test(text)) return undefined;
  const share = Number(text);
  return share >= 0 && share <= 100 ? share : undefined;
}

export async function leaveCommand(ctx: CommandContext, options: ChangeOptions & { id: string; municipality?: string | undefined; note?: string | undefined }): Promise<ChangeResult> {
  const session = await openSession(ctx, options);
  const idea = requireIdea(session.ideas, options.id);
  const municipality = resolveMunicipality(session.config, options.municipality ?? (await askMunicipality(session, idea, 'leave')));
  return change(session, 'leave', (fresh) => {
    const current = fresh.read(idea.data.id);
    const data = leaveIdea(session.config, current.data, { ...session.actor, municipality: municipality.code, note: options.note });
    return { changes: [{ idea: current, data }], describe: (text) => text.commitLeave(municipality.name, data.id, data.title), branch: branchFor(idea, `leave-${municipality.code}`) };
  });
}

export async function linkCommand(ctx: CommandContext, options: ChangeOptions & { id: string; other: string; kind: LinkKind; remove: boolean }): Promise<ChangeResult> {
  const session = await openSession(ctx, options);
  const idea = requireIdea(session.ideas, options.id);
  const target = requireIdea(session.ideas, options.other);
  return change(session, options.remove ? 'unlink' : 'link', (fresh) => {
    const current = fresh.read(idea.data.id);
    const other = fresh.read(target.data.id);
    const result =
      options.kind === 'related'
        ? (options.remove ? unlinkIdeas : linkIdeas)(current.data, other.data, 'related', session.actor)
        : {
            data: options.remove ? unlinkDuplicate(session.config, current.data, other.data, session.actor) : linkAsDuplicate(session.config, current.data, other.data, session.actor, fresh.lookup),
            other: other.data,
          };
    const changes = [{ idea: current, data: result.data }, ...(result.other !== other.data ? [{ idea: other, data: result.other }] : [])];
    const describe = (text: UiText) =>
      options.remove ? text.commitUnlink(current.data.id, other.data.id) : options.kind === 'duplicate_of' ? text.commitLinkDuplicate(current.data.id, other.data.id) : text.commitLinkRelated(current.data.id, other.data.id);
    return { changes, describe, branch: branchFor(idea, options.remove ? 'unlink' : 'link') };
  });
}

export async function mergeCommand(ctx: CommandContext, options: ChangeOptions & { duplicate: string; into: string; note?: string | undefined }): Promise<ChangeResult> {
  const session = await openSession(ctx, options);
  const duplicate = requireIdea(session.ideas, options.duplicate);
  const into = requireIdea(session.ideas, options.into);
  return change(session, 'merge', (fresh): Planned => {
    const current = fresh.read(duplicate.data.id);
    const survivor = fresh.read(into.data.id);
    const merged = mergeIdeas(session.config, current.data, survivor.data, { ...session.actor, note: options.note }, fresh.lookup);
    return {
      changes: [
        { idea: current, data: merged.duplicate },
        { idea: survivor, data: merged.into },
      ],
      describe: (text) => text.commitMerge(current.data.id, survivor.data.id),
      branch: branchFor(duplicate, 'merge'),
    };
  });
}

export async function notDuplicateCommand(ctx: CommandContext, options: ChangeOptions & { id: string; other: string; note?: string | undefined }): Promise<ChangeResult> {
  const session = await openSession(ctx, options);
  const idea = requireIdea(session.ideas, options.id);
  const other = requireIdea(session.ideas, options.other);
  return change(session, 'not-duplicate', (fresh) => {
    const current = fresh.read(idea.data.id);
    const data = markNotDuplicate(current.data, other.data, { ...session.actor, note: options.note });
    return { changes: [{ idea: current, data }], describe: (text) => text.commitNotDuplicate(current.data.id, other.data.id), branch: branchFor(idea, 'inte-dubblett') };
  });
}
