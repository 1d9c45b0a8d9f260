/**
 * The registers a query of a labelled set is ranked against: the whole
 * haystack, or a small register drawn from it (`--register-size N`), with
 * near-copies of an item added (`--copies K`). Every draw and every edit is
 * seeded by the seed and the query's id, so a run is the same whatever the
 * order of the queries, and two runs with one seed are the same.
 */
import { createHash } from 'node:crypto';
import { analyzeDoc, buildSimilarityIndex, type AnalyzedDoc } from '../../src/core/similarity/index.js';
import type { RegisterIndex } from '../../src/core/similarity/engine.js';
import { detectLanguage, tokenize, type Language } from '../../src/core/similarity/text.js';

export const DEFAULT_EVAL_SEED = 'sluss';

export interface RegisterOptions {
  /** Items drawn from the haystack per query; undefined: the whole haystack. */
  size?: number | undefined;
  /** The expected item (or, for a query without one, its best match) and K − 1 near-copies of it. 1: no copies. */
  copies: number;
  seed: string;
  /** Whether a drawn register of a query without an expected item always holds its best match in the whole haystack. */
  keepNearest?: boolean;
}

/** A uniform number in [0, 1) from a seeded stream (mulberry32 on the first 4 bytes of a SHA-256). */
export function seededRandom(...parts: string[]): () => number {
  let state = createHash('sha256').update(parts.join('\u0000')).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** `count` distinct positions of [0, total), always including `required`; the rest uniformly at random. */
export function samplePositions(total: number, count: number, required: readonly number[], random: () => number): number[] {
  const chosen = new Set(required);
  const wanted = Math.min(total, Math.max(count, chosen.size));
  if (2 * wanted > total) {
    // Most of the haystack: a shuffle, not rejections.
    const order = Array.from({ length: total }, (_, i) => i);
    for (let i = total - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const position of order) if (chosen.size < wanted) chosen.add(position);
  } else {
    while (chosen.size < wanted) chosen.add(Math.floor(random() * total));
  }
  return [...chosen].sort((a, b) => a - b);
}

const WORD = /[\p{L}\p{M}\p{N}]+/u;

/** Inflection changes a writer makes without changing what is meant: Swedish and English endings. */
const ENDINGS: Record<Language, readonly (readonly [string, string])[]> = {
  sv: [['arna', 'ar'], ['orna', 'or'], ['erna', 'er'], ['en', ''], ['et', ''], ['ar', 'arna'], ['er', 'erna'], ['a', 'an'], ['', 'en'], ['', 'er']],
  en: [['ies', 'y'], ['ing', ''], ['ed', ''], ['es', ''], ['s', ''], ['y', 'ies'], ['', 's'], ['', 'ed']],
};

function inflect(word: string, language: Language): string {
  for (const [from, to] of ENDINGS[language]) {
    if (word.length - from.length >= 3 && word.toLowerCase().endsWith(from)) return word.slice(0, word.length - from.length) + to;
  }
  return word;
}

type Edit = 'drop' | 'inflect' | 'swap';
const EDITS: readonly Edit[] = ['drop', 'inflect', 'swap'];

/** One edit of a text's words: a word dropped, a word's ending changed, or two neighbouring words swapped. */
function editWords(words: string[], edit: Edit, language: Language, random: () => number): void {
  const positions = words.flatMap((word, i) => (WORD.test(word) ? [i] : []));
  if (positions.length === 0) return;
  const at = positions[Math.floor(random() * positions.length)] as number;
  if (edit === 'drop' && positions.length > 1) words.splice(at, 1);
  else if (edit === 'inflect') words[at] = inflect(words[at] as string, language);
  else if (edit === 'swap' && positions.length > 1) {
    const next = positions[(positions.indexOf(at) + 1) % positions.length] as number;
    [words[at], words[next]] = [words[next] as string, words[at] as string];
  }
}

/** A text with two of the three edits, chosen at random; empty text stays empty. */
export function nearCopyText(text: string, language: Language, random: () => number): string {
  if (text.trim() === '') return text;
  const words = text.split(/\s+/).filter((word) => word !== '');
  const first = Math.floor(random() * EDITS.length);
  const second = (first + 1 + Math.floor(random() * (EDITS.length - 1))) % EDITS.length;
  for (const edit of [EDITS[first], EDITS[second]] as Edit[]) editWords(words, edit, language, random);
  return words.join(' ');
}

export interface SourceItem {
  id: string;
  title: string;
  body: string;
}

/** Near-copies of an item, each named `<id>~<k>`; title and body are edited alike. */
export function nearCopies(item: SourceItem, count: number, random: () => number): SourceItem[] {
  const language = detectLanguage(tokenize(`${item.title} ${item.body}`));
  return Array.from({ length: count }, (_, k) => ({
    id: `${item.id}~${k + 1}`,
    title: nearCopyText(item.title, language, random),
    body: nearCopyText(item.body, language, random),
  }));
}

/** The haystack item a register id stands for: a copy names the item it was made from. */
export function sourceIdOf(id: string): string {
  const cut = id.indexOf('~');
  return cut < 0 ? id : id.slice(0, cut);
}

/** The haystack, analysed once, with the index of all of it. */
export interface Haystack {
  items: readonly SourceItem[];
  analyzed: readonly AnalyzedDoc[];
  positions: ReadonlyMap<string, number>;
  full: RegisterIndex;
}

export function haystackOf(items: readonly SourceItem[]): Haystack {
  const analyzed = items.map((item) => analyzeDoc({ id: item.id, title: item.title, text: item.body }));
  return {
    items,
    analyzed,
    positions: new Map(items.map((item, i) => [item.id, i])),
    // The eval reads ranking internals for --fit; the index is the one `sluss add` builds.
    full: buildSimilarityIndex(analyzed) as RegisterIndex,
  };
}

/**
 * The register one query is ranked against. Its anchor must be in it and
 * gets the copies: the expected item of a duplicate query, or for a query
 * without one, its best match in the whole haystack (found by `bestMatch`),
 * its nearest non-duplicate. A drawn register holds a duplicate query's
 * anchor always, another query's only with `keepNearest`: items drawn at
 * random hardly ever resemble the query, so only then does the false-flag
 * rate of a small register say whether a lone same-topic idea is flagged.
 * With copies, the false-flag rate is measured where a non-duplicate's
 * nearest idea exists several times.
 */
export function registerFor(
  haystack: Haystack,
  qid: string,
  expected: string | null,
  options: RegisterOptions,
  bestMatch: (index: RegisterIndex) => string | undefined,
): RegisterIndex {
  const anchor = expected ?? ((options.size !== undefined && options.keepNearest === true) || options.copies > 1 ? (bestMatch(haystack.full) ?? null) : null);
  let base = haystack.full;
  if (options.size !== undefined) {
    const required = anchor === null || (expected === null && options.keepNearest !== true) ? [] : [haystack.positions.get(anchor) as number];
    const random = seededRandom(options.seed, qid, 'register');
    const positions = samplePositions(haystack.items.length, options.size, required, random);
    base = buildSimilarityIndex(positions.map((i) => haystack.analyzed[i] as AnalyzedDoc)) as RegisterIndex;
  }
  if (options.copies <= 1 || anchor === null) return base;
  const source = haystack.items[haystack.positions.get(anchor) as number] as SourceItem;
  const copies = nearCopies(source, options.copies - 1, seededRandom(options.seed, qid, 'copies'));
  return base.withChanges({ add: copies.map((copy) => analyzeDoc({ id: copy.id, title: copy.title, text: copy.body })) }) as RegisterIndex;
}
