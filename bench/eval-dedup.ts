/**
 * Duplicate-detection evaluation on the labelled sets in shared/eval.
 *
 *   node --import tsx bench/eval-dedup.ts [<set-folder>] [--out rankings.jsonl] [--threshold x]
 *
 * Without a set folder, every set found in ../shared/eval is run.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DUPLICATE_THRESHOLD } from '../src/core/similarity/index.js';
import { EVAL_SET_NAMES, evalSetExists, runEvalSet, SHARED_EVAL_DIR } from './lib/eval-sets.js';

const REPORTED_METRICS = [
  'recall_at_1',
  'recall_at_5',
  'recall_at_10',
  'mrr',
  'hard_recall_at_5',
  'flag_recall',
  'flag_precision',
  'false_flag_rate',
  'false_flag_rate_nodup',
  'false_flag_rate_orphan',
  'missing_queries',
] as const;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, threshold: { type: 'string' } },
});

const threshold = values.threshold === undefined ? DEFAULT_DUPLICATE_THRESHOLD : Number(values.threshold);
if (!Number.isFinite(threshold)) throw new Error(`--threshold must be a number, got ${values.threshold}`);
if (positionals.length === 0 && values.out !== undefined) throw new Error('--out needs a single set folder');

const setDirs =
  positionals.length > 0
    ? positionals.map((dir) => resolve(dir))
    : EVAL_SET_NAMES.map((name) => join(SHARED_EVAL_DIR, name)).filter(evalSetExists);
if (setDirs.length === 0) throw new Error(`no evaluation sets found in ${SHARED_EVAL_DIR}`);

const scratchDir = mkdtempSync(join(tmpdir(), 'sluss-eval-'));
const format = (value: number | null | undefined) => (value === null || value === undefined ? '–' : value.toFixed(3));

console.log(`threshold ${threshold}`);
for (const setDir of setDirs) {
  const name = basename(setDir);
  const rankingsPath = values.out !== undefined && setDirs.length === 1 ? resolve(values.out) : join(scratchDir, `${name}.jsonl`);
  const run = runEvalSet(setDir, rankingsPath, threshold);
  console.log(`\n${name}  (rankings: ${rankingsPath})`);
  for (const metric of REPORTED_METRICS) console.log(`  ${metric.padEnd(24)} ${format(run.metrics[metric])}`);
  console.log(
    `  build ${run.buildMs.toFixed(0)} ms, query mean ${run.meanQueryMs.toFixed(2)} ms, p95 ${run.p95QueryMs.toFixed(2)} ms`,
  );
  console.log(`  scorer: ${JSON.stringify(run.metrics)}`);
}
