/**
 * `sluss report` through the built CLI on a copy of the example register:
 * every format's totals agree with `sluss list --json`, the XLSX is re-read
 * with exceljs and the CSV re-parsed, --at reports on a commit, personal data
 * stays out unless asked for.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/model.js';
import { runCli } from '../helpers/cli.js';
import { git, tempDir, testEnv, writeIdea } from '../helpers/registers.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

function exampleRegister(commitDate = '2026-11-20T12:00:00+01:00'): string {
  const dir = tempDir('sluss-report-');
  cpSync(join(REPO, 'sluss.yaml'), join(dir, 'sluss.yaml'));
  cpSync(join(REPO, 'ideas'), join(dir, 'ideas'), { recursive: true });
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'config', 'user.name', 'Test Coach');
  git(dir, 'config', 'user.email', 'coach@example.se');
  git(dir, 'config', 'commit.gpgsign', 'false');
  commitAll(dir, 'Exempel', commitDate);
  return dir;
}

function commitAll(dir: string, message: string, date: string): void {
  git(dir, 'add', '-A');
  execFileSync('git', ['commit', '--quiet', '-m', message], { cwd: dir, env: testEnv({ GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }) });
}

async function sluss(dir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = await runCli(['-C', dir, ...args], { cwd: dir, env });
  return result;
}

async function listCount(dir: string, args: string[] = []): Promise<number> {
  const result = await sluss(dir, ['list', '--json', ...args]);
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as unknown[]).length;
}

async function jsonReport(dir: string, args: string[] = []): Promise<Report> {
  const result = await sluss(dir, ['report', '--format', 'json', ...args]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

/** Sections of a multi-table CSV: title line, then header and rows, blank line between. */
function csvSections(text: string, delimiter: ',' | ';'): Map<string, string[][]> {
  const sections = new Map<string, string[][]>();
  for (const block of text.replace(/^\uFEFF/, '').trimEnd().split('\r\n\r\n')) {
    const rows = parse(block, { delimiter, relax_column_count: true }) as string[][];
    sections.set(rows[0]![0]!, rows.slice(1));
  }
  return sections;
}

function column(rows: string[][], name: string): string[] {
  const index = rows[0]!.indexOf(name);
  expect(index, `column ${name} in ${rows[0]!.join(',')}`).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((row) => row[index]!);
}

const sum = (values: readonly (string | number)[]) => values.reduce<number>((a, b) => a + Number(b), 0);

