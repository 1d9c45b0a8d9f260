/** When git is missing or lies, nothing is lost and the message says what to do. */
import { chmodSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createRegister, git, tempDir } from '../helpers/registers.js';

const addArgs = ['add', '--title', 'Bokbuss till byarna', '--problem', 'Långt till biblioteket', '--municipality', 'tidaholm'];
const ideaFiles = (root: string) => readdirSync(join(root, 'ideas')).filter((n) => n.endsWith('.md'));

function binDirWith(name: string, script: string): string {
  const dir = tempDir('sluss-bin-');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), script);
  chmodSync(join(dir, name), 0o755);
  return dir;
}

describe('git faults', () => {
  it('git missing: exit 5 before anything is written, with a hint', async () => {
    const root = createRegister();
    const onlyNode = tempDir('sluss-bin-');
    symlinkSync(process.execPath, join(onlyNode, 'node'));
    const result = await runCli(addArgs, { cwd: root, env: { PATH: onlyNode } });
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('Programmet git hittades inte.');
    expect(result.stderr).toContain('--no-commit');
    expect(ideaFiles(root)).toHaveLength(3);
    const written = await runCli([...addArgs, '--no-commit', '--received-by', 'Kim'], { cwd: root, env: { PATH: onlyNode } });
    expect(written.code).toBe(0);
    expect(ideaFiles(root)).toHaveLength(4);
  });

  it('a git that reports success for a commit that did not happen: exit 5, the file is kept', async () => {
    const root = createRegister();
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const wrapper = binDirWith('git', `#!/bin/sh\nfor arg in "$@"; do [ "$arg" = commit ] && exit 0; done\nexec ${realGit} "$@"\n`);
    const head = git(root, 'rev-parse', 'HEAD');
    const result = await runCli(addArgs, { cwd: root, env: { PATH: `${wrapper}:${process.env['PATH']}` } });
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/Incheckningen misslyckades\. Idén är sparad i ideas\/115-[0-9A-Z]{5}-bokbuss-till-byarna\.md men inte incheckad\./);
    expect(git(root, 'rev-parse', 'HEAD')).toBe(head);
    expect(ideaFiles(root)).toHaveLength(4);
  });
});

describe('add --file', () => {
  it('reads an idea from Markdown with front matter and from JSON; flags win', async () => {
    const root = createRegister();
    const dir = tempDir();
    writeFileSync(join(dir, 'ide.md'), '---\ntitle: Bokbuss till byarna\nmunicipality: Tidaholm\ntags: [bibliotek]\n---\n\n## Problem/behov\n\nLångt till biblioteket.\n\n## Nytta\n\nFler lånar böcker.\n');
    const fromMarkdown = JSON.parse((await runCli(['add', '--json', '--file', join(dir, 'ide.md'), '--category', 'kultur-fritid'], { cwd: root })).stdout);
    expect(fromMarkdown.action).toBe('added');
    const shown = JSON.parse((await runCli(['show', '--json', fromMarkdown.id], { cwd: root })).stdout);
    expect(shown).toMatchObject({ municipality: 'tidaholm', category: 'kultur-fritid', tags: ['bibliotek'], sections: { problem: 'Långt till biblioteket.', benefit: 'Fler lånar böcker.' } });

    writeFileSync(join(dir, 'ide.json'), JSON.stringify({ title: 'Solpaneler på idrottshallen', problem: 'Höga elkostnader', municipality: 'vara' }));
    const fromJson = await runCli(['add', '--json', '--on-duplicate', 'new', '--file', join(dir, 'ide.json'), '--municipality', 'Skara'], { cwd: root });
    expect(JSON.parse(fromJson.stdout)).toMatchObject({ action: 'added' });
    const listed = JSON.parse((await runCli(['list', '--json', '--municipality', 'skara'], { cwd: root })).stdout);
    expect(listed.map((i: { title: string }) => i.title)).toEqual(['Solpaneler på idrottshallen']);

    const broken = await runCli(['add', '--file', join(dir, 'saknas.json')], { cwd: root });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('saknas.json');
  });
});
