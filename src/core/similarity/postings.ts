/**
 * The inverted index of one kind of term (stems or character grams), kept in
 * flat typed arrays so that a saved index loads by slicing and no JS object
 * exists per posting. Terms are numbered in sorted key order and each term's
 * postings list its docs in ascending order; both orders are canonical, so an
 * index updated with `withChanges` holds exactly the arrays of a fresh build.
 *
 * In order: term weights (TF, IDF); `TermCollector`, which gathers docs' terms
 * while an index is built; `invert` and `transpose` (with `CountPairCodes`)
 * between per-doc lists and postings; doc norms; a query's cosines against every doc
 * (`accumulateCosines`); and `mergeTerms` / `mergePostings` for `withChanges`.
 */

/**
 * Title words say more about what an idea is than the same words deep in its
 * body, so a title occurrence counts as this many body occurrences.
 */
export const TITLE_WEIGHT = 2;

/** Sublinear term frequency: the tenth "hadoop" in a report adds little. */
export function termFrequencyWeight(count: number): number {
  return count > 0 ? 1 + Math.log(count) : 0;
}

/** Counts are stored in a byte per field; beyond this, more of one word says nothing new. */
export const MAX_STORED_COUNT = 255;
export const TF = Float64Array.from({ length: MAX_STORED_COUNT + 1 }, (_, count) => termFrequencyWeight(count));

export function clampCount(count: number): number {
  return count > MAX_STORED_COUNT ? MAX_STORED_COUNT : count;
}

/** Smoothed so that terms the register has never seen weigh most, and no weight is zero or negative. */
export function smoothedIdf(documentFrequency: number, docCount: number): number {
  return Math.log((docCount + 1) / (documentFrequency + 0.5)) + 1;
}

/** Per doc, its distinct terms (ids) with their counts in title and text. */
export interface ForwardTerms {
  /** Doc d's entries are `starts[d] .. starts[d + 1] - 1`. */
  starts: Int32Array;
  terms: Int32Array;
  titleCounts: Uint8Array;
  textCounts: Uint8Array;
}

export interface Postings {
  /** Term t's postings are `starts[t] .. starts[t + 1] - 1`; their number is its document frequency. */
  starts: Int32Array;
  docs: Int32Array;
  titleCounts: Uint8Array;
  textCounts: Uint8Array;
  /** Per term, the number of docs with it in the title (the document frequency of the title-only space). */
  titleDf: Int32Array;
}

/** Per doc, the Euclidean norm of its TF-IDF vector over title and text, and over the title alone. */
export interface Norms {
  full: Float64Array;
  title: Float64Array;
}

export function termCountOf(postings: Postings): number {
  return postings.starts.length - 1;
}

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

/**
 * The (title count, text count) pairs of a family's entries, numbered: a
 * register has a few dozen distinct pairs against millions of entries, so an
 * entry's counts fit in one code byte where they would take two.
 */
export class CountPairCodes {
  readonly #codeOfPair = new Int32Array((MAX_STORED_COUNT + 1) * (MAX_STORED_COUNT + 1)).fill(-1);
  readonly titleCounts: number[] = [];
  readonly textCounts: number[] = [];

  /** Numbers every pair in these entries. */
  add(counts: Pick<Postings, 'titleCounts' | 'textCounts'>): void {
    const { titleCounts, textCounts } = counts;
    for (let entry = 0; entry < titleCounts.length; entry += 1) {
      const pair = (titleCounts[entry] as number) * (MAX_STORED_COUNT + 1) + (textCounts[entry] as number);
      if (this.#codeOfPair[pair] === -1) {
        this.#codeOfPair[pair] = this.titleCounts.length;
        this.titleCounts.push(titleCounts[entry] as number);
        this.textCounts.push(textCounts[entry] as number);
      }
    }
  }

  /** The code of a pair given to `add`. */
  codeOf(titleCount: number, textCount: number): number {
    return this.#codeOfPair[titleCount * (MAX_STORED_COUNT + 1) + textCount] as number;
  }

  newCodes(length: number): Uint8Array | Uint16Array {
    return this.titleCounts.length <= 0x100 ? new Uint8Array(length) : new Uint16Array(length);
  }
}

