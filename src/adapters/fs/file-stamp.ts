/**
 * A file's stamp: what tells, without reading it, that a file is unchanged.
 * As in git's index: size, modification and change time, inode and device.
 * The times are the milliseconds Node gives as numbers, to a quarter of a
 * microsecond: a stamp is trusted only when the file changed well before
 * the record was written (`isRacy`), so a change after it shows however fine
 * the clock, and reading numbers instead of BigInts saved about 10 ms per
 * command at 10,000 ideas. The change time (ctime) cannot be set by `touch -r` or
 * `cp -p`, which keep a file's size and modification time while its content
 * changes; a new inode tells a file replaced by another (a rename over it).
 */
import type { Stats } from 'node:fs';
import type { FileStamp } from '../../app/ports/register-files.js';
export type { FileStamp };

/**
 * A file changed less than this before the file that recorded its stamp was
 * written is racy: it may have changed again unseen. Git uses no margin; this
 * one covers file systems whose times are coarse (FAT keeps two seconds).
 */
export const RACY_MARGIN_MS = 2000;

/** Whether a file changed at `changedMs` may have changed again unseen since a record of it was written at `writtenMs`. */
export function isRacy(changedMs: number, writtenMs: number): boolean {
  return changedMs >= writtenMs - RACY_MARGIN_MS;
}

/** Whether a file that changed at `changedMs` is old enough now that a record written from now on trusts its stamp. */
export function isSettled(changedMs: number): boolean {
  return changedMs < Date.now() - RACY_MARGIN_MS;
}

export function stampOfStats(info: Stats): FileStamp {
  return {
    key: `${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}:${info.dev}`,
    changedMs: Math.max(info.mtimeMs, info.ctimeMs),
  };
}
