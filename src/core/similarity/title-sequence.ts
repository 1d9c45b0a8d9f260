import { stem, type Language } from './text.js';

/** Longer titles are compared by their start: the cost grows with the product of the lengths. */
export const MAX_SEQUENCE_CHARS = 200;

const MARKS = /\p{M}/gu;

/**
 * A title as `titleSequenceSimilarity` reads it: its words (an analysed doc's
 * `fuzzyTitle`) stemmed, joined by spaces, without diacritics, so that
 * umlaut alternations ("man" / "män", "stad" / "städer") differ in no letter.
 */
export function sequenceTitleOf(words: string, language: Language): string {
  return words
    .split(' ')
    .filter((word) => word !== '')
    .map((word) => stem(word, language))
    .join(' ')
    .normalize('NFD')
    .replace(MARKS, '')
    .normalize('NFC');
}

/**
 * Letter-level likeness of two titles of `sequenceTitleOf`: their longest common
 * subsequence of characters as a share of both lengths (Dice). Stemming first
 * lines up inflected forms ("mannen sitter" / "en man sitter"); comparing
 * letters, in order, credits shared compound parts and near spellings that
 * whole stems miss, and word order that bags of words ignore. Symmetric.
 */
export function titleSequenceSimilarity(left: string, right: string): number {
  const a = left.length > MAX_SEQUENCE_CHARS ? left.slice(0, MAX_SEQUENCE_CHARS) : left;
  const b = right.length > MAX_SEQUENCE_CHARS ? right.slice(0, MAX_SEQUENCE_CHARS) : right;
  if (a.length === 0 || b.length === 0) return 0;
  const row = new Int32Array(b.length + 1);
  for (let i = 0; i < a.length; i += 1) {
    const char = a.charCodeAt(i);
    let diagonal = 0;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j] as number;
      row[j] = b.charCodeAt(j - 1) === char ? diagonal + 1 : Math.max(above, row[j - 1] as number);
      diagonal = above;
    }
  }
  return (2 * (row[b.length] as number)) / (a.length + b.length);
}
