/**
 * Duplicate-detection evaluation on the labelled sets in shared/eval.
 *
 *   node --import tsx bench/eval-dedup.ts [<set-folder>] [--register-size N [--keep-nearest]] [--copies K] [--seed S]
 *                                         [--out rankings.jsonl] [--threshold x] [--halves]
 *   node --import tsx bench/eval-dedup.ts --fit
 *
 * Without a set folder (a path, or a set's name in ../shared/eval), every set is run.
 * --register-size N ranks each query against N items drawn from the set's
 * haystack (seeded by --seed and the query's id; a duplicate query's expected
 * item is always among them; with --keep-nearest, so is the best match in
 * the whole haystack of a query without one, its nearest non-duplicate);
 * without it, against the whole haystack.
 * --copies K adds K − 1 near-copies (a word dropped, an ending changed, two
 * words swapped) of a duplicate query's expected item, and of a query without
 * one, of its best match; the rankings name a copy by the item it was made
 * from, once, at the best rank of them, so ../shared/eval/score.mjs scores them.
 * --halves also prints the metrics of each half of the queries (split by a
 * hash of the qid, as --fit splits them): choose a setting on one half,
 * check it on the other.
 *
 * --fit refits the confidence model (CONFIDENCE_MODEL in src/core/similarity/confidence.ts):
 * its weights on every set against the whole haystack, its threshold so that
 * the false-flag rate stays within bounds there and in registers of 2, 10
 * and 50 as well; and shows that it generalises: fitted on one
 * half of the queries, scored on the other, both ways round, then fitted on
 * all queries and printed for confidence.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CONFIDENCE_MODEL, type ConfidenceModel } from '../src/core/similarity/confidence.js';
import { DEFAULT_DUPLICATE_THRESHOLD } from '../src/core/similarity/index.js';
import { DEFAULT_EVAL_SEED, type RegisterOptions } from './lib/eval-registers.js';
import { EVAL_SET_NAMES, evalSetExists, halfOf, runEvalSet, SHARED_EVAL_DIR, type Metrics } from './lib/eval-sets.js';
import { fitConfidenceModel, rankEvalSet, scoreWithModel, type RankedSet } from './lib/fit-confidence.js';

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
  options: {
    out: { type: 'string' },
    threshold: { type: 'string' },
    fit: { type: 'boolean' },
    halves: { type: 'boolean' },
    'register-size': { type: 'string' },
    copies: { type: 'string' },
    seed: { type: 'string', default: DEFAULT_EVAL_SEED },
    'keep-nearest': { type: 'boolean' },
  },
});

function positiveInteger(option: string, value: string | undefined, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`--${option} must be a whole number of at least 1, got ${value}`);
  return number;
}

const threshold = values.threshold === undefined ? DEFAULT_DUPLICATE_THRESHOLD : Number(values.threshold);
if (!Number.isFinite(threshold)) throw new Error(`--threshold must be a number, got ${values.threshold}`);
if (positionals.length !== 1 && values.out !== undefined) throw new Error('--out needs a single set folder');
const register: RegisterOptions = {
  size: positiveInteger('register-size', values['register-size']),
  copies: positiveInteger('copies', values.copies, 1) as number,
  seed: values.seed as string,
  keepNearest: values['keep-nearest'] === true,
};
if (register.keepNearest === true && register.size === undefined) throw new Error('--keep-nearest needs --register-size');

const setDirOf = (given: string) => (evalSetExists(resolve(given)) ? resolve(given) : join(SHARED_EVAL_DIR, given));
const setDirs = positionals.length > 0 ? positionals.map(setDirOf) : EVAL_SET_NAMES.map((name) => join(SHARED_EVAL_DIR, name)).filter(evalSetExists);
if (setDirs.length === 0) throw new Error(`no evaluation sets found in ${SHARED_EVAL_DIR}`);
for (const setDir of setDirs) if (!evalSetExists(setDir)) throw new Error(`${setDir} holds no haystack.jsonl and queries.jsonl`);

const scratchDir = mkdtempSync(join(tmpdir(), 'sluss-eval-'));
const format = (value: number | null | undefined) => (value === null || value === undefined ? '–' : value.toFixed(3));
const printMetrics = (metrics: Metrics) => {
  for (const metric of REPORTED_METRICS) console.log(`  ${metric.padEnd(24)} ${format(metrics[metric])}`);
};

/** The registers --fit fits the weights on (the whole haystack) and places the threshold on (all). */
const FIT_REGISTERS: [string, RegisterOptions][] = [
  ['whole haystack', { copies: 1, seed: register.seed }],
  ['register of 2', { size: 2, copies: 1, seed: register.seed }],
  ['register of 10', { size: 10, copies: 1, seed: register.seed }],
  ['register of 50', { size: 50, copies: 1, seed: register.seed }],
];

function fit(): void {
  const sets: RankedSet[] = setDirs.flatMap((setDir) =>
    FIT_REGISTERS.map(([label, options]) => rankEvalSet(setDir, `${basename(setDir)} (${label})`, options, options.size === undefined)),
  );
  const report = (label: string, model: ConfidenceModel, keep: (qid: string) => boolean) => {
    console.log(`\n${label}\n  model ${JSON.stringify(model)}`);
    for (const set of sets) {
      const metrics = scoreWithModel(set, model, threshold, join(scratchDir, `${set.name}-${label}.jsonl`.replace(/[^\w.-]+/g, '-')), keep);
      console.log(`  ${set.name.padEnd(46)} ${['recall_at_5', 'flag_recall', 'flag_precision', 'false_flag_rate'].map((metric) => `${metric} ${format(metrics[metric])}`).join(', ')}`);
    }
  };
  for (const half of [0, 1] as const) {
    const other = 1 - half;
    report(`held-out half ${other}, model in confidence.ts (not refitted)`, CONFIDENCE_MODEL, (qid) => halfOf(qid) === other);
    const fitted = fitConfidenceModel(sets, (qid) => halfOf(qid) === half, threshold);
    report(`held-out half ${other}, model fitted on half ${half}`, fitted, (qid) => halfOf(qid) === other);
  }
  report('all queries, model fitted on all (in-sample; for confidence.ts)', fitConfidenceModel(sets, () => true, threshold), () => true);
}

function evaluate(): void {
  for (const setDir of setDirs) {
    const name = basename(setDir);
    const rankingsPath = values.out !== undefined ? resolve(values.out) : join(scratchDir, `${name}.jsonl`);
    const run = runEvalSet(setDir, rankingsPath, { threshold, halves: values.halves === true, register });
    console.log(`\n${name}  (rankings: ${rankingsPath})`);
    printMetrics(run.metrics);
    run.halfMetrics?.forEach((metrics, half) => {
      console.log(`  half ${half}: ${REPORTED_METRICS.filter((metric) => metric !== 'missing_queries').map((metric) => `${metric} ${format(metrics[metric])}`).join(', ')}`);
    });
    console.log(`  build ${run.buildMs.toFixed(0)} ms, query mean ${run.meanQueryMs.toFixed(2)} ms, p95 ${run.p95QueryMs.toFixed(2)} ms`);
    console.log(`  scorer: ${JSON.stringify(run.metrics)}`);
  }
}

const registerLabel = `${register.size === undefined ? 'whole haystack' : `register of ${register.size}${register.keepNearest === true ? ' (nearest kept)' : ''}`}${register.copies > 1 ? `, ${register.copies} copies` : ''}, seed ${register.seed}`;
console.log(`threshold ${threshold}, ${registerLabel}`);
if (values.fit === true) fit();
else evaluate();
