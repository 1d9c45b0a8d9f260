/**
 * The HTML report in a real browser: headless Chromium opens the file written
 * by the built CLI, with no network. No console errors, no outside requests,
 * charts drawn with one bar per data row, axe-core finds no WCAG 2.1 AA
 * violations, titles stay text. On screen at 1200 and 800 px nothing
 * overflows sideways, "Deltar i" is in view, chart labels are whole and ids
 * and dates stay on one line; printed on A4 no heading ends a page (read back
 * with pdftotext from poppler-utils, skipped with a reason when it is missing).
 *
 * The screenshots in docs/ come from scripts/report-screenshots.mjs.
 */
import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/model.js';
import { ID_PATTERN } from '../../src/core/ids.js';
import { measureLayout, openBrowser, pdfPages, popplerInstalled, requireChromium, runAxe, sectionTexts, shouldRunBrowserTests, strandedHeadings } from '../helpers/browser.js';
import type { BrowserSession, LayoutReport } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { git, tempDir, writeIdea } from '../helpers/registers.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** A committed copy of the embedded example register (sluss.yaml and the 40 ideas). */
function exampleRegister(): string {
  const dir = tempDir('sluss-report-html-');
  cpSync(join(REPO, 'sluss.yaml'), join(dir, 'sluss.yaml'));
  cpSync(join(REPO, 'ideas'), join(dir, 'ideas'), { recursive: true });
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=Test', '-c', 'user.email=test@example.se', '-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', 'Exempel');
  return dir;
}

async function report(dir: string, args: string[]): Promise<{ html: string; file: string; data: Report }> {
  const file = join(dir, `report-${args.join('-').replace(/[^\w-]/g, '')}.html`);
  const html = await runCli(['-C', dir, 'report', '--format', 'html', '--out', file, ...args], { cwd: dir });
  expect(html.stderr).not.toMatch(/fel:|error:/);
  expect(html.code).toBe(0);
  const json = await runCli(['-C', dir, 'report', '--format', 'json', ...args], { cwd: dir });
  expect(json.code).toBe(0);
  return { html: readFileSync(file, 'utf8'), file, data: JSON.parse(json.stdout) as Report };
}

