/**
 * The code cache of dist/sluss.cjs (scripts/standalone-code-cache.mjs): the
 * function the loader carries, on its own, and the built file run twice.
 * What must hold: a second start reads data V8 accepts; bad, foreign or
 * unwritable caches change nothing but speed; nothing is written where the
 * user did not choose (no register, no shared folder).
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createRegister, tempDir } from '../helpers/registers.js';

interface CodeCache {
  compile(name: string, source: string, filename: string): unknown;
  save(): void;
  dir: string | undefined;
}
type MakeCodeCache = (require: NodeJS.Require, build: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform) => CodeCache;

let slussCodeCache: MakeCodeCache;
beforeAll(async () => {
  const script = join(import.meta.dirname, '..', '..', 'scripts', 'standalone-code-cache.mjs');
  ({ slussCodeCache } = (await import(pathToFileURL(script).href)) as { slussCodeCache: MakeCodeCache });
});

const require = createRequire(import.meta.url);
/**
 * A module's source, different in each test: V8 keeps what one process
 * compiled, and would otherwise answer a second compile of the same source
 * from memory without looking at the data given.
 */
const sourceOf = (test: string) => `(function (a, b) { return [a + b, "sluss", ${JSON.stringify(test)}].join(" "); })`;
const run = (cache: CodeCache, test: string) => (cache.compile('m.js', sourceOf(test), 'm.js') as (a: number, b: number) => string)(1, 2);
/** Whether V8 takes the saved data for the test's source as it is. */
const isAccepted = (file: string, test: string) => !new Script(sourceOf(test), { cachedData: readFileSync(file) }).cachedDataRejected;

