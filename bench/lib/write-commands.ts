/**
 * The commands that change the register, timed as a sub-project leader meets
 * them: `add` (no prompt, `--on-duplicate new`), then `move` and `join` on the
 * idea just added, one after another, each committing. They run in a local
 * clone of the benchmark register, so the register itself stays as generated.
 *
 * The goal of `add` is at most `similar` + one `git commit` + 0.15 s. Each add
 * leaves one new idea that the next command's duplicate check has to take
 * into its index, so `similar` is timed in that same state (right after an
 * add), and also warm (nothing changed since its last run). The commit is
 * timed as a bare `git commit` of one new file in the same clone.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, timeProcess, type ProcessSample } from './process-timing.js';

export interface WriteTimings {
  /** Median seconds of each step, over `runs` rounds. */
  add: number;
  similarAfterChange: number;
  similarWarm: number;
  move: number;
  join: number;
  gitCommit: number;
  runs: number;
  /** The first failure, when a step did not exit 0. */
  error?: string;
}

export const ADD_EXTRA_SECONDS = 0.15;

const ENV = { ...process.env, NO_COLOR: '1', GIT_AUTHOR_NAME: 'Bench', GIT_COMMITTER_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_COMMITTER_EMAIL: 'bench@example.invalid' };

export async function measureWriteCommands(node: string, sluss: string, register: string, scratch: string, runs: number, timeoutMs: number): Promise<WriteTimings> {
  rmSync(scratch, { recursive: true, force: true });
  execFileSync('git', ['clone', '--quiet', '--local', register, scratch], { stdio: 'ignore' });
  execFileSync('git', ['-C', scratch, 'config', 'user.name', 'Bench']);
  execFileSync('git', ['-C', scratch, 'config', 'user.email', 'bench@example.invalid']);
  const run = async (args: string[]): Promise<ProcessSample> => timeProcess(node, [sluss, '-C', scratch, ...args], { cwd: scratch, isNode: true, timeoutMs, env: ENV });
  const samples: Record<Exclude<keyof WriteTimings, 'runs' | 'error'>, number[]> = { add: [], similarAfterChange: [], similarWarm: [], move: [], join: [], gitCommit: [] };
  let error: string | undefined;
  const keep = (key: keyof typeof samples, sample: ProcessSample) => {
    if (sample.exitCode !== 0 && error === undefined) error = `${key}: exit ${sample.exitCode ?? sample.signal}: ${sample.stderrTail.trim().split('\n')[0]?.slice(0, 160) ?? ''}`;
    samples[key].push(sample.seconds);
  };
  // The caches of the clone are built once, outside the timed runs.
  await run(['similar', 'Digitala lås i hemtjänsten']);
  for (let round = 0; round < runs; round++) {
    const title = `Gemensam bokning av lokaler, omgång ${round + 1}`;
    const added = await run(['add', '--title', title, '--problem', 'Lokaler bokas i tre olika system.', '--idea', 'Ett bokningssystem för alla kommunens lokaler.', '--municipality', 'skovde', '--category', 'medborgarservice', '--on-duplicate', 'new', '--no-input']);
    keep('add', added);
    keep('similarAfterChange', await run(['similar', title]));
    keep('similarWarm', await run(['similar', title]));
    const id = addedIdOf(scratch);
    if (id === undefined) {
      error ??= 'add committed no new idea file';
      break;
    }
    keep('move', await run(['move', id, 'forsta-bedomning', '--note', 'Bänktest']));
    keep('join', await run(['join', id, '--municipality', 'hjo', '--role', 'interested']));
    keep('gitCommit', await timeGitCommit(scratch, round, timeoutMs));
  }
  const result: WriteTimings = {
    add: median(samples.add),
    similarAfterChange: median(samples.similarAfterChange),
    similarWarm: median(samples.similarWarm),
    move: median(samples.move),
    join: median(samples.join),
    gitCommit: median(samples.gitCommit),
    runs: samples.add.length,
  };
  rmSync(scratch, { recursive: true, force: true });
  return error === undefined ? result : { ...result, error };
}

