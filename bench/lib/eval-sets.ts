import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  analyzeDoc,
  buildSimilarityIndex,
  DEFAULT_DUPLICATE_THRESHOLD,
  type SimilarityDoc,
} from '../../src/core/similarity/index.js';

/** The labelled sets live in the shared folder next to the repository, never inside it. */
export const SHARED_EVAL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/eval');
export const EVAL_SET_NAMES = ['sweparaphrase-dev', 'turku-dev', 'gitbugs-hadoop'] as const;
const RANKED_CANDIDATES = 10;

interface HaystackItem {
  id: string;
  title: string;
  body: string;
}

interface QueryItem {
  qid: string;
  title: string;
  body: string;
}

export interface EvalRun {
  metrics: Record<string, number | null>;
  buildMs: number;
  meanQueryMs: number;
  p95QueryMs: number;
}

function readJsonl<T>(path: string): T[] {
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

/**
 * Runs one set through the same public functions `sluss add` uses, writes the
 * rankings in the scorer's format and returns the scorer's metrics.
 */
export function runEvalSet(setDir: string, rankingsPath: string, threshold = DEFAULT_DUPLICATE_THRESHOLD): EvalRun {
  const haystack = readJsonl<HaystackItem>(join(setDir, 'haystack.jsonl'));
  const queries = readJsonl<QueryItem>(join(setDir, 'queries.jsonl'));

  const buildStart = performance.now();
  const docs: SimilarityDoc[] = haystack.map((item) => ({ id: item.id, title: item.title, text: item.body }));
  const index = buildSimilarityIndex(docs.map(analyzeDoc));
  const buildMs = performance.now() - buildStart;

  const queryMs: number[] = [];
  const lines = queries.map((query) => {
    const start = performance.now();
    const candidates = index.findSimilar({ title: query.title, text: query.body }, { limit: RANKED_CANDIDATES, threshold });
    queryMs.push(performance.now() - start);
    return JSON.stringify({
      qid: query.qid,
      candidates: candidates.map(({ id, score }) => ({ id, score })),
      flagged: candidates[0]?.likelyDuplicate ?? false,
    });
  });
  writeFileSync(rankingsPath, lines.join('\n') + '\n');

  const scorer = join(setDir, '..', 'score.mjs');
  const output = execFileSync(
    process.execPath,
    [scorer, '--queries', join(setDir, 'queries.jsonl'), '--rankings', rankingsPath, '--haystack', join(setDir, 'haystack.jsonl')],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const sorted = [...queryMs].sort((a, b) => a - b);
  return {
    metrics: JSON.parse(output) as Record<string, number | null>,
    buildMs,
    meanQueryMs: queryMs.reduce((sum, ms) => sum + ms, 0) / Math.max(1, queryMs.length),
    p95QueryMs: percentile(sorted, 0.95),
  };
}

export function evalSetExists(setDir: string): boolean {
  return existsSync(join(setDir, 'haystack.jsonl')) && existsSync(join(setDir, 'queries.jsonl'));
}
