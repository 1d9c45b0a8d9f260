/**
 * Writes sluss makes beside the idea files (issue 14, broken 6 and 8, and the
 * stale lock): recovery files that must never follow a link, the register
 * lock after a `kill -9`, and `report --out` given a FIFO, a device or a
 * private file.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, lstatSync, openSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { withRegisterLock } from '../../src/adapters/fs/register-lock.js';
import type { LockHolder } from '../../src/adapters/fs/register-lock.js';
import { saveRecoveryFile } from '../../src/adapters/fs/register-store.js';
import { BIN, runCli } from '../helpers/cli.js';
import { createRegister, git, tempDir, testEnv } from '../helpers/registers.js';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('recovery files', () => {
  it('never write through a link planted in .sluss/recovery: a new private file beside it instead', async () => {
    const root = createRegister();
    const victim = join(tempDir(), 'victim.txt');
    writeFileSync(victim, 'keep me\n');
    mkdirSync(join(root, '.sluss', 'recovery'), { recursive: true });
    symlinkSync(victim, join(root, '.sluss', 'recovery', '115-7M4QD-add.md'));
    const saved = await saveRecoveryFile(root, '115-7M4QD-add.md', 'min text\n');
    expect(saved).toBe(join(root, '.sluss', 'recovery', '115-7M4QD-add-2.md'));
    expect(readFileSync(saved!, 'utf8')).toBe('min text\n');
    expect(mode(saved!)).toBe(0o600);
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(lstatSync(join(root, '.sluss', 'recovery', '115-7M4QD-add.md')).isSymbolicLink()).toBe(true);
    // A second failure of the same idea keeps both texts.
    expect(await saveRecoveryFile(root, '115-7M4QD-add.md', 'andra\n')).toBe(join(root, '.sluss', 'recovery', '115-7M4QD-add-3.md'));
  });

  it('narrow a .sluss/recovery made beforehand with 0755 to 0700 before writing into it', async () => {
    const root = createRegister();
    mkdirSync(join(root, '.sluss', 'recovery'), { recursive: true, mode: 0o755 });
    chmodSync(join(root, '.sluss', 'recovery'), 0o755);
    const saved = await saveRecoveryFile(root, '115-7M4QD-add.md', 'min text\n');
    expect(saved).toBe(join(root, '.sluss', 'recovery', '115-7M4QD-add.md'));
    expect(mode(join(root, '.sluss', 'recovery'))).toBe(0o700);
    expect(mode(saved!)).toBe(0o600);
  });

  it('go to a new private folder in the temp folder when .sluss/recovery is a link', async () => {
    const root = createRegister();
    const outside = tempDir();
    mkdirSync(join(root, '.sluss'));
    symlinkSync(outside, join(root, '.sluss', 'recovery'));
    const saved = await saveRecoveryFile(root, '115-7M4QD-add.md', 'min text\n');
    expect(readdirSync(outside)).toEqual([]);
    expect(saved).toMatch(/sluss-recovery-[^/]+\/115-7M4QD-add\.md$/);
    expect(readFileSync(saved!, 'utf8')).toBe('min text\n');
    expect(mode(saved!)).toBe(0o600);
    expect(mode(join(saved!, '..'))).toBe(0o700);
  });
});

/** A process id that is free: a child that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

function leaveLock(root: string, holder: Partial<LockHolder>): void {
  mkdirSync(join(root, '.sluss'), { recursive: true });
  writeFileSync(join(root, '.sluss', 'register.lock'), JSON.stringify({ pid: deadPid(), host: hostname(), since: new Date().toISOString(), token: 'left-behind', ...holder }));
}

describe('the register lock', () => {
  it('left by a process killed with kill -9 is taken over at once, without waiting', async () => {
    const root = createRegister();
    leaveLock(root, {});
    const waits: LockHolder[] = [];
    expect(await withRegisterLock(root, async () => 'worked', { onWait: (holder) => waits.push(holder), maxWaitMs: 0 })).toBe('worked');
    expect(waits).toEqual([]);
    expect(readdirSync(join(root, '.sluss')).filter((name) => name.startsWith('register.lock'))).toEqual([]);
  });

  it('held by a live process: says whom it waits for, and gives up naming the holder', async () => {
    const root = createRegister();
    leaveLock(root, { pid: process.pid, token: 'alive' });
    const waits: LockHolder[] = [];
    const refused = await withRegisterLock(root, async () => 'worked', { onWait: (holder) => waits.push(holder), maxWaitMs: 1_500 }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'register-locked', params: { pid: process.pid, host: hostname() } });
    expect(waits).toMatchObject([{ pid: process.pid, host: hostname(), token: 'alive' }]);
    expect(JSON.parse(readFileSync(join(root, '.sluss', 'register.lock'), 'utf8'))).toMatchObject({ token: 'alive' });
  });

  it('a folder lock of an older sluss, untouched for a minute, is taken over', async () => {
    const root = createRegister();
    mkdirSync(join(root, '.sluss', 'register.lock'), { recursive: true });
    const minuteAgo = new Date(Date.now() - 60_000);
    execFileSync('touch', ['-d', minuteAgo.toISOString(), join(root, '.sluss', 'register.lock')]);
    expect(await withRegisterLock(root, async () => 'worked', { maxWaitMs: 0 })).toBe('worked');
  });

  it('a FIFO where the lock goes is never read (it would block for ever): untouched for a minute, it is taken over', async () => {
    const root = createRegister();
    mkdirSync(join(root, '.sluss'), { recursive: true });
    const lock = join(root, '.sluss', 'register.lock');
    execFileSync('mkfifo', [lock]);
    execFileSync('touch', ['-d', new Date(Date.now() - 60_000).toISOString(), lock]);
    // In its own process: a read that blocks would hang this one, beyond any timeout.
    const result = await runCli(['add', '--title', 'Bokbuss till byarna', '--problem', 'Långt till biblioteket', '--municipality', 'tidaholm', '--on-duplicate', 'new'], { cwd: root, timeoutMs: 20_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(git(root, 'rev-list', '--count', 'HEAD')).toBe('2');
    expect(readdirSync(join(root, '.sluss')).filter((name) => name.startsWith('register.lock'))).toEqual([]);
  });

  it('sluss add after a kill -9 commits at once', async () => {
    const root = createRegister();
    leaveLock(root, {});
    const result = await runCli(['add', '--title', 'Bokbuss till byarna', '--problem', 'Långt till biblioteket', '--municipality', 'tidaholm', '--on-duplicate', 'new'], { cwd: root, timeoutMs: 20_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(git(root, 'rev-list', '--count', 'HEAD')).toBe('2');
  });

  it('sluss add waiting for a live holder says whom it waits for, and goes on once the holder is gone', { timeout: 30_000 }, async () => {
    const root = createRegister();
    // A live process on this host holds the lock, as another sluss command would.
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    leaveLock(root, { pid: holder.pid!, token: 'busy' });
    const add = spawn(process.execPath, [BIN, 'add', '--title', 'Bokbuss till byarna', '--problem', 'Långt till biblioteket', '--municipality', 'tidaholm', '--on-duplicate', 'new'], {
      cwd: root,
      env: testEnv({ SLUSS_TODAY: '2026-11-27' }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // Without the message this test would time out: leave neither process behind.
    onTestFinished(() => {
      holder.kill('SIGKILL');
      add.kill('SIGKILL');
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => add.on('close', resolve));
    // The holder is ended only once sluss has said whom it waits for: no clock in the test.
    await new Promise<void>((resolve) => {
      add.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (stderr.includes('Väntar på')) resolve();
      });
      void exited.then(() => resolve());
    });
    holder.kill('SIGKILL');
    const code = await exited;
    expect(stderr).toContain(`Väntar på ett annat sluss-kommando som arbetar i registret (process ${holder.pid} på ${hostname()}, sedan `);
    expect(code, stderr).toBe(0);
    expect(git(root, 'rev-list', '--count', 'HEAD')).toBe('2');
  });
});

describe('report --out', () => {
  const report = (root: string, out: string) => runCli(['report', '--format', 'json', '--out', out], { cwd: root });

  it('writes into a FIFO that a reader holds open, and leaves it a FIFO', async () => {
    const root = createRegister();
    const fifo = join(tempDir(), 'rapport.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let received = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    const readerDone = new Promise((resolve) => reader.on('close', resolve));
    const result = await report(root, fifo);
    const stillFifo = lstatSync(fifo).isFIFO();
    // Replaced by a plain file, the FIFO would never be opened and the reader would wait for ever.
    if (!stillFifo) reader.kill();
    expect(stillFifo).toBe(true);
    expect(result.code, result.stderr).toBe(0);
    await readerDone;
    expect(JSON.parse(received)).toHaveProperty('totals');
  });

  /**
   * Devices are made in a scratch folder, never the real /dev: a regression that renames over its target
   * must destroy nothing but the scratch copy (as root it would replace the machine's /dev/null).
   */
  const canMakeDevices = (() => {
    try {
      const probe = join(tempDir(), 'probe');
      execFileSync('mknod', [probe, 'c', '1', '3'], { stdio: 'ignore' });
      // Also opened: on a file system mounted nodev the node exists but cannot be used.
      closeSync(openSync(probe, 'w'));
      return lstatSync(probe).isCharacterDevice();
    } catch {
      return false;
    }
  })();

  it.skipIf(!canMakeDevices)('writes to a null device and to a link to it without replacing the device (skipped where mknod is not allowed)', async () => {
    const root = createRegister();
    const dir = tempDir();
    const nullDevice = join(dir, 'null');
    execFileSync('mknod', [nullDevice, 'c', '1', '3']);
    const before = lstatSync(nullDevice);
    const result = await report(root, nullDevice);
    expect(result.code, result.stderr).toBe(0);
    const link = join(dir, 'null-link');
    symlinkSync(nullDevice, link);
    expect((await report(root, link)).code).toBe(0);
    const after = lstatSync(nullDevice);
    expect([after.isCharacterDevice(), after.rdev, after.ino]).toEqual([true, before.rdev, before.ino]);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['null', 'null-link']);
  });

  it('writes to standard output through a link to it (as /dev/stdout is), whatever stdout is', async () => {
    const root = createRegister();
    const dir = tempDir();
    // /dev/stdout is a link to /proc/self/fd/1; a link of its own in a scratch folder behaves the same and risks nothing.
    const stdoutLink = join(dir, 'stdout');
    symlinkSync('/proc/self/fd/1', stdoutLink);
    const result = await report(root, stdoutLink);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveProperty('totals');
    expect(lstatSync(stdoutLink).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir)).toEqual(['stdout']);
  });

  it('keeps an existing file private (0600), and through a link replaces the file it names and keeps the link', async () => {
    const root = createRegister();
    const dir = tempDir();
    const file = join(dir, 'rapport.json');
    writeFileSync(file, 'gammal\n');
    chmodSync(file, 0o600);
    expect((await report(root, file)).code).toBe(0);
    expect(mode(file)).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('totals');
    const link = join(dir, 'senaste.json');
    symlinkSync(file, link);
    writeFileSync(file, 'gammal\n');
    expect((await report(root, link)).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('totals');
    expect(readdirSync(dir).sort()).toEqual(['rapport.json', 'senaste.json']);
  });

  it.skipIf(!canMakeDevices)('refuses a block device with a clear message (skipped where mknod is not allowed)', async () => {
    const root = createRegister();
    // A loop device number that is almost never set up: even a regression that opened it could not write to a disk.
    const disk = join(tempDir(), 'disk');
    execFileSync('mknod', [disk, 'b', '7', '250']);
    const result = await report(root, disk);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`sluss skriver inte till ${disk}: det är en blockenhet (en disk).`);
    expect(lstatSync(disk).isBlockDevice()).toBe(true);
  });
});
