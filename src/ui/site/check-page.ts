/**
 * "Har någon redan haft idén?": the form whose script (src/browser/check.ts)
 * shows similar ideas while the employee types and hands the idea in. Without
 * a script the form stays hidden and the page lists where to send an idea.
 */
import { escapeHtml as e, renderPage, type SiteFile, type SiteLanguage } from './layout.js';
import type { SiteModel } from './model.js';

/** How long typing must pause before the form asks for suggestions: each question is not worth asking while a word is half typed. */
export const TYPING_PAUSE_MS = 150;

function field(id: string, label: string, kind: 'input' | 'textarea' | 'email', extra = ''): string {
  const control =
    kind === 'textarea' ? `<textarea id="${id}" name="${id}"${extra}></textarea>` : `<input id="${id}" name="${id}" type="${kind === 'email' ? 'email' : 'text'}"${extra}>`;
  return `<label for="${id}">${e(label)}</label>\n${control}`;
}

export function checkPage(l: SiteLanguage, site: SiteModel): SiteFile {
  const { t } = l;
  const path = 'check.html';
  const options = site.municipalities
    .map((m) => `<option value="${e(m.code)}" data-name="${e(m.name)}"${m.intake?.email ? ` data-email="${e(m.intake.email)}"` : ''}${m.intake?.issues ? ` data-issues="${e(m.intake.issues)}"` : ''}>${e(m.name)}</option>`)
    .join('\n');
  const receivers = site.municipalities
    .filter((m) => m.intake?.email)
    .map((m) => `<li>${e(m.name)}: <a href="mailto:${e(m.intake!.email!)}">${e(m.intake!.name ?? m.intake!.email!)}</a></li>`)
    .join('\n');
  const body = `<h1>${e(t.checkTitle)}</h1>
<p>${e(t.checkIntro)}</p>
<noscript><p>${e(t.noScript)}</p></noscript>
<form id="check-form" hidden novalidate data-pause-ms="${TYPING_PAUSE_MS}">
${field('title', t.fieldTitle, 'input', ' autocomplete="off"')}
${field('problem', t.fieldProblem, 'textarea')}
${field('idea', t.fieldIdea, 'textarea')}
${field('benefit', t.fieldBenefit, 'textarea')}
<section aria-labelledby="suggestions-title">
<h2 id="suggestions-title">${e(t.suggestionsTitle)}</h2>
<p id="suggestions-status" role="status" aria-live="polite"></p>
<div id="suggestions"></div>
</section>
<label for="municipality">${e(t.fieldMunicipality)}</label>
<select id="municipality" name="municipality">
<option value="">${e(t.chooseMunicipality)}</option>
${options}
</select>
<p class="hint" id="optional-hint">${e(t.optionalHint)}</p>
${field('name', t.fieldName, 'input', ' autocomplete="name" aria-describedby="optional-hint"')}
${field('email', t.fieldEmail, 'email', ' autocomplete="email" aria-describedby="optional-hint"')}
<h2>${e(t.handInTitle)}</h2>
<p class="hint">${e(t.neverStored)}</p>
<div id="form-message" role="alert"></div>
<button type="submit" value="mail">${e(t.sendMail)}</button>
<button type="submit" value="issue" class="secondary" hidden>${e(t.openIssue)}</button>
<button type="submit" value="download" class="secondary">${e(t.download)}</button>
<p id="mail-fallback" hidden>${e(t.mailFallback)} <a id="mail-link" href="#">${e(t.sendMail)}</a></p>
</form>
${receivers ? `<h2>${e(t.intakeTitle)}</h2>\n<ul>\n${receivers}\n</ul>` : `<p>${e(t.noIntake)}</p>`}`;
  return renderPage(l, site, { path, title: t.checkTitle, body, current: 'check', scripts: ['assets/check.js'] });
}
