/**
 * `sluss add`: the path every idea takes into the register. The duplicate
 * check runs before anything is written; the user may join an existing idea
 * instead of adding a copy.
 */
import { GitRepository } from '../adapters/git/git-repository.js';
import type { CommandContext, Prompter } from '../cli/ports.js';
import { displayName, findMunicipality, resolveCategory, resolveMunicipality } from '../core/config.js';
import type { RegisterConfig } from '../core/config.js';
import { findDuplicateCandidates, sectionsText } from '../core/duplicates.js';
import type { DuplicateCandidate } from '../core/duplicates.js';
import { SlussError } from '../core/errors.js';
import { parseIdeaFile, serializeIdea, serializeIdeaEdit } from '../core/format/idea-file.js';
import { validateIdeaSchema } from '../core/format/schema.js';
import type { Idea, IdeaData, Role } from '../core/idea.js';
import { newIdeaId } from '../core/ids.js';
import { createIdea, draftSections, missingDraftFields, parseTags, withRelatedLinks } from '../core/new-idea.js';
import { joinIdea } from '../core/workflow.js';
import type { IdeaDraft } from '../core/new-idea.js';
import { slugify } from '../core/slug.js';
import { ansiStyle, plainStyle, renderCandidates } from '../ui/render.js';
import { safeLine } from '../ui/terminal-text.js';
import { roleName, ui } from '../ui/text.js';
import { loadIdeas, openRegister } from './register.js';
import type { OpenRegister } from './register.js';
import { refuseUnsafeDraft, saveChanges } from './save.js';
import { loadDuplicateIndex } from './similarity-index.js';
import type { SaveResult } from './save.js';

export const ON_DUPLICATE = ['abort', 'new', 'join', 'related'] as const;
export type OnDuplicate = (typeof ON_DUPLICATE)[number];

export interface AddOptions {
  draft: IdeaDraft;
  /** What to do with a likely duplicate when nobody can be asked. */
  onDuplicate: OnDuplicate;
  joinRole: Exclude<Role, 'owner'>;
  branch: boolean;
  /** Push the branch and open or link a pull request (implies branch). */
  pr?: boolean;
  commit: boolean;
  /** Print candidates and questions on stderr; off for --json. */
  chatty: boolean;
}

export interface AddResult {
  action: 'added' | 'joined' | 'aborted' | 'cancelled';
  id?: string;
  title?: string;
  path?: string;
  /** The municipality that joined (action `joined`). */
  municipality?: string;
  related?: string[];
  candidates: DuplicateCandidate[];
  committed: boolean;
  commit?: string;
  branch?: string;
  pushed?: boolean;
  pullRequest?: string;
}

type Decision = { action: 'new'; notDuplicates?: string[] } | { action: 'related'; ids: string[] } | { action: 'join'; id: string } | { action: 'abort' } | { action: 'cancel' };

export async function addIdea(ctx: CommandContext, options: AddOptions): Promise<AddResult> {
  const register = await openRegister(ctx);
  const git = new GitRepository(register.root, ctx.env);
  if (options.commit) {
    // Checked before any question, so nobody types an idea that cannot be saved.
    await git.verifyGitInstalled();
    await git.verifyRepository();
  }
  const identity = options.commit || !options.draft.receivedBy ? await git.getIdentity().catch(() => ({}) as { name?: string }) : {};
  const draft = await completeDraft(ctx, register.config, options.draft, identity.name);
  await refuseUnsafeDraft(ctx, register.root, draft);

  const loaded = await loadIdeas(register);
  const { ideas } = loaded;
  const today = ctx.clock.today();
  const settings = register.config.duplicates;
  const duplicateIndex = await loadDuplicateIndex(register, loaded, today);
  const candidates = findDuplicateCandidates(duplicateIndex, { title: draft.title ?? '', text: sectionsText(draftSections(draft)) }, settings);
  const decision = await decide(ctx, register.config, options, candidates);

  switch (decision.action) {
    case 'abort':
      return { action: 'aborted', candidates, committed: false };
    case 'cancel':
      return { action: 'cancelled', candidates, committed: false };
    case 'join': {
      const target = duplicateIndex.ideaOf(decision.id)!;
      return joinExisting(ctx, register, git, options, draft, target, candidates, identity.name);
    }
    default: {
      // Adding as new over a likely duplicate is a decision: the pair is not flagged again.
      const links = decision.action === 'related' ? { related: decision.ids } : { notDuplicates: decision.notDuplicates ?? [] };
      return addNew(ctx, register, git, options, draft, ideas, links, candidates, identity.name);
    }
  }
}

