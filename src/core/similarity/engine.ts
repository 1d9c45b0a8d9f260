import { ANALYSIS_VERSION, analyzeFields, hashGram, isAnalyzedDoc, type AnalyzedDoc } from './analyze.js';
import { KeywordIndex, type KeywordSource } from './keyword-search.js';
import { charGrams, contentWords, detectLanguage, stem, stopWords, tokenize, type Language } from './text.js';
import { titleFuzzySimilarities } from './title-fuzzy.js';
import { TITLE_WEIGHT, termFrequencyWeight, VectorSpace, type DocTermMatrix, type QueryTerms } from './vector-space.js';
import type {
  IndexChanges,
  MatchReason,
  SearchHit,
  SearchOptions,
  SimilarityCandidate,
  SimilarityDoc,
  SimilarityIndex,
} from './types.js';

/** Only this many best docs by the cheap cosine features are re-ranked with fuse.js. */
const SHORTLIST_SIZE = 30;
/** Below this a candidate shares little more than a common word or a few letters. */
const MIN_CANDIDATE_SCORE = 0.05;
const MAX_REASON_TERMS = 6;

export { DEFAULT_DUPLICATE_THRESHOLD } from './threshold.js';

export function analyzeDoc(doc: SimilarityDoc): AnalyzedDoc {
  return analyzeFields(doc.id, doc.title, doc.text);
}

/**
 * Hand-set weights, checked on the dev sets. Char grams get the most weight
 * because they survive compounds, inflections and typos that split stems.
 */
const STEM_WEIGHT = 0.35;
const GRAM_WEIGHT = 0.45;
const FUZZY_WEIGHT = 0.2;
/** How much the share of content words without a counterpart costs (see `coverage`). */
const UNMATCHED_WEIGHT = 0.1;
/**
 * Titles that differ only in a number ("... 2.10" / "... 3.2", "30 km/h" / "40 km/h")
 * usually describe different things, which word overlap alone cannot see.
 */
const NUMBER_MISMATCH_PENALTY = 0.5;

/**
 * Logistic model of "this candidate is the duplicate", fitted on sweparaphrase-dev
 * only and checked on turku-dev and gitbugs-hadoop. The bias is shifted
 * (by logit(0.65) - logit(0.55)) so that the long-standing default threshold
 * of 0.65 in existing sluss.yaml files is the chosen operating point. Its main evidence is how
 * far the candidate stands out from the best other candidate: a one-word swap
 * in a short caption ("En man/katt tittar ut") scores high, but so do many
 * other captions, while a paraphrase stands alone.
 */
const CONFIDENCE_MODEL = {
  bias: -1.031,
  score: 0.76,
  margin: 3.02,
  relativeMargin: 4.56,
  queryUnmatched: -3.08,
  docUnmatched: -0.67,
};

/** Soft matching of words costs |query| x |doc| comparisons, so longer texts use exact stems only. */
const MAX_SOFT_MATCH_TERMS = 40;
const MIN_SOFT_MATCH = 0.4;
const AFFIX_MATCH = 0.9;
const MIN_AFFIX_LENGTH = 3;

const NUMBER = /^\p{N}[\p{N}.,:]*$/u;

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function numberMismatch(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  let shared = 0;
  for (const number of left) if (right.has(number)) shared += 1;
  const union = left.size + right.size - shared;
  return union === 0 ? 0 : (union - shared) / union;
}

/** The stored form of one doc: integer term ids into the index's dictionaries. */
interface StoredDoc {
  id: string;
  language: Language;
  fuzzyTitle: string;
  stems: Int32Array;
  /** Title count then text count per stem. */
  stemCounts: Uint16Array;
  /** Surface words aligned with `stems`, "" where the word is the stem itself. */
  surface: readonly string[];
  grams: Int32Array;
  gramCounts: Uint16Array;
  hasText: boolean;
}

