import { charGrams, detectLanguage, stem, tokenize, type Language } from './text.js';

/** A term and how often it occurs; tuples keep the cached JSON small. */
export type TermCount = [term: string, count: number];

/**
 * Bumped whenever analysis changes, so a cache of analysed docs can tell that
 * its entries are stale.
 */
export const ANALYSIS_VERSION = 1;

/** Everything the index needs from one doc; plain JSON, so it can be cached per file. */
export interface AnalyzedDoc {
  analysisVersion: typeof ANALYSIS_VERSION;
  id: string;
  language: Language;
  /**
   * Folded title words, the string fuse.js compares. Stop words stay: in short
   * titles they carry much of the meaning ("inte", "utan").
   */
  fuzzyTitle: string;
  titleStems: TermCount[];
  textStems: TermCount[];
  titleGrams: TermCount[];
  textGrams: TermCount[];
  /** The first word seen for each stem, so match reasons read as words, not stems. */
  surfaceWords: [stem: string, word: string][];
}

export interface FieldAnalysis {
  stems: TermCount[];
  grams: TermCount[];
  /** The field's words joined by single spaces. */
  fuzzy: string;
}

function countTerms(terms: Iterable<string>): TermCount[] {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return [...counts];
}

export function analyzeField(words: readonly string[], language: Language, surface: Map<string, string>): FieldAnalysis {
  const stems: string[] = [];
  for (const word of words) {
    const stemmed = stem(word, language);
    stems.push(stemmed);
    if (!surface.has(stemmed)) surface.set(stemmed, word);
  }
  return {
    stems: countTerms(stems),
    grams: countTerms(words.flatMap(charGrams)),
    fuzzy: words.join(' '),
  };
}

export function isAnalyzedDoc(value: unknown): value is AnalyzedDoc {
  return typeof value === 'object' && value !== null && (value as Partial<AnalyzedDoc>).analysisVersion === ANALYSIS_VERSION;
}

/** The language is decided on title and text together, so both fields stem alike. */
export function analyzeText(
  title: string,
  text: string,
): { language: Language; title: FieldAnalysis; text: FieldAnalysis; surface: Map<string, string> } {
  const titleWords = tokenize(title);
  const textWords = tokenize(text);
  const language = detectLanguage(titleWords.concat(textWords));
  const surface = new Map<string, string>();
  return {
    language,
    title: analyzeField(titleWords, language, surface),
    text: analyzeField(textWords, language, surface),
    surface,
  };
}
