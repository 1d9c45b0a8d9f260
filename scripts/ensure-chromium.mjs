#!/usr/bin/env node
/**
 * Makes sure Debian's Chromium is at /usr/bin/chromium for the browser test of
 * `sluss report --format html` (test/e2e/report-html.test.ts).
 *
 * - Present: prints nothing and exits 0.
 * - Missing, root on Debian/Ubuntu with apt-get: runs `apt-get update` and
 *   `apt-get install -y chromium` quietly, then checks the binary runs.
 * - Missing otherwise: explains what to do. Exits 1 in CI (CI set), where the
 *   browser test must not be skipped; exits 0 locally so `npm test` still runs
 *   the other tests (the browser test then skips itself, saying why).
 *
 * SLUSS_CHROMIUM=/path/to/chromium uses another binary.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const CHROMIUM = process.env.SLUSS_CHROMIUM || '/usr/bin/chromium';
const inCi = Boolean(process.env.CI);

function say(message) {
  process.stderr.write(`ensure-chromium: ${message}\n`);
}

function fail(message) {
  say(message);
  process.exit(inCi ? 1 : 0);
}

function works(binary) {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function isDebianLike() {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release);
  } catch {
    return false;
  }
}

function run(command, args) {
  say(`${command} ${args.join(' ')} …`);
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 15 * 60_000,
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    return `${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n${output}`;
  }
  return undefined;
}

if (existsSync(CHROMIUM)) {
  if (works(CHROMIUM)) process.exit(0);
  fail(`${CHROMIUM} exists but does not run (${CHROMIUM} --version failed). Reinstall it: apt-get install --reinstall chromium`);
}

if (process.env.SLUSS_CHROMIUM) fail(`SLUSS_CHROMIUM=${CHROMIUM} does not exist.`);
if (process.platform !== 'linux' || !isDebianLike()) {
  fail(`Chromium is missing at ${CHROMIUM} and this is not Debian/Ubuntu, so it cannot be installed here. Install Chromium and set SLUSS_CHROMIUM to its path.`);
}
if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
  fail(`Chromium is missing at ${CHROMIUM}. Install it as root: sudo apt-get update && sudo apt-get install -y chromium`);
}
if (!existsSync('/usr/bin/apt-get')) fail(`Chromium is missing at ${CHROMIUM} and apt-get is not available.`);

say(`Chromium is missing at ${CHROMIUM}; installing Debian's chromium package for the browser test (a minute or two).`);
const error = run('apt-get', ['update', '-qq']) ?? run('apt-get', ['install', '-y', '-qq', 'chromium']);
if (error) fail(`${error}\nCould not install Chromium; the HTML report's browser test cannot run.`);
const version = existsSync(CHROMIUM) ? works(CHROMIUM) : undefined;
if (!version) fail(`apt-get install chromium finished, but ${CHROMIUM} does not run.`);
say(`installed ${version}.`);
