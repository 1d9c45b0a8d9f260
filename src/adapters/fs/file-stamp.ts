/**
 * A file's stamp: what tells, without reading it, that a file is unchanged.
 * As in git's index: size, modification and change time to the nanosecond,
 * inode and device. The change time (ctime) cannot be set by `touch -r` or
 * `cp -p`, which keep a file's size and modification time while its content
 * changes; a new inode tells a file replaced by another (a rename over it).
 */
import type { BigIntStats } from 'node:fs';
import type { FileStamp } from '../../app/ports/register-files.js';
export type { FileStamp };

/**
 * A file changed less than this before the file that recorded its stamp was
 * written is racy: it may have changed again unseen. Git uses no margin; this
 * one covers file systems whose times are coarse (FAT keeps two seconds).
 */
export const RACY_MARGIN_NS = 2_000_000_000n;

/** Whether a file changed at `changedNs` may have changed again unseen since a record of it was written at `writtenNs`. */
export function isRacy(changedNs: bigint, writtenNs: bigint): boolean {
  return changedNs >= writtenNs - RACY_MARGIN_NS;
}

export function stampOfStats(info: BigIntStats): FileStamp {
  return {
    key: `${info.size}:${info.mtimeNs}:${info.ctimeNs}:${info.ino}:${info.dev}`,
    changedNs: info.mtimeNs > info.ctimeNs ? info.mtimeNs : info.ctimeNs,
  };
}
