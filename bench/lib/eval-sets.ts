import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DUPLICATE_SETTINGS } from '../../src/core/format/config-file.js';
import { DEFAULT_DUPLICATE_THRESHOLD } from '../../src/core/similarity/threshold.js';
import type { RegisterIndex } from '../../src/core/similarity/engine.js';
import { DEFAULT_EVAL_SEED, haystackOf, registerFor, sourceIdOf, type Haystack, type RegisterOptions, type SourceItem } from './eval-registers.js';

/** The labelled sets live in the shared folder next to the repository, never inside it. */
export const SHARED_EVAL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/eval');
export const EVAL_SET_NAMES = ['sweparaphrase-dev', 'turku-dev', 'gitbugs-hadoop'] as const;
export const RANKED_CANDIDATES = 10;
/** Flags as `sluss add` does with the default sluss.yaml: never below `show_from`. */
export const SHOW_FROM = DEFAULT_DUPLICATE_SETTINGS.show_from;
export const FULL_HAYSTACK: RegisterOptions = { copies: 1, seed: DEFAULT_EVAL_SEED };

export interface QueryItem {
  qid: string;
  title: string;
  body: string;
  kind: 'dup' | 'nodup' | 'orphan';
  expected: string | null;
}

export type Metrics = Record<string, number | null>;

export interface EvalRun {
  metrics: Metrics;
  buildMs: number;
  meanQueryMs: number;
  p95QueryMs: number;
  /** With `halves`: the metrics of each half of the queries (`halfOf`), for choosing on one and checking on the other. */
  halfMetrics?: [Metrics, Metrics];
}

export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

function percentile(sortedValues: readonly number[], fraction: number): number {
  if (sortedValues.length === 0) return 0;
  const index = Math.min(sortedValues.length - 1, Math.ceil(fraction * sortedValues.length) - 1);
  return sortedValues[Math.max(0, index)] ?? 0;
}

const haystacks = new Map<string, Haystack>();

/** A set's haystack, read and indexed once per process. */
export function loadHaystack(setDir: string): { haystack: Haystack; buildMs: number } {
  const cached = haystacks.get(setDir);
  if (cached !== undefined) return { haystack: cached, buildMs: 0 };
  const items = readJsonl<SourceItem>(join(setDir, 'haystack.jsonl'));
  const start = performance.now();
  const haystack = haystackOf(items);
  haystacks.set(setDir, haystack);
  return { haystack, buildMs: performance.now() - start };
}

/** The query's best match in a register, for the copies a query without an expected item gets. */
export function bestMatchOf(query: QueryItem) {
  return (index: RegisterIndex) => index.findSimilar({ title: query.title, text: query.body }, { limit: 1, threshold: 1 })[0]?.id;
}

/**
 * Candidate ids best first as the scorer reads them: a copy is named by the
 * item it was made from, once, at the rank of the best-placed of them.
 */
export function rankedSourceIds(ids: readonly string[]): string[] {
  return [...new Set(ids.map(sourceIdOf))].slice(0, RANKED_CANDIDATES);
}

/** Scores rankings lines with the shared scorer, over `queries` only (a subset is written next to the rankings). */
export function score(setDir: string, rankingsPath: string, lines: readonly string[], queries?: readonly QueryItem[]): Metrics {
  writeFileSync(rankingsPath, lines.join('\n') + '\n');
  let queriesPath = join(setDir, 'queries.jsonl');
  if (queries !== undefined) {
    queriesPath = `${rankingsPath}.queries.jsonl`;
    writeFileSync(queriesPath, queries.map((query) => JSON.stringify(query)).join('\n') + '\n');
  }
  const scorer = join(setDir, '..', 'score.mjs');
  const output = execFileSync(
    process.execPath,
    [scorer, '--queries', queriesPath, '--rankings', rankingsPath, '--haystack', join(setDir, 'haystack.jsonl')],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return JSON.parse(output) as Metrics;
}

export interface EvalRunOptions {
  threshold?: number;
  halves?: boolean;
  register?: RegisterOptions;
}

/**
 * Runs one set through the same public functions `sluss add` uses, each query
 * against its register (the whole haystack unless `register` says otherwise),
 * writes the rankings in the scorer's format and returns the scorer's metrics.
 */
export function runEvalSet(setDir: string, rankingsPath: string, options: EvalRunOptions = {}): EvalRun {
  const threshold = options.threshold ?? DEFAULT_DUPLICATE_THRESHOLD;
  const register = options.register ?? FULL_HAYSTACK;
  const queries = readJsonl<QueryItem>(join(setDir, 'queries.jsonl'));
  const { haystack, buildMs } = loadHaystack(setDir);
  const queryMs: number[] = [];
  const lines = queries.map((query) => {
    const index = registerFor(haystack, query.qid, query.expected, register, bestMatchOf(query));
    const start = performance.now();
    const candidates = index.findSimilar(
      { title: query.title, text: query.body },
      { limit: RANKED_CANDIDATES + register.copies - 1, threshold, minScore: SHOW_FROM },
    );
    queryMs.push(performance.now() - start);
    const ids = rankedSourceIds(candidates.map(({ id }) => id));
    const scores = new Map<string, number>();
    for (const candidate of candidates) if (!scores.has(sourceIdOf(candidate.id))) scores.set(sourceIdOf(candidate.id), candidate.score);
    return JSON.stringify({
      qid: query.qid,
      candidates: ids.map((id) => ({ id, score: scores.get(id) as number })),
      flagged: candidates.some((candidate) => candidate.likelyDuplicate),
    });
  });
  const sorted = [...queryMs].sort((a, b) => a - b);
  const halfMetrics = options.halves === true
    ? (([0, 1] as const).map((half) => {
        const keep = queries.map((query) => halfOf(query.qid) === half);
        return score(
          setDir,
          `${rankingsPath}.half${half}`,
          lines.filter((_, i) => keep[i]),
          queries.filter((_, i) => keep[i]),
        );
      }) as [Metrics, Metrics])
    : undefined;
  return {
    ...(halfMetrics === undefined ? {} : { halfMetrics }),
    metrics: score(setDir, rankingsPath, lines),
    buildMs,
    meanQueryMs: queryMs.reduce((sum, ms) => sum + ms, 0) / Math.max(1, queryMs.length),
    p95QueryMs: percentile(sorted, 0.95),
  };
}

/** Half 0 or 1 of a set's queries, by a hash of the qid: independent of file order and of the labels. */
export function halfOf(qid: string): 0 | 1 {
  return ((createHash('sha256').update(qid).digest()[0] as number) & 1) as 0 | 1;
}

export function evalSetExists(setDir: string): boolean {
  return existsSync(join(setDir, 'haystack.jsonl')) && existsSync(join(setDir, 'queries.jsonl'));
}

