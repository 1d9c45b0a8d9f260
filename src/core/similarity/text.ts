import { newStemmer, type Stemmer } from 'snowball-stemmers';
import { ENGLISH_STOP_WORDS, SWEDISH_STOP_WORDS } from './stopwords.js';

export type Language = 'sv' | 'en';

/**
 * Analysis is bounded so a pasted 100 KB document costs no more than a long idea;
 * whether two ideas are duplicates shows long before the end of the text.
 */
export const MAX_ANALYSED_CHARS = 20_000;
const MAX_WORD_LENGTH = 40;

const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu;
/** Decimal numbers, versions and times stay whole ("18,2", "2.9.10", "14:30"), so that they can differ. */
const WORD = /\p{N}+(?:[.,:]\p{N}+)+|[\p{L}\p{M}\p{N}]+/gu;
const SWEDISH_LETTERS = /[åäö]/;

/** Case-folded, NFC-normalised words, in order. Never throws, whatever the input. */
export function tokenize(text: string): string[] {
  const bounded = text.length > MAX_ANALYSED_CHARS ? text.slice(0, MAX_ANALYSED_CHARS) : text;
  const folded = bounded.replace(CONTROL_OR_FORMAT, ' ').normalize('NFC').toLowerCase();
  const words: string[] = [];
  for (const match of folded.matchAll(WORD)) {
    words.push(match[0].length > MAX_WORD_LENGTH ? match[0].slice(0, MAX_WORD_LENGTH) : match[0]);
  }
  return words;
}

/**
 * Chooses the stemmer per document by counting function words. Swedish wins ties
 * because the register is Swedish and one-word titles carry no evidence.
 */
export function detectLanguage(words: readonly string[]): Language {
  let swedish = 0;
  let english = 0;
  for (const word of words) {
    if (SWEDISH_STOP_WORDS.has(word)) swedish += 1;
    if (ENGLISH_STOP_WORDS.has(word)) english += 1;
    if (SWEDISH_LETTERS.test(word)) swedish += 1;
  }
  return english > swedish ? 'en' : 'sv';
}

export function stopWords(language: Language): ReadonlySet<string> {
  return language === 'en' ? ENGLISH_STOP_WORDS : SWEDISH_STOP_WORDS;
}

const STEM_CACHE_LIMIT = 100_000;
const stemmers: Record<Language, Stemmer> = {
  sv: newStemmer('swedish'),
  en: newStemmer('english'),
};
const stemCaches: Record<Language, Map<string, string>> = { sv: new Map(), en: new Map() };

const CONSONANT_BEFORE_AN = /[^aeiouyåäö]an$/;
/**
 * "-et" ("huset", "torget") and "-an" ("apan", "skolan") are cut only from
 * stems this long: shorter ones ("et", "fan") are more often the bare word.
 * Stop words ("inget", "utan") keep their stem, so they stay stop words. A compound
 * whose last part ends so ("detaljplan") loses the letter in every form alike,
 * so its forms still match each other; only its split into parts is lost.
 */
const MIN_DEFINITE_ET_LENGTH = 5;
const MIN_DEFINITE_AN_LENGTH = 4;

/**
 * Snowball's Swedish stemmer keeps two definite singular endings: neuter
 * "-et" ("torget", "biblioteket") and "-n" after a final "a" ("skolan",
 * "gatan"), so "torget" and "torg" would be two stems. Applied to the stem,
 * not the word, so every form of a noun ends alike ("budget", "budgeten"),
 * even where the noun itself ends so ("plan", "planen").
 */
export function withoutDefiniteEnding(stemmed: string): string {
  if (SWEDISH_STOP_WORDS.has(stemmed)) return stemmed;
  // Again on what is left, so a noun that itself ends so agrees with its definite form ("paket", "paketet").
  if (stemmed.length >= MIN_DEFINITE_ET_LENGTH && stemmed.endsWith('et')) return withoutDefiniteEnding(stemmers.sv.stem(stemmed.slice(0, -2)));
  if (stemmed.length >= MIN_DEFINITE_AN_LENGTH && CONSONANT_BEFORE_AN.test(stemmed)) return withoutDefiniteEnding(stemmers.sv.stem(stemmed.slice(0, -1)));
  return stemmed;
}

/** Snowball stem; memoised because registers repeat the same words endlessly. */
export function stem(word: string, language: Language): string {
  const cache = stemCaches[language];
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
  const snowball = stemmers[language].stem(word);
  const stemmed = language === 'sv' ? withoutDefiniteEnding(snowball) : snowball;
  cache.set(word, stemmed);
  return stemmed;
}

/** Content words: stop words removed, unless nothing else is left (e.g. "Vem är vi?"). */
export function contentWords(words: readonly string[], language: Language): string[] {
  const stops = stopWords(language);
  const content = words.filter((word) => !stops.has(word));
  return content.length > 0 ? content : [...words];
}

const GRAM_LENGTH = 4;

/**
 * Character 4-grams of a word padded with boundary marks. They link compound
 * parts ("gatubelysning" ~ "belysning"), inflections the stemmer misses and typos.
 */
export function charGrams(word: string): string[] {
  const padded = `_${word}_`;
  const chars = Array.from(padded);
  if (chars.length <= GRAM_LENGTH) return [padded];
  const grams: string[] = [];
  for (let start = 0; start + GRAM_LENGTH <= chars.length; start += 1) {
    grams.push(chars.slice(start, start + GRAM_LENGTH).join(''));
  }
  return grams;
}