describe.runIf(shouldRunBrowserTests())('sluss report --format html in headless Chromium', () => {
  let browser: BrowserSession;
  let dir: string;
  const shots = tempDir('sluss-report-shots-');

  beforeAll(async () => {
    requireChromium(); // in CI a missing browser fails here instead of skipping
    dir = exampleRegister();
    browser = await openBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(file: string) {
    browser.consoleErrors.length = 0;
    browser.externalRequests.length = 0;
    await browser.page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return browser.page;
  }

  async function barsOf(chart: string): Promise<{ count: number; values: number[]; width: number; height: number }> {
    const svg = browser.page.locator(`svg[data-chart="${chart}"]`);
    const box = await svg.boundingBox();
    const values = await svg.locator('rect.bar').evaluateAll((rects) => rects.map((r) => Number((r as unknown as { getAttribute(n: string): string }).getAttribute('data-value'))));
    return { count: values.length, values, width: box?.width ?? 0, height: box?.height ?? 0 };
  }

  it('the example register: charts match the data, no console errors, no requests, axe finds nothing', async () => {
    const { file, data } = await report(dir, []);
    const page = await open(file);
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    expect(await page.locator('h1').textContent()).toBe('Rapport från idéslussen');
    expect(await page.locator('script').count()).toBe(0);

    const funnel = await barsOf('funnel');
    expect(funnel.count).toBe(data.funnel.length);
    expect(funnel.values).toEqual(data.funnel.map((f) => f.current));
    expect(funnel.width).toBeGreaterThan(100);
    expect(funnel.height).toBeGreaterThan(50);
    const municipalities = await barsOf('municipalityStage');
    expect(municipalities.count).toBe(15);
    expect(municipalities.values).toEqual(data.municipalityStage.map((m) => m.owned));
    const inflow = await barsOf('inflow');
    expect(inflow.count).toBe(data.inflow.length);
    expect(inflow.values).toEqual(data.inflow.map((p) => p.count));
    expect(inflow.values.reduce((a, b) => a + b, 0)).toBe(data.totals.ideas);
    const throughput = await barsOf('throughput');
    expect(throughput.count).toBe(2 * data.throughput.length);
    expect(throughput.values).toEqual(data.throughput.flatMap((p) => [p.implementation, p.spread]));

    // Every chart is an image with a name, and its data table follows it (the chart closes the heading's block).
    for (const chart of ['funnel', 'municipalityStage', 'inflow', 'throughput']) {
      const svg = page.locator(`svg[data-chart="${chart}"]`);
      expect(await svg.getAttribute('role')).toBe('img');
      expect(await svg.getAttribute('aria-labelledby')).toBe(`chart-${chart}-title chart-${chart}-desc`);
      const tableAfter = await svg.evaluate((node) => {
        type Node = { tagName: string; parentElement: Node; nextElementSibling: Node | null; querySelector(s: string): unknown };
        const figure = (node as unknown as Node).parentElement;
        const next = figure.nextElementSibling ?? figure.parentElement.nextElementSibling;
        return next ? next.tagName + (next.querySelector('table') ? '>TABLE' : '') : '';
      });
      expect(tableAfter).toMatch(/^(TABLE|DIV>TABLE)$/);
    }
    expect(await page.locator('th[scope]').count()).toBeGreaterThan(50);

    const violations = await runAxe(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.externalRequests).toEqual([]);

    const shot = await page.screenshot({ fullPage: true, path: join(shots, 'report-sv.png') });
    expect(shot.length).toBeGreaterThan(10_000);
  });

  it('English, by quarter and filtered: still accessible, bars follow the data', async () => {
    const { file, data } = await report(dir, ['--lang', 'en', '--interval', 'quarter', '--period', '2025', '--municipality', 'skovde']);
    const page = await open(file);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(data.window).toEqual({ from: '2025-01-01', to: '2025-12-31', label: '2025' });
    const inflow = await barsOf('inflow');
    expect(inflow.values).toEqual(data.inflow.map((p) => p.count));
    expect(inflow.count).toBe(4);
    expect(await runAxe(page)).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
    await page.screenshot({ fullPage: true, path: join(shots, 'report-en.png') });
  });

  it('a title with markup stays text; the page prints on A4', async () => {
    const hostileDir = exampleRegister();
    writeIdea(hostileDir, {
      id: '0ZZ-XSS01',
      title: '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">',
      municipality: 'hjo',
      problem: 'Markup in a title.',
      created: '2026-11-01',
      status: 'inkommen',
    });
    const { file } = await report(hostileDir, ['--stale-days', '1']);
    const page = await open(file);
    expect(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('script, img').count()).toBe(0);
    expect(await page.locator('td', { hasText: '<script>window.pwned = 1</script>' }).count()).toBeGreaterThan(0);
    expect(browser.externalRequests).toEqual([]);
    expect(await runAxe(page)).toEqual([]);

    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const pdfText = pdf.toString('latin1');
    const pages = pdfText.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(1);
    // A4 is 595 × 842 points.
    const mediaBox = /\/MediaBox\s*\[([^\]]*)\]/.exec(pdfText)?.[1]?.trim().split(/\s+/).map(Number) ?? [];
    expect(mediaBox.map(Math.round)).toEqual([0, 0, 595, 842]);
    writeFileSync(join(shots, 'report.pdf'), pdf);
    expect(statSync(join(shots, 'report.pdf')).size).toBeGreaterThan(10_000);
    await page.emulateMedia({ media: 'screen' });
  });

  /** The checks of a laid-out page; `where` names the width or medium in failure messages. */
  function expectNothingBroken(layout: LayoutReport, where: string, participating: string): void {
    expect(layout.page.scrollWidth, `page ${where}`).toBeLessThanOrEqual(layout.page.clientWidth);
    expect(layout.tables.length).toBeGreaterThan(10);
    for (const table of layout.tables) {
      expect(table.scrollWidth, `${table.caption} ${where}`).toBeLessThanOrEqual(table.clientWidth);
      expect(table.tableRight, `${table.caption} ${where}`).toBeLessThanOrEqual(table.containerRight + 0.5);
    }
    expect(layout.headers.map((h) => h.label)).toEqual([participating]);
    for (const header of layout.headers) {
      expect(header.left, `${header.label} ${where}`).toBeGreaterThanOrEqual(header.visibleLeft - 0.5);
      expect(header.right, `${header.label} ${where}`).toBeLessThanOrEqual(header.visibleRight + 0.5);
    }
    expect(layout.clippedChartText, where).toEqual([]);
    expect(layout.guardedCells).toBeGreaterThan(20);
    expect(layout.wrappedCells, where).toEqual([]);
    expect(layout.unguardedIds, where).toEqual([]);
  }

  const VARIANTS = [
    { name: 'Swedish', args: [], participating: 'Deltar i' },
    { name: 'Swedish, personal data, every idea stale', args: ['--include-personal', '--stale-days', '0'], participating: 'Deltar i' },
    { name: 'English', args: ['--lang', 'en'], participating: 'Takes part in' },
  ];

  for (const variant of VARIANTS) {
    it(`on screen at 1200 and 800 px (${variant.name}): no sideways overflow, the joins column in view, chart labels whole, ids and dates on one line`, async () => {
      const { file } = await report(dir, variant.args);
      const page = await open(file);
      for (const width of [1200, 800]) {
        await page.setViewportSize({ width, height: 900 });
        expectNothingBroken(await measureLayout(page, [variant.participating], ID_PATTERN), `at ${width} px`, variant.participating);
      }
      expect(await runAxe(page)).toEqual([]);
      await page.setViewportSize({ width: 1100, height: 900 });
    });
  }

  // In CI a missing pdftotext fails (as a missing browser does); locally the test is skipped and says why.
  it.skipIf(!popplerInstalled() && !process.env['CI'])('printed on A4 (needs pdftotext from poppler-utils): no heading alone at a page end, ids whole, nothing cut off', async () => {
    expect(popplerInstalled(), 'pdftotext is missing: apt-get install poppler-utils').toBe(true);
    for (const variant of VARIANTS) {
      const { file } = await report(dir, variant.args);
      const page = await open(file);
      await page.emulateMedia({ media: 'print' });
      // The width of A4 inside the page margins (210 − 2 × 12 mm at 96 px per inch): the print layout's width.
      await page.setViewportSize({ width: 703, height: 1000 });
      expectNothingBroken(await measureLayout(page, [variant.participating], ID_PATTERN), `${variant.name}, printed`, variant.participating);
      const sections = await sectionTexts(page);
      expect(sections).toHaveLength(15);
      const pdfFile = join(shots, `print-${variant.args.join('')}.pdf`);
      writeFileSync(pdfFile, await page.pdf({ preferCSSPageSize: true }));
      // h2 is 1.2rem (14.4 pt): its line box in the PDF is about 16.8 pt high; body text stays below 13 pt.
      const headingHeight = { min: 14, max: 20 };
      expect(strandedHeadings(pdfPages(pdfFile), sections, headingHeight), variant.name).toEqual([]);

      // The same check finds the fault when the rule that keeps a heading with what follows is taken away.
      if (variant.args.length === 0) {
        await page.addStyleTag({ content: '@media print { .lead { break-inside: auto !important; padding-bottom: 0 !important; margin-bottom: 0 !important; } }' });
        const unkept = join(shots, 'print-unkept.pdf');
        writeFileSync(unkept, await page.pdf({ preferCSSPageSize: true }));
        expect(strandedHeadings(pdfPages(unkept), sections, headingHeight).length).toBeGreaterThan(0);
      }
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1100, height: 900 });
    }
  });
});
