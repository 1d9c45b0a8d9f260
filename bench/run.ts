/**
 * The sluss benchmark (not part of the product, never run by `npm test`):
 *
 *   npm run bench -- [--sizes 1000,10000,50000] [--runs 5] [--reuse] [--out docs/BENCHMARKS.md]
 *                    [--backlog-sizes 1000,10000,50000] [--no-backlog] [--backlog-version latest]
 *                    [--timeout 600] [--backlog-timeout 120] [--json bench/out/results.json]
 *                    [--write-sizes 1000,10000]
 *
 * (`npm run bench` is `npm run build && node --import tsx bench/run.ts`.)
 *
 * For each size it generates a synthetic register under bench/out/register-<N> with
 * bench/generate-register.ts (or reuses it with --reuse), then times WHOLE processes of
 * the built CLI, `node bin/sluss -C <register> …`: a cold run right after deleting
 * `<register>/.sluss/cache`, then warm runs (median), with the peak memory (max RSS) of
 * every run. Side by side it builds a backlog.md project with the same ideas as tasks
 * and times `backlog search <query> --plain`. The results go to docs/BENCHMARKS.md
 * (Markdown) and bench/out/results.json (raw samples).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBacklogProject, installBacklog, type BacklogInstall } from './lib/backlog-md.js';
import { cleanupTiming, median, memoryMethod, timeProcess, type ProcessSample } from './lib/process-timing.js';
import { addGoals, measureWriteCommands, writeCommandsSection, type WriteTimings } from './lib/write-commands.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'bench', 'out');
const NODE = process.execPath;
const SLUSS = join(ROOT, 'bin', 'sluss');
const SIMILAR_TEXT = 'Digitala lås i hemtjänsten';
const SEARCH_WORD = 'hemtjänst';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,50000' },
    runs: { type: 'string', default: '5' },
    reuse: { type: 'boolean', default: false },
    out: { type: 'string', default: 'docs/BENCHMARKS.md' },
    json: { type: 'string', default: 'bench/out/results.json' },
    'backlog-sizes': { type: 'string' },
    'write-sizes': { type: 'string', default: '1000,10000' },
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
const TIMEOUT_MS = Number(values.timeout) * 1000;
const BACKLOG_TIMEOUT_MS = Number(values['backlog-timeout']) * 1000;
const OUT_FILE = resolve(ROOT, values.out!);
const JSON_FILE = resolve(ROOT, values.json!);

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const fmt = (seconds: number | undefined) => (seconds === undefined || Number.isNaN(seconds) ? '–' : seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1));
const mib = (kib: number | undefined) => (kib === undefined ? undefined : kib / 1024);
const fmtMib = (value: number | undefined) => (value === undefined ? 'n/a' : value.toFixed(0));
const thousands = (n: number) => n.toLocaleString('en-US');

/** Fewer warm runs for slow commands so a 50,000 run stays reasonable; the count is printed. */
function warmRunsFor(coldSeconds: number): number {
  if (coldSeconds > 60) return 1;
  if (coldSeconds > 20) return Math.min(RUNS, 3);
  return RUNS;
}

// ---------------------------------------------------------------- measurements

interface Measurement {
  id: string;
  label: string;
  available: boolean;
  unavailableReason?: string;
  cold?: ProcessSample;
  warm: ProcessSample[];
  error?: string;
  /** Ran to the end but exited with a "findings" code (e.g. validate found errors). */
  note?: string;
}

const warmMedian = (m: Measurement | undefined) => (m && m.warm.length > 0 ? median(m.warm.map((s) => s.seconds)) : undefined);
const peakKiB = (m: Measurement | undefined) => {
  const all = [m?.cold, ...(m?.warm ?? [])].filter((s): s is ProcessSample => s !== undefined && s.maxRssKiB !== undefined);
  return all.length === 0 ? undefined : Math.max(...all.map((s) => s.maxRssKiB!));
};

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

// ---------------------------------------------------------------- sluss commands

