/**
 * How eagerly the JavaScript heap is collected. V8 normally lets the heap
 * grow to several times what was live at the last full collection, and its
 * young generation grow to 16 MiB per semi-space, which costs nothing for a
 * short command but, on a register of 50,000 ideas, adds 70-150 MiB to what a
 * report or a cold run needs (garbage never collected before the process
 * ends). For large registers sluss asks V8 to grow the old generation by at
 * most a quarter between full collections and to keep the young one at its
 * starting size. Measured at 50,000 ideas: a warm `report` ~330-420 -> ~260
 * MiB, a cold `similar` (every file parsed, the index built) ~340-380 -> ~265
 * MiB, for about a tenth more time. The flags only work when set before
 * the heap has grown, so they are set when the register is opened, by the
 * commands that hold most of it at once (`report`, `duplicates`) and by any
 * cold run; a warm `similar` or `list` stays faster, and below the memory
 * goal, without them.
 */
import { setFlagsFromString } from 'node:v8';

/** Registers at least this large get the tighter heap; below this size memory is no concern and speed wins. */
export const LARGE_REGISTER_IDEAS = 20_000;
const HEAP_GROWING_PERCENT = 25;
const SEMI_SPACE_GROWTH_FACTOR = 1;

let tightened = false;

/** Takes effect from the next full collection on; once per process. */
export function tightenHeapForLargeRegister(ideaCount: number): void {
  if (tightened || ideaCount < LARGE_REGISTER_IDEAS) return;
  tightened = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  setFlagsFromString(`--semi-space-growth-factor=${SEMI_SPACE_GROWTH_FACTOR}`);
}
