import { ANALYSIS_VERSION, analyzeText, isAnalyzedDoc, type AnalyzedDoc, type TermCount } from './analyze.js';
import { KeywordIndex } from './keyword-search.js';
import { contentWords, detectLanguage, stem, stopWords, tokenize } from './text.js';
import { titleFuzzySimilarities } from './title-fuzzy.js';
import { VectorSpace, type FieldTerms } from './vector-space.js';
import type { MatchReason, SearchHit, SearchOptions, SimilarityCandidate, SimilarityDoc, SimilarityIndex } from './types.js';

/** Only this many best docs by the cheap cosine features are re-ranked with fuse.js. */
const SHORTLIST_SIZE = 30;
/** Below this a candidate shares little more than a common word or a few letters. */
const MIN_CANDIDATE_SCORE = 0.05;
const MAX_REASON_TERMS = 6;

/** Chosen on the labelled dev sets; see bench/eval-dedup.ts. */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.65;

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
    surfaceWords: [...analysis.surface],
  };
}

/**
 * Hand-set weights, checked on the dev sets. Char grams get the most weight
 * because they survive compounds, inflections and typos that split stems.
 */
const STEM_WEIGHT = 0.35;
const GRAM_WEIGHT = 0.45;
const FUZZY_WEIGHT = 0.2;
/**
 * Titles that differ only in a number ("... 2.10" / "... 3.2", "30 km/h" / "40 km/h")
 * usually describe different things, which word overlap alone cannot see.
 */
const NUMBER_MISMATCH_PENALTY = 0.5;

interface Features {
  stemCosine: number;
  gramCosine: number;
  titleFuzzy: number;
  /** Share of the numbers in either title that the other lacks. */
  numberMismatch: number;
}

/** Cheap features only, used to pick the shortlist before fuse.js runs. */
function preliminaryScore(stemCosine: number, gramCosine: number): number {
  return STEM_WEIGHT * stemCosine + GRAM_WEIGHT * gramCosine;
}

function combinedScore(features: Features): number {
  const similarity =
    STEM_WEIGHT * features.stemCosine + GRAM_WEIGHT * features.gramCosine + FUZZY_WEIGHT * features.titleFuzzy;
  const score = similarity * (1 - NUMBER_MISMATCH_PENALTY * features.numberMismatch);
  return Math.min(1, Math.max(0, score));
}

const NUMBER = /^\p{N}[\p{N}.,:]*$/u;

function titleNumbers(doc: AnalyzedDoc): Set<string> {
  return new Set(doc.titleStems.map(([term]) => term).filter((term) => NUMBER.test(term)));
}

function numberMismatch(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  let shared = 0;
  for (const number of left) if (right.has(number)) shared += 1;
  const union = left.size + right.size - shared;
  return union === 0 ? 0 : (union - shared) / union;
}

function stemTerms(doc: AnalyzedDoc): FieldTerms {
  return { title: doc.titleStems, text: doc.textStems };
}

function gramTerms(doc: AnalyzedDoc): FieldTerms {
  return { title: doc.titleGrams, text: doc.textGrams };
}

function titleOnly(terms: readonly TermCount[]): FieldTerms {
  return { title: terms, text: NO_TERMS };
}

function hasText(doc: AnalyzedDoc): boolean {
  return doc.textStems.length > 0;
}

const NO_TERMS: readonly TermCount[] = [];

class RegisterIndex implements SimilarityIndex {
  readonly #docs: readonly AnalyzedDoc[];
  readonly #stems: VectorSpace;
  readonly #grams: VectorSpace;
  readonly #titleStems: VectorSpace;
  readonly #titleGrams: VectorSpace;
  #keywords: KeywordIndex | undefined;

  constructor(docs: readonly AnalyzedDoc[]) {
    this.#docs = docs;
    this.#stems = new VectorSpace(docs.map(stemTerms));
    this.#grams = new VectorSpace(docs.map(gramTerms));
    this.#titleStems = new VectorSpace(docs.map((doc) => titleOnly(doc.titleStems)));
    this.#titleGrams = new VectorSpace(docs.map((doc) => titleOnly(doc.titleGrams)));
  }

  get size(): number {
    return this.#docs.length;
  }

