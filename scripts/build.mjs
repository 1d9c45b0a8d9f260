#!/usr/bin/env node
/**
 * Builds dist/ from src/ with esbuild:
 *
 * - dist/site/, the scripts of `sluss site` for the browser
 *   (scripts/site-bundle.mjs);
 * - dist/sluss.cjs, the program: one self-contained file with every
 *   dependency bundled, which bin/sluss runs and registers carry as their
 *   own copy of sluss (scripts/build-standalone.mjs).
 *
 * Type checking is `npm run typecheck` (tsc); esbuild only strips types.
 */
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStandalone } from './build-standalone.mjs';
import { buildSiteScripts, embedSiteScripts } from './site-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/**
 * snowball-stemmers defines all of its 24 languages in one module, and
 * defining them costs ~15 ms at every duplicate check; sluss stems Swedish
 * and English only (src/core/similarity/text.ts). The others are cut out of
 * the bundle here. The module is regular (one `var xStemmer = function ...
 * }(SnowballStemmer);` block per language, then a name -> class map); if a
 * new version is not, the build stops rather than ship it uncut or broken.
 */
const STEMMER_LANGUAGES = ['english', 'swedish'];
const onlyUsedStemmers = {
  name: 'only-used-stemmers',
  setup(build) {
    build.onLoad({ filter: /snowball-stemmers[\\/]snowball-stemmers\.js$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      const kept = [];
      const cut = source.replace(/^ {4}var (\w+)Stemmer = function \(_SnowballStemmer\d*\) \{\n[\s\S]*?^ {4}\}\(SnowballStemmer\);\n/gm, (block, language) => {
        if (STEMMER_LANGUAGES.includes(language)) {
          kept.push(language);
          return block;
        }
        return '';
      });
      const mapped = cut.replace(/^ {12}(\w+): (\w+)Stemmer,?\n/gm, (line, name) => (STEMMER_LANGUAGES.includes(name) ? `            ${name}: ${name}Stemmer,\n` : ''));
      if (kept.sort().join() !== STEMMER_LANGUAGES.join() || (mapped.match(/Stemmer = function \(_SnowballStemmer/g) ?? []).length !== STEMMER_LANGUAGES.length) {
        throw new Error(`snowball-stemmers: could not cut it down to ${STEMMER_LANGUAGES.join(' and ')}; check scripts/build.mjs against the installed version`);
      }
      return { contents: mapped, loader: 'js' };
    });
  },
};

/**
 * The core imports the YAML library statically (src/core/format/yaml-library.ts),
 * which keeps it free of Node and runnable anywhere. Node would then load the
 * library's dozens of files at every start; the build puts the adapter in its
 * place, which loads them the first time a file needs the full parser.
 */
const CORE_YAML_LIBRARY = join(root, 'src', 'core', 'format', 'yaml-library.ts');
const lazyYamlLibrary = {
  name: 'lazy-yaml-library',
  setup(build) {
    build.onResolve({ filter: /[\\/]yaml-library\.js$/ }, ({ path, resolveDir }) => {
      if (join(resolveDir, path.replace(/\.js$/, '.ts')) !== CORE_YAML_LIBRARY) return undefined;
      return { path: join(root, 'src', 'adapters', 'yaml-library.ts') };
    });
  },
};

rmSync(join(root, 'dist'), { recursive: true, force: true });
// The scripts of `sluss site`, for the browser (dist/site/): core as it is, with no Node.js adapter.
// First, because the standalone file carries them inside it.
await buildSiteScripts({ plugins: [onlyUsedStemmers] });
await buildStandalone({ root, plugins: [onlyUsedStemmers, lazyYamlLibrary, embedSiteScripts()], version: packageJson.version });
