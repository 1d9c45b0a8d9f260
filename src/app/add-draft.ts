/**
 * The new idea's facts before the duplicate check: asked on a terminal one
 * answer at a time, each checked against the idea schema as it is typed; or
 * given as flags, all checked before any other work. Answers that cannot be
 * used yet are kept in a file that `sluss add --file` reads back.
 */
import { relative } from 'node:path';
import type { CommandContext, Prompter } from './ports.js';
import { resolveCategory, resolveMunicipality } from '../core/config.js';
import type { RegisterConfig } from '../core/config.js';
import { SlussError } from '../core/errors.js';
import { renderBody } from '../core/format/idea-file.js';
import { yamlLibrary } from '../core/format/yaml-library.js';
import { validateIdeaSchema } from '../core/format/schema.js';
import type { SchemaProblem } from '../core/format/schema.js';
import { explainProblem } from '../ui/messages.js';
import type { Lang } from '../core/lang.js';
import { createIdea, draftSections, parseTags } from '../core/new-idea.js';
import type { IdeaDraft } from '../core/new-idea.js';
import { slugify } from '../core/slug.js';
import { findUnsafeText } from '../core/unsafe-text.js';
import { ui } from '../ui/text.js';

/** A fact of the draft the schema checks, by the flag that gives it and its place in the idea file. */
const CHECKED_FIELDS = [
  { flag: '--title', path: ['title'] },
  { flag: '--tags', path: ['tags'] },
  { flag: '--received-by', path: ['received_by'] },
  { flag: '--submitter', path: ['submitter', 'name'] },
  { flag: '--submitter-email', path: ['submitter', 'email'] },
  { flag: '--consent', path: ['submitter', 'consent'] },
] as const;

type CheckedFlag = (typeof CHECKED_FIELDS)[number]['flag'];

/** A stand-in for what a check of one answer does not look at; the schema accepts each of these. */
const PLACEHOLDER_ID = 'ZZZ-ZZZZZ';
const placeholderDraft = (config: RegisterConfig): IdeaDraft => ({ title: 'Idé', problem: 'Problem', municipality: config.municipalities[0]?.code ?? '', receivedBy: 'sluss' });

function schemaProblems(config: RegisterConfig, draft: IdeaDraft, today: string): SchemaProblem[] {
  const created = createIdea(config, draft, { id: PLACEHOLDER_ID, today, receivedBy: draft.receivedBy ?? 'sluss' });
  return validateIdeaSchema(created.data);
}

const belongsTo = (problem: SchemaProblem, path: readonly string[]) => path.every((part, index) => problem.path[index] === part);

/** `värdet är för kort (minst 3 tecken) – skriv …`: a schema problem in words, with its fix. */
function describe(lang: Lang, problem: SchemaProblem): string {
  const { message, hint } = explainProblem(lang, { file: '', code: 'schema', params: { keyword: problem.keyword, ...problem.params } });
  return hint ? `${message} – ${hint}` : message;
}

/**
 * Checks the facts given as flags before any other work, so `--title "no"` is
 * refused at once (exit 2) and not after the duplicate check.
 */
export function checkGivenDraft(ctx: CommandContext, config: RegisterConfig, draft: IdeaDraft): void {
  if (draft.municipality !== undefined) resolveMunicipality(config, draft.municipality);
  if (draft.category !== undefined) resolveCategory(config, draft.category);
  const probe: IdeaDraft = { ...placeholderDraft(config), ...Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== undefined && value !== '')) };
  const problems = schemaProblems(config, probe, ctx.clock.today());
  for (const field of CHECKED_FIELDS) {
    const problem = problems.find((p) => belongsTo(p, field.path));
    if (problem) throw new SlussError('usage', { detail: `${field.flag}: ${describe(ctx.lang, problem)}.`, hint: ui(ctx.lang).fixFlag(field.flag) });
  }
}

/** A check for one answer: the schema's verdict on the draft with this answer in it. */
function answerCheck(ctx: CommandContext, config: RegisterConfig, flag: CheckedFlag, withAnswer: (value: string) => IdeaDraft): (value: string) => string | true {
  const path = CHECKED_FIELDS.find((field) => field.flag === flag)!.path;
  return (value) => {
    const problem = schemaProblems(config, { ...placeholderDraft(config), ...withAnswer(value) }, ctx.clock.today()).find((p) => belongsTo(p, path));
    return problem ? describe(ctx.lang, problem) : true;
  };
}

type Check = (value: string) => string | true;

/** Both checks, the first one's complaint first. */
const both = (first: Check, second: Check): Check => (value) => {
  const verdict = first(value);
  return verdict === true ? second(value) : verdict;
};

/**
 * The write guard (control characters, personal data) on one answer as it is
 * typed, so it is asked again at once and not refused after every question.
 */
function safeAnswer(ctx: CommandContext, draft: IdeaDraft, field: string, multiline: boolean): Check {
  return (value) => {
    const found = findUnsafeText([{ field, text: value, multiline }], { consent: Boolean(draft.submitter?.consent?.date) });
    return found[0] ? ui(ctx.lang).unsafeAnswer(found[0]) : true;
  };
}

