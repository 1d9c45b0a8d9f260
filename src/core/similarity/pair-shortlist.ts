/**
 * The first stage of the register-wide pair scan: the shortlist
 * `findSimilar` would build for one doc's own text, from the posting lists.
 *
 * It is exact for docs whose terms' postings are few (every doc in small
 * registers). For the others, cosines are accumulated over rare terms (in at
 * most `commonDf` docs) only, or, for a doc with none, over its rarest terms;
 * the best docs by those are re-scored exactly and form the shortlist, so docs
 * sharing only common words with a doc, which `findSimilar` may put at the
 * tail of its shortlist, are left out.
 */
import type { Shortlisted } from './register-view.js';
import type { IndexData } from './index-data.js';
import { accumulateDoc, familyScan, pairCosines, rarestDf, spreadDoc, type FamilyScan, type TermBudget } from './pair-terms.js';
import { codeForward, CountPairCodes, transpose } from './postings.js';
import { GRAM_WEIGHT, SHORTLIST_SIZE, STEM_WEIGHT } from './rerank.js';
import { TopDocs } from './top-docs.js';

/** Default of `exactBudget`. */
export const EXACT_BUDGET = 40_000;
/** Above the budget, this many best docs by rare terms are re-scored exactly for the shortlist. */
const RARE_CANDIDATES = 40;
/** A doc with no rare term reads this share of `exactBudget` of its rarest terms' postings. */
const FALLBACK_SHARE = 8;

export class ShortlistBuilder {
  readonly #data: IndexData;
  readonly #stems: FamilyScan;
  readonly #grams: FamilyScan;
  readonly #commonDf: number;
  // Scratch reused by every doc: cosines accumulated, the docs sharing a term, and the cosines of those shortlisted.
  readonly #stemFull: Float64Array;
  readonly #stemTitle: Float64Array;
  readonly #gramFull: Float64Array;
  readonly #gramTitle: Float64Array;
  readonly #touched: Uint8Array;
  readonly #touchedList: Int32Array;
  readonly #stemCosines: Float64Array;
  readonly #gramCosines: Float64Array;

  constructor(
    data: IndexData,
    readonly idOf: (doc: number) => string,
    readonly skipped: (a: number, b: number) => boolean,
    readonly exactBudget: number,
  ) {
    this.#data = data;
    const { docCount } = data;
    this.#commonDf = Math.max(64, Math.ceil(docCount / 50));
    // The index keeps each doc's stems already; only the grams' postings need turning around.
    const codes = new CountPairCodes();
    codes.add(data.docStems);
    codes.add(data.grams);
    this.#stems = familyScan(data.stems, data.stemNorms, codeForward(data.docStems, codes), codes, docCount);
    this.#grams = familyScan(data.grams, data.gramNorms, transpose(data.grams, docCount, codes), codes, docCount);
    this.#stemFull = new Float64Array(docCount);
    this.#stemTitle = new Float64Array(docCount);
    this.#gramFull = new Float64Array(docCount);
    this.#gramTitle = new Float64Array(docCount);
    this.#touched = new Uint8Array(docCount);
    this.#touchedList = new Int32Array(docCount);
    this.#stemCosines = new Float64Array(docCount);
    this.#gramCosines = new Float64Array(docCount);
  }

