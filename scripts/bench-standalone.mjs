#!/usr/bin/env node
/**
 * The standalone file's budget (issue 16), measured: `npm run bench:standalone`
 * (after `npm run build`).
 *
 * - size of dist/sluss.cjs: at most 4 MB;
 * - `node dist/sluss.cjs --help` on a first start (no code cache): at most
 *   1.5 times a bare `node -e 0`;
 * - `similar` on the example register (this repository's ideas/) on a first
 *   start: at most 1.3 times a start with the code cache
 *   (scripts/standalone-code-cache.mjs), which every later start has.
 *
 * The commands run interleaved, --runs times each (default 21), and the
 * median wall time counts, so a busy machine slows all of them alike.
 * Prints a table and exits 1 when a budget is exceeded.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '21' } } });
const runs = Number(values.runs);
const standalone = join(root, 'dist', 'sluss.cjs');
const query = 'Digitala lås i hemtjänsten';

const commands = {
  bare: [process.execPath, '-e', '0'],
  firstHelp: [process.execPath, standalone, '--help'],
  help: [process.execPath, standalone, '--help'],
  firstSimilar: [process.execPath, standalone, '-C', root, 'similar', query],
  similar: [process.execPath, standalone, '-C', root, 'similar', query],
};
/** A first start: no code cache to read (and none written). */
const firstStart = new Set(['firstHelp', 'firstSimilar']);

function timeOnce(name, [command, ...args]) {
  const env = firstStart.has(name) ? { ...process.env, SLUSS_CODE_CACHE: '0' } : process.env;
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${[command, ...args].join(' ')} exited with ${result.status}: ${result.stderr}`);
  return ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
// One untimed round first: the caches of the register and of the file system are warm for all.
for (const [name, command] of Object.entries(commands)) timeOnce(name, command);
for (let i = 0; i < runs; i++) for (const [name, command] of Object.entries(commands)) samples[name].push(timeOnce(name, command));
const ms = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));

const megabytes = statSync(standalone).size / 1e6;
const checks = [
  { what: 'size of dist/sluss.cjs', value: `${megabytes.toFixed(2)} MB`, ratio: megabytes / 4, budget: '≤ 4 MB' },
  { what: '--help, first start, vs node -e 0', value: `${ms.firstHelp.toFixed(0)} ms vs ${ms.bare.toFixed(0)} ms (with the code cache: ${ms.help.toFixed(0)} ms)`, ratio: ms.firstHelp / ms.bare, budget: '≤ 1.5×' },
  { what: 'similar, first start, vs with the code cache', value: `${ms.firstSimilar.toFixed(0)} ms vs ${ms.similar.toFixed(0)} ms`, ratio: ms.firstSimilar / ms.similar, budget: '≤ 1.3×' },
];
const limits = [1, 1.5, 1.3];
console.log(`| measure | value (median of ${runs}) | ratio | budget |\n| --- | --- | --- | --- |`);
checks.forEach((check, i) => console.log(`| ${check.what} | ${check.value} | ${check.ratio.toFixed(2)}${i === 0 ? ' of 4 MB' : '×'} | ${check.budget} ${check.ratio <= limits[i] ? 'met' : '**exceeded**'} |`));
process.exitCode = checks.every((check, i) => check.ratio <= limits[i]) ? 0 : 1;
