/**
 * Swedish synonyms for the second stage: "krama" and "omfamna" share no
 * letters, yet an idea saying one is the same idea as one saying the other.
 * The table (synonyms-sv.generated.ts, from Viggo Kann's Folkets
 * synonymlexikon; see THIRD_PARTY_NOTICES.md) is keyed by stem, so it is
 * looked up with the register's own stems.
 *
 * The table is searched as the string it ships as, never parsed into a map:
 * its lines are sorted by stem and a synonym is written as the number of its
 * line, so a lookup is a binary search over the line starts, which are found
 * on first use. Commands that never rank pay only for loading the string.
 */
import { SWEDISH_SYNONYM_LINES, SWEDISH_SYNONYMS } from './synonyms-sv.generated.js';
import type { Language } from './text.js';

/** A stem's synonyms (stems), or undefined when it has none. */
export type SynonymLookup = (stem: string) => readonly string[] | undefined;

/** Synonyms are written as REF_WIDTH digits in base 36, upper case, so they never read as part of a lower-case stem. */
const REF_WIDTH = 3;
const REF_BASE = 36;
const NEWLINE = 10;
const CACHE_LIMIT = 50_000;

function isReferenceChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
}

function referenceDigit(code: number): number {
  return code <= 57 ? code - 48 : code - 55;
}

/** One generated table: sorted lines of a stem followed by its synonyms' line numbers. */
export class SynonymTable {
  #starts: Int32Array | undefined;
  #cache = new Map<string, readonly string[] | null>();

  constructor(
    readonly text: string,
    readonly lineCount: number,
  ) {}

  /** Where each line starts, and one past the end: found on first use. */
  #lineStarts(): Int32Array {
    if (this.#starts === undefined) {
      const starts = new Int32Array(this.lineCount + 1);
      let line = 1;
      for (let at = this.text.indexOf('\n'); at >= 0 && line < this.lineCount; at = this.text.indexOf('\n', at + 1)) starts[line++] = at + 1;
      if (line !== this.lineCount) throw new Error(`synonym table: ${line} lines, expected ${this.lineCount}`);
      starts[this.lineCount] = this.text.length + 1;
      this.#starts = starts;
    }
    return this.#starts;
  }

  /** The end of the stem of the line starting at `start`. */
  #stemEnd(start: number): number {
    let at = start;
    while (at < this.text.length) {
      const code = this.text.charCodeAt(at);
      if (code === NEWLINE || isReferenceChar(code)) break;
      at += 1;
    }
    return at;
  }

  /** `stem` against the text between `start` and `end`, as JavaScript compares strings. */
  #compare(stem: string, start: number, end: number): number {
    const length = Math.min(stem.length, end - start);
    for (let i = 0; i < length; i += 1) {
      const difference = stem.charCodeAt(i) - this.text.charCodeAt(start + i);
      if (difference !== 0) return difference;
    }
    return stem.length - (end - start);
  }

  #line(stem: string): number {
    const starts = this.#lineStarts();
    let low = 0;
    let high = starts.length - 2;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const start = starts[middle] as number;
      const order = this.#compare(stem, start, this.#stemEnd(start));
      if (order === 0) return middle;
      if (order < 0) high = middle - 1;
      else low = middle + 1;
    }
    return -1;
  }

  #stemOf(line: number): string {
    const start = this.#lineStarts()[line] as number;
    return this.text.slice(start, this.#stemEnd(start));
  }

  /** The stems of a stem's synonyms, in table order; undefined when it has none. */
  synonyms(stem: string): readonly string[] | undefined {
    const cached = this.#cache.get(stem);
    if (cached !== undefined) return cached ?? undefined;
    const line = this.#line(stem);
    let found: string[] | null = null;
    if (line >= 0) {
      const starts = this.#lineStarts();
      const end = (starts[line + 1] as number) - 1;
      found = [];
      for (let at = this.#stemEnd(starts[line] as number); at + REF_WIDTH <= end; at += REF_WIDTH) {
        let other = 0;
        for (let digit = 0; digit < REF_WIDTH; digit += 1) other = other * REF_BASE + referenceDigit(this.text.charCodeAt(at + digit));
        found.push(this.#stemOf(other));
      }
    }
    if (this.#cache.size >= CACHE_LIMIT) this.#cache = new Map();
    this.#cache.set(stem, found);
    return found ?? undefined;
  }
}

let swedish: SynonymTable | undefined;
const lookupSwedish: SynonymLookup = (stem) => (swedish ??= new SynonymTable(SWEDISH_SYNONYMS, SWEDISH_SYNONYM_LINES)).synonyms(stem);

/** The synonym lookup for texts in `language`; only Swedish has a table. */
export function synonymsFor(language: Language): SynonymLookup | undefined {
  return language === 'sv' ? lookupSwedish : undefined;
}
