/** Two processes adding at the same moment on one clone: nothing lost, one commit each. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createRegister, git } from '../helpers/registers.js';

describe('concurrent adds on one clone', () => {
  it('2 processes × 10 adds give 20 ideas and 20 commits', async () => {
    const root = createRegister({ ideas: [] });
    const worker = async (name: string) => {
      for (let n = 0; n < 10; n++) {
        const result = await runCli(['add', '--on-duplicate', 'new', '--title', `${name} idé nummer ${n} om ${n % 2 ? 'bibliotek' : 'snöröjning'}`, '--problem', `Behov ${n} hos ${name}`, '--municipality', name], { cwd: root, timeoutMs: 60_000 });
        expect(result.code, result.stderr).toBe(0);
      }
    };
    await Promise.all([worker('skovde'), worker('hjo')]);
    expect(readdirSync(join(root, 'ideas')).filter((f) => f.endsWith('.md'))).toHaveLength(20);
    expect(git(root, 'rev-list', '--count', 'HEAD')).toBe('21');
    expect(git(root, 'status', '--porcelain')).toBe('');
    expect((await runCli(['validate'], { cwd: root })).code).toBe(0);
  }, 180_000);
});
