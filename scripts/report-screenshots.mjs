#!/usr/bin/env node
/**
 * Makes the screenshots of docs/REPORT.md from the example register (sluss.yaml
 * and ideas/ of this repository), as of 2026-11-27, in Swedish:
 *
 * - docs/report-screenshot.png: the top of the HTML report at 1200 px.
 * - docs/report-screenshot-800.png: the "Kommun × steg" section at 800 px, where
 *   the table must fit with its "Deltar i" column in view.
 *
 * Needs the built command (`npm run build`) and Chromium at /usr/bin/chromium
 * (or SLUSS_CHROMIUM); see scripts/ensure-chromium.mjs.
 *
 *     node scripts/report-screenshots.mjs
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'sluss');
const chromiumPath = process.env.SLUSS_CHROMIUM || '/usr/bin/chromium';
const AS_OF = '2026-11-27';

function fail(message) {
  process.stderr.write(`report-screenshots: ${message}\n`);
  process.exit(1);
}

if (!existsSync(join(root, 'dist'))) fail('dist/ is missing: run npm run build first.');
if (!existsSync(chromiumPath)) fail(`Chromium is missing at ${chromiumPath}: run node scripts/ensure-chromium.mjs (as root), or set SLUSS_CHROMIUM.`);

const work = mkdtempSync(join(tmpdir(), 'sluss-screenshots-'));
try {
  const register = join(work, 'register');
  cpSync(join(root, 'sluss.yaml'), join(register, 'sluss.yaml'));
  cpSync(join(root, 'ideas'), join(register, 'ideas'), { recursive: true });
  const env = { PATH: process.env.PATH, HOME: work, LANG: 'C', SLUSS_TODAY: AS_OF };
  const git = (...args) => execFileSync('git', args, { cwd: register, env, stdio: 'pipe' });
  git('init', '--quiet', '--initial-branch=main');
  git('add', '-A');
  git('-c', 'user.name=Exempel', '-c', 'user.email=exempel@example.se', '-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', 'Exempel');
  const html = join(work, 'rapport.html');
  execFileSync(process.execPath, [bin, '-C', register, 'report', '--format', 'html', '--out', html], { env, stdio: 'pipe' });

  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1500 }, offline: true });
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    const top = join(root, 'docs', 'report-screenshot.png');
    await page.screenshot({ path: top, fullPage: false });
    await page.setViewportSize({ width: 800, height: 1000 });
    const narrow = join(root, 'docs', 'report-screenshot-800.png');
    await page.locator('section[aria-labelledby="h-municipalityStage"]').screenshot({ path: narrow });
    process.stdout.write(`${top}\n${narrow}\n`);
  } finally {
    await browser.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
