/**
 * `sluss add`: the path every idea takes into the register. The duplicate
 * check runs before anything is written; the user may join an existing idea
 * instead of adding a copy.
 */
import type { CommandContext } from './ports.js';
import type { GitRepositoryPort } from './ports/git.js';
import { IDEAS_DIR } from './ports/register-files.js';
import { displayName, findMunicipality, resolveMunicipality } from '../core/config.js';
import { duplicateIndexOf, findDuplicateCandidates, sectionsText } from '../core/duplicates.js';
import type { DuplicateCandidate, DuplicateIndex } from '../core/duplicates.js';
import { SlussError } from '../core/errors.js';
import { serializeIdea } from '../core/format/idea-file.js';
import type { Idea, Role } from '../core/idea.js';
import { newIdeaId } from '../core/ids.js';
import { linkIdeas } from '../core/links.js';
import { createIdea, draftSections, missingDraftFields } from '../core/new-idea.js';
import { joinIdea } from '../core/participants.js';
import type { IdeaDraft } from '../core/new-idea.js';
import { slugify } from '../core/slug.js';
import { singleLine } from '../core/text.js';
import { decide } from './add-decision.js';
import type { OnDuplicate } from './add-decision.js';
import { askForDraft, checkGivenDraft, hasAnswers, keepAnswers } from './add-draft.js';
import { applyChange, verifyValid } from './change.js';
import type { Session } from './change.js';
import { ideaReader, loadIdeaRefs, openRegister } from './register.js';
import type { IdeaLocation, IdeaRef, OpenRegister } from './register.js';
import { refuseUnsafeDraft } from './save.js';
import { loadSimilarityIndex } from './similarity-index.js';

export type { OnDuplicate };

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
  /** The municipality that joined (action `joined`): its code, and its name for people. */
  municipality?: string;
  municipalityName?: string;
  /** Where the typed answers were kept when nothing was added (action `cancelled`). */
  answersFile?: string;
  related?: string[];
  candidates: DuplicateCandidate[];
  committed: boolean;
  commit?: string;
  branch?: string;
  pushed?: boolean;
  pullRequest?: string;
}

export async function addIdea(ctx: CommandContext, options: AddOptions): Promise<AddResult> {
  const register = await openRegister(ctx);
  // Flags first: a bad value is a usage error before any question, check or write.
  checkGivenDraft(ctx, register.config, options.draft);
  await refuseUnsafeDraft(options.draft, () => keepAnswers(ctx, register.root, options.draft));
  const git = ctx.adapters.git.repository(register.root, ctx.env);
  // Checked before any question, so nobody types an idea that cannot be saved.
  const gitChecked = options.commit ? git.verifyGitInstalled().then(() => git.verifyRepository()) : Promise.resolve();
  const identityRead = options.commit || !options.draft.receivedBy ? git.getIdentity().catch(() => ({}) as { name?: string }) : Promise.resolve({} as { name?: string });
  // With nothing to ask, the duplicate check loads while git answers: git runs in processes of its own.
  const early = missingDraftFields(options.draft).length === 0 ? settled(loadDuplicateCheck(ctx, register)) : undefined;
  await gitChecked;
  const identity = await identityRead;
  const draft: IdeaDraft = { ...options.draft };
  const asked = await completeDraft(ctx, register, draft, identity.name);
  if (asked) await refuseUnsafeDraft(draft, () => keepAnswers(ctx, register.root, draft));
  // The git name becomes received_by when --received-by is not given: refused as a typed one would be
  // (named --received-by, the way to give another), never quietly cleaned as move refuses it for --by.
  if (!draft.receivedBy && identity.name) await refuseUnsafeDraft({ receivedBy: identity.name }, () => keepAnswers(ctx, register.root, draft));
  const check = early ?? loadDuplicateCheck(ctx, register);
  const keepsTypedAnswers = asked && hasAnswers(draft);
  const result = await keepingAnswers(ctx, register, asked ? draft : {}, () => checkAndSave(ctx, register, git, options, draft, identity.name, check, keepsTypedAnswers));
  if (result.action !== 'cancelled' || !keepsTypedAnswers) return result;
  const answersFile = await keepAnswers(ctx, register.root, draft);
  return answersFile ? { ...result, answersFile } : result;
}

