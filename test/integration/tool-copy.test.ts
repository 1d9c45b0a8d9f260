/** The register's own copy of sluss: init, tool update, validate, and how .sluss/ is kept in and out of git. */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initRegister } from '../../src/app/init.js';
import { checkToolCopy, withoutWholeSlussIgnore } from '../../src/app/tool-copy.js';
import { readRunningTool } from '../../src/adapters/tool-source.js';
import type { ToolSource } from '../../src/app/ports/local-files.js';
import { updateTool } from '../../src/app/tool-update.js';
import { validateRegister } from '../../src/app/validate.js';
import { parseConfig } from '../../src/core/format/config-file.js';
import { PACKAGE_VERSION } from '../../src/package-version.js';
import { scriptedPrompter, testContext } from '../helpers/context.js';
import { emptyRepository } from '../helpers/ci-register.js';
import { createRegister, git, tempDir } from '../helpers/registers.js';
import { realAdapters } from '../../src/cli/container.js';

/** A pre-commit hook that refuses every commit; its path, to remove it. */
function refusingHook(dir: string): string {
  const hook = join(dir, '.git', 'hooks', 'pre-commit');
  writeFileSync(hook, '#!/bin/sh\necho nej >&2\nexit 1\n');
  chmodSync(hook, 0o755);
  return hook;
}

/** A small stand-in for dist/sluss.cjs: what matters here is its bytes and version, not that it runs. */
function fakeTool(version: string, body = 'console.log("sluss");'): ToolSource {
  return { version, content: Buffer.from(`#!/usr/bin/env node\n/*\n * sluss ${version}: test copy\n */\n${body}\n`) };
}