  findSimilar(query: { title: string; text: string }, options: SearchOptions): SimilarityCandidate[] {
    if (options.limit <= 0 || this.#docs.length === 0) return [];
    const analyzed = analyzeDoc({ id: '', title: query.title, text: query.text });
    const { stemCosines, gramCosines } = this.#cosines(analyzed);

    const shortlist: { docIndex: number; preliminary: number }[] = [];
    stemCosines.forEach((stemCosine, docIndex) => {
      const preliminary = preliminaryScore(stemCosine, gramCosines[docIndex] as number);
      if (preliminary <= 0 || options.exclude?.has((this.#docs[docIndex] as AnalyzedDoc).id)) return;
      shortlist.push({ docIndex, preliminary });
    });
    shortlist.sort((a, b) => b.preliminary - a.preliminary || a.docIndex - b.docIndex);
    shortlist.length = Math.min(shortlist.length, SHORTLIST_SIZE);

    const shortlistDocs = shortlist.map(({ docIndex }) => this.#docs[docIndex] as AnalyzedDoc);
    const fuzzy = titleFuzzySimilarities(
      analyzed.fuzzyTitle,
      shortlistDocs.map((doc) => doc.fuzzyTitle),
    );
    const queryNumbers = titleNumbers(analyzed);
    const scored = shortlist.map(({ docIndex }, shortlistIndex) => ({
      doc: shortlistDocs[shortlistIndex] as AnalyzedDoc,
      score: combinedScore({
        stemCosine: stemCosines[docIndex] as number,
        gramCosine: gramCosines[docIndex] as number,
        titleFuzzy: fuzzy[shortlistIndex] ?? 0,
        numberMismatch: numberMismatch(queryNumbers, titleNumbers(shortlistDocs[shortlistIndex] as AnalyzedDoc)),
      }),
    }));
    scored.sort((a, b) => b.score - a.score || a.doc.id.localeCompare(b.doc.id));

    const queryWeights = this.#queryTermWeights(analyzed);
    return scored
      .filter(({ score }) => score >= MIN_CANDIDATE_SCORE)
      .slice(0, options.limit)
      .map(({ doc, score }) => {
        const rounded = Math.round(score * 1000) / 1000;
        return {
          id: doc.id,
          score: rounded,
          likelyDuplicate: rounded >= options.threshold,
          reasons: sharedTermReasons(doc, queryWeights),
        };
      });
  }

  /**
   * Cosines of the query with every doc. When either side is a bare title, a
   * long body on the other side would dilute the cosine, so the titles are also
   * compared alone and the better comparison counts: a one-line idea and a
   * page of text then score alike against the same register.
   */
  #cosines(query: AnalyzedDoc): { stemCosines: Float64Array; gramCosines: Float64Array } {
    const docCount = this.#docs.length;
    const stemCosines = new Float64Array(docCount);
    const gramCosines = new Float64Array(docCount);
    this.#stems.accumulate(stemTerms(query), stemCosines);
    this.#grams.accumulate(gramTerms(query), gramCosines);
    const titleStemCosines = new Float64Array(docCount);
    const titleGramCosines = new Float64Array(docCount);
    this.#titleStems.accumulate(titleOnly(query.titleStems), titleStemCosines);
    this.#titleGrams.accumulate(titleOnly(query.titleGrams), titleGramCosines);
    const queryHasText = hasText(query);
    for (let docIndex = 0; docIndex < docCount; docIndex += 1) {
      if (queryHasText && hasText(this.#docs[docIndex] as AnalyzedDoc)) continue;
      stemCosines[docIndex] = Math.max(stemCosines[docIndex] as number, titleStemCosines[docIndex] as number);
      gramCosines[docIndex] = Math.max(gramCosines[docIndex] as number, titleGramCosines[docIndex] as number);
    }
    return { stemCosines, gramCosines };
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

/** Stop words are left out: "och" shared by two ideas explains nothing. */
function sharedTermReasons(doc: AnalyzedDoc, queryWeights: ReadonlyMap<string, number>): MatchReason[] {
  const surface = new Map(doc.surfaceWords);
  const stops = stopWords(doc.language);
  const reasons: MatchReason[] = [];
  for (const [field, terms] of [['title', doc.titleStems], ['text', doc.textStems]] as const) {
    const shared = terms
      .map(([term]) => term)
      .filter((term) => queryWeights.has(term) && !stops.has(surface.get(term) ?? term))
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
