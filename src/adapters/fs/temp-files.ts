/**
 * Temp files being written right now, so a signal can remove them before the
 * process ends. A module of its own because the entry point needs it at start,
 * before (and without) anything that reads registers.
 */
import { unlinkSync } from 'node:fs';

export const tempFilesInFlight = new Set<string>();

/** Removes temp files a signal interrupted; synchronous, as it runs while the process is ending. */
export function removeTempFilesInFlight(): number {
  let removed = 0;
  for (const temp of tempFilesInFlight) {
    try {
      unlinkSync(temp);
      removed++;
    } catch {
      // already renamed into place or gone
    }
  }
  tempFilesInFlight.clear();
  return removed;
}
