/**
 * The similarity index: what `sluss similar`, `add`, `search` and
 * `duplicates` rank against (its data and how it is made: index-data.ts). In order:
 * - `RegisterIndex`, the `SimilarityIndex` the rest of sluss sees: first-stage
 *   cosines over stem and gram postings (`rankQuery`), the second stage from
 *   rerank.ts, keyword search and the register-wide pair scan (pairs.ts);
 * - the entry points: `buildSimilarityIndex`, `createSimilarityIndexBuilder`,
 *   `deserializeSimilarityIndex` (the saved form is format.ts's).
 */
import { compareCodeUnits } from '../text.js';
import { ANALYSIS_VERSION, analyzeFields, isAnalyzedDoc, type AnalyzedDoc } from './analyze.js';
import { KeywordIndex, type KeywordSource } from './keyword-search.js';
import { findDuplicatePairs } from './pairs.js';
import type { PairScanIndex, QueryView, Scored, Shortlisted } from './register-view.js';
import { changeIndexData, IndexDataBuilder, type IndexData } from './index-data.js';
import { accumulateCosines, queryVector, smoothedIdf } from './postings.js';
import { confidencesOf } from './confidence.js';
import { DocWords } from './doc-words.js';
import { finalScore, preliminaryScore, titleNumbersOf, numberFactorOf, MIN_CANDIDATE_SCORE, SHORTLIST_SIZE, type PairFeatures } from './rerank.js';
import { TopDocs } from './top-docs.js';
import { WordMatcher, type ContentTerms } from './word-matcher.js';
import { indexDataParts, readIndexData, writeIndexData } from './format.js';
import { binarySearchInts, binarySearchStrings } from './strings.js';
import { contentWords, detectLanguage, stem, stopWords, tokenize, type Language } from './text.js';
import { titleFuzzySimilarities } from './title-fuzzy.js';
import { sequenceTitleOf, titleSequenceSimilarity } from './title-sequence.js';
import type {
  DuplicatePair,
  DuplicatePairOptions,
  IndexChanges,
  MatchReason,
  SearchHit,
  SearchOptions,
  SimilarityCandidate,
  SimilarityDoc,
  SimilarityIndex,
} from './types.js';

const MAX_REASON_TERMS = 6;

export { DEFAULT_DUPLICATE_THRESHOLD } from './threshold.js';
export { INDEX_FORMAT_VERSION, IndexFormatError, serializedIndexVersion } from './format.js';
export { LANGUAGES, type IndexData } from './index-data.js';

export function analyzeDoc(doc: SimilarityDoc): AnalyzedDoc {
  return analyzeFields(doc.id, doc.title, doc.text);
}

class RegisterIndex implements SimilarityIndex, PairScanIndex {
  readonly data: IndexData;
  #keywords: KeywordIndex | undefined;
  readonly words = new WordMatcher((term) => this.stemId(term) >= 0);
  readonly #docs: DocWords;

  constructor(data: IndexData) {
    this.data = data;
    this.#docs = new DocWords(data, this.words);
  }

  get size(): number {
    return this.data.docCount;
  }

  idOf = (docIndex: number): string => this.data.ids.get(docIndex);

  stemId(term: string): number {
    return binarySearchStrings(this.data.stemKeys, term);
  }

  stemIdf = (term: string): number => {
    const id = this.stemId(term);
    const df = id < 0 ? 0 : (this.data.stems.starts[id + 1] as number) - (this.data.stems.starts[id] as number);
    return smoothedIdf(df, this.data.docCount);
  };

  sequenceTitleOf(docIndex: number): string {
    return sequenceTitleOf(this.data.fuzzyTitles.get(docIndex), this.languageOf(docIndex));
  }

  docView(docIndex: number): QueryView {
    const { docStems } = this.data;
    const start = docStems.starts[docIndex] as number;
    return {
      language: this.languageOf(docIndex),
      fuzzyTitle: this.data.fuzzyTitles.get(docIndex),
      sequenceTitle: this.sequenceTitleOf(docIndex),
      stems: this.docStemTerms(docIndex),
      titleCount: (i) => docStems.titleCounts[start + i] as number,
    };
  }

