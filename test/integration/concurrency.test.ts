/** Adds at the same moment: on one clone, and on two clones that push to one remote. Nothing lost, no collision. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