/**
 * Runs `work`; when it fails, the answers typed so far are kept in a file and
 * the error says where (`answersFile`), so nothing typed is lost.
 */
async function keepingAnswers<T>(ctx: CommandContext, register: OpenRegister, draft: IdeaDraft, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // A failed write kept the whole idea in a recovery file; a failed commit left it in ideas/.
    const alreadyKept = error instanceof SlussError && (error.params['recovery'] !== undefined || (['commit-failed', 'git-locked'].includes(error.code) && error.params['file'] !== undefined));
    if (!(error instanceof SlussError) || alreadyKept || !hasAnswers(draft)) throw error;
    const answersFile = await keepAnswers(ctx, register.root, draft);
    if (!answersFile) throw error;
    throw new SlussError(error.code, { ...error.params, answersFile }, { cause: error.cause ?? error, problems: error.problems });
  }
}

/** The duplicate check, the decision and the write. */
async function checkAndSave(
  ctx: CommandContext,
  register: OpenRegister,
  git: GitRepositoryPort,
  options: AddOptions,
  draft: IdeaDraft,
  gitName: string | undefined,
  check: Promise<DuplicateCheck>,
  keepsTypedAnswers: boolean,
): Promise<AddResult> {
  const { refs, duplicateIndex } = await check;
  const candidates = findDuplicateCandidates(duplicateIndex, { title: draft.title ?? '', text: sectionsText(draftSections(draft)) }, register.config.duplicates);
  const { code, name } = resolveMunicipality(register.config, draft.municipality!);
  const decision = await decide(ctx, { config: register.config, candidates, ideaOf: duplicateIndex.ideaOf, municipality: { code, name }, onDuplicate: options.onDuplicate, chatty: options.chatty, keepsTypedAnswers });

  switch (decision.action) {
    case 'abort':
      return { action: 'aborted', candidates, committed: false };
    case 'cancel':
      return { action: 'cancelled', candidates, committed: false };
    case 'join': {
      const target = duplicateIndex.ideaOf(decision.id)!;
      return joinExisting(ctx, register, git, options, draft, target, locationsOf(refs), candidates, gitName);
    }
    default: {
      // Adding as new over a likely duplicate is a decision: the pair is not flagged again.
      const links = decision.action === 'related' ? { related: decision.ids } : { notDuplicates: decision.notDuplicates ?? [] };
      return addNew(ctx, register, git, options, draft, locationsOf(refs), links, candidates, gitName);
    }
  }
}

interface DuplicateCheck {
  refs: IdeaRef[];
  duplicateIndex: DuplicateIndex;
}

/** As `similar` does: summaries of every idea, the data only of the candidates shown. */
async function loadDuplicateCheck(ctx: CommandContext, register: OpenRegister): Promise<DuplicateCheck> {
  const readAhead = register.adapters.files.readSavedIndexAhead(register.root);
  const { refs } = await loadIdeaRefs(register);
  const index = await loadSimilarityIndex(register, refs, readAhead);
  return { refs, duplicateIndex: duplicateIndexOf(refs, register.config.duplicates, ctx.clock.today(), index, ideaReader(register, refs)) };
}

/** The same promise, marked as handled: a failure is thrown where it is awaited, not reported as unhandled before. */
function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * Fills in what flags left out: by asking on a terminal, or by failing at once
 * (exit 2) without one. Returns whether anything was asked.
 */
async function completeDraft(ctx: CommandContext, register: OpenRegister, draft: IdeaDraft, gitName: string | undefined): Promise<boolean> {
  const missing = missingDraftFields(draft);
  if (missing.length > 0 && !ctx.prompter) throw new SlussError('missing-required', { fields: missing });
  const ask = Boolean(ctx.prompter) && missing.length > 0;
  if (ask) await keepingAnswers(ctx, register, draft, () => askForDraft(ctx.prompter!, ctx, register.config, draft, gitName));
  if (!draft.receivedBy && !gitName) throw new SlussError('missing-required', { fields: ['--received-by'] });
  return ask;
}