  findSimilar(query: { title: string; text: string }, options: SearchOptions): SimilarityCandidate[] {
    if (options.limit <= 0 || this.data.docCount === 0) return [];
    const { analyzed, scored } = this.rankQuery(query, options.exclude);
    // Scores are in order, so the candidates shown are the first ones.
    const shown = scored.filter((candidate) => candidate.score >= MIN_CANDIDATE_SCORE).slice(0, options.limit);
    const nearCopy = this.nearCopies(scored);
    const { linked } = options;
    const sameIdea = linked ? (i: number, j: number) => nearCopy(i, j) || linked(this.idOf((scored[i] as Scored).docIndex), this.idOf((scored[j] as Scored).docIndex)) : nearCopy;
    const confidences = confidencesOf(scored, sameIdea, shown.length);
    const queryWeights = new Map<string, number>();
    for (const term of analyzed.stems) queryWeights.set(term, this.stemIdf(term));
    return shown
      .map((candidate, rank) => ({ candidate, confidence: confidences[rank] as number }))
      .map(({ candidate, confidence }) => {
        const roundedConfidence = Math.round(confidence * 1000) / 1000;
        return {
          id: this.idOf(candidate.docIndex),
          score: Math.round(candidate.score * 1000) / 1000,
          confidence: roundedConfidence,
          likelyDuplicate: roundedConfidence >= options.threshold && candidate.score >= (options.minScore ?? 0),
          reasons: this.sharedTermReasons(candidate.docIndex, queryWeights),
        };
      });
  }

  /** The shortlist of a new idea, scored and ranked best first with the features the confidence reads. */
  rankQuery(query: { title: string; text: string }, exclude?: ReadonlySet<string>): { analyzed: AnalyzedDoc; scored: Scored[] } {
    const { docCount } = this.data;
    const analyzed = analyzeDoc({ id: '', title: query.title, text: query.text });
    const stemVector = queryVector(analyzed.stems.length, (i) => this.stemId(analyzed.stems[i] as string), analyzed.stemCounts);
    const gramVector = queryVector(analyzed.grams.length, (i) => binarySearchInts(this.data.gramKeys, analyzed.grams[i] as number), analyzed.gramCounts);
    const queryHasText = analyzed.stemCounts.some((count, i) => i % 2 === 1 && count > 0);
    const { stemCosines, gramCosines } = this.cosines(stemVector, gramVector, queryHasText);

    const top = new TopDocs(SHORTLIST_SIZE, this.idOf);
    for (let doc = 0; doc < docCount; doc += 1) {
      const preliminary = preliminaryScore(stemCosines[doc] as number, gramCosines[doc] as number);
      if (preliminary <= 0 || preliminary < top.floor || exclude?.has(this.idOf(doc))) continue;
      top.offer(doc, preliminary);
    }
    const shortlist: Shortlisted[] = top.docs.map((docIndex) => ({
      docIndex,
      stemCosine: stemCosines[docIndex] as number,
      gramCosine: gramCosines[docIndex] as number,
    }));
    const view: QueryView = {
      language: analyzed.language,
      fuzzyTitle: analyzed.fuzzyTitle,
      sequenceTitle: sequenceTitleOf(analyzed.fuzzyTitle, analyzed.language),
      stems: analyzed.stems,
      titleCount: (i) => analyzed.stemCounts[2 * i] as number,
    };
    return { analyzed, scored: this.rerank(view, shortlist) };
  }

  /**
   * Cosines of the query with every doc. When either side is a bare title, a
   * long body on the other side would dilute the cosine, so the titles are also
   * compared alone and the better comparison counts: a one-line idea and a
   * page of text then score alike against the same register.
   */
  cosines(stemVector: ReturnType<typeof queryVector>, gramVector: ReturnType<typeof queryVector>, queryHasText: boolean) {
    const { docCount } = this.data;
    const stemCosines = new Float64Array(docCount);
    const gramCosines = new Float64Array(docCount);
    const titleStemCosines = new Float64Array(docCount);
    const titleGramCosines = new Float64Array(docCount);
    accumulateCosines(this.data.stems, this.data.stemNorms, docCount, stemVector, stemCosines, titleStemCosines);
    accumulateCosines(this.data.grams, this.data.gramNorms, docCount, gramVector, gramCosines, titleGramCosines);
    const hasText = this.data.hasText;
    for (let doc = 0; doc < docCount; doc += 1) {
      if (queryHasText && hasText[doc] === 1) continue;
      stemCosines[doc] = Math.max(stemCosines[doc] as number, titleStemCosines[doc] as number);
      gramCosines[doc] = Math.max(gramCosines[doc] as number, titleGramCosines[doc] as number);
    }
    return { stemCosines, gramCosines };
  }

