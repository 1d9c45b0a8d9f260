/**
 * Title words say more about what an idea is than the same words deep in its
 * body, so a title occurrence counts as this many body occurrences.
 */
export const TITLE_WEIGHT = 2;

/** Sublinear term frequency: the tenth "hadoop" in a report adds little. */
export function termFrequencyWeight(count: number): number {
  return count > 0 ? 1 + Math.log(count) : 0;
}

/** Raw (not yet IDF-weighted) term weights of every doc, doc after doc, with integer term ids. */
export interface DocTermMatrix {
  docCount: number;
  termCount: number;
  /** Doc d's entries are `docStarts[d] .. docStarts[d + 1] - 1`. */
  docStarts: Int32Array;
  terms: Int32Array;
  weights: Float64Array;
}

/** A query's term weights; `termId` is -1 for terms the register has never seen. */
export interface QueryTerms {
  termIds: number[];
  weights: number[];
}

/**
 * TF-IDF vectors with an inverted index. Doc weights are stored pre-normalised,
 * so accumulating postings for a query yields exact cosine similarities without
 * touching docs that share no term with it. Built from integer arrays only, so
 * a loaded or updated index is re-derived in a few milliseconds.
 */
export class VectorSpace {
  readonly #idf: Float64Array;
  readonly #unseenTermIdf: number;
  readonly #postingStarts: Int32Array;
  readonly #postingDocs: Int32Array;
  readonly #postingWeights: Float32Array;

  constructor(matrix: DocTermMatrix) {
    const { docCount, termCount, docStarts, terms, weights } = matrix;
    const smoothedIdf = (documentFrequency: number) => Math.log((docCount + 1) / (documentFrequency + 0.5)) + 1;
    this.#unseenTermIdf = smoothedIdf(0);
    const entryCount = docStarts[docCount] as number;
    const documentFrequency = new Int32Array(termCount);
    for (let entry = 0; entry < entryCount; entry += 1) {
      const termId = terms[entry] as number;
      documentFrequency[termId] = (documentFrequency[termId] as number) + 1;
    }
    this.#idf = Float64Array.from(documentFrequency, smoothedIdf);
    this.#postingStarts = new Int32Array(termCount + 1);
    for (let termId = 0; termId < termCount; termId += 1) {
      this.#postingStarts[termId + 1] = (this.#postingStarts[termId] as number) + (documentFrequency[termId] as number);
    }
    this.#postingDocs = new Int32Array(entryCount);
    this.#postingWeights = new Float32Array(entryCount);
    const cursors = this.#postingStarts.slice(0, termCount);
    for (let docIndex = 0; docIndex < docCount; docIndex += 1) {
      const start = docStarts[docIndex] as number;
      const end = docStarts[docIndex + 1] as number;
      let squares = 0;
      for (let entry = start; entry < end; entry += 1) {
        const weighted = (weights[entry] as number) * (this.#idf[terms[entry] as number] as number);
        squares += weighted * weighted;
      }
      const norm = Math.sqrt(squares);
      for (let entry = start; entry < end; entry += 1) {
        const termId = terms[entry] as number;
        const position = cursors[termId] as number;
        this.#postingDocs[position] = docIndex;
        this.#postingWeights[position] = ((weights[entry] as number) * (this.#idf[termId] as number)) / norm;
        cursors[termId] = position + 1;
      }
    }
  }

  /** Smoothed so that terms the register has never seen weigh most, and no weight is zero or negative. */
  idf(termId: number): number {
    return termId < 0 || termId >= this.#idf.length ? this.#unseenTermIdf : (this.#idf[termId] as number);
  }

  /** Adds the cosine of the query with every doc sharing a term into `scores`. */
  accumulate(query: QueryTerms, scores: Float64Array): void {
    let squares = 0;
    query.termIds.forEach((termId, i) => {
      squares += ((query.weights[i] as number) * this.idf(termId)) ** 2;
    });
    const norm = Math.sqrt(squares);
    if (norm === 0) return;
    query.termIds.forEach((termId, i) => {
      if (termId < 0 || termId >= this.#idf.length) return;
      const queryWeight = ((query.weights[i] as number) * (this.#idf[termId] as number)) / norm;
      const end = this.#postingStarts[termId + 1] as number;
      for (let position = this.#postingStarts[termId] as number; position < end; position += 1) {
        const docIndex = this.#postingDocs[position] as number;
        scores[docIndex] = (scores[docIndex] as number) + queryWeight * (this.#postingWeights[position] as number);
      }
    });
  }
}