/** Fills in what flags left out: by asking on a terminal, or by failing at once (exit 2) without one. */
async function completeDraft(ctx: CommandContext, config: RegisterConfig, given: IdeaDraft, gitName: string | undefined): Promise<IdeaDraft> {
  const draft: IdeaDraft = { ...given };
  const missing = missingDraftFields(draft);
  if (missing.length > 0 && !ctx.prompter) throw new SlussError('missing-required', { fields: missing });
  if (ctx.prompter && missing.length > 0) await askForDraft(ctx.prompter, ctx, config, draft, gitName);
  // Resolved now so a wrong municipality or category fails before the duplicate check.
  resolveMunicipality(config, draft.municipality!);
  if (draft.category !== undefined) resolveCategory(config, draft.category);
  if (!draft.receivedBy && !gitName) throw new SlussError('missing-required', { fields: ['--received-by'] });
  return draft;
}

async function askForDraft(prompter: Prompter, ctx: CommandContext, config: RegisterConfig, draft: IdeaDraft, gitName: string | undefined) {
  const text = ui(ctx.lang);
  draft.title ??= await prompter.input({ message: text.askTitle, required: true });
  draft.problem ??= await prompter.input({ message: text.askProblem, required: true });
  draft.idea ??= await prompter.input({ message: text.askIdea });
  draft.benefit ??= await prompter.input({ message: text.askBenefit });
  draft.municipality ??= await prompter.select({
    message: text.askMunicipality,
    choices: config.municipalities.map((m) => ({ value: m.code, name: m.name })),
  });
  draft.category ??= await prompter.select({
    message: text.askCategory,
    choices: config.categories.map((c) => ({ value: c.code, name: c.name })),
    default: config.default_category,
  });
  if (draft.tags === undefined) draft.tags = parseTags(await prompter.input({ message: text.askTags }));
  draft.receivedBy ??= await prompter.input({ message: text.askReceivedBy, required: true, ...(gitName ? { default: gitName } : {}) });
  if (!draft.submitter && (await prompter.confirm({ message: text.askConsent, default: false }))) {
    const name = await prompter.input({ message: text.askSubmitterName, required: true });
    const email = await prompter.input({ message: text.askSubmitterEmail });
    draft.submitter = { name, ...(email.trim() ? { email: email.trim() } : {}), consent: { date: ctx.clock.today() } };
  }
}

async function decide(ctx: CommandContext, config: RegisterConfig, options: AddOptions, candidates: DuplicateCandidate[]): Promise<Decision> {
  const text = ui(ctx.lang);
  const likely = candidates.filter((c) => c.likelyDuplicate);
  if (options.chatty) {
    const style = ctx.output.color ? ansiStyle : plainStyle;
    ctx.output.info(candidates.length === 0 ? text.noCandidates : renderCandidates(text, style, config, candidates));
  }
  if (ctx.prompter && candidates.length > 0) {
    const choice = await ctx.prompter.select<string>({
      message: text.chooseAction,
      choices: [
        { value: 'new', name: text.actionNew },
        ...candidates.map((c) => ({ value: `join:${c.id}`, name: text.actionJoin(c.id, safeLine(c.title)) })),
        { value: 'related', name: text.actionRelated },
        { value: 'cancel', name: text.actionCancel },
      ],
      default: likely.length > 0 ? `join:${likely[0]!.id}` : 'new',
    });
    if (choice.startsWith('join:')) return { action: 'join', id: choice.slice('join:'.length) };
    if (choice === 'related') return { action: 'related', ids: relatedIds(candidates) };
    return choice === 'cancel' ? { action: 'cancel' } : { action: 'new', notDuplicates: likely.map((c) => c.id) };
  }
  if (likely.length === 0) return { action: 'new' };
  switch (options.onDuplicate) {
    case 'abort':
      return { action: 'abort' };
    case 'join':
      return { action: 'join', id: likely[0]!.id };
    case 'related':
      return { action: 'related', ids: relatedIds(candidates) };
    default:
      return { action: 'new', notDuplicates: likely.map((c) => c.id) };
  }
}

