/**
 * `--format xlsx`: one worksheet per table (exceljs), numbers as numbers,
 * dates as real dates (`yyyy-mm-dd`, so Excel sorts and filters them as
 * dates), a bold frozen header row and an "about" sheet first with the date,
 * source and filters. The workbook's dates are the report date, not the clock.
 */
import ExcelJS from 'exceljs';
import type { Report } from '../../core/report/model.js';
import type { Cell, ReportDocument } from './tables.js';
import { safeText } from '../terminal-text.js';
import { reportText } from './text.js';

const SHEET_NAME_MAX = 31;
const DATE_FORMAT = 'yyyy-mm-dd';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The longest start of `text` that fits `max` characters and ends at a word: never mid-word, never a trailing space or dash. */
function cutAtWord(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = chars.slice(0, max + 1).join('');
  const boundary = head.search(/\s\S*$/);
  const cut = boundary > 0 ? head.slice(0, boundary) : chars.slice(0, max).join('');
  return cut.replace(/[\s\-–—:;,.]+$/u, '');
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], no apostrophe at either end, unique (case-insensitive). */
export function sheetName(title: string, used: Set<string>): string {
  const clean = title.replace(/[:\\/?*[\]]/g, ' ').replace(/\s+/g, ' ').replace(/^'+|'+$/g, '').trim() || 'Sheet';
  const base = cutAtWord(clean, SHEET_NAME_MAX);
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${cutAtWord(base, SHEET_NAME_MAX - String(n).length - 1)} ${n}`;
  used.add(name.toLowerCase());
  return name;
}

/** A YYYY-MM-DD text as the date it names (midnight UTC, which exceljs stores as a whole day number). */
function excelDate(text: string): Date {
  return new Date(`${text}T00:00:00Z`);
}

function cellValue(cell: Cell, isDate: boolean): ExcelJS.CellValue {
  if (cell === null || cell === '') return null;
  if (isDate && typeof cell === 'string' && ISO_DATE.test(cell)) return excelDate(cell);
  // XML 1.0, inside the file, cannot hold most control characters: they are shown escaped, as in the terminal.
  return typeof cell === 'string' ? safeText(cell) : cell;
}

export async function renderXlsx(doc: ReportDocument, report: Report): Promise<Uint8Array> {
  const t = reportText(doc.lang);
  const workbook = new ExcelJS.Workbook();
  const date = excelDate(report.asOf);
  workbook.creator = 'sluss';
  workbook.lastModifiedBy = 'sluss';
  workbook.created = date;
  workbook.modified = date;
  workbook.title = doc.title;
  const used = new Set<string>();

  const about = workbook.addWorksheet(sheetName(t.about, used));
  about.addRow([doc.title]).font = { bold: true, size: 14 };
  for (const [label, value] of doc.meta) {
    const row = about.addRow([label, cellValue(value, true)]);
    if (ISO_DATE.test(value)) row.getCell(2).numFmt = DATE_FORMAT;
  }
  about.addRow([]);
  about.addRow([doc.footer]);
  about.getColumn(1).width = 34;
  about.getColumn(2).width = 60;
  about.getColumn(1).font = { bold: true };
  about.getColumn(2).alignment = { horizontal: 'left' };

  for (const table of doc.tables) {
    const sheet = workbook.addWorksheet(sheetName(table.shortTitle, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = sheet.addRow(table.columns.map((c) => c.label));
    header.font = { bold: true };
    header.alignment = { vertical: 'top', wrapText: true };
    const dates = table.columns.map((c) => c.type === 'date');
    for (const row of table.rows) {
      const added = sheet.addRow(row.map((cell, i) => cellValue(cell, dates[i]!)));
      dates.forEach((isDate, i) => {
        if (isDate && added.getCell(i + 1).value instanceof Date) added.getCell(i + 1).numFmt = DATE_FORMAT;
      });
    }
    table.columns.forEach((column, i) => {
      const longest = Math.max([...column.label].length, ...table.rows.map((row) => [...String(row[i] ?? '')].length));
      sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2));
      if (column.numeric) sheet.getColumn(i + 1).alignment = { horizontal: 'right' };
    });
    if (table.rows.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
