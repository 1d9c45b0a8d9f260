/**
 * Real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core,
 * for the HTML report's end-to-end test. `node scripts/ensure-chromium.mjs`
 * installs it; locally the test skips when it is missing, in CI it fails.
 * Also: measuring the laid-out page (overflow, clipped chart labels, wrapped
 * ids) and reading a printed PDF back with poppler's pdftotext.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { tempDir } from './registers.js';

export const CHROMIUM = process.env['SLUSS_CHROMIUM'] || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM);
}

/** Run the browser test: always in CI (where a missing browser must fail), locally only when Chromium is there. */
export function shouldRunBrowserTests(): boolean {
  return chromiumInstalled() || Boolean(process.env['CI']);
}

export function requireChromium(): void {
  if (!chromiumInstalled()) {
    throw new Error(`Chromium is missing at ${CHROMIUM}; the HTML report cannot be checked in a real browser. Install it with: node scripts/ensure-chromium.mjs (as root on Debian), or set SLUSS_CHROMIUM.`);
  }
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  /** Requests to anything but the page's own file: a self-contained report makes none. */
  externalRequests: string[];
  close(): Promise<void>;
}

/** A fresh profile in a temp folder, one page, console errors and outside requests recorded (and blocked). */
export async function openBrowser(): Promise<BrowserSession> {
  requireChromium();
  const context = await chromium.launchPersistentContext(tempDir('sluss-chromium-'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1100, height: 900 },
    offline: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  const externalRequests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('about:')) return route.continue();
    externalRequests.push(url);
    return route.abort();
  });
  return { context, page, consoleErrors, externalRequests, close: () => context.close() };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown; html: string }[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA) in the page and returns its violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const axe = (await import('axe-core')) as unknown as { source: string; default?: { source: string } };
  await page.addScriptTag({ content: axe.source ?? axe.default!.source });
  return page.evaluate(async () => {
    const page = globalThis as unknown as { document: unknown; axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } };
    const result = await page.axe.run(page.document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })) }));
  });
}

/** Minimal DOM shapes for code that runs in the page (the test project has no DOM types). */
interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
interface PageElement {
  tagName: string;
  className: string;
  textContent: string | null;
  scrollWidth: number;
  clientWidth: number;
  parentElement: PageElement | null;
  getBoundingClientRect(): Rect;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
}
interface PageDocument extends PageElement {
  documentElement: PageElement;
  createRange(): { selectNodeContents(node: PageElement): void; getClientRects(): Iterable<Rect> };
}

export interface LayoutReport {
  viewportWidth: number;
  /** The page itself: scrollWidth > clientWidth means a horizontal scrollbar. */
  page: { scrollWidth: number; clientWidth: number };
  /** Each table's container (its scroll region, or the section it sits in) and how far the table reaches. */
  tables: { caption: string; scrollWidth: number; clientWidth: number; tableRight: number; containerRight: number }[];
  /** Header cells with the given label: where they are, and the visible part of their container. */
  headers: { label: string; left: number; right: number; visibleLeft: number; visibleRight: number }[];
  /** Chart texts reaching outside their SVG box (the SVG clips them). */
  clippedChartText: { chart: string; text: string }[];
  /** Cells that must stay on one line (ids, dates), and those of them that take more than one. */
  guardedCells: number;
  wrappedCells: string[];
  /** Cells holding an id that are not marked to stay on one line. */
  unguardedIds: string[];
}