/** Per-doc terms with each entry's counts as a `CountPairCodes` code. */
export interface CodedForwardTerms {
  /** Doc d's entries are `starts[d] .. starts[d + 1] - 1`. */
  starts: Int32Array;
  terms: Int32Array | Uint16Array;
  codes: Uint8Array | Uint16Array;
}

/** Per-doc terms, in the order given, with their counts coded. */
export function codeForward(forward: ForwardTerms, codes: CountPairCodes): CodedForwardTerms {
  const coded = codes.newCodes(forward.terms.length);
  for (let entry = 0; entry < coded.length; entry += 1) coded[entry] = codes.codeOf(forward.titleCounts[entry] as number, forward.textCounts[entry] as number);
  return { starts: forward.starts, terms: forward.terms, codes: coded };
}

/**
 * Per-doc terms from postings (the transpose of `invert`), with their counts
 * coded; each doc's terms come out in ascending id order. Term ids take two
 * bytes where they fit: the grams of a large register are millions of entries.
 */
export function transpose(postings: Postings, docCount: number, codes: CountPairCodes): CodedForwardTerms {
  const entries = postings.docs.length;
  const starts = new Int32Array(docCount + 1);
  for (let entry = 0; entry < entries; entry += 1) {
    const doc = postings.docs[entry] as number;
    starts[doc + 1] = (starts[doc + 1] as number) + 1;
  }
  for (let doc = 0; doc < docCount; doc += 1) starts[doc + 1] = (starts[doc + 1] as number) + (starts[doc] as number);
  const cursors = starts.slice(0, docCount);
  const termCount = termCountOf(postings);
  const terms = termCount <= 0x10000 ? new Uint16Array(entries) : new Int32Array(entries);
  const coded = codes.newCodes(entries);
  for (let term = 0; term < termCount; term += 1) {
    const end = postings.starts[term + 1] as number;
    for (let entry = postings.starts[term] as number; entry < end; entry += 1) {
      const doc = postings.docs[entry] as number;
      const position = cursors[doc] as number;
      terms[position] = term;
      coded[position] = codes.codeOf(postings.titleCounts[entry] as number, postings.textCounts[entry] as number);
      cursors[doc] = position + 1;
    }
  }
  return { starts, terms, codes: coded };
}

/** Adds the squared TF-IDF weights of one term's postings `start .. end - 1` to each doc's sums, in both spaces. */
function addSquaredWeights(
  postings: Pick<Postings, 'docs' | 'titleCounts' | 'textCounts'>,
  start: number,
  end: number,
  idfFull: number,
  idfTitle: number,
  full: Float64Array,
  title: Float64Array,
): void {
  const { docs, titleCounts, textCounts } = postings;
  for (let entry = start; entry < end; entry += 1) {
    const doc = docs[entry] as number;
    const titleCount = titleCounts[entry] as number;
    const weight = (TITLE_WEIGHT * (TF[titleCount] as number) + (TF[textCounts[entry] as number] as number)) * idfFull;
    full[doc] = (full[doc] as number) + weight * weight;
    if (titleCount > 0) {
      const titleWeight = (TF[titleCount] as number) * idfTitle;
      title[doc] = (title[doc] as number) + titleWeight * titleWeight;
    }
  }
}

/** Doc norms in both spaces; summed term by term in id order, the same for a fresh and an updated index. */
export function computeNorms(postings: Postings, docCount: number): Norms {
  const full = new Float64Array(docCount);
  const title = new Float64Array(docCount);
  const termCount = termCountOf(postings);
  const { starts, titleDf } = postings;
  for (let term = 0; term < termCount; term += 1) {
    const start = starts[term] as number;
    const end = starts[term + 1] as number;
    addSquaredWeights(postings, start, end, smoothedIdf(end - start, docCount), smoothedIdf(titleDf[term] as number, docCount), full, title);
  }
  for (let doc = 0; doc < docCount; doc += 1) {
    full[doc] = Math.sqrt(full[doc] as number);
    title[doc] = Math.sqrt(title[doc] as number);
  }
  return { full, title };
}

/** A query's distinct terms: ids (-1 when unknown) and weights over title and text, and over the title alone. */
export interface QueryVector {
  ids: Int32Array;
  full: Float64Array;
  title: Float64Array;
}

