/** `TopDocs`, the bounded best-first list both stages of matching keep. */
import { compareCodeUnits } from '../text.js';

/** Keeps the `size` best docs by (value desc, id asc) without sorting all of them. */
export class TopDocs {
  readonly docs: number[] = [];
  readonly values: number[] = [];
  constructor(
    readonly size: number,
    readonly idOf: (doc: number) => string,
  ) {}

  #better(value: number, doc: number, position: number): boolean {
    const other = this.values[position] as number;
    return value > other || (value === other && compareCodeUnits(this.idOf(doc), this.idOf(this.docs[position] as number)) < 0);
  }

  /** The worst value kept once full, else -Infinity: anything below it cannot enter. */
  get floor(): number {
    return this.docs.length < this.size ? -Infinity : (this.values[this.docs.length - 1] as number);
  }

  offer(doc: number, value: number): void {
    if (this.size <= 0) return;
    const full = this.docs.length >= this.size;
    if (full && !this.#better(value, doc, this.docs.length - 1)) return;
    let position = full ? this.docs.length - 1 : this.docs.length;
    if (!full) {
      this.docs.push(doc);
      this.values.push(value);
    }
    while (position > 0 && this.#better(value, doc, position - 1)) {
      this.docs[position] = this.docs[position - 1] as number;
      this.values[position] = this.values[position - 1] as number;
      position -= 1;
    }
    this.docs[position] = doc;
    this.values[position] = value;
  }
}
