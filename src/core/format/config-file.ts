/**
 * sluss.yaml: parsing with defaults, and the text `sluss init` writes.
 */
import { DEFAULT_CATEGORIES, DEFAULT_CRITERIA, DEFAULT_STAGES, SKARABORG_MUNICIPALITIES, checkConfigReferences, findStage } from '../config.js';
import type { DuplicateSettings, RegisterConfig } from '../config.js';
import { SlussError } from '../errors.js';
import type { Problem } from '../problems.js';
import { fieldPath } from '../problems.js';
import { DEFAULT_DUPLICATE_THRESHOLD } from '../similarity/threshold.js';
import { yamlQuoted } from './escape.js';
import { validateConfigSchema } from './schema.js';
import { lineOfPath, parseYaml, toPlainData } from './yaml-front-matter.js';

export const CONFIG_FILE = 'sluss.yaml';

/** The threshold was chosen on the shared development data (README, "Duplicate check"). */
export const DEFAULT_DUPLICATE_SETTINGS: DuplicateSettings = {
  threshold: DEFAULT_DUPLICATE_THRESHOLD,
  show_from: 0.3,
  lookback_days: null,
  max_candidates: 5,
  override_needs_approval: true,
};

/** Parses and checks sluss.yaml; throws `config-invalid` listing every problem. */
export function parseConfig(text: string, file = CONFIG_FILE): RegisterConfig {
  const { parsed, problems: yamlProblems } = parseYaml(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  if (!parsed) {
    throw new SlussError('config-invalid', { file }, {
      problems: yamlProblems.map((p) => ({ file, line: p.line, code: p.kind, params: { detail: p.detail } })),
    });
  }
  const raw = toPlainData(parsed.document) as Record<string, unknown>;
  const schemaProblems: Problem[] = validateConfigSchema(raw).map((p) => ({
    file,
    line: lineOfPath(parsed, p.path),
    field: fieldPath(p.path),
    code: 'schema',
    params: { keyword: p.keyword, ...p.params },
  }));
  if (schemaProblems.length > 0) throw new SlussError('config-invalid', { file }, { problems: schemaProblems });

  const input = raw as unknown as Partial<RegisterConfig> & Pick<RegisterConfig, 'name' | 'municipalities' | 'categories' | 'stages'>;
  const categories = input.categories;
  const config: RegisterConfig = {
    name: input.name,
    language: input.language ?? 'sv',
    municipalities: input.municipalities,
    categories,
    default_category: input.default_category ?? (categories.some((c) => c.code === 'ovrigt') ? 'ovrigt' : categories[0]!.code),
    stages: input.stages,
    initial_stage: input.initial_stage ?? input.stages[0]!.code,
    coordinators: input.coordinators ?? [],
    assessment: {
      criteria: input.assessment?.criteria ?? [...DEFAULT_CRITERIA],
      required_to_leave: input.assessment?.required_to_leave ?? [],
    },
    review: {
      coordinator_stages: input.review?.coordinator_stages ?? [],
      municipality_reviewers: input.review?.municipality_reviewers ?? false,
    },
    duplicates: { ...DEFAULT_DUPLICATE_SETTINGS, ...(input.duplicates ?? {}) },
  };
  const referenceProblems: Problem[] = checkConfigReferences(config).map((p) => ({
    file,
    field: p.field,
    code: p.problem === 'duplicate-code' ? 'config-duplicate-code' : p.problem === 'duplicate-name' ? 'config-duplicate-name' : 'config-unknown-reference',
    params: { value: p.value, ...(p.codes ? { codes: p.codes } : {}) },
  }));
  if (referenceProblems.length > 0) throw new SlussError('config-invalid', { file }, { problems: referenceProblems });
  // Display names are accepted in `next`; from here on everything speaks in codes.
  for (const stage of config.stages) stage.next = stage.next.map((next) => findStage(config, next)!.code);
  config.assessment.required_to_leave = config.assessment.required_to_leave.map((code) => findStage(config, code)!.code);
  config.review.coordinator_stages = config.review.coordinator_stages.map((code) => findStage(config, code)!.code);
  return config;
}

/** The sluss.yaml of a new register: the 15 Skaraborg municipalities and the default stages. */
export function renderDefaultConfig(name: string, options: { coordinators?: readonly string[] } = {}): string {
  const quote = yamlQuoted;
  const named = (items: readonly { code: string; name: string }[], extra = '') =>
    items.map((item) => `  - { code: ${item.code}, name: ${quote(item.name)}${extra} }`).join('\n');
  const coordinators = options.coordinators ?? [];
  const stages = DEFAULT_STAGES.map(
    (stage) => `  - code: ${stage.code}\n    name: ${quote(stage.name)}\n    kind: ${stage.kind}\n    next: [${stage.next.join(', ')}]`,
  ).join('\n');
  const d = DEFAULT_DUPLICATE_SETTINGS;
  return `# yaml-language-server: $schema=schemas/config.schema.json
# Idéslussens inställningar. Koder är ASCII och används i idéfilerna;
# visningsnamn går att använda i kommandona i stället för koder.
name: ${quote(name)}
# Registrets språk (sv eller en): incheckningarnas meddelanden skrivs på det.
# Var och en ser ändå historiken på sitt eget språk (--lang).
language: sv
# reviewers: vilka som granskar ändringar i kommunens idéer (@användarnamn eller e-post).
municipalities:
${named(SKARABORG_MUNICIPALITIES, ', reviewers: []')}
# Verksamhetsområden
categories:
${named(DEFAULT_CATEGORIES)}
default_category: ovrigt
# Stegen i slussen. kind: open, active, done, declined, duplicate eller on-hold.
# next: vilka steg en idé får flyttas till härifrån.
stages:
${stages}
initial_stage: ${DEFAULT_STAGES[0]!.code}
# Samordnare (namn, e-post eller @användarnamn) får flytta idéer förbi första bedömningen.
coordinators: [${coordinators.map(quote).join(', ')}]
assessment:
  # Poäng 1–5 per kriterium vid första bedömningen.
  criteria:
${DEFAULT_CRITERIA.map((c) => `    - { code: ${c.code}, name: ${quote(c.name)} }`).join('\n')}
  # En idé lämnar inte dessa steg utan bedömning (utom som dubblett).
  required_to_leave: [forsta-bedomning]
review:
  # Bara samordnare får flytta en idé ut ur dessa steg (utom som dubblett).
  coordinator_stages: [forsta-bedomning]
  # Ändringar i en kommuns idéer kräver godkännande av kommunens granskare.
  municipality_reviewers: true
duplicates:
  # Från denna poäng (0–1) kallas en träff "trolig dubblett".
  threshold: ${d.threshold}
  # Träffar under denna poäng visas inte.
  show_from: ${d.show_from}
  # Jämför bara med idéer skapade de senaste N dagarna; null jämför med alla.
  lookback_days: null
  max_candidates: ${d.max_candidates}
  # En idé som markeras "inte dubblett" av en trolig dubblett kräver godkännande av samordnare eller granskare.
  override_needs_approval: true
`;
}