/** Measures what a reader would see as broken: horizontal overflow, clipped chart labels, wrapped ids and dates. */
export async function measureLayout(page: Page, headerLabels: readonly string[], idPattern: RegExp): Promise<LayoutReport> {
  return page.evaluate(
    ({ labels, idSource }) => {
      const doc = (globalThis as unknown as { document: PageDocument }).document;
      const viewportWidth = (globalThis as unknown as { innerWidth: number }).innerWidth;
      const root = doc.documentElement;
      const tables = [...doc.querySelectorAll('table')].map((table) => {
        const container = table.parentElement!;
        return {
          caption: table.querySelector('caption')?.textContent ?? '',
          scrollWidth: container.scrollWidth,
          clientWidth: container.clientWidth,
          tableRight: table.getBoundingClientRect().right,
          containerRight: container.getBoundingClientRect().right,
        };
      });
      const headers = [...doc.querySelectorAll('thead th')]
        .filter((th) => labels.includes((th.textContent ?? '').trim()))
        .map((th) => {
          const box = th.getBoundingClientRect();
          const container = th.parentElement!.parentElement!.parentElement!.parentElement!.getBoundingClientRect();
          return { label: (th.textContent ?? '').trim(), left: box.left, right: box.right, visibleLeft: Math.max(0, container.left), visibleRight: Math.min(viewportWidth, container.right) };
        });
      const clippedChartText: { chart: string; text: string }[] = [];
      for (const svg of doc.querySelectorAll('svg[data-chart]')) {
        const frame = svg.getBoundingClientRect();
        for (const text of svg.querySelectorAll('text')) {
          const box = text.getBoundingClientRect();
          const inside = box.left >= frame.left - 0.5 && box.right <= frame.right + 0.5 && box.top >= frame.top - 0.5 && box.bottom <= frame.bottom + 0.5;
          if (!inside) clippedChartText.push({ chart: (svg as unknown as { dataset: { chart: string } }).dataset.chart, text: text.textContent ?? '' });
        }
      }
      const lines = (cell: PageElement) => {
        const range = doc.createRange();
        range.selectNodeContents(cell);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      };
      const guarded = [...doc.querySelectorAll('.nowrap')];
      const wrappedCells = guarded.filter((cell) => lines(cell) > 1).map((cell) => cell.textContent ?? '');
      const id = new RegExp(idSource);
      const unguardedIds = [...doc.querySelectorAll('tbody td, tbody th')]
        .filter((cell) => id.test((cell.textContent ?? '').trim()) && !cell.className.split(' ').includes('nowrap'))
        .map((cell) => cell.textContent ?? '');
      return { viewportWidth, page: { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth }, tables, headers, clippedChartText, guardedCells: guarded.length, wrappedCells, unguardedIds };
    },
    { labels: [...headerLabels], idSource: idPattern.source },
  );
}

/** A section as the PDF check needs it: its heading, its description, and the first text that must share the heading's page. */
export interface SectionText {
  heading: string;
  description: string;
  follow: string;
}

/** Per section: the heading, the description, and the chart's first label, else the table's first row header (the first key figure; "no data"). */
export async function sectionTexts(page: Page): Promise<SectionText[]> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: PageDocument }).document;
    const text = (element: PageElement | null) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
    return [...doc.querySelectorAll('main > section')].map((section) => ({
      heading: text(section.querySelector('h2')),
      description: text(section.querySelector('p.description')),
      follow: text(section.querySelector('svg text.label, svg text.axis') ?? section.querySelector('tbody tr > *') ?? section.querySelector('ul.kpis .kpi-label') ?? section.querySelector('p.none')),
    }));
  });
}

export const POPPLER = 'pdftotext';

/** pdftotext (Debian package poppler-utils) reads the printed PDF back, with each line's position on its page. */
export function popplerInstalled(): boolean {
  return spawnSync(POPPLER, ['-v'], { stdio: 'ignore' }).status === 0;
}

export interface PdfLine {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const XML_ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&amp;': '&' };

/** The text lines of each page of a PDF, top to bottom, from `pdftotext -bbox-layout`. */
export function pdfPages(pdfFile: string): PdfLine[][] {
  const xml = execFileSync(POPPLER, ['-bbox-layout', pdfFile, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return xml
    .split('<page ')
    .slice(1)
    .map((page) => {
      const lines: PdfLine[] = [];
      for (const m of page.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
        const words = [...m[5]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]!.replace(/&[#\w]+;/g, (e) => XML_ENTITIES[e] ?? e));
        const [x, y, right, bottom] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
        lines.push({ text: words.join(' '), x, y, width: right - x, height: bottom - y });
      }
      return lines.sort((a, b) => a.y - b.y || a.x - b.x);
    });
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Headings that end a page: the heading is found by its text on a horizontal line in the heading's size
 * (so a table cell or a sideways header with the same words does not count), and the rest of its page,
 * after the description, must hold the section's first label or row.
 */
export function strandedHeadings(pages: PdfLine[][], sections: readonly SectionText[], headingHeight: { min: number; max: number }): { heading: string; page: number; found: number }[] {
  const problems: { heading: string; page: number; found: number }[] = [];
  for (const section of sections) {
    const places = pages.flatMap((lines, page) =>
      lines.flatMap((line, index) => (squash(line.text) === section.heading && line.height >= headingHeight.min && line.height <= headingHeight.max && line.width > line.height ? [{ page, index }] : [])),
    );
    if (places.length !== 1) {
      problems.push({ heading: section.heading, page: places[0]?.page ?? -1, found: places.length });
      continue;
    }
    const { page, index } = places[0]!;
    let rest = squash(pages[page]!.slice(index + 1).map((line) => line.text).join(' '));
    if (section.description && rest.startsWith(section.description)) rest = rest.slice(section.description.length);
    if (!rest.includes(section.follow)) problems.push({ heading: section.heading, page: page + 1, found: 1 });
  }
  return problems;
}
