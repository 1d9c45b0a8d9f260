/**
 * The accessibility statement (tillgänglighetsredogörelse) Swedish law asks of
 * a public body's web site, with the parts DIGG lists: who, how compliant,
 * what is not accessible, how it was assessed and when, how to report a
 * shortcoming and DIGG's own reporting function. Linked from every page's footer.
 */
import { escapeHtml as e, renderPage, type SiteFile, type SiteLanguage } from './layout.js';
import type { SiteModel } from './model.js';

/** DIGG's form for reporting a public web site that is not accessible. */
export const DIGG_REPORT_URL = 'https://www.digg.se/tdosanmalan';

export function accessibilityPage(l: SiteLanguage, site: SiteModel): SiteFile {
  const { t } = l;
  const path = 'accessibility.html';
  const receivers = site.municipalities
    .filter((m) => m.intake?.email)
    .map((m) => `<li>${e(m.name)}: <a href="mailto:${e(m.intake!.email!)}">${e(m.intake!.email!)}</a></li>`)
    .join('\n');
  const body = `<h1>${e(t.a11yTitle)}</h1>
<p>${e(t.a11yIntro(site.name))}</p>
<h2>${e(t.a11yStatusTitle)}</h2>
<p>${e(t.a11yStatus)}</p>
<h2>${e(t.a11yGapsTitle)}</h2>
<p>${e(t.a11yGaps)}</p>
<p>${e(t.a11yExempt)}</p>
<h2>${e(t.a11yMethodTitle)}</h2>
<p>${e(t.a11yMethod)}</p>
<p>${e(t.a11yDates(site.built))}</p>
<h2>${e(t.a11yReportTitle)}</h2>
<p>${e(t.a11yReport)}</p>
${receivers ? `<ul>\n${receivers}\n</ul>` : ''}
<h2>${e(t.a11yDiggTitle)}</h2>
<p>${e(t.a11yDigg)}</p>
<p><a href="${DIGG_REPORT_URL}">${e(t.a11yDiggLink)}</a></p>`;
  return renderPage(l, site, { path, title: t.a11yTitle, body, current: 'accessibility' });
}
