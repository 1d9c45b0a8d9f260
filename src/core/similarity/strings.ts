/** A column of strings, one per doc or term, read lazily where it came from a saved index. */
export interface Strings {
  readonly length: number;
  get(index: number): string;
}

export class ArrayStrings implements Strings {
  constructor(readonly values: readonly string[]) {}

  get length(): number {
    return this.values.length;
  }

  get(index: number): string {
    return this.values[index] as string;
  }
}

/**
 * Strings stored as one UTF-8 blob with offsets in UTF-16 units of the decoded
 * text: the blob is decoded once, on first use, and each string is a slice.
 */
export class PackedStrings implements Strings {
  #text: string | undefined;

  constructor(
    readonly blob: Uint8Array,
    readonly offsets: Uint32Array,
  ) {}

  get length(): number {
    return this.offsets.length - 1;
  }

  get(index: number): string {
    this.#text ??= new TextDecoder().decode(this.blob);
    return this.#text.slice(this.offsets[index] as number, this.offsets[index + 1] as number);
  }

  static pack(strings: Strings): PackedStrings {
    if (strings instanceof PackedStrings) return strings;
    const offsets = new Uint32Array(strings.length + 1);
    const parts: string[] = [];
    let at = 0;
    for (let i = 0; i < strings.length; i += 1) {
      const value = strings.get(i);
      parts.push(value);
      at += value.length;
      offsets[i + 1] = at;
    }
    return new PackedStrings(new TextEncoder().encode(parts.join('')), offsets);
  }
}

/** Another column's strings picked by index (`from[i] >= 0`) or taken from `extra[-from[i] - 1]`. */
export class GatheredStrings implements Strings {
  constructor(
    readonly base: Strings,
    readonly from: Int32Array,
    readonly extra: readonly string[],
  ) {}

  get length(): number {
    return this.from.length;
  }

  get(index: number): string {
    const source = this.from[index] as number;
    return source >= 0 ? this.base.get(source) : (this.extra[-source - 1] as string);
  }
}

/** Index of `key` in the sorted column, or -1. */
export function binarySearchStrings(sorted: Strings, key: string): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = sorted.get(mid);
    if (value < key) low = mid + 1;
    else if (value > key) high = mid - 1;
    else return mid;
  }
  return -1;
}

export function binarySearchInts(sorted: Int32Array, key: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = sorted[mid] as number;
    if (value < key) low = mid + 1;
    else if (value > key) high = mid - 1;
    else return mid;
  }
  return -1;
}