/** Likely duplicates, or the best candidate when none is likely. */
function relatedIds(candidates: readonly DuplicateCandidate[]): string[] {
  const likely = candidates.filter((c) => c.likelyDuplicate).map((c) => c.id);
  return likely.length > 0 ? likely : candidates.slice(0, 1).map((c) => c.id);
}

async function addNew(
  ctx: CommandContext,
  register: OpenRegister,
  git: GitRepository,
  options: AddOptions,
  draft: IdeaDraft,
  ideas: readonly Idea[],
  links: { related?: string[]; notDuplicates?: string[] },
  candidates: DuplicateCandidate[],
  gitName: string | undefined,
): Promise<AddResult> {
  const related = links.related ?? [];
  const notDuplicates = links.notDuplicates ?? [];
  const text = ui(ctx.lang);
  const today = ctx.clock.today();
  const id = newIdeaId(today, ctx.randomBytes, new Set(ideas.map((i) => i.data.id)));
  const created = createIdea(register.config, draft, { id, today, receivedBy: draft.receivedBy ?? gitName ?? '' });
  const linked = withRelatedLinks(created.data, related);
  const data = notDuplicates.length > 0 ? { ...linked, links: { ...linked.links, not_duplicates: notDuplicates } } : linked;
  verifyValid(data);
  const path = `ideas/${created.fileName}`;
  const content = serializeIdea(data, created.body);
  const municipality = displayName(register.config.municipalities, data.municipality);
  const message = text.commitNew(id, data.title, municipality);
  const branch = options.branch || options.pr ? `idea/${id}-${slugify(data.title)}` : undefined;
  const saved = await save(ctx, register, git, options, { path, content, isNew: true, recoveryName: created.fileName }, message, branch);
  return { action: 'added', id, title: data.title, path, ...(related.length > 0 ? { related } : {}), candidates, ...saved };
}

async function joinExisting(
  ctx: CommandContext,
  register: OpenRegister,
  git: GitRepository,
  options: AddOptions,
  draft: IdeaDraft,
  target: Idea,
  candidates: DuplicateCandidate[],
  gitName: string | undefined,
): Promise<AddResult> {
  const text = ui(ctx.lang);
  const config = register.config;
  const entry = register.store.readIdeaFile(target.path);
  if (!('text' in entry)) throw new SlussError('idea-file-invalid', { file: target.path });
  const parsed = parseIdeaFile(entry.text);
  if (!parsed.ok) throw new SlussError('idea-file-invalid', { file: target.path });
  const municipality = findMunicipality(config, draft.municipality!)!;
  const by = draft.receivedBy ?? gitName ?? target.data.received_by;
  const joined = joinIdea(config, parsed.file.data as IdeaData, {
    municipality: municipality.code,
    role: options.joinRole,
    today: ctx.clock.today(),
    by,
    note: text.joinNote(municipality.name, roleName(text, options.joinRole)),
  });
  verifyValid(joined);
  const content = serializeIdeaEdit(parsed.file, joined);
  const message = text.commitJoin(municipality.name, joined.id, joined.title);
  const branch = options.branch || options.pr ? `idea/${joined.id}-join-${municipality.code}` : undefined;
  const saved = await save(ctx, register, git, options, { path: target.path, content, isNew: false, recoveryName: `${joined.id}-join-${municipality.code}.md` }, message, branch);
  return { action: 'joined', id: joined.id, title: joined.title, path: target.path, municipality: municipality.code, candidates, ...saved };
}

function verifyValid(data: IdeaData): void {
  const problems = validateIdeaSchema(data);
  if (problems.length > 0) {
    throw new SlussError('idea-invalid', { details: problems.map((p) => `${p.path.join('.')}: ${String(p.params['schemaMessage'] ?? p.keyword)}`) });
  }
}

function save(
  ctx: CommandContext,
  register: OpenRegister,
  git: GitRepository,
  options: AddOptions,
  file: { path: string; content: string; isNew: boolean; recoveryName: string },
  message: string,
  branch: string | undefined,
): Promise<SaveResult> {
  return saveChanges(register, git, [file], { commit: options.commit, branch, pr: Boolean(options.pr), message, env: ctx.env });
}
