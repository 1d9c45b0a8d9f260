#!/usr/bin/env node
/**
 * The files of a sluss release, for an IT department that installs without
 * the public package registry (README, "Installera"):
 *
 *   npm run release [-- --out release] [-- --no-build]
 *
 * writes to the folder (default release/):
 *
 * - sluss-<version>.tgz: the npm package (`npm install -g ./sluss-<version>.tgz`);
 * - sluss-<version>.cjs: the standalone file, the same bytes as the
 *   package's dist/sluss.cjs and as a register's .sluss/tool/sluss.cjs;
 * - SHA256SUMS: both files' SHA-256, in the form `sha256sum -c SHA256SUMS`
 *   checks.
 *
 * It builds first (`--no-build` uses the dist/ there is, as the test does
 * after `npm test` has built it).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string', default: 'release' }, 'no-build': { type: 'boolean', default: false } } });
const out = resolve(root, values.out);
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

if (!values['no-build']) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
mkdirSync(out, { recursive: true });
const tarball = `sluss-${version}.tgz`;
const standalone = `sluss-${version}.cjs`;
for (const name of [tarball, standalone, 'SHA256SUMS']) rmSync(join(out, name), { force: true });
// The build above is the one to ship: `prepare` would build again.
execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', out], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
copyFileSync(join(root, 'dist', 'sluss.cjs'), join(out, standalone));

const sha256 = (name) => createHash('sha256').update(readFileSync(join(out, name))).digest('hex');
const sums = [tarball, standalone].map((name) => `${sha256(name)}  ${name}`);
writeFileSync(join(out, 'SHA256SUMS'), `${sums.join('\n')}\n`);
process.stdout.write(`sluss ${version} in ${out}:\n${sums.map((line) => `  ${line}`).join('\n')}\nCheck with: cd ${out} && sha256sum -c SHA256SUMS\n`);
