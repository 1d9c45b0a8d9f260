/**
 * The ideas a report counts, prepared once: each idea as it stood on the
 * reference date, filtered by municipality and category, with the stages it
 * reached and when. The sections (sections-*.ts) read only this.
 */
import { compareCodeUnits } from '../text.js';
import { findMunicipality, findStage } from '../config.js';
import type { RegisterConfig, Stage, StageKind } from '../config.js';
import { assessmentAsOf } from '../history.js';
import type { Idea, IdeaData } from '../idea.js';
import type { IdeaRef, LeadTimeTarget, Report, ReportOptions } from './model.js';
import { inWindow } from './periods.js';

class Stages {
  private readonly byCode = new Map<string, Stage>();
  constructor(private readonly config: RegisterConfig) {
    for (const stage of config.stages) this.byCode.set(stage.code, stage);
  }
  get(code: string): Stage | undefined {
    return this.byCode.get(code) ?? findStage(this.config, code);
  }
  code(code: string): string {
    return this.get(code)?.code ?? code;
  }
  kind(code: string): StageKind | undefined {
    return this.get(code)?.kind;
  }
}

/** The stage(s) counted as implementation: `inforande` when the register has it, else its last stage of kind active. */
export function implementationStages(config: RegisterConfig): string[] {
  if (config.stages.some((s) => s.code === 'inforande')) return ['inforande'];
  const active = config.stages.filter((s) => s.kind === 'active');
  return active.length > 0 ? [active.at(-1)!.code] : [];
}

export function doneStages(config: RegisterConfig): string[] {
  return config.stages.filter((s) => s.kind === 'done').map((s) => s.code);
}

/**
 * The idea as it stood at the end of `asOf`, as far as the file tells: history
 * entries, participants (by `joined`) and the assessment after that day are
 * left out. Undefined when the idea was created later.
 */
export function snapshotAt(config: RegisterConfig, data: IdeaData, asOf: string): IdeaData | undefined {
  if (data.created > asOf) return undefined;
  const lastDate = data.history.reduce((latest, entry) => (entry.date > latest ? entry.date : latest), '');
  const late =
    lastDate > asOf ||
    (data.updated !== undefined && data.updated > asOf) ||
    (data.assessment !== undefined && data.assessment.date > asOf) ||
    data.municipalities.some((p) => p.joined !== undefined && p.joined > asOf);
  if (!late) return data;
  const history = data.history.filter((entry) => entry.date <= asOf);
  const { assessment: _current, updated, ...rest } = data;
  // An assessment replaced later held on that day; it is kept in the history.
  const assessment = assessmentAsOf(config, data, asOf);
  return {
    ...rest,
    status: history.at(-1)?.status ?? data.history[0]?.status ?? data.status,
    municipalities: data.municipalities.filter((p) => p.joined === undefined || p.joined <= asOf || p.municipality === data.municipality),
    history,
    ...(updated !== undefined && updated <= asOf ? { updated } : {}),
    ...(assessment !== undefined ? { assessment } : {}),
  };
}

/** Day numbers of ISO dates, cached: a large register has many ideas but few distinct dates. */
export class Days {
  private readonly cache = new Map<string, number>();
  of(date: string): number {
    let day = this.cache.get(date);
    if (day === undefined) {
      day = Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
      this.cache.set(date, day);
    }
    return day;
  }
  between(from: string, to: string): number {
    return this.of(to) - this.of(from);
  }
}

export function byId<T extends { id: string }>(a: T, b: T): number {
  return compareCodeUnits(a.id, b.id);
}

export type Target = LeadTimeTarget | 'duplicate';

export interface Prepared {
  data: IdeaData;
  stage: string;
  kind: StageKind | undefined;
  /** Stage codes ever reached, with the first date. */
  firstReached: Map<string, string>;
  /** First date in a stage of each lead-time target (implementation, done, …), and in a duplicate stage. */
  first: Partial<Record<Target, string>>;
}

/** What every section needs besides the ideas: the register, the options and ways to name things. */
export interface ReportContext {
  config: RegisterConfig;
  options: ReportOptions;
  stages: Stages;
  days: Days;
  implementation: string[];
  done: string[];
  /** The stage codes of each lead-time target (and of duplicates), in the order of the report. */
  targetStages: [Target, string[]][];
  /** A municipality's code, given its code or any name sluss.yaml knows it by. */
  municipalityCode(input: string): string;
  municipalityName(code: string): string;
  /** The idea as the report's lists show it (with the submitter only when personal data is asked for). */
  ref(idea: Prepared): IdeaRef;
}

