#!/usr/bin/env node
/**
 * Makes sure the programs some tests need are installed, from Debian's
 * packages (`npm test` runs this first, as `pretest`):
 *
 * - chromium at /usr/bin/chromium, for the browser test of the HTML report
 *   (test/e2e/report-html.test.ts); SLUSS_CHROMIUM=/path uses another binary;
 * - rsync, which gitlab-ci-local calls to run the generated GitLab pipeline
 *   (test/e2e/ci-gitlab-runner.test.ts);
 * - poppler-utils (pdftotext), which reads the printed HTML report back to check
 *   that no heading is left alone at a page end (test/e2e/report-html.test.ts);
 * - zsh and fish, which load the generated shell completion
 *   (test/unit/completion.test.ts).
 *
 *   node scripts/ensure-debian-tools.mjs [chromium] [rsync] [poppler-utils] [zsh] [fish]   # default: all
 *
 * - Present: prints nothing.
 * - Missing, root on Debian/Ubuntu with apt-get: runs `apt-get update` once
 *   and `apt-get install -y` for all that is missing, then checks each runs.
 * - Missing otherwise: explains what to do. Exits 1 in CI (CI set), where no
 *   test may be skipped; exits 0 locally so `npm test` still runs the other
 *   tests (the tests that need the program then skip, saying why).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TOOLS = {
  chromium: { binary: process.env.SLUSS_CHROMIUM || '/usr/bin/chromium', override: 'SLUSS_CHROMIUM', purpose: "the HTML report's browser test" },
  rsync: { binary: '/usr/bin/rsync', purpose: 'the GitLab pipeline test (gitlab-ci-local)' },
  // pdftotext prints its version with -v (and exits 1 on --version).
  'poppler-utils': { binary: '/usr/bin/pdftotext', versionFlag: '-v', purpose: "the printed report's page-break test" },
  zsh: { binary: '/usr/bin/zsh', purpose: 'the zsh completion test' },
  fish: { binary: '/usr/bin/fish', purpose: 'the fish completion test' },
};

const inCi = Boolean(process.env.CI);
let failed = false;

function say(message) {
  process.stderr.write(`ensure-debian-tools: ${message}\n`);
}

function fail(message) {
  say(message);
  failed = true;
}

function works(binary, versionFlag = '--version') {
  const result = spawnSync(binary, [versionFlag], { encoding: 'utf8', timeout: 60_000 });
  return result.status === 0 ? `${result.stdout}${result.stderr}`.trim().split('\n')[0] : undefined;
}

function isDebianLike() {
  try {
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

function run(command, args) {
  say(`${command} ${args.join(' ')} …`);
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 15 * 60_000 });
  if (result.status === 0) return undefined;
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
  return `${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n${output}`;
}

/** Installs what is missing of `names` (keys of TOOLS); sets the exit code as the module comment says. */
export function ensureDebianTools(names) {
  const missing = [];
  for (const name of names) {
    const { binary, override, versionFlag } = TOOLS[name];
    if (existsSync(binary)) {
      if (!works(binary, versionFlag)) fail(`${binary} exists but does not run (${binary} ${versionFlag ?? '--version'} failed). Reinstall it: apt-get install --reinstall ${name}`);
    } else if (override && process.env[override]) {
      fail(`${override}=${binary} does not exist.`);
    } else {
      missing.push(name);
    }
  }
  if (missing.length > 0) install(missing);
  if (failed) process.exitCode = inCi ? 1 : 0;
}

function install(names) {
  const what = names.map((name) => `${name} (for ${TOOLS[name].purpose})`).join(' and ');
  if (process.platform !== 'linux' || !isDebianLike()) return fail(`Missing: ${what}. This is not Debian/Ubuntu, so they cannot be installed here: install them yourself.`);
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return fail(`Missing: ${what}. Install as root: sudo apt-get update && sudo apt-get install -y ${names.join(' ')}`);
  if (!existsSync('/usr/bin/apt-get')) return fail(`Missing: ${what}, and apt-get is not available.`);
  say(`Missing: ${what}; installing Debian's packages (a minute or two).`);
  const error = run('apt-get', ['update', '-qq']) ?? run('apt-get', ['install', '-y', '-qq', ...names]);
  if (error) return fail(`${error}\nCould not install ${names.join(' and ')}.`);
  for (const name of names) {
    const version = existsSync(TOOLS[name].binary) ? works(TOOLS[name].binary, TOOLS[name].versionFlag) : undefined;
    if (version) say(`installed ${version}.`);
    else fail(`apt-get install ${name} finished, but ${TOOLS[name].binary} does not run.`);
  }
  return undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in TOOLS));
  if (unknown.length > 0) {
    say(`unknown: ${unknown.join(', ')}; known: ${Object.keys(TOOLS).join(', ')}`);
    process.exit(2);
  }
  ensureDebianTools(asked.length > 0 ? asked : Object.keys(TOOLS));
}
