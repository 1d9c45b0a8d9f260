/**
 * The duplicate check in the browser: the same core as `sluss similar`, over
 * an index built here from the words `sluss site` wrote (search/words.bin,
 * docs/SITE-INDEX.md). Loaded by check.ts the first time the form is used,
 * so a reader who never uses it loads none of it.
 */
import { confidenceBand, findDuplicateCandidates } from '../core/duplicates.js';
import type { DuplicateIndex } from '../core/duplicates.js';
import type { Idea, IdeaData, IdeaLinks } from '../core/idea.js';
import type { Lang } from '../core/lang.js';
import { ANALYSIS_VERSION, createSimilarityIndexBuilder } from '../core/similarity/index.js';
import { describeReasons } from '../ui/render.js';
import { ui } from '../ui/text.js';
import { SITE_INDEX_FILES, SITE_INDEX_FORMAT, SITE_INDEX_VERSION, type SiteIndexIdea, type SiteIndexMeta } from '../ui/site/site-index.js';
import { decodeSiteWords, WordsAnalyzer } from '../ui/site/site-words.js';

export interface Suggestion {
  id: string;
  title: string;
  href: string;
  municipality: string;
  stage: string;
  likelyDuplicate: boolean;
  /** The label `sluss similar` gives it (`confidenceBand`) and its words. */
  band: string;
  label: string;
  why: string;
}

export interface Engine {
  suggest(query: { title: string; text: string }): Suggestion[];
}

async function fetchOk(url: URL): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.href}: ${response.status}`);
  return response;
}

/** Loads the index files under `root` (the site's root folder) and builds the engine's index from them. */
export async function loadEngine(root: URL, lang: Lang): Promise<Engine> {
  const [meta, bytes] = await Promise.all([
    fetchOk(new URL(SITE_INDEX_FILES.meta, root)).then((r) => r.json() as Promise<SiteIndexMeta>),
    fetchOk(new URL(SITE_INDEX_FILES.words, root)).then((r) => r.arrayBuffer()),
  ]);
  if (meta.format !== SITE_INDEX_FORMAT || meta.version !== SITE_INDEX_VERSION || meta.engine?.analysis !== ANALYSIS_VERSION) {
    throw new Error(`site index ${meta.format} ${meta.version}/${meta.engine?.analysis} is not the version this page reads`);
  }
  const docs = decodeSiteWords(new Uint8Array(bytes));
  if (docs.length !== meta.ideas.length) throw new Error(`words.bin holds ${docs.length} ideas, ideas.json ${meta.ideas.length}`);
  const analyzer = new WordsAnalyzer();
  const builder = createSimilarityIndexBuilder();
  docs.forEach((doc, i) => builder.add(analyzer.analyze((meta.ideas[i] as SiteIndexIdea).id, doc)));
  const byId = new Map(meta.ideas.map((idea) => [idea.id, idea]));
  const duplicateIndex: DuplicateIndex = {
    index: builder.finish(),
    // Only the links: they make linked ideas one idea for the margin, as `sluss similar` does.
    summaries: new Map(meta.ideas.map((idea) => [idea.id, { id: idea.id, municipality: '', created: '', ...(idea.linked ? { links: linksOf(idea.linked) } : {}) }])),
    hidden: new Set(meta.hidden),
    // The candidate needs only the title, municipality and stage, which ideas.json holds (as display names).
    ideaOf: (id) => {
      const idea = byId.get(id);
      return idea && ({ data: { id, title: idea.title, municipality: idea.municipality, status: idea.stage } as IdeaData, path: idea.href } satisfies Idea);
    },
  };
  const settings = { ...meta.settings, lookback_days: null, override_needs_approval: false };
  const text = ui(lang);
  return {
    suggest: (query) =>
      findDuplicateCandidates(duplicateIndex, query, settings).map((candidate) => {
        const band = confidenceBand(candidate);
        return {
          id: candidate.id,
          title: candidate.title,
          href: candidate.path,
          municipality: candidate.municipality,
          stage: candidate.status,
          likelyDuplicate: candidate.likelyDuplicate,
          band,
          label: text.bands[band],
          why: describeReasons(text, candidate),
        };
      }),
  };
}

/** Links as the core reads them: any kind of link counts the same for the margin. */
function linksOf(linked: readonly string[]): IdeaLinks {
  return { related: [...linked] };
}
