/**
 * Whole-process timing for the benchmark harness (not part of the product).
 *
 * `timeProcess(command, args)` runs one process to completion and returns its wall
 * time (measured in this process with `performance.now()` around spawn → exit) and
 * its peak memory (max RSS):
 *
 * - with GNU time (`/usr/bin/time -o <file> -f '%e %M'`) when present: `%M` is the
 *   maximum resident set size in KiB of the process and the children it waited for;
 * - otherwise, for Node.js processes only, through a preload (`--import`) that writes
 *   `process.resourceUsage().maxRSS` (KiB) to a file when the process exits. Other
 *   processes then have no memory figure (`maxRssKiB: undefined`).
 *
 * A run that exceeds `timeoutMs` is killed as a process group (only the group this
 * module started) and reported with `timedOut: true`.
 */
import { spawn } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const GNU_TIME = '/usr/bin/time';

export interface ProcessSample {
  /** Wall-clock seconds from spawn to exit, measured by the harness. */
  seconds: number;
  /** Peak resident set size in KiB, when it could be measured. */
  maxRssKiB: number | undefined;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdoutBytes: number;
  stdoutLines: number;
  /** The end of stdout (for checking what a command printed). */
  stdoutTail: string;
  /** The end of stderr (for error messages in the report). */
  stderrTail: string;
}

export interface TimeOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** `true` when `command` is `node` (enables the maxRSS fallback without GNU time). */
  isNode?: boolean;
}

export type MemoryMethod = 'gnu-time' | 'node-resource-usage';

let scratch: string | undefined;
function scratchDir(): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'sluss-bench-'));
  return scratch;
}

/** Removes the temporary files of this module (call once at the end). */
export function cleanupTiming(): void {
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}

export function memoryMethod(): MemoryMethod {
  return existsSync(GNU_TIME) && process.env.SLUSS_BENCH_NO_GNU_TIME !== '1' ? 'gnu-time' : 'node-resource-usage';
}

function rssPreload(): string {
  const file = join(scratchDir(), 'report-max-rss.mjs');
  if (!existsSync(file)) {
    writeFileSync(
      file,
      [
        "import { writeFileSync } from 'node:fs';",
        'const target = process.env.SLUSS_BENCH_RSS_FILE;',
        "if (target) process.on('exit', () => { try { writeFileSync(target, String(process.resourceUsage().maxRSS)); } catch {} });",
        '',
      ].join('\n'),
    );
  }
  return file;
}

const TAIL = 4000;
let counter = 0;

/** Process groups started here and still running: killed if the harness is interrupted. */
const running = new Set<number>();
function killRunning(): void {
  for (const pgid of running) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killRunning();
    cleanupTiming();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

/** Size, newline count and the last TAIL characters of a file. */
async function summarize(file: string): Promise<{ bytes: number; lines: number; tail: string }> {
  const bytes = statSync(file).size;
  let lines = 0;
  for await (const chunk of createReadStream(file)) for (const byte of chunk as Buffer) if (byte === 10) lines++;
  const tail = bytes === 0 ? '' : readFileSync(file).subarray(Math.max(0, bytes - TAIL)).toString('utf8');
  return { bytes, lines, tail };
}

export async function timeProcess(command: string, args: readonly string[], options: TimeOptions = {}): Promise<ProcessSample> {
  const method = memoryMethod();
  const rssFile = join(scratchDir(), `rss-${process.pid}-${++counter}.txt`);
  let file = command;
  let argv = [...args];
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env) };
  if (method === 'gnu-time') {
    file = GNU_TIME;
    argv = ['-o', rssFile, '-f', '%e %M', command, ...args];
  } else if (options.isNode) {
    argv = ['--import', pathToFileURL(rssPreload()).href, ...args];
    env.SLUSS_BENCH_RSS_FILE = rssFile;
  }

  // stdout goes to a file, not a pipe: nothing is lost when a program exits before a
  // pipe is drained, and the harness does no work while the process runs.
  const stdoutFile = join(scratchDir(), `stdout-${process.pid}-${counter}.txt`);
  const stdoutFd = openSync(stdoutFile, 'w');
  return new Promise<Omit<ProcessSample, 'stdoutBytes' | 'stdoutLines' | 'stdoutTail'>>((resolvePromise, reject) => {
    let stderrTail = '';
    let timedOut = false;
    const start = performance.now();
    // detached: the child leads its own process group, so a timeout kills it and
    // everything it started (GNU time, node, git …) and nothing else.
    const child = spawn(file, argv, { cwd: options.cwd, env, stdio: ['ignore', stdoutFd, 'pipe'], detached: true });
    if (child.pid !== undefined) running.add(child.pid);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-TAIL);
    });
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            try {
              if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
            } catch {
              child.kill('SIGKILL');
            }
          }, options.timeoutMs);
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      if (child.pid !== undefined) running.delete(child.pid);
      reject(error);
    });
    child.on('close', (exitCode, signal) => {
      const seconds = (performance.now() - start) / 1000;
      if (timer) clearTimeout(timer);
      if (child.pid !== undefined) running.delete(child.pid);
      let maxRssKiB: number | undefined;
      let code = exitCode;
      if (existsSync(rssFile)) {
        const text = readFileSync(rssFile, 'utf8');
        rmSync(rssFile, { force: true });
        if (method === 'gnu-time') {
          // GNU time prints "Command exited with non-zero status N" before the format line.
          const last = text.trim().split('\n').at(-1) ?? '';
          const match = /^([\d.]+)\s+(\d+)$/.exec(last.trim());
          if (match) maxRssKiB = Number(match[2]);
          const status = /Command exited with non-zero status (\d+)/.exec(text);
          if (status) code = Number(status[1]);
          const killed = /Command terminated by signal (\d+)/.exec(text);
          if (killed) code = 128 + Number(killed[1]);
        } else {
          const value = Number(text.trim());
          if (Number.isFinite(value) && value > 0) maxRssKiB = value;
        }
      }
      resolvePromise({ seconds, maxRssKiB, exitCode: code, signal, timedOut, stderrTail });
    });
  }).then(
    async (sample) => {
      closeSync(stdoutFd);
      const out = await summarize(stdoutFile);
      rmSync(stdoutFile, { force: true });
      return { ...sample, stdoutBytes: out.bytes, stdoutLines: out.lines, stdoutTail: out.tail };
    },
    (error: unknown) => {
      closeSync(stdoutFd);
      rmSync(stdoutFile, { force: true });
      throw error;
    },
  );
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
