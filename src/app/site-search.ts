/**
 * The site's search index (docs/SITE-INDEX.md): `search/ideas.json`, what the
 * form shows of each idea and the duplicate settings, and `search/words.bin`,
 * the words the engine analyses in each idea, from which the browser builds
 * the index `sluss similar` ranks against. Only public fields: the title and
 * the text of the idea's sections, never a name, address or note.
 */
import type { RegisterConfig } from '../core/config.js';
import { duplicateIndexOf, similarityDocOf } from '../core/duplicates.js';
import { summaryOf } from '../core/idea.js';
import type { IdeaWithBody } from '../core/idea.js';
import { ANALYSIS_VERSION, buildSimilarityIndex } from '../core/similarity/index.js';
import type { SiteFile } from '../ui/site/layout.js';
import type { SiteModel } from '../ui/site/model.js';
import { SITE_INDEX_FILES, SITE_INDEX_FORMAT, SITE_INDEX_VERSION, type SiteIndexMeta } from '../ui/site/site-index.js';
import { encodeSiteWords, siteWordsOf } from '../ui/site/site-words.js';

/** `hidden` asks nothing of an index: an empty one stands in, so the site never builds the register's. */
const NO_INDEX = buildSimilarityIndex([]);

/** `ideas` in the order the CLI builds its index from them; `site` holds the same ideas as public fields. */
export function searchIndexFiles(config: RegisterConfig, site: SiteModel, ideas: readonly IdeaWithBody[]): SiteFile[] {
  const settings = config.duplicates;
  const byId = new Map(ideas.map((idea) => [idea.data.id, idea]));
  const { hidden } = duplicateIndexOf(ideas.map((idea) => summaryOf(idea.data)), settings, site.built, NO_INDEX, (id) => byId.get(id));
  const shown = new Map(site.ideas.map((idea) => [idea.id, idea]));
  const meta: SiteIndexMeta = {
    format: SITE_INDEX_FORMAT,
    version: SITE_INDEX_VERSION,
    engine: { analysis: ANALYSIS_VERSION },
    settings: { threshold: settings.threshold, show_from: settings.show_from, max_candidates: settings.max_candidates },
    hidden: [...hidden].sort(),
    ideas: ideas.map(({ data }) => {
      const idea = shown.get(data.id)!;
      const linked = [...(data.links?.duplicate_of ? [data.links.duplicate_of] : []), ...(data.links?.related ?? [])];
      return { id: idea.id, title: idea.title, municipality: idea.municipality.name, stage: idea.stageName, href: idea.href, ...(linked.length > 0 ? { linked } : {}) };
    }),
  };
  const words = ideas.map((idea) => {
    const doc = similarityDocOf(idea);
    return siteWordsOf(doc.title, doc.text);
  });
  return [
    { path: SITE_INDEX_FILES.meta, content: JSON.stringify(meta) },
    { path: SITE_INDEX_FILES.words, content: encodeSiteWords(words) },
  ];
}
