/**
 * Scale benchmark for the similarity index (not part of the product):
 *
 *   node --import tsx bench/lib/index-scale.ts [10000 50000 ...]
 *
 * Builds registers of N docs from the sweparaphrase-dev and turku-dev haystack
 * texts (repeated, each copy with a distinct id and a number so copies differ),
 * then measures analysis, build, serialise size, load, incremental update and
 * query time. The texts stay in memory; nothing is written unless asked:
 *
 *   node --import tsx bench/lib/index-scale.ts 50000 --save /tmp/index.bin
 *   node --import tsx bench/lib/index-scale.ts --load /tmp/index.bin
 *
 * `--load` measures what a CLI process pays: read, deserialize, one query, peak RSS
 * (`process.resourceUsage().maxRSS`). `--pairs` also times `findDuplicatePairs`
 * (the whole-register scan of `sluss duplicates`), which takes seconds.
 */
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  analyzeDoc,
  buildSimilarityIndex,
  DEFAULT_DUPLICATE_THRESHOLD,
  deserializeSimilarityIndex,
  type SimilarityDoc,
} from '../../src/core/similarity/index.js';
import { SHARED_EVAL_DIR } from './eval-sets.js';

function texts(set: string): string[] {
  return readFileSync(join(SHARED_EVAL_DIR, set, 'haystack.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { title: string }).title);
}

const pool = texts('sweparaphrase-dev').concat(texts('turku-dev'));
const time = <T>(run: () => T): [T, number] => {
  const start = performance.now();
  const value = run();
  return [value, performance.now() - start];
};
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  args.splice(at, 2);
  return value;
};
const pairsAt = args.indexOf('--pairs');
const withPairs = pairsAt >= 0;
if (withPairs) args.splice(pairsAt, 1);
const savePath = flag('--save');
const loadPath = flag('--load');
if (loadPath !== undefined) {
  const [bytes, readMs] = time(() => readFileSync(loadPath));
  const [loaded, loadMs] = time(() => deserializeSimilarityIndex(bytes));
  const [found, queryMs] = time(() => loaded.findSimilar({ title: 'En man spelar gitarr på scenen', text: '' }, { limit: 10, threshold: DEFAULT_DUPLICATE_THRESHOLD }));
  const [, secondMs] = time(() => loaded.findSimilar({ title: 'Två hundar leker i snön', text: 'De springer efter en boll.' }, { limit: 10, threshold: DEFAULT_DUPLICATE_THRESHOLD }));
  console.log(
    `read ${readMs.toFixed(0)} ms, deserialize ${loadMs.toFixed(0)} ms (${loaded.size} docs), first query ${queryMs.toFixed(1)} ms (${found.length} hits), ` +
      `second query ${secondMs.toFixed(1)} ms, rss ${mib(process.memoryUsage().rss)} MiB, peak rss ${mib(process.resourceUsage().maxRSS * 1024)} MiB, ` +
      `uptime ${performance.now().toFixed(0)} ms`,
  );
  process.exit(0);
}
const sizes = args.map(Number);
for (const count of sizes.length > 0 ? sizes : [10_000, 50_000]) {
  // An idea: a title and a body of three other sentences, like a short filled-in template.
  const docs: SimilarityDoc[] = Array.from({ length: count }, (_, i) => ({
    id: `idea-${i}`,
    title: pool[i % pool.length] as string,
    text: [1, 2, 3].map((k) => pool[(i * 7 + k * 131) % pool.length]).join(' ') + ` Ärende ${i}.`,
  }));
  const [analysed, analyseMs] = time(() => docs.map(analyzeDoc));
  const analysedJson = JSON.stringify(analysed).length;
  const [index, buildMs] = time(() => buildSimilarityIndex(analysed));
  const [data, serializeMs] = time(() => index.serialize());
  if (savePath !== undefined) writeFileSync(savePath, data);
  const [loaded, loadMs] = time(() => deserializeSimilarityIndex(data));
  const changes = { add: docs.slice(0, 5).map((doc) => analyzeDoc({ ...doc, id: `${doc.id}-new` })), remove: ['idea-7', 'idea-8'] };
  const [, updateMs] = time(() => loaded.withChanges(changes));
  const queries = Array.from({ length: 50 }, (_, i) => ({ title: pool[(i * 97) % pool.length] as string, text: '' }));
  const options = { limit: 10, threshold: DEFAULT_DUPLICATE_THRESHOLD };
  const [, firstQueryMs] = time(() => loaded.findSimilar(queries[0]!, options));
  const [, queriesMs] = time(() => queries.forEach((query) => loaded.findSimilar(query, options)));
  let pairsReport = '';
  if (withPairs) {
    const [pairs, pairsMs] = time(() => loaded.findDuplicatePairs({ threshold: DEFAULT_DUPLICATE_THRESHOLD }));
    const subject = new Set(docs.slice(0, 20).map((doc) => doc.id));
    const [subjectPairs, subjectMs] = time(() => loaded.findDuplicatePairs({ threshold: DEFAULT_DUPLICATE_THRESHOLD, subject }));
    pairsReport = `, findDuplicatePairs ${pairsMs.toFixed(0)} ms (${pairs.length} pairs), with 20 subject docs ${subjectMs.toFixed(0)} ms (${subjectPairs.length} pairs)`;
  }
  const heap = process.memoryUsage();
  console.log(
    `${count} docs: analyse ${analyseMs.toFixed(0)} ms (${mib(analysedJson)} MiB as JSON), build ${buildMs.toFixed(0)} ms, ` +
      `serialize ${serializeMs.toFixed(0)} ms -> ${mib(data.byteLength)} MiB, deserialize ${loadMs.toFixed(0)} ms, ` +
      `withChanges(+5/-2) ${updateMs.toFixed(0)} ms, first query ${firstQueryMs.toFixed(1)} ms, ` +
      `mean query ${(queriesMs / queries.length).toFixed(1)} ms, rss ${mib(heap.rss)} MiB, heap ${mib(heap.heapUsed)} MiB${pairsReport}`,
  );
}
