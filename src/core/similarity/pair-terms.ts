/**
 * What the register-wide pair scan (pairs.ts) keeps of the index: one
 * family's view (`FamilyScan`: coded per-doc terms, `spreadDoc` and
 * `pairCosines` for exact cosines, `accumulateDoc` for one doc against all)
 * and `PendingCache`, what one direction of a pair works out for the other.
 */
import { CountPairCodes, smoothedIdf, TF as SHARED_TF, TITLE_WEIGHT as SHARED_TITLE_WEIGHT, termCountOf, type CodedForwardTerms, type Norms, type Postings } from './postings.js';

// Local copies: hot loops should not read imported bindings (a getter each time once bundled to CommonJS).
const TF = SHARED_TF;
const TITLE_WEIGHT = SHARED_TITLE_WEIGHT;

/** The scan's view of one family (stems or grams). */
export interface FamilyScan {
  postings: Postings;
  norms: Norms;
  /** Each doc's terms, in any order. */
  forward: CodedForwardTerms;
  /** By count code: the TF weight of the entry over title and text, and over the title alone. */
  codeFull: Float64Array;
  codeTitle: Float64Array;
  idfFull: Float64Array;
  idfTitle: Float64Array;
  /** The weights of the doc last given to `spreadDoc`, by term (0 for its other terms). */
  spreadFull: Float64Array;
  spreadTitle: Float64Array;
}

export function familyScan(postings: Postings, norms: Norms, forward: CodedForwardTerms, codes: CountPairCodes, docCount: number): FamilyScan {
  const termCount = termCountOf(postings);
  const idfFull = new Float64Array(termCount);
  const idfTitle = new Float64Array(termCount);
  for (let term = 0; term < termCount; term += 1) {
    const df = (postings.starts[term + 1] as number) - (postings.starts[term] as number);
    idfFull[term] = smoothedIdf(df, docCount);
    idfTitle[term] = smoothedIdf(postings.titleDf[term] as number, docCount);
  }
  const codeFull = Float64Array.from(codes.titleCounts, (titleCount, code) => TITLE_WEIGHT * (TF[titleCount] as number) + (TF[codes.textCounts[code] as number] as number));
  const codeTitle = Float64Array.from(codes.titleCounts, (titleCount) => TF[titleCount] as number);
  return { postings, norms, forward, codeFull, codeTitle, idfFull, idfTitle, spreadFull: new Float64Array(termCount), spreadTitle: new Float64Array(termCount) };
}

/**
 * Spreads `doc`'s TF-IDF weights over the scan's per-term arrays, so that its
 * cosine with another doc needs one pass over the other's terms; `undo`
 * clears them again.
 */
export function spreadDoc(scan: FamilyScan, doc: number, undo = false): void {
  const { forward, codeFull, codeTitle, idfFull, idfTitle, spreadFull, spreadTitle } = scan;
  const end = forward.starts[doc + 1] as number;
  for (let entry = forward.starts[doc] as number; entry < end; entry += 1) {
    const term = forward.terms[entry] as number;
    if (undo) {
      spreadFull[term] = 0;
      spreadTitle[term] = 0;
      continue;
    }
    const code = forward.codes[entry] as number;
    spreadFull[term] = (codeFull[code] as number) * (idfFull[term] as number);
    spreadTitle[term] = (codeTitle[code] as number) * (idfTitle[term] as number);
  }
}

/** Exact cosines of the spread doc `left` with `right` in one family. */
export function pairCosines(scan: FamilyScan, left: number, right: number): { full: number; title: number } {
  const { forward, codeFull, codeTitle, idfFull, idfTitle, norms, spreadFull, spreadTitle } = scan;
  const end = forward.starts[right + 1] as number;
  let full = 0;
  let title = 0;
  for (let entry = forward.starts[right] as number; entry < end; entry += 1) {
    const term = forward.terms[entry] as number;
    const leftFull = spreadFull[term] as number;
    if (leftFull === 0) continue;
    const code = forward.codes[entry] as number;
    full += leftFull * (codeFull[code] as number) * (idfFull[term] as number);
    const rightTitle = codeTitle[code] as number;
    if (rightTitle > 0) title += (spreadTitle[term] as number) * rightTitle * (idfTitle[term] as number);
  }
  const fullNorms = (norms.full[left] as number) * (norms.full[right] as number);
  const titleNorms = (norms.title[left] as number) * (norms.title[right] as number);
  return { full: fullNorms > 0 ? full / fullNorms : 0, title: titleNorms > 0 ? title / titleNorms : 0 };
}

/** The number of docs holding a term. */
export function dfOf(scan: FamilyScan, term: number): number {
  return (scan.postings.starts[term + 1] as number) - (scan.postings.starts[term] as number);
}

