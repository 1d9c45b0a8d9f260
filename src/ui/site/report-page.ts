/**
 * The coordinators' report (`sluss report --format html`) as a page of the
 * site: the same content, drawn from the same report document, inside the
 * site's frame. Its stylesheet is a file of the site (`assets/report.css`),
 * as the site's policy allows no inline style; the charts are inline SVG.
 */
import { renderReportContent } from '../report/render-html.js';
import type { ReportDocument } from '../report/tables.js';
import { escapeHtml as e, renderPage, type SiteFile, type SiteLanguage } from './layout.js';
import type { SiteModel } from './model.js';

export const REPORT_STYLESHEET = 'assets/report.css';

export function reportPage(l: SiteLanguage, site: SiteModel, doc: ReportDocument): SiteFile {
  const { heading, sections } = renderReportContent(doc, { scrollAll: true });
  const body = `${heading}\n<p>${e(l.t.reportIntro)}</p>\n${sections}`;
  return renderPage(l, site, { path: 'report.html', title: doc.title, body, current: 'report', styles: [REPORT_STYLESHEET] });
}
