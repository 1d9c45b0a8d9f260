/**
 * `sluss site`: the register as a static web site (pages, the search index of
 * the duplicate check and the scripts bundled for the browser), written into
 * one folder through the safe writers: no link inside it is followed, and each
 * file is replaced whole.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandContext } from './ports.js';
import { duplicateIndexOf } from '../core/duplicates.js';
import { SlussError } from '../core/errors.js';
import { summaryOf } from '../core/idea.js';
import type { IdeaWithBody } from '../core/idea.js';
import { ANALYSIS_VERSION, INDEX_FORMAT_VERSION } from '../core/similarity/index.js';
import { accessibilityPage } from '../ui/site/accessibility-page.js';
import { checkPage } from '../ui/site/check-page.js';
import { SITE_CSS } from '../ui/site/layout.js';
import type { SiteModel } from '../ui/site/model.js';
import { ideaListPage, ideaPage, startPage, type SiteFile } from '../ui/site/pages.js';
import { SITE_INDEX_FILES, SITE_INDEX_FORMAT, SITE_INDEX_VERSION, type SiteIndexMeta } from '../ui/site/site-index.js';
import { siteText } from '../ui/site/text.js';
import { loadIdeas, openRegister, readIdea, type OpenRegister } from './register.js';
import { siteModelOf } from './site-model.js';
import { loadSimilarityIndex } from './similarity-index.js';

export interface SiteRequest {
  /** The folder to write; default `public/` in the register. */
  out?: string | undefined;
  /** Where the site will be published, for canonical links. */
  baseUrl?: string | undefined;
}

export interface BuiltSite {
  out: string;
  files: number;
  ideas: number;
  skipped: number;
}

/** dist/site/, made by scripts/site-bundle.mjs: two levels up from src/app/ and dist/cli/ alike. */
const BROWSER_SCRIPTS = fileURLToPath(new URL('../../dist/site/', import.meta.url));

function browserScripts(lang: CommandContext['lang']): SiteFile[] {
  let names: string[];
  try {
    names = readdirSync(BROWSER_SCRIPTS).filter((name) => name.endsWith('.js'));
  } catch {
    names = [];
  }
  if (!names.includes('check.js')) {
    const t = siteText(lang);
    throw new SlussError('usage', { detail: t.scriptsMissing(BROWSER_SCRIPTS), hint: t.scriptsMissingHint });
  }
  return names.map((name) => ({ path: `assets/${name}`, content: readFileSync(join(BROWSER_SCRIPTS, name)) }));
}

async function searchIndexFiles(register: OpenRegister, site: SiteModel, ideas: readonly IdeaWithBody[], hashes: ReadonlyMap<string, string>): Promise<SiteFile[]> {
  // The CLI's own index (and cache): what the browser ranks against is what `sluss similar` ranks against.
  const index = await loadSimilarityIndex(register, ideas.map((idea) => ({ id: idea.data.id, path: idea.path, hash: hashes.get(idea.path) ?? '' })));
  const byId = new Map(ideas.map((idea) => [idea.data.id, idea]));
  const settings = register.config.duplicates;
  const { hidden } = duplicateIndexOf(ideas.map((idea) => summaryOf(idea.data)), settings, site.built, index, (id) => byId.get(id));
  const meta: SiteIndexMeta = {
    format: SITE_INDEX_FORMAT,
    version: SITE_INDEX_VERSION,
    engine: { format: INDEX_FORMAT_VERSION, analysis: ANALYSIS_VERSION },
    settings: { threshold: settings.threshold, show_from: settings.show_from, max_candidates: settings.max_candidates },
    hidden: [...hidden].sort(),
    ideas: Object.fromEntries(
      site.ideas.map((idea) => {
        const links = byId.get(idea.id)?.data.links;
        const linked = [...(links?.duplicate_of ? [links.duplicate_of] : []), ...(links?.related ?? [])];
        return [idea.id, { title: idea.title, municipality: idea.municipality.name, stage: idea.stageName, href: idea.href, ...(linked.length > 0 ? { linked } : {}) }];
      }),
    ),
  };
  return [
    { path: SITE_INDEX_FILES.meta, content: JSON.stringify(meta) },
    { path: SITE_INDEX_FILES.index, content: index.serialize() },
  ];
}

export async function buildSite(ctx: CommandContext, request: SiteRequest): Promise<BuiltSite> {
  const t = siteText(ctx.lang);
  const scripts = browserScripts(ctx.lang);
  const register = await openRegister(ctx);
  const out = request.out === undefined ? join(register.root, 'public') : resolve(ctx.cwd, request.out);
  const loaded = await loadIdeas(register, undefined, { wholeRegister: true });
  const ideas = loaded.ideas.flatMap((idea) => readIdea(register, idea.path) ?? []);
  const site = siteModelOf(register.config, ideas, ctx.clock.today(), request.baseUrl ?? '');
  const files: SiteFile[] = [
    startPage(t, site),
    ideaListPage(t, site),
    ...site.ideas.map((idea) => ideaPage(t, site, idea)),
    checkPage(t, site),
    accessibilityPage(t, site),
    { path: 'assets/site.css', content: SITE_CSS },
    ...scripts,
    ...(await searchIndexFiles(register, site, ideas, loaded.hashes)),
  ];
  // The folder is written as a register is: its parent is the root the checks start from.
  const root = dirname(out);
  try {
    await mkdir(root, { recursive: true });
  } catch (error) {
    throw new SlussError('write-failed', { file: root, detail: String((error as { code?: unknown }).code ?? error) }, { cause: error });
  }
  for (const file of files) await register.adapters.files.writeOutputFile(root, `${basename(out)}/${file.path}`, file.content);
  return { out, files: files.length, ideas: ideas.length, skipped: loaded.unreadable };
}
