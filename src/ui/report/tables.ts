/**
 * The report as titled tables, in the user's language: what the text,
 * Markdown, HTML, CSV and XLSX formats all show. Charts in the HTML are drawn
 * from these same rows, so a chart and its table never disagree.
 */
import type { RegisterConfig } from '../../core/config.js';
import type { Lang } from '../../core/messages.js';
import type { IdeaRef, ParticipantShare, Report, SharedIdea } from '../../core/report/model.js';
import { reportText } from './text.js';
import type { ReportText } from './text.js';

export type Cell = string | number | null;

export interface Column {
  key: string;
  label: string;
  numeric?: boolean;
  /** `id` and `date` values never wrap; `date` cells are YYYY-MM-DD and become real dates in XLSX. */
  type?: 'id' | 'date';
  /** A header that may be set sideways, so a table with many narrow number columns fits the page. */
  sideways?: boolean;
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
  /** At most 31 characters where the catalogue gives one: names the Excel sheet and the CSV file. */
  shortTitle: string;
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

/** What every table builder needs: the words, the names of codes, the personal-data column. */
interface Names {
  lang: Lang;
  t: ReportText;
  c: ReportText['columns'];
  stage(code: string): string;
  place(code: string): string;
  personalColumn: Column[];
  personalCell(ref: IdeaRef): Cell[];
}

type TableKey = keyof ReportText['tables'];

function titled(n: Names, key: TableKey, rest: Omit<ReportTable, 'key' | 'title' | 'shortTitle'>): ReportTable {
  const title = n.t.tables[key];
  return { key, title, shortTitle: n.t.shortTitles[key] ?? title, ...rest };
}

const idColumns = (c: ReportText['columns']): Column[] => [
  { key: 'id', label: c.id, type: 'id' },
  { key: 'title', label: c.title },
];

function metaRows(report: Report, config: RegisterConfig, n: Names): [string, string][] {
  const { t, place } = n;
  const categoryName = (code: string) => config.categories.find((x) => x.code === code)?.name ?? code;
  const source =
    report.source.kind === 'commit'
      ? t.meta.commit(report.source.ref ?? report.source.commit ?? '', report.source.commit ?? '', report.source.commitDate ?? '')
      : t.meta.workingTree;
  return [
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
}

/**
 * Key figures. Ideas shared by two or more municipalities and ideas joined by
 * others are nearly always the same ideas, so only the first is shown
 * (`totals.joinedByOthers` stays in the JSON).
 */
function summaryTable(report: Report, n: Names): ReportTable {
  const { t } = n;
  const totals = report.totals;
  return titled(n, 'summary', {
    columns: [
      { key: 'measure', label: t.measure },
      { key: 'count', label: t.count, numeric: true },
    ],
    rows: [
      [t.summary.ideas, totals.ideas],
      ...report.kinds.map((k): Cell[] => [t.summary.kind(t.kinds[k.kind]), k.count]),
      [t.summary.shared, totals.shared],
      [t.summary.reachedDone, totals.reachedDone],
      [t.summary.joins, totals.joins],
      [t.summary.duplicatesCaught, totals.duplicatesCaught],
      [t.summary.stale, totals.stale],
      [t.summary.assessed, totals.assessed],
      [t.summary.reachedImplementationInWindow, totals.reachedImplementationInWindow],
      [t.summary.reachedDoneInWindow, totals.reachedDoneInWindow],
    ],
  });
}

function stageTables(report: Report, config: RegisterConfig, n: Names): ReportTable[] {
  const { t, c, stage } = n;
  const funnel = titled(n, 'funnel', {
    description: t.descriptions.funnel,
    columns: [
      { key: 'stage', label: c.stage },
      { key: 'kind', label: c.kind },
      { key: 'current', label: c.current, numeric: true },
      { key: 'reached', label: c.reached, numeric: true },
    ],
    rows: report.funnel.map((r) => [r.name, t.kinds[r.kind], r.current, r.reached]),
    chart: { type: 'hbar', label: 0, values: [2] },
  });
  const kinds = titled(n, 'kinds', {
    columns: [
      { key: 'kind', label: c.kind },
      { key: 'count', label: t.count, numeric: true },
    ],
    rows: report.kinds.map((k) => [t.kinds[k.kind], k.count]),
  });
  const stageCodes = config.stages.map((s) => s.code);
  const municipalityStage = titled(n, 'municipalityStage', {
    description: t.descriptions.municipalityStage,
    columns: [
      { key: 'municipality', label: c.municipality },
      ...stageCodes.map((code) => ({ key: code, label: stage(code), numeric: true, sideways: true })),
      { key: 'owned', label: c.owned, numeric: true },
      { key: 'participating', label: c.participating, numeric: true },
    ],
    rows: report.municipalityStage.map((r) => [r.name, ...stageCodes.map((code) => r.stages[code] ?? 0), r.owned, r.participating]),
    chart: { type: 'hbar', label: 0, values: [stageCodes.length + 1] },
  });
  return [funnel, kinds, municipalityStage];
}

function flowTables(report: Report, n: Names): ReportTable[] {
  const { t, c, stage } = n;
  const inflow = titled(n, 'inflow', {
    description: t.descriptions.inflow,
    columns: [
      { key: 'period', label: c.period },
      { key: 'count', label: c.newIdeas, numeric: true },
    ],
    rows: report.inflow.map((r) => [r.period, r.count]),
    chart: { type: 'vbar', label: 0, values: [1] },
  });
  const implementationName = report.stages.implementation.map(stage).join('/') || '–';
  const doneName = report.stages.done.map(stage).join('/') || '–';
  const throughput = titled(n, 'throughput', {
    description: t.descriptions.throughput(implementationName, doneName),
    columns: [
      { key: 'period', label: c.period },
      { key: 'implementation', label: c.implementation, numeric: true },
      { key: 'spread', label: c.done, numeric: true },
    ],
    rows: report.throughput.map((r) => [r.period, r.implementation, r.spread]),
    chart: { type: 'grouped', label: 0, values: [1, 2] },
  });
  return [inflow, throughput];
}

/** Shared ideas and one row per participant; the owner's share is what the idea declares or what is left of 100 %. */
function sharingTables(report: Report, n: Names): ReportTable[] {
  const { t, c, stage, place, lang } = n;
  const shareOf = (idea: SharedIdea, p: ParticipantShare) => (p.municipality === idea.municipality ? idea.ownerShare : p.share);
  const shareText = (idea: SharedIdea, p: ParticipantShare) => {
    const share = shareOf(idea, p);
    return `${p.name} (${t.roles[p.role]}${share !== undefined ? `, ${formatNumber(share, lang)}\u00a0%` : ''})`;
  };
  const shared = titled(n, 'shared', {
    description: t.descriptions.shared,
    columns: [
      ...idColumns(c),
      { key: 'stage', label: c.stage },
      { key: 'owner', label: c.owner },
      { key: 'participants', label: c.participants, numeric: true },
      { key: 'shares', label: c.shares },
      { key: 'ownerShare', label: c.ownerShare, numeric: true },
      ...n.personalColumn,
    ],
    rows: report.shared.map((r) => [
      r.id,
      r.title,
      stage(r.stage),
      place(r.municipality),
      r.participants.length,
      r.participants.map((p) => shareText(r, p)).join('; '),
      r.ownerShare ?? null,
      ...n.personalCell(r),
    ]),
  });
  const costShares = titled(n, 'costShares', {
    description: t.descriptions.costShares,
    columns: [
      ...idColumns(c),
      { key: 'municipality', label: c.municipality },
      { key: 'role', label: c.role },
      { key: 'share', label: c.share, numeric: true },
      { key: 'joined', label: c.joined, type: 'date' },
    ],
    rows: report.shared.flatMap((r) => r.participants.map((p): Cell[] => [r.id, r.title, p.name, t.roles[p.role], shareOf(r, p) ?? null, p.joined ?? ''])),
  });
  const spread = titled(n, 'spread', {
    description: t.descriptions.spread,
    columns: [
      ...idColumns(c),
      { key: 'stage', label: c.stage },
      { key: 'owner', label: c.owner },
      { key: 'reachedDone', label: c.reachedDone, type: 'date' },
      { key: 'joinedCount', label: c.joinedCount, numeric: true },
      { key: 'joinedBy', label: c.joinedBy },
      ...n.personalColumn,
    ],
    rows: report.spread.map((r) => [r.id, r.title, stage(r.stage), place(r.municipality), r.reachedDone ?? '', r.joinedBy.length, r.joinedBy.map(place).join(', '), ...n.personalCell(r)]),
  });
  return [shared, costShares, spread];
}

function timeTables(report: Report, n: Names): ReportTable[] {
  const { t, c } = n;
  const timeInStage = titled(n, 'timeInStage', {
    description: t.descriptions.timeInStage,
    columns: [
      { key: 'stage', label: c.stage },
      { key: 'ideas', label: c.ideas, numeric: true },
      { key: 'medianDays', label: c.medianDays, numeric: true },
      { key: 'completed', label: c.completed, numeric: true },
      { key: 'medianDaysCompleted', label: c.medianDaysCompleted, numeric: true },
    ],
    rows: report.timeInStage.map((r) => [r.name, r.ideas, r.medianDays, r.completed, r.medianDaysCompleted]),
  });
  const leadTimes = titled(n, 'leadTimes', {
    description: t.descriptions.leadTimes,
    columns: [
      { key: 'target', label: c.target },
      { key: 'ideas', label: c.ideas, numeric: true },
      { key: 'medianDays', label: c.medianDays, numeric: true },
      { key: 'meanDays', label: c.meanDays, numeric: true },
    ],
    rows: report.leadTimes.map((r) => [t.targets[r.target], r.ideas, r.medianDays, r.meanDays]),
  });
  return [timeInStage, leadTimes];
}

function followUpTables(report: Report, n: Names): ReportTable[] {
  const { t, c, stage, place } = n;
  const stale = titled(n, 'stale', {
    description: t.descriptions.stale(report.staleDays),
    columns: [
      ...idColumns(c),
      { key: 'stage', label: c.stage },
      { key: 'municipality', label: c.municipality },
      { key: 'lastChange', label: c.lastChange, type: 'date' },
      { key: 'days', label: c.days, numeric: true },
      ...n.personalColumn,
    ],
    rows: report.stale.map((r) => [r.id, r.title, stage(r.stage), place(r.municipality), r.lastChange, r.days, ...n.personalCell(r)]),
  });
  const duplicates = titled(n, 'duplicates', {
    description: t.descriptions.duplicates,
    columns: [
      ...idColumns(c),
      { key: 'municipality', label: c.municipality },
      { key: 'stage', label: c.stage },
      { key: 'duplicateOf', label: c.duplicateOf, type: 'id' },
      { key: 'date', label: c.date, type: 'date' },
      ...n.personalColumn,
    ],
    rows: report.duplicates.map((r) => [r.id, r.title, place(r.municipality), stage(r.stage), r.duplicateOf ?? '', r.date ?? '', ...n.personalCell(r)]),
  });
  const joins = titled(n, 'joins', {
    description: t.descriptions.joins,
    columns: [
      ...idColumns(c),
      { key: 'municipality', label: c.municipality },
      { key: 'role', label: c.role },
      { key: 'share', label: c.share, numeric: true },
      { key: 'date', label: c.date, type: 'date' },
      { key: 'source', label: c.source },
    ],
    rows: report.joins.map((r) => [r.id, r.title, place(r.municipality), r.role ? t.roles[r.role] : '', r.share ?? null, r.date ?? '', t.sources[r.source]]),
  });
  return [stale, duplicates, joins];
}

function assessmentTable(report: Report, n: Names): ReportTable {
  const { t, c } = n;
  return titled(n, 'assessment', {
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
  });
}

export function reportDocument(report: Report, config: RegisterConfig, lang: Lang): ReportDocument {
  const t = reportText(lang);
  const withPersonal = report.includePersonal;
  const names: Names = {
    lang,
    t,
    c: t.columns,
    stage: (code) => stageName(config, code),
    place: (code) => municipalityName(config, code),
    personalColumn: withPersonal ? [{ key: 'submitter', label: t.columns.submitter }] : [],
    personalCell: (ref) => (withPersonal ? [personal(ref)] : []),
  };
  return {
    lang,
    title: t.title,
    meta: metaRows(report, config, names),
    tables: [
      summaryTable(report, names),
      ...stageTables(report, config, names),
      ...flowTables(report, names),
      ...sharingTables(report, names),
      ...timeTables(report, names),
      ...followUpTables(report, names),
      assessmentTable(report, names),
    ],
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
