/**
 * sluss's own lock around its git work, so two `sluss add` at the same moment
 * on one clone queue up instead of fighting over git's index.lock. A lock
 * left by a process that died goes stale and is taken over.
 */
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { SlussError } from '../../core/errors.js';
import { ensureSlussDir } from './register-store.js';

const STALE_MS = 30_000;

export async function withRegisterLock<T>(root: string, work: () => Promise<T>): Promise<T> {
  const dir = await ensureSlussDir(root);
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, {
      lockfilePath: join(dir, 'register.lock'),
      stale: STALE_MS,
      realpath: false,
      retries: { retries: 120, factor: 1.2, minTimeout: 50, maxTimeout: 1_000 },
    });
  } catch (error) {
    throw new SlussError('git-locked', { lock: join(dir, 'register.lock') }, { cause: error });
  }
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}
