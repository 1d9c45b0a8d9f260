/**
 * `sluss site` in the benchmark (issue 18's goals): the build, timed as a
 * whole process (cold: no cache and an empty folder, as CI builds from a
 * fresh clone, as often as the warm runs, since creating thousands of files
 * varies with the disk; warm: the cache and the previous build in place), then the
 * site in headless Chromium (playwright-core, Debian's /usr/bin/chromium or
 * SLUSS_CHROMIUM), served from 127.0.0.1 by a static server that counts the
 * bytes it sends. It compresses as GitHub Pages does on the fly: text (HTML,
 * CSS, JavaScript, JSON) with gzip, while `search/words.bin`, sent as
 * application/octet-stream, is counted as sent uncompressed, the worse case
 * (GitLab Pages sends the `.gz` files the CI job of `init --ci gitlab` writes
 * beside every file, that one too):
 *
 * - the start page: every byte sent for `/` until the network is idle, with
 *   no interaction;
 * - the search index on first use: every byte sent from the moment the
 *   form's first field gets the focus (the form's first use, which starts
 *   loading the engine and the index) until the form says the engine is ready;
 * - first suggestions: in a fresh page with the index loaded, a query typed
 *   key by key; the time from the `input` event of the last keystroke to the
 *   suggestions for exactly that text in the DOM. The form waits for a pause
 *   in typing (`data-pause-ms`, 150 ms) before it asks; that wait is measured
 *   with the rest and shown apart, and the goal is judged on the time after it;
 * - each further query: the same in the same page for the next queries.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { median, timeProcess, type ProcessSample } from './process-timing.js';

export const CHROMIUM = process.env['SLUSS_CHROMIUM'] || '/usr/bin/chromium';

/** Queries as an employee would type them: a title, sometimes with a first sentence of the problem. */
const QUERIES: readonly { title: string; problem: string }[] = [
  { title: 'Digitala lås i hemtjänsten', problem: '' },
  { title: 'Matsvinn i skolans kök', problem: 'Mycket mat slängs efter lunchen.' },
  { title: 'Gemensam snöröjning av gång- och cykelvägar', problem: '' },
  { title: 'Bokbuss till byarna', problem: 'Långt till biblioteket på landsbygden.' },
  { title: 'E-tjänst för bygglov', problem: '' },
  { title: 'Solceller på kommunens tak', problem: 'Elkostnaderna stiger.' },
  { title: 'Digital signering av avtal', problem: '' },
  { title: 'Samåkning till jobbet för anställda', problem: '' },
  { title: 'Larm i hemtjänsten via mobilen', problem: 'Trygghetslarmen är gamla.' },
  { title: 'Gemensam upphandling av skolskjuts', problem: '' },
  { title: 'Chattbot för medborgarservice', problem: '' },
];

export interface SiteTimings {
  build: { cold: ProcessSample[]; warm: ProcessSample[] };
  error?: string;
  browser?: {
    startPageBytes: number;
    startPageRequests: string[];
    firstUseBytes: number;
    firstUseRawBytes: number;
    firstUseRequests: string[];
    /** From the first focus to the engine ready (download and building the index in the page). */
    loadMs: number[];
    pauseMs: number;
    /** From the last keystroke's input event to the suggestions in the DOM, pause included. */
    firstMs: number[];
    furtherMs: number[];
    runs: number;
  };
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.bin': 'application/octet-stream' };

/** The types GitHub Pages compresses with gzip (text); any other is sent as it is. */
const COMPRESSED_TYPES = new Set(['.html', '.css', '.js', '.json']);

/** Static files of `root` on 127.0.0.1, text gzip-compressed; `sent` holds what each request cost (`gzip`: the bytes sent). */
async function serveCompressed(root: string): Promise<{ server: Server; origin: string; sent: { path: string; gzip: number; raw: number }[] }> {
  const sent: { path: string; gzip: number; raw: number }[] = [];
  const cache = new Map<string, Buffer>();
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) return void response.writeHead(403).end();
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const raw = readFileSync(file);
      const compressed = COMPRESSED_TYPES.has(extname(file));
      const body = compressed ? (cache.get(file) ?? gzipSync(raw)) : raw;
      cache.set(file, body);
      sent.push({ path, gzip: body.length, raw: raw.length });
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...(compressed ? { 'content-encoding': 'gzip' } : {}), 'cache-control': 'no-store' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sent };
}

/** Types `query` into the empty form key by key and returns ms from the last keystroke's input event to the matching suggestions. */
async function timeQuery(page: Page, query: { title: string; problem: string }): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { lastInput: number; answered: Map<string, number>; watching?: boolean };
    w.answered = new Map();
    if (w.watching) return;
    w.watching = true;
    for (const id of ['title', 'problem']) document.getElementById(id)!.addEventListener('input', () => (w.lastInput = performance.now()));
    const list = document.getElementById('suggestions')!;
    new MutationObserver(() => w.answered.set(list.dataset['query'] ?? '', performance.now())).observe(list, { attributes: true, attributeFilter: ['data-query'] });
  });
  for (const [id, text] of [['title', query.title], ['problem', query.problem]] as const) {
    await page.click(`#${id}`);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    if (text !== '') await page.keyboard.type(text);
  }
  const key = `${query.title}\n${query.problem}`;
  await page.waitForFunction((k) => (window as unknown as { answered: Map<string, number> }).answered.has(k), key, { timeout: 60_000 });
  return page.evaluate((k) => {
    const w = window as unknown as { lastInput: number; answered: Map<string, number> };
    return (w.answered.get(k) as number) - w.lastInput;
  }, key);
}

