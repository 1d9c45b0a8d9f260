/**
 * What one `npm run bench` run measured (bench/run.ts) and the goals it is
 * checked against; bench-report.ts writes it up. The commands timed, the
 * shapes of their measurements, and the number formats both share.
 */
import { median, type MemoryMethod, type ProcessSample } from './process-timing.js';
import type { BacklogInstall } from './backlog-md.js';
import { addGoals, workflowGoals, type WriteResult } from './write-commands.js';
import { siteGoals, type SiteResult } from './site-bench.js';

export const SIMILAR_TEXT = 'Digitala lås i hemtjänsten';
export const SEARCH_WORD = 'hemtjänst';

export const fmt = (seconds: number | undefined) => (seconds === undefined || Number.isNaN(seconds) ? '–' : seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1));
export const mib = (kib: number | undefined) => (kib === undefined ? undefined : kib / 1024);
export const fmtMib = (value: number | undefined) => (value === undefined ? 'n/a' : value.toFixed(0));
export const thousands = (n: number) => n.toLocaleString('en-US');

export interface Measurement {
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

export const warmMedian = (m: Measurement | undefined) => (m && m.warm.length > 0 ? median(m.warm.map((s) => s.seconds)) : undefined);
export const peakKiB = (m: Measurement | undefined) => {
  const all = [m?.cold, ...(m?.warm ?? [])].filter((s): s is ProcessSample => s !== undefined && s.maxRssKiB !== undefined);
  return all.length === 0 ? undefined : Math.max(...all.map((s) => s.maxRssKiB!));
};

export interface SlussCommand {
  id: string;
  label: string;
  args: string[];
  /** A command that may not exist yet: checked with `sluss <name> --help`. */
  optional?: string;
  /** Exit codes besides 0 that mean "ran and reported findings" (when it printed something). */
  findingsExit?: number[];
}

export const COMMANDS: SlussCommand[] = [
  { id: 'similar', label: `similar "${SIMILAR_TEXT}"`, args: ['similar', SIMILAR_TEXT] },
  { id: 'similar-json', label: `similar "${SIMILAR_TEXT}" --json`, args: ['similar', SIMILAR_TEXT, '--json'] },
  { id: 'list', label: 'list --json', args: ['list', '--json'] },
  { id: 'validate', label: 'validate', args: ['validate'], findingsExit: [1] },
  { id: 'search', label: `search ${SEARCH_WORD}`, args: ['search', SEARCH_WORD] },
  { id: 'duplicates', label: 'duplicates --format json', args: ['duplicates', '--format', 'json'], optional: 'duplicates', findingsExit: [1, 3] },
  { id: 'report', label: 'report --format json', args: ['report', '--format', 'json'], optional: 'report' },
];

export interface GoalCheck {
  goal: string;
  measured: string;
  verdict: 'pass' | 'FAIL' | 'not measured' | 'not available';
}

export const verdict = (value: number | undefined, limit: number): GoalCheck['verdict'] => (value === undefined || Number.isNaN(value) ? 'not measured' : value <= limit ? 'pass' : 'FAIL');

export interface SizeResult {
  size: number;
  register: string;
  generatedSeconds?: number;
  measurements: Measurement[];
}

export interface BacklogResult {
  size: number;
  createdSeconds?: number;
  tasks?: number;
  searches: Array<{ query: string; measurement: Measurement }>;
  skipped?: string;
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  git: string;
  sluss: string;
  loadStart: number[];
}

/** Timings of one process: its first run and the warm runs after it. */
export interface ColdAndWarm {
  cold: ProcessSample;
  warm: ProcessSample[];
}

/** Everything one run measured, as the report and results.json show it. */
export interface BenchRun {
  startedAt: Date;
  finishedSeconds: number;
  argv: string[];
  machine: MachineInfo;
  loadEnd: number[];
  memoryMethod: MemoryMethod;
  /** Whether dist/ changed during the run. */
  distRebuilt: boolean;
  runs: number;
  sizes: number[];
  startup: { bare: ColdAndWarm; help: ColdAndWarm };
  sizeResults: SizeResult[];
  writes: WriteResult[];
  /** `sluss site`: the build and the site in Chromium, per size of `--site-sizes`. */
  site: SiteResult[];
  backlog: {
    sizes: number[];
    version: string;
    timeoutMs: number;
    install?: BacklogInstall;
    error?: string;
    results: BacklogResult[];
  };
}

export const warmMedianOf = (samples: ColdAndWarm) => median(samples.warm.map((s) => s.seconds));

/** The measurement of command `id` at `size` ideas, if that size was run. */
export function measurementAt(run: Pick<BenchRun, 'sizeResults'>, size: number, id: string): Measurement | undefined {
  return run.sizeResults.find((r) => r.size === size)?.measurements.find((m) => m.id === id);
}

/** The goals of the performance issue, checked against the measured numbers. */
export function checkGoals(run: Pick<BenchRun, 'sizeResults' | 'sizes' | 'startup' | 'writes' | 'site'>): GoalCheck[] {
  const { sizeResults } = run;
  const SIZES = run.sizes;
  const bareMedian = warmMedianOf(run.startup.bare);
  const helpMedian = warmMedianOf(run.startup.help);
  const at = (size: number, id: string) => measurementAt(run, size, id);
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
  for (const { size, timings } of run.writes) for (const g of [...addGoals(size, timings), ...workflowGoals(size, timings)]) goals.push({ goal: g.goal, measured: g.measured, verdict: verdict(g.value, g.limit) });
  for (const { size, timings } of run.site) for (const g of siteGoals(size, timings)) goals.push({ goal: g.goal, measured: g.measured, verdict: verdict(g.value, g.limit) });
  return goals;
}
