/**
 * sluss's own lock around its git work, so two `sluss add` at the same moment
 * on one clone queue up instead of fighting over git's index.lock.
 *
 * The lock is the file `.sluss/register.lock`, made in one step (written
 * beside it, then linked into place, through the register's safe writer) and
 * naming its holder: process id, host, since when, and a token of its own. A
 * process that finds it held waits and says whom it waits for (`onWait`). A
 * lock whose process on this host is gone (killed with `kill -9`, a power
 * cut) is taken over at once; one from another host, or one whose holder
 * cannot be read, is taken over once it is old enough that no sluss command
 * could still be working (`ABANDONED_MS`). Taking over renames the lock to a
 * name of its own first, so of two processes that both found the same dead
 * holder only one removes it, and a fresh lock taken by mistake is put back.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, openSync, readFileSync } from 'node:fs';
import { link, rename, rm, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SlussError } from '../../core/errors.js';
import { ensureSlussDir, SLUSS_DIR } from './register-store.js';
import { READ_SAFELY, writeRegisterFile } from './safe-write.js';
import type { LockHolder, LockOptions } from '../../app/ports/register-files.js';
export type { LockHolder, LockOptions };

const LOCK_FILE = `${SLUSS_DIR}/register.lock`;
/** A lock this old has no live sluss command behind it, whoever it names: the git work it guards takes seconds. */
const ABANDONED_MS = 10 * 60_000;
/** A lock whose holder cannot be read (a folder left by an older sluss, a damaged file) is abandoned once untouched this long. */
const UNKNOWN_HOLDER_STALE_MS = 30_000;
const DEFAULT_MAX_WAIT_MS = 120_000;
/** Short waits are normal (two adds at once); the user is told only when a wait lasts longer. */
const TELL_AFTER_MS = 1_000;

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** Whether a process with this id runs on this machine (one of another user counts). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/**
 * The holder named in a lock file, or undefined when it cannot be read (a
 * folder from an older sluss, a damaged file, anything but a regular file).
 * Opened without following a link and without blocking: reading a FIFO put
 * where the lock goes would wait for a writer for ever.
 */
function holderIn(path: string): LockHolder | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, READ_SAFELY);
    if (!fstatSync(fd).isFile()) return undefined;
    const holder = JSON.parse(readFileSync(fd, 'utf8')) as Partial<LockHolder>;
    const valid = Number.isSafeInteger(holder.pid) && typeof holder.host === 'string' && typeof holder.since === 'string' && typeof holder.token === 'string';
    return valid ? (holder as LockHolder) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Whether the lock at `path`, naming `holder`, can have no live process behind it. */
function isAbandoned(path: string, holder: LockHolder | undefined, now: number): boolean {
  if (holder === undefined) return !(now - (lstatSync(path, { throwIfNoEntry: false })?.mtimeMs ?? now) < UNKNOWN_HOLDER_STALE_MS);
  if (holder.host === hostname() && !isAlive(holder.pid)) return true;
  return !(now - Date.parse(holder.since) < ABANDONED_MS);
}

/**
 * Removes an abandoned lock, unless another process took it over first: the
 * lock is renamed to a name of its own, and put back when it turns out not
 * to be the one found abandoned.
 */
async function takeOver(path: string, abandoned: LockHolder | undefined): Promise<boolean> {
  const aside = `${path}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(path, aside);
  } catch (error) {
    // Gone already (someone else took it over): try again. Not movable: wait as for a live holder.
    return errorCode(error) === 'ENOENT';
  }
  const moved = holderIn(aside);
  if (abandoned !== undefined && moved?.token !== abandoned.token) {
    await link(aside, path).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
    return true;
  }
  await rm(aside, { recursive: true, force: true });
  return true;
}

/** Takes the lock: true when this process now holds it. */
async function tryToTake(root: string, me: LockHolder): Promise<boolean> {
  try {
    await writeRegisterFile(root, LOCK_FILE, `${JSON.stringify(me)}\n`, { mode: 'new', durable: false });
    return true;
  } catch (error) {
    if (error instanceof SlussError && (error.code === 'file-exists' || (error.code === 'unsafe-path' && error.params['reason'] === 'not-a-file'))) return false;
    throw error;
  }
}

export async function withRegisterLock<T>(root: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  await ensureSlussDir(root);
  const path = join(root, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  const started = Date.now();
  let told = false;
  let delay = 50;
  while (!(await tryToTake(root, me))) {
    const holder = holderIn(path);
    const now = Date.now();
    if (isAbandoned(path, holder, now) && (await takeOver(path, holder))) continue;
    const shown = holder ?? { pid: 0, host: '?', since: '?', token: '' };
    if (now - started > (options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS)) {
      throw new SlussError('register-locked', { lock: path, pid: shown.pid, host: shown.host, since: shown.since });
    }
    if (!told && now - started >= TELL_AFTER_MS) {
      options.onWait?.(shown);
      told = true;
    }
    await sleep(delay);
    delay = Math.min(delay * 1.5, 1_000);
  }
  try {
    return await work();
  } finally {
    // Only this process's own lock: never one another process took over meanwhile.
    if (holderIn(path)?.token === me.token) await unlink(path).catch(() => undefined);
  }
}
