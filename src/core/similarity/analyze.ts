import { charGrams, detectLanguage, stem, tokenize, type Language } from './text.js';

/**
 * Bumped whenever analysis changes, so a cache of analysed docs (or of a
 * serialised index) can tell that its entries are stale.
 * 2: flat per-field counts and character grams hashed to integers.
 * 3: Swedish definite endings "-et" and "-an" cut from stems.
 * 4: ... also from shorter stems ("huset", "apan"), never from stop words.
 */
export const ANALYSIS_VERSION = 4;

/**
 * Everything the index needs from one doc; plain JSON, so it can be cached per
 * file. Kept small: terms are listed once with their counts in title and text,
 * and character grams are 32-bit hashes instead of strings.
 */
export interface AnalyzedDoc {
  analysisVersion: typeof ANALYSIS_VERSION;
  id: string;
  language: Language;
  /**
   * Folded title words, the string fuse.js compares. Stop words stay: in short
   * titles they carry much of the meaning ("inte", "utan").
   */
  fuzzyTitle: string;
  /** Distinct stems, in order of first occurrence (title first). */
  stems: string[];
  /** Per stem, its count in the title then in the text: `[t0, x0, t1, x1, ...]`. */
  stemCounts: number[];
  /** Per stem, the first word seen for it when that differs from the stem, else "". Reasons read as words. */
  surface: string[];
  /** Distinct character-gram hashes, in order of first occurrence (title first). */
  grams: number[];
  /** Per gram, its count in the title then in the text. */
  gramCounts: number[];
}

/** FNV-1a over UTF-16 code units; collisions among a register's grams are rare and harmless. */
export function hashGram(gram: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < gram.length; i += 1) {
    hash ^= gram.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

class Counter<K> {
  readonly keys: K[] = [];
  readonly counts: number[] = [];
  readonly #slots = new Map<K, number>();

  add(key: K, field: 0 | 1): number {
    let slot = this.#slots.get(key);
    if (slot === undefined) {
      slot = this.keys.length;
      this.#slots.set(key, slot);
      this.keys.push(key);
      this.counts.push(0, 0);
    }
    this.counts[2 * slot + field] = (this.counts[2 * slot + field] as number) + 1;
    return slot;
  }
}

export function isAnalyzedDoc(value: unknown): value is AnalyzedDoc {
  return typeof value === 'object' && value !== null && (value as Partial<AnalyzedDoc>).analysisVersion === ANALYSIS_VERSION;
}

/** The language is decided on title and text together, so both fields stem alike. */
export function analyzeFields(id: string, title: string, text: string): AnalyzedDoc {
  const titleWords = tokenize(title);
  const textWords = tokenize(text);
  const language = detectLanguage(titleWords.concat(textWords));
  const stems = new Counter<string>();
  const grams = new Counter<number>();
  const surface: string[] = [];
  for (const [words, field] of [[titleWords, 0], [textWords, 1]] as const) {
    for (const word of words) {
      const stemmed = stem(word, language);
      const slot = stems.add(stemmed, field);
      if (slot === surface.length) surface.push(word === stemmed ? '' : word);
      for (const gram of charGrams(word)) grams.add(hashGram(gram), field);
    }
  }
  return {
    analysisVersion: ANALYSIS_VERSION,
    id,
    language,
    fuzzyTitle: titleWords.join(' '),
    stems: stems.keys,
    stemCounts: stems.counts,
    surface,
    grams: grams.keys,
    gramCounts: grams.counts,
  };
}
