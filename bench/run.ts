/**
 * The sluss benchmark (not part of the product, never run by `npm test`):
 *
 *   npm run bench -- [--sizes 1000,10000,50000] [--runs 5] [--reuse] [--out docs/BENCHMARKS.md]
 *                    [--backlog-sizes 1000,10000,50000] [--no-backlog] [--backlog-version latest]
 *                    [--timeout 600] [--backlog-timeout 120] [--json bench/out/results.json]
 *                    [--write-sizes 1000,10000] [--site-sizes 1000,10000]
 *
 * (`npm run bench` is `npm run build && node --import tsx bench/run.ts`.)
 *
 * For each size it generates a synthetic register under bench/out/register-<N> with
 * bench/generate-register.ts (or reuses it with --reuse), then times WHOLE processes of
 * the built CLI, `node bin/sluss -C <register> …`: a cold run right after deleting
 * `<register>/.sluss/cache`, then warm runs (median), with the peak memory (max RSS) of
 * every run. Side by side it builds a backlog.md project with the same ideas as tasks
 * and times `backlog search <query> --plain`. `sluss site` is built and its pages measured in
 * headless Chromium (bench/lib/site-bench.ts). The results go to docs/BENCHMARKS.md
 * (Markdown) and bench/out/results.json (raw samples).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBacklogProject, installBacklog, type BacklogInstall } from './lib/backlog-md.js';
import { benchMarkdown } from './lib/bench-report.js';
import {
  checkGoals,
  COMMANDS,
  fmt,
  fmtMib,
  mib,
  peakKiB,
  SEARCH_WORD,
  SIMILAR_TEXT,
  thousands,
  warmMedian,
  warmMedianOf,
  type BacklogResult,
  type BenchRun,
  type MachineInfo,
  type Measurement,
  type SizeResult,
} from './lib/bench-results.js';
import { cleanupTiming, memoryMethod, timeProcess, type ProcessSample } from './lib/process-timing.js';
import { measureWriteCommands, type WriteResult } from './lib/write-commands.js';
import { measureSite, type SiteResult } from './lib/site-bench.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'bench', 'out');
const NODE = process.execPath;
const SLUSS = join(ROOT, 'bin', 'sluss');

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,50000' },
    runs: { type: 'string', default: '5' },
    reuse: { type: 'boolean', default: false },
    out: { type: 'string', default: 'docs/BENCHMARKS.md' },
    json: { type: 'string', default: 'bench/out/results.json' },
    'backlog-sizes': { type: 'string' },
    'write-sizes': { type: 'string', default: '1000,10000' },
    'site-sizes': { type: 'string', default: '1000,10000' },
    'no-backlog': { type: 'boolean', default: false },
    'backlog-version': { type: 'string', default: 'latest' },
    timeout: { type: 'string', default: '600' },
    'backlog-timeout': { type: 'string', default: '120' },
  },
});

const parseSizes = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim().replace(/_/g, ''))
    .filter((s) => s !== '')
    .map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`not a size: ${s}`);
      return n;
    });
const SIZES = parseSizes(values.sizes!);
const RUNS = Number.parseInt(values.runs!, 10);
if (!(RUNS >= 1)) throw new Error('--runs must be at least 1');
const BACKLOG_SIZES = values['no-backlog'] ? [] : parseSizes(values['backlog-sizes'] ?? values.sizes!);
const WRITE_SIZES = parseSizes(values['write-sizes']!).filter((size) => SIZES.includes(size));
const SITE_SIZES = parseSizes(values['site-sizes']!).filter((size) => SIZES.includes(size));
const TIMEOUT_MS = Number(values.timeout) * 1000;
const BACKLOG_TIMEOUT_MS = Number(values['backlog-timeout']) * 1000;
const OUT_FILE = resolve(ROOT, values.out!);
const JSON_FILE = resolve(ROOT, values.json!);

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** Fewer warm runs for slow commands so a 50,000 run stays reasonable; the count is printed. */
function warmRunsFor(coldSeconds: number): number {
  if (coldSeconds > 60) return 1;
  if (coldSeconds > 20) return Math.min(RUNS, 3);
  return RUNS;
}

function failure(sample: ProcessSample, timeoutMs: number, findingsExit: number[] = []): string | undefined {
  if (sample.timedOut) return `timeout (> ${timeoutMs / 1000} s)`;
  if (sample.exitCode !== null && findingsExit.includes(sample.exitCode) && sample.stdoutBytes > 0) return undefined;
  if (sample.exitCode !== 0) {
    const firstLine = sample.stderrTail.trim().split('\n')[0] ?? '';
    return `exit ${sample.exitCode ?? sample.signal}${firstLine ? `: ${firstLine.slice(0, 160)}` : ''}`;
  }
  return undefined;
}

