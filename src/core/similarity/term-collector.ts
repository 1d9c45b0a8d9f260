/**
 * Gathering docs' terms while an index is built (`TermCollector`) and turning
 * per-doc term lists into postings (`invert`), by counting sort over entries
 * kept in fixed-size chunks.
 */
import { clampCount, type ForwardTerms, type Postings } from './postings.js';

/**
 * Entries per chunk of a `TermCollector`. Each chunk is one allocation of
 * 6 MiB: large enough that the C library maps it apart from its heap and
 * gives the memory back to the system once the chunk is collected (smaller
 * blocks stay in the process after use), small enough that the last chunk
 * wastes little.
 */
const CHUNK_ENTRIES = 1 << 20;

interface EntryChunk {
  terms: Int32Array;
  titleCounts: Uint8Array;
  textCounts: Uint8Array;
}

function newChunk(): EntryChunk {
  const buffer = new ArrayBuffer(CHUNK_ENTRIES * 6);
  return {
    terms: new Int32Array(buffer, 0, CHUNK_ENTRIES),
    titleCounts: new Uint8Array(buffer, CHUNK_ENTRIES * 4, CHUNK_ENTRIES),
    textCounts: new Uint8Array(buffer, CHUNK_ENTRIES * 5, CHUNK_ENTRIES),
  };
}

/**
 * Collects docs' terms one doc at a time: the distinct keys, and each doc's
 * terms as ids into them (in the doc's own order) with clamped counts.
 * `finish` numbers the keys in sorted order. Entries are kept in fixed-size
 * chunks rather than one growing array: the grams of 50,000 ideas are ten
 * million entries, and growing by copying would hold the old and the new
 * array at once, with up to half of the new one unused.
 */
export class TermCollector<K extends string | number> {
  readonly #ids = new Map<K, number>();
  #keys: K[] = [];
  #starts = new Int32Array(1024);
  #chunks: EntryChunk[] = [];
  #docCount = 0;
  #entries = 0;

