/**
 * The report as titled tables, in the user's language: what the text,
 * Markdown, HTML, CSV and XLSX formats all show. Charts in the HTML are drawn
 * from these same rows, so a chart and its table never disagree.
 */
import type { RegisterConfig } from '../../core/config.js';
import type { Lang } from '../../core/lang.js';
import type { IdeaRef, MunicipalityStageRow, ParticipantShare, Report, SharedIdea } from '../../core/report/model.js';
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

type Shape = 'text' | 'number' | 'id' | 'date';
const SHAPES: Record<Shape, Partial<Column>> = { text: {}, number: { numeric: true }, id: { type: 'id' }, date: { type: 'date' } };

/** A column and how its cell is read from one row of the report: the one shape every table is made of. */
interface Field<R> {
  column: Column;
  cell(row: R): Cell;
}

function field<R>(key: string, label: string, shape: Shape, cell: (row: R) => Cell, extra: Partial<Column> = {}): Field<R> {
  return { column: { key, label, ...SHAPES[shape], ...extra }, cell };
}

type ColumnKey = keyof ReportText['columns'];

/** What every table builder needs: the words, the names of codes, the personal-data column. */
interface Names {
  lang: Lang;
  t: ReportText;
  stage(code: string): string;
  place(code: string): string;
  /** A column labelled with the catalogue's word for its key. */
  col<R>(key: ColumnKey, shape: Shape, cell: (row: R) => Cell): Field<R>;
  /** The id and title of the idea a row is about. */
  idea: Field<{ id: string; title: string }>[];
  /** The submitter, with --include-personal only. */
  personal: Field<IdeaRef>[];
}

type TableKey = keyof ReportText['tables'];

function table<R>(n: Names, key: TableKey, rows: readonly R[], fields: readonly Field<R>[], extra: { description?: string; chart?: ChartSpec } = {}): ReportTable {
  const title = n.t.tables[key];
  return {
    key,
    title,
    shortTitle: n.t.shortTitles[key] ?? title,
    ...(extra.description !== undefined ? { description: extra.description } : {}),
    columns: fields.map((f) => f.column),
    rows: rows.map((row) => fields.map((f) => f.cell(row))),
    ...(extra.chart !== undefined ? { chart: extra.chart } : {}),
  };
}

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
  const rows: [string, number][] = [
    [t.summary.ideas, totals.ideas],
    ...report.kinds.map((k): [string, number] => [t.summary.kind(t.kinds[k.kind]), k.count]),
    [t.summary.shared, totals.shared],
    [t.summary.reachedDone, totals.reachedDone],
    [t.summary.joins, totals.joins],
    [t.summary.duplicatesCaught, totals.duplicatesCaught],
    [t.summary.stale, totals.stale],
    [t.summary.assessed, totals.assessed],
    [t.summary.reachedImplementationInWindow, totals.reachedImplementationInWindow],
    [t.summary.reachedDoneInWindow, totals.reachedDoneInWindow],
  ];
  return table(n, 'summary', rows, [field('measure', t.measure, 'text', (r) => r[0]), field('count', t.count, 'number', (r) => r[1])]);
}

function stageTables(report: Report, config: RegisterConfig, n: Names): ReportTable[] {
  const { t, stage, col } = n;
  const stageCodes = config.stages.map((s) => s.code);
  return [
    table(
      n,
      'funnel',
      report.funnel,
      [col('stage', 'text', (r) => r.name), col('kind', 'text', (r) => t.kinds[r.kind]), col('current', 'number', (r) => r.current), col('reached', 'number', (r) => r.reached)],
      { description: t.descriptions.funnel, chart: { type: 'hbar', label: 0, values: [2] } },
    ),
    table(n, 'kinds', report.kinds, [col('kind', 'text', (k) => t.kinds[k.kind]), field('count', t.count, 'number', (k) => k.count)]),
    table(
      n,
      'municipalityStage',
      report.municipalityStage,
      [
        col('municipality', 'text', (r) => r.name),
        ...stageCodes.map((code) => field<MunicipalityStageRow>(code, stage(code), 'number', (r) => r.stages[code] ?? 0, { sideways: true })),
        col('owned', 'number', (r) => r.owned),
        col('participating', 'number', (r) => r.participating),
      ],
      { description: t.descriptions.municipalityStage, chart: { type: 'hbar', label: 0, values: [stageCodes.length + 1] } },
    ),
  ];
}

function flowTables(report: Report, n: Names): ReportTable[] {
  const { t, stage, col } = n;
  const implementationName = report.stages.implementation.map(stage).join('/') || '–';
  const doneName = report.stages.done.map(stage).join('/') || '–';
  return [
    table(n, 'inflow', report.inflow, [col('period', 'text', (r) => r.period), field('count', n.t.columns.newIdeas, 'number', (r) => r.count)], {
      description: t.descriptions.inflow,
      chart: { type: 'vbar', label: 0, values: [1] },
    }),
    table(
      n,
      'throughput',
      report.throughput,
      [col('period', 'text', (r) => r.period), col('implementation', 'number', (r) => r.implementation), field('spread', n.t.columns.done, 'number', (r) => r.spread)],
      { description: t.descriptions.throughput(implementationName, doneName), chart: { type: 'grouped', label: 0, values: [1, 2] } },
    ),
  ];
}

