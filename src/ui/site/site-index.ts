/**
 * The site's search index (docs/SITE-INDEX.md): `search/words.bin`, the words
 * the duplicate engine analyses in each idea (site-words.ts), and
 * `search/ideas.json`, this file's `SiteIndexMeta`: the ideas in the same
 * order, with what the browser needs to turn the engine's candidates into
 * what `sluss similar` shows.
 */
export const SITE_INDEX_FORMAT = 'sluss-site-index';
/** Bumped whenever ideas.json changes shape or words.bin changes meaning. 3: words instead of the CLI's saved index. */
export const SITE_INDEX_VERSION = 3;
export const SITE_INDEX_FILES = { meta: 'search/ideas.json', words: 'search/words.bin' } as const;

export interface SiteIndexIdea {
  id: string;
  title: string;
  /** Display names, as `sluss similar` shows them. */
  municipality: string;
  stage: string;
  /** The idea's page, from the folder of the pages of one language. */
  href: string;
  /** Ideas this one is linked to (related, or the idea it duplicates): one idea when the check measures its margin, as in the CLI. */
  linked?: string[];
}

export interface SiteIndexMeta {
  format: typeof SITE_INDEX_FORMAT;
  version: number;
  /** ANALYSIS_VERSION of the engine that wrote words.bin; the page's own engine must be the same. */
  engine: { analysis: number };
  /** The duplicate settings of sluss.yaml. */
  settings: { threshold: number; show_from: number; max_candidates: number };
  /** Never suggested (merged duplicates, ideas before the look-back), as of the build date. */
  hidden: string[];
  /** In the order of the ideas in words.bin. */
  ideas: SiteIndexIdea[];
}
