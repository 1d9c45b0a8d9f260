/**
 * What the report's files are called and how its numbers read: sheet names cut
 * at a word, CSV file names in the report's language, the owner's remaining
 * cost share, and a decimal comma in Swedish (a point in English).
 */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/core/report/build.js';
import { ownerShareOf } from '../../../src/core/report/shares.js';
import { csvFileName, renderCsvFiles } from '../../../src/ui/report/render-csv.js';
import { renderHtml } from '../../../src/ui/report/render-html.js';
import { renderMarkdown, renderText } from '../../../src/ui/report/render-text.js';
import { sheetName } from '../../../src/ui/report/render-xlsx.js';
import { formatNumber, reportDocument } from '../../../src/ui/report/tables.js';
import { plainStyle } from '../../../src/ui/render.js';
import { AS_OF, config, IDEAS } from './fixtures.js';

const options = { asOf: AS_OF, window: {}, staleDays: 90, interval: 'month' as const, includePersonal: false };

describe('sheet names', () => {
  it('cut a long title at a word, with no trailing space or punctuation', () => {
    const used = new Set<string>();
    expect(sheetName('Kommuner som anslutit sig till befintliga idéer', used)).toBe('Kommuner som anslutit sig till');
    expect(sheetName('Genomflöde: idéer som nått införande och spridning', used)).toBe('Genomflöde idéer som nått');
    expect(sheetName('Municipalities joining existing ideas', used)).toBe('Municipalities joining existing');
    expect(sheetName('Ettmycketlångtordsomintefårplatspåenflik', used)).toBe('Ettmycketlångtordsomintefårplat');
  });

  it('are unique, still within 31 characters', () => {
    const used = new Set<string>();
    const names = [1, 2, 3].map(() => sheetName('Kommuner som anslutit sig till befintliga idéer', used));
    expect(names).toEqual(['Kommuner som anslutit sig till', 'Kommuner som anslutit sig 2', 'Kommuner som anslutit sig 3']);
    expect(sheetName('kommuner som anslutit sig till', used)).toBe('kommuner som anslutit sig 4');
    for (const name of names) expect([...name].length).toBeLessThanOrEqual(31);
  });

  it('every table of the report has a short title that fits a sheet as it is', () => {
    const report = buildReport(config, IDEAS, options);
    for (const lang of ['sv', 'en'] as const) {
      const used = new Set<string>();
      for (const table of reportDocument(report, config, lang).tables) {
        expect([...table.shortTitle].length, table.shortTitle).toBeLessThanOrEqual(31);
        expect(sheetName(table.shortTitle, used)).toBe(table.shortTitle);
      }
    }
  });
});

describe('CSV file names', () => {
  it('are the short titles in the report language, one per table, all different', () => {
    expect(csvFileName('Kommun × steg')).toBe('kommun-steg.csv');
    expect(csvFileName('Första bedömningen')).toBe('första-bedömningen.csv');
    const report = buildReport(config, IDEAS, options);
    const sv = renderCsvFiles(reportDocument(report, config, 'sv'), { excel: false }).map((f) => f.name);
    expect(sv).toEqual([
      'om-rapporten.csv',
      'sammanfattning.csv',
      'idéer-per-steg.csv',
      'idéer-per-typ-av-steg.csv',
      'kommun-steg.csv',
      'inflöde-av-nya-idéer.csv',
      'genomflöde.csv',
      'delade-idéer.csv',
      'kostnadsandelar.csv',
      'spridning.csv',
      'tid-i-steg.csv',
      'ledtider.csv',
      'inaktiva-idéer.csv',
      'dubbletter-som-fångats.csv',
      'anslutningar.csv',
      'första-bedömningen.csv',
    ]);
    const en = renderCsvFiles(reportDocument(report, config, 'en'), { excel: false }).map((f) => f.name);
    expect(en).toContain('cost-shares.csv');
    expect(en).toContain('municipality-stage.csv');
    for (const names of [sv, en]) expect(new Set(names).size).toBe(names.length);
  });
});

describe("the owner's cost share", () => {
  it('is what is left of 100 % after the others, or what the owner declared, or unknown', () => {
    expect(ownerShareOf('skovde', [{ municipality: 'skovde' }, { municipality: 'hjo', share: 25 }, { municipality: 'tibro' }])).toBe(75);
    expect(ownerShareOf('skovde', [{ municipality: 'skovde' }, { municipality: 'hjo', share: 33.33 }, { municipality: 'tibro', share: 33.33 }])).toBe(33.34);
    expect(ownerShareOf('skovde', [{ municipality: 'skovde', share: 40 }, { municipality: 'hjo', share: 25 }])).toBe(40);
    expect(ownerShareOf('skovde', [{ municipality: 'skovde' }, { municipality: 'tibro' }])).toBeUndefined();
  });

  it('is in the report and in the shared and cost share tables', () => {
    const report = buildReport(config, IDEAS, options);
    const a = report.shared.find((s) => s.id === 'A')!;
    expect(a.ownerShare).toBe(70); // Hjo pays 30 %
    const doc = reportDocument(report, config, 'sv');
    const shared = doc.tables.find((t) => t.key === 'shared')!;
    const row = shared.rows.find((r) => r[0] === 'A')!;
    expect(row[shared.columns.findIndex((c) => c.key === 'ownerShare')]).toBe(70);
    expect(row[shared.columns.findIndex((c) => c.key === 'shares')]).toContain('Skövde (ägare, 70\u00a0%)');
    const costShares = doc.tables.find((t) => t.key === 'costShares')!;
    expect(costShares.rows.filter((r) => r[0] === 'A').map((r) => [r[2], r[4]])).toEqual([
      ['Skövde', 70],
      ['Hjo', 30],
      ['Tibro', null],
    ]);
  });
});

describe('numbers in the text formats', () => {
  it('formatNumber: decimal comma in Swedish, point in English', () => {
    expect(formatNumber(0.71, 'sv')).toBe('0,71');
    expect(formatNumber(30.5, 'sv')).toBe('30,5');
    expect(formatNumber(30.5, 'en')).toBe('30.5');
    expect(formatNumber(12, 'sv')).toBe('12');
  });

  it('a share with decimals reads 12,5 % in Swedish text, Markdown and HTML, 12.5 % in English', () => {
    const split = IDEAS.map((idea) =>
      idea.data.id === 'A' ? { ...idea, data: { ...idea.data, municipalities: idea.data.municipalities.map((p) => (p.municipality === 'hjo' ? { ...p, share: 12.5 } : p)) } } : idea,
    );
    const report = buildReport(config, split, options);
    const sv = reportDocument(report, config, 'sv');
    const en = reportDocument(report, config, 'en');
    for (const out of [renderText(sv, plainStyle), renderMarkdown(sv), renderHtml(sv)]) {
      expect(out).toContain('Hjo (medfinansiär, 12,5\u00a0%)');
      expect(out).toContain('Skövde (ägare, 87,5\u00a0%)');
    }
    for (const out of [renderText(en, plainStyle), renderMarkdown(en), renderHtml(en)]) expect(out).toContain('Hjo (co-funder, 12.5\u00a0%)');
  });
});