describe('sluss report', () => {
  let dir: string;
  let total: number;

  beforeAll(async () => {
    dir = exampleRegister();
    total = await listCount(dir);
    expect(total).toBe(readdirSync(join(dir, 'ideas')).filter((name) => name.endsWith('.md')).length);
  });

  it('json: totals.ideas is the number of ideas list counts, with the same filters', async () => {
    const report = await jsonReport(dir);
    expect(report.schema).toBe('sluss-report/1');
    expect(report.asOf).toBe('2026-11-27'); // SLUSS_TODAY of the test environment
    expect(report.totals.ideas).toBe(total);
    expect(sum(report.funnel.map((f) => f.current))).toBe(total);
    expect(sum(report.inflow.map((p) => p.count))).toBe(total);
    for (const args of [['--municipality', 'hjo'], ['--municipality', 'Skövde'], ['--category', 'vard-omsorg'], ['--since', '2026-01-01']]) {
      expect((await jsonReport(dir, args)).totals.ideas, args.join(' ')).toBe(await listCount(dir, args));
    }
    const q = await jsonReport(dir, ['--period', '2025Q3', '--interval', 'quarter']);
    expect(q.inflow).toEqual([{ period: '2025Q3', from: '2025-07-01', to: '2025-09-30', count: q.totals.ideas }]);
  });

  it('xlsx: one sheet per table, re-read with exceljs, totals as list', async () => {
    const out = join(dir, 'rapport.xlsx');
    const result = await sluss(dir, ['report', '--format', 'xlsx', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('rapport.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const names = workbook.worksheets.map((w) => w.name);
    expect(names[0]).toBe('Om rapporten');
    expect(names).toEqual(expect.arrayContaining(['Sammanfattning', 'Idéer per steg', 'Kommun × steg', 'Inflöde av nya idéer', 'Kostnadsandelar', 'Ledtider', 'Inaktiva idéer', 'Dubbletter som fångats', 'Första bedömningen']));
    expect(names.length).toBe(16);
    // At most 31 characters, cut at a word (a whole title, or a catalogue short name), no trailing space, unique.
    expect(names).toEqual(expect.arrayContaining(['Genomflöde', 'Delade idéer', 'Anslutningar']));
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const name of names) {
      expect([...name].length, name).toBeLessThanOrEqual(31);
      expect(name, name).toBe(name.trim());
      expect(name).not.toMatch(/[:\\/?*[\]]/);
    }
    const rows = (name: string) => {
      const values: unknown[][] = [];
      workbook.getWorksheet(name)!.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
      return values;
    };
    expect(rows('Sammanfattning')[1]).toEqual(['Idéer', total]);
    const funnel = rows('Idéer per steg');
    expect(funnel[0]).toEqual(['Steg', 'Typ', 'Nu', 'Någon gång']);
    expect(sum(funnel.slice(1).map((r) => r[2] as number))).toBe(total);
    const municipalities = rows('Kommun × steg');
    expect(municipalities).toHaveLength(16);
    expect(sum(municipalities.slice(1).map((r) => r[10] as number))).toBe(total); // Summa
    // Dates are dates: a Date value with a date format, not text.
    const about = workbook.getWorksheet('Om rapporten')!;
    const asOf = about.getColumn(1).values.indexOf('Per datum');
    expect(about.getRow(asOf).getCell(2).value).toEqual(new Date('2026-11-27T00:00:00Z'));
    expect(about.getRow(asOf).getCell(2).numFmt).toBe('yyyy-mm-dd');
    const joins = workbook.getWorksheet('Anslutningar')!;
    const dateColumn = (joins.getRow(1).values as unknown[]).indexOf('Datum');
    const dates = joins.getColumn(dateColumn).values.slice(2);
    expect(dates.length).toBeGreaterThan(5);
    for (let row = 2; row <= joins.rowCount; row++) {
      const cell = joins.getRow(row).getCell(dateColumn);
      expect(cell.type, `Anslutningar row ${row}`).toBe(ExcelJS.ValueType.Date);
      expect(cell.numFmt).toBe('yyyy-mm-dd');
    }
    expect(rows('Kostnadsandelar').slice(1).some((r) => r[5] instanceof Date)).toBe(true);
    expect(rows('Inaktiva idéer').slice(1).every((r) => r[4] instanceof Date)).toBe(true);

    const hjo = join(dir, 'hjo.xlsx');
    expect((await sluss(dir, ['report', '--format', 'xlsx', '--municipality', 'hjo', '--out', hjo])).code).toBe(0);
    const hjoBook = new ExcelJS.Workbook();
    await hjoBook.xlsx.readFile(hjo);
    expect(hjoBook.getWorksheet('Sammanfattning')!.getRow(2).getCell(2).value).toBe(await listCount(dir, ['--municipality', 'hjo']));
  });

  it('xlsx needs --out', async () => {
    const result = await sluss(dir, ['report', '--format', 'xlsx']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--out');
    expect(result.stdout).toBe('');
  });

  it('csv: sections with a title row, re-parsed, totals as list', async () => {
    const result = await sluss(dir, ['report', '--format', 'csv', '--lang', 'en']);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('\uFEFF')).toBe(false);
    const sections = csvSections(result.stdout, ',');
    expect([...sections.keys()]).toEqual([
      'Innovation sluice report',
      'Summary',
      'Ideas by stage',
      'Ideas by kind of stage',
      'Municipality × stage',
      'Inflow of new ideas',
      'Throughput: ideas reaching implementation and spread',
      'Ideas shared by several municipalities',
      'Cost shares',
      'Spread',
      'Time in stage',
      'Lead times',
      'Stale ideas',
      'Duplicates caught',
      'Municipalities joining existing ideas',
      'First assessment',
    ]);
    expect(sections.get('Summary')![1]).toEqual(['Ideas', String(total)]);
    expect(sum(column(sections.get('Ideas by stage')!, 'Now'))).toBe(total);
    expect(sum(column(sections.get('Inflow of new ideas')!, 'New ideas'))).toBe(total);
    expect(column(sections.get('First assessment')!, 'Mean')[0]).toMatch(/^\d\.\d+$/);
  });

  it('csv for Swedish Excel: BOM, semicolons, decimal comma', async () => {
    const out = join(dir, 'excel.csv');
    expect((await sluss(dir, ['report', '--format', 'csv', '--csv-excel', '--out', out])).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const sections = csvSections(text, ';');
    expect(sum(column(sections.get('Idéer per steg')!, 'Nu'))).toBe(total);
    expect(column(sections.get('Första bedömningen')!, 'Medel')[0]).toMatch(/^\d,\d+$/);
    const alias = join(dir, 'alias.csv');
    expect((await sluss(dir, ['report', '--format', 'csv', '--excel', '--out', alias])).code).toBe(0);
    expect(readFileSync(alias, 'utf8')).toBe(text);
  });

  it('csv into a folder: one file per table', async () => {
    const out = join(dir, 'csv') + '/';
    const result = await sluss(dir, ['report', '--format', 'csv', '--out', out]);
    expect(result.code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual(
      [
        'om-rapporten',
        'sammanfattning',
        'idéer-per-steg',
        'idéer-per-typ-av-steg',
        'kommun-steg',
        'inflöde-av-nya-idéer',
        'genomflöde',
        'delade-idéer',
        'kostnadsandelar',
        'spridning',
        'tid-i-steg',
        'ledtider',
        'inaktiva-idéer',
        'dubbletter-som-fångats',
        'anslutningar',
        'första-bedömningen',
      ]
        .map((n) => `${n}.csv`)
        .sort(),
    );
    const funnel = parse(readFileSync(join(out, 'idéer-per-steg.csv'), 'utf8')) as string[][];
    expect(sum(column(funnel, 'Nu'))).toBe(total);

    const english = join(dir, 'csv-en') + '/';
    expect((await sluss(dir, ['report', '--format', 'csv', '--lang', 'en', '--out', english])).code).toBe(0);
    expect(readdirSync(english)).toEqual(expect.arrayContaining(['about-this-report.csv', 'cost-shares.csv', 'municipality-stage.csv', 'ideas-by-stage.csv']));
    const costShares = parse(readFileSync(join(english, 'cost-shares.csv'), 'utf8')) as string[][];
    expect(costShares[0]).toEqual(['Id', 'Title', 'Municipality', 'Role', 'Share (%)', 'Joined']);
  });

  it('numbers read with a decimal comma in Swedish text, Markdown and HTML, with a point in English', async () => {
    const data = await jsonReport(dir);
    const mean = data.assessment.criteria[0]!.mean!;
    expect(Number.isInteger(mean)).toBe(false);
    const meanDays = data.leadTimes.find((r) => r.meanDays !== null && !Number.isInteger(r.meanDays))!.meanDays!;
    for (const format of ['text', 'md', 'html']) {
      // What a reader sees: for HTML the text, not the CSS or the SVG coordinates.
      const shown = (out: string) => (format === 'html' ? out.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]*>/g, ' ') : out);
      const sv = shown((await sluss(dir, ['report', '--format', format])).stdout);
      expect(sv, format).toContain(String(mean).replace('.', ','));
      expect(sv, format).toContain(String(meanDays).replace('.', ','));
      // No number anywhere with a decimal point (dates, ids and periods have none).
      expect(sv.match(/\d\.\d/g), format).toBeNull();
      const en = shown((await sluss(dir, ['report', '--format', format, '--lang', 'en'])).stdout);
      expect(en, format).toContain(String(mean));
      expect(en.match(/\d,\d/g), format).toBeNull();
    }
    // The owner's remaining share: Skövde pays what Hjo's 25 % leaves of Digitala lås i hemtjänsten.
    const locks = data.shared.find((s) => s.id === '0CQ-R77CM')!;
    expect(locks.ownerShare).toBe(75);
    expect((await sluss(dir, ['report'])).stdout).toContain('Skövde (ägare, 75\u00a0%)');
  });

  it('text, md and html on stdout; colour only when allowed', async () => {
    const text = await sluss(dir, ['report']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Rapport från idéslussen');
    expect(text.stdout).toContain('Per datum:');
    expect(text.stdout).not.toContain('\u001b[');
    expect((await sluss(dir, ['report'], { FORCE_COLOR: '1' })).stdout).toContain('\u001b[1m');
    expect((await sluss(dir, ['report'], { FORCE_COLOR: '1', NO_COLOR: '1' })).stdout).not.toContain('\u001b[');
    const md = await sluss(dir, ['report', '--format', 'md']);
    expect(md.stdout).toContain('| Steg | Typ | Nu | Någon gång |');
    const html = await sluss(dir, ['report', '--format', 'html', '--lang', 'en']);
    expect(html.stdout).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
  });

  it('personal data only with --include-personal', async () => {
    for (const format of ['json', 'text', 'md', 'html', 'csv']) {
      const result = await sluss(dir, ['report', '--format', format, '--stale-days', '0']);
      expect(result.stdout, format).not.toMatch(/Oskar Lind|Lina Persson/);
    }
    const withPersonal = await jsonReport(dir, ['--include-personal', '--stale-days', '0']);
    expect(JSON.stringify(withPersonal)).toContain('Oskar Lind');
    expect(withPersonal.includePersonal).toBe(true);
  });

  it('--at reports on a commit as of its date; the same commit gives the same report', async () => {
    const at = exampleRegister('2026-06-01T12:00:00+02:00');
    const first = git(at, 'rev-parse', 'HEAD');
    const before = await jsonReport(at, ['--as-of', '2026-06-01']);
    writeIdea(at, { id: '0ZZ-NEW01', title: 'En ny idé efter incheckningen', municipality: 'hjo', problem: 'Något nytt.', created: '2026-05-20' });
    commitAll(at, 'Ny idé', '2026-06-02T09:00:00+02:00');

    const report = await jsonReport(at, ['--at', first]);
    expect(report.asOf).toBe('2026-06-01');
    expect(report.source).toEqual({ kind: 'commit', ref: first, commit: first, commitDate: '2026-06-01' });
    expect({ ...report, source: before.source }).toEqual(before);
    const again = await sluss(at, ['report', '--format', 'json', '--at', first]);
    expect(JSON.parse(again.stdout)).toEqual(report);
    expect((await sluss(at, ['report', '--format', 'html', '--at', first])).stdout).toBe((await sluss(at, ['report', '--format', 'html', '--at', first])).stdout);

    const head = await jsonReport(at, ['--at', 'HEAD', '--as-of', '2026-06-02']);
    expect(head.totals.ideas).toBe(before.totals.ideas + 1);
    const bad = await sluss(at, ['report', '--at', 'no-such-ref']);
    expect(bad.code).toBe(2);
  });

  it('refuses bad options with exit 2 before reading anything', async () => {
    for (const args of [['--period', '2026Q5'], ['--since', '2026-13-01'], ['--as-of', 'igår'], ['--stale-days', '-3'], ['--period', '2026', '--since', '2026-01-01'], ['--municipality', 'Stockholm'], ['--format', 'pdf']]) {
      const result = await sluss(dir, ['report', ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
    }
  });

  it('writes --out atomically and leaves no temp files', async () => {
    const out = join(dir, 'r.json');
    expect((await sluss(dir, ['report', '--json', '--out', out])).code).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as Report).totals.ideas).toBe(total);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const missing = await sluss(dir, ['report', '--out', join(dir, 'no', 'such', 'dir', 'r.txt')]);
    expect(missing.code).toBe(1);
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });
});
