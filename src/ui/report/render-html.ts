/**
 * `--format html`: one self-contained file – inline CSS, inline SVG charts, no
 * scripts and no external requests – that reads on screen, prints on A4 and
 * passes axe-core (WCAG 2.1 AA). Every chart is drawn from the table printed
 * right after it, is an `img` named by its title and description, and uses a
 * colour-blind-safe palette (Okabe–Ito blue and vermilion) with a hatch
 * pattern and direct value labels, so colour never carries meaning alone.
 * Every text is escaped.
 */
import { safeText } from '../terminal-text.js';
import type { ChartSpec, ReportDocument, ReportTable } from './tables.js';
import { cellText, formatNumber } from './tables.js';
import { reportText } from './text.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** Markup escaped; control characters (invalid in HTML, inert in a browser) shown as in the terminal. */
const esc = (text: string) => escapeHtml(safeText(text));
const INK = '#1b1b1b';
const SERIES = [
  { fill: '#0072B2', stroke: '#00466e' },
  { fill: '#D55E00', stroke: '#7a3500' },
] as const;
const WIDTH = 680;
/** Widest glyph advance of the 12 px chart font we allow for (digits in DejaVu Sans are 7.6 px). */
const CHAR_WIDTH = 7.6;
/** Axis labels of more than 12 periods are turned this many degrees, so they do not overlap. */
const LABEL_ANGLE = 55;

