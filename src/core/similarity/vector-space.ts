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

interface Postings {
  docs: Int32Array;
  weights: Float32Array;
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
 */
export class VectorSpace {
  readonly #postings = new Map<string, Postings>();
  readonly #idf = new Map<string, number>();
  readonly #unseenTermIdf: number;
  readonly #docCount: number;

  constructor(docs: readonly FieldTerms[]) {
    this.#docCount = docs.length;
    this.#unseenTermIdf = this.#smoothedIdf(0);
    const docWeights = docs.map(fieldWeights);
    const documentFrequency = new Map<string, number>();
    for (const weights of docWeights) {
      for (const term of weights.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
    // Postings are sized up front: building them by pushing to arrays left most
    // of a large register's build time to the garbage collector.
    const filled = new Map<string, number>();
    for (const [term, frequency] of documentFrequency) {
      this.#idf.set(term, this.#smoothedIdf(frequency));
      this.#postings.set(term, { docs: new Int32Array(frequency), weights: new Float32Array(frequency) });
      filled.set(term, 0);
    }
    docWeights.forEach((weights, docIndex) => {
      const norm = this.#norm(weights);
      for (const [term, weight] of weights) {
        const postings = this.#postings.get(term) as Postings;
        const position = filled.get(term) as number;
        postings.docs[position] = docIndex;
        postings.weights[position] = norm === 0 ? 0 : (weight * this.idf(term)) / norm;
        filled.set(term, position + 1);
      }
    });
  }

  /** Smoothed so that terms the register has never seen weigh most, and no weight is zero or negative. */
  #smoothedIdf(documentFrequency: number): number {
    return Math.log((this.#docCount + 1) / (documentFrequency + 0.5)) + 1;
  }

  idf(term: string): number {
    return this.#idf.get(term) ?? this.#unseenTermIdf;
  }

  #norm(weights: ReadonlyMap<string, number>): number {
    let sum = 0;
    for (const [term, weight] of weights) {
      const weighted = weight * this.idf(term);
      sum += weighted * weighted;
    }
    return Math.sqrt(sum);
  }

  /** Adds the cosine of the query with every doc sharing a term into `scores`. */
  accumulate(query: FieldTerms, scores: Float64Array): void {
    const weights = fieldWeights(query);
    const norm = this.#norm(weights);
    if (norm === 0) return;
    for (const [term, weight] of weights) {
      const postings = this.#postings.get(term);
      if (postings === undefined) continue;
      const queryWeight = (weight * this.idf(term)) / norm;
      const { docs, weights: docWeights } = postings;
      for (let i = 0; i < docs.length; i += 1) {
        const docIndex = docs[i] as number;
        scores[docIndex] = (scores[docIndex] as number) + queryWeight * (docWeights[i] as number);
      }
    }
  }
}
