/**
 * `search/words.bin` of the site (docs/SITE-INDEX.md): the words the
 * duplicate engine analyses in each idea, as `tokenize` finds them, so the
 * browser builds the same index `sluss similar` ranks against. Words instead
 * of the CLI's saved index: the saved index holds postings of every stem and
 * character gram, which a browser can derive from the words; sent as words,
 * the index of a thousand ideas is a twentieth of the bytes.
 *
 * Per idea the file keeps the title's words in order (the title is compared
 * as a sequence too) and the text's distinct words in the order they first
 * occur, each with its count. Analysis depends on nothing else: stems, word
 * forms, character grams and their counts, and the language follow from the
 * words in that order (`analyzedDocOf`, checked against the core's
 * `analyzeFields` by test/unit/site-words.test.ts).
 *
 * Layout: "SLSW", then unsigned LEB128 numbers: the format version; the
 * vocabulary's length in bytes and the vocabulary (UTF-8, words separated by
 * "\n", most frequent first, so common words take one byte); the number of
 * ideas; per idea the number of title words and their word numbers, then the
 * number of distinct text words and for each its word number and count.
 */
import { ANALYSIS_VERSION, hashGram, type AnalyzedDoc } from '../../core/similarity/analyze.js';
import { charGrams, detectLanguage, stem, tokenize, type Language } from '../../core/similarity/text.js';

const MAGIC = 'SLSW';
/** Bumped whenever the layout of words.bin changes. */
export const SITE_WORDS_FORMAT = 1;

/** One idea as the engine reads it: the words of its title in order, and its text's distinct words with their counts. */
export interface SiteWordsDoc {
  title: string[];
  text: [word: string, count: number][];
}

