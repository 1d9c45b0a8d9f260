#!/usr/bin/env node
/**
 * Makes the screenshots of the README's site section from the example register
 * (sluss.yaml and ideas/ of this repository), in Swedish, in Chromium:
 *
 * - docs/site-start.png: the start page at 1200 px.
 * - docs/site-check.png: the form "Har någon redan haft idén?" with the
 *   suggestions that appear while a near-duplicate of an example idea is typed,
 *   for an employee of Skövde, whose idea receiver (`intake:` in sluss.yaml)
 *   takes ideas and support by e-mail.
 *
 * The site is served from 127.0.0.1, as a forge's Pages would serve it. Needs the
 * built command (`npm run build`) and Chromium at /usr/bin/chromium (or SLUSS_CHROMIUM).
 *
 *     node scripts/site-screenshots.mjs
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'sluss');
const chromiumPath = process.env.SLUSS_CHROMIUM || '/usr/bin/chromium';
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json' };

function fail(message) {
  process.stderr.write(`site-screenshots: ${message}\n`);
  process.exit(1);
}

if (!existsSync(join(root, 'dist'))) fail('dist/ is missing: run npm run build first.');
if (!existsSync(chromiumPath)) fail(`Chromium is missing at ${chromiumPath}: run node scripts/ensure-debian-tools.mjs (as root), or set SLUSS_CHROMIUM.`);

/** Serves `folder` on 127.0.0.1 with no logic of its own, as static hosting does. */
function serve(folder) {
  const server = createServer((request, response) => {
    let file = normalize(join(folder, decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)));
    if (!file.startsWith(folder + sep)) return response.writeHead(403).end();
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const work = mkdtempSync(join(tmpdir(), 'sluss-site-screenshots-'));
try {
  const register = join(work, 'register');
  cpSync(join(root, 'sluss.yaml'), join(register, 'sluss.yaml'));
  cpSync(join(root, 'ideas'), join(register, 'ideas'), { recursive: true });
  const env = { PATH: process.env.PATH, HOME: work, LANG: 'C' };
  const git = (...args) => execFileSync('git', args, { cwd: register, env, stdio: 'pipe' });
  git('init', '--quiet', '--initial-branch=main');
  git('add', '-A');
  git('-c', 'user.name=Exempel', '-c', 'user.email=exempel@example.se', '-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', 'Exempel');
  const site = join(work, 'public');
  execFileSync(process.execPath, [bin, '-C', register, 'site', '--out', site], { env, stdio: 'pipe' });

  const server = await serve(site);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    const start = join(root, 'docs', 'site-start.png');
    await page.screenshot({ path: start, fullPage: false });
    await page.goto(`${origin}/check.html`, { waitUntil: 'load' });
    await page.fill('#title', 'Digitala lås för hemtjänsten');
    await page.fill('#problem', 'Hemtjänstens personal hanterar många fysiska nycklar till brukarna, och nycklar kommer bort.');
    await page.selectOption('#municipality', 'skovde');
    await page.locator('#suggestions article a.support').first().waitFor({ timeout: 20_000 });
    const check = join(root, 'docs', 'site-check.png');
    await page.screenshot({ path: check, fullPage: true });
    process.stdout.write(`${start}\n${check}\n`);
  } finally {
    await browser.close();
    server.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