async function measureInBrowser(site: string, runs: number): Promise<NonNullable<SiteTimings['browser']>> {
  const { server, origin, sent } = await serveCompressed(site);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const result: NonNullable<SiteTimings['browser']> = { startPageBytes: 0, startPageRequests: [], firstUseBytes: 0, firstUseRawBytes: 0, firstUseRequests: [], loadMs: [], pauseMs: 0, firstMs: [], furtherMs: [], runs };
    const start = await browser.newPage();
    sent.length = 0;
    await start.goto(`${origin}/`, { waitUntil: 'networkidle' });
    result.startPageBytes = sent.reduce((total, s) => total + s.gzip, 0);
    result.startPageRequests = sent.map((s) => s.path);
    await start.close();
    for (let run = 0; run < runs; run++) {
      // A fresh context each round: nothing cached, the engine compiled anew.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${origin}/check.html`, { waitUntil: 'networkidle' });
      result.pauseMs = Number(await page.getAttribute('#check-form', 'data-pause-ms'));
      sent.length = 0;
      const began = await page.evaluate(() => performance.now());
      await page.focus('#title');
      await page.waitForSelector('#check-form[data-engine="ready"]', { timeout: 120_000 });
      result.loadMs.push((await page.evaluate(() => performance.now())) - began);
      if (run === 0) {
        result.firstUseBytes = sent.reduce((total, s) => total + s.gzip, 0);
        result.firstUseRawBytes = sent.reduce((total, s) => total + s.raw, 0);
        result.firstUseRequests = sent.map((s) => s.path);
      }
      result.firstMs.push(await timeQuery(page, QUERIES[run % QUERIES.length]!));
      for (const [i, query] of QUERIES.entries()) if (i !== run % QUERIES.length) result.furtherMs.push(await timeQuery(page, query));
      await context.close();
    }
    return result;
  } finally {
    await browser.close();
    server.close();
  }
}

