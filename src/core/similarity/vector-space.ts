import type { TermCount } from './analyze.js';

/**
 * Title words say more about what an idea is than the same words deep in its
 * body, so a title occurrence counts as this many body occurrences.
 */
const TITLE_WEIGHT = 2;

/** Term counts of one doc in title and text; either may be empty. */
export interface FieldTerms {
  title: readonly TermCount[];
  text: readonly TermCount[];
}

/** Sublinear term frequency: the tenth "hadoop" in a report adds little. */
function termFrequencyWeight(count: number): number {
  return count > 0 ? 1 + Math.log(count) : 0;
}

function fieldWeights(terms: FieldTerms): Map<string, number> {
  const weights = new Map<string, number>();
  for (const [term, count] of terms.title) weights.set(term, TITLE_WEIGHT * termFrequencyWeight(count));
  for (const [term, count] of terms.text) weights.set(term, (weights.get(term) ?? 0) + termFrequencyWeight(count));
  return weights;
}

/**
 * TF-IDF vectors with an inverted index. Doc weights are stored pre-normalised,
 * so accumulating postings for a query yields exact cosine similarities without
 * touching docs that share no term with it.
 *
 * Terms are numbered and the postings laid out in flat typed arrays (one slice
 * per term): building from maps and growing arrays left most of a large
 * register's build time to the garbage collector.
 */
export class VectorSpace {
  readonly #termIds = new Map<string, number>();
  readonly #idf: Float64Array;
  readonly #unseenTermIdf: number;
  readonly #postingStarts: Int32Array;
  readonly #postingDocs: Int32Array;
  readonly #postingWeights: Float32Array;

  constructor(docs: readonly FieldTerms[]) {
    const smoothedIdf = (documentFrequency: number) => Math.log((docs.length + 1) / (documentFrequency + 0.5)) + 1;
    this.#unseenTermIdf = smoothedIdf(0);

    const entryTerms: number[] = [];
    const entryWeights: number[] = [];
    const docStarts = new Int32Array(docs.length + 1);
    // Where each term's entry of the current doc is, to merge title and text counts.
    const lastDocOfTerm: number[] = [];
    const lastEntryOfTerm: number[] = [];
    docs.forEach((doc, docIndex) => {
      for (const [terms, fieldWeight] of [[doc.title, TITLE_WEIGHT], [doc.text, 1]] as const) {
        for (const [term, count] of terms) {
          let termId = this.#termIds.get(term);
          if (termId === undefined) {
            termId = this.#termIds.size;
            this.#termIds.set(term, termId);
          }
          const weight = fieldWeight * termFrequencyWeight(count);
          if (lastDocOfTerm[termId] === docIndex) {
            const entry = lastEntryOfTerm[termId] as number;
            entryWeights[entry] = (entryWeights[entry] as number) + weight;
          } else {
            lastDocOfTerm[termId] = docIndex;
            lastEntryOfTerm[termId] = entryTerms.length;
            entryTerms.push(termId);
            entryWeights.push(weight);
          }
        }
      }
      docStarts[docIndex + 1] = entryTerms.length;
    });

    const termCount = this.#termIds.size;
    const documentFrequency = new Int32Array(termCount);
    for (const termId of entryTerms) documentFrequency[termId] = (documentFrequency[termId] as number) + 1;
    this.#idf = Float64Array.from(documentFrequency, smoothedIdf);
    this.#postingStarts = new Int32Array(termCount + 1);
    for (let termId = 0; termId < termCount; termId += 1) {
      this.#postingStarts[termId + 1] = (this.#postingStarts[termId] as number) + (documentFrequency[termId] as number);
    }
    this.#postingDocs = new Int32Array(entryTerms.length);
    this.#postingWeights = new Float32Array(entryTerms.length);
    const cursors = this.#postingStarts.slice(0, termCount);
    for (let docIndex = 0; docIndex < docs.length; docIndex += 1) {
      const start = docStarts[docIndex] as number;
      const end = docStarts[docIndex + 1] as number;
      let squares = 0;
      for (let entry = start; entry < end; entry += 1) {
        const weighted = (entryWeights[entry] as number) * (this.#idf[entryTerms[entry] as number] as number);
        squares += weighted * weighted;
      }
      const norm = Math.sqrt(squares);
      for (let entry = start; entry < end; entry += 1) {
        const termId = entryTerms[entry] as number;
        const position = cursors[termId] as number;
        this.#postingDocs[position] = docIndex;
        this.#postingWeights[position] = ((entryWeights[entry] as number) * (this.#idf[termId] as number)) / norm;
        cursors[termId] = position + 1;
      }
    }
  }

  /** Smoothed so that terms the register has never seen weigh most, and no weight is zero or negative. */
  idf(term: string): number {
    const termId = this.#termIds.get(term);
    return termId === undefined ? this.#unseenTermIdf : (this.#idf[termId] as number);
  }

  /** Adds the cosine of the query with every doc sharing a term into `scores`. */
  accumulate(query: FieldTerms, scores: Float64Array): void {
    const weights = fieldWeights(query);
    let squares = 0;
    for (const [term, weight] of weights) squares += (weight * this.idf(term)) ** 2;
    const norm = Math.sqrt(squares);
    if (norm === 0) return;
    for (const [term, weight] of weights) {
      const termId = this.#termIds.get(term);
      if (termId === undefined) continue;
      const queryWeight = (weight * (this.#idf[termId] as number)) / norm;
      const end = this.#postingStarts[termId + 1] as number;
      for (let position = this.#postingStarts[termId] as number; position < end; position += 1) {
        const docIndex = this.#postingDocs[position] as number;
        scores[docIndex] = (scores[docIndex] as number) + queryWeight * (this.#postingWeights[position] as number);
      }
    }
  }
}