/** The id of the idea file the last commit added (file names start with the id). */
function addedIdOf(dir: string): string | undefined {
  const added = execFileSync('git', ['-C', dir, 'diff-tree', '--no-commit-id', '--name-only', '--diff-filter=A', '-r', 'HEAD'], { encoding: 'utf8' });
  return /^ideas\/([0-9A-Z]{3}-[0-9A-Z]{5})-/m.exec(added)?.[1];
}

/** `git add` of one new file is not timed; the `git commit` of it is, as one process like sluss's own. */
async function timeGitCommit(dir: string, round: number, timeoutMs: number): Promise<ProcessSample> {
  const file = `bench-commit-${round}.txt`;
  writeFileSync(join(dir, file), `round ${round}\n`);
  execFileSync('git', ['-C', dir, 'add', '--', file]);
  return timeProcess('git', ['-C', dir, 'commit', '--quiet', '-m', `bench ${round}`, '--', file], { cwd: dir, timeoutMs, env: ENV });
}

export interface WriteGoal {
  goal: string;
  measured: string;
  limit: number;
  value: number | undefined;
}

const seconds = (value: number) => value.toFixed(2);

/**
 * The goal of `add`, against `similar` in the state `add` met (one idea added since) and,
 * stricter, against a warm `similar` (nothing changed), which is how the issue measured it.
 */
export function addGoals(size: string, t: WriteTimings): WriteGoal[] {
  return [
    { against: t.similarAfterChange, what: '`similar` right after an add' },
    { against: t.similarWarm, what: 'warm `similar`' },
  ].map(({ against, what }) => {
    const limit = against + t.gitCommit + ADD_EXTRA_SECONDS;
    return {
      goal: `\`add\` ≤ ${what} + one \`git commit\` + ${ADD_EXTRA_SECONDS} s at ${size}`,
      measured: t.error ? t.error : `${seconds(t.add)} s vs ${seconds(against)} + ${seconds(t.gitCommit)} + ${ADD_EXTRA_SECONDS} = ${seconds(limit)} s (medians of ${t.runs})`,
      limit,
      value: t.error ? undefined : t.add,
    };
  });
}

/**
 * `move` and `join` do no duplicate check, so each is held to what `add` may cost
 * besides its check: a warm `similar` (reading the register as every command does)
 * + one `git commit` + the same margin.
 */
export function workflowGoals(size: string, t: WriteTimings): WriteGoal[] {
  const limit = t.similarWarm + t.gitCommit + ADD_EXTRA_SECONDS;
  return (['move', 'join'] as const).map((command) => ({
    goal: `\`${command}\` ≤ warm \`similar\` + one \`git commit\` + ${ADD_EXTRA_SECONDS} s at ${size}`,
    measured: t.error ? t.error : `${seconds(t[command])} s vs ${seconds(t.similarWarm)} + ${seconds(t.gitCommit)} + ${ADD_EXTRA_SECONDS} = ${seconds(limit)} s (medians of ${t.runs})`,
    limit,
    value: t.error ? undefined : t[command],
  }));
}

export interface WriteResult {
  /** The register size, formatted for people. */
  size: string;
  timings: WriteTimings;
}

export function writeCommandsSection(results: readonly WriteResult[]): string[] {
  const md = ['## Commands that change the register', ''];
  md.push('In a local clone of the register, one round after another: `add` (no prompt, `--on-duplicate new`, committing), `similar` right after it and again warm, `move` of the new idea to the next stage and `join` of another municipality (each committing), and a bare `git commit` of one new file for comparison. Each `add` meets an index that lacks the idea the round before added, as consecutive adds do. Medians in seconds.');
  md.push('');
  md.push('| ideas | add | similar after an add | similar warm | move | join | git commit | rounds |');
  md.push('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const { size, timings: t } of results) {
    md.push(`| ${size} | ${seconds(t.add)} | ${seconds(t.similarAfterChange)} | ${seconds(t.similarWarm)} | ${seconds(t.move)} | ${seconds(t.join)} | ${seconds(t.gitCommit)} | ${t.runs}${t.error ? ` ⚠ ${t.error.replace(/\|/g, '\\|')}` : ''} |`);
  }
  md.push('');
  return md;
}
