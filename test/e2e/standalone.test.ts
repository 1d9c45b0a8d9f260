/**
 * dist/sluss.cjs, the one-file sluss that registers carry, and the register
 * copy made from it: it runs every kind of command with Node alone (no
 * node_modules anywhere), a clone of a new register runs ./sluss with only
 * node and git on PATH, npm pack ships the file, its bundled packages'
 * licences are listed, and nothing generated points at npx or a registry.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pty from '@lydell/node-pty';
import { describe, expect, it } from 'vitest';
import { emptyRepository, generatedFiles } from '../helpers/ci-register.js';
import { BIN, runCli } from '../helpers/cli.js';
import { git, tempDir, testEnv } from '../helpers/registers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STANDALONE = join(ROOT, 'dist', 'sluss.cjs');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** A folder with nothing above it that Node could load packages from. */
function isolatedDir(): string {
  const dir = tempDir('sluss-alone-');
  for (let at = dir; at !== dirname(at); at = dirname(at)) expect(existsSync(join(at, 'node_modules')), at).toBe(false);
  return dir;
}

/** PATH with nothing but node and git. */
function onlyNodeAndGit(): string {
  const bin = join(tempDir('sluss-path-'), 'bin');
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, 'node'));
  symlinkSync(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), join(bin, 'git'));
  return bin;
}

function newGitRepository(): string {
  return emptyRepository(isolatedDir());
}