export async function measureSite(node: string, sluss: string, register: string, scratch: string, runs: number, timeoutMs: number): Promise<SiteTimings> {
  const out = join(scratch, 'site');
  const build = () => timeProcess(node, [sluss, '-C', register, 'site', '--out', out], { cwd: register, isNode: true, timeoutMs, env: { ...process.env, NO_COLOR: '1' } });
  const cold: ProcessSample[] = [];
  for (let i = 0; i < runs && cold.every((s) => s.exitCode === 0); i++) {
    rmSync(join(register, '.sluss', 'cache'), { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
    // The removal reaches the disk before the build starts, or the build's own writes wait on it.
    execFileSync('sync');
    cold.push(await build());
  }
  const warm: ProcessSample[] = [];
  for (let i = 0; i < runs && cold.every((s) => s.exitCode === 0); i++) warm.push(await build());
  const failed = [...cold, ...warm].find((s) => s.exitCode !== 0);
  const result: SiteTimings = { build: { cold, warm } };
  if (failed) return { ...result, error: `sluss site: exit ${failed.exitCode ?? failed.signal}: ${failed.stderrTail.trim().split('\n')[0] ?? ''}` };
  if (!existsSync(CHROMIUM)) return { ...result, error: `Chromium is missing at ${CHROMIUM} (node scripts/ensure-debian-tools.mjs chromium, or SLUSS_CHROMIUM)` };
  try {
    return { ...result, browser: await measureInBrowser(out, runs) };
  } catch (error) {
    return { ...result, error: `in Chromium: ${String((error as Error).message).split('\n')[0]}` };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export interface SiteGoal {
  goal: string;
  measured: string;
  value: number | undefined;
  limit: number;
}

const LIMITS: Record<string, { build: number; startKiB: number; indexKiB: number; firstMs: number; furtherMs: number }> = {
  '1,000': { build: 3, startKiB: 100, indexKiB: 400, firstMs: 150, furtherMs: 30 },
  '10,000': { build: 15, startKiB: 100, indexKiB: 3 * 1024, firstMs: 300, furtherMs: 60 },
};

const kib = (bytes: number) => bytes / 1024;
const ms = (value: number) => value.toFixed(0);

/** The issue's goals at the sizes it names; a size without goals has none. */
export function siteGoals(size: string, t: SiteTimings): SiteGoal[] {
  const limit = LIMITS[size];
  if (!limit) return [];
  const b = t.browser;
  const notMeasured = t.error ?? 'not measured';
  const pause = b?.pauseMs ?? 0;
  const first = b && median(b.firstMs);
  const further = b && median(b.furtherMs);
  const coldSeconds = t.build.cold.map((s) => s.seconds);
  const coldMedian = median(coldSeconds);
  return [
    {
      goal: `\`sluss site\` build ≤ ${limit.build} s cold at ${size}`,
      measured: `${coldMedian.toFixed(2)} s (median of ${t.build.cold.length}, slowest ${Math.max(...coldSeconds).toFixed(2)} s; warm median ${median(t.build.warm.map((s) => s.seconds)).toFixed(2)} s)`,
      value: t.build.cold.every((s) => s.exitCode === 0) ? coldMedian : undefined,
      limit: limit.build,
    },
    { goal: `site: start page ≤ ${limit.startKiB} KB sent (gzip) before any interaction at ${size}`, measured: b ? `${kib(b.startPageBytes).toFixed(1)} KB (${b.startPageRequests.length} requests)` : notMeasured, value: b && kib(b.startPageBytes), limit: limit.startKiB },
    { goal: `site: search index on first use ≤ ${limit.indexKiB >= 1024 ? `${limit.indexKiB / 1024} MB` : `${limit.indexKiB} KB`} sent (gzip) at ${size}`, measured: b ? `${kib(b.firstUseBytes).toFixed(0)} KB sent (engine and index, text gzip-compressed, words.bin as it is; ${kib(b.firstUseRawBytes).toFixed(0)} KB uncompressed)` : notMeasured, value: b && kib(b.firstUseBytes), limit: limit.indexKiB },
    { goal: `site: first suggestions after typing stops ≤ ${limit.firstMs} ms at ${size} (index loaded; after the form's ${pause} ms pause)`, measured: first !== undefined ? `${ms(first - pause)} ms after the pause (${ms(first)} ms with it; median of ${b!.firstMs.length})` : notMeasured, value: first !== undefined ? first - pause : undefined, limit: limit.firstMs },
    { goal: `site: each further query ≤ ${limit.furtherMs} ms at ${size} (after the form's ${pause} ms pause)`, measured: further !== undefined ? `${ms(further - pause)} ms median, ${ms(Math.max(...b!.furtherMs) - pause)} ms slowest of ${b!.furtherMs.length}` : notMeasured, value: further !== undefined ? further - pause : undefined, limit: limit.furtherMs },
  ];
}

export interface SiteResult {
  /** The register size, formatted for people. */
  size: string;
  timings: SiteTimings;
}

export function siteSection(results: readonly SiteResult[]): string[] {
  if (results.length === 0) return [];
  const md = ['## The web site (`sluss site`)', ''];
  md.push('The build as a whole process, `node bin/sluss -C <register> site --out <folder>`: cold with no cache and an empty folder (as CI builds it from a fresh clone; as many cold runs as warm ones, median and slowest shown, since creating thousands of files varies with the disk), warm with both in place. Then the site in headless Chromium (playwright-core), served from 127.0.0.1 by a static server that compresses as GitHub Pages does on the fly (HTML, CSS, JavaScript and JSON with gzip; `search/words.bin`, binary, sent as it is, the worse case: GitLab Pages sends the `.gz` file the `init --ci gitlab` job writes beside it) and counts the bytes of each response as sent (headers not counted). "First use" starts when the form\'s first field gets the focus, which starts loading the engine and the index, and ends when the form says the engine is ready; its time is the download and the building of the index in the page. Query times run from the `input` event of the last keystroke to the suggestions for exactly that text in the DOM; they include the form\'s pause for typing to stop (`data-pause-ms`), shown apart. Each round uses a fresh browser context (nothing cached).');
  md.push('');
  md.push('| ideas | build cold (s, median / slowest) | build warm (s) | start page (KB sent) | first use (KB sent) | first use uncompressed (KB) | loading the index (ms) | first suggestions (ms, with pause) | further queries (ms, median / slowest, with pause) | pause (ms) | rounds |');
  md.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const { size, timings: t } of results) {
    const b = t.browser;
    const warm = t.build.warm.length > 0 ? median(t.build.warm.map((s) => s.seconds)).toFixed(2) : '–';
    const cells = b
      ? [kib(b.startPageBytes).toFixed(1), kib(b.firstUseBytes).toFixed(0), kib(b.firstUseRawBytes).toFixed(0), ms(median(b.loadMs)), ms(median(b.firstMs)), `${ms(median(b.furtherMs))} / ${ms(Math.max(...b.furtherMs))}`, String(b.pauseMs), String(b.runs)]
      : ['–', '–', '–', '–', '–', '–', '–', `⚠ ${(t.error ?? '').replace(/\|/g, '\\|')}`];
    const cold = t.build.cold.map((s) => s.seconds);
    md.push(`| ${size} | ${median(cold).toFixed(2)} / ${Math.max(...cold).toFixed(2)} | ${warm} | ${cells.join(' | ')} |`);
  }
  const requests = results.find((r) => r.timings.browser)?.timings.browser;
  if (requests) {
    md.push('');
    md.push(`Requests of the start page: ${requests.startPageRequests.map((p) => `\`${p}\``).join(', ')}. On first use: ${requests.firstUseRequests.map((p) => `\`${p}\``).join(', ')}.`);
  }
  md.push('');
  return md;
}
