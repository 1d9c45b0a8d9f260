/**
 * `--format csv`. One file holds every table: a title row, the header row and
 * the data rows, with a blank line between tables. With `--out <folder>/` each
 * table is its own file instead, named by its short title in the report's
 * language (`kommun-steg.csv`, `kostnadsandelar.csv`; `cost-shares.csv` in English). `excel: true` is for Swedish
 * Excel: `;` between fields, decimal comma and a UTF-8 byte order mark.
 * Lines end in CRLF (RFC 4180). Text that Excel would run as a formula
 * (starting with = + - @, a tab or a carriage return) gets a leading `'`.
 */
import { safeText } from '../terminal-text.js';
import type { Cell, ReportDocument, ReportTable } from './tables.js';
import { reportText } from './text.js';

export interface CsvOptions {
  excel: boolean;
}

const BOM = '\uFEFF';
const EOL = '\r\n';

function field(cell: Cell, options: CsvOptions): string {
  if (cell === null) return '';
  let text: string;
  if (typeof cell === 'number') {
    text = String(cell);
    if (options.excel) text = text.replace('.', ',');
  } else {
    // A CSV is also read with cat in a terminal: control characters are shown escaped.
    text = /^[=+\-@\t\r]/.test(cell) ? `'${safeText(cell)}` : safeText(cell);
  }
  const separator = options.excel ? ';' : ',';
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function line(cells: readonly Cell[], options: CsvOptions): string {
  return cells.map((cell) => field(cell, options)).join(options.excel ? ';' : ',');
}

function aboutTable(doc: ReportDocument): ReportTable {
  return { key: 'about', title: doc.title, shortTitle: reportText(doc.lang).about, columns: [{ key: 'label', label: '' }, { key: 'value', label: '' }], rows: doc.meta };
}

/**
 * A file name from a short title, as a user would type it: lower case, words
 * joined by `-`, letters kept (å, ä, ö are fine in file names on Windows,
 * macOS and Linux), everything else dropped: `Kommun × steg` → `kommun-steg.csv`.
 */
export function csvFileName(shortTitle: string): string {
  const words = shortTitle.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return `${words.join('-') || 'tabell'}.csv`;
}

function tableLines(table: ReportTable, options: CsvOptions): string[] {
  return [line(table.columns.map((c) => c.label), options), ...table.rows.map((row) => line(row, options))];
}

/** Every table in one CSV text, each after a title row and separated by a blank line. */
export function renderCsv(doc: ReportDocument, options: CsvOptions): string {
  const about = aboutTable(doc);
  const sections = [[line([doc.title], options), ...about.rows.map((row) => line(row, options))]];
  for (const table of doc.tables) sections.push([line([table.title], options), ...tableLines(table, options)]);
  return (options.excel ? BOM : '') + sections.map((s) => s.join(EOL)).join(EOL + EOL) + EOL;
}

/** One CSV text per table, named by its short title; the first (`om-rapporten.csv`, `about-this-report.csv`) holds the date, source and filters. */
export function renderCsvFiles(doc: ReportDocument, options: CsvOptions): { name: string; content: string }[] {
  const about = aboutTable(doc);
  const files = [{ name: csvFileName(about.shortTitle), lines: about.rows.map((row) => line(row, options)) }];
  for (const table of doc.tables) files.push({ name: csvFileName(table.shortTitle), lines: tableLines(table, options) });
  return files.map((f) => ({ name: f.name, content: (options.excel ? BOM : '') + f.lines.join(EOL) + EOL }));
}