/** Append-only term dictionaries, shared by an index and the indexes derived from it. */
class Dictionary<K> {
  readonly terms: K[];
  readonly #ids: Map<K, number>;

  constructor(terms: K[] = []) {
    this.terms = terms;
    this.#ids = new Map(terms.map((term, id) => [term, id]));
  }

  idOf(term: K): number {
    let id = this.#ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.#ids.set(term, id);
    }
    return id;
  }

  lookup(term: K): number {
    return this.#ids.get(term) ?? -1;
  }
}

function clampCounts(counts: readonly number[]): Uint16Array {
  return Uint16Array.from(counts, (count) => Math.min(count, 0xffff));
}

function hasTextCounts(counts: Uint16Array): boolean {
  for (let i = 1; i < counts.length; i += 2) if ((counts[i] as number) > 0) return true;
  return false;
}

function storeDoc(doc: AnalyzedDoc, stems: Dictionary<string>, grams: Dictionary<number>): StoredDoc {
  const stemCounts = clampCounts(doc.stemCounts);
  return {
    id: doc.id,
    language: doc.language,
    fuzzyTitle: doc.fuzzyTitle,
    stems: Int32Array.from(doc.stems, (term) => stems.idOf(term)),
    stemCounts,
    surface: doc.surface,
    grams: Int32Array.from(doc.grams, (gram) => grams.idOf(gram)),
    gramCounts: clampCounts(doc.gramCounts),
    hasText: hasTextCounts(stemCounts),
  };
}

type TermsOf = (doc: StoredDoc) => { terms: Int32Array; counts: Uint16Array };
const stemsOf: TermsOf = (doc) => ({ terms: doc.stems, counts: doc.stemCounts });
const gramsOf: TermsOf = (doc) => ({ terms: doc.grams, counts: doc.gramCounts });

function fieldWeight(titleCount: number, textCount: number, titleOnly: boolean): number {
  return titleOnly ? termFrequencyWeight(titleCount) : TITLE_WEIGHT * termFrequencyWeight(titleCount) + termFrequencyWeight(textCount);
}

function docTermMatrix(docs: readonly StoredDoc[], termCount: number, termsOf: TermsOf, titleOnly: boolean): DocTermMatrix {
  let entries = 0;
  for (const doc of docs) entries += termsOf(doc).terms.length;
  const docStarts = new Int32Array(docs.length + 1);
  const terms = new Int32Array(entries);
  const weights = new Float64Array(entries);
  let entry = 0;
  docs.forEach((doc, docIndex) => {
    const { terms: docTerms, counts } = termsOf(doc);
    for (let i = 0; i < docTerms.length; i += 1) {
      const weight = fieldWeight(counts[2 * i] as number, counts[2 * i + 1] as number, titleOnly);
      if (weight === 0) continue;
      terms[entry] = docTerms[i] as number;
      weights[entry] = weight;
      entry += 1;
    }
    docStarts[docIndex + 1] = entry;
  });
  return { docCount: docs.length, termCount, docStarts, terms, weights };
}

function queryTerms<K>(keys: readonly K[], counts: readonly number[], dictionary: Dictionary<K>, titleOnly: boolean): QueryTerms {
  const termIds: number[] = [];
  const weights: number[] = [];
  keys.forEach((key, i) => {
    const weight = fieldWeight(counts[2 * i] as number, counts[2 * i + 1] as number, titleOnly);
    if (weight === 0) return;
    termIds.push(dictionary.lookup(key));
    weights.push(weight);
  });
  return { termIds, weights };
}

interface Scored {
  docIndex: number;
  doc: StoredDoc;
  score: number;
  /** Below 1 when the titles differ in a number; it lowers the confidence as much as the score. */
  numberFactor: number;
  queryUnmatched: number;
  docUnmatched: number;
}

/** Format of `serialize()`; bumped whenever its layout changes. */
export const INDEX_FORMAT_VERSION = 1;
const MAGIC = 0x49534c53; // "SLSI" little-endian

