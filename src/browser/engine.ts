/**
 * The duplicate check in the browser: the same core as `sluss similar`, over
 * the index `sluss site` wrote. Loaded by check.ts the first time the form is
 * used, so a reader who never types loads none of it.
 */
import { confidenceBand, findDuplicateCandidates } from '../core/duplicates.js';
import type { DuplicateIndex } from '../core/duplicates.js';
import type { Idea, IdeaData, IdeaLinks } from '../core/idea.js';
import type { Lang } from '../core/lang.js';
import { deserializeSimilarityIndex, INDEX_FORMAT_VERSION } from '../core/similarity/index.js';
import { describeReasons } from '../ui/render.js';
import { ui } from '../ui/text.js';
import { SITE_INDEX_FILES, SITE_INDEX_FORMAT, SITE_INDEX_VERSION, type SiteIndexMeta } from '../ui/site/site-index.js';

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

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response;
}

export async function loadEngine(root: string, lang: Lang): Promise<Engine> {
  const [meta, bytes] = await Promise.all([
    fetchOk(root + SITE_INDEX_FILES.meta).then((r) => r.json() as Promise<SiteIndexMeta>),
    fetchOk(root + SITE_INDEX_FILES.index).then((r) => r.arrayBuffer()),
  ]);
  if (meta.format !== SITE_INDEX_FORMAT || meta.version !== SITE_INDEX_VERSION || meta.engine.format !== INDEX_FORMAT_VERSION) {
    throw new Error(`site index ${meta.format} ${meta.version}/${meta.engine?.format} is not the version this page reads`);
  }
  const duplicateIndex: DuplicateIndex = {
    index: deserializeSimilarityIndex(new Uint8Array(bytes)),
    // Only the links: they make linked ideas one idea for the margin, as `sluss similar` does.
    summaries: new Map(Object.entries(meta.ideas).map(([id, idea]) => [id, { id, municipality: '', created: '', ...(idea.linked ? { links: linksOf(idea.linked) } : {}) }])),
    hidden: new Set(meta.hidden),
    // The candidate needs only the title, municipality and stage, which ideas.json holds (as display names).
    ideaOf: (id) => {
      const idea = meta.ideas[id];
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
