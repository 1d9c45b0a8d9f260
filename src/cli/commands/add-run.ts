/** Turns add's flags into a draft, runs the use case and prints the result. */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { addIdea } from '../../app/add.js';
import type { AddResult } from '../../app/add.js';
import { SlussError } from '../../core/errors.js';
import type { Outcome } from '../exit-codes.js';
import { parseIdeaFile, parseSections } from '../../core/format/idea-file.js';
import type { Submitter } from '../../core/idea.js';
import type { IdeaDraft } from '../../core/new-idea.js';
import { parseTags } from '../../core/new-idea.js';
import { isIsoDate } from '../../core/report/periods.js';
import { ui } from '../../ui/text.js';
import type { CommandContext } from '../../app/ports.js';
import type { AddFlags } from './flags.js';

export async function runAdd(ctx: CommandContext, flags: AddFlags): Promise<Outcome> {
  if ((flags.branch || flags.pr) && !flags.commit) {
    throw new SlussError('usage', { reason: 'branch-needs-commit' });
  }
  const fromFile = flags.file ? await readDraftFile(resolve(ctx.cwd, flags.file)) : {};
  // site: `add --from` fills the flags a submission holds; flags given on the command line win.
  const submitted = flags.from === undefined ? {} : await (await import('../../app/site-submission.js')).readSubmission(ctx, flags.from, { consent: flags.consent });
  const draft: IdeaDraft = { ...fromFile, ...draftFromFlags(ctx, { ...submitted, ...flags }) };
  const result = await addIdea(ctx, {
    draft,
    onDuplicate: flags.onDuplicate,
    joinRole: flags.role,
    branch: Boolean(flags.branch),
    pr: Boolean(flags.pr),
    commit: flags.commit,
    chatty: !flags.json,
  });
  if (flags.json) ctx.output.json(result);
  else printResult(ctx, result);
  return result.action === 'aborted' ? 'add-duplicate-aborted' : 'done';
}

function draftFromFlags(ctx: CommandContext, flags: AddFlags): IdeaDraft {
  const text = ui(ctx.lang);
  const draft: IdeaDraft = {};
  const copy = ['title', 'problem', 'idea', 'benefit', 'effects', 'feasibility', 'municipality', 'category', 'receivedBy'] as const;
  for (const key of copy) if (flags[key] !== undefined) draft[key] = flags[key];
  if (flags.tags !== undefined) draft.tags = parseTags(flags.tags);
  for (const [given, flag] of [[flags.consent, '--consent'], [flags.submitterEmail, '--submitter-email']] as const) {
    if (given !== undefined && flags.submitter === undefined) {
      throw new SlussError('usage', { detail: text.needsSubmitter(flag), hint: text.needsSubmitterHint(flag) });
    }
  }
  if (flags.submitter !== undefined) {
    if (!flags.consent || !isIsoDate(flags.consent)) {
      throw new SlussError('usage', { option: '--consent', value: flags.consent ?? '', reason: 'consent-date-needed', expects: 'date' });
    }
    draft.submitter = { name: flags.submitter, ...(flags.submitterEmail ? { email: flags.submitterEmail } : {}), consent: { date: flags.consent } };
  }
  return draft;
}

