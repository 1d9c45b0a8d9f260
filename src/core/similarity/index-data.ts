/**
 * `IndexData`, everything an index holds, and how it is made: built one doc
 * at a time (`IndexDataBuilder`), or changed by removing and adding docs
 * without re-analysing the rest (`changeIndexData`), equal to a fresh build.
 */
import type { AnalyzedDoc } from './analyze.js';
import { computeNorms, type ForwardTerms, type Norms, type Postings } from './postings.js';
import { mergePostings, mergeTerms } from './postings-merge.js';
import { invert, TermCollector } from './term-collector.js';
import { ArrayStrings, GatheredStrings, type Strings } from './strings.js';
import type { Language } from './text.js';

export const LANGUAGES: readonly Language[] = ['sv', 'en'];

/**
 * Everything an index holds, in flat arrays and string columns. Stem and gram
 * terms are numbered in sorted key order; `docStems` keeps each doc's stems in
 * the order analysis found them (title first), aligned with its surface words.
 */
export interface IndexData {
  docCount: number;
  ids: Strings;
  /** Index into LANGUAGES. */
  languages: Uint8Array;
  /** 1 when the doc has body text, not just a title. */
  hasText: Uint8Array;
  fuzzyTitles: Strings;
  /** Per doc, the surface word of each of its stems ("" where it is the stem itself), joined by "\n". */
  surfaces: Strings;
  stemKeys: Strings;
  gramKeys: Int32Array;
  stems: Postings;
  grams: Postings;
  stemNorms: Norms;
  gramNorms: Norms;
  docStems: ForwardTerms;
}

function hasTextOf(forward: ForwardTerms, docCount: number): Uint8Array {
  const hasText = new Uint8Array(docCount);
  for (let doc = 0; doc < docCount; doc += 1) {
    const end = forward.starts[doc + 1] as number;
    for (let entry = forward.starts[doc] as number; entry < end; entry += 1) {
      if ((forward.textCounts[entry] as number) > 0) {
        hasText[doc] = 1;
        break;
      }
    }
  }
  return hasText;
}

/**
 * Builds index data one doc at a time: each analysed doc's terms go into
 * chunked typed arrays (term-collector.ts's `TermCollector`) and the doc itself can
 * be dropped, so a build never holds every analysed doc at once.
 */
export class IndexDataBuilder {
  readonly #stems = new TermCollector<string>();
  readonly #grams = new TermCollector<number>();
  readonly #ids: string[] = [];
  readonly #languages: number[] = [];
  readonly #fuzzyTitles: string[] = [];
  readonly #surfaces: string[] = [];

  add(doc: AnalyzedDoc): void {
    this.#stems.add(doc.stems, doc.stemCounts);
    this.#grams.add(doc.grams, doc.gramCounts);
    this.#ids.push(doc.id);
    this.#languages.push(LANGUAGES.indexOf(doc.language));
    this.#fuzzyTitles.push(doc.fuzzyTitle);
    this.#surfaces.push(doc.surface.join('\n'));
  }

