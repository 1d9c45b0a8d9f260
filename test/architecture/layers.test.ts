/**
 * The house rules of docs/ARCHITECTURE.md, checked on the import graph of
 * `src/` (test/architecture/import-graph.ts):
 *
 * (a) each layer imports only what it may;
 * (b) no import cycle anywhere;
 * (c) `src/core` bundles for the browser with no Node built-in;
 * (d) no hand-written file over 400 lines, no function over 100;
 * (e) git runs one way (adapters/git/git-process.ts).
 */
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { buildSourceGraph, importCycles, ROOT, sizeViolations } from './import-graph.js';

const graph = buildSourceGraph();

type Layer = 'core' | 'app' | 'app-ports' | 'adapters' | 'ui' | 'cli' | 'browser' | 'root';

function layerOf(file: string): Layer {
  if (/^src\/app\/ports(\.ts$|\/)/.test(file)) return 'app-ports';
  const top = file.split('/')[1]!;
  if (top.endsWith('.ts')) return 'root';
  if (['core', 'app', 'adapters', 'ui', 'cli', 'browser'].includes(top)) return top as Layer;
  throw new Error(`${file}: a folder of src/ with no layer rule; add one here and in docs/ARCHITECTURE.md`);
}

/**
 * What each layer may import besides itself. `root` is src/package-version.ts,
 * the version from package.json, which any layer may read. The UI catalogue
 * and renderers (`ui`) depend on core alone, so the entry layers (cli, and the
 * web site's browser code) and the use cases that ask the user questions
 * (add, workflow, init) may use them; adapters and core never do.
 */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  'core': ['root'],
  'app-ports': ['core'],
  'app': ['core', 'app-ports', 'ui', 'root'],
  'adapters': ['core', 'app-ports', 'root'],
  'ui': ['core', 'root'],
  'cli': ['core', 'app', 'app-ports', 'adapters', 'ui', 'root'],
  'browser': ['core', 'app', 'app-ports', 'ui', 'root'],
  'root': [],
};

/** Who is rebuilding which part of src/ under issue 17 (the rest is house-app's, or new). */
function ownerOf(file: string): 'engine2' | 'house-core' | 'house-app' {
  if (file.startsWith('src/core/similarity/')) return 'engine2';
  if (file.startsWith('src/core/') || file.startsWith('src/ui/')) return 'house-core';
  return 'house-app';
}

describe('architecture: layers', () => {
  it('reads a non-trivial graph: every file of src/, every relative import resolved', () => {
    expect(graph.files.length).toBeGreaterThan(100);
    expect(graph.edges.length).toBeGreaterThan(graph.files.length);
    expect(graph.unresolved).toEqual([]);
  });

  it('has every import point the way the layers allow', () => {
    const wrong = graph.edges
      .filter((edge) => {
        const from = layerOf(edge.from);
        const to = layerOf(edge.to);
        return from !== to && !MAY_IMPORT[from].includes(to);
      })
      .map((edge) => `${edge.from} (${layerOf(edge.from)}) imports ${edge.to} (${layerOf(edge.to)})`);
    expect(wrong).toEqual([]);
  });

  it('lets core and ui import no package that runs git, prompts or the command line', () => {
    const systemPackages = ['commander', '@inquirer/prompts', '@inquirer/core'];
    const wrong = [...graph.external].flatMap(([file, specifiers]) =>
      ['core', 'ui'].includes(layerOf(file)) ? specifiers.filter((specifier) => systemPackages.includes(specifier)).map((specifier) => `${file}: ${specifier}`) : [],
    );
    expect(wrong).toEqual([]);
  });

  it('lets use cases in src/app do no file-system, process or network I/O of their own (they go through ctx.adapters)', () => {
    const ioModules = ['fs', 'fs/promises', 'child_process', 'os', 'url', 'net', 'http', 'https'].flatMap((name) => [name, `node:${name}`]);
    const wrong = [...graph.external].flatMap(([file, specifiers]) =>
      layerOf(file) === 'app' ? specifiers.filter((specifier) => ioModules.includes(specifier)).map((specifier) => `${file}: ${specifier}`) : [],
    );
    expect(wrong).toEqual([]);
  });
});

