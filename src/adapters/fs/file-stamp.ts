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
 * written is racy: it may have changed again, within the same tick of the
 * file system's clock, after it was read. Git uses no margin. A file system
 * that keeps whole seconds (FAT two, HFS+ and old ext one) needs a margin of
 * its tick; one that keeps finer times ticks with the kernel's clock (a few
 * milliseconds), and a tenth of a second covers that with room. With the
 * coarse margin everywhere, every run within two seconds of a save read the
 * saved similarity index as changed: a checksum over its 20 MB at 10,000
 * ideas (about 5 ms) and a rewrite of its manifest, and every idea file
 * edited in those two seconds was read again.
 */
export const COARSE_RACY_MARGIN_MS = 2000;
export const FINE_RACY_MARGIN_MS = 100;

/**
 * The margin for records on the file system that wrote one at `writtenMs`: a
 * time with a fraction of a second proves finer times. A fine one that falls
 * on a whole second by chance gets the coarse margin, the safe side.
 */
export function racyMarginFor(writtenMs: number): number {
  return writtenMs % 1000 === 0 ? COARSE_RACY_MARGIN_MS : FINE_RACY_MARGIN_MS;
}

/** Whether a file changed at `changedMs` may have changed again unseen since a record of it was written at `writtenMs`. */
export function isRacy(changedMs: number, writtenMs: number): boolean {
  return changedMs >= writtenMs - racyMarginFor(writtenMs);
}

/**
 * Whether a file that changed at `changedMs` is old enough now that a record
 * written from now on, on the file system that wrote one at `writtenMs`, trusts its stamp.
 */
export function isSettled(changedMs: number, writtenMs: number): boolean {
  return changedMs < Date.now() - racyMarginFor(writtenMs);
}

export function stampOfStats(info: Stats): FileStamp {
  return {
    key: `${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}:${info.dev}`,
    changedMs: Math.max(info.mtimeMs, info.ctimeMs),
  };
}