/** `--file`: an idea in Markdown (front matter + sections) or JSON with the same field names as the flags. */
async function readDraftFile(path: string): Promise<IdeaDraft> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SlussError('input-file-invalid', { file: path, detail: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  if (extname(path).toLowerCase() === '.json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new SlussError('input-file-invalid', { file: path, detail: (error as Error).message });
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new SlussError('input-file-invalid', { file: path, reason: 'not-object' });
    return pickDraft(path, data as Record<string, unknown>);
  }
  const parsed = parseIdeaFile(text);
  if (!parsed.ok) throw new SlussError('input-file-invalid', { file: path, detail: parsed.problems.map((p) => p.kind).join(', ') });
  const sections = parseSections(parsed.file.body);
  const fields = pickDraft(path, (parsed.file.data ?? {}) as Record<string, unknown>);
  const fromBody = Object.fromEntries(Object.entries(sections).filter(([, value]) => value !== ''));
  return { ...fromBody, ...fields };
}

/** Fields of an idea file that `add` writes anew for every new idea, so a copy of an idea file may hold them; links and assessments it would not keep are refused. */
const SET_BY_SLUSS = new Set(['id', 'status', 'municipalities', 'created', 'updated', 'history']);

function pickDraft(path: string, data: Record<string, unknown>): IdeaDraft {
  // A field add would not save is refused, never dropped: the user's file stays as it is and nothing is lost silently.
  const dropped = Object.keys(data).find((key) => !DRAFT_KEYS.has(key) && !SET_BY_SLUSS.has(key));
  if (dropped !== undefined) throw new SlussError('input-file-field', { file: path, field: dropped });
  const draft: IdeaDraft = {};
  const text = (key: string) => {
    const value = data[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new SlussError('input-file-invalid', { file: path, reason: 'not-text', field: key });
    return value;
  };
  for (const [field, key] of Object.entries(DRAFT_MAP) as [keyof typeof DRAFT_MAP, string][]) {
    const value = text(key) ?? text(field);
    if (value !== undefined) draft[field] = value;
  }
  const submitter = data['submitter'];
  if (submitter !== undefined && submitter !== null) draft.submitter = pickSubmitter(path, submitter);
  const tags = data['tags'];
  if (Array.isArray(tags)) draft.tags = tags.map(String);
  else if (typeof tags === 'string') draft.tags = parseTags(tags);
  return draft;
}

const DRAFT_MAP = { title: 'title', problem: 'problem', idea: 'idea', benefit: 'benefit', effects: 'effects', feasibility: 'feasibility', municipality: 'municipality', category: 'category', receivedBy: 'received_by' } as const;
const DRAFT_KEYS = new Set<string>([...Object.keys(DRAFT_MAP), ...Object.values(DRAFT_MAP), 'submitter', 'tags']);

function printResult(ctx: CommandContext, result: AddResult): void {
  const text = ui(ctx.lang);
  switch (result.action) {
    case 'aborted':
      throwDuplicate(result);
      return;
    case 'cancelled':
      ctx.output.info(text.cancelled);
      if (result.answersFile) ctx.output.info(text.answersKept(result.answersFile));
      return;
    case 'joined':
      ctx.output.print(text.joined(result.municipalityName ?? result.municipality ?? '', result.id!, result.path!));
      ctx.output.print(text.joinTextKept(result.id!));
      break;
    default:
      ctx.output.print(text.added(result.id!, result.path!));
      if (result.related) ctx.output.print(text.relatedTo(result.related.join(', ')));
  }
  if (result.branch) ctx.output.print(result.pushed ? text.savedOnBranch(result.branch) : text.onBranch(result.branch));
  else if (result.commit) ctx.output.print(text.committed(result.commit));
  else if (!result.committed) ctx.output.print(text.notCommitted);
  if (result.pushed && result.branch) ctx.output.print(text.pushed(result.branch));
  if (result.pullRequest) ctx.output.print(text.openPullRequest(result.pullRequest));
}

/** Text mode reports an aborted add as an error with its hint; exit code 3 either way. */
function throwDuplicate(result: AddResult): never {
  throw new SlussError('duplicate-found', { count: result.candidates.filter((c) => c.likelyDuplicate).length });
}

/** A submitter in a file is kept only with the date of consent, as with --submitter and --consent. */
function pickSubmitter(path: string, value: unknown): Submitter {
  const record = typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const consent = typeof record['consent'] === 'object' && record['consent'] !== null ? (record['consent'] as Record<string, unknown>) : {};
  const [name, email, date] = [record['name'], record['email'], consent['date']];
  if (typeof name !== 'string' || typeof date !== 'string' || (email !== undefined && typeof email !== 'string')) {
    throw new SlussError('input-file-invalid', { file: path, reason: 'submitter' });
  }
  return { name, ...(email ? { email } : {}), consent: { date } };
}