  docStemTerms(docIndex: number): string[] {
    return this.#docs.stemTerms(docIndex);
  }

  docContentStems(docIndex: number, language: Language): ContentTerms {
    return this.#docs.contentStems(docIndex, language);
  }

  docTitleNumbers(docIndex: number): ReadonlySet<string> {
    return this.#docs.titleNumbers(docIndex);
  }

  numberFactor(docIndex: number, queryNumbers: ReadonlySet<string>): number {
    return numberFactorOf(queryNumbers, this.docTitleNumbers(docIndex));
  }

  unmatched(docIndex: number, queryContent: ContentTerms, language: Language): { queryUnmatched: number; docUnmatched: number } {
    const docContent = this.languageOf(docIndex) === language ? this.docContent(docIndex) : this.docContentStems(docIndex, language);
    return this.words.unmatchedBoth(queryContent, docContent);
  }

  /** The features of a shortlisted doc against the query, all but the fuzzy title similarity. */
  pairFeatures(candidate: Shortlisted, query: QueryView, queryContent: ContentTerms, queryNumbers: ReadonlySet<string>): PairFeatures {
    return {
      stemCosine: candidate.stemCosine,
      gramCosine: candidate.gramCosine,
      ...this.unmatched(candidate.docIndex, queryContent, query.language),
      numberFactor: this.numberFactor(candidate.docIndex, queryNumbers),
      titleSequence: titleSequenceSimilarity(query.sequenceTitle, this.sequenceTitleOf(candidate.docIndex)),
    };
  }

  /** Final scores of the shortlist, best first (ties by id). */
  rerank(query: QueryView, shortlist: readonly Shortlisted[]): Scored[] {
    const fuzzy = titleFuzzySimilarities(
      query.fuzzyTitle,
      shortlist.map(({ docIndex }) => this.data.fuzzyTitles.get(docIndex)),
    );
    const queryNumbers = titleNumbersOf(query.stems, query.titleCount, query.language);
    const queryContent = this.words.contentStems(query.stems, query.language, this.stemIdf);
    const scored = shortlist.map((candidate, i) => {
      const features = this.pairFeatures(candidate, query, queryContent, queryNumbers);
      return { ...features, docIndex: candidate.docIndex, score: finalScore(features, fuzzy[i] ?? 0) };
    });
    scored.sort((a, b) => b.score - a.score || compareCodeUnits(this.idOf(a.docIndex), this.idOf(b.docIndex)));
    return scored;
  }

  languageOf(docIndex: number): Language {
    return this.#docs.languageOf(docIndex);
  }

  isNearCopy(left: number, right: number): boolean {
    return this.#docs.isNearCopy(left, right);
  }

  docContent(doc: number): ContentTerms {
    return this.#docs.content(doc);
  }

  /** `isNearCopy` by rank among `scored`, each pair worked out once. */
  nearCopies(scored: readonly { docIndex: number }[]): (i: number, j: number) => boolean {
    const known = new Map<number, boolean>();
    return (i, j) => {
      const key = Math.min(i, j) * scored.length + Math.max(i, j);
      let near = known.get(key);
      if (near === undefined) {
        near = this.isNearCopy((scored[i] as { docIndex: number }).docIndex, (scored[j] as { docIndex: number }).docIndex);
        known.set(key, near);
      }
      return near;
    };
  }