async function measure(
  id: string,
  label: string,
  command: string,
  args: string[],
  options: { cwd: string; isNode: boolean; timeoutMs: number; beforeCold?: () => void; findingsExit?: number[] },
): Promise<Measurement> {
  const m: Measurement = { id, label, available: true, warm: [] };
  options.beforeCold?.();
  const cold = await timeProcess(command, args, { cwd: options.cwd, isNode: options.isNode, timeoutMs: options.timeoutMs, env: { ...process.env, NO_COLOR: '1' } });
  m.cold = cold;
  m.error = failure(cold, options.timeoutMs, options.findingsExit);
  if (!m.error && cold.exitCode !== 0) {
    const last = (cold.stderrTail.trim() || cold.stdoutTail.trim()).split('\n').at(-1) ?? '';
    m.note = `exit ${cold.exitCode}: ${last.slice(0, 200)}`;
  }
  log(`  ${label}: cold ${fmt(cold.seconds)} s, ${fmtMib(mib(cold.maxRssKiB))} MiB${m.error ? ` – ${m.error}` : ''}`);
  if (m.error) return m;
  const n = warmRunsFor(cold.seconds);
  for (let i = 0; i < n; i++) {
    const sample = await timeProcess(command, args, { cwd: options.cwd, isNode: options.isNode, timeoutMs: options.timeoutMs, env: { ...process.env, NO_COLOR: '1' } });
    m.warm.push(sample);
    const error = failure(sample, options.timeoutMs, options.findingsExit);
    if (error) {
      m.error = `warm run ${i + 1}: ${error}`;
      break;
    }
  }
  log(`  ${label}: warm median ${fmt(warmMedian(m))} s of ${m.warm.length}, peak ${fmtMib(mib(peakKiB(m)))} MiB`);
  return m;
}

/**
 * Whether `sluss <name>` exists. The exit code of `sluss <name> --help` alone is not
 * enough: commander prints the general help and exits 0 for an unknown command with
 * `--help`, so the usage line must name the command too.
 */
