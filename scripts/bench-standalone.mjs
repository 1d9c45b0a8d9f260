#!/usr/bin/env node
/**
 * The standalone file's budget (issue 16), measured: `npm run bench:standalone`
 * (after `npm run build`).
 *
 * - size of dist/sluss.cjs: at most 4 MB;
 * - `node dist/sluss.cjs --help`: at most 1.5 times a bare `node -e 0`;
 * - `similar` on the example register (this repository's ideas/): at most
 *   1.2 times `node bin/sluss similar`.
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
const bin = join(root, 'bin', 'sluss');
const query = 'Digitala lås i hemtjänsten';

const commands = {
  bare: [process.execPath, '-e', '0'],
  standaloneHelp: [process.execPath, standalone, '--help'],
  binHelp: [process.execPath, bin, '--help'],
  standaloneSimilar: [process.execPath, standalone, '-C', root, 'similar', query],
  binSimilar: [process.execPath, bin, '-C', root, 'similar', query],
};

function timeOnce([command, ...args]) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${[command, ...args].join(' ')} exited with ${result.status}: ${result.stderr}`);
  return ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
// One untimed round first: the caches of the register and of the file system are warm for all.
for (const command of Object.values(commands)) timeOnce(command);
for (let i = 0; i < runs; i++) for (const [name, command] of Object.entries(commands)) samples[name].push(timeOnce(command));
const ms = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));

const megabytes = statSync(standalone).size / 1e6;
const checks = [
  { what: 'size of dist/sluss.cjs', value: `${megabytes.toFixed(2)} MB`, ratio: megabytes / 4, budget: '≤ 4 MB' },
  { what: '--help vs node -e 0', value: `${ms.standaloneHelp.toFixed(0)} ms vs ${ms.bare.toFixed(0)} ms (bin/sluss: ${ms.binHelp.toFixed(0)} ms)`, ratio: ms.standaloneHelp / ms.bare, budget: '≤ 1.5×' },
  { what: 'similar vs bin/sluss', value: `${ms.standaloneSimilar.toFixed(0)} ms vs ${ms.binSimilar.toFixed(0)} ms`, ratio: ms.standaloneSimilar / ms.binSimilar, budget: '≤ 1.2×' },
];
const limits = [1, 1.5, 1.2];
console.log(`| measure | value (median of ${runs}) | ratio | budget |\n| --- | --- | --- | --- |`);
checks.forEach((check, i) => console.log(`| ${check.what} | ${check.value} | ${check.ratio.toFixed(2)}${i === 0 ? ' of 4 MB' : '×'} | ${check.budget} ${check.ratio <= limits[i] ? 'met' : '**exceeded**'} |`));
process.exitCode = checks.every((check, i) => check.ratio <= limits[i]) ? 0 : 1;
