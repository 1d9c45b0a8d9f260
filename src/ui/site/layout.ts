/**
 * The frame of every page of the site: language, content security policy
 * (nothing from another origin, scripts only from the site's own files), a
 * skip link, the menu and the footer. Everything shown is escaped here.
 */
import type { SiteText } from './text.js';

/** The policy of every page. `form-action` allows the form's `mailto:` and the site itself. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self' mailto:; base-uri 'none'";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One language of the site: its sentences, its folder, and the other language's, where every page has its counterpart. */
export interface SiteLanguage {
  t: SiteText;
  /** Folder of this language's pages from the site's root: '' for the main language, 'en/' or 'sv/' for the other. */
  prefix: string;
  other: { t: SiteText; prefix: string };
}

export interface PageSpec {
  /** Path of the page from its language's folder, e.g. `ideas/0CQ-R77CM.html`. */
  path: string;
  title: string;
  body: string;
  /** Scripts of the site (paths from the site's root): modules, so they run after the page is read. */
  scripts?: string[];
  /** Stylesheets besides the site's own (paths from the site's root). */
  styles?: string[];
  current?: 'start' | 'ideas' | 'check' | 'report' | 'accessibility';
}

/** The way back to a folder's root from a page: '' or '../' per folder. */
export function rootOf(path: string): string {
  return '../'.repeat(path.split('/').length - 1);
}

/** A page of the site: its path from the site's root and its HTML. */
export interface SiteFile {
  path: string;
  content: string | Uint8Array;
}

export function renderPage(l: SiteLanguage, site: { name: string; baseUrl: string; built: string }, spec: PageSpec): SiteFile {
  const { t } = l;
  const file = `${l.prefix}${spec.path}`;
  // Links between pages stay within the language's folder; scripts, styles and the index are shared by both.
  const root = rootOf(spec.path);
  const siteRoot = rootOf(file);
  const counterpart = `${siteRoot}${l.other.prefix}${spec.path}`;
  const link = (href: string, label: string, key: PageSpec['current']) =>
    `<li><a href="${root}${href}"${spec.current === key ? ' aria-current="page"' : ''}>${escapeHtml(label)}</a></li>`;
  const canonical = site.baseUrl ? `\n<link rel="canonical" href="${escapeHtml(`${site.baseUrl}/${file}`)}">` : '';
  const styles = ['assets/site.css', ...(spec.styles ?? [])].map((href) => `\n<link rel="stylesheet" href="${siteRoot}${href}">`).join('');
  const scripts = (spec.scripts ?? []).map((src) => `\n<script type="module" src="${siteRoot}${src}"></script>`).join('');
  const content = `<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${escapeHtml(`${spec.title} – ${site.name}`)}</title>${styles}${canonical}
<link rel="alternate" hreflang="${t.lang}" href="${escapeHtml(`${siteRoot}${l.prefix}${spec.path}`)}">
<link rel="alternate" hreflang="${l.other.t.lang}" href="${escapeHtml(counterpart)}">${scripts}
</head>
<body>
<a class="skip" href="#main">${escapeHtml(t.skip)}</a>
<header><p class="site-name"><a href="${root}index.html">${escapeHtml(site.name)}</a></p>
<p class="language"><a href="${escapeHtml(counterpart)}" hreflang="${l.other.t.lang}" lang="${l.other.t.lang}">${escapeHtml(l.other.t.thisLanguage)}</a></p>
<nav aria-label="${escapeHtml(t.mainNav)}"><ul>
${link('index.html', t.navStart, 'start')}
${link('ideas/index.html', t.navIdeas, 'ideas')}
${link('check.html', t.navCheck, 'check')}
${link('report.html', t.navReport, 'report')}
</ul></nav></header>
<main id="main">
${spec.body}
</main>
<footer><p>${escapeHtml(t.footer(site.name))} ${escapeHtml(t.generated(site.built))}</p>
<p><a href="${root}accessibility.html">${escapeHtml(t.navAccessibility)}</a></p></footer>
</body>
</html>
`;
  return { path: file, content };
}

/** One stylesheet for every page: readable from 320 px, focus always visible, contrast AA. */
export const SITE_CSS = `*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff}
body{margin:0;overflow-wrap:anywhere}
header,main,footer{max-width:52rem;margin:0 auto;padding:0 1rem}
header{border-bottom:1px solid #767676}
.site-name{font-weight:700;font-size:1.25rem;margin:.75rem 0 .25rem}
.language{margin:0 0 .25rem}
nav ul{list-style:none;margin:0;padding:0 0 .5rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
a{color:#0b4f8a}
a[aria-current="page"]{font-weight:700}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.skip{position:absolute;left:-999rem}
.skip:focus{position:static;display:inline-block;padding:.5rem}
h1{font-size:1.75rem;line-height:1.2}
.figures{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0}
.figures li{border:1px solid #767676;border-radius:.25rem;padding:.5rem 1rem;min-width:8rem}
.figures strong{display:block;font-size:1.75rem}
.ideas{list-style:none;padding:0}
.ideas li{border-top:1px solid #cfcfcf;padding:.5rem 0}
.meta{color:#4a4a4a;margin:0}
dl.facts{display:grid;grid-template-columns:minmax(6rem,max-content) 1fr;gap:.25rem 1rem}
dl.facts dt{font-weight:700}
dl.facts dd{margin:0}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.25rem .5rem .25rem 0;border-bottom:1px solid #cfcfcf;vertical-align:top}
label{display:block;font-weight:700;margin-top:1rem}
input,select,textarea{font:inherit;width:100%;max-width:40rem;padding:.4rem;border:1px solid #5a5a5a;border-radius:.2rem}
textarea{min-height:5rem}
.hint{color:#4a4a4a;margin:.25rem 0}
button{font:inherit;padding:.5rem 1rem;margin:1rem .5rem 0 0;border:2px solid #0b4f8a;background:#0b4f8a;color:#fff;border-radius:.25rem;cursor:pointer}
button.secondary{background:#fff;color:#0b4f8a}
.choices{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:0 1rem;max-width:40rem}
.filter button{display:block}
.suggestion{border-left:4px solid #767676;padding:.25rem .75rem;margin:.75rem 0}
.suggestion.likely{border-left-color:#b00020}
.label{font-weight:700}
.likely .label{color:#b00020}
.warning{border:2px solid #b00020;padding:.5rem;color:#1a1a1a}
[hidden]{display:none !important}
footer{border-top:1px solid #767676;margin-top:2rem;color:#4a4a4a}
`;
