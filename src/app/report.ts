/**
 * `sluss report`: loads the register (the working tree, or a commit with
 * --at), settles the options (the reference date is always explicit) and
 * builds the report. The file of `--out` is written through
 * `ctx.adapters.local` (adapters/fs/output-file.ts).
 */
import type { CommandContext } from './ports.js';
import { resolveCategory, resolveMunicipality } from '../core/config.js';
import type { RegisterConfig } from '../core/config.js';
import { SlussError } from '../core/errors.js';
import { parseConfig } from '../core/format/config-file.js';
import type { Idea } from '../core/idea.js';
import { buildReport } from '../core/report/build.js';
import type { Report, ReportSource } from '../core/report/model.js';
import { INTERVALS, isIsoDate, resolveWindow } from '../core/report/periods.js';
import type { Interval } from '../core/report/periods.js';
import { checkIdeaFile } from '../core/validation.js';
import { loadIdeas, openRegister } from './register.js';

export interface ReportRequest {
  period?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  municipality?: readonly string[] | undefined;
  category?: readonly string[] | undefined;
  staleDays?: number | string | undefined;
  interval?: string | undefined;
  /** A git ref: report on the register as it was at that commit. */
  at?: string | undefined;
  /** YYYY-MM-DD; default: the commit date with --at, else today from the context's clock. */
  asOf?: string | undefined;
  includePersonal?: boolean | undefined;
}

export interface MadeReport {
  report: Report;
  config: RegisterConfig;
  root: string;
}

export const DEFAULT_STALE_DAYS = 90;

function parseStaleDays(value: number | string | undefined): number {
  if (value === undefined) return DEFAULT_STALE_DAYS;
  const text = String(value).trim();
  if (!/^\d{1,6}$/.test(text)) throw new SlussError('usage', { option: '--stale-days', value: text });
  return Number(text);
}

function parseInterval(value: string | undefined): Interval {
  if (value === undefined) return 'month';
  if (!(INTERVALS as readonly string[]).includes(value)) throw new SlussError('usage', { option: '--interval', value, known: [...INTERVALS] });
  return value as Interval;
}

export async function makeReport(ctx: CommandContext, request: ReportRequest): Promise<MadeReport> {
  // Options first, so a typo fails before anything is read.
  const window = resolveWindow(request);
  const staleDays = parseStaleDays(request.staleDays);
  const interval = parseInterval(request.interval);
  if (request.asOf !== undefined && !isIsoDate(request.asOf)) throw new SlussError('usage', { option: '--as-of', value: request.asOf, expects: 'date' });

  const register = await openRegister(ctx);
  let config = register.config;
  let ideas: Idea[];
  let skipped: number;
  let source: ReportSource = { kind: 'working-tree' };
  let asOf: string;
  if (request.at !== undefined) {
    const tree = await ctx.adapters.git.readTreeAt(register.root, request.at, ctx.env);
    if (tree.configText !== undefined) config = parseConfig(tree.configText);
    const checked = tree.ideaFiles.map((entry) => checkIdeaFile(config, entry));
    ideas = checked.flatMap((c) => (c.idea ? [c.idea] : []));
    skipped = checked.length - ideas.length;
    source = { kind: 'commit', ref: request.at, commit: tree.commit, commitDate: tree.commitDate };
    asOf = request.asOf ?? tree.commitDate;
  } else {
    const loaded = await loadIdeas(register, undefined, { wholeRegister: true });
    ideas = loaded.ideas;
    skipped = loaded.unreadable;
    asOf = request.asOf ?? ctx.clock.today();
  }
  const municipalities = [...new Set((request.municipality ?? []).map((m) => resolveMunicipality(config, m).code))];
  const categories = [...new Set((request.category ?? []).map((c) => resolveCategory(config, c).code))];
  const report = buildReport(
    config,
    ideas,
    { asOf, window, municipalities, categories, staleDays, interval, includePersonal: request.includePersonal ?? false },
    source,
    skipped,
  );
  return { report, config, root: register.root };
}
