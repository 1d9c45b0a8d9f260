/**
 * The site's search index (docs/SITE-INDEX.md): `search/index.bin`, the
 * similarity index exactly as the CLI saves it (`serialize()`), and
 * `search/ideas.json`, this file's `SiteIndexMeta`: what the browser needs to
 * turn the engine's candidates into what `sluss similar` shows.
 */
export const SITE_INDEX_FORMAT = 'sluss-site-index';
/** Bumped whenever ideas.json changes shape or index.bin changes meaning. */
export const SITE_INDEX_VERSION = 2;
export const SITE_INDEX_FILES = { meta: 'search/ideas.json', index: 'search/index.bin' } as const;

export interface SiteIndexIdea {
  title: string;
  /** Display names, as `sluss similar` shows them. */
  municipality: string;
  stage: string;
  href: string;
  /** Ideas this one is linked to (related, or the idea it duplicates): one idea when the check measures its margin, as in the CLI. */
  linked?: string[];
}

export interface SiteIndexMeta {
  format: typeof SITE_INDEX_FORMAT;
  version: number;
  /** INDEX_FORMAT_VERSION and ANALYSIS_VERSION of the engine that wrote index.bin. */
  engine: { format: number; analysis: number };
  /** The duplicate settings of sluss.yaml. */
  settings: { threshold: number; show_from: number; max_candidates: number };
  /** Never suggested (merged duplicates, ideas before the look-back), as of the build date. */
  hidden: string[];
  ideas: Record<string, SiteIndexIdea>;
}
