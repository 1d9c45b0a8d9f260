/**
 * The workflow commands (move, assess, join, leave, link, unlink, merge):
 * each reads the ideas it changes fresh from disk, applies a pure change from
 * core/workflow, and saves all changed files in one commit, so `git revert`
 * undoes exactly one action.
 */
import { GitRepository } from '../adapters/git/git-repository.js';
import type { CommandContext, Prompter } from '../cli/ports.js';
import { displayName, resolveMunicipality, resolveStage } from '../core/config.js';
import type { RegisterConfig } from '../core/config.js';
import { SlussError } from '../core/errors.js';
import { parseIdeaFile, serializeIdeaEdit } from '../core/format/idea-file.js';
import type { ParsedIdeaFile } from '../core/format/idea-file.js';
import { validateIdeaSchema } from '../core/format/schema.js';
import type { Idea, IdeaData, Role } from '../core/idea.js';
import { slugify } from '../core/slug.js';
import { allowedNextStages, assessIdea, joinIdea, leaveIdea, linkIdeas, markNotDuplicate, mergeIdeas, moveIdea, unlinkIdeas } from '../core/workflow.js';
import type { Actor, LinkKind } from '../core/workflow.js';
import { roleName, ui } from '../ui/text.js';
import { loadIdeas, openRegister, requireIdea } from './register.js';
import type { OpenRegister } from './register.js';
import { saveChanges } from './save.js';
import type { SaveResult } from './save.js';

export interface ChangeOptions {
  commit: boolean;
  branch: boolean;
  pr: boolean;
  /** Who makes the change; default the git identity. */
  by?: string | undefined;
}

export interface ChangeResult extends SaveResult {
  action: string;
  /** The changed ideas as they are now. */
  ideas: { id: string; path: string; data: IdeaData }[];
  message: string;
}

interface Planned {
  changes: { idea: Idea; data: IdeaData }[];
  message: string;
  /** Branch name for --branch/--pr. */
  branch: string;
}

interface Workspace {
  ctx: CommandContext;
  register: OpenRegister;
  config: RegisterConfig;
  ideas: Idea[];
  actor: Actor;
  find(id: string): Idea;
}

async function change(ctx: CommandContext, options: ChangeOptions, action: string, plan: (ws: Workspace) => Promise<Planned> | Planned): Promise<ChangeResult> {
  const register = await openRegister(ctx);
  const git = new GitRepository(register.root, ctx.env);
  if (options.commit) {
    await git.verifyGitInstalled();
    await git.verifyRepository();
  }
  const by = options.by?.trim() || (await git.getIdentity().catch(() => ({}) as { name?: string })).name;
  if (!by) throw new SlussError('missing-identity');
  const { ideas } = await loadIdeas(register);
  const workspace: Workspace = {
    ctx,
    register,
    config: register.config,
    ideas,
    actor: { by, today: ctx.clock.today() },
    find: (id) => requireIdea(ideas, id),
  };
  const planned = await plan(workspace);
  const files = await Promise.all(
    planned.changes.map(async ({ idea, data }) => {
      verifyValid(data);
      const original = await readParsed(register, idea.path);
      return { path: idea.path, content: serializeIdeaEdit(original, data), isNew: false, recoveryName: `${data.id}-${action}.md` };
    }),
  );
  const saved = await saveChanges(register, git, files, {
    commit: options.commit,
    branch: options.branch || options.pr ? planned.branch : undefined,
    pr: options.pr,
    message: planned.message,
    env: ctx.env,
  });
  return { action, ideas: planned.changes.map(({ idea, data }) => ({ id: data.id, path: idea.path, data })), message: planned.message, ...saved };
}

/** The file as it is on disk now, so the edit keeps its comments and unknown fields. */
async function readParsed(register: OpenRegister, path: string): Promise<ParsedIdeaFile> {
  const entry = register.store.readIdeaFile(path);
  const parsed = 'text' in entry ? parseIdeaFile(entry.text) : undefined;
  if (!parsed?.ok) throw new SlussError('idea-file-invalid', { file: path });
  return parsed.file;
}

