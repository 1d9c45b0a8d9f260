#!/usr/bin/env node
/**
 * Builds dist/ from src/ with esbuild: one file for what every start needs
 * (the command line, its texts and commander), and a chunk for each command's
 * work and for code they share, loaded when a command runs. Fewer, larger
 * modules make `sluss --help` start close to a bare `node`. Type checking is
 * `npm run typecheck` (tsc); esbuild only strips types.
 *
 * Every output file lies in dist/cli/, two levels below the package root, as
 * src/cli/ and src/app/ are: paths those modules resolve from their own
 * location (`../../schemas/`) hold in the build too.
 */
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// Packages are installed beside sluss, not copied into it, with two
// exceptions that load faster bundled: commander, which every start needs, and
// snowball-stemmers, one 850 kB CommonJS file that Node would scan for its
// exports at every duplicate check.
const BUNDLED = new Set(['commander', 'snowball-stemmers']);
const external = Object.keys(packageJson.dependencies).filter((name) => !BUNDLED.has(name));

rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  sourcemap: true,
  logLevel: 'warning',
  // Bundled CommonJS (commander) calls require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __slussCreateRequire } from 'node:module'; const require = __slussCreateRequire(import.meta.url);" },
});