describe('dist/sluss.cjs', () => {
  it('is one executable ASCII file within the 4 MB budget, and runs every kind of command from a folder with no node_modules', () => {
    const text = readFileSync(STANDALONE, 'latin1');
    expect(statSync(STANDALONE).size).toBeLessThanOrEqual(4_000_000);
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(/[^\x00-\x7f]/.test(text)).toBe(false);
    expect(text).toContain(` * sluss ${VERSION}: `);

    const dir = isolatedDir();
    cpSync(STANDALONE, join(dir, 'sluss.cjs'));
    cpSync(join(ROOT, 'ideas'), join(dir, 'register', 'ideas'), { recursive: true });
    cpSync(join(ROOT, 'sluss.yaml'), join(dir, 'register', 'sluss.yaml'));
    const run = (args: string[]) => execFileSync(process.execPath, [join(dir, 'sluss.cjs'), '-C', join(dir, 'register'), ...args], { cwd: dir, env: testEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(run(['--version']).trim()).toBe(VERSION);
    expect(run(['validate'])).toBe('');
    expect(run(['similar', 'Digitala lås i hemtjänsten'])).toContain('Digitala lås i hemtjänsten');
    run(['report', '--format', 'xlsx', '--out', join(dir, 'rapport.xlsx')]);
    expect(readFileSync(join(dir, 'rapport.xlsx')).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('loads neither the YAML library nor the schema validators at start: they are in the packed modules, read when a command needs them', () => {
    const text = readFileSync(STANDALONE, 'latin1');
    const packedAt = text.lastIndexOf('/*sluss-packed:');
    expect(packedAt).toBeGreaterThan(0);
    const startup = text.slice(0, packedAt);
    // Strings each library's code holds, which minifying keeps.
    expect(startup).toContain('--help');
    expect(startup).not.toContain('tag:yaml.org,2002');
    expect(startup).not.toContain('must have required property');
  });

  it('asks its questions on a terminal: init asks for the coordinators', async () => {
    const dir = newGitRepository();
    const terminal = pty.spawn(process.execPath, [STANDALONE, 'init', '--name', 'Provslussen'], { cwd: dir, cols: 120, rows: 30, env: testEnv({ TERM: 'xterm' }) as Record<string, string> });
    let screen = '';
    terminal.onData((data) => (screen += data));
    const exited = new Promise<number>((resolve) => terminal.onExit(({ exitCode }) => resolve(exitCode)));
    for (let waited = 0; !screen.includes('Samordnare'); waited += 20) {
      if (waited > 20_000) throw new Error(`never asked for coordinators:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    terminal.write('@samordnaren, maria@skaraborg.se\r');
    expect(await exited).toBe(0);
    expect(readFileSync(join(dir, 'sluss.yaml'), 'utf8')).toContain('coordinators: ["@samordnaren", "maria@skaraborg.se"]');
    expect(git(dir, 'log', '--format=%s')).toBe('Nytt idéregister: Provslussen');
  });

  it('is in the package npm pack builds', () => {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' })) as { files: { path: string }[] }[];
    expect(packed!.files.map((f) => f.path)).toContain('dist/sluss.cjs');
  });

  it('carries the licence of every package it bundles, and THIRD_PARTY_NOTICES.md lists them all', () => {
    const text = readFileSync(STANDALONE, 'latin1');
    const bundled = [...text.matchAll(/^(\S+) (\d\S*) \(([^)]+)\)$/gm)].map(([, name, , licence]) => `${name} (${licence})`);
    expect(bundled.length).toBeGreaterThan(50);
    expect(bundled).toEqual(expect.arrayContaining(['exceljs (MIT)', 'commander (MIT)', '@inquirer/prompts (MIT)', 'yaml (ISC)']));
    const notices = readFileSync(join(ROOT, 'THIRD_PARTY_NOTICES.md'), 'utf8');
    const missing = [...new Set(bundled)].filter((entry) => !notices.includes(`| ${entry.replace(' (', ' | ').replace(/\)$/, '')} |`));
    // After a change of dependencies: node scripts/build-licences.mjs prints the table's rows.
    expect(missing).toEqual([]);
  });
});

describe('a register made by sluss init --ci gitlab', () => {
  it('runs ./sluss list and ./sluss validate in a clone, with only node and git on PATH', async () => {
    const origin = newGitRepository();
    const made = await runCli(['init', '--ci', 'gitlab', '--coordinator', '@samordnaren'], { cwd: origin });
    expect(made.code).toBe(0);
    const clone = join(isolatedDir(), 'klon');
    execFileSync('git', ['clone', '--quiet', origin, clone], { env: testEnv() });
    const env = { HOME: tempDir('sluss-home-'), PATH: onlyNodeAndGit(), LANG: 'C' };
    const list = spawnSync(join(clone, 'sluss'), ['list'], { cwd: clone, env, encoding: 'utf8' });
    expect(list.stderr).toBe('');
    expect(list).toMatchObject({ status: 0, stdout: 'Inga idéer matchar.\n' });
    const validate = spawnSync(join(clone, 'sluss'), ['validate'], { cwd: clone, env, encoding: 'utf8' });
    expect(validate).toMatchObject({ status: 0, stderr: 'Inga fel i 0 idéfil(er) och sluss.yaml.\n' });
    expect(git(clone, 'status', '--porcelain')).toBe('');
  });

  it('says in Swedish how to get Node.js when the launcher cannot find it', () => {
    const origin = newGitRepository();
    execFileSync(process.execPath, [BIN, 'init'], { cwd: origin, env: testEnv(), stdio: 'ignore' });
    const result = spawnSync('/bin/sh', [join(origin, 'sluss'), 'list'], { cwd: origin, env: { PATH: '/nonexistent' }, encoding: 'utf8' });
    expect(result.status).toBe(127);
    expect(result.stderr).toBe('Node.js saknas: installera Node.js 20 eller senare (https://nodejs.org) och prova igen.\n');
  });

  it('init --ci says what to fill in, and run again with nothing to change succeeds and changes nothing', async () => {
    const dir = newGitRepository();
    const first = await runCli(['init', '--ci', 'github'], { cwd: dir });
    expect(first.code).toBe(0);
    // No coordinators given and no terminal to ask on: the user is told what CI will block until they are filled in.
    expect(first.stdout).toContain('Obs: sluss.yaml har inga samordnare. Med CI stoppas varje flytt ut ur första bedömningen');
    expect(first.stdout).toContain('Fyll i varje kommuns granskare i sluss.yaml');
    const head = git(dir, 'rev-parse', 'HEAD');
    const again = await runCli(['init', '--ci', 'github'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('CI-filerna för github är redan aktuella. Inget behövde ändras.');
    expect(again.stdout + again.stderr).not.toMatch(/[Ii]dén/);
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(head);
  });
});

describe('the files sluss generates', () => {
  it.each(['github', 'gitlab'] as const)('never mention npx or a package registry (%s)', async (forge) => {
    const dir = newGitRepository();
    expect((await runCli(['init', '--ci', forge, '--coordinator', '@samordnaren'], { cwd: dir })).code).toBe(0);
    const files = generatedFiles(dir);
    expect(files).toEqual(expect.arrayContaining(['sluss', 'sluss.cmd', '.sluss/tool/sluss.cjs', '.sluss/tool/manifest.json']));
    for (const file of files) {
      let text = readFileSync(join(dir, file), 'latin1');
      // The copy's compressed modules are base64, where any short word turns up by chance: only its readable part counts.
      if (file === '.sluss/tool/sluss.cjs') text = text.slice(0, text.lastIndexOf('/*sluss-packed:'));
      // Whole words: "byarna" (villages) holds "yarn".
      expect(text, file).not.toMatch(/\bnpx\b|\bnpm (install|exec|i)\b|registry|npmjs|\byarn\b|\bpnpm\b/i);
    }
  });
});
