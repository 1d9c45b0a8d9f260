/**
 * The report as titled tables, in the user's language: what the text,
 * Markdown, HTML, CSV and XLSX formats all show. Charts in the HTML are drawn
 * from these same rows, so a chart and its table never disagree.
 */
import type { RegisterConfig } from '../../core/config.js';
import type { Lang } from '../../core/messages.js';
import type { IdeaRef, Report } from '../../core/report/model.js';
import { reportText } from './text.js';
import type { ReportText } from './text.js';

export type Cell = string | number | null;

export interface Column {
  key: string;
  label: string;
  numeric?: boolean;
}

export interface ChartSpec {
  /** hbar: one horizontal bar per row; vbar: one vertical bar per row; grouped: one vertical bar per row and value column. */
  type: 'hbar' | 'vbar' | 'grouped';
  /** Index of the column naming each row. */
  label: number;
  /** Indexes of the numeric columns drawn. */
  values: number[];
}

export interface ReportTable {
  key: string;
  title: string;
  description?: string;
  columns: Column[];
  rows: Cell[][];
  chart?: ChartSpec;
}

export interface ReportDocument {
  lang: Lang;
  title: string;
  /** Label–value pairs describing the report: date, source, filters. */
  meta: [string, string][];
  tables: ReportTable[];
  footer: string;
}

function stageName(config: RegisterConfig, code: string): string {
  return config.stages.find((s) => s.code === code)?.name ?? code;
}

function municipalityName(config: RegisterConfig, code: string): string {
  return config.municipalities.find((m) => m.code === code)?.name ?? code;
}

function personal(ref: IdeaRef): string {
  const s = ref.submitter;
  return s ? [s.name, s.email, s.phone].filter(Boolean).join(', ') : '';
}

