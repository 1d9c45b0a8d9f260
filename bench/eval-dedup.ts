/**
 * Duplicate-detection evaluation on the labelled sets in shared/eval.
 *
 *   node --import tsx bench/eval-dedup.ts [<set-folder>] [--out rankings.jsonl] [--threshold x] [--halves]
 *   node --import tsx bench/eval-dedup.ts --fit
 *
 * Without a set folder, every set found in ../shared/eval is run. --halves also
 * prints the metrics of each half of the queries (split by a hash of the qid,
 * as --fit splits them): choose a setting on one half, check it on the other.
 *
 * --fit refits the confidence model (CONFIDENCE_MODEL in src/core/similarity/rerank.ts)
 * and shows that it generalises: it is fitted on one half of every set's
 * queries (split by a hash of the qid) and scored on the other half, both
 * ways round, then fitted on all queries and printed for rerank.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DUPLICATE_THRESHOLD } from '../src/core/similarity/index.js';
import { CONFIDENCE_MODEL, type ConfidenceModel } from '../src/core/similarity/rerank.js';
import {
  EVAL_SET_NAMES,
  evalSetExists,
  fitConfidenceModel,
  halfOf,
  rankEvalSet,
  runEvalSet,
  scoreWithModel,
  SHARED_EVAL_DIR,
  type Metrics,
  type RankedSet,
} from './lib/eval-sets.js';

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
  options: { out: { type: 'string' }, threshold: { type: 'string' }, fit: { type: 'boolean' }, halves: { type: 'boolean' } },
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
const printMetrics = (metrics: Metrics) => {
  for (const metric of REPORTED_METRICS) console.log(`  ${metric.padEnd(24)} ${format(metrics[metric])}`);
};

console.log(`threshold ${threshold}`);
if (values.fit === true) {
  const sets: RankedSet[] = setDirs.map((setDir) => rankEvalSet(setDir, basename(setDir)));
  const report = (label: string, model: ConfidenceModel, keep: (qid: string) => boolean) => {
    console.log(`\n${label}\n  model ${JSON.stringify(model)}`);
    for (const set of sets) {
      console.log(` ${set.name}`);
      printMetrics(scoreWithModel(set, model, threshold, join(scratchDir, `${set.name}-${label.replace(/\W+/g, '-')}.jsonl`), keep));
    }
  };
  for (const half of [0, 1] as const) {
    const other = 1 - half;
    report(`held-out half ${other}, model in rerank.ts (not refitted)`, CONFIDENCE_MODEL, (qid) => halfOf(qid) === other);
    const fitted = fitConfidenceModel(sets, (qid) => halfOf(qid) === half, threshold);
    report(`held-out half ${other}, model fitted on half ${half}`, fitted, (qid) => halfOf(qid) === other);
  }
  report('all queries, model fitted on all (in-sample; for rerank.ts)', fitConfidenceModel(sets, () => true, threshold), () => true);
} else {
  for (const setDir of setDirs) {
    const name = basename(setDir);
    const rankingsPath = values.out !== undefined && setDirs.length === 1 ? resolve(values.out) : join(scratchDir, `${name}.jsonl`);
    const run = runEvalSet(setDir, rankingsPath, threshold, values.halves === true);
    console.log(`\n${name}  (rankings: ${rankingsPath})`);
    printMetrics(run.metrics);
    run.halfMetrics?.forEach((metrics, half) => {
      console.log(`  half ${half}: ${REPORTED_METRICS.filter((metric) => metric !== 'missing_queries').map((metric) => `${metric} ${format(metrics[metric])}`).join(', ')}`);
    });
    console.log(
      `  build ${run.buildMs.toFixed(0)} ms, query mean ${run.meanQueryMs.toFixed(2)} ms, p95 ${run.p95QueryMs.toFixed(2)} ms`,
    );
    console.log(`  scorer: ${JSON.stringify(run.metrics)}`);
  }
}
