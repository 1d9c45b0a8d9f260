/**
 * What the index (engine.ts) works out about its own docs' words for the
 * second stage and the pair scan: a doc's stems, its content words with their
 * IDF, the numbers in its title, and whether two docs are near-copies of each
 * other. The pair scan asks for these about a million times at 50,000 ideas,
 * so each is kept where it is cheap to keep: IDFs per stem and title numbers
 * per doc for the life of the index, content words for the recently used
 * docs only (recent-docs.ts).
 */
import { isNearCopy } from './confidence.js';
import { LANGUAGES, type IndexData } from './index-data.js';
import { smoothedIdf } from './postings.js';
import { RecentDocs } from './recent-docs.js';
import { numberFactorOf, titleNumbersOf } from './rerank.js';
import { synonymsFor } from './synonyms.js';
import { stopWords, type Language } from './text.js';
import type { ContentTerms, WordMatcher } from './word-matcher.js';

/** Most titles have no number: they share one empty set. */
const NO_NUMBERS: ReadonlySet<string> = new Set();

export class DocWords {
  readonly #recent = new RecentDocs<ContentTerms>();
  #stemIdfs: Float64Array | undefined;
  #titleNumbers: (ReadonlySet<string> | undefined)[] | undefined;

  constructor(
    readonly data: IndexData,
    readonly words: WordMatcher,
  ) {}

  languageOf(docIndex: number): Language {
    return LANGUAGES[this.data.languages[docIndex] as number] as Language;
  }

  /** The doc's distinct stems in analysis order (title first). */
  stemTerms(docIndex: number): string[] {
    const { docStems } = this.data;
    const terms: string[] = [];
    const end = docStems.starts[docIndex + 1] as number;
    for (let entry = docStems.starts[docIndex] as number; entry < end; entry += 1) terms.push(this.data.stemKeys.get(docStems.terms[entry] as number));
    return terms;
  }

  /**
   * The content stems of a doc as seen from a query in `language`. A doc's
   * stems are distinct term ids already, so their IDF needs no lookup by
   * string and is worked out once per term.
   */
  contentStems(docIndex: number, language: Language): ContentTerms {
    return this.#contentStemsInto(docIndex, language, this.words.contentOf([], [], language));
  }

  #contentStemsInto(docIndex: number, language: Language, content: ContentTerms): ContentTerms {
    const { docStems, stemKeys } = this.data;
    const stops = stopWords(language);
    const { terms, weights } = content;
    const end = docStems.starts[docIndex + 1] as number;
    for (let entry = docStems.starts[docIndex] as number; entry < end; entry += 1) {
      const id = docStems.terms[entry] as number;
      const term = stemKeys.get(id);
      if (stops.has(term)) continue;
      terms.push(term);
      weights.push(this.#idfOfStem(id));
    }
    return content;
  }

  #idfOfStem(id: number): number {
    const idfs = (this.#stemIdfs ??= new Float64Array(this.data.stemKeys.length).fill(-1));
    let idf = idfs[id] as number;
    if (idf < 0) {
      const { stems, docCount } = this.data;
      idf = smoothedIdf((stems.starts[id + 1] as number) - (stems.starts[id] as number), docCount);
      idfs[id] = idf;
    }
    return idf;
  }

  /** A doc's content stems in its own language, kept while it is among the recent docs, with the indexes matching builds on them. */
  content(docIndex: number): ContentTerms {
    return this.#recent.get(docIndex, () => this.contentStems(docIndex, this.languageOf(docIndex)));
  }

  /**
   * The other side of a near-copy check: its words are only read, so a doc
   * not among the recent ones is written into one reused object, not kept.
   * Most of a million such sides at 50,000 ideas are never asked for again.
   */
  #otherSide(docIndex: number): ContentTerms {
    const kept = this.#recent.peek(docIndex);
    if (kept !== undefined) return kept;
    const language = this.languageOf(docIndex);
    const scratch = (this.#scratch ??= this.words.contentOf([], [], language));
    scratch.terms.length = 0;
    scratch.weights.length = 0;
    scratch.synonyms = synonymsFor(language);
    return this.#contentStemsInto(docIndex, language, scratch);
  }

  #scratch: ContentTerms | undefined;

  /** The numbers in a doc's title, as `titleNumbersOf` finds them. */
  titleNumbers(docIndex: number): ReadonlySet<string> {
    const cached = (this.#titleNumbers ??= new Array<ReadonlySet<string> | undefined>(this.data.docCount));
    let numbers = cached[docIndex];
    if (numbers === undefined) {
      const { docStems } = this.data;
      const start = docStems.starts[docIndex] as number;
      const found = titleNumbersOf(this.stemTerms(docIndex), (i) => docStems.titleCounts[start + i] as number, this.languageOf(docIndex));
      numbers = found.size === 0 ? NO_NUMBERS : found;
      cached[docIndex] = numbers;
    }
    return numbers;
  }

  /**
   * Whether two docs are near-copies of each other (`isNearCopy`). Docs in two
   * languages never are. The word matching is symmetric (so is the synonym
   * table), so the answer is the same whichever is asked about first.
   */
  isNearCopy(left: number, right: number): boolean {
    if (this.languageOf(left) !== this.languageOf(right)) return false;
    const numberFactor = numberFactorOf(this.titleNumbers(left), this.titleNumbers(right));
    if (!isNearCopy({ leftUnmatched: 0, rightUnmatched: 0, numberFactor })) return false;
    // The side whose gram index is built is the query; else the right one, which the pair scan asks about
    // again and again (the best candidate against each of the others).
    const leftIsQuery = this.#recent.peek(left)?.gramIndex !== undefined && this.#recent.peek(right)?.gramIndex === undefined;
    const [queryDoc, otherDoc] = leftIsQuery ? [left, right] : [right, left];
    const found = this.words.unmatchedBoth(this.content(queryDoc), this.#otherSide(otherDoc));
    return isNearCopy({ leftUnmatched: found.queryUnmatched, rightUnmatched: found.docUnmatched, numberFactor });
  }
}
