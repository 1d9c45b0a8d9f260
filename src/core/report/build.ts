/**
 * The aggregations behind `sluss report`. Pure: ideas, the configuration and
 * the options (with an explicit reference date) in, a Report out. The same
 * input always gives the same report.
 *
 * Small helpers first (stage sets, an idea as of a date, day arithmetic,
 * summaries); then `buildReport`, whose commented sections come in the order
 * of the report: the filtered ideas and the cohort, funnel and kinds,
 * municipality × stage, inflow and throughput, shared ideas and spread, time
 * in stage and lead times, stale ideas, duplicates and joins, assessments.
 */
import { findMunicipality, findStage } from '../config.js';
import type { RegisterConfig, Stage, StageKind } from '../config.js';
import { STAGE_KINDS } from '../config.js';
import { assessmentAsOf, assessmentsOf, eventsOf } from '../history.js';
import type { Idea, IdeaData } from '../idea.js';
import { median } from '../lead-times.js';
import type {
  CaughtDuplicate,
  CriterionSummary,
  FunnelRow,
  IdeaRef,
  JoinEvent,
  LeadTimeRow,
  LeadTimeTarget,
  MunicipalityStageRow,
  PeriodCount,
  Report,
  ReportOptions,
  ReportSource,
  SharedIdea,
  SpreadIdea,
  StaleIdea,
  StageTime,
  ThroughputRow,
} from './model.js';
import { REPORT_SCHEMA } from './model.js';
import { inWindow, periodKey, periodRange } from './periods.js';
import { ownerShareOf } from './shares.js';

/** Kinds that are finished one way or another: such ideas are never stale. */
export const SETTLED_KINDS: readonly StageKind[] = ['done', 'declined', 'duplicate'];

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

/** The newest date anything happened to the idea: history, `updated`, a municipality joining, the assessment. */
export function lastChange(data: IdeaData): string {
  let last = data.created;
  const consider = (date: string | undefined) => {
    if (date !== undefined && date > last) last = date;
  };
  consider(data.updated);
  consider(data.assessment?.date);
  for (const entry of data.history) consider(entry.date);
  for (const participant of data.municipalities) consider(participant.joined);
  return last;
}

