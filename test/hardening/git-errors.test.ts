/**
 * Git failures that used to be reported as something else (issue 14, weak):
 * a read-only `.git` was "git is busy: index.lock exists", and a ref missing
 * from a shallow clone was only "invalid value".
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { createRegister, git, tempDir, testEnv } from '../helpers/registers.js';

/** Can this process bind-mount read-only in a private mount namespace (root with CAP_SYS_ADMIN)? */
function canMountReadOnly(): boolean {
  try {
    execFileSync('unshare', ['-m', 'sh', '-c', 'd=$(mktemp -d) && mount --bind "$d" "$d" && mount -o remount,bind,ro "$d" && umount "$d" && rmdir "$d"'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('a read-only .git', () => {
  it.skipIf(!canMountReadOnly())('is reported as read-only, not as a held lock, and the idea is kept (skipped where unshare -m and mount are not allowed)', () => {
    const root = createRegister();
    // .git bind-mounted read-only in a private mount namespace: as root, chmod would stop nothing.
    const script = [
      'mount --bind .git .git && mount -o remount,bind,ro .git',
      `"${process.execPath}" "${BIN}" add --title "Bokbuss till byarna" --problem "Långt till biblioteket" --municipality tidaholm --on-duplicate new >out.txt 2>err.txt`,
      'echo "exit=$?"',
    ].join('\n');
    const output = execFileSync('unshare', ['-m', 'sh', '-c', script], { cwd: root, env: testEnv({ SLUSS_TODAY: '2026-11-27' }), encoding: 'utf8' });
    const stderr = readFileSync(join(root, 'err.txt'), 'utf8');
    expect(output.trim(), stderr).toBe('exit=5');
    expect(stderr).toContain('Git kan inte skriva i registrets .git-mapp: filsystemet är skrivskyddat.');
    expect(stderr).toMatch(/Idén är sparad i ideas\/115-[0-9A-Z]{5}-bokbuss-till-byarna\.md men inte incheckad\./);
    expect(stderr).not.toContain('upptaget');
    expect(git(root, 'rev-list', '--count', 'HEAD')).toBe('1');
  });
});

describe('a ref the clone does not have', () => {
  /** A register with three commits, cloned with only the last one. */
  function shallowClone(): { clone: string; firstCommit: string } {
    const source = createRegister();
    const firstCommit = git(source, 'rev-parse', 'HEAD');
    for (const n of [1, 2]) {
      git(source, 'commit', '--quiet', '--allow-empty', '-m', `steg ${n}`);
    }
    git(source, 'tag', 'start', firstCommit);
    const clone = join(tempDir(), 'clone');
    git(tempDir(), 'clone', '--quiet', '--depth', '1', `file://${source}`, clone);
    return { clone, firstCommit };
  }

  it.each([
    ['duplicates --since', ['duplicates', '--since', 'start']],
    ['report --at', ['report', '--at', 'start']],
    ['review --base', ['review', '--base', 'start']],
  ])('%s in a shallow clone says the ref is unknown and how to fetch it', async (_, args) => {
    const { clone } = shallowClone();
    const result = await runCli(args, { cwd: clone });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Git känner inte till start (${args[1]}).`);
    expect(result.stderr).toContain('Klonen är grund (shallow) och saknar äldre historik. Hämta den med git fetch --unshallow, eller hämta just den med git fetch origin start.');
  });

  it('review --base in a shallow clone that has the base but not where the branch left it says so and how to fetch it', async () => {
    const source = createRegister();
    git(source, 'switch', '--quiet', '-c', 'idea/bokbuss');
    for (const n of [1, 2]) git(source, 'commit', '--quiet', '--allow-empty', '-m', `steg ${n}`);
    // As a CI checkout does: the branch and the base, one commit each.
    const clone = join(tempDir(), 'clone');
    git(tempDir(), 'clone', '--quiet', '--depth', '1', '--branch', 'idea/bokbuss', `file://${source}`, clone);
    git(clone, 'fetch', '--quiet', '--depth', '1', 'origin', 'main:main');
    const result = await runCli(['review', '--base', 'main'], { cwd: clone });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('main (--base) och HEAD har ingen gemensam historik i klonen, så sluss kan inte se vad grenen ändrar.');
    expect(result.stderr).toContain('git fetch --unshallow');
    expect(result.stderr).not.toContain('Ogiltigt värde');
  });

  it('in a full clone the hint is to check the name or fetch the ref', async () => {
    const root = createRegister();
    const result = await runCli(['duplicates', '--since', 'finns-inte', '--lang', 'en'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Git does not know finns-inte (--since).');
    expect(result.stderr).toContain('git fetch origin finns-inte');
    expect(result.stderr).not.toContain('unshallow');
  });
});
