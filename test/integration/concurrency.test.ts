/**
 * Changes at the same moment: adds on one clone and on two clones that push to
 * one remote, and workflow commands on one idea. Nothing lost, no collision.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIdeaFile } from '../../src/core/format/idea-file.js';
import type { IdeaData } from '../../src/core/idea.js';
import { runCli } from '../helpers/cli.js';
import { createRegister, git, tempDir } from '../helpers/registers.js';

const topics = ['bibliotek', 'snöröjning', 'hemtjänst', 'skolmat', 'elbilar'];

async function addMany(cwd: string, municipality: string, count: number): Promise<void> {
  for (let n = 0; n < count; n++) {
    const result = await runCli(['add', '--on-duplicate', 'new', '--title', `${municipality} idé nummer ${n} om ${topics[n % topics.length]}`, '--problem', `Behov ${n} hos ${municipality}`, '--municipality', municipality], {
      cwd,
      timeoutMs: 60_000,
    });
    expect(result.code, result.stderr).toBe(0);
  }
}

const ideaFiles = (root: string) => readdirSync(join(root, 'ideas')).filter((f) => f.endsWith('.md'));

describe('concurrent adds', () => {
  it('2 processes × 25 adds on one clone give 50 ideas and 50 commits', async () => {
    const root = createRegister({ ideas: [] });
    await Promise.all([addMany(root, 'skovde', 25), addMany(root, 'hjo', 25)]);
    expect(ideaFiles(root)).toHaveLength(50);
    expect(git(root, 'rev-list', '--count', 'HEAD')).toBe('51');
    expect(git(root, 'status', '--porcelain')).toBe('');
    expect((await runCli(['validate'], { cwd: root })).code).toBe(0);
  }, 300_000);

  it('2 clones × 20 adds, pushed and merged, give 0 collisions and a valid register', async () => {
    const seed = createRegister({ ideas: [] });
    const remote = join(tempDir('sluss-remote-'), 'register.git');
    git(tempDir(), 'clone', '--quiet', '--bare', seed, remote);
    const clones = ['lidkoping', 'mariestad'].map((municipality) => {
      const dir = join(tempDir('sluss-clone-'), municipality);
      git(tempDir(), 'clone', '--quiet', remote, dir);
      git(dir, 'config', 'user.name', `Coach ${municipality}`);
      git(dir, 'config', 'user.email', `${municipality}@example.se`);
      return { dir, municipality };
    });
    await Promise.all(clones.map(({ dir, municipality }) => addMany(dir, municipality, 20)));
    const [first, second] = clones as [(typeof clones)[0], (typeof clones)[0]];
    git(first.dir, 'push', '--quiet', 'origin', 'main');
    git(second.dir, 'pull', '--quiet', '--no-rebase', '--no-edit', 'origin', 'main');
    git(second.dir, 'push', '--quiet', 'origin', 'main');

    const merged = join(tempDir('sluss-clone-'), 'merged');
    git(tempDir(), 'clone', '--quiet', remote, merged);
    expect(ideaFiles(merged)).toHaveLength(40);
    const ids = JSON.parse((await runCli(['list', '--json'], { cwd: merged })).stdout).map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(40);
    expect((await runCli(['validate'], { cwd: merged })).code).toBe(0);
  }, 300_000);
});

describe('workflow commands at the same moment on one idea', () => {
  it('10 processes (joins, not-duplicate, link, move) each leave their effect: none is lost', async () => {
    const root = createRegister();
    const id = '0ZZ-AAAA1';
    const joins = ['hjo', 'tibro', 'vara', 'skara', 'lidkoping', 'mariestad'];
    const commands = [
      ...joins.map((municipality) => ['join', id, '--municipality', municipality]),
      ['not-duplicate', id, '0ZZ-AAAA2'],
      ['not-duplicate', id, '0ZZ-AAAA3'],
      ['link', id, '--related', '0ZZ-AAAA2'],
      ['move', id, 'forsta-bedomning'],
    ];
    const results = await Promise.all(commands.map((args) => runCli(args, { cwd: root, timeoutMs: 120_000 })));
    for (const [index, result] of results.entries()) expect(result.code, `${commands[index]!.join(' ')}\n${result.stderr}`).toBe(0);

    const parsed = parseIdeaFile(readFileSync(join(root, 'ideas', ideaFiles(root).find((f) => f.startsWith(id))!), 'utf8'));
    if (!parsed.ok) throw new Error('the idea file no longer parses');
    const data = parsed.file.data as IdeaData;
    expect(data.history).toHaveLength(1 + commands.length);
    expect(data.municipalities.map((p) => p.municipality).sort()).toEqual(['skovde', ...joins].sort());
    expect([...(data.links?.not_duplicates ?? [])].sort()).toEqual(['0ZZ-AAAA2', '0ZZ-AAAA3']);
    expect(data.links?.related).toEqual(['0ZZ-AAAA2']);
    expect(data.status).toBe('forsta-bedomning');
    expect(git(root, 'rev-list', '--count', 'HEAD')).toBe(String(1 + commands.length));
    expect(git(root, 'status', '--porcelain')).toBe('');
    expect((await runCli(['validate'], { cwd: root })).code).toBe(0);
  }, 300_000);
});
