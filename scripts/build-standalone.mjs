/**
 * The program file: `dist/sluss.cjs`, one file that runs every command with
 * Node.js 20 or later and nothing else (no node_modules). It is the only
 * program there is: bin/sluss runs it, and registers carry a copy of it
 * (`sluss init`, `sluss tool update`), so a clone runs `./sluss` and CI runs
 * `node .sluss/tool/sluss.cjs` without installing anything. Every end-to-end
 * test therefore runs the file users run.
 *
 * Starting fast with 3 MB of bundled code takes some care: Node reads,
 * decodes and scans every byte of the file it starts, and V8 pre-parses
 * every function in it. So the file holds
 *
 * - a small loader;
 * - as plain functions, the modules `--help` and every start need
 *   (`bin.js`, `main.js` and the chunks they import statically);
 * - the rest of the modules, loaded only by the commands that need them,
 *   brotli-compressed and base64-encoded one after the other inside the last
 *   comment of the file, which V8 skips at the speed of a comment. The loader
 *   knows where each one starts (an index written in at build time), reads
 *   just those bytes of the file and decompresses a module the first time it
 *   is required, and compiles it with V8's code cache
 *   (scripts/standalone-code-cache.mjs): from the second start on, what the
 *   commands ran before is not compiled again (about 25 ms of a warm
 *   `similar` at 10,000 ideas). The modules every start needs stay plain:
 *   packed and cached too, they made a first `--help` 12 ms slower and a
 *   cached one no faster.
 *
 * Every module is esbuild's ES module chunk (split where sluss loads a module lazily),
 * turned into a CommonJS function body by esbuild's transform, so chunks
 * require each other through the loader and Node's built-ins through Node.
 * The file is CommonJS (`.cjs`) so that no package.json around a register
 * can make Node read it as anything else.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { build, transform } from 'esbuild';
import { bundledLicences } from './build-licences.mjs';
import { slussCodeCache } from './standalone-code-cache.mjs';

export const STANDALONE_FILE = 'dist/sluss.cjs';
/** Opens the comment that holds the compressed modules. */
const PACKED_MARK = '/*sluss-packed:';
/** Where that comment's content starts in the file, written in once the file is put together (fixed width, so nothing moves). */
const PACKED_AT = '%PACKED_AT_0000%';

/**
 * sluss's own source loads one package through createRequire(import.meta.url):
 * the YAML library, lazily (src/adapters/yaml-library.ts), which esbuild
 * cannot follow. Here it becomes a plain require() call, which it bundles.
 * The build stops if such a call is left that it does not understand, rather
 * than ship a file that needs node_modules at run time.
 */
const bundleCreateRequire = {
  name: 'bundle-create-require',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      if (!source.includes('createRequire(import.meta.url)')) return undefined;
      const rewritten = source
        .replace(/createRequire\(import\.meta\.url\)\((['"][^'"]+['"])\)/g, 'require($1)')
        .replace(/^const require = createRequire\(import\.meta\.url\);$/m, '');
      if (rewritten.includes('createRequire(import.meta.url)')) {
        throw new Error(`${path}: a createRequire(import.meta.url) the standalone build cannot bundle; see scripts/build-standalone.mjs`);
      }
      return { contents: rewritten, loader: 'ts' };
    });
  },
};

/**
 * exceljs loads unzipper for reading workbooks, which sluss never does (it
 * only writes reports). unzipper pulls in a dozen packages, one of them
 * (buffers) with no licence to redistribute it under, so the standalone
 * file gets a stand-in that refuses to read instead. The XLSX test of
 * test/e2e/standalone.test.ts proves writing still works.
 */
const leaveOutWorkbookReading = {
  name: 'leave-out-workbook-reading',
  setup(build) {
    build.onResolve({ filter: /^unzipper$/ }, () => ({ path: 'unzipper', namespace: 'sluss-stand-in' }));
    build.onLoad({ filter: /.*/, namespace: 'sluss-stand-in' }, () => ({
      contents: "module.exports = new Proxy({}, { get() { throw new Error('sluss writes workbooks but never reads them: unzipper is left out of the standalone build'); } });",
      loader: 'js',
    }));
  },
};

/** Chunks reachable from bin.js through static imports: what every start loads. */
function startupChunks(metafile) {
  const imports = new Map();
  for (const [path, output] of Object.entries(metafile.outputs)) {
    imports.set(basename(path), output.imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => basename(i.path)));
  }
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const next of imports.get(name) ?? []) visit(next);
  };
  visit('bin.js');
  return seen;
}