export function queryVector(keyCount: number, idOf: (i: number) => number, counts: readonly number[]): QueryVector {
  const ids = new Int32Array(keyCount);
  const full = new Float64Array(keyCount);
  const title = new Float64Array(keyCount);
  for (let i = 0; i < keyCount; i += 1) {
    ids[i] = idOf(i);
    const titleWeight = termFrequencyWeight(counts[2 * i] as number);
    full[i] = TITLE_WEIGHT * titleWeight + termFrequencyWeight(counts[2 * i + 1] as number);
    title[i] = titleWeight;
  }
  return { ids, full, title };
}

/**
 * Adds the cosine of the query with every doc sharing a term: over title and
 * text into `full`, over titles alone into `title`.
 */
export function accumulateCosines(
  postings: Postings,
  norms: Norms,
  docCount: number,
  query: QueryVector,
  full: Float64Array,
  title: Float64Array,
): void {
  const termCount = termCountOf(postings);
  const n = query.ids.length;
  const idfFull = new Float64Array(n);
  const idfTitle = new Float64Array(n);
  let fullSquares = 0;
  let titleSquares = 0;
  for (let i = 0; i < n; i += 1) {
    const id = query.ids[i] as number;
    const known = id >= 0 && id < termCount;
    idfFull[i] = smoothedIdf(known ? (postings.starts[id + 1] as number) - (postings.starts[id] as number) : 0, docCount);
    idfTitle[i] = smoothedIdf(known ? (postings.titleDf[id] as number) : 0, docCount);
    fullSquares += ((query.full[i] as number) * (idfFull[i] as number)) ** 2;
    titleSquares += ((query.title[i] as number) * (idfTitle[i] as number)) ** 2;
  }
  const fullNorm = Math.sqrt(fullSquares);
  const titleNorm = Math.sqrt(titleSquares);
  const { starts, docs, titleCounts, textCounts } = postings;
  const touched = new Uint8Array(docCount);
  for (let i = 0; i < n; i += 1) {
    const id = query.ids[i] as number;
    if (id < 0 || id >= termCount) continue;
    const fullFactor = fullNorm > 0 ? ((query.full[i] as number) * (idfFull[i] as number) * (idfFull[i] as number)) / fullNorm : 0;
    const titleFactor = titleNorm > 0 ? ((query.title[i] as number) * (idfTitle[i] as number) * (idfTitle[i] as number)) / titleNorm : 0;
    const end = starts[id + 1] as number;
    for (let entry = starts[id] as number; entry < end; entry += 1) {
      const doc = docs[entry] as number;
      const titleCount = titleCounts[entry] as number;
      touched[doc] = 1;
      full[doc] = (full[doc] as number) + fullFactor * (TITLE_WEIGHT * (TF[titleCount] as number) + (TF[textCounts[entry] as number] as number));
      if (titleCount > 0 && titleFactor > 0) title[doc] = (title[doc] as number) + titleFactor * (TF[titleCount] as number);
    }
  }
  for (let doc = 0; doc < docCount; doc += 1) {
    if (touched[doc] === 0) continue;
    const fullNormOfDoc = norms.full[doc] as number;
    const titleNormOfDoc = norms.title[doc] as number;
    full[doc] = fullNormOfDoc > 0 ? (full[doc] as number) / fullNormOfDoc : 0;
    title[doc] = titleNormOfDoc > 0 ? (title[doc] as number) / titleNormOfDoc : 0;
  }
}

/**
 * The terms of a merged index: an old index's terms still in use and an added
 * index's terms, in sorted order. `compare(o, a)` compares old term o with added term a.
 */
export interface TermMerge {
  newToOld: Int32Array;
  newToAdded: Int32Array;
  oldToNew: Int32Array;
  addedToNew: Int32Array;
}

export function mergeTerms(
  oldCount: number,
  addedCount: number,
  compare: (oldTerm: number, addedTerm: number) => number,
): TermMerge {
  const oldToNew = new Int32Array(oldCount).fill(-1);
  const addedToNew = new Int32Array(addedCount);
  const newToOld: number[] = [];
  const newToAdded: number[] = [];
  let o = 0;
  let a = 0;
  while (o < oldCount || a < addedCount) {
    const order = o >= oldCount ? 1 : a >= addedCount ? -1 : compare(o, a);
    const position = newToOld.length;
    if (order <= 0) {
      oldToNew[o] = position;
      newToOld.push(o);
      o += 1;
    } else newToOld.push(-1);
    if (order >= 0) {
      addedToNew[a] = position;
      newToAdded.push(a);
      a += 1;
    } else newToAdded.push(-1);
  }
  return { newToOld: Int32Array.from(newToOld), newToAdded: Int32Array.from(newToAdded), oldToNew, addedToNew };
}