/** Shared ideas and one row per participant; the owner's share is what the idea declares or what is left of 100 %. */
function sharingTables(report: Report, n: Names): ReportTable[] {
  const { t, stage, place, lang, col } = n;
  const shareOf = (idea: SharedIdea, p: ParticipantShare) => (p.municipality === idea.municipality ? idea.ownerShare : p.share);
  const shareText = (idea: SharedIdea, p: ParticipantShare) => {
    const share = shareOf(idea, p);
    return `${p.name} (${t.roles[p.role]}${share !== undefined ? `, ${formatNumber(share, lang)}\u00a0%` : ''})`;
  };
  const participantRows = report.shared.flatMap((idea) => idea.participants.map((participant) => ({ idea, participant })));
  return [
    table(
      n,
      'shared',
      report.shared,
      [
        ...n.idea,
        col('stage', 'text', (r) => stage(r.stage)),
        col('owner', 'text', (r) => place(r.municipality)),
        col('participants', 'number', (r) => r.participants.length),
        col('shares', 'text', (r) => r.participants.map((p) => shareText(r, p)).join('; ')),
        col('ownerShare', 'number', (r) => r.ownerShare ?? null),
        ...n.personal,
      ],
      { description: t.descriptions.shared },
    ),
    table(
      n,
      'costShares',
      participantRows,
      [
        col('id', 'id', (r) => r.idea.id),
        col('title', 'text', (r) => r.idea.title),
        col('municipality', 'text', (r) => r.participant.name),
        col('role', 'text', (r) => t.roles[r.participant.role]),
        col('share', 'number', (r) => shareOf(r.idea, r.participant) ?? null),
        col('joined', 'date', (r) => r.participant.joined ?? ''),
      ],
      { description: t.descriptions.costShares },
    ),
    table(
      n,
      'spread',
      report.spread,
      [
        ...n.idea,
        col('stage', 'text', (r) => stage(r.stage)),
        col('owner', 'text', (r) => place(r.municipality)),
        col('reachedDone', 'date', (r) => r.reachedDone ?? ''),
        col('joinedCount', 'number', (r) => r.joinedBy.length),
        col('joinedBy', 'text', (r) => r.joinedBy.map(place).join(', ')),
        ...n.personal,
      ],
      { description: t.descriptions.spread },
    ),
  ];
}

function timeTables(report: Report, n: Names): ReportTable[] {
  const { t, col } = n;
  return [
    table(
      n,
      'timeInStage',
      report.timeInStage,
      [
        col('stage', 'text', (r) => r.name),
        col('ideas', 'number', (r) => r.ideas),
        col('medianDays', 'number', (r) => r.medianDays),
        col('completed', 'number', (r) => r.completed),
        col('medianDaysCompleted', 'number', (r) => r.medianDaysCompleted),
      ],
      { description: t.descriptions.timeInStage },
    ),
    table(
      n,
      'leadTimes',
      report.leadTimes,
      [col('target', 'text', (r) => t.targets[r.target]), col('ideas', 'number', (r) => r.ideas), col('medianDays', 'number', (r) => r.medianDays), col('meanDays', 'number', (r) => r.meanDays)],
      { description: t.descriptions.leadTimes },
    ),
  ];
}

function followUpTables(report: Report, n: Names): ReportTable[] {
  const { t, stage, place, col } = n;
  return [
    table(
      n,
      'stale',
      report.stale,
      [
        ...n.idea,
        col('stage', 'text', (r) => stage(r.stage)),
        col('municipality', 'text', (r) => place(r.municipality)),
        col('lastChange', 'date', (r) => r.lastChange),
        col('days', 'number', (r) => r.days),
        ...n.personal,
      ],
      { description: t.descriptions.stale(report.staleDays) },
    ),
    table(
      n,
      'duplicates',
      report.duplicates,
      [
        ...n.idea,
        col('municipality', 'text', (r) => place(r.municipality)),
        col('stage', 'text', (r) => stage(r.stage)),
        col('duplicateOf', 'id', (r) => r.duplicateOf ?? ''),
        col('date', 'date', (r) => r.date ?? ''),
        ...n.personal,
      ],
      { description: t.descriptions.duplicates },
    ),
    table(
      n,
      'joins',
      report.joins,
      [
        ...n.idea,
        col('municipality', 'text', (r) => place(r.municipality)),
        col('role', 'text', (r) => (r.role ? t.roles[r.role] : '')),
        col('share', 'number', (r) => r.share ?? null),
        col('date', 'date', (r) => r.date ?? ''),
        col('source', 'text', (r) => t.sources[r.source]),
      ],
      { description: t.descriptions.joins },
    ),
  ];
}

function assessmentTable(report: Report, n: Names): ReportTable {
  const { t, col } = n;
  return table(
    n,
    'assessment',
    report.assessment.criteria,
    [
      col('criterion', 'text', (r) => r.name),
      col('assessed', 'number', (r) => r.count),
      col('mean', 'number', (r) => r.mean),
      col('median', 'number', (r) => r.median),
      col('min', 'number', (r) => r.min),
      col('max', 'number', (r) => r.max),
    ],
    { description: t.descriptions.assessment },
  );
}

export function reportDocument(report: Report, config: RegisterConfig, lang: Lang): ReportDocument {
  const t = reportText(lang);
  const col = <R>(key: ColumnKey, shape: Shape, cell: (row: R) => Cell) => field(key, t.columns[key], shape, cell);
  const names: Names = {
    lang,
    t,
    stage: (code) => stageName(config, code),
    place: (code) => municipalityName(config, code),
    col,
    idea: [col('id', 'id', (r) => r.id), col('title', 'text', (r) => r.title)],
    personal: report.includePersonal ? [col('submitter', 'text', personal)] : [],
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