/** Day numbers of ISO dates, cached: a large register has many ideas but few distinct dates. */
class Days {
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

/** Days in each stage in total, as `timeInStages` of lead-times.ts counts them, keyed by stage code. */
function stageTotals(data: IdeaData, asOf: string, days: Days, code: (stage: string) => string): Map<string, number> {
  const totals = new Map<string, number>();
  let stage = data.history[0]?.status ?? data.status;
  let from = data.created;
  const add = (key: string, value: number) => {
    const c = code(key);
    totals.set(c, (totals.get(c) ?? 0) + value);
  };
  for (let i = 1; i < data.history.length; i++) {
    const entry = data.history[i]!;
    if (entry.status === stage) continue;
    add(stage, days.between(from, entry.date));
    stage = entry.status;
    from = entry.date;
  }
  add(stage, Math.max(0, days.between(from, asOf)));
  return totals;
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function summarize(values: readonly number[]): { median: number | null; mean: number | null; min: number | null; max: number | null } {
  if (values.length === 0) return { median: null, mean: null, min: null, max: null };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { median: median(values) ?? null, mean: round(sum / values.length, 2), min, max };
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

interface Prepared {
  data: IdeaData;
  stage: string;
  kind: StageKind | undefined;
  /** Stage codes ever reached, with the first date. */
  firstReached: Map<string, string>;
  /** First date in a stage of each lead-time target (implementation, done, …), and in a duplicate stage. */
  first: Partial<Record<LeadTimeTarget | 'duplicate', string>>;
}

export function buildReport(config: RegisterConfig, ideas: readonly Idea[], options: ReportOptions, source: ReportSource = { kind: 'working-tree' }, skippedFiles = 0): Report {
  const stages = new Stages(config);
  const { asOf, window } = options;
  const municipalityFilter = options.municipalities && options.municipalities.length > 0 ? new Set(options.municipalities) : undefined;
  const categoryFilter = options.categories && options.categories.length > 0 ? new Set(options.categories) : undefined;
  const municipalityCodes = new Map(config.municipalities.map((m) => [m.code, m.code]));
  const municipalityCode = (input: string) => municipalityCodes.get(input) ?? findMunicipality(config, input)?.code ?? input;
  const days = new Days();
  const municipalityName = (code: string) => config.municipalities.find((m) => m.code === code)?.name ?? code;
  const implementation = implementationStages(config);
  const done = doneStages(config);

  const stagesOfKinds = (wanted: readonly StageKind[]) => config.stages.filter((s) => wanted.includes(s.kind)).map((s) => s.code);
  const targetStages: [LeadTimeTarget | 'duplicate', string[]][] = [
    ['active', stagesOfKinds(['active'])],
    ['implementation', implementation],
    ['done', done],
    ['declined', stagesOfKinds(['declined'])],
    ['duplicate', stagesOfKinds(['duplicate'])],
  ];
  const targetOf = new Map<string, (LeadTimeTarget | 'duplicate')[]>();
  for (const [target, codes] of targetStages) for (const code of codes) targetOf.set(code, [...(targetOf.get(code) ?? []), target]);

  // Ideas matching the filters as they stood on the reference date.
  const filtered: Prepared[] = [];
  const unknownStage: Report['unknownStage'] = [];
  for (const idea of ideas) {
    const data = snapshotAt(config, idea.data, asOf);
    if (!data) continue;
    if (categoryFilter && !categoryFilter.has(data.category)) continue;
    if (municipalityFilter) {
      const involved = data.municipality === undefined ? [] : [data.municipality, ...data.municipalities.map((p) => p.municipality)];
      if (!involved.some((m) => municipalityFilter.has(municipalityCode(m)))) continue;
    }
    const firstReached = new Map<string, string>();
    const initial = stages.code(data.history[0]?.status ?? data.status);
    firstReached.set(initial, data.created);
    for (const entry of data.history) {
      const code = stages.code(entry.status);
      if (!firstReached.has(code)) firstReached.set(code, entry.date);
    }
    const stage = stages.code(data.status);
    if (stages.kind(stage) === undefined) {
      // Counting it under no kind would make the totals disagree; it is listed instead.
      if (inWindow(data.created, window)) unknownStage.push({ id: data.id, stage: data.status });
      continue;
    }
    const first: Prepared['first'] = {};
    for (const [code, date] of firstReached) {
      const target = targetOf.get(code);
      if (target === undefined) continue;
      for (const t of target) if (first[t] === undefined || date < first[t]!) first[t] = date;
    }
    filtered.push({ data, stage, kind: stages.kind(stage), firstReached, first });
  }
  // The ideas counted: created in the window.
  const cohort = filtered.filter((p) => inWindow(p.data.created, window)).sort((a, b) => byId(a.data, b.data));

  const refs = new Map<Prepared, IdeaRef>();
  const ref = (p: Prepared): IdeaRef => {
    const cached = refs.get(p);
    if (cached) return cached;
    const made = makeRef(p);
    refs.set(p, made);
    return made;
  };
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

  // Funnel and kinds.
  const funnel: FunnelRow[] = config.stages.map((s) => ({ stage: s.code, name: s.name, kind: s.kind, current: 0, reached: 0 }));
  const funnelByCode = new Map(funnel.map((row) => [row.stage, row]));
  const byKind = Object.fromEntries(STAGE_KINDS.map((k) => [k, 0])) as Record<StageKind, number>;
  for (const p of cohort) {
    const row = funnelByCode.get(p.stage);
    if (row) row.current += 1;
    if (p.kind) byKind[p.kind] += 1;
    for (const code of p.firstReached.keys()) {
      const reached = funnelByCode.get(code);
      if (reached) reached.reached += 1;
    }
  }
  const kinds = STAGE_KINDS.map((kind) => ({ kind, count: byKind[kind] }));

  // Municipality × stage.
  const municipalityRows = new Map<string, MunicipalityStageRow>();
  for (const m of config.municipalities) {
    municipalityRows.set(m.code, { municipality: m.code, name: m.name, stages: Object.fromEntries(config.stages.map((s) => [s.code, 0])), owned: 0, participating: 0 });
  }
  for (const p of cohort) {
    const owner = municipalityRows.get(municipalityCode(p.data.municipality));
    if (owner) {
      owner.stages[p.stage] = (owner.stages[p.stage] ?? 0) + 1;
      owner.owned += 1;
    }
    const ownerCode = municipalityCode(p.data.municipality);
    const ownerRow = municipalityRows.get(ownerCode);
    if (ownerRow) ownerRow.participating += 1;
    const seen: string[] = [ownerCode];
    for (const x of p.data.municipalities) {
      const code = municipalityCode(x.municipality);
      if (seen.includes(code)) continue;
      seen.push(code);
      const row = municipalityRows.get(code);
      if (row) row.participating += 1;
    }
  }
  const municipalityStage = [...municipalityRows.values()];

  // Inflow and throughput on one axis of months or quarters.
  let axisFrom = window.from;
  if (axisFrom === undefined) {
    for (const p of filtered) if (axisFrom === undefined || p.data.created < axisFrom) axisFrom = p.data.created;
  }
  const axisTo = window.to !== undefined && window.to < asOf ? window.to : asOf;
  const axis = axisFrom === undefined ? [] : periodRange(axisFrom, axisTo, options.interval);
  const inflowCounts = new Map<string, number>();
  for (const p of cohort) {
    const key = periodKey(p.data.created, options.interval);
    inflowCounts.set(key, (inflowCounts.get(key) ?? 0) + 1);
  }
  const inflow: PeriodCount[] = axis.map((b) => ({ ...b, count: inflowCounts.get(b.period) ?? 0 }));

  const throughputWindow = { ...window, to: axisTo };
  const implementationCounts = new Map<string, number>();
  const doneCounts = new Map<string, number>();
  let reachedImplementationInWindow = 0;
  let reachedDoneInWindow = 0;
  for (const p of filtered) {
    const implementationDate = p.first.implementation;
    if (implementationDate !== undefined && inWindow(implementationDate, throughputWindow)) {
      const key = periodKey(implementationDate, options.interval);
      implementationCounts.set(key, (implementationCounts.get(key) ?? 0) + 1);
      reachedImplementationInWindow += 1;
    }
    const doneDate = p.first.done;
    if (doneDate !== undefined && inWindow(doneDate, throughputWindow)) {
      const key = periodKey(doneDate, options.interval);
      doneCounts.set(key, (doneCounts.get(key) ?? 0) + 1);
      reachedDoneInWindow += 1;
    }
  }
  const throughput: ThroughputRow[] = axis.map((b) => ({ ...b, implementation: implementationCounts.get(b.period) ?? 0, spread: doneCounts.get(b.period) ?? 0 }));

  // Shared ideas and spread.
  const shared: SharedIdea[] = [];
  const spread: SpreadIdea[] = [];
  for (const p of cohort) {
    const owner = municipalityCode(p.data.municipality);
    const participants = p.data.municipalities.map((x) => ({
      municipality: municipalityCode(x.municipality),
      name: municipalityName(municipalityCode(x.municipality)),
      role: x.role,
      ...(x.share !== undefined ? { share: x.share } : {}),
      ...(x.joined !== undefined ? { joined: x.joined } : {}),
    }));
    const distinct = new Set(participants.map((x) => x.municipality));
    distinct.add(owner);
    if (distinct.size >= 2) {
      const ownerShare = ownerShareOf(owner, participants);
      shared.push({ ...ref(p), participants, shareTotal: participants.reduce((sum, x) => sum + (x.share ?? 0), 0), ...(ownerShare !== undefined ? { ownerShare } : {}) });
    }
    const joinedBy = [...new Set(participants.filter((x) => x.role !== 'owner' && x.municipality !== owner).map((x) => x.municipality))];
    const reachedDone = p.first.done;
    if (reachedDone !== undefined || joinedBy.length > 0) spread.push({ ...ref(p), ...(reachedDone !== undefined ? { reachedDone } : {}), joinedBy });
  }
  shared.sort((a, b) => b.participants.length - a.participants.length || byId(a, b));
  spread.sort((a, b) => Number(b.reachedDone !== undefined) - Number(a.reachedDone !== undefined) || b.joinedBy.length - a.joinedBy.length || byId(a, b));

  // Time in stage and lead times.
  const stays = new Map<string, { all: number[]; completed: number[] }>(config.stages.map((s) => [s.code, { all: [], completed: [] }]));
  for (const p of cohort) {
    for (const [code, total] of stageTotals(p.data, asOf, days, (stage) => stages.code(stage))) {
      const bucket = stays.get(code);
      if (!bucket) continue;
      bucket.all.push(total);
      if (code !== p.stage) bucket.completed.push(total);
    }
  }
  const timeInStage: StageTime[] = config.stages.map((s) => {
    const bucket = stays.get(s.code)!;
    return { stage: s.code, name: s.name, ideas: bucket.all.length, medianDays: median(bucket.all) ?? null, completed: bucket.completed.length, medianDaysCompleted: median(bucket.completed) ?? null };
  });

  const targets: { target: LeadTimeTarget; stages: string[] }[] = [
    { target: 'assessed', stages: [] },
    ...targetStages.flatMap(([target, codes]) => (target === 'duplicate' ? [] : [{ target, stages: codes }])),
  ];
  const leadTimes: LeadTimeRow[] = targets.map(({ target, stages: codes }) => {
    const values: number[] = [];
    for (const p of cohort) {
      if (target === 'assessed') {
        // The first assessment counts, also when it was replaced later.
        const first = assessmentsOf(config, p.data)[0];
        if (first) values.push(days.between(p.data.created, first.date));
        continue;
      }
      const date = p.first[target];
      if (date !== undefined) values.push(days.between(p.data.created, date));
    }
    const summary = summarize(values);
    return { target, stages: codes, ideas: values.length, medianDays: summary.median, meanDays: summary.mean === null ? null : round(summary.mean, 1) };
  });

  // Stale ideas.
  const stale: StaleIdea[] = [];
  for (const p of cohort) {
    if (p.kind && SETTLED_KINDS.includes(p.kind)) continue;
    const last = lastChange(p.data);
    const idle = days.between(last, asOf);
    if (idle < options.staleDays) continue;
    stale.push({ ...ref(p), lastChange: last, days: idle });
  }
  stale.sort((a, b) => b.days - a.days || byId(a, b));

  // Duplicates caught and joins.
  const duplicates: CaughtDuplicate[] = [];
  const joins: JoinEvent[] = [];
  for (const p of cohort) {
    const duplicateOf = p.data.links?.duplicate_of;
    if (p.kind === 'duplicate' || duplicateOf !== undefined) {
      const date = p.first.duplicate;
      duplicates.push({ ...ref(p), ...(duplicateOf !== undefined ? { duplicateOf } : {}), ...(date !== undefined ? { date } : {}) });
    }
    const owner = municipalityCode(p.data.municipality);
    const counted = new Set<string>();
    for (const x of p.data.municipalities) {
      const code = municipalityCode(x.municipality);
      if (x.joined === undefined || code === owner || counted.has(code)) continue;
      counted.add(code);
      joins.push({ id: p.data.id, title: p.data.title, municipality: code, role: x.role, ...(x.share !== undefined ? { share: x.share } : {}), date: x.joined, source: 'participant' });
    }
    const current = new Set(p.data.municipalities.map((x) => municipalityCode(x.municipality)));
    // Municipalities that joined and have left since are only in the history.
    for (const event of eventsOf(config, p.data)) {
      if (event.action !== 'joined' || event.municipality === undefined) continue;
      const code = municipalityCode(event.municipality);
      if (code === owner || counted.has(code) || current.has(code)) continue;
      counted.add(code);
      joins.push({ id: p.data.id, title: p.data.title, municipality: code, ...(event.role ? { role: event.role } : {}), ...(event.share !== undefined ? { share: event.share } : {}), date: event.date, source: 'history' });
    }
  }
  joins.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || a.municipality.localeCompare(b.municipality));

  // Assessments.
  const assessedIdeas = cohort.filter((p) => p.data.assessment !== undefined);
  const criteria: CriterionSummary[] = config.assessment.criteria.map((c) => {
    const values = assessedIdeas.flatMap((p) => {
      const score = p.data.assessment!.scores[c.code];
      return typeof score === 'number' ? [score] : [];
    });
    const summary = summarize(values);
    return { criterion: c.code, name: c.name, count: values.length, mean: summary.mean, median: summary.median, min: summary.min, max: summary.max };
  });

  return {
    schema: REPORT_SCHEMA,
    register: config.name,
    asOf,
    source,
    window: { ...(window.from !== undefined ? { from: window.from } : {}), ...(window.to !== undefined ? { to: window.to } : {}), ...(window.label !== undefined ? { label: window.label } : {}) },
    filters: { municipalities: [...(options.municipalities ?? [])], categories: [...(options.categories ?? [])] },
    interval: options.interval,
    staleDays: options.staleDays,
    includePersonal: options.includePersonal,
    skippedFiles,
    unknownStage: unknownStage.sort(byId),
    stages: { implementation, done },
    totals: {
      ideas: cohort.length,
      byKind,
      shared: shared.length,
      reachedDone: spread.filter((s) => s.reachedDone !== undefined).length,
      joinedByOthers: spread.filter((s) => s.joinedBy.length > 0).length,
      joins: joins.length,
      duplicatesCaught: duplicates.length,
      stale: stale.length,
      assessed: assessedIdeas.length,
      reachedImplementationInWindow,
      reachedDoneInWindow,
    },
    funnel,
    kinds,
    municipalityStage,
    inflow,
    throughput,
    shared,
    spread,
    timeInStage,
    leadTimes,
    stale,
    duplicates,
    joins,
    assessment: { assessed: assessedIdeas.length, criteria },
  };
}
