/**
 * Real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core,
 * for the HTML report's end-to-end test. `node scripts/ensure-chromium.mjs`
 * installs it; locally the test skips when it is missing, in CI it fails.
 */
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