describe('architecture: no import cycles', () => {
  const cyclesOf = (owner: ReturnType<typeof ownerOf>) => importCycles(graph).filter((cycle) => ownerOf(cycle[0]!) === owner);

  it('finds a cycle when there is one (the check itself)', () => {
    const files = ['a.ts', 'b.ts', 'c.ts'];
    expect(importCycles({ files, edges: [edge('a.ts', 'b.ts'), edge('b.ts', 'c.ts'), edge('c.ts', 'a.ts')] })).toEqual([files]);
    expect(importCycles({ files, edges: [edge('a.ts', 'b.ts'), edge('b.ts', 'c.ts')] })).toEqual([]);
  });

  it('has none in app, adapters, cli and the entry', () => {
    expect(cyclesOf('house-app')).toEqual([]);
  });

  it('has none in src/core outside similarity and in src/ui', () => {
    expect(cyclesOf('house-core')).toEqual([]);
  });

  it('has none in src/core/similarity', () => {
    expect(cyclesOf('engine2')).toEqual([]);
  });
});

function edge(from: string, to: string) {
  return { from, to, specifier: to, typeOnly: false, dynamic: false };
}

/** Node's built-in modules, with and without `node:`. */
const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Bundles every module of src/core for the browser; returns the Node built-ins it reached, and what could not be resolved. */
async function coreForBrowser(): Promise<{ builtins: string[]; errors: string[] }> {
  const builtins: string[] = [];
  const recordBuiltins: Plugin = {
    name: 'record-builtins',
    setup(bundle) {
      bundle.onResolve({ filter: /.*/ }, (args) => {
        if (!BUILTINS.has(args.path)) return undefined;
        builtins.push(`${args.path} (from ${args.importer.slice(ROOT.length + 1)})`);
        return { path: args.path, external: true };
      });
    },
  };
  const entryPoints = graph.files.filter((file) => layerOf(file) === 'core').map((file) => join(ROOT, file));
  try {
    await build({ entryPoints, bundle: true, write: false, platform: 'browser', format: 'esm', outdir: join(ROOT, 'dist/architecture-check'), logLevel: 'silent', plugins: [recordBuiltins] });
    return { builtins, errors: [] };
  } catch (error) {
    const { errors = [] } = error as { errors?: { text: string; location?: { file: string } | null }[] };
    return { builtins, errors: errors.map((e) => `${e.location?.file ?? ''}: ${e.text}`) };
  }
}

describe('architecture: src/core runs in a browser', () => {
  it('the check sees a Node built-in (a bundle of a module that imports one)', async () => {
    const seen: string[] = [];
    await build({
      stdin: { contents: "import { createHash } from 'node:crypto'; export const h = createHash;", resolveDir: ROOT, loader: 'ts' },
      bundle: true,
      write: false,
      platform: 'browser',
      logLevel: 'silent',
      plugins: [{ name: 'see', setup: (bundle) => bundle.onResolve({ filter: /^node:/ }, (args) => (seen.push(args.path), { path: args.path, external: true })) }],
    });
    expect(seen).toEqual(['node:crypto']);
  });

  it('bundles src/core for the browser with no Node built-in', async () => {
    expect(await coreForBrowser()).toEqual({ builtins: [], errors: [] });
  }, 60_000);
});

describe('architecture: sizes', () => {
  const violations = sizeViolations(graph.files, 400, 100).map((v) => ({ ...v, owner: ownerOf(v.file) }));
  const of = (owner: ReturnType<typeof ownerOf>) => violations.filter((v) => v.owner === owner).map(({ file, fn, lines }) => `${file}${fn ? ` ${fn}` : ''}: ${lines} lines`);

  it('has no hand-written file over 400 lines nor function over 100 in app, adapters, cli and the entry', () => {
    expect(of('house-app')).toEqual([]);
  });

  it('has none in src/core outside similarity and in src/ui', () => {
    expect(of('house-core')).toEqual([]);
  });

  it('has none in src/core/similarity', () => {
    expect(of('engine2')).toEqual([]);
  });
});

describe('architecture: git runs one way', () => {
  it('starts git only in adapters/git/git-process.ts (child processes), and gh only in adapters/forge/github-cli.ts', () => {
    const runners = [...graph.external]
      .filter(([, specifiers]) => specifiers.some((specifier) => ['node:child_process', 'child_process'].includes(specifier)))
      .map(([file]) => file)
      .sort();
    expect(runners).toEqual(['src/adapters/forge/github-cli.ts', 'src/adapters/git/git-process.ts']);
  });
});