/** One text question; on Ctrl-C what it held goes to `keep` first, so it is saved with the other answers. */
async function askText(prompter: Prompter, options: Parameters<Prompter['input']>[0], keep: (typed: string) => void): Promise<string> {
  try {
    return await prompter.input(options);
  } catch (error) {
    const typed = error instanceof SlussError && error.code === 'interrupted' ? error.params['partialAnswer'] : undefined;
    if (typeof typed === 'string') keep(typed);
    throw error;
  }
}

/**
 * Asks for what flags left out, in order. Each answer is checked as it is
 * typed and asked again until it can be used, and goes into `draft` at once,
 * so an interruption still has every answer given so far, the one being
 * typed included.
 */
export async function askForDraft(prompter: Prompter, ctx: CommandContext, config: RegisterConfig, draft: IdeaDraft, gitName: string | undefined): Promise<void> {
  const text = ui(ctx.lang);
  const check = (flag: CheckedFlag, withAnswer: (value: string) => IdeaDraft) => answerCheck(ctx, config, flag, withAnswer);
  const safe = (flag: string, multiline = false) => safeAnswer(ctx, draft, flag, multiline);
  const section = async (key: 'problem' | 'idea' | 'benefit', message: string, required: boolean) =>
    (draft[key] ??= await askText(prompter, { message, required, multiline: true, validate: safe(`--${key}`, true) }, (typed) => (draft[key] = typed)));
  draft.title ??= await askText(prompter, { message: text.askTitle, required: true, validate: both(check('--title', (title) => ({ title })), safe('--title')) }, (typed) => (draft.title = typed));
  await section('problem', text.askProblem, true);
  await section('idea', text.askIdea, false);
  await section('benefit', text.askBenefit, false);
  draft.municipality ??= await prompter.select({ message: text.askMunicipality, choices: config.municipalities.map((m) => ({ value: m.code, name: m.name })) });
  draft.category ??= await prompter.select({ message: text.askCategory, choices: config.categories.map((c) => ({ value: c.code, name: c.name })), default: config.default_category });
  if (draft.tags === undefined) draft.tags = parseTags(await prompter.input({ message: text.askTags, validate: both(check('--tags', (tags) => ({ tags: parseTags(tags) })), safe('--tags')) }));
  draft.receivedBy ??= await prompter.input({ message: text.askReceivedBy, required: true, ...(gitName ? { default: gitName } : {}), validate: both(check('--received-by', (receivedBy) => ({ receivedBy })), safe('--received-by')) });
  if (!draft.submitter && (await prompter.confirm({ message: text.askConsent, default: false }))) {
    const consent = { date: ctx.clock.today() };
    const name = await prompter.input({ message: text.askSubmitterName, required: true, validate: both(check('--submitter', (name) => ({ submitter: { name, consent } })), safe('--submitter')) });
    draft.submitter = { name, consent };
    const checkEmail = check('--submitter-email', (email) => ({ submitter: { name, ...(email.trim() ? { email: email.trim() } : {}), consent } }));
    const email = (await prompter.input({ message: text.askSubmitterEmail, validate: both(checkEmail, safe('--submitter-email')) })).trim();
    if (email !== '') draft.submitter = { name, email, consent };
  }
}

/** Whether the draft holds anything a person typed, so keeping it is worth a file. */
export function hasAnswers(draft: IdeaDraft): boolean {
  return [draft.title, draft.problem, draft.idea, draft.benefit, draft.effects, draft.feasibility].some((value) => (value ?? '').trim() !== '');
}

/**
 * The draft as an idea file for `sluss add --file`: the facts in front matter,
 * the texts as sections. The yaml library is loaded here only when answers
 * are kept (the build makes `yamlLibrary` load it on first use). Not
 * `import('yaml')`: bundled, the package is CommonJS and its named exports
 * are lost, which made a refused `add` in dist/sluss.cjs fail with
 * "t is not a function" instead of keeping the answers.
 */
export function draftFileText(draft: IdeaDraft): string {
  const { stringify } = yamlLibrary();
  const facts = {
    title: draft.title,
    municipality: draft.municipality,
    category: draft.category,
    tags: draft.tags && draft.tags.length > 0 ? draft.tags : undefined,
    received_by: draft.receivedBy,
    submitter: draft.submitter,
  };
  const defined = Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined && value !== ''));
  const front = Object.keys(defined).length > 0 ? stringify(defined) : '';
  return `---\n${front}---\n\n${renderBody(draftSections(draft))}`;
}

/**
 * Keeps the answers in the register's recovery folder and returns where, as
 * the user can type it (relative to where they are, when inside it).
 */
export async function keepAnswers(ctx: CommandContext, root: string, draft: IdeaDraft): Promise<string | undefined> {
  const random = [...ctx.randomBytes(3)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  const name = `${slugify(draft.title ?? '')}-${ctx.clock.today()}-${random}.md`;
  const saved = await ctx.adapters.files.saveRecoveryFile(root, name, draftFileText(draft));
  if (!saved) return undefined;
  const fromHere = relative(ctx.cwd, saved);
  return fromHere.startsWith('..') ? saved : fromHere;
}