describe('the code cache function', () => {
  it('saves what it compiled under the user cache folder, and a second start reads data V8 accepts', () => {
    const home = tempDir('sluss-cache-home-');
    const first = slussCodeCache(require, 'b1', { HOME: home }, 'linux');
    expect(first.dir).toBe(join(home, '.cache', 'sluss', 'code', `b1-node${process.versions.node}-${process.arch}`));
    expect(run(first, 'saves')).toBe('3 sluss saves');
    expect(existsSync(first.dir!)).toBe(false);
    first.save();
    const file = join(first.dir!, 'm.js.v8');
    expect(isAccepted(file, 'saves')).toBe(true);

    const second = slussCodeCache(require, 'b1', { HOME: home }, 'linux');
    const before = readFileSync(file);
    expect(run(second, 'saves')).toBe('3 sluss saves');
    second.save();
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('compiles from source over garbage and writes good data in its place', () => {
    const cacheHome = tempDir('sluss-cache-xdg-');
    const cache = slussCodeCache(require, 'b2', { XDG_CACHE_HOME: cacheHome, HOME: '/nonexistent' }, 'linux');
    mkdirSync(cache.dir!, { recursive: true });
    const file = join(cache.dir!, 'm.js.v8');
    writeFileSync(file, Buffer.alloc(4096, 7));
    expect(run(cache, 'garbage')).toBe('3 sluss garbage');
    cache.save();
    expect(isAccepted(file, 'garbage')).toBe(true);
  });

  it('is off with SLUSS_CODE_CACHE=0, without a home, and with a relative XDG_CACHE_HOME it uses the home', () => {
    const home = tempDir('sluss-cache-home-');
    const off = slussCodeCache(require, 'b3', { HOME: home, SLUSS_CODE_CACHE: '0' }, 'linux');
    expect(off.dir).toBeUndefined();
    expect(run(off, 'off')).toBe('3 sluss off');
    off.save();
    expect(readdirSync(home)).toEqual([]);
    expect(slussCodeCache(require, 'b3', {}, 'linux').dir).toBeUndefined();
    expect(slussCodeCache(require, 'b3', { HOME: home, XDG_CACHE_HOME: 'cache' }, 'linux').dir?.startsWith(join(home, '.cache', 'sluss'))).toBe(true);
  });

  it('uses the platform folder on macOS and Windows', () => {
    expect(slussCodeCache(require, 'b4', { HOME: '/Users/a' }, 'darwin').dir?.startsWith('/Users/a/Library/Caches/sluss/code/')).toBe(true);
    expect(slussCodeCache(require, 'b4', { LOCALAPPDATA: '/c/AppData/Local', USERPROFILE: '/c' }, 'win32').dir?.startsWith(join('/c/AppData/Local', 'sluss', 'code'))).toBe(true);
  });

  it('gives up quietly where it cannot write, and the module still runs', () => {
    const blocked = join(tempDir('sluss-cache-blocked-'), 'a-file');
    writeFileSync(blocked, 'not a folder');
    const cache = slussCodeCache(require, 'b5', { XDG_CACHE_HOME: blocked }, 'linux');
    expect(run(cache, 'blocked')).toBe('3 sluss blocked');
    expect(() => cache.save()).not.toThrow();
    expect(readFileSync(blocked, 'utf8')).toBe('not a folder');
  });

  it('neither reads nor writes a build folder that others may write to, or one that is a link', () => {
    const cacheHome = tempDir('sluss-cache-xdg-');
    const shared = slussCodeCache(require, 'b6', { XDG_CACHE_HOME: cacheHome }, 'linux');
    mkdirSync(shared.dir!, { recursive: true });
    chmodSync(shared.dir!, 0o777);
    const planted = join(shared.dir!, 'm.js.v8');
    writeFileSync(planted, 'planted');
    expect(run(shared, 'shared')).toBe('3 sluss shared');
    shared.save();
    expect(readFileSync(planted, 'utf8')).toBe('planted');

    const elsewhere = tempDir('sluss-cache-elsewhere-');
    const linked = slussCodeCache(require, 'b7', { XDG_CACHE_HOME: cacheHome }, 'linux');
    symlinkSync(elsewhere, linked.dir!);
    expect(run(linked, 'linked')).toBe('3 sluss linked');
    linked.save();
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('reads only a regular file: a FIFO or a link in the data file\'s place is compiled over, not waited on', () => {
    const cacheHome = tempDir('sluss-cache-xdg-');
    const cache = slussCodeCache(require, 'b8', { XDG_CACHE_HOME: cacheHome }, 'linux');
    mkdirSync(cache.dir!, { recursive: true, mode: 0o700 });
    execFileSync('mkfifo', [join(cache.dir!, 'm.js.v8')]);
    expect(run(cache, 'fifo')).toBe('3 sluss fifo');
    cache.save();
    expect(isAccepted(join(cache.dir!, 'm.js.v8'), 'fifo')).toBe(true);

    const linked = slussCodeCache(require, 'b9', { XDG_CACHE_HOME: cacheHome }, 'linux');
    mkdirSync(linked.dir!, { recursive: true, mode: 0o700 });
    const outside = join(tempDir('sluss-cache-outside-'), 'data');
    writeFileSync(outside, 'outside');
    symlinkSync(outside, join(linked.dir!, 'm.js.v8'));
    expect(run(linked, 'link')).toBe('3 sluss link');
    linked.save();
    expect(readFileSync(outside, 'utf8')).toBe('outside');
    expect(isAccepted(join(linked.dir!, 'm.js.v8'), 'link')).toBe(true);
  });

  it('keeps the three most recent other builds when a new build makes its folder', () => {
    const cacheHome = tempDir('sluss-cache-xdg-');
    const builds = join(cacheHome, 'sluss', 'code');
    for (const [index, name] of ['old1', 'old2', 'old3', 'old4', 'old5'].entries()) {
      mkdirSync(join(builds, name), { recursive: true });
      const at = new Date(Date.UTC(2026, 0, 1 + index));
      utimesSync(join(builds, name), at, at);
    }
    const cache = slussCodeCache(require, 'new', { XDG_CACHE_HOME: cacheHome }, 'linux');
    run(cache, 'prune');
    cache.save();
    expect(readdirSync(builds).sort()).toEqual(['new-node' + process.versions.node + '-' + process.arch, 'old3', 'old4', 'old5'].sort());
  });
});

describe('dist/sluss.cjs with its code cache', () => {
  it('answers the same on a first start, a cached start and over a damaged cache, and fills the cache folder only', async () => {
    const register = createRegister({
      ideas: [
        { id: '001-AAAAA', title: 'Digitala lås i hemtjänsten', municipality: 'hjo', problem: 'Nycklar till brukarnas dörrar kommer bort.' },
        { id: '002-BBBBB', title: 'Solceller på skolornas tak', municipality: 'mariestad', problem: 'Elen kostar mycket.' },
      ],
    });
    const cacheHome = tempDir('sluss-cache-xdg-');
    const env = { XDG_CACHE_HOME: cacheHome };
    const args = ['similar', 'Digitala nycklar i hemtjänsten', '--json'];
    const uncached = await runCli(args, { cwd: register, env: { SLUSS_CODE_CACHE: '0' } });
    expect(uncached.code).toBe(0);
    expect(existsSync(join(cacheHome, 'sluss'))).toBe(false);

    const first = await runCli(args, { cwd: register, env });
    const [build] = readdirSync(join(cacheHome, 'sluss', 'code'));
    const files = readdirSync(join(cacheHome, 'sluss', 'code', build!));
    expect(files.length).toBeGreaterThan(3);
    expect(files.every((name) => name.endsWith('.js.v8'))).toBe(true);
    const second = await runCli(args, { cwd: register, env });

    for (const name of files) writeFileSync(join(cacheHome, 'sluss', 'code', build!, name), 'garbage');
    const damaged = await runCli(args, { cwd: register, env });
    const rewritten = files.filter((name) => readFileSync(join(cacheHome, 'sluss', 'code', build!, name), 'utf8') !== 'garbage');

    for (const result of [first, second, damaged]) expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({ code: 0, stdout: uncached.stdout, stderr: uncached.stderr });
    expect(rewritten).toEqual(files);
    expect(readdirSync(join(register, '.sluss', 'cache')).some((name) => name.endsWith('.v8'))).toBe(false);
  });
});