function numberAt(row: readonly unknown[], index: number): number {
  const value = row[index];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function labelAt(row: readonly unknown[], index: number): string {
  const value = row[index];
  return value === null || value === undefined ? '' : String(value);
}

/** A short text that fits `max` characters. */
function fit(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function fillOf(series: number, key: string): string {
  return series === 0 ? SERIES[0].fill : `url(#hatch-${key})`;
}

function defs(key: string): string {
  return `<defs><pattern id="hatch-${key}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="${SERIES[1].fill}"/><line x1="1.5" y1="0" x2="1.5" y2="6" stroke="#ffffff" stroke-width="1.5"/></pattern></defs>`;
}

function horizontalBars(table: ReportTable, chart: ChartSpec, lang: ReportDocument['lang']): { body: string; height: number; bars: number } {
  const valueIndex = chart.values[0]!;
  const rows = table.rows;
  const labels = rows.map((row) => fit(labelAt(row, chart.label), 26));
  const labelWidth = Math.min(220, Math.max(80, Math.max(...labels.map((l) => [...l].length)) * 7 + 14));
  const area = WIDTH - labelWidth - 60;
  const max = Math.max(0, ...rows.map((row) => numberAt(row, valueIndex)));
  const rowHeight = 24;
  const parts: string[] = [];
  rows.forEach((row, i) => {
    const value = numberAt(row, valueIndex);
    const y = 8 + i * rowHeight;
    const width = max === 0 ? 0 : Math.round((value / max) * area * 10) / 10;
    parts.push(
      `<text x="${labelWidth - 8}" y="${y + 12.5}" text-anchor="end" class="label">${esc(labels[i]!)}</text>`,
      `<rect class="bar" x="${labelWidth}" y="${y}" width="${width}" height="17" fill="${SERIES[0].fill}" stroke="${SERIES[0].stroke}" stroke-width="${width > 0 ? 1 : 0}" data-value="${value}"/>`,
      `<text x="${labelWidth + width + 6}" y="${y + 12.5}" class="value">${esc(formatNumber(value, lang))}</text>`,
    );
  });
  parts.push(`<line x1="${labelWidth}" y1="4" x2="${labelWidth}" y2="${8 + rows.length * rowHeight}" stroke="${INK}" stroke-width="1"/>`);
  return { body: parts.join(''), height: 16 + rows.length * rowHeight, bars: rows.length };
}

function verticalBars(table: ReportTable, chart: ChartSpec, lang: ReportDocument['lang'], seriesNames: string[]): { body: string; height: number; bars: number } {
  const rows = table.rows;
  const series = chart.values;
  const legendHeight = series.length > 1 ? 26 : 0;
  const top = 22 + legendHeight;
  const rotate = rows.length > 12;
  // A turned label hangs down and to the left of its bar: leave room for the first one and for the longest.
  const longest = CHAR_WIDTH * Math.max(0, ...rows.map((row) => [...labelAt(row, chart.label)].length));
  const radians = (LABEL_ANGLE * Math.PI) / 180;
  const firstSlot = rows.length === 0 ? 0 : (WIDTH - 24) / rows.length;
  const left = rotate ? Math.max(16, Math.ceil(longest * Math.cos(radians) + 12 * Math.sin(radians) + 4 - firstSlot / 2)) : 16;
  const plotWidth = WIDTH - left - 8;
  const bottom = rotate ? Math.ceil(16 + longest * Math.sin(radians)) : 30;
  const plotHeight = 170;
  const height = top + plotHeight + bottom;
  const max = Math.max(0, ...rows.flatMap((row) => series.map((index) => numberAt(row, index))));
  const slot = rows.length === 0 ? plotWidth : plotWidth / rows.length;
  const groupWidth = slot * 0.78;
  const barWidth = groupWidth / series.length;
  const labelEvery = Math.max(1, Math.ceil(rows.length / 36));
  const showValues = slot / series.length >= 13;
  const baseline = top + plotHeight;
  const parts: string[] = [];
  if (series.length > 1) {
    let x = left;
    series.forEach((_, s) => {
      parts.push(
        `<rect x="${x}" y="6" width="14" height="14" fill="${fillOf(s, table.key)}" stroke="${SERIES[s]!.stroke}" stroke-width="1"/>`,
        `<text x="${x + 20}" y="17.5" class="label">${esc(seriesNames[s] ?? '')}</text>`,
      );
      x += 28 + [...(seriesNames[s] ?? '')].length * 7 + 16;
    });
  }
  let bars = 0;
  rows.forEach((row, i) => {
    const groupX = left + i * slot + (slot - groupWidth) / 2;
    series.forEach((index, s) => {
      const value = numberAt(row, index);
      const h = max === 0 ? 0 : Math.round((value / max) * plotHeight * 10) / 10;
      const x = Math.round((groupX + s * barWidth) * 10) / 10;
      const w = Math.max(1, Math.round(barWidth * 10) / 10 - (series.length > 1 ? 1 : 0));
      parts.push(
        `<rect class="bar" x="${x}" y="${baseline - h}" width="${w}" height="${h}" fill="${fillOf(s, table.key)}" stroke="${SERIES[s]!.stroke}" stroke-width="${h > 0 ? 1 : 0}" data-value="${value}"/>`,
      );
      if (showValues) parts.push(`<text x="${x + w / 2}" y="${baseline - h - 4}" text-anchor="middle" class="value">${esc(formatNumber(value, lang))}</text>`);
      bars += 1;
    });
    if (i % labelEvery === 0) {
      const cx = left + i * slot + slot / 2;
      const label = esc(labelAt(row, chart.label));
      parts.push(
        rotate
          ? `<text x="${cx}" y="${baseline + 12}" text-anchor="end" transform="rotate(-${LABEL_ANGLE} ${cx} ${baseline + 12})" class="axis">${label}</text>`
          : `<text x="${cx}" y="${baseline + 18}" text-anchor="middle" class="axis">${label}</text>`,
      );
    }
  });
  parts.push(`<line x1="${left}" y1="${baseline}" x2="${WIDTH - 8}" y2="${baseline}" stroke="${INK}" stroke-width="1"/>`);
  if (!showValues) parts.push(`<text x="${left}" y="${top - 6}" class="axis">max ${esc(formatNumber(max, lang))}</text>`);
  return { body: parts.join(''), height, bars };
}

function renderChart(doc: ReportDocument, table: ReportTable, chart: ChartSpec): string {
  const t = reportText(doc.lang);
  const seriesNames = chart.values.map((index) => table.columns[index]?.label ?? '');
  const drawn = chart.type === 'hbar' ? horizontalBars(table, chart, doc.lang) : verticalBars(table, chart, doc.lang, seriesNames);
  const titleId = `chart-${table.key}-title`;
  const descId = `chart-${table.key}-desc`;
  const description = `${seriesNames.join(', ')}. ${t.chart.bars(drawn.bars)}`;
  return [
    `<figure class="chart">`,
    `<svg role="img" aria-labelledby="${titleId} ${descId}" viewBox="0 0 ${WIDTH} ${drawn.height}" width="${WIDTH}" height="${drawn.height}" data-chart="${table.key}" data-bars="${drawn.bars}" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${titleId}">${esc(table.title)}</title>`,
    `<desc id="${descId}">${esc(description)}</desc>`,
    chart.values.length > 1 ? defs(table.key) : '',
    drawn.body,
    `</svg>`,
    `</figure>`,
  ].join('');
}

function classes(names: (string | false | undefined)[]): string {
  const used = names.filter(Boolean);
  return used.length > 0 ? ` class="${used.join(' ')}"` : '';
}

/**
 * Ids and dates never wrap at their dashes; sideways headers keep a wide cross table within the page.
 * A wide table scrolls in a region of its own; with `scrollAll` every table does (a page read on a phone).
 */
function renderTable(doc: ReportDocument, table: ReportTable, scrollAll: boolean): string {
  const captionId = `table-${table.key}`;
  const head = table.columns
    .map((c) => `<th scope="col"${classes([c.numeric && 'num', c.sideways && 'sideways'])}>${c.sideways ? `<span>${esc(c.label)}</span>` : esc(c.label)}</th>`)
    .join('');
  const body = table.rows
    .map((row) => {
      const cells = row.map((cell, i) => {
        const column = table.columns[i];
        const text = esc(cellText(cell, doc.lang));
        const cls = classes([column?.numeric && 'num', column?.type !== undefined && 'nowrap']);
        return i === 0 ? `<th scope="row"${cls}>${text}</th>` : `<td${cls}>${text}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const wide = table.columns.length > 6;
  const html = `<table${wide ? ' class="wide"' : ''}><caption id="${captionId}" class="visually-hidden">${esc(table.title)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
  return wide || scrollAll ? `<div class="scroll" role="region" tabindex="0" aria-labelledby="${captionId}">${html}</div>` : html;
}

/** The report's own page: width, type and footer; print on A4. */
const PAGE_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1040px; padding: 24px 20px 48px; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 15px; line-height: 1.45; color: ${INK}; background: #ffffff; }
h1 { font-size: 1.7rem; margin: 0 0 4px; }
footer { margin-top: 36px; font-size: 0.85rem; color: #404040; }
@media (max-width: 900px) {
  body { padding: 16px 12px 40px; }
}
@page { size: A4 portrait; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
}
`;

/**
 * The report's content: sections, key figures, charts and tables. Also the
 * stylesheet of the report as a page of the web site (`sluss site`), inside
 * the site's own frame.
 */
export const REPORT_CONTENT_CSS = `
h2 { font-size: 1.2rem; margin: 32px 0 6px; padding-top: 8px; border-top: 2px solid #d0d7de; }
p.description { margin: 0 0 10px; color: #404040; max-width: 70ch; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0 16px; font-size: 0.92rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
ul.kpis { list-style: none; display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 8px; padding: 0; margin: 10px 0; }
ul.kpis li { border: 1px solid #c4ccd4; border-left: 6px solid #0072B2; border-radius: 4px; padding: 6px 10px; }
ul.kpis li.sub { border-left-color: #8a96a3; }
.kpi-value { display: block; font-size: 1.6rem; font-weight: 700; line-height: 1.1; }
.kpi-label { display: block; font-size: 0.85rem; color: #404040; }
.visually-hidden { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
figure.chart { margin: 8px 0 10px; }
figure.chart svg { max-width: 100%; height: auto; }
svg .label, svg .value, svg .axis { font-family: inherit; font-size: 12px; fill: ${INK}; }
svg .value { font-weight: 600; }
.scroll { overflow-x: auto; }
.scroll:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
table { border-collapse: collapse; margin: 4px 0 8px; font-size: 0.9rem; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid #c4ccd4; padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: #eef2f6; vertical-align: bottom; }
tbody th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.nowrap { white-space: nowrap; }
th.sideways { vertical-align: bottom; text-align: center; padding: 6px 4px; }
th.sideways span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
p.none { font-style: italic; color: #404040; }
@media (max-width: 900px) {
  table.wide { font-size: 0.82rem; }
  table.wide th, table.wide td { padding: 3px 5px; }
}
@media print {
  /* break-after: avoid on the heading and description still let Chromium end pages with a heading, so
     heading, description and chart are one unbreakable block, padded with room for a table's first rows
     that the negative margin gives back: a heading never ends a page alone or with only a header row. */
  .lead { break-inside: avoid; page-break-inside: avoid; padding-bottom: 6em; margin-bottom: -6em; }
  figure.chart, ul.kpis, tr, dl.meta { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .scroll { overflow: visible; }
  table { font-size: 8.5pt; }
  table.wide { font-size: 7.5pt; }
  th, td { padding: 2px 4px; }
}
`;

/**
 * The report's title with its facts (period, source, date), and its sections: the page around them is the caller's.
 * `scrollAll`: every table in a scroll region of its own, not only the wide ones (the web site, read at 320 px).
 */
export function renderReportContent(doc: ReportDocument, options: { scrollAll?: boolean } = {}): { heading: string; sections: string } {
  const t = reportText(doc.lang);
  const summary = doc.tables.find((x) => x.key === 'summary');
  const kpis = (summary?.rows ?? [])
    .map((row) => {
      const sub = String(row[0]).startsWith('–');
      return `<li${sub ? ' class="sub"' : ''}><span class="kpi-value">${esc(cellText(row[1] ?? null, doc.lang))}</span> <span class="kpi-label">${esc(String(row[0]).replace(/^– /, ''))}</span></li>`;
    })
    .join('');
  // The heading, its description and the chart are one block that a printed page never splits (see .lead in CSS).
  const sections = doc.tables.filter((table) => table.key !== 'summary').map((table) => {
    const lead = [`<h2 id="h-${table.key}">${esc(table.title)}</h2>`];
    if (table.description) lead.push(`<p class="description">${esc(table.description)}</p>`);
    if (table.rows.length === 0) lead.push(`<p class="none">${esc(t.none)}</p>`);
    else if (table.chart) lead.push(renderChart(doc, table, table.chart));
    const parts = [`<section aria-labelledby="h-${table.key}">`, `<div class="lead">${lead.join('\n')}</div>`];
    if (table.rows.length > 0) parts.push(renderTable(doc, table, options.scrollAll ?? false));
    parts.push('</section>');
    return parts.join('\n');
  });
  return {
    heading: [`<h1>${esc(doc.title)}</h1>`, `<dl class="meta">${doc.meta.map(([label, value]) => `<dt>${esc(label)}</dt><dd>${esc(value)}</dd>`).join('')}</dl>`].join('\n'),
    sections: [summary ? `<section aria-labelledby="h-summary"><div class="lead"><h2 id="h-summary">${esc(summary.title)}</h2><ul class="kpis">${kpis}</ul></div></section>` : '', ...sections].join('\n'),
  };
}

export function renderHtml(doc: ReportDocument): string {
  const { heading, sections } = renderReportContent(doc);
  return [
    '<!DOCTYPE html>',
    `<html lang="${doc.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(`${doc.title} – ${doc.meta[0]?.[1] ?? ''}`)}</title>`,
    `<style>${PAGE_CSS}${REPORT_CONTENT_CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    heading,
    '</header>',
    '<main>',
    sections,
    '</main>',
    `<footer><p>${esc(doc.footer)}</p></footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