  finish(): IndexData {
    const docCount = this.#ids.length;
    // The grams' forward lists are needed only to invert them.
    const { grams, gramKeys } = invertGrams(this.#grams);
    const stemTerms = this.#stems.finish();
    const stems = invert(stemTerms.forward, stemTerms.keys.length);
    return {
      docCount,
      ids: new ArrayStrings(this.#ids),
      languages: Uint8Array.from(this.#languages),
      hasText: hasTextOf(stemTerms.forward, docCount),
      fuzzyTitles: new ArrayStrings(this.#fuzzyTitles),
      surfaces: new ArrayStrings(this.#surfaces),
      stemKeys: new ArrayStrings(stemTerms.keys),
      gramKeys,
      stems,
      grams,
      stemNorms: computeNorms(stems, docCount),
      gramNorms: computeNorms(grams, docCount),
      docStems: stemTerms.forward,
    };
  }
}

function invertGrams(collector: TermCollector<number>): { grams: Postings; gramKeys: Int32Array } {
  const { keys, postings } = collector.finishInverted();
  return { grams: postings, gramKeys: Int32Array.from(keys) };
}

function buildIndexData(docs: readonly AnalyzedDoc[]): IndexData {
  const builder = new IndexDataBuilder();
  for (const doc of docs) builder.add(doc);
  return builder.finish();
}

/** Remaps each doc's stems to new term ids: kept old docs (by `keptDocs`) then the added docs. */
function mergeForward(
  old: ForwardTerms,
  keptDocs: Int32Array,
  oldToNew: Int32Array,
  added: ForwardTerms,
  addedToNew: Int32Array,
): ForwardTerms {
  const addedCount = added.starts.length - 1;
  const docCount = keptDocs.length + addedCount;
  const starts = new Int32Array(docCount + 1);
  let entries = 0;
  keptDocs.forEach((oldDoc, doc) => {
    entries += (old.starts[oldDoc + 1] as number) - (old.starts[oldDoc] as number);
    starts[doc + 1] = entries;
  });
  for (let doc = 0; doc < addedCount; doc += 1) {
    entries += (added.starts[doc + 1] as number) - (added.starts[doc] as number);
    starts[keptDocs.length + doc + 1] = entries;
  }
  const terms = new Int32Array(entries);
  const titleCounts = new Uint8Array(entries);
  const textCounts = new Uint8Array(entries);
  let at = 0;
  const copy = (from: ForwardTerms, map: Int32Array, start: number, end: number) => {
    for (let entry = start; entry < end; entry += 1) terms[at + entry - start] = map[from.terms[entry] as number] as number;
    titleCounts.set(from.titleCounts.subarray(start, end), at);
    textCounts.set(from.textCounts.subarray(start, end), at);
    at += end - start;
  };
  for (const oldDoc of keptDocs) copy(old, oldToNew, old.starts[oldDoc] as number, old.starts[oldDoc + 1] as number);
  copy(added, addedToNew, 0, added.starts[addedCount] as number);
  return { starts, terms, titleCounts, textCounts };
}

function gatherBytes(old: Uint8Array, keptDocs: Int32Array, added: Uint8Array): Uint8Array {
  const result = new Uint8Array(keptDocs.length + added.length);
  keptDocs.forEach((oldDoc, doc) => {
    result[doc] = old[oldDoc] as number;
  });
  result.set(added, keptDocs.length);
  return result;
}

function gatherStrings(old: Strings, keptDocs: Int32Array, added: Strings): Strings {
  const from = new Int32Array(keptDocs.length + added.length);
  from.set(keptDocs);
  const extra: string[] = [];
  for (let i = 0; i < added.length; i += 1) {
    from[keptDocs.length + i] = -(i + 1);
    extra.push(added.get(i));
  }
  return new GatheredStrings(old, from, extra);
}

/** The data of `old` with the docs at `removed` left out and `added` appended; equal to a fresh build of the same docs. */
export function changeIndexData(old: IndexData, removed: Uint8Array, addedDocs: readonly AnalyzedDoc[]): IndexData {
  const added = buildIndexData(addedDocs);
  const docMap = new Int32Array(old.docCount).fill(-1);
  const kept: number[] = [];
  for (let doc = 0; doc < old.docCount; doc += 1) {
    if (removed[doc] === 1) continue;
    docMap[doc] = kept.length;
    kept.push(doc);
  }
  const keptDocs = Int32Array.from(kept);
  const anyRemoved = keptDocs.length < old.docCount;
  const docCount = keptDocs.length + added.docCount;

  const stemMerged = mergePostings(
    old.stems,
    docMap,
    anyRemoved,
    added.stems,
    keptDocs.length,
    mergeTerms(old.stemKeys.length, added.stemKeys.length, (o, a) => {
      const left = old.stemKeys.get(o);
      const right = added.stemKeys.get(a);
      return left < right ? -1 : left > right ? 1 : 0;
    }),
    docCount,
  );
  const stemMerge = stemMerged.merge;
  const stemFrom = new Int32Array(stemMerge.newToOld.length);
  for (let term = 0; term < stemFrom.length; term += 1) {
    const o = stemMerge.newToOld[term] as number;
    stemFrom[term] = o >= 0 ? o : -((stemMerge.newToAdded[term] as number) + 1);
  }
  const addedStemKeys = Array.from({ length: added.stemKeys.length }, (_, a) => added.stemKeys.get(a));

  const gramMerged = mergePostings(
    old.grams,
    docMap,
    anyRemoved,
    added.grams,
    keptDocs.length,
    mergeTerms(old.gramKeys.length, added.gramKeys.length, (o, a) => (old.gramKeys[o] as number) - (added.gramKeys[a] as number)),
    docCount,
  );
  const gramMerge = gramMerged.merge;
  const gramKeys = new Int32Array(gramMerge.newToOld.length);
  for (let term = 0; term < gramKeys.length; term += 1) {
    const o = gramMerge.newToOld[term] as number;
    gramKeys[term] = o >= 0 ? (old.gramKeys[o] as number) : (added.gramKeys[gramMerge.newToAdded[term] as number] as number);
  }

  return {
    docCount,
    ids: gatherStrings(old.ids, keptDocs, added.ids),
    languages: gatherBytes(old.languages, keptDocs, added.languages),
    hasText: gatherBytes(old.hasText, keptDocs, added.hasText),
    fuzzyTitles: gatherStrings(old.fuzzyTitles, keptDocs, added.fuzzyTitles),
    surfaces: gatherStrings(old.surfaces, keptDocs, added.surfaces),
    stemKeys: new GatheredStrings(old.stemKeys, stemFrom, addedStemKeys),
    gramKeys,
    stems: stemMerged.postings,
    grams: gramMerged.postings,
    stemNorms: stemMerged.norms,
    gramNorms: gramMerged.norms,
    docStems: mergeForward(old.docStems, keptDocs, stemMerge.oldToNew, added.docStems, stemMerge.addedToNew),
  };
}
