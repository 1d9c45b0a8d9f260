/**
 * Which words of a short text hold each character gram, for the soft word
 * matching of word-matcher.ts: the text's distinct grams in a small hash
 * table, each with a bit mask of the words holding it. A text is indexed once
 * when it is first a query and then matched against many docs; at 10,000
 * ideas the pair scan indexes 20,000 texts, and a Map of arrays per text made
 * a fifth of all it allocated. Here a text's index is three typed arrays, and
 * a doc word's candidate partners one mask.
 */

/** Soft matching is for short texts (MAX_SOFT_MATCH_TERMS in word-matcher.ts); the masks have room for this many words. */
export const MAX_INDEXED_TERMS = 64;

export class TermGramIndex {
  /** An open-addressing table: a slot is empty while no word holds it. */
  readonly #keys: Int32Array;
  /** Words 0-31 and 32-63 holding each key, as bits. */
  readonly #low: Uint32Array;
  readonly #high: Uint32Array;
  readonly #slotMask: number;

  /** `termGrams[i]` holds the distinct grams of the text's i-th word. */
  constructor(termGrams: readonly Int32Array[]) {
    if (termGrams.length > MAX_INDEXED_TERMS) throw new RangeError(`A gram index holds at most ${MAX_INDEXED_TERMS} words, not ${termGrams.length}.`);
    let count = 0;
    for (const grams of termGrams) count += grams.length;
    // At most two in three slots taken, so a probe seldom goes past its first slot.
    const slots = 2 ** Math.ceil(Math.log2(Math.max(2, count * 1.5)));
    this.#slotMask = slots - 1;
    this.#keys = new Int32Array(slots);
    this.#low = new Uint32Array(slots);
    this.#high = new Uint32Array(slots);
    termGrams.forEach((grams, term) => {
      for (const gram of grams) {
        const slot = this.#slotOf(gram);
        this.#keys[slot] = gram;
        if (term < 32) this.#low[slot] = ((this.#low[slot] as number) | (1 << term)) >>> 0;
        else this.#high[slot] = ((this.#high[slot] as number) | (1 << (term - 32))) >>> 0;
      }
    });
  }

  /** The slot holding `gram`, or the empty slot where it would go. Grams are hashes already: their low bits spread well. */
  #slotOf(gram: number): number {
    let slot = gram & this.#slotMask;
    while (((this.#low[slot] as number) | (this.#high[slot] as number)) !== 0 && this.#keys[slot] !== gram) slot = (slot + 1) & this.#slotMask;
    return slot;
  }

  /**
   * The words holding at least one of `grams`, as two masks (words 0-31 in
   * `low`, 32-63 in `high`), left in `into`. No gram in common means no soft
   * match (word-matcher.ts), so these are the only words worth comparing.
   */
  holdersOfAny(grams: Int32Array, into: { low: number; high: number }): void {
    let low = 0;
    let high = 0;
    for (let g = 0; g < grams.length; g += 1) {
      const slot = this.#slotOf(grams[g] as number);
      low |= this.#low[slot] as number;
      high |= this.#high[slot] as number;
    }
    into.low = low >>> 0;
    into.high = high >>> 0;
  }
}

/** Writes the number of each word in masks from `holdersOfAny` into `into`, lowest first, and returns how many there are. */
export function holderNumbers(masks: { low: number; high: number }, into: Int32Array): number {
  let count = 0;
  for (let rest = masks.low; rest !== 0; rest = (rest & (rest - 1)) >>> 0) into[count++] = 31 - Math.clz32(rest & -rest);
  for (let rest = masks.high; rest !== 0; rest = (rest & (rest - 1)) >>> 0) into[count++] = 63 - Math.clz32(rest & -rest);
  return count;
}
