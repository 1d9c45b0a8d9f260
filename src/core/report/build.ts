/**
 * The aggregations behind `sluss report`. Pure: ideas, the configuration and
 * the options (with an explicit reference date) in, a Report out. The same
 * input always gives the same report.
 *
 * cohort.ts prepares the ideas counted; stage-sections.ts and
 * municipality-sections.ts compute the sections, in the order of the report:
 * funnel and kinds, municipality × stage, inflow and throughput, shared ideas
 * and spread, time in stage and lead times, stale ideas, duplicates and
 * joins, assessments.
 */
import type { RegisterConfig } from '../config.js';
import type { Idea } from '../idea.js';
import { reportContext, selectIdeas } from './cohort.js';
import type { Report, ReportOptions, ReportSource } from './model.js';
import { REPORT_SCHEMA } from './model.js';
import { assessmentSummary, caughtDuplicates, joins as joinsOf, municipalityStage, sharedAndSpread } from './municipality-sections.js';
import { funnelAndKinds, inflowAndThroughput, leadTimes, staleIdeas, timeInStage } from './stage-sections.js';

export function buildReport(config: RegisterConfig, ideas: readonly Idea[], options: ReportOptions, source: ReportSource = { kind: 'working-tree' }, skippedFiles = 0): Report {
  const context = reportContext(config, options);
  const { filtered, cohort, unknownStage } = selectIdeas(context, ideas);
  const { funnel, kinds, byKind } = funnelAndKinds(context, cohort);
  const flow = inflowAndThroughput(context, filtered, cohort);
  const { shared, spread } = sharedAndSpread(context, cohort);
  const stale = staleIdeas(context, cohort);
  const duplicates = caughtDuplicates(context, cohort);
  const joins = joinsOf(context, cohort);
  const assessment = assessmentSummary(context, cohort);
  const { window } = options;
  return {
    schema: REPORT_SCHEMA,
    register: config.name,
    asOf: options.asOf,
    source,
    window: { ...(window.from !== undefined ? { from: window.from } : {}), ...(window.to !== undefined ? { to: window.to } : {}), ...(window.label !== undefined ? { label: window.label } : {}) },
    filters: { municipalities: [...(options.municipalities ?? [])], categories: [...(options.categories ?? [])] },
    interval: options.interval,
    staleDays: options.staleDays,
    includePersonal: options.includePersonal,
    skippedFiles,
    unknownStage,
    stages: { implementation: context.implementation, done: context.done },
    totals: {
      ideas: cohort.length,
      byKind,
      shared: shared.length,
      reachedDone: spread.filter((s) => s.reachedDone !== undefined).length,
      joinedByOthers: spread.filter((s) => s.joinedBy.length > 0).length,
      joins: joins.length,
      duplicatesCaught: duplicates.length,
      stale: stale.length,
      assessed: assessment.assessed,
      reachedImplementationInWindow: flow.reachedImplementationInWindow,
      reachedDoneInWindow: flow.reachedDoneInWindow,
    },
    funnel,
    kinds,
    municipalityStage: municipalityStage(context, cohort),
    inflow: flow.inflow,
    throughput: flow.throughput,
    shared,
    spread,
    timeInStage: timeInStage(context, cohort),
    leadTimes: leadTimes(context, cohort),
    stale,
    duplicates,
    joins,
    assessment,
  };
}
