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
  readonly #documentFrequency = new Map<string, number>();
  readonly #docCount: number;

  constructor(docs: readonly FieldTerms[]) {
    this.#docCount = docs.length;
    const docWeights = docs.map(fieldWeights);
    for (const weights of docWeights) {
      for (const term of weights.keys()) this.#documentFrequency.set(term, (this.#documentFrequency.get(term) ?? 0) + 1);
    }
    const building = new Map<string, { docs: number[]; weights: number[] }>();
    docWeights.forEach((weights, docIndex) => {
      const norm = this.#norm(weights);
      if (norm === 0) return;
      for (const [term, weight] of weights) {
        let postings = building.get(term);
        if (postings === undefined) {
          postings = { docs: [], weights: [] };
          building.set(term, postings);
        }
        postings.docs.push(docIndex);
        postings.weights.push((weight * this.idf(term)) / norm);
      }
    });
    for (const [term, postings] of building) {
      this.#postings.set(term, { docs: Int32Array.from(postings.docs), weights: Float32Array.from(postings.weights) });
    }
  }

  /** Smoothed so that terms the register has never seen weigh most, and no weight is zero or negative. */
  idf(term: string): number {
    const frequency = this.#documentFrequency.get(term) ?? 0;
    return Math.log((this.#docCount + 1) / (frequency + 0.5)) + 1;
  }

  documentFrequency(term: string): number {
    return this.#documentFrequency.get(term) ?? 0;
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