class RegisterIndex implements SimilarityIndex {
  readonly #docs: readonly StoredDoc[];
  readonly #stemDictionary: Dictionary<string>;
  readonly #gramDictionary: Dictionary<number>;
  readonly #stemTermCount: number;
  readonly #gramTermCount: number;
  readonly #stems: VectorSpace;
  readonly #grams: VectorSpace;
  readonly #titleStems: VectorSpace;
  readonly #titleGrams: VectorSpace;
  #keywords: KeywordIndex | undefined;
  #gramCache = new Map<number, Set<string>>();

  constructor(docs: readonly StoredDoc[], stems: Dictionary<string>, grams: Dictionary<number>) {
    this.#docs = docs;
    this.#stemDictionary = stems;
    this.#gramDictionary = grams;
    this.#stemTermCount = stems.terms.length;
    this.#gramTermCount = grams.terms.length;
    this.#stems = new VectorSpace(docTermMatrix(docs, this.#stemTermCount, stemsOf, false));
    this.#grams = new VectorSpace(docTermMatrix(docs, this.#gramTermCount, gramsOf, false));
    this.#titleStems = new VectorSpace(docTermMatrix(docs, this.#stemTermCount, stemsOf, true));
    this.#titleGrams = new VectorSpace(docTermMatrix(docs, this.#gramTermCount, gramsOf, true));
  }

  get size(): number {
    return this.#docs.length;
  }

