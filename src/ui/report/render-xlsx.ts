/**
 * `--format xlsx`: one worksheet per table (exceljs), numbers as numbers,
 * a bold frozen header row and an "about" sheet first with the date, source
 * and filters. The workbook's dates are the report date, not the clock.
 */
import ExcelJS from 'exceljs';
import type { Report } from '../../core/report/model.js';
import type { ReportDocument } from './tables.js';
import { safeText } from '../terminal-text.js';
import { reportText } from './text.js';

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[:\\/?*[\]]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  used.add(name.toLowerCase());
  return name;
}

export async function renderXlsx(doc: ReportDocument, report: Report): Promise<Uint8Array> {
  const t = reportText(doc.lang);
  const workbook = new ExcelJS.Workbook();
  const date = new Date(`${report.asOf}T00:00:00Z`);
  workbook.creator = 'sluss';
  workbook.lastModifiedBy = 'sluss';
  workbook.created = date;
  workbook.modified = date;
  workbook.title = doc.title;
  const used = new Set<string>();

  const about = workbook.addWorksheet(sheetName(t.about, used));
  about.addRow([doc.title]).font = { bold: true, size: 14 };
  for (const [label, value] of doc.meta) about.addRow([label, value]);
  about.addRow([]);
  about.addRow([doc.footer]);
  about.getColumn(1).width = 34;
  about.getColumn(2).width = 60;
  about.getColumn(1).font = { bold: true };

  for (const table of doc.tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = sheet.addRow(table.columns.map((c) => c.label));
    header.font = { bold: true };
    header.alignment = { vertical: 'top', wrapText: true };
    // XML 1.0, inside the file, cannot hold most control characters: they are shown escaped, as in the terminal.
    for (const row of table.rows) sheet.addRow(row.map((cell) => (typeof cell === 'string' ? safeText(cell) : cell)));
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
