/**
 * `PairAnswerCache`: yes/no answers about unordered pairs of docs (are they
 * near-copies?), kept in a fixed number of typed slots instead of a `Map`.
 *
 * The pair scan asks about pairs of one doc's candidates, and the same pair
 * comes back when a doc similar to both is scanned, which can be anywhere
 * later in the register. At 50,000 ideas the scan asks 1.3 million times
 * about 0.7 million pairs, so only a cache that holds a large share of them
 * saves work; a `Map` of that many number keys would cost several times the
 * memory. Slots are grouped in sets of WAYS; a set forgets its least recently
 * used pair. A forgotten pair is only worked out again: an answer given is
 * always the one stored for exactly that pair.
 */
const WAYS = 4;
/** Sets per doc of the register, so a larger register keeps more pairs. */
const SLOTS_PER_DOC = 8;
/** At most 2^19 slots: 4 MiB, sized against the 300 MiB goal at 50,000 ideas (docs/BENCHMARKS.md). */
const MAX_SLOTS = 1 << 19;
const MIN_SLOTS = 1 << 10;
const EMPTY = -1;

export class PairAnswerCache {
  /** Per slot: the pair's key, as `keyOf` makes it, or EMPTY; each set's slots run from most to least recently used. */
  readonly #keys: Float64Array;
  readonly #answers: Uint8Array;
  readonly #setMask: number;

  constructor(readonly docCount: number) {
    let slots = MIN_SLOTS;
    while (slots < MAX_SLOTS && slots < SLOTS_PER_DOC * docCount) slots *= 2;
    this.#keys = new Float64Array(slots).fill(EMPTY);
    this.#answers = new Uint8Array(slots);
    this.#setMask = slots / WAYS - 1;
  }

  /** The stored answer for the pair, or undefined when it is not (or no longer) kept. */
  get(a: number, b: number): boolean | undefined {
    const key = this.#keyOf(a, b);
    const first = this.#setOf(a, b) * WAYS;
    for (let way = 0; way < WAYS; way += 1) {
      if (this.#keys[first + way] !== key) continue;
      const answer = this.#answers[first + way] === 1;
      this.#moveToFront(first, way, key, answer);
      return answer;
    }
    return undefined;
  }

  set(a: number, b: number, answer: boolean): void {
    const key = this.#keyOf(a, b);
    const first = this.#setOf(a, b) * WAYS;
    let way = 0;
    while (way < WAYS - 1 && this.#keys[first + way] !== key) way += 1;
    this.#moveToFront(first, way, key, answer);
  }

  /** Shifts the set's slots before `way` down by one (dropping the one at `way`) and puts the pair first. */
  #moveToFront(first: number, way: number, key: number, answer: boolean): void {
    for (let at = first + way; at > first; at -= 1) {
      this.#keys[at] = this.#keys[at - 1] as number;
      this.#answers[at] = this.#answers[at - 1] as number;
    }
    this.#keys[first] = key;
    this.#answers[first] = answer ? 1 : 0;
  }

  /** The same number for (a, b) and (b, a); exact in a Float64 for any doc count up to 2^26. */
  #keyOf(a: number, b: number): number {
    return a < b ? a * this.docCount + b : b * this.docCount + a;
  }

  #setOf(a: number, b: number): number {
    const low = a < b ? a : b;
    const high = a < b ? b : a;
    return ((Math.imul(low, 0x9e3779b1) ^ Math.imul(high, 0x85ebca77)) >>> 0) & this.#setMask;
  }
}