  #stemId(term: string): number {
    const id = this.#stemDictionary.lookup(term);
    return id < this.#stemTermCount ? id : -1;
  }

  findSimilar(query: { title: string; text: string }, options: SearchOptions): SimilarityCandidate[] {
    if (options.limit <= 0 || this.#docs.length === 0) return [];
    const analyzed = analyzeDoc({ id: '', title: query.title, text: query.text });
    const { stemCosines, gramCosines } = this.#cosines(analyzed);

    const shortlist: { docIndex: number; preliminary: number }[] = [];
    stemCosines.forEach((stemCosine, docIndex) => {
      const preliminary = STEM_WEIGHT * stemCosine + GRAM_WEIGHT * (gramCosines[docIndex] as number);
      if (preliminary <= 0 || options.exclude?.has((this.#docs[docIndex] as StoredDoc).id)) return;
      shortlist.push({ docIndex, preliminary });
    });
    const idOf = (docIndex: number) => (this.#docs[docIndex] as StoredDoc).id;
    shortlist.sort((a, b) => b.preliminary - a.preliminary || compareIds(idOf(a.docIndex), idOf(b.docIndex)));
    shortlist.length = Math.min(shortlist.length, SHORTLIST_SIZE);

    const shortlistDocs = shortlist.map(({ docIndex }) => this.#docs[docIndex] as StoredDoc);
    const fuzzy = titleFuzzySimilarities(
      analyzed.fuzzyTitle,
      shortlistDocs.map((doc) => doc.fuzzyTitle),
    );
    const queryNumbers = titleNumbersOf(analyzed.stems, analyzed.stemCounts);
    const queryStems = this.#contentStems(analyzed.stems, analyzed.language);
    const scored: Scored[] = shortlist.map(({ docIndex }, shortlistIndex) => {
      const doc = shortlistDocs[shortlistIndex] as StoredDoc;
      const docStems = this.#contentStems(
        Array.from(doc.stems, (id) => this.#stemDictionary.terms[id] as string),
        analyzed.language,
      );
      const soft = queryStems.size <= MAX_SOFT_MATCH_TERMS && docStems.size <= MAX_SOFT_MATCH_TERMS;
      const queryUnmatched = this.#unmatched(queryStems, docStems, soft);
      const docUnmatched = this.#unmatched(docStems, queryStems, soft);
      const docNumbers = titleNumbersOf(
        Array.from(doc.stems, (id) => this.#stemDictionary.terms[id] as string),
        doc.stemCounts,
      );
      const similarity =
        STEM_WEIGHT * (stemCosines[docIndex] as number) +
        GRAM_WEIGHT * (gramCosines[docIndex] as number) +
        FUZZY_WEIGHT * (fuzzy[shortlistIndex] ?? 0) -
        (UNMATCHED_WEIGHT * (queryUnmatched + docUnmatched)) / 2;
      const numberFactor = 1 - NUMBER_MISMATCH_PENALTY * numberMismatch(queryNumbers, docNumbers);
      return { docIndex, doc, score: Math.min(1, Math.max(0, similarity * numberFactor)), numberFactor, queryUnmatched, docUnmatched };
    });
    scored.sort((a, b) => b.score - a.score || compareIds(a.doc.id, b.doc.id));

    const best = scored[0]?.score ?? 0;
    const runnerUp = scored[1]?.score ?? 0;
    const queryWeights = this.#queryTermWeights(analyzed);
    return scored
      .filter(({ score }) => score >= MIN_CANDIDATE_SCORE)
      .slice(0, options.limit)
      .map((candidate, rank) => {
        const margin = candidate.score - (rank === 0 ? runnerUp : best);
        const confidence = candidate.numberFactor * sigmoid(
          CONFIDENCE_MODEL.bias +
            CONFIDENCE_MODEL.score * candidate.score +
            CONFIDENCE_MODEL.margin * margin +
            CONFIDENCE_MODEL.relativeMargin * (margin / Math.max(candidate.score, 1e-6)) +
            CONFIDENCE_MODEL.queryUnmatched * candidate.queryUnmatched +
            CONFIDENCE_MODEL.docUnmatched * candidate.docUnmatched,
        );
        const roundedConfidence = Math.round(confidence * 1000) / 1000;
        return {
          id: candidate.doc.id,
          score: Math.round(candidate.score * 1000) / 1000,
          confidence: roundedConfidence,
          likelyDuplicate: roundedConfidence >= options.threshold,
          reasons: this.#sharedTermReasons(candidate.doc, queryWeights),
        };
      });
  }

  /** Content stems with their IDF; stop words say nothing about whether two texts match. */
  #contentStems(stems: readonly string[], language: Language): Map<string, number> {
    const stops = stopWords(language);
    const content = new Map<string, number>();
    for (const term of stems) if (!stops.has(term)) content.set(term, this.#stems.idf(this.#stemId(term)));
    return content;
  }

  #gramsOfTerm(term: string): Set<string> {
    const key = hashGram(term);
    let grams = this.#gramCache.get(key);
    if (grams === undefined) {
      if (this.#gramCache.size > 10_000) this.#gramCache = new Map();
      grams = new Set(charGrams(term));
      this.#gramCache.set(key, grams);
    }
    return grams;
  }

  #softMatch(left: string, right: string): number {
    const shorter = Math.min(left.length, right.length);
    if (shorter >= MIN_AFFIX_LENGTH && (left.startsWith(right) || right.startsWith(left) || left.endsWith(right) || right.endsWith(left))) {
      return AFFIX_MATCH;
    }
    const a = this.#gramsOfTerm(left);
    const b = this.#gramsOfTerm(right);
    let shared = 0;
    for (const gram of a) if (b.has(gram)) shared += 1;
    const dice = (2 * shared) / (a.size + b.size);
    return dice >= MIN_SOFT_MATCH ? dice : 0;
  }

  /**
   * The IDF-weighted share of `from`'s content words with no counterpart in
   * `to`. A counterpart is the same stem or, in short texts, a compound part,
   * an inflection the stemmer missed or a near spelling (partial credit).
   */
  #unmatched(from: ReadonlyMap<string, number>, to: ReadonlyMap<string, number>, soft: boolean): number {
    let total = 0;
    let missing = 0;
    for (const [term, weight] of from) {
      total += weight;
      if (to.has(term)) continue;
      let best = 0;
      if (soft) for (const other of to.keys()) best = Math.max(best, this.#softMatch(term, other));
      missing += weight * (1 - best);
    }
    return total === 0 ? 0 : missing / total;
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
    this.#stems.accumulate(queryTerms(query.stems, query.stemCounts, this.#stemDictionary, false), stemCosines);
    this.#grams.accumulate(queryTerms(query.grams, query.gramCounts, this.#gramDictionary, false), gramCosines);
    const titleStemCosines = new Float64Array(docCount);
    const titleGramCosines = new Float64Array(docCount);
    this.#titleStems.accumulate(queryTerms(query.stems, query.stemCounts, this.#stemDictionary, true), titleStemCosines);
    this.#titleGrams.accumulate(queryTerms(query.grams, query.gramCounts, this.#gramDictionary, true), titleGramCosines);
    const queryHasText = hasTextCounts(clampCounts(query.stemCounts));
    for (let docIndex = 0; docIndex < docCount; docIndex += 1) {
      if (queryHasText && (this.#docs[docIndex] as StoredDoc).hasText) continue;
      stemCosines[docIndex] = Math.max(stemCosines[docIndex] as number, titleStemCosines[docIndex] as number);
      gramCosines[docIndex] = Math.max(gramCosines[docIndex] as number, titleGramCosines[docIndex] as number);
    }
    return { stemCosines, gramCosines };
  }

  /** How much each query stem says about the query, to order the terms in reasons. */
  #queryTermWeights(query: AnalyzedDoc): Map<string, number> {
    const weights = new Map<string, number>();
    for (const term of query.stems) weights.set(term, this.#stems.idf(this.#stemId(term)));
    return weights;
  }

  /** Stop words are left out: "och" shared by two ideas explains nothing. */
  #sharedTermReasons(doc: StoredDoc, queryWeights: ReadonlyMap<string, number>): MatchReason[] {
    const stops = stopWords(doc.language);
    const reasons: MatchReason[] = [];
    const terms = Array.from(doc.stems, (id) => this.#stemDictionary.terms[id] as string);
    for (const [field, offset] of [['title', 0], ['text', 1]] as const) {
      const shared = terms
        .map((term, i) => ({ term, word: (doc.surface[i] ?? '') || term, count: doc.stemCounts[2 * i + offset] as number }))
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
    return this.#keywords.search(terms, (term) => this.#stems.idf(this.#stemId(term)), limit);
  }

  #keywordSource(): KeywordSource {
    const docs = this.#docs;
    const vocabulary = this.#stemDictionary.terms;
    return {
      docCount: docs.length,
      forEachStem(docIndex, visit) {
        const doc = docs[docIndex] as StoredDoc;
        doc.stems.forEach((id, i) => visit(vocabulary[id] as string, (doc.stemCounts[2 * i] as number) > 0, (doc.stemCounts[2 * i + 1] as number) > 0));
      },
      id: (docIndex) => (docs[docIndex] as StoredDoc).id,
      surfaceWords(docIndex) {
        const doc = docs[docIndex] as StoredDoc;
        return new Map(Array.from(doc.stems, (id, i) => [vocabulary[id] as string, (doc.surface[i] ?? '') || (vocabulary[id] as string)]));
      },
    };
  }

  withChanges(changes: IndexChanges): SimilarityIndex {
    const added = (changes.add ?? []).map((doc) => (isAnalyzedDoc(doc) ? doc : analyzeDoc(doc)));
    const replaced = new Set([...(changes.remove ?? []), ...added.map((doc) => doc.id)]);
    const kept = this.#docs.filter((doc) => !replaced.has(doc.id));
    const stems = this.#stemDictionary;
    const grams = this.#gramDictionary;
    // Dictionaries only grow, so the terms this index knows keep their ids and it stays valid.
    return new RegisterIndex(kept.concat(added.map((doc) => storeDoc(doc, stems, grams))), stems, grams);
  }

  serialize(): Uint8Array {
    return serializeDocs(this.#docs, this.#stemDictionary.terms.slice(0, this.#stemTermCount), this.#gramDictionary.terms.slice(0, this.#gramTermCount));
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function titleNumbersOf(stems: readonly string[], counts: ArrayLike<number>): Set<string> {
  const numbers = new Set<string>();
  stems.forEach((term, i) => {
    if ((counts[2 * i] as number) > 0 && NUMBER.test(term)) numbers.add(term);
  });
  return numbers;
}

export function buildSimilarityIndex(docs: readonly (SimilarityDoc | AnalyzedDoc)[]): SimilarityIndex {
  const stems = new Dictionary<string>();
  const grams = new Dictionary<number>();
  const stored = docs.map((doc) => storeDoc(isAnalyzedDoc(doc) ? doc : analyzeDoc(doc), stems, grams));
  return new RegisterIndex(stored, stems, grams);
}

interface SerializedHeader {
  format: number;
  analysisVersion: number;
  docCount: number;
  /** Per doc: id, language, fuzzy title, surface words joined by "\n". */
  docs: [string, Language, string, string][];
  stems: string[];
  gramCount: number;
  stemEntries: number;
  gramEntries: number;
}

/**
 * Layout: magic (u32), header length (u32), JSON header, padding to 4 bytes,
 * then little-endian typed arrays: gram hashes (i32), per-doc stem starts and
 * gram starts (i32, docCount + 1 each), stem ids (i32), gram ids (i32), stem
 * counts (u16, 2 per entry), gram counts (u16, 2 per entry).
 */
function serializeDocs(docs: readonly StoredDoc[], stems: readonly string[], grams: readonly number[]): Uint8Array {
  let stemEntries = 0;
  let gramEntries = 0;
  for (const doc of docs) {
    stemEntries += doc.stems.length;
    gramEntries += doc.grams.length;
  }
  const header: SerializedHeader = {
    format: INDEX_FORMAT_VERSION,
    analysisVersion: ANALYSIS_VERSION,
    docCount: docs.length,
    docs: docs.map((doc) => [doc.id, doc.language, doc.fuzzyTitle, doc.surface.join('\n')]),
    stems: [...stems],
    gramCount: grams.length,
    stemEntries,
    gramEntries,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const headerEnd = 8 + headerBytes.length;
  const bodyStart = Math.ceil(headerEnd / 4) * 4;
  const int32Count = grams.length + 2 * (docs.length + 1) + stemEntries + gramEntries;
  const total = bodyStart + 4 * int32Count + 4 * (stemEntries + gramEntries);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, headerBytes.length, true);
  bytes.set(headerBytes, 8);
  const ints = new Int32Array(bytes.buffer, bodyStart, int32Count);
  let at = 0;
  for (const gram of grams) ints[at++] = gram;
  const stemStarts = at;
  at += docs.length + 1;
  const gramStarts = at;
  at += docs.length + 1;
  let stemAt = at;
  let gramAt = at + stemEntries;
  const shorts = new Uint16Array(bytes.buffer, bodyStart + 4 * int32Count, 2 * (stemEntries + gramEntries));
  let stemCountAt = 0;
  let gramCountAt = 2 * stemEntries;
  docs.forEach((doc, docIndex) => {
    ints[stemStarts + docIndex] = stemAt - at;
    ints[gramStarts + docIndex] = gramAt - at - stemEntries;
    ints.set(doc.stems, stemAt);
    stemAt += doc.stems.length;
    ints.set(doc.grams, gramAt);
    gramAt += doc.grams.length;
    shorts.set(doc.stemCounts, stemCountAt);
    stemCountAt += doc.stemCounts.length;
    shorts.set(doc.gramCounts, gramCountAt);
    gramCountAt += doc.gramCounts.length;
  });
  ints[stemStarts + docs.length] = stemEntries;
  ints[gramStarts + docs.length] = gramEntries;
  return bytes;
}

/** Thrown when serialised data is not an index of this format and analysis version. */
export class IndexFormatError extends Error {}

/** Reads the format and analysis version of serialised data, so a cache can tell whether it is stale. */
export function serializedIndexVersion(data: Uint8Array): { format: number; analysisVersion: number } | undefined {
  try {
    const header = readHeader(data);
    return { format: header.format, analysisVersion: header.analysisVersion };
  } catch {
    return undefined;
  }
}

function readHeader(data: Uint8Array): SerializedHeader {
  if (data.byteLength < 8) throw new IndexFormatError('not a similarity index');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new IndexFormatError('not a similarity index');
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > data.byteLength) throw new IndexFormatError('truncated similarity index');
  return JSON.parse(new TextDecoder().decode(data.subarray(8, 8 + headerLength))) as SerializedHeader;
}

/** Loads an index saved by `serialize()`; throws `IndexFormatError` for data of another format or analysis version. */
export function deserializeSimilarityIndex(input: Uint8Array): SimilarityIndex {
  // Typed-array views need 4-byte alignment; a Buffer from a pool may not have it.
  const data = input.byteOffset % 4 === 0 ? input : input.slice();
  const header = readHeader(data);
  if (header.format !== INDEX_FORMAT_VERSION || header.analysisVersion !== ANALYSIS_VERSION) {
    throw new IndexFormatError(`similarity index format ${header.format}/${header.analysisVersion}, expected ${INDEX_FORMAT_VERSION}/${ANALYSIS_VERSION}`);
  }
  const headerLength = new DataView(data.buffer, data.byteOffset, 8).getUint32(4, true);
  const bodyStart = Math.ceil((8 + headerLength) / 4) * 4;
  const { docCount, stemEntries, gramEntries, gramCount } = header;
  const int32Count = gramCount + 2 * (docCount + 1) + stemEntries + gramEntries;
  const expected = bodyStart + 4 * int32Count + 4 * (stemEntries + gramEntries);
  if (data.byteLength !== expected) throw new IndexFormatError('truncated similarity index');
  const ints = new Int32Array(data.buffer, data.byteOffset + bodyStart, int32Count);
  const shorts = new Uint16Array(data.buffer, data.byteOffset + bodyStart + 4 * int32Count, 2 * (stemEntries + gramEntries));
  const grams = Array.from(ints.subarray(0, gramCount));
  const stemStarts = gramCount;
  const gramStarts = stemStarts + docCount + 1;
  const stemBase = gramStarts + docCount + 1;
  const gramBase = stemBase + stemEntries;
  const docs: StoredDoc[] = header.docs.map(([id, language, fuzzyTitle, surface], docIndex) => {
    const stemStart = ints[stemStarts + docIndex] as number;
    const stemEnd = ints[stemStarts + docIndex + 1] as number;
    const gramStart = ints[gramStarts + docIndex] as number;
    const gramEnd = ints[gramStarts + docIndex + 1] as number;
    const stemCounts = shorts.subarray(2 * stemStart, 2 * stemEnd);
    return {
      id,
      language,
      fuzzyTitle,
      stems: ints.subarray(stemBase + stemStart, stemBase + stemEnd),
      stemCounts,
      surface: surface === '' ? new Array<string>(stemEnd - stemStart).fill('') : surface.split('\n'),
      grams: ints.subarray(gramBase + gramStart, gramBase + gramEnd),
      gramCounts: shorts.subarray(2 * (stemEntries + gramStart), 2 * (stemEntries + gramEnd)),
      hasText: hasTextCounts(stemCounts),
    };
  });
  return new RegisterIndex(docs, new Dictionary(header.stems), new Dictionary(grams));
}
