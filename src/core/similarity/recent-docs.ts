/**
 * Values worked out per doc, kept for the most recently used docs only. The
 * pair scan asks about one best candidate against each of the others, and
 * reranks the same candidates for many docs, so a few dozen docs cover most
 * repeats. 64 against 256 (`duplicates` at 1,000 / 10,000 ideas: 0.76 /
 * 3.94 s against 0.74 / 4.49 s, peak 151 against 216 MiB at 10,000) and,
 * one step earlier in the same work, 1,024 (0.76 / 5.05 s, 261 MiB): a larger
 * cache saved little at 1,000 and at 10,000 held more, churned through by a
 * scan that seldom comes back to a doc.
 */
export const RECENT_DOCS = 64;

export class RecentDocs<T> {
  /** A Map keeps insertion order: its first key is the least recently used doc. */
  readonly #values = new Map<number, T>();

  constructor(readonly limit = RECENT_DOCS) {}

  /** The value kept for a doc, if any, without making it the most recently used. */
  peek(doc: number): T | undefined {
    return this.#values.get(doc);
  }

  get(doc: number, make: (doc: number) => T): T {
    let value = this.#values.get(doc);
    if (value === undefined) {
      if (this.#values.size >= this.limit) this.#values.delete(this.#values.keys().next().value as number);
      value = make(doc);
    } else this.#values.delete(doc);
    this.#values.set(doc, value);
    return value;
  }
}
