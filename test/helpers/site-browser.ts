/**
 * What the browser tests of `sluss site` share: the example register (with
 * idea receivers), building a site with the built CLI, Chromium that refuses
 * and records every request outside the site, and asking the form.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, requireChromium } from './browser.js';
import { runCli } from './cli.js';
import { git, tempDir } from './registers.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** The idea receivers of two example municipalities in the repository's sluss.yaml (`intake:`), as the tests use them. */
export const INTAKE = {
  skovde: { email: 'ideer@skovde.kommun.example' },
  hjo: { email: 'ideer@hjo.kommun.example', issues: 'https://forge.example/skaraborg/idesluss/-/issues/new' },
} as const;

/** A committed copy of the example register (sluss.yaml with an idea receiver for every municipality, and ideas/). */
export function exampleRegister(): string {
  const dir = tempDir('sluss-site-');
  const config = readFileSync(join(REPO, 'sluss.yaml'), 'utf8');
  for (const intake of Object.values(INTAKE)) expect(config).toContain(intake.email);
  expect(config).toContain(INTAKE.hjo.issues);
  writeFileSync(join(dir, 'sluss.yaml'), config);
  cpSync(join(REPO, 'ideas'), join(dir, 'ideas'), { recursive: true });
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=Test', '-c', 'user.email=test@example.se', '-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', 'Exempel');
  return dir;
}

export async function buildSite(register: string, out: string, extra: string[] = []): Promise<void> {
  const result = await runCli(['-C', register, 'site', '--out', out, ...extra], { cwd: register, timeoutMs: 60_000 });
  expect(result.stderr).not.toMatch(/fel:|error:/);
  expect(result.code).toBe(0);
}

export interface SiteBrowser {
  context: BrowserContext;
  page: Page;
  /** Every request the pages made outside the site's origin (blocked). */
  outside: string[];
  /** Every request made, for the record. */
  requests: string[];
  errors: string[];
}

/**
 * Chromium with a fresh profile; anything not on `origin` is recorded and
 * refused. `bypassCsp` lets axe-core's script in: the site's policy refuses
 * every script but its own, which is what it is for.
 */
export async function openSiteBrowser(origin: string, options: { bypassCsp?: boolean } = {}): Promise<SiteBrowser> {
  requireChromium();
  const context = await chromium.launchPersistentContext(tempDir('sluss-site-chromium-'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1100, height: 900 },
    bypassCSP: options.bypassCsp ?? false,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const session: SiteBrowser = { context, page, outside: [], requests: [], errors: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') session.errors.push(message.text());
  });
  page.on('pageerror', (error) => session.errors.push(String(error)));
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    session.requests.push(url);
    if (url.startsWith(`${origin}/`)) return route.continue();
    session.outside.push(url);
    return route.abort();
  });
  return session;
}

/** Types into the form's fields and waits until the suggestions answer exactly that text. */
export async function askSimilar(page: Page, title: string, problem: string): Promise<{ id: string; band: string; label: string }[]> {
  await page.fill('#title', title);
  await page.fill('#problem', problem);
  const expected = `${title.trim()}\n${problem.trim() === '' ? '' : problem}`;
  await page.waitForFunction((key) => (globalThis as unknown as { document: { getElementById(id: string): { dataset: Record<string, string> } | null } }).document.getElementById('suggestions')?.dataset['query'] === key, expected, { timeout: 15_000 });
  return page.$$eval('#suggestions article', (items) =>
    items.map((item) => {
      const node = item as unknown as { dataset: Record<string, string>; querySelector(s: string): { textContent: string } | null };
      return { id: node.dataset['id'] ?? '', band: node.dataset['band'] ?? '', label: node.querySelector('.label')?.textContent ?? '' };
    }),
  );
}
