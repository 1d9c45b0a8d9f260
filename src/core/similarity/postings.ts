/**
 * The inverted index of one kind of term (stems or character grams), kept in
 * flat typed arrays so that a saved index loads by slicing and no JS object
 * exists per posting. Terms are numbered in sorted key order and each term's
 * postings list its docs in ascending order; both orders are canonical, so an
 * index updated with `withChanges` holds exactly the arrays of a fresh build.
 *
 * In order: term weights (TF, IDF); the shapes of per-doc terms and
 * postings; `transpose` (with `CountPairCodes`) from postings to per-doc
 * lists; doc norms; and a query's cosines against every doc
 * (`accumulateCosines`). Gathering docs' terms and inverting them while an
 * index is built is term-collector.ts's; merging for `withChanges` is
 * postings-merge.ts's.
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
export function addSquaredWeights(
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