  /** Stop words are left out: "och" shared by two ideas explains nothing. */
  sharedTermReasons(docIndex: number, queryWeights: ReadonlyMap<string, number>): MatchReason[] {
    const stops = stopWords(this.languageOf(docIndex));
    const reasons: MatchReason[] = [];
    const terms = this.docStemTerms(docIndex);
    const surface = this.data.surfaces.get(docIndex).split('\n');
    const { docStems } = this.data;
    const start = docStems.starts[docIndex] as number;
    for (const [field, counts] of [['title', docStems.titleCounts], ['text', docStems.textCounts]] as const) {
      const shared = terms
        .map((term, i) => ({ term, word: (surface[i] ?? '') || term, count: counts[start + i] as number }))
        .filter(({ term, word, count }) => count > 0 && queryWeights.has(term) && !stops.has(word))
        .sort((a, b) => (queryWeights.get(b.term) ?? 0) - (queryWeights.get(a.term) ?? 0))
        .slice(0, MAX_REASON_TERMS)
        .map(({ word }) => word);
      if (shared.length > 0) reasons.push({ field, terms: shared });
    }
    return reasons;
  }

  searchText(query: string, limit: number): SearchHit[] {
    const words = tokenize(query);
    const language = detectLanguage(words);
    const terms = contentWords(words, language).map((word) => stem(word, language));
    this.#keywords ??= new KeywordIndex(this.#keywordSource());
    return this.#keywords.search(terms, this.stemIdf, limit);
  }

  #keywordSource(): KeywordSource {
    const { stemKeys, docCount, surfaces, stems } = this.data;
    return {
      docCount,
      termCount: stemKeys.length,
      term: (termId) => stemKeys.get(termId),
      termId: (term) => this.stemId(term),
      postings: stems,
      id: this.idOf,
      surfaceWords: (docIndex) => {
        const surface = surfaces.get(docIndex).split('\n');
        return new Map(this.docStemTerms(docIndex).map((term, i) => [term, (surface[i] ?? '') || term]));
      },
    };
  }

  withChanges(changes: IndexChanges): SimilarityIndex {
    const added = (changes.add ?? []).map((doc) => (isAnalyzedDoc(doc) ? doc : analyzeDoc(doc)));
    const replaced = new Set([...(changes.remove ?? []), ...added.map((doc) => doc.id)]);
    const removed = new Uint8Array(this.data.docCount);
    for (let doc = 0; doc < this.data.docCount; doc += 1) if (replaced.has(this.idOf(doc))) removed[doc] = 1;
    return new RegisterIndex(changeIndexData(this.data, removed, added));
  }

  findDuplicatePairs<Key>(options: DuplicatePairOptions<Key>): DuplicatePair[] {
    return findDuplicatePairs(this, options);
  }

  serialize(label?: string): Uint8Array {
    return writeIndexData(this.data, label);
  }

  serializedParts(label?: string): Uint8Array[] {
    return indexDataParts(this.data, label);
  }
}

export type { RegisterIndex };

export function buildSimilarityIndex(docs: readonly (SimilarityDoc | AnalyzedDoc)[]): SimilarityIndex {
  const builder = createSimilarityIndexBuilder();
  for (const doc of docs) builder.add(doc);
  return builder.finish();
}

/** Builds an index one doc at a time; equal to `buildSimilarityIndex` over the same docs in the same order. */
export interface SimilarityIndexBuilder {
  add(doc: SimilarityDoc | AnalyzedDoc): void;
  /** The index of the docs added; the builder is spent. */
  finish(): SimilarityIndex;
}

/**
 * An index built incrementally: each doc is analysed (unless it already is)
 * and reduced to its terms as it is added, so the caller need not hold every
 * analysed doc at once.
 */
export function createSimilarityIndexBuilder(): SimilarityIndexBuilder {
  let builder: IndexDataBuilder | undefined = new IndexDataBuilder();
  return {
    add(doc) {
      if (builder === undefined) throw new Error('similarity index builder already finished');
      builder.add(isAnalyzedDoc(doc) ? doc : analyzeDoc(doc));
    },
    finish() {
      if (builder === undefined) throw new Error('similarity index builder already finished');
      const data = builder.finish();
      builder = undefined;
      return new RegisterIndex(data);
    },
  };
}

/** Loads an index saved by `serialize()`; throws `IndexFormatError` for data of another format or analysis version. */
export function deserializeSimilarityIndex(input: Uint8Array): SimilarityIndex {
  return new RegisterIndex(readIndexData(input));
}

export { ANALYSIS_VERSION };
