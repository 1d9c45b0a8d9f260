/**
 * Time in each stage and lead times, derived from an idea's history. Reports
 * use these; the reference date is always passed in, never read from a clock.
 */
import { findStage } from './config.js';
import type { RegisterConfig, StageKind } from './config.js';
import type { IdeaData } from './idea.js';

export interface StageStay {
  stage: string;
  from: string;
  /** Undefined while the idea is still in the stage. */
  to?: string;
  days: number;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Each stay in a stage, in order; the last one lasts until `asOf`. Entries that only note something (same stage) do not start a stay. */
export function stageStays(data: IdeaData, asOf: string): StageStay[] {
  const stays: StageStay[] = [];
  let current: { stage: string; from: string } = { stage: data.history[0]?.status ?? data.status, from: data.created };
  for (const entry of data.history.slice(1)) {
    if (entry.status === current.stage) continue;
    stays.push({ stage: current.stage, from: current.from, to: entry.date, days: daysBetween(current.from, entry.date) });
    current = { stage: entry.status, from: entry.date };
  }
  stays.push({ stage: current.stage, from: current.from, days: Math.max(0, daysBetween(current.from, asOf)) });
  return stays;
}

/** Days spent in each stage in total (an idea can come back to a stage). */
export function timeInStages(data: IdeaData, asOf: string): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const stay of stageStays(data, asOf)) totals[stay.stage] = (totals[stay.stage] ?? 0) + stay.days;
  return totals;
}

/**
 * Days from creation until the idea first reached a stage of one of `kinds`
 * (or one of the stage codes), or undefined if it never did.
 */
export function leadTime(config: RegisterConfig, data: IdeaData, target: { kinds?: readonly StageKind[]; stages?: readonly string[] }): number | undefined {
  for (const entry of data.history) {
    const stage = findStage(config, entry.status);
    const hit = (stage && target.kinds?.includes(stage.kind)) || target.stages?.includes(stage?.code ?? entry.status);
    if (hit) return daysBetween(data.created, entry.date);
  }
  return undefined;
}

/** Days since anything last happened to the idea: the newest history entry or update. */
export function daysSinceLastChange(data: IdeaData, asOf: string): number {
  const last = [data.created, data.updated ?? '', ...data.history.map((h) => h.date)].sort().at(-1)!;
  return daysBetween(last, asOf);
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