/** The lowest document frequency among a doc's terms (Infinity for a doc without terms). */
export function rarestDf(scan: FamilyScan, doc: number): number {
  let rarest = Infinity;
  const end = scan.forward.starts[doc + 1] as number;
  for (let entry = scan.forward.starts[doc] as number; entry < end; entry += 1) rarest = Math.min(rarest, dfOf(scan, scan.forward.terms[entry] as number));
  return rarest;
}

/** How much of a doc's terms `accumulateDoc` reads: those in at most `maxDf` docs, while their postings add up to at most `postings`. */
export interface TermBudget {
  maxDf: number;
  postings: number;
}

/**
 * Accumulates one doc's cosines with every doc over the terms its budget allows (and uses it up), unnormalised by the other doc.
 * Docs touched first are appended to `touchedList` from `touchedCount` on; returns the new count.
 */
export function accumulateDoc(
  scan: FamilyScan,
  doc: number,
  budget: TermBudget,
  full: Float64Array,
  title: Float64Array,
  touched: Uint8Array,
  touchedList: Int32Array,
  touchedCount: number,
): number {
  const { forward, codeFull, codeTitle, postings, idfFull, idfTitle, norms } = scan;
  const fullNorm = norms.full[doc] as number;
  const titleNorm = norms.title[doc] as number;
  if (fullNorm === 0) return touchedCount;
  let count = touchedCount;
  const end = forward.starts[doc + 1] as number;
  for (let entry = forward.starts[doc] as number; entry < end; entry += 1) {
    const term = forward.terms[entry] as number;
    const df = dfOf(scan, term);
    if (df > budget.maxDf || df > budget.postings) continue;
    budget.postings -= df;
    const code = forward.codes[entry] as number;
    const idf = idfFull[term] as number;
    const fullFactor = ((codeFull[code] as number) * idf * idf) / fullNorm;
    const titleIdf = idfTitle[term] as number;
    const titleTf = codeTitle[code] as number;
    const titleFactor = titleTf > 0 && titleNorm > 0 ? (titleTf * titleIdf * titleIdf) / titleNorm : 0;
    const postingEnd = postings.starts[term + 1] as number;
    for (let posting = postings.starts[term] as number; posting < postingEnd; posting += 1) {
      const other = postings.docs[posting] as number;
      const otherTitle = postings.titleCounts[posting] as number;
      if (touched[other] === 0) {
        touched[other] = 1;
        touchedList[count] = other;
        count += 1;
      }
      full[other] = (full[other] as number) + fullFactor * (TITLE_WEIGHT * (TF[otherTitle] as number) + (TF[postings.textCounts[posting] as number] as number));
      if (otherTitle > 0 && titleFactor > 0) title[other] = (title[other] as number) + titleFactor * (TF[otherTitle] as number);
    }
  }
  return count;
}

/**
 * Values kept for a doc still to be scanned, by key, until `release(doc)`.
 * Each doc's entries form a list in typed arrays: at 50,000 ideas a scan holds
 * about 100,000 at its middle, which as a Map per doc took some 16 MB.
 */
export class PendingCache {
  readonly #first: Int32Array;
  #next = new Int32Array(1024);
  #keys = new Int32Array(1024);
  #values = new Float64Array(2048);
  #used = 0;
  /** Released entries, chained through `#next`. */
  #free = -1;

  constructor(docCount: number) {
    this.#first = new Int32Array(docCount).fill(-1);
  }

  /** The entry of `doc` under `key`, or -1; its values are `value(entry, 0)` and `value(entry, 1)`. */
  find(doc: number, key: number): number {
    for (let entry = this.#first[doc] as number; entry !== -1; entry = this.#next[entry] as number) if (this.#keys[entry] === key) return entry;
    return -1;
  }

  value(entry: number, which: 0 | 1): number {
    return this.#values[2 * entry + which] as number;
  }

  set(doc: number, key: number, first: number, second = 0): void {
    let entry = this.#free;
    if (entry !== -1) this.#free = this.#next[entry] as number;
    else {
      if (this.#used === this.#keys.length) this.#grow();
      entry = this.#used;
      this.#used += 1;
    }
    this.#keys[entry] = key;
    this.#values[2 * entry] = first;
    this.#values[2 * entry + 1] = second;
    this.#next[entry] = this.#first[doc] as number;
    this.#first[doc] = entry;
  }

  release(doc: number): void {
    let entry = this.#first[doc] as number;
    while (entry !== -1) {
      const next = this.#next[entry] as number;
      this.#next[entry] = this.#free;
      this.#free = entry;
      entry = next;
    }
    this.#first[doc] = -1;
  }

  #grow(): void {
    const length = 2 * this.#keys.length;
    const next = new Int32Array(length);
    next.set(this.#next);
    this.#next = next;
    const keys = new Int32Array(length);
    keys.set(this.#keys);
    this.#keys = keys;
    const values = new Float64Array(2 * length);
    values.set(this.#values);
    this.#values = values;
  }
}

