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
 * Strings stored as one UTF-8 blob with the byte offset where each starts.
 * A string is decoded when asked for: a query reads a few dozen of a saved
 * index's 50,000 titles and surfaces, and decoding the whole blob for them
 * would cost more than the query. Short strings asked for again and again (ids,
 * titles in a scan of the register) are remembered once decoded; long ones,
 * read once per use, are not, or a scan would end up holding them all.
 */
export class PackedStrings implements Strings {
  #decoded: (string | undefined)[] | undefined;

  constructor(
    readonly blob: Uint8Array,
    readonly offsets: Uint32Array,
    readonly remember = true,
  ) {}

  get length(): number {
    return this.offsets.length - 1;
  }

  get(index: number): string {
    if (!this.remember) return decodeUtf8(this.blob, this.offsets[index] as number, this.offsets[index + 1] as number);
    this.#decoded ??= new Array<string | undefined>(this.length);
    return (this.#decoded[index] ??= decodeUtf8(this.blob, this.offsets[index] as number, this.offsets[index + 1] as number));
  }

  static pack(strings: Strings): PackedStrings {
    if (strings instanceof PackedStrings) return strings;
    if (strings instanceof GatheredStrings && strings.base instanceof PackedStrings) return packGathered(strings.base, strings.from, strings.extra);
    const offsets = new Uint32Array(strings.length + 1);
    for (let i = 0; i < strings.length; i += 1) offsets[i + 1] = (offsets[i] as number) + utf8Length(strings.get(i));
    const blob = new Uint8Array(offsets[strings.length] as number);
    const encoder = new TextEncoder();
    for (let i = 0; i < strings.length; i += 1) encoder.encodeInto(strings.get(i), blob.subarray(offsets[i] as number));
    return new PackedStrings(blob, offsets);
  }
}

/**
 * A saved index with a few ideas changed, packed again: the kept strings are
 * copied as the bytes they are, only the new ones encoded. Decoding and
 * encoding every title and word of 10,000 ideas cost ~35 ms of each save.
 */
function packGathered(base: PackedStrings, from: Int32Array, extra: readonly string[]): PackedStrings {
  const offsets = new Uint32Array(from.length + 1);
  for (let i = 0; i < from.length; i += 1) {
    const source = from[i] as number;
    const bytes = source >= 0 ? (base.offsets[source + 1] as number) - (base.offsets[source] as number) : utf8Length(extra[-source - 1] as string);
    offsets[i + 1] = (offsets[i] as number) + bytes;
  }
  const blob = new Uint8Array(offsets[from.length] as number);
  const encoder = new TextEncoder();
  for (let i = 0; i < from.length; ) {
    const source = from[i] as number;
    if (source < 0) {
      encoder.encodeInto(extra[-source - 1] as string, blob.subarray(offsets[i] as number));
      i += 1;
      continue;
    }
    // Kept strings mostly follow each other in the base: one copy per run of them.
    let end = i + 1;
    while (end < from.length && from[end] === source + (end - i)) end += 1;
    blob.set(base.blob.subarray(base.offsets[source] as number, base.offsets[source + (end - i)] as number), offsets[i] as number);
    i = end;
  }
  return new PackedStrings(blob, offsets);
}

/** Bytes of `text` in UTF-8 (a lone surrogate becomes U+FFFD, three bytes, as TextEncoder writes it). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** Short strings decode faster in a loop than through TextDecoder, whose every call has a fixed cost. */
const LOOP_DECODE_MAX_BYTES = 64;
let textDecoder: InstanceType<typeof TextDecoder> | undefined;

function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  if (end - start <= LOOP_DECODE_MAX_BYTES) {
    let at = start;
    while (at < end) {
      const lead = bytes[at] as number;
      if (lead < 0x80) {
        text += String.fromCharCode(lead);
        at += 1;
      } else if (lead < 0xe0) {
        text += String.fromCharCode(((lead & 0x1f) << 6) | ((bytes[at + 1] as number) & 0x3f));
        at += 2;
      } else if (lead < 0xf0) {
        text += String.fromCharCode(((lead & 0x0f) << 12) | (((bytes[at + 1] as number) & 0x3f) << 6) | ((bytes[at + 2] as number) & 0x3f));
        at += 3;
      } else break; // four-byte characters (and anything malformed there) are left to TextDecoder
    }
    if (at >= end) return text;
  }
  return (textDecoder ??= new TextDecoder()).decode(bytes.subarray(start, end));
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
