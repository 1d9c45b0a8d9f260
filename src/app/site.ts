/**
 * `sluss site`: the register as a static web site, in both languages (the
 * run's language in the folder itself, the other in `en/` or `sv/`), with the
 * search index of the duplicate check, the scripts bundled for the browser
 * and the coordinators' report as a page. Written into one folder by
 * adapters/fs/site-folder.ts with the safe writer's guarantees (no link
 * inside it is followed, a page that was there is replaced whole); files an
 * earlier build wrote that this one does not are removed.
 */
import { dirname, join, relative, resolve } from 'node:path';
import type { CommandContext } from './ports.js';
import { SlussError } from '../core/errors.js';
import { bodyOfIdeaFile } from '../core/format/idea-file.js';
import type { IdeaWithBody } from '../core/idea.js';
import type { Lang } from '../core/lang.js';
import { buildReport } from '../core/report/build.js';
import { reportDocument, type ReportDocument } from '../ui/report/tables.js';
import { REPORT_CONTENT_CSS } from '../ui/report/render-html.js';
import { accessibilityPage } from '../ui/site/accessibility-page.js';
import { checkPage } from '../ui/site/check-page.js';
import { SITE_CSS, type SiteFile, type SiteLanguage } from '../ui/site/layout.js';
import type { SiteModel } from '../ui/site/model.js';
import { ideaListPage, ideaPage, startPage } from '../ui/site/pages.js';
import { REPORT_STYLESHEET, reportPage } from '../ui/site/report-page.js';
import { siteText } from '../ui/site/text.js';
import { loadIdeas, openRegister, readIdea, type OpenRegister } from './register.js';
import { DEFAULT_STALE_DAYS } from './report.js';
import { siteModelOf } from './site-model.js';
import { searchIndexFiles } from './site-search.js';

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
  /** Files of an earlier build that this one no longer writes, removed. */
  removed: number;
}

const LANGS: readonly Lang[] = ['sv', 'en'];

async function browserScripts(ctx: CommandContext): Promise<SiteFile[]> {
  const { dir, scripts } = await ctx.adapters.bundled.siteScripts();
  if (!scripts.some((script) => script.name === 'check.js')) {
    const t = siteText(ctx.lang);
    throw new SlussError('usage', { detail: t.scriptsMissing(dir), hint: t.scriptsMissingHint });
  }
  return scripts.map((script) => ({ path: `assets/${script.name}`, content: script.content }));
}

/** The ideas with their bodies. The data was checked by `loadIdeas`; a file unchanged since is not checked again. */
function withBodies(register: OpenRegister, loaded: Awaited<ReturnType<typeof loadIdeas>>): IdeaWithBody[] {
  const { contentHash } = register.adapters.files;
  return loaded.ideas.flatMap((idea) => {
    const entry = register.store.readIdeaFile(idea.path);
    if ('text' in entry && contentHash(entry.text) === loaded.hashes.get(idea.path)) return [{ ...idea, body: bodyOfIdeaFile(entry.text) }];
    return readIdea(register, idea.path) ?? [];
  });
}

/** The main language in the folder itself, the other in a folder of its own; each page links to its counterpart. */
function languages(main: Lang): SiteLanguage[] {
  const folder = (lang: Lang) => (lang === main ? '' : `${lang}/`);
  return [main, ...LANGS.filter((lang) => lang !== main)].map((lang) => {
    const other = LANGS.find((l) => l !== lang)!;
    return { t: siteText(lang), prefix: folder(lang), other: { t: siteText(other), prefix: folder(other) } };
  });
}

/** Every page of one language, made one at a time as the writer asks for them. */
function* pagesOf(l: SiteLanguage, site: SiteModel, report: ReportDocument): Generator<SiteFile> {
  yield startPage(l, site);
  yield ideaListPage(l, site);
  for (const idea of site.ideas) yield ideaPage(l, site, idea);
  yield checkPage(l, site);
  yield reportPage(l, site, report);
  yield accessibilityPage(l, site);
}

export async function buildSite(ctx: CommandContext, request: SiteRequest): Promise<BuiltSite> {
  const scripts = await browserScripts(ctx);
  const register = await openRegister(ctx);
  const out = request.out === undefined ? join(register.root, 'public') : resolve(ctx.cwd, request.out);
  const loaded = await loadIdeas(register, undefined, { wholeRegister: true });
  const ideas = withBodies(register, loaded);
  const site = siteModelOf(register.config, ideas, ctx.clock.today(), request.baseUrl ?? '');
  // The report as `sluss report` makes it by default: the whole register, no personal data.
  const report = buildReport(
    register.config,
    ideas,
    { asOf: site.built, window: {}, municipalities: [], categories: [], staleDays: DEFAULT_STALE_DAYS, interval: 'month', includePersonal: false },
    { kind: 'working-tree' },
    loaded.unreadable,
  );
  const config = register.config;
  function* files(): Generator<SiteFile> {
    for (const l of languages(ctx.lang)) yield* pagesOf(l, site, reportDocument(report, config, l.t.lang));
    yield { path: 'assets/site.css', content: SITE_CSS };
    yield { path: REPORT_STYLESHEET, content: REPORT_CONTENT_CSS };
    yield* scripts;
    yield* searchIndexFiles(config, site, ideas);
  }
  try {
    await ctx.adapters.local.makeFolder(dirname(out));
  } catch (error) {
    throw new SlussError('write-failed', { file: dirname(out), detail: String((error as { code?: unknown }).code ?? error) }, { cause: error });
  }
  const { written, removed } = await ctx.adapters.local.writeSiteFolder(out, request.out ?? (relative(ctx.cwd, out) || '.'), files());
  if (removed > 0) ctx.output.info(siteText(ctx.lang).removed(removed));
  return { out, files: written, ideas: ideas.length, skipped: loaded.unreadable, removed };
}