describe('sluss init', () => {
  it('writes the copy, its manifest, the launchers and a .sluss/.gitignore that keeps cache, lock and recovery files out of git', async () => {
    const dir = emptyRepository();
    const ctx = testContext({ cwd: dir });
    const result = await initRegister(ctx, { dir: '.', name: 'Testslussen', commit: true, coordinators: ['@samordnaren'], tool: fakeTool(PACKAGE_VERSION) });
    expect(result.files).toEqual(expect.arrayContaining(['.sluss/.gitignore', '.sluss/tool/sluss.cjs', '.sluss/tool/manifest.json', 'sluss', 'sluss.cmd', '.gitattributes']));
    expect(git(dir, 'ls-files', '.sluss', 'sluss', 'sluss.cmd').split('\n')).toEqual(['.sluss/.gitignore', '.sluss/tool/manifest.json', '.sluss/tool/sluss.cjs', 'sluss', 'sluss.cmd']);
    expect(git(dir, 'ls-files', '-s', 'sluss')).toMatch(/^100755 /);
    expect(statSync(join(dir, 'sluss')).mode & 0o111).not.toBe(0);
    expect(git(dir, 'check-attr', 'diff', 'linguist-generated', '--', '.sluss/tool/sluss.cjs')).toBe('.sluss/tool/sluss.cjs: diff: unset\n.sluss/tool/sluss.cjs: linguist-generated: set');
    expect(readFileSync(join(dir, 'sluss.cmd'), 'utf8')).toMatch(/^@echo off\r\n[^\n]*\r\n/);
    expect(/[^\x00-\x7f]/.test(readFileSync(join(dir, 'sluss.cmd'), 'utf8'))).toBe(false);
    expect(parseConfig(readFileSync(join(dir, 'sluss.yaml'), 'utf8')).coordinators).toEqual(['@samordnaren']);

    // What sluss keeps on one computer never shows in git status.
    for (const folder of ['cache', 'recovery']) {
      mkdirSync(join(dir, '.sluss', folder), { recursive: true });
      writeFileSync(join(dir, '.sluss', folder, 'x'), 'x');
    }
    writeFileSync(join(dir, '.sluss', 'lock'), '');
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect((await validateRegister(ctx, [])).problems).toEqual([]);
  });

  it('asks for the coordinators on a terminal and says when coordinators and reviewers are still missing', async () => {
    const asked = await initRegister(testContext({ cwd: emptyRepository(), prompter: scriptedPrompter(['@anna, maria@skaraborg.se']) }), { dir: '.', name: 'X', commit: false, tool: fakeTool('1.0.0') });
    expect(asked.coordinatorsMissing).toBe(false);
    const none = await initRegister(testContext({ cwd: emptyRepository() }), { dir: '.', name: 'X', commit: false, tool: fakeTool('1.0.0') });
    expect(none.coordinatorsMissing).toBe(true);
    expect(none.reviewersMissing).toBe(true);
  });

  it('refuses a name or coordinator with a control character before it writes anything', async () => {
    const dir = emptyRepository();
    await expect(initRegister(testContext({ cwd: dir }), { dir: '.', name: 'X', commit: false, coordinators: ['@anna\n/ideas/ @mallory'], tool: fakeTool('1.0.0') })).rejects.toMatchObject({
      code: 'usage',
      params: { option: '--coordinator' },
    });
    await expect(initRegister(testContext({ cwd: dir }), { dir: '.', name: 'Slussen\u001b]0;x\u0007', commit: false, tool: fakeTool('1.0.0') })).rejects.toMatchObject({ code: 'usage', params: { option: '--name' } });
    expect(existsSync(join(dir, 'sluss.yaml'))).toBe(false);
  });

  it('run again with --ci and nothing to change: no file written, no commit, success', async () => {
    const dir = emptyRepository();
    const ctx = testContext({ cwd: dir });
    await initRegister(ctx, { dir: '.', name: 'X', commit: true, ci: 'github', tool: fakeTool('1.0.0') });
    const head = git(dir, 'rev-parse', 'HEAD');
    const again = await initRegister(ctx, { dir: '.', name: 'X', commit: true, ci: 'github', tool: fakeTool('1.0.0') });
    expect(again).toMatchObject({ existing: true, files: [] });
    expect(again.commit).toBeUndefined();
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(head);
  });

  it('commits only what changed when CODEOWNERS is unchanged and a CI file is new (it used to exit 5 after committing)', async () => {
    const dir = emptyRepository();
    const ctx = testContext({ cwd: dir });
    await initRegister(ctx, { dir: '.', name: 'X', commit: true, ci: 'github', tool: fakeTool('1.0.0') });
    git(dir, 'rm', '--quiet', '.github/pull_request_template.md');
    git(dir, 'commit', '--quiet', '-m', 'utan mall');
    const again = await initRegister(ctx, { dir: '.', name: 'X', commit: true, ci: 'github', tool: fakeTool('1.0.0') });
    expect(again.files).toEqual(['.github/pull_request_template.md']);
    expect(again.commit).toBe(git(dir, 'rev-parse', 'HEAD'));
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('says the files are written but not committed when a hook refuses the commit, never that an idea was saved', async () => {
    const dir = emptyRepository();
    const hook = join(dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, '#!/bin/sh\necho nej >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    await expect(initRegister(testContext({ cwd: dir }), { dir: '.', name: 'X', commit: true, ci: 'gitlab', tool: fakeTool('1.0.0') })).rejects.toMatchObject({ code: 'generated-not-committed' });
    expect(existsSync(join(dir, '.gitlab-ci.yml'))).toBe(true);
  });

  it('a rerun after a refused commit commits the CI files it left, instead of calling it nothing to do', async () => {
    const root = createRegister();
    const hook = refusingHook(root);
    const ctx = testContext({ cwd: root });
    const options = { dir: '.', name: 'X', commit: true, ci: 'github' as const, tool: fakeTool('1.0.0') };
    await expect(initRegister(ctx, options)).rejects.toMatchObject({ code: 'generated-not-committed' });
    unlinkSync(hook);
    const again = await initRegister(ctx, options);
    expect(again.files).toEqual(expect.arrayContaining(['.github/workflows/sluss.yml', '.github/CODEOWNERS']));
    expect(again.commit).toBe(git(root, 'rev-parse', 'HEAD'));
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('never sweeps a user’s own uncommitted CI file into that commit', async () => {
    const root = createRegister();
    mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(root, '.github', 'workflows', 'sluss.yml'), 'name: vår egen\n');
    const result = await initRegister(testContext({ cwd: root }), { dir: '.', name: 'X', commit: true, ci: 'github', tool: fakeTool('1.0.0') });
    expect(result.files).not.toContain('.github/workflows/sluss.yml');
    expect(git(root, 'status', '--porcelain', '--untracked-files=all')).toBe('?? .github/workflows/sluss.yml');
  });

  it('adds the copy to a register made before it existed, making .sluss/tool/ committable', async () => {
    const root = createRegister();
    writeFileSync(join(root, '.gitignore'), '# sluss cache och återställningsfiler\n.sluss/\nnode_modules/\n');
    git(root, 'add', '.gitignore');
    git(root, 'commit', '--quiet', '-m', 'gammal gitignore');
    const result = await initRegister(testContext({ cwd: root }), { dir: '.', name: 'X', commit: true, ci: 'gitlab', tool: fakeTool('1.0.0') });
    expect(result.files).toEqual(expect.arrayContaining(['.gitignore', '.gitattributes', '.sluss/tool/sluss.cjs', '.gitlab-ci.yml']));
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toBe('node_modules/\n');
    expect(git(root, 'ls-files', '.sluss/tool')).toBe('.sluss/tool/manifest.json\n.sluss/tool/sluss.cjs');
    expect(git(root, 'status', '--porcelain')).toBe('');
  });
});

describe('sluss tool update', () => {
  it('writes a newer copy as one commit reviewers can see, and changes nothing the second time', async () => {
    const dir = emptyRepository();
    await initRegister(testContext({ cwd: dir }), { dir: '.', name: 'X', commit: true, tool: fakeTool('1.0.0') });
    const ctx = testContext({ cwd: join(dir, 'ideas') });
    const updated = await updateTool(ctx, { commit: true, source: fakeTool('1.1.0', 'console.log("ny");') });
    expect(updated).toMatchObject({ version: '1.1.0', previous: '1.0.0', files: ['.sluss/tool/sluss.cjs', '.sluss/tool/manifest.json'] });
    expect(git(dir, 'log', '-1', '--format=%s')).toBe('Registrets kopia av sluss: 1.0.0 → 1.1.0');
    expect(git(dir, 'show', '--stat', '--format=', 'HEAD')).toContain('manifest.json');
    const again = await updateTool(ctx, { commit: true, source: fakeTool('1.1.0', 'console.log("ny");') });
    expect(again.files).toEqual([]);
    expect(again.commit).toBeUndefined();
  });

  it('a rerun after a refused commit commits the copy it left', async () => {
    const dir = emptyRepository();
    await initRegister(testContext({ cwd: dir }), { dir: '.', name: 'X', commit: true, tool: fakeTool('1.0.0') });
    const hook = refusingHook(dir);
    const ctx = testContext({ cwd: dir });
    const newer = fakeTool('1.1.0', 'console.log("ny");');
    await expect(updateTool(ctx, { commit: true, source: newer })).rejects.toMatchObject({ code: 'generated-not-committed' });
    unlinkSync(hook);
    const again = await updateTool(ctx, { commit: true, source: newer });
    expect([...again.files].sort()).toEqual(['.sluss/tool/manifest.json', '.sluss/tool/sluss.cjs']);
    expect(git(dir, 'log', '-1', '--format=%s')).toBe('Registrets kopia av sluss: 1.1.0');
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });
});

describe('validate and the copy', () => {
  async function registerWithCopy(version = PACKAGE_VERSION): Promise<string> {
    const dir = emptyRepository();
    await initRegister(testContext({ cwd: dir }), { dir: '.', name: 'X', commit: true, tool: fakeTool(version) });
    return dir;
  }

  it('reports a copy changed by hand as an error', async () => {
    const dir = await registerWithCopy();
    writeFileSync(join(dir, '.sluss/tool/sluss.cjs'), `${readFileSync(join(dir, '.sluss/tool/sluss.cjs'), 'utf8')}fetch("https://evil.example");\n`);
    const report = await validateRegister(testContext({ cwd: dir }), []);
    expect(report.problems).toEqual([expect.objectContaining({ file: '.sluss/tool/sluss.cjs', code: 'tool-tampered' })]);
  });

  it('reports a missing or broken manifest, and a missing copy, as errors', async () => {
    const dir = await registerWithCopy();
    const manifest = readFileSync(join(dir, '.sluss/tool/manifest.json'), 'utf8');
    writeFileSync(join(dir, '.sluss/tool/manifest.json'), '{"tool": "sluss"}');
    expect((await checkToolCopy(realAdapters.files, dir, PACKAGE_VERSION)).problems).toEqual([{ file: '.sluss/tool/manifest.json', code: 'tool-manifest-invalid' }]);
    git(dir, 'rm', '--quiet', '--force', '.sluss/tool/manifest.json');
    expect((await checkToolCopy(realAdapters.files, dir, PACKAGE_VERSION)).problems).toEqual([{ file: '.sluss/tool/manifest.json', code: 'tool-manifest-missing' }]);
    writeFileSync(join(dir, '.sluss/tool/manifest.json'), manifest);
    git(dir, 'rm', '--quiet', '.sluss/tool/sluss.cjs');
    expect((await checkToolCopy(realAdapters.files, dir, PACKAGE_VERSION)).problems).toEqual([{ file: '.sluss/tool/sluss.cjs', code: 'tool-missing' }]);
  });

  it('warns, without failing, when the copy is older than the running sluss', async () => {
    const dir = await registerWithCopy('0.0.1');
    const report = await validateRegister(testContext({ cwd: dir }), []);
    expect(report.problems).toEqual([]);
    expect(report.warnings).toEqual([{ file: '.sluss/tool/manifest.json', code: 'tool-outdated', params: { version: '0.0.1', running: PACKAGE_VERSION } }]);
  });

  it('says nothing about a register without a copy', async () => {
    expect(await checkToolCopy(realAdapters.files, createRegister(), PACKAGE_VERSION)).toEqual({ problems: [], warnings: [] });
  });
});

describe('the running sluss as the source of the copy', () => {
  it('refuses a missing file or one that is not a standalone sluss, naming it', async () => {
    const dir = tempDir();
    await expect(readRunningTool(join(dir, 'saknas.cjs'))).rejects.toMatchObject({ code: 'tool-unavailable', params: { file: join(dir, 'saknas.cjs') } });
    writeFileSync(join(dir, 'annat.cjs'), 'console.log("inte sluss")\n');
    await expect(readRunningTool(join(dir, 'annat.cjs'))).rejects.toMatchObject({ code: 'tool-unavailable' });
    writeFileSync(join(dir, 'sluss.cjs'), fakeTool('2.3.4').content);
    expect(await readRunningTool(join(dir, 'sluss.cjs'))).toMatchObject({ version: '2.3.4' });
  });
});

describe('the root .gitignore of older registers', () => {
  it('loses only the line that ignored all of .sluss/', () => {
    expect(withoutWholeSlussIgnore('# sluss cache och återställningsfiler\n.sluss/\n')).toBe('');
    expect(withoutWholeSlussIgnore('dist/\n/.sluss\n*.tgz\n')).toBe('dist/\n*.tgz\n');
    expect(withoutWholeSlussIgnore('.sluss/cache/\n')).toBe('.sluss/cache/\n');
  });
});
