#!/usr/bin/env node
/**
 * Bundles the site's scripts (src/browser/) for the browser into dist/site/,
 * which `sluss site` copies into the site's assets/. The duplicate engine is
 * the CLI's own core (src/core/similarity), split into a chunk that check.js
 * imports only when the form is first used. JSON imports (data files of the
 * engine) are bundled like code.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The core reads YAML through `createRequire` (src/core/format/yaml-front-matter.ts),
 * which the browser code reaches by import but never calls: core/duplicates.ts
 * imports the idea-file module for another function. In the browser bundle the
 * import resolves to a stub that fails loudly if it ever were called.
 */
const noNodeModule = {
  name: 'no-node-module',
  setup(build) {
    build.onResolve({ filter: /^node:module$/ }, () => ({ path: 'node:module', namespace: 'site-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'site-stub' }, () => ({
      contents: "export function createRequire() { return () => { throw new Error('node:module is not available in the browser'); }; }",
      loader: 'js',
    }));
  },
};

export async function buildSiteScripts({ plugins = [] } = {}) {
  rmSync(join(root, 'dist', 'site'), { recursive: true, force: true });
  return build({
    absWorkingDir: root,
    entryPoints: { check: 'src/browser/check.ts', list: 'src/browser/list.ts' },
    outdir: 'dist/site',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    minify: true,
    plugins: [noNodeModule, ...plugins],
    chunkNames: '[name]-[hash]',
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
}

/**
 * For the standalone build (dist/sluss.cjs, one file with no dist/ beside it):
 * src/adapters/site-scripts.ts is replaced by a module that holds the scripts built
 * into dist/site/ above, so `sluss site` from a register's own copy of sluss
 * (as CI runs it) writes the same scripts as the npm package.
 */
export function embedSiteScripts() {
  const module = join(root, 'src', 'adapters', 'site-scripts.ts');
  return {
    name: 'embed-site-scripts',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]adapters[\\/]site-scripts\.ts$/ }, ({ path }) => {
        if (path !== module) return undefined;
        const dir = join(root, 'dist', 'site');
        const scripts = readdirSync(dir)
          .filter((name) => name.endsWith('.js'))
          .sort()
          .map((name) => ({ name, content: readFileSync(join(dir, name), 'utf8') }));
        if (!scripts.some((script) => script.name === 'check.js')) throw new Error('scripts/site-bundle.mjs: build the site scripts (dist/site/) before the standalone file');
        return {
          contents: `export const SITE_SCRIPTS_DIR = '(sluss.cjs)';\nexport function siteScripts() { return ${JSON.stringify(scripts)}; }\n`,
          loader: 'js',
        };
      });
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildSiteScripts();
