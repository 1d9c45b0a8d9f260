/**
 * The register's configuration (sluss.yaml) as the core sees it, plus lookups
 * that accept either a code or a display name wherever a code is expected.
 */
import { SlussError } from './errors.js';
import { matchKey } from './text.js';

export const STAGE_KINDS = ['open', 'active', 'done', 'declined', 'duplicate', 'on-hold'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export interface NamedCode {
  code: string;
  name: string;
}

export interface Municipality extends NamedCode {
  /** Who reviews changes to this municipality's ideas: forge user names (@name) or e-mail addresses. */
  reviewers?: string[];
}

export interface Stage extends NamedCode {
  kind: StageKind;
  next: string[];
}

export interface DuplicateSettings {
  /** Score in [0, 1] from which a candidate is called a likely duplicate. */
  threshold: number;
  /** Candidates below this score are not shown at all. */
  show_from: number;
  /** Only ideas created within this many days are compared; null compares with all. */
  lookback_days: number | null;
  max_candidates: number;
  /** Declaring a likely duplicate "not a duplicate" on a branch needs a coordinator's or a reviewer's approval in review. */
  override_needs_approval: boolean;
}

export interface AssessmentSettings {
  criteria: NamedCode[];
  /** Stages an idea may not leave without an assessment (except into a stage of kind duplicate). */
  required_to_leave: string[];
}

export interface ReviewSettings {
  /** Stages only a coordinator may move an idea out of (except into a stage of kind duplicate). */
  coordinator_stages: string[];
  /** Changes to a municipality's ideas need one of its reviewers. */
  municipality_reviewers: boolean;
}

/** Languages a register can be kept in. */
export const REGISTER_LANGUAGES = ['sv', 'en'] as const;
export type RegisterLanguage = (typeof REGISTER_LANGUAGES)[number];

export interface RegisterConfig {
  name: string;
  /** The register's language: what commit messages are written in (default `sv`). Each reader's own language decides what is shown. */
  language: RegisterLanguage;
  municipalities: Municipality[];
  categories: NamedCode[];
  default_category: string;
  stages: Stage[];
  initial_stage: string;
  /** Names, e-mail addresses or forge user names of the coordinators. */
  coordinators: string[];
  assessment: AssessmentSettings;
  review: ReviewSettings;
  duplicates: DuplicateSettings;
}

export const DEFAULT_CRITERIA: readonly NamedCode[] = [
  { code: 'nytta', name: 'Nytta' },
  { code: 'effekter', name: 'Effekter' },
  { code: 'genomforbarhet', name: 'Genomförbarhet' },
];

export const SKARABORG_MUNICIPALITIES: readonly NamedCode[] = [
  { code: 'essunga', name: 'Essunga' },
  { code: 'falkoping', name: 'Falköping' },
  { code: 'grastorp', name: 'Grästorp' },
  { code: 'gullspang', name: 'Gullspång' },
  { code: 'gotene', name: 'Götene' },
  { code: 'hjo', name: 'Hjo' },
  { code: 'karlsborg', name: 'Karlsborg' },
  { code: 'lidkoping', name: 'Lidköping' },
  { code: 'mariestad', name: 'Mariestad' },
  { code: 'skara', name: 'Skara' },
  { code: 'skovde', name: 'Skövde' },
  { code: 'tibro', name: 'Tibro' },
  { code: 'tidaholm', name: 'Tidaholm' },
  { code: 'toreboda', name: 'Töreboda' },
  { code: 'vara', name: 'Vara' },
];

export const DEFAULT_CATEGORIES: readonly NamedCode[] = [
  { code: 'vard-omsorg', name: 'Vård och omsorg' },
  { code: 'utbildning', name: 'Förskola och skola' },
  { code: 'socialtjanst', name: 'Individ- och familjeomsorg' },
  { code: 'samhallsbyggnad', name: 'Samhällsbyggnad' },
  { code: 'miljo-energi', name: 'Miljö och energi' },
  { code: 'kultur-fritid', name: 'Kultur och fritid' },
  { code: 'digitalisering', name: 'Digitalisering och IT' },
  { code: 'medborgarservice', name: 'Medborgarservice' },
  { code: 'arbetsmarknad', name: 'Arbetsmarknad och integration' },
  { code: 'administration', name: 'Ekonomi, HR och administration' },
  { code: 'ovrigt', name: 'Övrigt' },
];

export const DEFAULT_STAGES: readonly Stage[] = [
  { code: 'inkommen', name: 'Inkommen', kind: 'open', next: ['forsta-bedomning', 'avslagen', 'parkerad', 'dubblett'] },
  { code: 'forsta-bedomning', name: 'Första bedömning', kind: 'open', next: ['utredning', 'avslagen', 'parkerad', 'dubblett'] },
  { code: 'utredning', name: 'Utredning', kind: 'active', next: ['test', 'avslagen', 'parkerad', 'dubblett'] },
  { code: 'test', name: 'Test', kind: 'active', next: ['inforande', 'utredning', 'avslagen', 'parkerad'] },
  { code: 'inforande', name: 'Införande', kind: 'active', next: ['spridning', 'parkerad'] },
  { code: 'spridning', name: 'Spridning', kind: 'done', next: [] },
  { code: 'avslagen', name: 'Avslagen', kind: 'declined', next: ['forsta-bedomning'] },
  { code: 'parkerad', name: 'Parkerad', kind: 'on-hold', next: ['forsta-bedomning', 'utredning', 'test', 'avslagen'] },
  { code: 'dubblett', name: 'Dubblett', kind: 'duplicate', next: ['forsta-bedomning'] },
];

function findNamed<T extends NamedCode>(items: readonly T[], input: string): T | undefined {
  const exact = items.find((item) => item.code === input);
  if (exact) return exact;
  const key = matchKey(input);
  if (key === '') return undefined;
  return items.find((item) => matchKey(item.code) === key || matchKey(item.name) === key);
}

export function findMunicipality(config: RegisterConfig, input: string): NamedCode | undefined {
  return findNamed(config.municipalities, input);
}

export function findCategory(config: RegisterConfig, input: string): NamedCode | undefined {
  return findNamed(config.categories, input);
}

export function findStage(config: RegisterConfig, input: string): Stage | undefined {
  return findNamed(config.stages, input);
}

export function resolveMunicipality(config: RegisterConfig, input: string): NamedCode {
  const found = findMunicipality(config, input);
  if (!found) {
    throw new SlussError('unknown-municipality', { value: input, known: config.municipalities.map((m) => m.code) });
  }
  return found;
}

export function resolveCategory(config: RegisterConfig, input: string): NamedCode {
  const found = findCategory(config, input);
  if (!found) throw new SlussError('unknown-category', { value: input, known: config.categories.map((c) => c.code) });
  return found;
}

export function resolveStage(config: RegisterConfig, input: string): Stage {
  const found = findStage(config, input);
  if (!found) throw new SlussError('unknown-stage', { value: input, known: config.stages.map((s) => s.code) });
  return found;
}

export function displayName(items: readonly NamedCode[], code: string): string {
  return items.find((item) => item.code === code)?.name ?? code;
}

/**
 * Checks a config that already passed the JSON Schema for the things a schema
 * cannot express: references between stages, defaults that must exist.
 * Returns problems as (field, message-key, params) so callers can render them.
 */
export interface ConfigProblem {
  field: string;
  problem: 'duplicate-code' | 'unknown-reference' | 'duplicate-name';
  value: string;
  /** duplicate-name: the codes the name could mean. */
  codes?: string[];
}

/**
 * Names (and codes) that two entries would answer to: commands accept a code
 * or a display name, matched without case and accents, so each must point at
 * exactly one entry.
 */
function ambiguousNames(field: string, items: readonly NamedCode[]): ConfigProblem[] {
  const owners = new Map<string, { text: string; codes: Set<string> }>();
  for (const item of items) {
    for (const text of [item.code, item.name]) {
      const key = matchKey(text);
      if (key === '') continue;
      const entry = owners.get(key) ?? { text, codes: new Set<string>() };
      owners.set(key, entry);
      entry.codes.add(item.code);
    }
  }
  return [...owners.values()].filter((entry) => entry.codes.size > 1).map((entry) => ({ field, problem: 'duplicate-name', value: entry.text, codes: [...entry.codes] }));
}

export function checkConfigReferences(config: RegisterConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const checkUnique = (field: string, items: readonly NamedCode[]) => {
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.code)) problems.push({ field, problem: 'duplicate-code', value: item.code });
      seen.add(item.code);
    }
  };
  checkUnique('municipalities', config.municipalities);
  checkUnique('categories', config.categories);
  checkUnique('stages', config.stages);
  problems.push(...ambiguousNames('municipalities', config.municipalities), ...ambiguousNames('categories', config.categories), ...ambiguousNames('stages', config.stages));
  for (const stage of config.stages) {
    for (const next of stage.next) {
      const target = findStage(config, next);
      if (!target) problems.push({ field: `stages.${stage.code}.next`, problem: 'unknown-reference', value: next });
    }
  }
  if (!findStage(config, config.initial_stage)) {
    problems.push({ field: 'initial_stage', problem: 'unknown-reference', value: config.initial_stage });
  }
  for (const [field, codes] of [
    ['assessment.required_to_leave', config.assessment.required_to_leave],
    ['review.coordinator_stages', config.review.coordinator_stages],
  ] as const) {
    for (const code of codes) if (!findStage(config, code)) problems.push({ field, problem: 'unknown-reference', value: code });
  }
  checkUnique('assessment.criteria', config.assessment.criteria);
  problems.push(...ambiguousNames('assessment.criteria', config.assessment.criteria));
  if (!findCategory(config, config.default_category)) {
    problems.push({ field: 'default_category', problem: 'unknown-reference', value: config.default_category });
  }
  return problems;
}