/** The loader's pre-start check: the two sentences come from the interface catalogue. */
async function nodeTooOldMessages(root) {
  const result = await build({
    absWorkingDir: root,
    stdin: { contents: "export { toolText } from './src/ui/tool-text.ts';", resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'warning',
  });
  const { toolText } = await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
  return { sv: toolText('sv').nodeTooOld('%VERSION%'), en: toolText('en').nodeTooOld('%VERSION%') };
}

/** Text for a comment of the file: ASCII (see the check in buildStandalone), never closing the comment early. */
const commentText = (text) => text.replace(/\*\//g, '*\\/').replace(/[^\x00-\x7f]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
/** A JavaScript string literal in ASCII. */
const asciiString = (text) => JSON.stringify(text).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function loaderSource({ version, build, startup, messages, licences, packed, packedIndex }) {
  const startupModules = startup.map(({ name, code }) => `${JSON.stringify(name)}: function (require, module, exports, __filename, __dirname, __slussFileUrl) {\n${code}}`).join(',\n');
  return `#!/usr/bin/env node
/*
 * sluss ${version}: the whole program in one file, for Node.js 20 or later.
 * Built by scripts/build-standalone.mjs from sluss's source and the packages
 * it bundles (their licences are at the end of this file). Do not edit: a
 * register's copy is checked against .sluss/tool/manifest.json.
 */
'use strict';
if (Number(process.versions.node.split('.')[0]) < 20) {
  const wanted = (process.argv.find((a) => a.startsWith('--lang=')) || '').slice(7) || process.argv[process.argv.indexOf('--lang') + 1] || process.env.SLUSS_LANG || process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  process.stderr.write((/^en/i.test(wanted) ? ${asciiString(messages.en)} : ${asciiString(messages.sv)}).replace('%VERSION%', process.versions.node) + '\\n');
  process.exit(1);
}
const nodeRequire = require;
const fileUrl = require('node:url').pathToFileURL(__filename).href;
// Opened now: should the file be replaced while sluss runs (sluss tool update), modules still come from the file that started.
const ownFile = require('node:fs').openSync(__filename, 'r');
const startup = {
${startupModules}
};
const codeCache = (${slussCodeCache.toString()})(require, ${JSON.stringify(build)}, process.env, process.platform);
const packedAt = Number('${PACKED_AT}');
const packedIndex = ${JSON.stringify(packedIndex)};
function packedModule(name) {
  const where = packedIndex[name];
  if (!where) throw new Error('sluss: ' + name + ' is missing from ' + __filename);
  const base64 = Buffer.alloc(where[1]);
  require('node:fs').readSync(ownFile, base64, 0, where[1], packedAt + where[0]);
  const source = require('node:zlib').brotliDecompressSync(Buffer.from(base64.toString('latin1'), 'base64')).toString('utf8');
  return codeCache.compile(name, '(function (require, module, exports, __filename, __dirname, __slussFileUrl) {' + source + '\\n})', __filename + '/' + name);
}
const modules = new Map();
function load(name) {
  const known = modules.get(name);
  if (known) return known.exports;
  const module = { exports: {} };
  modules.set(name, module);
  const define = startup[name] || packedModule(name);
  define((id) => (id.startsWith('./') ? load(id.slice(2)) : nodeRequire(id)), module, module.exports, __filename, __dirname, fileUrl);
  return module.exports;
}
load('bin.js');
/*
${commentText(licences)}
*/
${PACKED_MARK}${packed}*/
`;
}

/** The modules one after the other, and where each starts and how long it is. */
function packModules(modules) {
  let packed = '';
  const packedIndex = {};
  for (const { name, code } of modules) {
    const base64 = brotliCompressSync(Buffer.from(code), { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: code.length } }).toString('base64');
    packedIndex[name] = [packed.length, base64.length];
    packed += base64;
  }
  return { packed, packedIndex };
}

/** `source` with the position of the packed modules written in. */
function withPackedPosition(source) {
  const at = source.lastIndexOf(PACKED_MARK) + PACKED_MARK.length;
  const digits = String(at).padStart(PACKED_AT.length, '0');
  if (digits.length !== PACKED_AT.length || source.split(PACKED_AT).length !== 2) throw new Error('scripts/build-standalone.mjs: cannot write in where the packed modules start');
  return source.replace(PACKED_AT, digits);
}

/**
 * Builds dist/sluss.cjs. `plugins` are the dist build's own (the stemmer
 * cut); returns the file's size and SHA-256.
 */
export async function buildStandalone({ root, plugins, version }) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/bin.ts'],
    outdir: 'standalone',
    write: false,
    metafile: true,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    // Modules are functions of the loader: import.meta is the standalone file itself.
    define: { 'import.meta.url': '__slussFileUrl' },
    plugins: [bundleCreateRequire, leaveOutWorkbookReading, ...plugins],
    logLevel: 'warning',
  });
  const startupNames = startupChunks(result.metafile);
  const modules = [];
  for (const output of result.outputFiles) {
    const { code } = await transform(output.text, { format: 'cjs', platform: 'node', target: 'node20', supported: { 'dynamic-import': false }, minify: true, logLevel: 'warning' });
    modules.push({ name: basename(output.path), code });
  }
  modules.sort((a, b) => (a.name === 'bin.js' ? -1 : b.name === 'bin.js' ? 1 : a.name.localeCompare(b.name)));
  const source = withPackedPosition(loaderSource({
    version,
    // Data from another build is never read: the code cache's folder is named by a hash of the modules.
    build: createHash('sha256').update(JSON.stringify(modules)).digest('hex').slice(0, 16),
    startup: modules.filter(({ name }) => startupNames.has(name)),
    messages: await nodeTooOldMessages(root),
    licences: bundledLicences(root, result.metafile),
    ...packModules(modules.filter(({ name }) => !startupNames.has(name))),
  }));
  const nonAscii = source.search(/[^\x00-\x7f]/);
  if (nonAscii >= 0) {
    // esbuild escapes strings but not regular expression literals: write such a character as \uXXXX in the source.
    const near = JSON.stringify(source.slice(Math.max(0, nonAscii - 60), nonAscii + 20));
    throw new Error(`dist/sluss.cjs must be ASCII (Node decodes other text more slowly at every start); found near ${near}`);
  }
  writeFileSync(join(root, STANDALONE_FILE), source, { mode: 0o755 });
  return { bytes: Buffer.byteLength(source), sha256: createHash('sha256').update(source).digest('hex') };
}