interface SlussCommand {
  id: string;
  label: string;
  args: string[];
  /** A command that may not exist yet: checked with `sluss <name> --help`. */
  optional?: string;
  /** Exit codes besides 0 that mean "ran and reported findings" (when it printed something). */
  findingsExit?: number[];
}

const COMMANDS: SlussCommand[] = [
  { id: 'similar', label: `similar "${SIMILAR_TEXT}"`, args: ['similar', SIMILAR_TEXT] },
  { id: 'similar-json', label: `similar "${SIMILAR_TEXT}" --json`, args: ['similar', SIMILAR_TEXT, '--json'] },
  { id: 'list', label: 'list --json', args: ['list', '--json'] },
  { id: 'validate', label: 'validate', args: ['validate'], findingsExit: [1] },
  { id: 'search', label: `search ${SEARCH_WORD}`, args: ['search', SEARCH_WORD] },
  { id: 'duplicates', label: 'duplicates --format json', args: ['duplicates', '--format', 'json'], optional: 'duplicates', findingsExit: [1, 3] },
  { id: 'report', label: 'report --format json', args: ['report', '--format', 'json'], optional: 'report' },
];

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

function machine() {
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

// ---------------------------------------------------------------- goals

interface GoalCheck {
  goal: string;
  measured: string;
  verdict: 'pass' | 'FAIL' | 'not measured' | 'not available';
}

const verdict = (value: number | undefined, limit: number): GoalCheck['verdict'] => (value === undefined || Number.isNaN(value) ? 'not measured' : value <= limit ? 'pass' : 'FAIL');

// ---------------------------------------------------------------- main

interface SizeResult {
  size: number;
  register: string;
  generatedSeconds?: number;
  measurements: Measurement[];
}

interface BacklogResult {
  size: number;
  createdSeconds?: number;
  tasks?: number;
  searches: Array<{ query: string; measurement: Measurement }>;
  skipped?: string;
}

async function main() {
  const started = performance.now();
  const startedAt = new Date();
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
  mkdirSync(OUT_DIR, { recursive: true });
  const info = machine();
  log(`${info.cpu}, ${info.cores} cores, Node ${info.node}; memory via ${memoryMethod()}`);

  const availability = new Map<string, { available: boolean; reason?: string }>();
  for (const c of COMMANDS) if (c.optional) availability.set(c.id, commandAvailable(c.optional));

  // Start-up: sluss --help against bare node, interleaved so drift hits both alike.
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
  const bareMedian = median(startup.bare.warm.map((s) => s.seconds));
  const helpMedian = median(startup.help.warm.map((s) => s.seconds));
  log(`  node -e 0 ${fmt(bareMedian)} s, sluss --help ${fmt(helpMedian)} s (${(helpMedian / bareMedian).toFixed(2)}×)`);

  const sizeResults: SizeResult[] = [];
  const distAtStart = newestMtime(join(ROOT, 'dist'));
  /** Cold seconds of each command at the previous size, to skip a size it cannot finish within the timeout. */
  const previous = new Map<string, { size: number; seconds: number; timedOut: boolean }>();
  for (const size of [...SIZES].sort((a, b) => a - b)) {
    const { dir, generatedSeconds } = ensureRegister(size);
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
        beforeCold: () => rmSync(join(dir, '.sluss', 'cache'), { recursive: true, force: true }),
      });
      result.measurements.push(measurement);
      if (measurement.cold) previous.set(c.id, { size, seconds: measurement.cold.seconds, timedOut: measurement.cold.timedOut });
    }
    sizeResults.push(result);
  }

  const writeResults: { size: string; timings: WriteTimings }[] = [];
  for (const size of WRITE_SIZES) {
    log(`commands that change the register at ${thousands(size)} ideas`);
    const timings = await measureWriteCommands(NODE, SLUSS, join(OUT_DIR, `register-${size}`), join(OUT_DIR, `write-${size}`), RUNS, TIMEOUT_MS);
    log(`  add ${fmt(timings.add)} s, similar after an add ${fmt(timings.similarAfterChange)} s, warm ${fmt(timings.similarWarm)} s, move ${fmt(timings.move)} s, join ${fmt(timings.join)} s, git commit ${fmt(timings.gitCommit)} s${timings.error ? ` – ${timings.error}` : ''}`);
    writeResults.push({ size: thousands(size), timings });
  }

  // backlog.md side by side.
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

  const distRebuilt = newestMtime(join(ROOT, 'dist')) !== distAtStart;
  if (distRebuilt) log('warning: dist/ changed during the run (rebuilt by another process); the numbers may mix builds');
  const finishedSeconds = (performance.now() - started) / 1000;
  const loadEnd = os.loadavg();
  cleanupTiming();

  // ------------------------------------------------------------ goals
  const at = (size: number, id: string) => sizeResults.find((r) => r.size === size)?.measurements.find((m) => m.id === id);
  const goals: GoalCheck[] = [];
  const helpRatio = helpMedian / bareMedian;
  goals.push({ goal: '`sluss --help` within 1.5× of bare `node -e 0` (warm medians)', measured: `${fmt(helpMedian)} s vs ${fmt(bareMedian)} s = ${helpRatio.toFixed(2)}×`, verdict: verdict(helpRatio, 1.5) });
  const timeGoal = (size: number, id: string, kind: 'warm' | 'cold', limit: number) => {
    const m = at(size, id);
    const label = COMMANDS.find((c) => c.id === id)!.label;
    const goal = `\`${label}\` ≤ ${limit} s ${kind} at ${thousands(size)}`;
    if (!SIZES.includes(size)) return goals.push({ goal, measured: 'size not run', verdict: 'not measured' });
    if (m && !m.available) return goals.push({ goal, measured: 'command not available', verdict: 'not available' });
    if (!m) return goals.push({ goal, measured: 'not run', verdict: 'not measured' });
    if (m.error) return goals.push({ goal, measured: m.error, verdict: 'FAIL' });
    const value = kind === 'warm' ? warmMedian(m) : m.cold?.seconds;
    return goals.push({ goal, measured: `${fmt(value)} s${kind === 'warm' ? ` (median of ${m.warm.length})` : ''}`, verdict: verdict(value, limit) });
  };
  timeGoal(10_000, 'similar', 'warm', 0.3);
  timeGoal(10_000, 'similar-json', 'warm', 0.3);
  timeGoal(50_000, 'similar', 'warm', 1);
  timeGoal(50_000, 'similar-json', 'warm', 1);
  for (const id of ['list', 'validate']) {
    timeGoal(10_000, id, 'warm', 0.5);
    timeGoal(10_000, id, 'cold', 2);
  }
  timeGoal(10_000, 'duplicates', 'cold', 10);
  timeGoal(10_000, 'duplicates', 'warm', 10);
  timeGoal(10_000, 'report', 'warm', 1);
  for (const { size, timings } of writeResults) for (const g of addGoals(size, timings)) goals.push({ goal: g.goal, measured: g.measured, verdict: verdict(g.value, g.limit) });
  if (SIZES.includes(50_000)) {
    for (const m of sizeResults.find((r) => r.size === 50_000)!.measurements) {
      const goal = `\`${m.label}\` peak memory ≤ 300 MiB at 50,000`;
      if (!m.available) goals.push({ goal, measured: 'command not available', verdict: 'not available' });
      else if (peakKiB(m) === undefined) goals.push({ goal, measured: m.error ?? 'no memory figure', verdict: 'not measured' });
      else goals.push({ goal, measured: `${fmtMib(mib(peakKiB(m)))} MiB`, verdict: verdict(mib(peakKiB(m)), 300) });
    }
  } else {
    goals.push({ goal: 'peak memory ≤ 300 MiB at 50,000 (every command)', measured: 'size not run', verdict: 'not measured' });
  }

  // ------------------------------------------------------------ report
  const argv = process.argv.slice(2);
  const md: string[] = [];
  const goalsFor = (size: number, id: string) =>
    goals.filter((g) => g.goal.includes(`\`${COMMANDS.find((c) => c.id === id)!.label}\``) && g.goal.endsWith(`at ${thousands(size)}`)).map((g) => `${g.goal.replace(/^`[^`]+` /, '').replace(/ at [\d,]+$/, '')}: **${g.verdict}**`);
  md.push('# Benchmarks');
  md.push('');
  md.push('Generated by `npm run bench` (bench/run.ts); do not edit by hand – re-run it. No number here was typed in: every figure below was measured in the run described.');
  md.push('');
  md.push('## Run');
  md.push('');
  md.push(`- Date: ${startedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC; the whole run took ${fmt(finishedSeconds / 60)} min`);
  md.push(`- Machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGiB.toFixed(1)} GiB memory`);
  md.push(`- OS: ${info.os}`);
  md.push(`- Node.js ${info.node}, git ${info.git}`);
  md.push(`- sluss: commit ${info.sluss}`);
  md.push(`- Load average (1/5/15 min) at start ${info.loadStart.map((l) => l.toFixed(2)).join(' / ')}, at end ${loadEnd.map((l) => l.toFixed(2)).join(' / ')} (other work on the machine at the same time shows up here and in the numbers)`);
  if (distRebuilt) md.push('- **Warning:** `dist/` was rebuilt by another process during this run, so the numbers may mix two builds of sluss; re-run for clean figures.');
  md.push(`- Peak memory measured with ${memoryMethod() === 'gnu-time' ? '`/usr/bin/time -f "%e %M"` (GNU time; max RSS in KiB)' : '`process.resourceUsage().maxRSS` reported by the measured Node process at exit (GNU time not found)'}`);
  md.push('');
  md.push('## Reproduce');
  md.push('');
  md.push('```sh');
  md.push('npm ci');
  md.push(`npm run bench${argv.length > 0 ? ` -- ${argv.map((a) => (/^[\w,./=-]+$/.test(a) ? a : `'${a}'`)).join(' ')}` : ''}   # this run`);
  md.push('npm run bench -- --sizes 1000,10000 --runs 5 --reuse   # quicker: two sizes, reuse generated registers');
  md.push('```');
  md.push('');
  md.push('`npm run bench` is `npm run build && node --import tsx bench/run.ts`. Registers are generated with `npm run bench:gen -- --count <N> --out bench/out/register-<N>` (seed `sluss`, so the same N gives the same ideas); `--reuse` keeps registers and backlog.md projects already in `bench/out/`. Raw samples of every run: `bench/out/results.json`.');
  md.push('');
  md.push('## Goals');
  md.push('');
  md.push('| goal | measured | verdict |');
  md.push('|---|---|---|');
  for (const g of goals) md.push(`| ${g.goal} | ${g.measured} | **${g.verdict}** |`);
  md.push('');
  md.push('## Start-up');
  md.push('');
  md.push(`| process | first run (s) | warm median of ${RUNS} (s) | peak memory (MiB) |`);
  md.push('|---|---:|---:|---:|');
  const peakOf = (samples: ProcessSample[]) => {
    const values = samples.map((s) => s.maxRssKiB).filter((v): v is number => v !== undefined);
    return values.length === 0 ? undefined : Math.max(...values) / 1024;
  };
  md.push(`| \`node -e 0\` | ${fmt(startup.bare.cold.seconds)} | ${fmt(bareMedian)} | ${fmtMib(peakOf(bare))} |`);
  md.push(`| \`node bin/sluss --help\` | ${fmt(startup.help.cold.seconds)} | ${fmt(helpMedian)} | ${fmtMib(peakOf(help))} |`);
  md.push('');
  md.push(`\`sluss --help\` / \`node -e 0\` = **${helpRatio.toFixed(2)}×** (goal ≤ 1.5×: **${verdict(helpRatio, 1.5)}**).`);
  md.push('');
  for (const r of sizeResults) {
    md.push(`## sluss at ${thousands(r.size)} ideas`);
    md.push('');
    md.push(`Register \`${r.register}\`${r.generatedSeconds !== undefined ? `, generated in ${fmt(r.generatedSeconds)} s` : ' (reused)'}. Every command as \`node bin/sluss -C ${r.register} <command>\`.`);
    md.push('');
    md.push('| command | cold (s) | warm median (s) | warm runs | peak memory (MiB) | goals |');
    md.push('|---|---:|---:|---:|---:|---|');
    for (const m of r.measurements) {
      const g = goalsFor(r.size, m.id).join('; ');
      if (!m.available) {
        md.push(`| \`${m.label}\` | not available | not available | – | – | ${g ? `${g} – ` : ''}${m.unavailableReason ?? ''} |`);
        continue;
      }
      if (!m.cold) {
        md.push(`| \`${m.label}\` | – | – | – | – | ${g ? `${g} – ` : ''}${m.error ?? 'not run'} |`);
        continue;
      }
      const err = (m.error ? ` ⚠ ${m.error}` : '') + (m.note ? ` ⚠ ran to the end but ${m.note}` : '');
      md.push(`| \`${m.label}\` | ${m.cold.timedOut ? 'timeout' : fmt(m.cold.seconds)} | ${fmt(warmMedian(m))} | ${m.warm.length} | ${fmtMib(mib(peakKiB(m)))} | ${g || '–'}${err.replace(/\|/g, '\\|')} |`);
    }
    md.push('');
  }
  md.push(...writeCommandsSection(writeResults));
  md.push('## backlog.md side by side');
  md.push('');
  if (BACKLOG_SIZES.length === 0) md.push('Not run (`--no-backlog`).');
  else if (!backlog) md.push(`Not run: backlog.md could not be installed or started here (${backlogError}).`);
  else {
    md.push(
      `[backlog.md](https://www.npmjs.com/package/backlog.md) ${backlog.version} (a git-native Markdown task CLI whose search uses fuse.js), installed with \`npm install backlog.md@${values['backlog-version']}\` into \`bench/out/backlog.md-install\`; the npm package runs a compiled platform binary from its optional dependency \`backlog.md-${process.platform}-${process.arch}\` through a small Node launcher, and the harness runs \`node_modules/.bin/backlog\`, as a user would. The project \`bench/out/backlog-<N>\` is made with \`backlog init --defaults --integration-mode none --check-branches false --include-remote false\` (no cross-branch checks – the fastest settings) and holds one task file per idea of the sluss register of the same size (title, labels from the tags, the stage mapped to To Do / In Progress / Done, the idea text as the description), written in the format \`backlog task create\` writes and committed. backlog.md keeps no cache, so its first run is the "cold" one. Each run is capped at ${BACKLOG_TIMEOUT_MS / 1000} s.`,
    );
    md.push('');
    md.push('| items | backlog.md command | first run (s) | warm median (s) | warm runs | peak memory (MiB) | sluss equivalent | sluss warm (s) | sluss peak (MiB) |');
    md.push('|---:|---|---:|---:|---:|---:|---|---:|---:|');
    for (const b of backlogResults) {
      if (b.skipped || b.searches.length === 0) {
        md.push(`| ${thousands(b.size)} | ${b.skipped ?? 'not run'} | | | | | | | |`);
        continue;
      }
      for (const { query, measurement: m } of b.searches) {
        const slussId = query === SEARCH_WORD ? 'search' : 'similar';
        const s = at(b.size, slussId);
        const sluss = s ? `\`${s.label}\`` : `\`${slussId}\` (size not run)`;
        const bl = m.cold?.timedOut ? `timeout (> ${BACKLOG_TIMEOUT_MS / 1000} s)` : fmt(m.cold?.seconds);
        const err = m.error && !m.cold?.timedOut ? ` ⚠ ${m.error.replace(/\|/g, '\\|')}` : '';
        md.push(
          `| ${thousands(b.size)} | \`backlog search "${query}" --plain\`${err} | ${bl} | ${fmt(warmMedian(m))} | ${m.warm.length} | ${fmtMib(mib(peakKiB(m)))} | ${sluss} | ${fmt(warmMedian(s))} | ${fmtMib(mib(peakKiB(s)))} |`,
        );
      }
    }
    md.push('');
    const created = backlogResults.filter((b) => b.createdSeconds !== undefined);
    if (created.length > 0) {
      md.push(`Building the backlog.md projects (writing the task files, \`git commit\`, and a \`backlog task list --plain\` check) took ${created.map((b) => `${fmt(b.createdSeconds)} s at ${thousands(b.size)}`).join(', ')}; \`backlog task list --plain\` listed ${created.map((b) => `${thousands(b.tasks ?? 0)} of ${thousands(b.size)} tasks`).join(', ')}.`);
    }
    const reused = backlogResults.filter((b) => b.createdSeconds === undefined && b.tasks !== undefined);
    if (reused.length > 0) md.push(`Reused from an earlier run (not re-checked): ${reused.map((b) => `${thousands(b.tasks!)} task files at ${thousands(b.size)}`).join(', ')}.`);
    md.push('');
  }
  md.push('## How it was measured');
  md.push('');
  md.push('- Whole processes, as a user runs them: `node bin/sluss -C <register> …` of the built CLI (`dist/`, built by `npm run build` at the start of `npm run bench`), started by the harness with stdout written to a temporary file (not a pipe: backlog.md exits before a large piped output is drained) and stderr piped to it. Wall time is measured by the harness from spawn to exit, so it includes Node start-up, module loading, reading the register and writing the output.');
  md.push('- **cold**: the first run right after deleting `<register>/.sluss/cache` (sluss rebuilds its cache). The operating system\'s file cache is not dropped (that needs root and disturbs other work), so "cold" means cold for sluss, not for the disk. **warm**: the median of the runs that follow, with the cache in place.');
  md.push(`- Warm runs: ${RUNS} per command; a command whose cold run takes more than 20 s gets at most 3 warm runs, more than 60 s just 1 (the table shows how many).`);
  md.push('- **peak memory**: the largest max RSS over the cold and warm runs of the command (the Node process, and any child it waited for such as git).');
  md.push(`- The registers are synthetic (bench/generate-register.ts): Swedish idea texts from municipal vocabulary over 15 municipalities and all stages, one git commit, meant to pass \`sluss validate\` (a ⚠ in a table shows where the built sluss disagreed). The queries are \`similar "${SIMILAR_TEXT}"\` and \`search ${SEARCH_WORD}\`.`);
  md.push('- Commands that do not exist in the built CLI (checked with `sluss <command> --help`, whose usage line must name the command) are listed as "not available" and their goals are not judged.');
  md.push('- Goals are checked against the measured numbers in this run. Where the issue gives a goal without a size (`duplicates` ≤ 10 s) it is checked at 10,000, both cold and warm. The memory goal (≤ 300 MiB at 50,000) is checked for every sluss command.');
  md.push('- The machine may have been running other work during the run; see the load averages above. Every sample (not only the medians) is in `bench/out/results.json`, which shows the spread.');
  md.push('');
  mkdirSync(dirname(OUT_FILE), { recursive: true });
  writeFileSync(OUT_FILE, md.join('\n'));
  mkdirSync(dirname(JSON_FILE), { recursive: true });
  writeFileSync(
    JSON_FILE,
    `${JSON.stringify({ startedAt: startedAt.toISOString(), argv, machine: { ...info, loadEnd }, memoryMethod: memoryMethod(), startup, sizes: sizeResults, writes: writeResults, backlog: backlog ? { ...backlog, results: backlogResults } : { error: backlogError }, goals }, null, 2)}\n`,
  );
  log(`wrote ${relative(ROOT, OUT_FILE)} and ${relative(ROOT, JSON_FILE)} in ${fmt(finishedSeconds / 60)} min`);
  for (const g of goals) log(`  ${g.verdict.padEnd(13)} ${g.goal}: ${g.measured}`);
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