  #costOf(scan: FamilyScan, doc: number): number {
    let cost = 0;
    const end = scan.forward.starts[doc + 1] as number;
    for (let entry = scan.forward.starts[doc] as number; entry < end; entry += 1) {
      const term = scan.forward.terms[entry] as number;
      cost += (scan.postings.starts[term + 1] as number) - (scan.postings.starts[term] as number);
    }
    return cost;
  }

  /**
   * The terms a doc's first pass reads: all of them when that is cheap; else
   * those in at most `commonDf` docs; for a doc with no such term (the same
   * idea entered a thousand times), its rarest ones, a few thousand postings'
   * worth, so it still finds its copies without reading every copy's postings.
   */
  #budgetOf(doc: number): TermBudget {
    if (this.#costOf(this.#stems, doc) + this.#costOf(this.#grams, doc) <= this.exactBudget) return { maxDf: Infinity, postings: Infinity };
    const rarest = Math.min(rarestDf(this.#stems, doc), rarestDf(this.#grams, doc));
    if (rarest <= this.#commonDf) return { maxDf: this.#commonDf, postings: Infinity };
    return { maxDf: rarest, postings: Math.max(rarest, this.exactBudget / FALLBACK_SHARE) };
  }

  /** The cosines of `doc` with `other` from what `accumulateDoc` gathered, title-to-title too when either is a bare title. */
  #gathered(doc: number, other: number): { stemCosine: number; gramCosine: number } {
    const data = this.#data;
    const [stems, grams] = [this.#stems, this.#grams];
    const sNorm = stems.norms.full[other] as number;
    const gNorm = grams.norms.full[other] as number;
    let stemCosine = sNorm > 0 ? (this.#stemFull[other] as number) / sNorm : 0;
    let gramCosine = gNorm > 0 ? (this.#gramFull[other] as number) / gNorm : 0;
    if (!(data.hasText[doc] === 1 && data.hasText[other] === 1)) {
      const sTitleNorm = stems.norms.title[other] as number;
      const gTitleNorm = grams.norms.title[other] as number;
      stemCosine = Math.max(stemCosine, sTitleNorm > 0 ? (this.#stemTitle[other] as number) / sTitleNorm : 0);
      gramCosine = Math.max(gramCosine, gTitleNorm > 0 ? (this.#gramTitle[other] as number) / gTitleNorm : 0);
    }
    return { stemCosine, gramCosine };
  }

  /** Exact cosines of the spread doc `doc` with `other`, as `findSimilar` computes them. */
  #exact(doc: number, other: number): { stemCosine: number; gramCosine: number } {
    const s = pairCosines(this.#stems, doc, other);
    const g = pairCosines(this.#grams, doc, other);
    const titleToo = !(this.#data.hasText[doc] === 1 && this.#data.hasText[other] === 1);
    return { stemCosine: titleToo ? Math.max(s.full, s.title) : s.full, gramCosine: titleToo ? Math.max(g.full, g.title) : g.full };
  }

  shortlistOf(doc: number): Shortlisted[] {
    const budget = this.#budgetOf(doc);
    const all = budget.maxDf === Infinity;
    let touchedCount = accumulateDoc(this.#stems, doc, budget, this.#stemFull, this.#stemTitle, this.#touched, this.#touchedList, 0);
    touchedCount = accumulateDoc(this.#grams, doc, budget, this.#gramFull, this.#gramTitle, this.#touched, this.#touchedList, touchedCount);
    const first = new TopDocs(all ? SHORTLIST_SIZE : RARE_CANDIDATES, this.idOf);
    for (let t = 0; t < touchedCount; t += 1) {
      const other = this.#touchedList[t] as number;
      if (other === doc) continue;
      const { stemCosine, gramCosine } = this.#gathered(doc, other);
      const preliminary = STEM_WEIGHT * stemCosine + GRAM_WEIGHT * gramCosine;
      if (preliminary <= 0 || preliminary < first.floor || this.skipped(doc, other)) continue;
      if (all) {
        this.#stemCosines[other] = stemCosine;
        this.#gramCosines[other] = gramCosine;
      }
      first.offer(other, preliminary);
    }
    for (let t = 0; t < touchedCount; t += 1) {
      const other = this.#touchedList[t] as number;
      this.#touched[other] = 0;
      this.#stemFull[other] = 0;
      this.#stemTitle[other] = 0;
      this.#gramFull[other] = 0;
      this.#gramTitle[other] = 0;
    }
    let top = first;
    if (!all) {
      top = new TopDocs(SHORTLIST_SIZE, this.idOf);
      spreadDoc(this.#stems, doc);
      spreadDoc(this.#grams, doc);
      for (const other of first.docs) {
        const { stemCosine, gramCosine } = this.#exact(doc, other);
        this.#stemCosines[other] = stemCosine;
        this.#gramCosines[other] = gramCosine;
        const preliminary = STEM_WEIGHT * stemCosine + GRAM_WEIGHT * gramCosine;
        if (preliminary > 0) top.offer(other, preliminary);
      }
      spreadDoc(this.#stems, doc, true);
      spreadDoc(this.#grams, doc, true);
    }
    return top.docs.map((other) => ({ docIndex: other, stemCosine: this.#stemCosines[other] as number, gramCosine: this.#gramCosines[other] as number }));
  }
}