/** The words of an idea's title and text (`similarityDoc`), as the engine's `tokenize` finds them. */
export function siteWordsOf(title: string, text: string): SiteWordsDoc {
  const counts = new Map<string, number>();
  for (const word of tokenize(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return { title: tokenize(title), text: [...counts] };
}

class ByteWriter {
  #bytes = new Uint8Array(1 << 16);
  #length = 0;

  #room(extra: number): void {
    if (this.#length + extra <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(this.#bytes.length * 2, this.#length + extra));
    grown.set(this.#bytes.subarray(0, this.#length));
    this.#bytes = grown;
  }

  number(value: number): void {
    this.#room(5);
    let rest = value;
    while (rest >= 0x80) {
      this.#bytes[this.#length++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.#bytes[this.#length++] = rest;
  }

  append(bytes: Uint8Array): void {
    this.#room(bytes.length);
    this.#bytes.set(bytes, this.#length);
    this.#length += bytes.length;
  }

  finish(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }
}

export function encodeSiteWords(docs: readonly SiteWordsDoc[]): Uint8Array {
  const frequency = new Map<string, number>();
  const count = (word: string, n: number) => frequency.set(word, (frequency.get(word) ?? 0) + n);
  for (const doc of docs) {
    for (const word of doc.title) count(word, 1);
    for (const [word, n] of doc.text) count(word, n);
  }
  const vocabulary = [...frequency.keys()].sort((a, b) => (frequency.get(b) as number) - (frequency.get(a) as number) || (a < b ? -1 : a > b ? 1 : 0));
  const numberOf = new Map(vocabulary.map((word, i) => [word, i]));
  const out = new ByteWriter();
  out.append(new TextEncoder().encode(MAGIC));
  out.number(SITE_WORDS_FORMAT);
  const text = new TextEncoder().encode(vocabulary.join('\n'));
  out.number(text.length);
  out.append(text);
  out.number(docs.length);
  for (const doc of docs) {
    out.number(doc.title.length);
    for (const word of doc.title) out.number(numberOf.get(word) as number);
    out.number(doc.text.length);
    for (const [word, n] of doc.text) {
      out.number(numberOf.get(word) as number);
      out.number(n);
    }
  }
  return out.finish();
}

export class SiteWordsError extends Error {}

class ByteReader {
  #at = 0;
  constructor(readonly bytes: Uint8Array) {}

  number(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (this.#at >= this.bytes.length) throw new SiteWordsError('words.bin ends too early');
      const byte = this.bytes[this.#at++] as number;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw new SiteWordsError('words.bin holds a number that is too long');
  }

  take(length: number): Uint8Array {
    if (this.#at + length > this.bytes.length) throw new SiteWordsError('words.bin ends too early');
    const part = this.bytes.subarray(this.#at, this.#at + length);
    this.#at += length;
    return part;
  }

  get done(): boolean {
    return this.#at === this.bytes.length;
  }
}

/** The ideas of words.bin, in the order they were written; throws `SiteWordsError` for anything else. */
export function decodeSiteWords(bytes: Uint8Array): SiteWordsDoc[] {
  const input = new ByteReader(bytes);
  if (new TextDecoder().decode(input.take(MAGIC.length)) !== MAGIC) throw new SiteWordsError('not a words.bin of sluss site');
  const format = input.number();
  if (format !== SITE_WORDS_FORMAT) throw new SiteWordsError(`words.bin format ${format}, this page reads ${SITE_WORDS_FORMAT}`);
  const vocabulary = new TextDecoder().decode(input.take(input.number())).split('\n');
  const word = (n: number) => {
    if (n >= vocabulary.length) throw new SiteWordsError('words.bin names a word it does not hold');
    return vocabulary[n] as string;
  };
  const docs: SiteWordsDoc[] = [];
  for (let remaining = input.number(); remaining > 0; remaining -= 1) {
    const title: string[] = [];
    for (let n = input.number(); n > 0; n -= 1) title.push(word(input.number()));
    const text: [string, number][] = [];
    for (let n = input.number(); n > 0; n -= 1) text.push([word(input.number()), input.number()]);
    docs.push({ title, text });
  }
  if (!input.done) throw new SiteWordsError('words.bin has bytes after its last idea');
  return docs;
}

/** Slots in first-seen order with a count per field, as the core's analysis counts stems and grams. */
class FieldCounter<K> {
  readonly keys: K[] = [];
  readonly counts: number[] = [];
  readonly #slots = new Map<K, number>();

  add(key: K, title: number, text: number): boolean {
    let slot = this.#slots.get(key);
    const added = slot === undefined;
    if (slot === undefined) {
      slot = this.keys.length;
      this.#slots.set(key, slot);
      this.keys.push(key);
      this.counts.push(0, 0);
    }
    this.counts[2 * slot] = (this.counts[2 * slot] as number) + title;
    this.counts[2 * slot + 1] = (this.counts[2 * slot + 1] as number) + text;
    return added;
  }
}

/**
 * Analyses ideas from their words as the core's `analyzeFields` analyses
 * their text. Each distinct word is stemmed and cut into grams once for all
 * ideas (the core memoises stems; grams are remembered here), which is what
 * makes building the index in the browser fast.
 */
export class WordsAnalyzer {
  readonly #grams = new Map<string, number[]>();

  #gramsOf(word: string): number[] {
    let grams = this.#grams.get(word);
    if (grams === undefined) {
      grams = charGrams(word).map(hashGram);
      this.#grams.set(word, grams);
    }
    return grams;
  }

  analyze(id: string, doc: SiteWordsDoc): AnalyzedDoc {
    // Every distinct word in the order it first occurs in the title, then the text, with its count in each.
    const words = new FieldCounter<string>();
    for (const word of doc.title) words.add(word, 1, 0);
    for (const [word, count] of doc.text) words.add(word, 0, count);
    const language = languageOf(words);
    const stems = new FieldCounter<string>();
    const surface: string[] = [];
    const grams = new FieldCounter<number>();
    words.keys.forEach((word, slot) => {
      const title = words.counts[2 * slot] as number;
      const text = words.counts[2 * slot + 1] as number;
      const stemmed = stem(word, language);
      if (stems.add(stemmed, title, text)) surface.push(word === stemmed ? '' : word);
      for (const gram of this.#gramsOf(word)) grams.add(gram, title, text);
    });
    return {
      analysisVersion: ANALYSIS_VERSION,
      id,
      language,
      fuzzyTitle: doc.title.join(' '),
      stems: stems.keys,
      stemCounts: stems.counts,
      surface,
      grams: grams.keys,
      gramCounts: grams.counts,
    };
  }
}

/** `detectLanguage` counts every occurrence of a word; here each distinct word as often as it occurs. */
function languageOf(words: FieldCounter<string>): Language {
  const all: string[] = [];
  words.keys.forEach((word, slot) => {
    for (let n = (words.counts[2 * slot] as number) + (words.counts[2 * slot + 1] as number); n > 0; n -= 1) all.push(word);
  });
  return detectLanguage(all);
}