async function addNew(
  ctx: CommandContext,
  register: OpenRegister,
  git: GitRepositoryPort,
  options: AddOptions,
  draft: IdeaDraft,
  ideas: readonly IdeaLocation[],
  links: { related?: string[]; notDuplicates?: string[] },
  candidates: DuplicateCandidate[],
  gitName: string | undefined,
): Promise<AddResult> {
  const related = links.related ?? [];
  const notDuplicates = links.notDuplicates ?? [];
  const today = ctx.clock.today();
  const id = newIdeaId(today, ctx.randomBytes, new Set(ideas.map((i) => i.data.id)));
  const created = createIdea(register.config, draft, { id, today, receivedBy: draft.receivedBy ?? gitName ?? '' });
  const data = notDuplicates.length > 0 ? { ...created.data, links: { ...created.data.links, not_duplicates: notDuplicates } } : created.data;
  const path = `${IDEAS_DIR}/${created.fileName}`;
  const municipality = displayName(register.config.municipalities, data.municipality);
  const session = sessionOf(ctx, register, git, options, ideas, data.received_by);
  const saved = await applyChange(session, 'add', (fresh) => {
    // Related ideas are linked both ways, each end with a history entry, by the same rule as `sluss link`.
    let linked = data;
    const changes = related.map((otherId) => {
      const other = fresh.read(otherId);
      const result = linkIdeas(linked, other.data, 'related', session.actor);
      linked = result.data;
      return { idea: other, data: result.other };
    });
    verifyValid(linked);
    return {
      changes,
      newFiles: [{ path, content: serializeIdea(linked, created.body), isNew: true, recoveryName: created.fileName }],
      describe: (text) => text.commitNew(id, data.title, municipality),
      branch: `idea/${id}-${slugify(data.title)}`,
    };
  });
  const { planned: _planned, message: _message, ...result } = saved;
  return { action: 'added', id, title: data.title, path, ...(related.length > 0 ? { related } : {}), candidates, ...result };
}

async function joinExisting(
  ctx: CommandContext,
  register: OpenRegister,
  git: GitRepositoryPort,
  options: AddOptions,
  draft: IdeaDraft,
  target: Idea,
  ideas: readonly IdeaLocation[],
  candidates: DuplicateCandidate[],
  gitName: string | undefined,
): Promise<AddResult> {
  const municipality = findMunicipality(register.config, draft.municipality!)!;
  const session = sessionOf(ctx, register, git, options, ideas, draft.receivedBy ?? gitName ?? target.data.received_by);
  // What the user typed stays with the idea they joined, as the free-text note of the join.
  const note = typedText(draft);
  const saved = await applyChange(session, `join-${municipality.code}`, (fresh) => {
    const current = fresh.read(target.data.id);
    const joined = joinIdea(register.config, current.data, { ...session.actor, municipality: municipality.code, role: options.joinRole, note });
    return {
      changes: [{ idea: current, data: joined }],
      describe: (text) => text.commitJoin(municipality.name, joined.id, joined.title),
      branch: `idea/${joined.id}-join-${municipality.code}`,
    };
  });
  const { planned: _planned, message: _message, ...result } = saved;
  return { action: 'joined', id: target.data.id, title: target.data.title, path: target.path, municipality: municipality.code, municipalityName: municipality.name, candidates, ...result };
}

/** The title and texts of the draft on one line: «title» – problem – idea. */
function typedText(draft: IdeaDraft): string {
  const sections = Object.values(draftSections(draft))
    .filter((section) => section !== '')
    .map(singleLine);
  return [`«${singleLine(draft.title ?? '')}»`, ...sections].join(' – ');
}

/** What the shared change machinery needs to know of this `add`. */
function sessionOf(ctx: CommandContext, register: OpenRegister, git: GitRepositoryPort, options: AddOptions, ideas: readonly IdeaLocation[], by: string): Session<IdeaLocation> {
  return {
    ctx,
    register,
    git,
    config: register.config,
    ideas,
    actor: { by, today: ctx.clock.today() },
    options: { commit: options.commit, branch: options.branch || Boolean(options.pr), pr: Boolean(options.pr) },
  };
}

/** Where each idea lives, for reading it again under the lock. */
function locationsOf(refs: readonly IdeaRef[]): IdeaLocation[] {
  return refs.map((ref) => ({ data: { id: ref.id }, path: ref.path }));
}