export function reportDocument(report: Report, config: RegisterConfig, lang: Lang): ReportDocument {
  const t: ReportText = reportText(lang);
  const c = t.columns;
  const stage = (code: string) => stageName(config, code);
  const place = (code: string) => municipalityName(config, code);
  const withPersonal = report.includePersonal;
  const personalColumn: Column[] = withPersonal ? [{ key: 'submitter', label: c.submitter }] : [];
  const personalCell = (ref: IdeaRef): Cell[] => (withPersonal ? [personal(ref)] : []);
  const categoryName = (code: string) => config.categories.find((x) => x.code === code)?.name ?? code;

  const source =
    report.source.kind === 'commit'
      ? t.meta.commit(report.source.ref ?? report.source.commit ?? '', report.source.commit ?? '', report.source.commitDate ?? '')
      : t.meta.workingTree;
  const meta: [string, string][] = [
    [t.meta.register, report.register],
    [t.meta.asOf, report.asOf],
    [t.meta.source, source],
    [t.meta.window, report.window.label ?? (report.window.from || report.window.to ? t.meta.fromTo(report.window.from, report.window.to) : t.meta.allTime)],
    [t.meta.municipalities, report.filters.municipalities.length > 0 ? report.filters.municipalities.map(place).join(', ') : t.meta.all],
    [t.meta.categories, report.filters.categories.length > 0 ? report.filters.categories.map(categoryName).join(', ') : t.meta.all],
    [t.meta.interval, t.meta[report.interval]],
    [t.meta.staleDays, String(report.staleDays)],
    [t.meta.personal, report.includePersonal ? t.meta.personalShown : t.meta.personalHidden],
    ...(report.skippedFiles > 0 ? [[t.meta.skipped, String(report.skippedFiles)] as [string, string]] : []),
    ...(report.unknownStage.length > 0 ? [[t.meta.unknownStage, report.unknownStage.map((u) => `${u.id} (${u.stage})`).join(', ')] as [string, string]] : []),
  ];

  const totals = report.totals;
  const summary: ReportTable = {
    key: 'summary',
    title: t.tables.summary,
    columns: [
      { key: 'measure', label: t.measure },
      { key: 'count', label: t.count, numeric: true },
    ],
    rows: [
      [t.summary.ideas, totals.ideas],
      ...report.kinds.map((k): Cell[] => [t.summary.kind(t.kinds[k.kind]), k.count]),
      [t.summary.shared, totals.shared],
      [t.summary.reachedDone, totals.reachedDone],
      [t.summary.joinedByOthers, totals.joinedByOthers],
      [t.summary.joins, totals.joins],
      [t.summary.duplicatesCaught, totals.duplicatesCaught],
      [t.summary.stale, totals.stale],
      [t.summary.assessed, totals.assessed],
      [t.summary.reachedImplementationInWindow, totals.reachedImplementationInWindow],
      [t.summary.reachedDoneInWindow, totals.reachedDoneInWindow],
    ],
  };

  const funnel: ReportTable = {
    key: 'funnel',
    title: t.tables.funnel,
    description: t.descriptions.funnel,
    columns: [
      { key: 'stage', label: c.stage },
      { key: 'kind', label: c.kind },
      { key: 'current', label: c.current, numeric: true },
      { key: 'reached', label: c.reached, numeric: true },
    ],
    rows: report.funnel.map((r) => [r.name, t.kinds[r.kind], r.current, r.reached]),
    chart: { type: 'hbar', label: 0, values: [2] },
  };

  const kinds: ReportTable = {
    key: 'kinds',
    title: t.tables.kinds,
    columns: [
      { key: 'kind', label: c.kind },
      { key: 'count', label: t.count, numeric: true },
    ],
    rows: report.kinds.map((k) => [t.kinds[k.kind], k.count]),
  };

  const stageCodes = config.stages.map((s) => s.code);
  const municipalityStage: ReportTable = {
    key: 'municipalityStage',
    title: t.tables.municipalityStage,
    description: t.descriptions.municipalityStage,
    columns: [
      { key: 'municipality', label: c.municipality },
      ...stageCodes.map((code) => ({ key: code, label: stage(code), numeric: true })),
      { key: 'owned', label: c.owned, numeric: true },
      { key: 'participating', label: c.participating, numeric: true },
    ],
    rows: report.municipalityStage.map((r) => [r.name, ...stageCodes.map((code) => r.stages[code] ?? 0), r.owned, r.participating]),
    chart: { type: 'hbar', label: 0, values: [stageCodes.length + 1] },
  };

  const inflow: ReportTable = {
    key: 'inflow',
    title: t.tables.inflow,
    description: t.descriptions.inflow,
    columns: [
      { key: 'period', label: c.period },
      { key: 'count', label: c.newIdeas, numeric: true },
    ],
    rows: report.inflow.map((r) => [r.period, r.count]),
    chart: { type: 'vbar', label: 0, values: [1] },
  };

  const implementationName = report.stages.implementation.map(stage).join('/') || '–';
  const doneName = report.stages.done.map(stage).join('/') || '–';
  const throughput: ReportTable = {
    key: 'throughput',
    title: t.tables.throughput,
    description: t.descriptions.throughput(implementationName, doneName),
    columns: [
      { key: 'period', label: c.period },
      { key: 'implementation', label: c.implementation, numeric: true },
      { key: 'spread', label: c.done, numeric: true },
    ],
    rows: report.throughput.map((r) => [r.period, r.implementation, r.spread]),
    chart: { type: 'grouped', label: 0, values: [1, 2] },
  };

  const shareText = (p: { name: string; role: keyof ReportText['roles']; share?: number }) => `${p.name} (${t.roles[p.role]}${p.share !== undefined ? `, ${p.share} %` : ''})`;
  const shared: ReportTable = {
    key: 'shared',
    title: t.tables.shared,
    description: t.descriptions.shared,
    columns: [
      { key: 'id', label: c.id },
      { key: 'title', label: c.title },
      { key: 'stage', label: c.stage },
      { key: 'owner', label: c.owner },
      { key: 'participants', label: c.participants, numeric: true },
      { key: 'shares', label: c.shares },
      { key: 'shareTotal', label: c.shareTotal, numeric: true },
      ...personalColumn,
    ],
    rows: report.shared.map((r) => [r.id, r.title, stage(r.stage), place(r.municipality), r.participants.length, r.participants.map(shareText).join('; '), r.shareTotal, ...personalCell(r)]),
  };

  const costShares: ReportTable = {
    key: 'costShares',
    title: t.tables.costShares,
    columns: [
      { key: 'id', label: c.id },
      { key: 'title', label: c.title },
      { key: 'municipality', label: c.municipality },
      { key: 'role', label: c.role },
      { key: 'share', label: c.share, numeric: true },
      { key: 'joined', label: c.joined },
    ],
    rows: report.shared.flatMap((r) => r.participants.map((p): Cell[] => [r.id, r.title, p.name, t.roles[p.role], p.share ?? null, p.joined ?? ''])),
  };

  const spread: ReportTable = {
    key: 'spread',
    title: t.tables.spread,
    description: t.descriptions.spread,
    columns: [
      { key: 'id', label: c.id },
      { key: 'title', label: c.title },
      { key: 'stage', label: c.stage },
      { key: 'owner', label: c.owner },
      { key: 'reachedDone', label: c.reachedDone },
      { key: 'joinedCount', label: c.joinedCount, numeric: true },
      { key: 'joinedBy', label: c.joinedBy },
      ...personalColumn,
    ],
    rows: report.spread.map((r) => [r.id, r.title, stage(r.stage), place(r.municipality), r.reachedDone ?? '', r.joinedBy.length, r.joinedBy.map(place).join(', '), ...personalCell(r)]),
  };

  const timeInStage: ReportTable = {
    key: 'timeInStage',
    title: t.tables.timeInStage,
    description: t.descriptions.timeInStage,
    columns: [
      { key: 'stage', label: c.stage },
      { key: 'ideas', label: c.ideas, numeric: true },
      { key: 'medianDays', label: c.medianDays, numeric: true },
      { key: 'completed', label: c.completed, numeric: true },
      { key: 'medianDaysCompleted', label: c.medianDaysCompleted, numeric: true },
    ],
    rows: report.timeInStage.map((r) => [r.name, r.ideas, r.medianDays, r.completed, r.medianDaysCompleted]),
  };

  const leadTimes: ReportTable = {
    key: 'leadTimes',
    title: t.tables.leadTimes,
    description: t.descriptions.leadTimes,
    columns: [
      { key: 'target', label: c.target },
      { key: 'ideas', label: c.ideas, numeric: true },
      { key: 'medianDays', label: c.medianDays, numeric: true },
      { key: 'meanDays', label: c.meanDays, numeric: true },
    ],
    rows: report.leadTimes.map((r) => [t.targets[r.target], r.ideas, r.medianDays, r.meanDays]),
  };

  const stale: ReportTable = {
    key: 'stale',
    title: t.tables.stale,
    description: t.descriptions.stale(report.staleDays),
    columns: [
      { key: 'id', label: c.id },
      { key: 'title', label: c.title },
      { key: 'stage', label: c.stage },
      { key: 'municipality', label: c.municipality },
      { key: 'lastChange', label: c.lastChange },
      { key: 'days', label: c.days, numeric: true },
      ...personalColumn,
    ],
    rows: report.stale.map((r) => [r.id, r.title, stage(r.stage), place(r.municipality), r.lastChange, r.days, ...personalCell(r)]),
  };

  const duplicates: ReportTable = {
    key: 'duplicates',
    title: t.tables.duplicates,
    description: t.descriptions.duplicates,
    columns: [
      { key: 'id', label: c.id },
      { key: 'title', label: c.title },
      { key: 'municipality', label: c.municipality },
      { key: 'stage', label: c.stage },
      { key: 'duplicateOf', label: c.duplicateOf },
      { key: 'date', label: c.date },
      ...personalColumn,
    ],
    rows: report.duplicates.map((r) => [r.id, r.title, place(r.municipality), stage(r.stage), r.duplicateOf ?? '', r.date ?? '', ...personalCell(r)]),
  };

  const joins: ReportTable = {
    key: 'joins',
    title: t.tables.joins,
    description: t.descriptions.joins,
    columns: [
      { key: 'id', label: c.id },
      { key: 'title', label: c.title },
      { key: 'municipality', label: c.municipality },
      { key: 'role', label: c.role },
      { key: 'share', label: c.share, numeric: true },
      { key: 'date', label: c.date },
      { key: 'source', label: c.source },
    ],
    rows: report.joins.map((r) => [r.id, r.title, place(r.municipality), r.role ? t.roles[r.role] : '', r.share ?? null, r.date ?? '', t.sources[r.source]]),
  };

  const assessment: ReportTable = {
    key: 'assessment',
    title: t.tables.assessment,
    description: t.descriptions.assessment,
    columns: [
      { key: 'criterion', label: c.criterion },
      { key: 'assessed', label: c.assessed, numeric: true },
      { key: 'mean', label: c.mean, numeric: true },
      { key: 'median', label: c.median, numeric: true },
      { key: 'min', label: c.min, numeric: true },
      { key: 'max', label: c.max, numeric: true },
    ],
    rows: report.assessment.criteria.map((r) => [r.name, r.count, r.mean, r.median, r.min, r.max]),
  };

  return {
    lang,
    title: t.title,
    meta,
    tables: [summary, funnel, kinds, municipalityStage, inflow, throughput, shared, costShares, spread, timeInStage, leadTimes, stale, duplicates, joins, assessment],
    footer: t.meta.generatedBy,
  };
}

/** A number as people read it in the language: decimal comma in Swedish. */
export function formatNumber(value: number, lang: Lang): string {
  const text = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  return lang === 'sv' ? text.replace('.', ',') : text;
}

export function cellText(cell: Cell, lang: Lang): string {
  if (cell === null) return '–';
  return typeof cell === 'number' ? formatNumber(cell, lang) : cell;
}
