/**
 * A file's stamp: what tells, without reading it, that a file is unchanged.
 * As in git's index: size, modification and change time to the nanosecond,
 * inode and device. The change time (ctime) cannot be set by `touch -r` or
 * `cp -p`, which keep a file's size and modification time while its content
 * changes; a new inode tells a file replaced by another (a rename over it).
 */
import type { BigIntStats } from 'node:fs';

export interface FileStamp {
  /** `size:mtime:ctime:inode:device`, times in nanoseconds: equal keys, unchanged file (unless racy). */
  key: string;
  /** The later of mtime and ctime, in nanoseconds since the epoch: for telling racy entries. */
  changedNs: bigint;
}

export function stampOfStats(info: BigIntStats): FileStamp {
  return {
    key: `${info.size}:${info.mtimeNs}:${info.ctimeNs}:${info.ino}:${info.dev}`,
    changedNs: info.mtimeNs > info.ctimeNs ? info.mtimeNs : info.ctimeNs,
  };
}
