/**
 * Merging an index's postings with those of added docs, for `withChanges`:
 * the terms of both in sorted order (`mergeTerms`), then the postings and doc
 * norms (`mergePostings`), equal to those of a fresh build over the same docs.
 */
import { addSquaredWeights, smoothedIdf, type Norms, type Postings } from './postings.js';

/**
 * The terms of a merged index: an old index's terms still in use and an added
 * index's terms, in sorted order. `compare(o, a)` compares old term o with added term a.
 */
export interface TermMerge {
  newToOld: Int32Array;
  newToAdded: Int32Array;
  oldToNew: Int32Array;
  addedToNew: Int32Array;
}

export function mergeTerms(
  oldCount: number,
  addedCount: number,
  compare: (oldTerm: number, addedTerm: number) => number,
): TermMerge {
  const oldToNew = new Int32Array(oldCount).fill(-1);
  const addedToNew = new Int32Array(addedCount);
  const newToOld: number[] = [];
  const newToAdded: number[] = [];
  let o = 0;
  let a = 0;
  while (o < oldCount || a < addedCount) {
    const order = o >= oldCount ? 1 : a >= addedCount ? -1 : compare(o, a);
    const position = newToOld.length;
    if (order <= 0) {
      oldToNew[o] = position;
      newToOld.push(o);
      o += 1;
    } else newToOld.push(-1);
    if (order >= 0) {
      addedToNew[a] = position;
      newToAdded.push(a);
      a += 1;
    } else newToAdded.push(-1);
  }
  return { newToOld: Int32Array.from(newToOld), newToAdded: Int32Array.from(newToAdded), oldToNew, addedToNew };
}

/**
 * Postings of the old index without removed docs (`docMap[d] < 0`; kept docs
 * renumbered by `docMap`, in the same order), followed per term by the added
 * index's postings with docs shifted by `addedDocOffset`; and the doc norms of
 * the result, summed in the same order as `computeNorms` does. Terms left
 * without docs are dropped and `merge` is updated to match.
 */
export function mergePostings(
  old: Postings,
  docMap: Int32Array,
  anyRemoved: boolean,
  added: Postings,
  addedDocOffset: number,
  merge: TermMerge,
  docCount: number,
): { postings: Postings; norms: Norms; merge: TermMerge } {
  const termCount = merge.newToOld.length;
  const capacity = old.docs.length + added.docs.length;
  const starts = new Int32Array(termCount + 1);
  const docs = new Int32Array(capacity);
  const titleCounts = new Uint8Array(capacity);
  const textCounts = new Uint8Array(capacity);
  const titleDf = new Int32Array(termCount);
  const full = new Float64Array(docCount);
  const title = new Float64Array(docCount);
  let at = 0;
  let live = 0;
  for (let term = 0; term < termCount; term += 1) {
    const o = merge.newToOld[term] as number;
    const a = merge.newToAdded[term] as number;
    const segmentStart = at;
    let inTitle = 0;
    if (o >= 0) {
      const start = old.starts[o] as number;
      const end = old.starts[o + 1] as number;
      if (!anyRemoved) {
        // No doc removed: kept docs keep their numbers, so the run is copied as it is.
        docs.set(old.docs.subarray(start, end), at);
        titleCounts.set(old.titleCounts.subarray(start, end), at);
        textCounts.set(old.textCounts.subarray(start, end), at);
        at += end - start;
        inTitle += old.titleDf[o] as number;
      } else {
        for (let entry = start; entry < end; entry += 1) {
          const doc = docMap[old.docs[entry] as number] as number;
          if (doc < 0) continue;
          docs[at] = doc;
          const titleCount = old.titleCounts[entry] as number;
          titleCounts[at] = titleCount;
          textCounts[at] = old.textCounts[entry] as number;
          if (titleCount > 0) inTitle += 1;
          at += 1;
        }
      }
    }
    if (a >= 0) {
      const end = added.starts[a + 1] as number;
      for (let entry = added.starts[a] as number; entry < end; entry += 1) {
        docs[at] = (added.docs[entry] as number) + addedDocOffset;
        titleCounts[at] = added.titleCounts[entry] as number;
        textCounts[at] = added.textCounts[entry] as number;
        at += 1;
      }
      inTitle += added.titleDf[a] as number;
    }
    if (at === segmentStart) {
      // A term only removed docs had: its old id maps nowhere.
      if (o >= 0) merge.oldToNew[o] = -1;
      continue;
    }
    addSquaredWeights({ docs, titleCounts, textCounts }, segmentStart, at, smoothedIdf(at - segmentStart, docCount), smoothedIdf(inTitle, docCount), full, title);
    titleDf[live] = inTitle;
    merge.newToOld[live] = o;
    merge.newToAdded[live] = a;
    if (o >= 0) merge.oldToNew[o] = live;
    if (a >= 0) merge.addedToNew[a] = live;
    live += 1;
    starts[live] = at;
  }
  for (let doc = 0; doc < docCount; doc += 1) {
    full[doc] = Math.sqrt(full[doc] as number);
    title[doc] = Math.sqrt(title[doc] as number);
  }
  return {
    postings: {
      starts: starts.subarray(0, live + 1),
      docs: docs.subarray(0, at),
      titleCounts: titleCounts.subarray(0, at),
      textCounts: textCounts.subarray(0, at),
      titleDf: titleDf.subarray(0, live),
    },
    norms: { full, title },
    merge: {
      newToOld: merge.newToOld.subarray(0, live),
      newToAdded: merge.newToAdded.subarray(0, live),
      oldToNew: merge.oldToNew,
      addedToNew: merge.addedToNew,
    },
  };
}
