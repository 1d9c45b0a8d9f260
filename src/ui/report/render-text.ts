/** `--format text` (terminal tables) and `--format md` (Markdown). */
import { table } from '../render.js';
import { safeLine } from '../terminal-text.js';
import type { Style } from '../render.js';
import { cellText } from './tables.js';
import type { ReportDocument, ReportTable } from './tables.js';
import { reportText } from './text.js';

const BAR_WIDTH = 30;

/** A bar of block characters for the charted column, so the terminal shows the shape too. */
function withBars(t: ReportTable): { headers: string[]; rows: string[][] } | undefined {
  if (!t.chart || t.chart.type === 'grouped') return undefined;
  const valueIndex = t.chart.values[0]!;
  const values = t.rows.map((row) => (typeof row[valueIndex] === 'number' ? (row[valueIndex] as number) : 0));
  const max = Math.max(0, ...values);
  return {
    headers: [''],
    rows: values.map((v) => [max === 0 ? '' : '█'.repeat(Math.round((v / max) * BAR_WIDTH)) || (v > 0 ? '▏' : '')]),
  };
}

export function renderText(doc: ReportDocument, style: Style): string {
  const t = reportText(doc.lang);
  const out: string[] = [style.bold(safeLine(doc.title)), ''];
  const labelWidth = Math.max(...doc.meta.map(([label]) => [...label].length));
  for (const [label, value] of doc.meta) out.push(`${style.dim(`${label}:`.padEnd(labelWidth + 1))} ${safeLine(value)}`);
  for (const section of doc.tables) {
    out.push('', style.bold(section.title));
    if (section.description) out.push(style.dim(section.description));
    if (section.rows.length === 0) {
      out.push(t.none);
      continue;
    }
    const headers = section.columns.map((c) => c.label);
    const rows = section.rows.map((row) => row.map((cell) => cellText(cell, doc.lang)));
    const bars = withBars(section);
    out.push(bars ? table([...headers, ...bars.headers], rows.map((row, i) => [...row, ...bars.rows[i]!])) : table(headers, rows));
  }
  out.push('', style.dim(doc.footer));
  return out.join('\n');
}

function mdCell(text: string): string {
  return safeLine(text.replace(/[\r\n]+/g, ' ')).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/([<>*_`[\]])/g, '\\$1');
}

export function renderMarkdown(doc: ReportDocument): string {
  const t = reportText(doc.lang);
  const out: string[] = [`# ${mdCell(doc.title)}`, ''];
  for (const [label, value] of doc.meta) out.push(`- **${mdCell(label)}:** ${mdCell(value)}`);
  for (const section of doc.tables) {
    out.push('', `## ${mdCell(section.title)}`, '');
    if (section.description) out.push(mdCell(section.description), '');
    if (section.rows.length === 0) {
      out.push(`_${t.none}_`);
      continue;
    }
    out.push(`| ${section.columns.map((c) => mdCell(c.label)).join(' | ')} |`);
    out.push(`|${section.columns.map((c) => (c.numeric ? ' ---: ' : ' --- ')).join('|')}|`);
    for (const row of section.rows) out.push(`| ${row.map((cell) => mdCell(cellText(cell, doc.lang))).join(' | ')} |`);
  }
  out.push('', `_${mdCell(doc.footer)}_`, '');
  return out.join('\n');
}