export function reportContext(config: RegisterConfig, options: ReportOptions): ReportContext {
  const stages = new Stages(config);
  const municipalityCodes = new Map(config.municipalities.map((m) => [m.code, m.code]));
  const municipalityCode = (input: string) => municipalityCodes.get(input) ?? findMunicipality(config, input)?.code ?? input;
  const implementation = implementationStages(config);
  const done = doneStages(config);
  const stagesOfKinds = (wanted: readonly StageKind[]) => config.stages.filter((s) => wanted.includes(s.kind)).map((s) => s.code);
  const refs = new Map<Prepared, IdeaRef>();
  const makeRef = (p: Prepared): IdeaRef => {
    const submitter = p.data.submitter;
    return {
      id: p.data.id,
      title: p.data.title,
      stage: p.stage,
      municipality: municipalityCode(p.data.municipality),
      ...(options.includePersonal && submitter
        ? { submitter: { name: submitter.name, ...(submitter.email ? { email: submitter.email } : {}), ...(submitter.phone ? { phone: submitter.phone } : {}) } }
        : {}),
    };
  };
  return {
    config,
    options,
    stages,
    days: new Days(),
    implementation,
    done,
    targetStages: [
      ['active', stagesOfKinds(['active'])],
      ['implementation', implementation],
      ['done', done],
      ['declined', stagesOfKinds(['declined'])],
      ['duplicate', stagesOfKinds(['duplicate'])],
    ],
    municipalityCode,
    municipalityName: (code) => config.municipalities.find((m) => m.code === code)?.name ?? code,
    ref(p) {
      let made = refs.get(p);
      if (!made) {
        made = makeRef(p);
        refs.set(p, made);
      }
      return made;
    },
  };
}

export interface Cohort {
  /** Ideas matching the filters as they stood on the reference date. */
  filtered: Prepared[];
  /** The ideas counted: those of `filtered` created in the window, by id. */
  cohort: Prepared[];
  unknownStage: Report['unknownStage'];
}

export function selectIdeas(context: ReportContext, ideas: readonly Idea[]): Cohort {
  const { config, options, stages } = context;
  const municipalityFilter = options.municipalities && options.municipalities.length > 0 ? new Set(options.municipalities) : undefined;
  const categoryFilter = options.categories && options.categories.length > 0 ? new Set(options.categories) : undefined;
  const targetOf = new Map<string, Target[]>();
  for (const [target, codes] of context.targetStages) for (const code of codes) targetOf.set(code, [...(targetOf.get(code) ?? []), target]);

  const filtered: Prepared[] = [];
  const unknownStage: Report['unknownStage'] = [];
  for (const idea of ideas) {
    const data = snapshotAt(config, idea.data, options.asOf);
    if (!data) continue;
    if (categoryFilter && !categoryFilter.has(data.category)) continue;
    if (municipalityFilter) {
      const involved = data.municipality === undefined ? [] : [data.municipality, ...data.municipalities.map((p) => p.municipality)];
      if (!involved.some((m) => municipalityFilter.has(context.municipalityCode(m)))) continue;
    }
    const stage = stages.code(data.status);
    if (stages.kind(stage) === undefined) {
      // Counting it under no kind would make the totals disagree; it is listed instead.
      if (inWindow(data.created, options.window)) unknownStage.push({ id: data.id, stage: data.status });
      continue;
    }
    const firstReached = firstReachedOf(data, stages);
    const first: Prepared['first'] = {};
    for (const [code, date] of firstReached) {
      for (const target of targetOf.get(code) ?? []) if (first[target] === undefined || date < first[target]!) first[target] = date;
    }
    filtered.push({ data, stage, kind: stages.kind(stage), firstReached, first });
  }
  const cohort = filtered.filter((p) => inWindow(p.data.created, options.window)).sort((a, b) => byId(a.data, b.data));
  return { filtered, cohort, unknownStage: unknownStage.sort(byId) };
}

/** Stage codes the idea was ever in, with the first date it was. */
function firstReachedOf(data: IdeaData, stages: Stages): Map<string, string> {
  const firstReached = new Map<string, string>();
  firstReached.set(stages.code(data.history[0]?.status ?? data.status), data.created);
  for (const entry of data.history) {
    const code = stages.code(entry.status);
    if (!firstReached.has(code)) firstReached.set(code, entry.date);
  }
  return firstReached;
}