/**
 * Postings of the old index without removed docs (`docMap[d] < 0`; kept docs
 * renumbered by `docMap`, in the same order), followed per term by the added
 * index's postings with docs shifted by `addedDocOffset`; and the doc norms of
 * the result, summed in the same order as `computeNorms` does. Terms left
 * without docs are dropped and `merge` is updated to match.
 */
export function mergePostings(
  old: Postings,
  docMap: Int32Array,
  anyRemoved: boolean,
  added: Postings,
  addedDocOffset: number,
  merge: TermMerge,
  docCount: number,
): { postings: Postings; norms: Norms; merge: TermMerge } {
  const termCount = merge.newToOld.length;
  const capacity = old.docs.length + added.docs.length;
  const starts = new Int32Array(termCount + 1);
  const docs = new Int32Array(capacity);
  const titleCounts = new Uint8Array(capacity);
  const textCounts = new Uint8Array(capacity);
  const titleDf = new Int32Array(termCount);
  const full = new Float64Array(docCount);
  const title = new Float64Array(docCount);
  let at = 0;
  let live = 0;
  for (let term = 0; term < termCount; term += 1) {
    const o = merge.newToOld[term] as number;
    const a = merge.newToAdded[term] as number;
    const segmentStart = at;
    let inTitle = 0;
    if (o >= 0) {
      const start = old.starts[o] as number;
      const end = old.starts[o + 1] as number;
      if (!anyRemoved) {
        // No doc removed: kept docs keep their numbers, so the run is copied as it is.
        docs.set(old.docs.subarray(start, end), at);
        titleCounts.set(old.titleCounts.subarray(start, end), at);
        textCounts.set(old.textCounts.subarray(start, end), at);
        at += end - start;
        inTitle += old.titleDf[o] as number;
      } else {
        for (let entry = start; entry < end; entry += 1) {
          const doc = docMap[old.docs[entry] as number] as number;
          if (doc < 0) continue;
          docs[at] = doc;
          const titleCount = old.titleCounts[entry] as number;
          titleCounts[at] = titleCount;
          textCounts[at] = old.textCounts[entry] as number;
          if (titleCount > 0) inTitle += 1;
          at += 1;
        }
      }
    }
    if (a >= 0) {
      const end = added.starts[a + 1] as number;
      for (let entry = added.starts[a] as number; entry < end; entry += 1) {
        docs[at] = (added.docs[entry] as number) + addedDocOffset;
        titleCounts[at] = added.titleCounts[entry] as number;
        textCounts[at] = added.textCounts[entry] as number;
        at += 1;
      }
      inTitle += added.titleDf[a] as number;
    }
    if (at === segmentStart) {
      // A term only removed docs had: its old id maps nowhere.
      if (o >= 0) merge.oldToNew[o] = -1;
      continue;
    }
    addSquaredWeights({ docs, titleCounts, textCounts }, segmentStart, at, smoothedIdf(at - segmentStart, docCount), smoothedIdf(inTitle, docCount), full, title);
    titleDf[live] = inTitle;
    merge.newToOld[live] = o;
    merge.newToAdded[live] = a;
    if (o >= 0) merge.oldToNew[o] = live;
    if (a >= 0) merge.addedToNew[a] = live;
    live += 1;
    starts[live] = at;
  }
  for (let doc = 0; doc < docCount; doc += 1) {
    full[doc] = Math.sqrt(full[doc] as number);
    title[doc] = Math.sqrt(title[doc] as number);
  }
  return {
    postings: {
      starts: starts.subarray(0, live + 1),
      docs: docs.subarray(0, at),
      titleCounts: titleCounts.subarray(0, at),
      textCounts: textCounts.subarray(0, at),
      titleDf: titleDf.subarray(0, live),
    },
    norms: { full, title },
    merge: {
      newToOld: merge.newToOld.subarray(0, live),
      newToAdded: merge.newToAdded.subarray(0, live),
      oldToNew: merge.oldToNew,
      addedToNew: merge.addedToNew,
    },
  };
}