function commandAvailable(name: string): { available: boolean; reason?: string } {
  try {
    const out = execFileSync(NODE, [SLUSS, '--lang', 'en', name, '--help'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    const usage = out.split('\n').find((line) => line.startsWith('Usage:')) ?? '';
    if (new RegExp(`^Usage: sluss ${name}\\b`).test(usage)) return { available: true };
    return { available: false, reason: `\`sluss ${name} --help\` shows no usage for ${name}` };
  } catch (error) {
    return { available: false, reason: `\`sluss ${name} --help\` exits ${(error as { status?: number }).status ?? 'with an error'}` };
  }
}

// ---------------------------------------------------------------- registers

function ideaCount(register: string): number {
  const dir = join(register, 'ideas');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')).length : 0;
}

/** The register of `size` ideas; returns the generation time in seconds, or undefined when reused. */
function ensureRegister(size: number): { dir: string; generatedSeconds?: number } {
  const dir = join(OUT_DIR, `register-${size}`);
  if (values.reuse && existsSync(join(dir, 'sluss.yaml')) && existsSync(join(dir, '.git')) && ideaCount(dir) === size) {
    log(`register ${thousands(size)}: reusing ${relative(ROOT, dir)}`);
    return { dir };
  }
  rmSync(dir, { recursive: true, force: true });
  log(`register ${thousands(size)}: generating ${relative(ROOT, dir)} …`);
  const start = performance.now();
  execFileSync(NODE, ['--import', 'tsx', join(ROOT, 'bench', 'generate-register.ts'), '--count', String(size), '--out', dir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const generatedSeconds = (performance.now() - start) / 1000;
  log(`register ${thousands(size)}: generated in ${fmt(generatedSeconds)} s`);
  return { dir, generatedSeconds };
}

// ---------------------------------------------------------------- machine

function machine(): MachineInfo {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  const osRelease = existsSync('/etc/os-release') ? /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] : undefined;
  const sh = (file: string, args: string[]) => {
    try {
      return execFileSync(file, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return undefined;
    }
  };
  const commit = sh('git', ['rev-parse', '--short', 'HEAD']);
  const dirty = (sh('git', ['status', '--porcelain', '--untracked-files=no']) ?? '') !== '';
  const untracked = (sh('git', ['status', '--porcelain']) ?? '').split('\n').some((l) => l.startsWith('??'));
  return {
    cpu,
    cores: os.cpus().length,
    memoryGiB: os.totalmem() / 2 ** 30,
    os: `${osRelease ?? os.type()} (${os.type()} ${os.release()}, ${os.arch()})`,
    node: process.version,
    git: sh('git', ['--version'])?.replace(/^git version /, '') ?? 'not found',
    sluss: commit ? `${commit}${dirty || untracked ? ' with uncommitted changes in the working tree' : ''}` : 'unknown',
    loadStart: os.loadavg(),
  };
}

// ---------------------------------------------------------------- main

/** Start-up: sluss --help against bare node, interleaved so drift hits both alike. */
async function measureStartup(): Promise<BenchRun['startup']> {
  log('start-up: node -e 0 vs sluss --help');
  const bare: ProcessSample[] = [];
  const help: ProcessSample[] = [];
  for (let i = 0; i <= RUNS; i++) {
    bare.push(await timeProcess(NODE, ['-e', '0'], { cwd: ROOT, isNode: true, timeoutMs: 60_000 }));
    help.push(await timeProcess(NODE, [SLUSS, '--help'], { cwd: ROOT, isNode: true, timeoutMs: 60_000, env: { ...process.env, NO_COLOR: '1' } }));
  }
  const startup = {
    bare: { cold: bare[0]!, warm: bare.slice(1) },
    help: { cold: help[0]!, warm: help.slice(1) },
  };
  const bareMedian = warmMedianOf(startup.bare);
  const helpMedian = warmMedianOf(startup.help);
  log(`  node -e 0 ${fmt(bareMedian)} s, sluss --help ${fmt(helpMedian)} s (${(helpMedian / bareMedian).toFixed(2)}×)`);
  return startup;
}

/** Every sluss command at every size, smallest first. */
async function measureSizes(): Promise<SizeResult[]> {
  const availability = new Map<string, { available: boolean; reason?: string }>();
  for (const c of COMMANDS) if (c.optional) availability.set(c.id, commandAvailable(c.optional));
  const sizeResults: SizeResult[] = [];
  /** Cold seconds of each command at the previous size, to skip a size it cannot finish within the timeout. */
  const previous = new Map<string, { size: number; seconds: number; timedOut: boolean }>();
  for (const size of [...SIZES].sort((a, b) => a - b)) {
    const { dir, generatedSeconds } = ensureRegister(size);
    primeFileCache(dir);
    const result: SizeResult = { size, register: relative(ROOT, dir), measurements: [] };
    if (generatedSeconds !== undefined) result.generatedSeconds = generatedSeconds;
    log(`sluss at ${thousands(size)} ideas`);
    for (const c of COMMANDS) {
      const a = availability.get(c.id);
      if (a && !a.available) {
        result.measurements.push({ id: c.id, label: c.label, available: false, unavailableReason: a.reason ?? 'not available', warm: [] });
        log(`  ${c.label}: not available (${a.reason})`);
        continue;
      }
      const before = previous.get(c.id);
      // Assumes at best linear growth, so a skipped size could not have finished in time.
      if (before && (before.timedOut || (before.seconds * size) / before.size > TIMEOUT_MS / 1000)) {
        const reason = before.timedOut
          ? `not run: timed out at ${thousands(before.size)} ideas`
          : `not run: took ${fmt(before.seconds)} s cold at ${thousands(before.size)} ideas, so even linear growth exceeds the ${TIMEOUT_MS / 1000} s timeout`;
        result.measurements.push({ id: c.id, label: c.label, available: true, warm: [], error: reason });
        log(`  ${c.label}: ${reason}`);
        continue;
      }
      const measurement = await measure(c.id, c.label, NODE, [SLUSS, '-C', dir, ...c.args], {
        cwd: ROOT,
        isNode: true,
        timeoutMs: TIMEOUT_MS,
        findingsExit: c.findingsExit ?? [],
        beforeCold: () => {
          rmSync(join(dir, '.sluss', 'cache'), { recursive: true, force: true });
          flushWrites();
        },
      });
      result.measurements.push(measurement);
      if (measurement.cold) previous.set(c.id, { size, seconds: measurement.cold.seconds, timedOut: measurement.cold.timedOut });
    }
    sizeResults.push(result);
  }
  return sizeResults;
}

/** add, move and join in a clone of each register of `--write-sizes` (run after the read commands, which they would disturb). */
async function measureWrites(): Promise<WriteResult[]> {
  const writes: WriteResult[] = [];
  for (const size of WRITE_SIZES) {
    log(`commands that change the register at ${thousands(size)} ideas`);
    const timings = await measureWriteCommands(NODE, SLUSS, join(OUT_DIR, `register-${size}`), join(OUT_DIR, `write-${size}`), RUNS, TIMEOUT_MS);
    log(`  add ${fmt(timings.add)} s, similar after an add ${fmt(timings.similarAfterChange)} s, warm ${fmt(timings.similarWarm)} s, move ${fmt(timings.move)} s, join ${fmt(timings.join)} s, git commit ${fmt(timings.gitCommit)} s${timings.error ? ` – ${timings.error}` : ''}`);
    writes.push({ size: thousands(size), timings });
  }
  return writes;
}

/** `sluss site` on each register of `--site-sizes`: the build, then the site in Chromium. */
async function measureSites(): Promise<SiteResult[]> {
  const results: SiteResult[] = [];
  for (const size of SITE_SIZES) {
    log(`sluss site at ${thousands(size)} ideas`);
    const timings = await measureSite(NODE, SLUSS, join(OUT_DIR, `register-${size}`), join(OUT_DIR, `site-${size}`), RUNS, TIMEOUT_MS);
    const b = timings.browser;
    log(`  build cold ${timings.build.cold.map((c) => fmt(c.seconds)).join('/')} s${b ? `, start page ${(b.startPageBytes / 1024).toFixed(1)} KB, first use ${(b.firstUseBytes / 1024).toFixed(0)} KB, first suggestions ${b.firstMs.map((v) => v.toFixed(0)).join('/')} ms` : ''}${timings.error ? ` – ${timings.error}` : ''}`);
    results.push({ size: thousands(size), timings });
  }
  return results;
}

/** backlog.md side by side: its search over a project holding the same ideas as tasks. */
async function measureBacklog(): Promise<BenchRun['backlog']> {
  const backlogResults: BacklogResult[] = [];
  let backlog: BacklogInstall | undefined;
  let backlogError: string | undefined;
  if (BACKLOG_SIZES.length > 0) {
    try {
      log(`backlog.md: installing backlog.md@${values['backlog-version']} into bench/out/backlog.md-install`);
      backlog = installBacklog(join(OUT_DIR, 'backlog.md-install'), values['backlog-version']!, values.reuse!);
      log(`backlog.md ${backlog.version}`);
    } catch (error) {
      backlogError = String((error as Error).message).split('\n')[0];
      log(`backlog.md not available: ${backlogError}`);
    }
  }
  if (backlog) {
    let stopped: string | undefined;
    for (const size of BACKLOG_SIZES) {
      const result: BacklogResult = { size, searches: [] };
      backlogResults.push(result);
      if (stopped) {
        result.skipped = stopped;
        continue;
      }
      const register = ensureRegisterForBacklog(size);
      const dir = join(OUT_DIR, `backlog-${size}`);
      const tasksDir = join(dir, 'backlog', 'tasks');
      if (values.reuse && existsSync(tasksDir) && readdirSync(tasksDir).length === size) {
        log(`backlog.md ${thousands(size)}: reusing ${relative(ROOT, dir)}`);
        result.tasks = readdirSync(tasksDir).length;
      } else {
        rmSync(dir, { recursive: true, force: true });
        log(`backlog.md ${thousands(size)}: writing ${thousands(size)} task files and checking them with \`backlog task list --plain\` …`);
        const start = performance.now();
        try {
          result.tasks = createBacklogProject(backlog, register, dir);
        } catch (error) {
          result.skipped = `could not build the project: ${String((error as Error).message).split('\n')[0]}`;
          log(`  ${result.skipped}`);
          continue;
        }
        result.createdSeconds = (performance.now() - start) / 1000;
        log(`  ${result.tasks} tasks listed by backlog (${fmt(result.createdSeconds)} s including the listing)`);
      }
      for (const query of [SEARCH_WORD, SIMILAR_TEXT]) {
        const m = await measure(`backlog-search`, `backlog search "${query}" --plain`, backlog.bin, ['search', query, '--plain'], { cwd: dir, isNode: false, timeoutMs: BACKLOG_TIMEOUT_MS });
        result.searches.push({ query, measurement: m });
        if (m.cold?.timedOut) stopped = `not run: a search timed out at ${thousands(size)} tasks`;
      }
    }
  }
  return {
    sizes: BACKLOG_SIZES,
    version: values['backlog-version']!,
    timeoutMs: BACKLOG_TIMEOUT_MS,
    ...(backlog ? { install: backlog } : {}),
    ...(backlogError !== undefined ? { error: backlogError } : {}),
    results: backlogResults,
  };
}

async function main() {
  const started = performance.now();
  const startedAt = new Date();
  if (!existsSync(join(ROOT, 'dist', 'sluss.cjs'))) throw new Error('dist/sluss.cjs is missing: run `npm run build` first (npm run bench does)');
  mkdirSync(OUT_DIR, { recursive: true });
  const info = machine();
  log(`${info.cpu}, ${info.cores} cores, Node ${info.node}; memory via ${memoryMethod()}`);

  const distAtStart = newestMtime(join(ROOT, 'dist'));
  fillCodeCache();
  const startup = await measureStartup();
  const sizeResults = await measureSizes();
  const writes = await measureWrites();
  const site = await measureSites();
  const backlog = await measureBacklog();

  const distRebuilt = newestMtime(join(ROOT, 'dist')) !== distAtStart;
  if (distRebuilt) log('warning: dist/ changed during the run (rebuilt by another process); the numbers may mix builds');
  const finishedSeconds = (performance.now() - started) / 1000;
  const loadEnd = os.loadavg();
  cleanupTiming();

  const argv = process.argv.slice(2);
  const run: BenchRun = { startedAt, finishedSeconds, argv, machine: info, loadEnd, memoryMethod: memoryMethod(), distRebuilt, runs: RUNS, sizes: SIZES, startup, sizeResults, writes, site, backlog };
  const goals = checkGoals(run);
  mkdirSync(dirname(OUT_FILE), { recursive: true });
  writeFileSync(OUT_FILE, benchMarkdown(run, goals));
  mkdirSync(dirname(JSON_FILE), { recursive: true });
  writeFileSync(
    JSON_FILE,
    `${JSON.stringify({ startedAt: startedAt.toISOString(), argv, machine: { ...info, loadEnd }, memoryMethod: memoryMethod(), startup, sizes: sizeResults, writes, site, backlog: backlog.install ? { ...backlog.install, results: backlog.results } : { error: backlog.error }, goals }, null, 2)}\n`,
  );
  log(`wrote ${relative(ROOT, OUT_FILE)} and ${relative(ROOT, JSON_FILE)} in ${fmt(finishedSeconds / 60)} min`);
  for (const g of goals) log(`  ${g.verdict.padEnd(13)} ${g.goal}: ${g.measured}`);
}

/**
 * One untimed run of each read command on the example register, so that V8's
 * code cache (README "Code cache") holds their modules before the first timed
 * run, as it does for anyone who has run sluss before: otherwise the cold runs
 * of the smallest size alone would include compiling.
 */
function fillCodeCache(): void {
  for (const c of COMMANDS) {
    try {
      execFileSync(NODE, [SLUSS, '-C', ROOT, ...c.args], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    } catch {
      // findings (exit 1) or a command this build lacks: measured and reported below
    }
  }
}

/**
 * Reads every file of a register's `ideas/` once, untimed, before its first
 * timed run, so that they are in the operating system's file cache. "Cold"
 * means cold for sluss (its cache deleted), not for the disk: without this,
 * the first command of each size alone also waited for the disk whenever the
 * files were not in memory (after a reboot, or when other work pushed them
 * out). An untimed `validate` did this until 2026-12-06, but with --reuse the
 * register still holds the parsed-file cache of the last run, so `validate`
 * read no idea file: measured at 50,000 ideas after dropping the file cache, a
 * cold `similar` took 16.9 s right after such a `validate`, 12.7 s the next time.
 */
function primeFileCache(dir: string): void {
  const ideas = join(dir, 'ideas');
  for (const name of readdirSync(ideas)) {
    const path = join(ideas, name);
    if (statSync(path).isFile()) readFileSync(path);
  }
}

/**
 * `sync` before a cold run: the run before it wrote its caches (up to 150 MB
 * at 50,000 ideas), and while the kernel still writes those out, a cold run's
 * own writes wait for it. Measured at 50,000 ideas: a cold `similar` right
 * after a `validate` took 15.1 s, the next ones 11.3–11.4 s; with `sync`
 * first, 12.2–13.0 s each (a busier moment of the machine).
 */
function flushWrites(): void {
  try {
    execFileSync('sync', { stdio: 'ignore' });
  } catch {
    // no sync on this system: the cold run may include writing out the previous run's files
  }
}

/** The newest modification time of any file under `dir` (to notice a rebuild during the run). */
function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

/** backlog.md needs a register of the same size for its texts (it may be a size sluss was not timed at). */
function ensureRegisterForBacklog(size: number): string {
  const dir = join(OUT_DIR, `register-${size}`);
  if (existsSync(join(dir, 'sluss.yaml')) && ideaCount(dir) === size) return dir;
  return ensureRegister(size).dir;
}

await main();
