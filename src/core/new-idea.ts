/**
 * Building a new idea from what the user typed. Pure: ids, dates and names
 * come in as arguments.
 */
import { resolveCategory, resolveMunicipality } from './config.js';
import type { RegisterConfig } from './config.js';
import { SlussError } from './errors.js';
import { renderBody } from './format/idea-file.js';
import type { IdeaData, IdeaSections, Submitter } from './idea.js';
import { ideaFileName } from './slug.js';
import { normalizeText, singleLine } from './text.js';

export interface IdeaDraft {
  title?: string;
  problem?: string;
  idea?: string;
  benefit?: string;
  effects?: string;
  feasibility?: string;
  municipality?: string;
  category?: string;
  tags?: string[];
  receivedBy?: string;
  submitter?: Submitter;
}

/** The fields `sluss add` cannot do without, named by their flags. */
export const REQUIRED_DRAFT_FIELDS = [
  { field: 'title', flag: '--title' },
  { field: 'problem', flag: '--problem' },
  { field: 'municipality', flag: '--municipality' },
] as const satisfies readonly { field: keyof IdeaDraft; flag: string }[];

export function missingDraftFields(draft: IdeaDraft): string[] {
  return REQUIRED_DRAFT_FIELDS.filter(({ field }) => (draft[field] ?? '').trim() === '').map(({ flag }) => flag);
}

export function draftSections(draft: IdeaDraft): IdeaSections {
  return {
    problem: normalizeText(draft.problem ?? ''),
    idea: normalizeText(draft.idea ?? ''),
    benefit: normalizeText(draft.benefit ?? ''),
    effects: normalizeText(draft.effects ?? ''),
    feasibility: normalizeText(draft.feasibility ?? ''),
  };
}

/**
 * `--tags a,b`: split at commas, lower-cased, empty pieces dropped. Each piece
 * keeps any control character it holds, so the guard before writing refuses
 * it as it refuses one in the title, instead of it quietly becoming a space
 * (`createIdea` makes each tag one line).
 */
export function parseTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((tag) => normalizeText(tag).toLocaleLowerCase('sv-SE'))
    .filter((tag) => tag !== '');
  return [...new Set(tags)];
}

export interface NewIdea {
  data: IdeaData;
  body: string;
  fileName: string;
}

export function createIdea(config: RegisterConfig, draft: IdeaDraft, facts: { id: string; today: string; receivedBy: string }): NewIdea {
  const missing = missingDraftFields(draft);
  if (missing.length > 0) throw new SlussError('missing-required', { fields: missing });
  const municipality = resolveMunicipality(config, draft.municipality!).code;
  const category = resolveCategory(config, draft.category ?? config.default_category).code;
  const title = singleLine(draft.title!);
  const receivedBy = singleLine(draft.receivedBy ?? facts.receivedBy);
  const tags = [...new Set((draft.tags ?? []).map((tag) => singleLine(tag)).filter((tag) => tag !== ''))];
  const data: IdeaData = {
    id: facts.id,
    title,
    status: config.initial_stage,
    municipality,
    municipalities: [{ municipality, role: 'owner' }],
    category,
    ...(tags.length > 0 ? { tags } : {}),
    created: facts.today,
    received_by: receivedBy,
    // Personal data only with recorded consent; otherwise the coach is the contact.
    ...(draft.submitter?.consent?.date ? { submitter: cleanSubmitter(draft.submitter) } : {}),
    history: [{ date: facts.today, action: 'created', status: config.initial_stage, by: receivedBy }],
  };
  return { data, body: renderBody(draftSections(draft)), fileName: ideaFileName(facts.id, title) };
}

function cleanSubmitter(submitter: Submitter): Submitter {
  return {
    name: singleLine(submitter.name),
    ...(submitter.email ? { email: singleLine(submitter.email) } : {}),
    ...(submitter.phone ? { phone: singleLine(submitter.phone) } : {}),
    consent: { date: submitter.consent.date, ...(submitter.consent.note ? { note: singleLine(submitter.consent.note) } : {}) },
  };
}