function verifyValid(data: IdeaData): void {
  const problems = validateIdeaSchema(data);
  if (problems.length > 0) {
    throw new SlussError('idea-invalid', { details: problems.map((p) => `${p.path.join('.')}: ${String(p.params['schemaMessage'] ?? p.keyword)}`) });
  }
}

/** `idea/<id>-<action>-<start of the title>`, cut at a word so branch lists stay readable. */
function branchFor(idea: Idea, action: string): string {
  const slug = slugify(idea.data.title);
  const short = slug.length <= 30 ? slug : slug.slice(0, 31).replace(/-[^-]*$/, '');
  return `idea/${idea.data.id}-${action}-${short}`;
}

export async function moveCommand(ctx: CommandContext, options: ChangeOptions & { id: string; stage?: string | undefined; note?: string | undefined }): Promise<ChangeResult> {
  return change(ctx, options, 'move', async (ws) => {
    const idea = ws.find(options.id);
    const stage = options.stage ?? (await askStage(ctx.prompter, ws, idea));
    const note = options.note ?? (ctx.prompter && !options.stage ? await ctx.prompter.input({ message: ui(ctx.lang).askNote }) : undefined);
    const data = moveIdea(ws.config, idea.data, { ...ws.actor, to: stage, ...(note ? { note } : {}) });
    const from = displayName(ws.config.stages, idea.data.status);
    const to = displayName(ws.config.stages, data.status);
    return { changes: [{ idea, data }], message: ui(ctx.lang).commitMove(data.id, data.title, from, to), branch: branchFor(idea, resolveStage(ws.config, stage).code) };
  });
}

async function askStage(prompter: Prompter | undefined, ws: Workspace, idea: Idea): Promise<string> {
  const allowed = allowedNextStages(ws.config, idea.data);
  if (!prompter) throw new SlussError('missing-required', { fields: ['<steg>'] });
  return prompter.select({ message: ui(ws.ctx.lang).askStage(idea.data.id), choices: allowed.map((s) => ({ value: s.code, name: s.name })) });
}

export async function assessCommand(ctx: CommandContext, options: ChangeOptions & { id: string; scores: Record<string, number>; motivation?: string | undefined }): Promise<ChangeResult> {
  return change(ctx, options, 'assess', async (ws) => {
    const idea = ws.find(options.id);
    const scores = { ...options.scores };
    let motivation = options.motivation;
    const missing = ws.config.assessment.criteria.filter((c) => scores[c.code] === undefined);
    if (missing.length > 0 && ctx.prompter) {
      const text = ui(ctx.lang);
      for (const criterion of missing) {
        scores[criterion.code] = await ctx.prompter.select({ message: text.askScore(criterion.name), choices: [1, 2, 3, 4, 5].map((n) => ({ value: n, name: String(n) })) });
      }
      motivation ??= await ctx.prompter.input({ message: text.askMotivation });
    }
    const data = assessIdea(ws.config, idea.data, { ...ws.actor, scores, ...(motivation ? { motivation } : {}) });
    const summary = ws.config.assessment.criteria.map((c) => `${c.name.toLowerCase()} ${data.assessment!.scores[c.code]}`).join(', ');
    return { changes: [{ idea, data }], message: ui(ctx.lang).commitAssess(data.id, summary), branch: branchFor(idea, 'bedomning') };
  });
}

export async function joinCommand(
  ctx: CommandContext,
  options: ChangeOptions & { id: string; municipality?: string | undefined; role: Exclude<Role, 'owner'>; share?: number | undefined },
): Promise<ChangeResult> {
  return change(ctx, options, 'join', async (ws) => {
    const idea = ws.find(options.id);
    const input = options.municipality ?? (await askMunicipality(ctx, ws));
    const municipality = resolveMunicipality(ws.config, input);
    const text = ui(ctx.lang);
    const data = joinIdea(ws.config, idea.data, {
      ...ws.actor,
      municipality: municipality.code,
      role: options.role,
      ...(options.share !== undefined ? { share: options.share } : {}),
      note: text.joinNote(municipality.name, roleName(text, options.role)) + (options.share !== undefined ? ` ${text.shareNote(options.share)}` : ''),
    });
    return { changes: [{ idea, data }], message: text.commitJoin(municipality.name, data.id, data.title), branch: branchFor(idea, `join-${municipality.code}`) };
  });
}

