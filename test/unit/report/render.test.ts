import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/core/report/build.js';
import { renderCsv, renderCsvFiles } from '../../../src/ui/report/render-csv.js';
import { escapeHtml, renderHtml } from '../../../src/ui/report/render-html.js';
import { renderMarkdown, renderText } from '../../../src/ui/report/render-text.js';
import { reportDocument } from '../../../src/ui/report/tables.js';
import { plainStyle } from '../../../src/ui/render.js';
import { AS_OF, config, IDEAS } from './fixtures.js';

const hostile = IDEAS.map((idea, i) => (i === 0 ? { ...idea, data: { ...idea.data, title: '<script>alert("x")</script> & =SUM(A1)' } } : idea));
const report = buildReport(config, hostile, { asOf: AS_OF, window: {}, staleDays: 90, interval: 'month', includePersonal: false });

describe('report rendering', () => {
  it('HTML escapes every text and is one self-contained page', () => {
    const html = renderHtml(reportDocument(report, config, 'sv'));
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; =SUM(A1)');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="sv">/);
    expect(html).not.toMatch(/\b(src|href)=/);
    expect(html).toContain('@page');
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('HTML draws one bar per row, next to its table', () => {
    const html = renderHtml(reportDocument(report, config, 'en'));
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    const bars = (key: string) => {
      const svg = new RegExp(`<svg[^>]*data-chart="${key}"[\\s\\S]*?</svg>`).exec(html)?.[0] ?? '';
      return (svg.match(/class="bar"/g) ?? []).length;
    };
    expect(bars('funnel')).toBe(9);
    expect(bars('municipalityStage')).toBe(15);
    expect(bars('inflow')).toBe(9);
    expect(bars('throughput')).toBe(18);
    expect(html).toContain('role="img" aria-labelledby="chart-funnel-title chart-funnel-desc"');
  });

  it('CSV: sections, or one file per table; Excel flavour with ; decimal comma and BOM', () => {
    const doc = reportDocument(report, config, 'sv');
    const plain = renderCsv(doc, { excel: false });
    expect(plain.startsWith('\uFEFF')).toBe(false);
    expect(plain).toContain('\r\n\r\nIdéer per steg\r\nSteg,Typ,Nu,Någon gång\r\nInkommen,öppen,1,5\r\n');
    expect(plain).toContain(`"<script>alert(""x"")</script> & =SUM(A1)"`); // only a leading = is a formula
    const excel = renderCsv(doc, { excel: true });
    expect(excel.startsWith('\uFEFF')).toBe(true);
    expect(excel).toContain('Steg;Typ;Nu;Någon gång\r\nInkommen;öppen;1;5\r\n');
    expect(excel).toContain('Utredning;2;15;2;15');
    expect(excel).toContain('Införande;2;116,5;1;60');
    const files = renderCsvFiles(doc, { excel: false });
    expect(files.map((f) => f.name)).toContain('idéer-per-steg.csv');
    expect(files.find((f) => f.name === 'idéer-per-steg.csv')!.content.split('\r\n')[0]).toBe('Steg,Typ,Nu,Någon gång');
  });

  it('CSV guards text that Excel would run as a formula', () => {
    const doc = reportDocument(report, config, 'sv');
    doc.tables[0]!.rows.push(['=HYPERLINK("x")', 1], ['-2+3', 2]);
    const csv = renderCsv(doc, { excel: true });
    expect(csv).toContain(`"'=HYPERLINK(""x"")";1`);
    expect(csv).toContain(`'-2+3;2`);
  });

  it('text and Markdown show every table', () => {
    const doc = reportDocument(report, config, 'en');
    const text = renderText(doc, plainStyle);
    for (const table of doc.tables) expect(text).toContain(table.title);
    expect(text).toContain('As of:');
    expect(text).toContain(AS_OF);
    const md = renderMarkdown(doc);
    expect(md).toContain('| Stage | Kind | Now | Ever |');
    expect(md).toContain('\\<script\\>');
  });
});
