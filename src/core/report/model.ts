/**
 * The report as data: what `sluss report --format json` prints and what every
 * other format is rendered from. docs/REPORT.md documents this shape; bump
 * REPORT_SCHEMA when a field changes meaning or goes away.
 */
import type { StageKind } from '../config.js';
import type { Role } from '../idea.js';
import type { Interval } from './periods.js';

export const REPORT_SCHEMA = 'sluss-report/1';

export interface ReportOptions {
  /** The reference date (YYYY-MM-DD): states, stays and staleness are computed as of this day. */
  asOf: string;
  /** Ideas created in this window are counted; events (throughput) are counted when they happen in it. */
  window: { from?: string; to?: string; label?: string };
  /** Municipality codes: ideas the municipality owns or takes part in. */
  municipalities?: readonly string[];
  /** Category codes. */
  categories?: readonly string[];
  staleDays: number;
  interval: Interval;
  includePersonal: boolean;
}

export interface ReportSource {
  /** `working-tree`, or the commit the ideas were read from (`--at`). */
  kind: 'working-tree' | 'commit';
  ref?: string;
  commit?: string;
  commitDate?: string;
}

/** Only with --include-personal. */
export interface PersonalData {
  name: string;
  email?: string;
  phone?: string;
}

export interface IdeaRef {
  id: string;
  title: string;
  stage: string;
  municipality: string;
  submitter?: PersonalData;
}

export interface FunnelRow {
  stage: string;
  name: string;
  kind: StageKind;
  /** Ideas in this stage on the reference date. */
  current: number;
  /** Ideas that were in this stage at some time up to the reference date. */
  reached: number;
}

export interface KindRow {
  kind: StageKind;
  count: number;
}

export interface MunicipalityStageRow {
  municipality: string;
  name: string;
  /** Ideas the municipality owns (where they came in), by current stage code. */
  stages: Record<string, number>;
  /** Sum of `stages`. */
  owned: number;
  /** Ideas the municipality owns or takes part in. */
  participating: number;
}

export interface PeriodCount {
  period: string;
  from: string;
  to: string;
  count: number;
}

export interface ThroughputRow {
  period: string;
  from: string;
  to: string;
  /** Ideas that first reached the implementation stage (införande) in the period. */
  implementation: number;
  /** Ideas that first reached a stage of kind done (spridning) in the period. */
  spread: number;
}

export interface ParticipantShare {
  municipality: string;
  name: string;
  role: Role;
  share?: number;
  joined?: string;
}

export interface SharedIdea extends IdeaRef {
  participants: ParticipantShare[];
  /** Sum of the declared cost shares, in percent. */
  shareTotal: number;
  /** The owner's cost share in percent: its declared share, else 100 minus the other participants' declared shares. Left out when no share is declared. */
  ownerShare?: number;
}

export interface SpreadIdea extends IdeaRef {
  /** First date in a stage of kind done, if any. */
  reachedDone?: string;
  /** Municipalities that joined the idea after it came in (all participants but the owner). */
  joinedBy: string[];
}

export interface StageTime {
  stage: string;
  name: string;
  /** Ideas that spent time in the stage (the stay still going on counts up to the reference date). */
  ideas: number;
  medianDays: number | null;
  /** Ideas that have left the stage, and their median days in it. */
  completed: number;
  medianDaysCompleted: number | null;
}

export type LeadTimeTarget = 'assessed' | 'active' | 'implementation' | 'done' | 'declined';

export interface LeadTimeRow {
  target: LeadTimeTarget;
  /** Stage codes that count as reaching the target. */
  stages: string[];
  ideas: number;
  medianDays: number | null;
  meanDays: number | null;
}

export interface StaleIdea extends IdeaRef {
  lastChange: string;
  days: number;
}

export interface CaughtDuplicate extends IdeaRef {
  duplicateOf?: string;
  /** When it moved to the duplicate stage, if it did. */
  date?: string;
}

export interface JoinEvent {
  id: string;
  title: string;
  municipality: string;
  role?: Role;
  share?: number;
  date?: string;
  /** `participant`: a participant with `joined`; `history`: a join note in the history of a municipality no longer taking part. */
  source: 'participant' | 'history';
}

export interface CriterionSummary {
  criterion: string;
  name: string;
  count: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

export interface ReportTotals {
  /** Ideas counted: created in the window (if any), on or before the reference date, matching the filters. */
  ideas: number;
  byKind: Record<StageKind, number>;
  /** Ideas shared by two or more municipalities. */
  shared: number;
  /** Ideas that reached a stage of kind done. */
  reachedDone: number;
  /** Ideas joined by at least one other municipality. */
  joinedByOthers: number;
  /** Join events (municipalities that joined an existing idea). */
  joins: number;
  duplicatesCaught: number;
  stale: number;
  assessed: number;
  /** Ideas reaching the implementation stage / a done stage in the window (throughput). */
  reachedImplementationInWindow: number;
  reachedDoneInWindow: number;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  register: string;
  asOf: string;
  source: ReportSource;
  window: { from?: string; to?: string; label?: string };
  filters: { municipalities: string[]; categories: string[] };
  interval: Interval;
  staleDays: number;
  includePersonal: boolean;
  /** Idea files that could not be read or failed the schema; they are not counted. */
  skippedFiles: number;
  /** Ideas of the window whose stage is not in sluss.yaml (on the reference date): not counted, listed so the totals add up. */
  unknownStage: { id: string; stage: string }[];
  /** The stage codes used for throughput: implementation (införande) and done (spridning). */
  stages: { implementation: string[]; done: string[] };
  totals: ReportTotals;
  funnel: FunnelRow[];
  kinds: KindRow[];
  municipalityStage: MunicipalityStageRow[];
  inflow: PeriodCount[];
  throughput: ThroughputRow[];
  shared: SharedIdea[];
  spread: SpreadIdea[];
  timeInStage: StageTime[];
  leadTimes: LeadTimeRow[];
  stale: StaleIdea[];
  duplicates: CaughtDuplicate[];
  joins: JoinEvent[];
  assessment: { assessed: number; criteria: CriterionSummary[] };
}