  add(docKeys: readonly K[], counts: readonly number[]): void {
    if (this.#docCount + 2 > this.#starts.length) {
      const grown = new Int32Array(this.#starts.length * 2);
      grown.set(this.#starts);
      this.#starts = grown;
    }
    const ids = this.#ids;
    const keys = this.#keys;
    let at = this.#entries;
    for (let i = 0; i < docKeys.length; i += 1) {
      const key = docKeys[i] as K;
      let id = ids.get(key);
      if (id === undefined) {
        id = keys.length;
        ids.set(key, id);
        keys.push(key);
      }
      const offset = at % CHUNK_ENTRIES;
      if (offset === 0 && at / CHUNK_ENTRIES === this.#chunks.length) this.#chunks.push(newChunk());
      const chunk = this.#chunks[(at - offset) / CHUNK_ENTRIES] as EntryChunk;
      chunk.terms[offset] = id;
      chunk.titleCounts[offset] = clampCount(counts[2 * i] as number);
      chunk.textCounts[offset] = clampCount(counts[2 * i + 1] as number);
      at += 1;
    }
    this.#entries = at;
    this.#docCount += 1;
    this.#starts[this.#docCount] = at;
  }

  /** Distinct keys sorted, and each doc's terms as ids into them, in arrays of exactly the collected length. */
  finish(): { keys: K[]; forward: ForwardTerms } {
    const { keys, chunks, entries, docStarts } = this.#release();
    const terms = new Int32Array(entries);
    const titleCounts = new Uint8Array(entries);
    const textCounts = new Uint8Array(entries);
    chunks.forEach((chunk, index) => {
      const at = index * CHUNK_ENTRIES;
      const length = Math.min(CHUNK_ENTRIES, entries - at);
      terms.set(chunk.terms.subarray(0, length), at);
      titleCounts.set(chunk.titleCounts.subarray(0, length), at);
      textCounts.set(chunk.textCounts.subarray(0, length), at);
    });
    return { keys, forward: { starts: docStarts, terms, titleCounts, textCounts } };
  }

  /**
   * Distinct keys sorted, and the postings of each, made straight from the
   * collected chunks: when the per-doc lists are not wanted (the grams), the
   * entries are never copied into one more array before inverting.
   */
  finishInverted(): { keys: K[]; postings: Postings } {
    const { keys, chunks, entries, docStarts } = this.#release();
    return { keys, postings: invertEntries(chunks, CHUNK_ENTRIES, entries, docStarts, keys.length) };
  }

  /** Hands over everything collected, with keys numbered in sorted order, and lets go of it. */
  #release(): { keys: K[]; chunks: EntryChunk[]; entries: number; docStarts: Int32Array } {
    const keys = this.#keys;
    const order = Array.from(keys.keys()).sort((a, b) => {
      const left = keys[a] as K;
      const right = keys[b] as K;
      return left < right ? -1 : left > right ? 1 : 0;
    });
    const rank = new Int32Array(keys.length);
    order.forEach((id, position) => {
      rank[id] = position;
    });
    const entries = this.#entries;
    const chunks = this.#chunks;
    chunks.forEach((chunk, index) => {
      const length = Math.min(CHUNK_ENTRIES, entries - index * CHUNK_ENTRIES);
      for (let offset = 0; offset < length; offset += 1) chunk.terms[offset] = rank[chunk.terms[offset] as number] as number;
    });
    const released = { keys: order.map((id) => keys[id] as K), chunks, entries, docStarts: this.#starts.slice(0, this.#docCount + 1) };
    this.#ids.clear();
    this.#keys = [];
    this.#chunks = [];
    this.#starts = new Int32Array(1);
    this.#docCount = 0;
    this.#entries = 0;
    return released;
  }
}

/** Postings from per-doc terms, by counting sort; docs come out in ascending order. */
export function invert(forward: ForwardTerms, termCount: number): Postings {
  const entries = forward.terms.length;
  return invertEntries([forward], Math.max(entries, 1), entries, forward.starts, termCount);
}

/**
 * `invert` over entries kept in pieces of `pieceLength` (the last one may be
 * shorter): entry e is in piece e / pieceLength, and doc d's entries are
 * `docStarts[d] .. docStarts[d + 1] - 1`.
 */
function invertEntries(pieces: readonly EntryChunk[], pieceLength: number, entries: number, docStarts: Int32Array, termCount: number): Postings {
  const starts = new Int32Array(termCount + 1);
  const titleDf = new Int32Array(termCount);
  const lengthOf = (piece: number) => Math.min(pieceLength, entries - piece * pieceLength);
  for (let piece = 0; piece * pieceLength < entries; piece += 1) {
    const { terms, titleCounts } = pieces[piece] as EntryChunk;
    for (let offset = 0, length = lengthOf(piece); offset < length; offset += 1) {
      const term = terms[offset] as number;
      starts[term + 1] = (starts[term + 1] as number) + 1;
      if ((titleCounts[offset] as number) > 0) titleDf[term] = (titleDf[term] as number) + 1;
    }
  }
  for (let term = 0; term < termCount; term += 1) starts[term + 1] = (starts[term + 1] as number) + (starts[term] as number);
  const cursors = starts.slice(0, termCount);
  const docs = new Int32Array(entries);
  const titleCounts = new Uint8Array(entries);
  const textCounts = new Uint8Array(entries);
  let doc = 0;
  let docEnd = docStarts[1] ?? 0;
  for (let piece = 0; piece * pieceLength < entries; piece += 1) {
    const from = pieces[piece] as EntryChunk;
    const first = piece * pieceLength;
    for (let offset = 0, length = lengthOf(piece); offset < length; offset += 1) {
      while (first + offset >= docEnd) {
        doc += 1;
        docEnd = docStarts[doc + 1] as number;
      }
      const term = from.terms[offset] as number;
      const position = cursors[term] as number;
      docs[position] = doc;
      titleCounts[position] = from.titleCounts[offset] as number;
      textCounts[position] = from.textCounts[offset] as number;
      cursors[term] = position + 1;
    }
  }
  return { starts, docs, titleCounts, textCounts, titleDf };
}