async function askMunicipality(ctx: CommandContext, ws: Workspace): Promise<string> {
  if (!ctx.prompter) throw new SlussError('missing-required', { fields: ['--municipality'] });
  return ctx.prompter.select({ message: ui(ctx.lang).askMunicipality, choices: ws.config.municipalities.map((m) => ({ value: m.code, name: m.name })) });
}

export async function leaveCommand(ctx: CommandContext, options: ChangeOptions & { id: string; municipality?: string | undefined; note?: string | undefined }): Promise<ChangeResult> {
  return change(ctx, options, 'leave', async (ws) => {
    const idea = ws.find(options.id);
    const municipality = resolveMunicipality(ws.config, options.municipality ?? (await askMunicipality(ctx, ws)));
    const text = ui(ctx.lang);
    const data = leaveIdea(ws.config, idea.data, { ...ws.actor, municipality: municipality.code, note: [text.leaveNote(municipality.name), options.note ?? ''].filter(Boolean).join(' ') });
    return { changes: [{ idea, data }], message: text.commitLeave(municipality.name, data.id, data.title), branch: branchFor(idea, `leave-${municipality.code}`) };
  });
}

export async function linkCommand(ctx: CommandContext, options: ChangeOptions & { id: string; other: string; kind: LinkKind; remove: boolean }): Promise<ChangeResult> {
  return change(ctx, options, options.remove ? 'unlink' : 'link', (ws) => {
    const idea = ws.find(options.id);
    const other = ws.find(options.other);
    const result = (options.remove ? unlinkIdeas : linkIdeas)(idea.data, other.data, options.kind);
    const changes = [{ idea, data: result.data }, ...(result.other !== other.data ? [{ idea: other, data: result.other }] : [])];
    const text = ui(ctx.lang);
    const message = options.remove ? text.commitUnlink(idea.data.id, other.data.id) : options.kind === 'duplicate_of' ? text.commitLinkDuplicate(idea.data.id, other.data.id) : text.commitLinkRelated(idea.data.id, other.data.id);
    return { changes, message, branch: branchFor(idea, options.remove ? 'unlink' : 'link') };
  });
}

export async function mergeCommand(ctx: CommandContext, options: ChangeOptions & { duplicate: string; into: string; note?: string | undefined }): Promise<ChangeResult> {
  return change(ctx, options, 'merge', (ws) => {
    const duplicate = ws.find(options.duplicate);
    const into = ws.find(options.into);
    const text = ui(ctx.lang);
    const merged = mergeIdeas(ws.config, duplicate.data, into.data, {
      ...ws.actor,
      survivorNote: (arriving) => [text.mergedInto(duplicate.data.id), arriving.length > 0 ? text.nowTakingPart(arriving.join(', ')) : '', options.note ?? ''].filter(Boolean).join(' '),
      duplicateNote: [text.duplicateOf(into.data.id), options.note ?? ''].filter(Boolean).join(' '),
    });
    return {
      changes: [
        { idea: duplicate, data: merged.duplicate },
        { idea: into, data: merged.into },
      ],
      message: text.commitMerge(duplicate.data.id, into.data.id),
      branch: branchFor(duplicate, 'merge'),
    };
  });
}

export async function notDuplicateCommand(ctx: CommandContext, options: ChangeOptions & { id: string; other: string; note?: string | undefined }): Promise<ChangeResult> {
  return change(ctx, options, 'not-duplicate', (ws) => {
    const idea = ws.find(options.id);
    const other = ws.find(options.other);
    const text = ui(ctx.lang);
    const data = markNotDuplicate(idea.data, other.data, { ...ws.actor, note: [text.notDuplicateNote(other.data.id), options.note ?? ''].filter(Boolean).join(' ') });
    return { changes: [{ idea, data }], message: text.commitNotDuplicate(idea.data.id, other.data.id), branch: branchFor(idea, 'inte-dubblett') };
  });
}
