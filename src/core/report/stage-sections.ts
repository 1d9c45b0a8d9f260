/**
 * The report's sections about stages and time: funnel and kinds, inflow and
 * throughput, time in stage, lead times and stale ideas.
 */
import { STAGE_KINDS } from '../config.js';
import type { StageKind } from '../config.js';
import { assessmentsOf } from '../history.js';
import type { IdeaData } from '../idea.js';
import { median } from '../lead-times.js';
import { byId } from './cohort.js';
import type { Days, Prepared, ReportContext } from './cohort.js';
import type { FunnelRow, KindRow, LeadTimeRow, LeadTimeTarget, PeriodCount, StaleIdea, StageTime, ThroughputRow } from './model.js';
import { inWindow, periodKey, periodRange } from './periods.js';

/** Kinds that are finished one way or another: such ideas are never stale. */
export const SETTLED_KINDS: readonly StageKind[] = ['done', 'declined', 'duplicate'];

export function funnelAndKinds(context: ReportContext, cohort: readonly Prepared[]): { funnel: FunnelRow[]; kinds: KindRow[]; byKind: Record<StageKind, number> } {
  const funnel: FunnelRow[] = context.config.stages.map((s) => ({ stage: s.code, name: s.name, kind: s.kind, current: 0, reached: 0 }));
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
  return { funnel, kinds: STAGE_KINDS.map((kind) => ({ kind, count: byKind[kind] })), byKind };
}

export interface Flow {
  inflow: PeriodCount[];
  throughput: ThroughputRow[];
  reachedImplementationInWindow: number;
  reachedDoneInWindow: number;
}

/** Inflow and throughput on one axis of months or quarters. */
export function inflowAndThroughput(context: ReportContext, filtered: readonly Prepared[], cohort: readonly Prepared[]): Flow {
  const { window, asOf, interval } = context.options;
  let axisFrom = window.from;
  if (axisFrom === undefined) {
    for (const p of filtered) if (axisFrom === undefined || p.data.created < axisFrom) axisFrom = p.data.created;
  }
  const axisTo = window.to !== undefined && window.to < asOf ? window.to : asOf;
  const axis = axisFrom === undefined ? [] : periodRange(axisFrom, axisTo, interval);
  const inflowCounts = new Map<string, number>();
  for (const p of cohort) {
    const key = periodKey(p.data.created, interval);
    inflowCounts.set(key, (inflowCounts.get(key) ?? 0) + 1);
  }
  const inflow: PeriodCount[] = axis.map((b) => ({ ...b, count: inflowCounts.get(b.period) ?? 0 }));

  // Throughput counts events in the window, whenever the idea was created.
  const throughputWindow = { ...window, to: axisTo };
  const counted = (date: string | undefined, counts: Map<string, number>): boolean => {
    if (date === undefined || !inWindow(date, throughputWindow)) return false;
    const key = periodKey(date, interval);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return true;
  };
  const implementationCounts = new Map<string, number>();
  const doneCounts = new Map<string, number>();
  let reachedImplementationInWindow = 0;
  let reachedDoneInWindow = 0;
  for (const p of filtered) {
    if (counted(p.first.implementation, implementationCounts)) reachedImplementationInWindow += 1;
    if (counted(p.first.done, doneCounts)) reachedDoneInWindow += 1;
  }
  const throughput: ThroughputRow[] = axis.map((b) => ({ ...b, implementation: implementationCounts.get(b.period) ?? 0, spread: doneCounts.get(b.period) ?? 0 }));
  return { inflow, throughput, reachedImplementationInWindow, reachedDoneInWindow };
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

export function timeInStage(context: ReportContext, cohort: readonly Prepared[]): StageTime[] {
  const { config, stages, days } = context;
  const stays = new Map<string, { all: number[]; completed: number[] }>(config.stages.map((s) => [s.code, { all: [], completed: [] }]));
  for (const p of cohort) {
    for (const [code, total] of stageTotals(p.data, context.options.asOf, days, (stage) => stages.code(stage))) {
      const bucket = stays.get(code);
      if (!bucket) continue;
      bucket.all.push(total);
      if (code !== p.stage) bucket.completed.push(total);
    }
  }
  return config.stages.map((s) => {
    const bucket = stays.get(s.code)!;
    return { stage: s.code, name: s.name, ideas: bucket.all.length, medianDays: median(bucket.all) ?? null, completed: bucket.completed.length, medianDaysCompleted: median(bucket.completed) ?? null };
  });
}

export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function summarize(values: readonly number[]): { median: number | null; mean: number | null; min: number | null; max: number | null } {
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

export function leadTimes(context: ReportContext, cohort: readonly Prepared[]): LeadTimeRow[] {
  const { config, days } = context;
  const targets: { target: LeadTimeTarget; stages: string[] }[] = [
    { target: 'assessed', stages: [] },
    ...context.targetStages.flatMap(([target, codes]) => (target === 'duplicate' ? [] : [{ target, stages: codes }])),
  ];
  return targets.map(({ target, stages: codes }) => {
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

export function staleIdeas(context: ReportContext, cohort: readonly Prepared[]): StaleIdea[] {
  const stale: StaleIdea[] = [];
  for (const p of cohort) {
    if (p.kind && SETTLED_KINDS.includes(p.kind)) continue;
    const last = lastChange(p.data);
    const idle = context.days.between(last, context.options.asOf);
    if (idle < context.options.staleDays) continue;
    stale.push({ ...context.ref(p), lastChange: last, days: idle });
  }
  return stale.sort((a, b) => b.days - a.days || byId(a, b));
}
