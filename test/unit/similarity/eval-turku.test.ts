import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalSetExists, runEvalSet, SHARED_EVAL_DIR } from '../../../bench/lib/eval-sets.js';

const TURKU = join(SHARED_EVAL_DIR, 'turku-dev');

/** The word-Jaccard baseline measured in shared/eval/README.md. */
const BASELINE = { recall_at_1: 0.695, recall_at_5: 0.817, mrr: 0.748, flag_precision: 0.84, false_flag_rate: 0.082 };

describe.skipIf(!evalSetExists(TURKU))('evaluation on turku-dev (skipped where the labelled set is not beside the checkout)', () => {
  it('beats the word-Jaccard baseline', { timeout: 60_000 }, () => {
    const rankings = join(mkdtempSync(join(tmpdir(), 'sluss-eval-')), 'turku-dev.jsonl');
    const { metrics } = runEvalSet(TURKU, rankings);
    expect(metrics.missing_queries).toBe(0);
    expect(metrics.recall_at_1).toBeGreaterThan(BASELINE.recall_at_1);
    expect(metrics.recall_at_5).toBeGreaterThan(BASELINE.recall_at_5);
    expect(metrics.mrr).toBeGreaterThan(BASELINE.mrr);
    expect(metrics.flag_precision).toBeGreaterThan(BASELINE.flag_precision);
    expect(metrics.false_flag_rate).toBeLessThan(BASELINE.false_flag_rate);
  });
});
