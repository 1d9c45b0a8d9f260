import { ANALYSIS_VERSION, analyzeText, isAnalyzedDoc, type AnalyzedDoc, type TermCount } from './analyze.js';
import { KeywordIndex } from './keyword-search.js';
import { contentWords, detectLanguage, stem, tokenize } from './text.js';
import { titleFuzzySimilarities } from './title-fuzzy.js';
import { TITLE_WEIGHT, VectorSpace, type FieldTerms } from './vector-space.js';
import type { MatchReason, SearchHit, SearchOptions, SimilarityCandidate, SimilarityDoc, SimilarityIndex } from './types.js';

/** Only this many best docs by the cheap cosine features are re-ranked with fuse.js. */
const SHORTLIST_SIZE = 50;
/** Below this a candidate shares little more than a common word or a few letters. */
const MIN_CANDIDATE_SCORE = 0.05;
const MAX_REASON_TERMS = 6;

/** Chosen on the labelled dev sets; see bench/eval-dedup.ts. */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.6;

export function analyzeDoc(doc: SimilarityDoc): AnalyzedDoc {
  const analysis = analyzeText(doc.title, doc.text);
  return {
    analysisVersion: ANALYSIS_VERSION,
    id: doc.id,
    language: analysis.language,
    fuzzyTitle: analysis.title.fuzzy,
    titleStems: analysis.title.stems,
    textStems: analysis.text.stems,
    titleGrams: analysis.title.grams,
    textGrams: analysis.text.grams,
    surfaceWords: [...analysis.title.surface],
  };
}

interface Features {
  stemCosine: number;
  gramCosine: number;
  titleCosine: number;
  titleFuzzy: number;
}

/** Cheap features only, used to pick the shortlist before fuse.js runs. */
function preliminaryScore(stemCosine: number, gramCosine: number, titleCosine: number): number {
  return 0.45 * stemCosine + 0.4 * gramCosine + 0.15 * titleCosine;
}

function combinedScore(features: Features): number {
  const score =
    0.35 * features.stemCosine + 0.35 * features.gramCosine + 0.1 * features.titleCosine + 0.2 * features.titleFuzzy;
  return Math.min(1, Math.max(0, score));
}

function stemTerms(doc: AnalyzedDoc): FieldTerms {
  return { title: doc.titleStems, text: doc.textStems };
}

function gramTerms(doc: AnalyzedDoc): FieldTerms {
  return { title: doc.titleGrams, text: doc.textGrams };
}

const NO_TERMS: readonly TermCount[] = [];

class RegisterIndex implements SimilarityIndex {
  readonly #docs: readonly AnalyzedDoc[];
  readonly #stems: VectorSpace;
  readonly #grams: VectorSpace;
  readonly #titleStems: VectorSpace;
  #keywords: KeywordIndex | undefined;

  constructor(docs: readonly AnalyzedDoc[]) {
    this.#docs = docs;
    this.#stems = new VectorSpace(docs.map(stemTerms), TITLE_WEIGHT);
    this.#grams = new VectorSpace(docs.map(gramTerms), TITLE_WEIGHT);
    this.#titleStems = new VectorSpace(
      docs.map((doc) => ({ title: doc.titleStems, text: NO_TERMS })),
      1,
    );
  }

  get size(): number {
    return this.#docs.length;
  }

  findSimilar(query: { title: string; text: string }, options: SearchOptions): SimilarityCandidate[] {
    if (options.limit <= 0 || this.#docs.length === 0) return [];
    const analyzed = analyzeDoc({ id: '', title: query.title, text: query.text });
    const docCount = this.#docs.length;
    const stemCosines = new Float64Array(docCount);
    const gramCosines = new Float64Array(docCount);
    const titleCosines = new Float64Array(docCount);
    this.#stems.accumulate(stemTerms(analyzed), stemCosines, 1);
    this.#grams.accumulate(gramTerms(analyzed), gramCosines, 1);
    this.#titleStems.accumulate({ title: analyzed.titleStems, text: NO_TERMS }, titleCosines, 1);

    const shortlist: { docIndex: number; preliminary: number }[] = [];
    for (let docIndex = 0; docIndex < docCount; docIndex += 1) {
      const preliminary = preliminaryScore(
        stemCosines[docIndex] as number,
        gramCosines[docIndex] as number,
        titleCosines[docIndex] as number,
      );
      if (preliminary <= 0) continue;
      if (options.exclude?.has((this.#docs[docIndex] as AnalyzedDoc).id)) continue;
      shortlist.push({ docIndex, preliminary });
    }
    shortlist.sort((a, b) => b.preliminary - a.preliminary || a.docIndex - b.docIndex);
    shortlist.length = Math.min(shortlist.length, SHORTLIST_SIZE);

    const fuzzy = titleFuzzySimilarities(
      analyzed.fuzzyTitle,
      shortlist.map(({ docIndex }) => (this.#docs[docIndex] as AnalyzedDoc).fuzzyTitle),
    );
    const scored = shortlist.map(({ docIndex }, shortlistIndex) => ({
      docIndex,
      score: combinedScore({
        stemCosine: stemCosines[docIndex] as number,
        gramCosine: gramCosines[docIndex] as number,
        titleCosine: titleCosines[docIndex] as number,
        titleFuzzy: fuzzy[shortlistIndex] ?? 0,
      }),
    }));
    scored.sort((a, b) => b.score - a.score || a.docIndex - b.docIndex);

    const queryWeights = this.#queryTermWeights(analyzed);
    return scored
      .filter(({ score }) => score >= MIN_CANDIDATE_SCORE)
      .slice(0, options.limit)
      .map(({ docIndex, score }) => {
        const rounded = Math.round(score * 1000) / 1000;
        return {
          id: (this.#docs[docIndex] as AnalyzedDoc).id,
          score: rounded,
          likelyDuplicate: rounded >= options.threshold,
          reasons: sharedTermReasons(this.#docs[docIndex] as AnalyzedDoc, queryWeights),
        };
      });
  }

  /** How much each query stem says about the query, to order the terms in reasons. */
  #queryTermWeights(query: AnalyzedDoc): Map<string, number> {
    const weights = new Map<string, number>();
    for (const [term] of query.titleStems.concat(query.textStems)) weights.set(term, this.#stems.idf(term));
    return weights;
  }

  searchText(query: string, limit: number): SearchHit[] {
    const words = tokenize(query);
    const language = detectLanguage(words);
    const terms = contentWords(words, language).map((word) => stem(word, language));
    this.#keywords ??= new KeywordIndex(this.#docs);
    return this.#keywords.search(terms, (term) => this.#stems.idf(term), limit);
  }
}

function sharedTermReasons(doc: AnalyzedDoc, queryWeights: ReadonlyMap<string, number>): MatchReason[] {
  const surface = new Map(doc.surfaceWords);
  const reasons: MatchReason[] = [];
  for (const [field, terms] of [['title', doc.titleStems], ['text', doc.textStems]] as const) {
    const shared = terms
      .map(([term]) => term)
      .filter((term) => queryWeights.has(term))
      .sort((a, b) => (queryWeights.get(b) ?? 0) - (queryWeights.get(a) ?? 0))
      .slice(0, MAX_REASON_TERMS)
      .map((term) => surface.get(term) ?? term);
    if (shared.length > 0) reasons.push({ field, terms: shared });
  }
  return reasons;
}

export function buildSimilarityIndex(docs: readonly (SimilarityDoc | AnalyzedDoc)[]): SimilarityIndex {
  return new RegisterIndex(docs.map((doc) => (isAnalyzedDoc(doc) ? doc : analyzeDoc(doc))));
}
