/**
 * How eagerly the JavaScript heap is collected. V8 normally lets the heap
 * grow to several times what was live at the last full collection, which
 * costs nothing for a short command but, on a register of 50,000 ideas, would
 * more than double the memory a report or a scan needs (most of it garbage
 * that is never collected before the process ends). For large registers sluss
 * asks V8 to grow the heap by at most a quarter between full collections:
 * measured at 50,000 ideas, `report` peaks at ~260 MiB instead of ~420 MiB,
 * for a few per cent more time (docs/BENCHMARKS.md).
 */
import { setFlagsFromString } from 'node:v8';

/** Registers at least this large get the tighter heap; below it memory is no concern and speed wins. */
export const LARGE_REGISTER_IDEAS = 20_000;
const HEAP_GROWING_PERCENT = 25;

let tightened = false;

/** Takes effect from the next full collection on; once per process. */
export function tightenHeapForLargeRegister(ideaCount: number): void {
  if (tightened || ideaCount < LARGE_REGISTER_IDEAS) return;
  tightened = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
