/**
 * Faults not covered elsewhere: a detached HEAD, a full disk, signals during
 * a question and during writes. (Unrelated staged files: test/integration/
 * add.test.ts "what else was staged stays staged"; stdin that never closes:
 * test/e2e/cli.test.ts "exits 2 at once even when stdin stays open".)
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIdeaFile } from '../../src/core/format/idea-file.js';
import { BIN, runCli } from '../helpers/cli.js';
import { createRegister, git, tempDir, testEnv } from '../helpers/registers.js';
import { Terminal } from '../helpers/terminal.js';

const addArgs = (title: string) => ['add', '--json', '--on-duplicate', 'new', '--title', title, '--problem', 'Långt till biblioteket', '--municipality', 'tidaholm'];
const entries = (root: string) => readdirSync(join(root, 'ideas')).sort();

describe('a detached HEAD', () => {
  it('add commits on the detached HEAD: the commit exists, HEAD points at it, no branch moves', { timeout: 30_000 }, async () => {
    const root = createRegister();
    const main = git(root, 'rev-parse', 'main');
    git(root, 'switch', '--quiet', '--detach', 'HEAD');
    const result = await runCli(addArgs('Bokbuss till byarna'), { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    const added = JSON.parse(result.stdout) as { commit: string; path: string };
    expect(git(root, 'cat-file', '-t', added.commit)).toBe('commit');
    // Where it is: on HEAD, still detached, one commit after where HEAD was; main did not move.
    expect(git(root, 'rev-parse', 'HEAD')).toBe(added.commit);
    expect(git(root, 'rev-parse', `${added.commit}~1`)).toBe(main);
    expect(git(root, 'rev-parse', 'main')).toBe(main);
    expect(git(root, 'branch', '--show-current')).toBe('');
    expect(git(root, 'branch', '--contains', added.commit)).toContain('HEAD detached');
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('add --branch from a detached HEAD commits on the new branch and returns to the same detached commit', { timeout: 30_000 }, async () => {
    const root = createRegister();
    git(root, 'switch', '--quiet', '--detach', 'HEAD');
    const before = git(root, 'rev-parse', 'HEAD');
    const result = await runCli([...addArgs('Bokbuss till byarna'), '--branch'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    const added = JSON.parse(result.stdout) as { commit: string; branch: string };
    expect(git(root, 'rev-parse', added.branch)).toBe(added.commit);
    expect(git(root, 'rev-parse', 'HEAD')).toBe(before);
    expect(git(root, 'branch', '--show-current')).toBe('');
  });
});

/** Can this process mount a tmpfs in a private mount namespace (root with CAP_SYS_ADMIN)? */
function canMountTmpfs(): boolean {
  try {
    execFileSync('unshare', ['-m', 'sh', '-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d" && rmdir "$d"'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('a full disk', () => {
  // As root, chmod 0555 stops nothing; a tiny tmpfs over ideas/ gives a real ENOSPC.
  it.skipIf(!canMountTmpfs())('ENOSPC while writing: a clear message, exit 1, no half-written or temp file, the text kept in a recovery file', { timeout: 30_000 }, () => {
    const root = createRegister();
    const input = join(tempDir(), 'idea.json');
    writeFileSync(input, JSON.stringify({ title: 'Bokbuss till byarna', municipality: 'tidaholm', problem: `Långt till biblioteket. ${'Bussen stannar i varje by. '.repeat(20_000)}` }));
    // Inside a private mount namespace: copy the ideas onto a 64 KB tmpfs over ideas/, run add, list what is left.
    const script = [
      'set -u',
      'cp -a ideas /tmp/.sluss-ideas-$$',
      'mount -t tmpfs -o size=64k tmpfs ideas',
      'cp -a /tmp/.sluss-ideas-$$/. ideas/ && rm -rf /tmp/.sluss-ideas-$$',
      `"${process.execPath}" "${BIN}" add --file "${input}" --on-duplicate new >out.txt 2>err.txt`,
      'echo "exit=$?"',
      'ls -A ideas',
    ].join('\n');
    const output = execFileSync('unshare', ['-m', 'sh', '-c', script], { cwd: root, env: testEnv({ SLUSS_TODAY: '2026-11-27' }), encoding: 'utf8' });
    const stderr = readFileSync(join(root, 'err.txt'), 'utf8');
    const [exitLine, ...left] = output.trim().split('\n');
    expect(exitLine, stderr).toBe('exit=1');
    expect(stderr).not.toContain('\n    at ');
    expect(stderr).toMatch(/Kunde inte skriva ideas\/115-[0-9A-Z]{5}-bokbuss-till-byarna\.md: ENOSPC/);
    // Only the three ideas that were there: no new idea, no temp file.
    expect(left).toEqual(entries(root).filter((name) => name.endsWith('.md')));
    const recovery = /sparad i (\S+)\. /.exec(stderr)?.[1];
    expect(recovery, stderr).toBeDefined();
    expect(recovery).toContain(join(root, '.sluss', 'recovery'));
    const saved = parseIdeaFile(readFileSync(recovery!, 'utf8'));
    expect(saved.ok).toBe(true);
    expect(readFileSync(recovery!, 'utf8')).toContain('Bussen stannar i varje by.');
    expect(git(root, 'status', '--porcelain', '--', 'ideas')).toBe('');
    expect(git(root, 'rev-list', '--count', 'HEAD')).toBe('1');
  });
});

describe('a read-only ideas/ folder', () => {
  // As root, chmod stops nothing; a read-only bind mount over ideas/ gives a real EROFS.
  it.skipIf(!canMountTmpfs())('EROFS while writing: exit 1, nothing written, the text kept in a recovery file', { timeout: 30_000 }, () => {
    const root = createRegister();
    const script = [
      'set -u',
      'mount --bind ideas ideas && mount -o remount,ro,bind ideas',
      `"${process.execPath}" "${BIN}" add --title "Bokbuss till byarna" --problem "Långt till biblioteket" --municipality tidaholm >out.txt 2>err.txt`,
      'echo "exit=$?"',
    ].join('\n');
    const output = execFileSync('unshare', ['-m', 'sh', '-c', script], { cwd: root, env: testEnv({ SLUSS_TODAY: '2026-11-27' }), encoding: 'utf8' });
    const stderr = readFileSync(join(root, 'err.txt'), 'utf8');
    expect(output.trim(), stderr).toBe('exit=1');
    expect(stderr).toMatch(/Kunde inte skriva ideas\/115-[0-9A-Z]{5}-bokbuss-till-byarna\.md: EROFS/);
    const recovery = /sparad i (\S+)\. /.exec(stderr)?.[1];
    expect(readFileSync(recovery!, 'utf8')).toContain('title: Bokbuss till byarna');
    expect(entries(root).filter((name) => name.endsWith('.md'))).toHaveLength(3);
    expect(git(root, 'rev-list', '--count', 'HEAD')).toBe('1');
  });
});

describe('signals during a question', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} while add asks for the title: the process ends at once and nothing is written`, { timeout: 30_000 }, async () => {
      const root = createRegister();
      const terminal = new Terminal(root, ['add']);
      await terminal.waitFor('Rubrik');
      terminal.process.write('Bokbuss till');
      await new Promise((resolve) => setTimeout(resolve, 100));
      process.kill(terminal.process.pid, signal);
      const exit = await Promise.race([terminal.exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 10_000))]);
      expect(exit).not.toBe('hung');
      expect(exit).toMatchObject({ exitCode: signal === 'SIGINT' ? 130 : 143 });
      expect(terminal.screen).not.toContain('\n    at ');
      expect(entries(root)).toHaveLength(3);
      expect(git(root, 'status', '--porcelain')).toBe('');
    });
  }
});

describe('SIGTERM during writes', () => {
  it('killing adds in a loop leaves no half-written idea file and validate passes', { timeout: 90_000 }, async () => {
    const root = createRegister({ ideas: [] });
    let killed = 0;
    const worker = async (name: string) => {
      for (let n = 0; n < 6; n++) {
        const child = spawn(process.execPath, [BIN, ...addArgs(`${name} idé ${n} om bokbuss nummer ${n}`).slice(0, -1), name], { cwd: root, env: testEnv({ SLUSS_TODAY: '2026-11-27' }), stdio: 'ignore' });
        // Kill at a different moment each time: before, during and after the write and commit.
        const timer = setTimeout(() => {
          if (child.kill('SIGTERM')) killed++;
        }, 150 + n * 120);
        await new Promise((resolve) => child.on('close', resolve));
        clearTimeout(timer);
      }
    };
    await Promise.all([worker('skovde'), worker('hjo')]);
    expect(killed).toBeGreaterThan(0);
    // A git killed mid-commit can leave index.lock behind; that is git's own recovery, not a broken file.
    const ideas = entries(root).filter((name) => name.endsWith('.md') && !name.startsWith('.'));
    for (const name of ideas) expect(parseIdeaFile(readFileSync(join(root, 'ideas', name), 'utf8')).ok, name).toBe(true);
    const validate = await runCli(['validate'], { cwd: root });
    expect(validate.code, validate.stdout).toBe(0);
    // Temp files are dot files that validate skips; report how many a kill left behind.
    const temps = entries(root).filter((name) => name.startsWith('.') && name.endsWith('.tmp'));
    expect(temps.every((name) => /^\.[0-9a-f]{12}\.tmp$/.test(name))).toBe(true);
    expect(existsSync(join(root, 'ideas'))).toBe(true);
  });
});
