/** The start page, the list of ideas and one page per idea: plain HTML that needs no script. */
import { escapeHtml as e, renderPage, rootOf, type SiteFile, type SiteLanguage } from './layout.js';
import { LIST_FILTERS, type FilterChoice, type IdeaRefLink, type ListFilterName, type PublicIdea, type SiteModel } from './model.js';
import type { SiteText } from './text.js';

export type { SiteFile } from './layout.js';

const LATEST_MOVEMENTS = 8;

function ideaLink(root: string, idea: IdeaRefLink): string {
  return `<a href="${root}${e(idea.href)}">${e(idea.title)}</a>`;
}

export function startPage(l: SiteLanguage, site: SiteModel): SiteFile {
  const { t } = l;
  const path = 'index.html';
  const figures = (
    [
      [site.figures.ideas, t.figureIdeas],
      [site.figures.shared, t.figureShared],
      [site.figures.inUse, t.figureInUse],
    ] as const
  )
    .map(([value, label]) => `<li><strong>${value}</strong> ${e(label(value))}</li>`)
    .join('\n');
  const movements = site.movements.slice(0, LATEST_MOVEMENTS);
  const latest =
    movements.length === 0
      ? `<p>${e(t.noMovements)}</p>`
      : `<ul>\n${movements.map((m) => `<li><time datetime="${e(m.date)}">${e(m.date)}</time> ${ideaLink('', m.idea)}: ${e(t.moved(m.from, m.to))}</li>`).join('\n')}\n</ul>`;
  const body = `<h1>${e(t.startTitle)}</h1>
${t.purpose.map((p) => `<p>${e(p)}</p>`).join('\n')}
<h2>${e(t.howTitle)}</h2>
<ol>
${t.how.map((step) => `<li>${e(step)}</li>`).join('\n')}
</ol>
<p><a href="check.html">${e(t.howAction)}</a></p>
<h2>${e(t.figuresTitle)}</h2>
<ul class="figures">
${figures}
</ul>
<h2>${e(t.latestTitle)}</h2>
${latest}`;
  return renderPage(l, site, { path, title: t.startTitle, body, current: 'start' });
}

function filterSelect(t: SiteText, name: ListFilterName, label: string, choices: readonly FilterChoice[]): string {
  const options = choices.map((c) => `<option value="${e(c.code)}">${e(c.name)}</option>`).join('');
  return `<div><label for="filter-${name}">${e(label)}</label>
<select id="filter-${name}" name="${name}"><option value="">${e(t.filterAll[name])}</option>${options}</select></div>`;
}

/** The idea's municipality and, when others take part, which: the reason it shows under their filter too. */
function municipalitiesOf(t: SiteText, idea: PublicIdea): string {
  const others = [...new Set(idea.participants.filter((p) => p.code !== idea.municipality.code).map((p) => p.name))];
  return others.length === 0 ? idea.municipality.name : `${idea.municipality.name} ${t.alsoIn(others.join(', '))}`;
}

/** What each list item carries for the filters: the free text it matches and its values per filter. */
function filterData(idea: PublicIdea): string {
  const words = [idea.title, idea.municipality.name, ...idea.participants.map((p) => p.name), idea.stageName, idea.categoryName, ...idea.tags].join(' ');
  const values: Record<ListFilterName, string[]> = {
    municipality: [...new Set([idea.municipality.code, ...idea.participants.map((p) => p.code)])],
    stage: [idea.status],
    category: [idea.category],
    tag: idea.tags,
  };
  // One attribute per filter, values on lines of their own: no code or tag holds a line break (the schemas say so).
  const attributes = LIST_FILTERS.map((name) => ` data-${name}="${e(values[name].join('\n')).replace(/\n/g, '&#10;')}"`).join('');
  return ` data-words="${e(words.toLowerCase())}"${attributes}`;
}

/**
 * The list works without a script; the filter form is shown by assets/list.js
 * and sends nothing anywhere: choosing narrows the list in place and keeps
 * the choice in the page's address, so a filtered list can be bookmarked.
 */
export function ideaListPage(l: SiteLanguage, site: SiteModel): SiteFile {
  const { t } = l;
  const path = 'ideas/index.html';
  const root = rootOf(path);
  const items = site.ideas
    .map(
      (idea) => `<li${filterData(idea)}><a href="${root}${e(idea.href)}">${e(idea.title)}</a>
<p class="meta">${e(municipalitiesOf(t, idea))} · ${e(idea.stageName)} · ${e(idea.categoryName)} · <time datetime="${e(idea.created)}">${e(idea.created)}</time></p></li>`,
    )
    .join('\n');
  const { filters } = site;
  const body = `<h1>${e(t.ideasTitle)}</h1>
<p>${e(t.ideasIntro(site.ideas.length))}</p>
<form id="filter" class="filter" role="search" aria-labelledby="filter-title" hidden>
<h2 id="filter-title">${e(t.filterTitle)}</h2>
<label for="filter-text">${e(t.filterLabel)}</label>
<p class="hint" id="filter-hint">${e(t.filterHint)}</p>
<input id="filter-text" name="q" type="search" aria-describedby="filter-hint">
<div class="choices">
${filterSelect(t, 'municipality', t.municipality, filters.municipalities)}
${filterSelect(t, 'stage', t.stage, filters.stages)}
${filterSelect(t, 'category', t.category, filters.categories)}
${filterSelect(t, 'tag', t.filterTag, filters.tags.map((tag) => ({ code: tag, name: tag })))}
</div>
<button type="reset" class="secondary">${e(t.filterReset)}</button>
<p id="filter-count" role="status"></p>
</form>
<ul class="ideas" id="idea-list">
${items}
</ul>`;
  return renderPage(l, site, { path, title: t.ideasTitle, body, current: 'ideas', scripts: ['assets/list.js'] });
}

function participantsOf(t: SiteText, idea: PublicIdea): string {
  return idea.participants
    .map((p) => `<li>${e(p.name)}: ${e(t.roles[p.role] ?? p.role)}${p.share === undefined ? '' : ` (${e(t.share(p.share))})`}</li>`)
    .join('\n');
}

function contactOf(t: SiteText, idea: PublicIdea): string {
  const { intake, name } = idea.municipality;
  const receiver = intake?.email ? `<p><a href="mailto:${e(intake.email)}">${e(intake.name ?? intake.email)}</a></p>` : '';
  const submitter = idea.submitter ? `<p>${e(t.contactSubmitter)}: ${e(idea.submitter)}</p>` : '';
  return `${submitter}<p>${e(intake?.email ? t.contactIntake(name) : t.contactNone(name))}</p>${receiver}`;
}

export function ideaPage(l: SiteLanguage, site: SiteModel, idea: PublicIdea): SiteFile {
  const { t } = l;
  const path = idea.href;
  const root = rootOf(path);
  const sections = idea.sections.map((s) => `<h2>${e(t[s.key])}</h2>\n${s.text.split(/\n{2,}/).map((p) => `<p>${e(p.trim())}</p>`).join('\n')}`).join('\n');
  const moves = idea.moves
    .map((m) => `<tr><td><time datetime="${e(m.date)}">${e(m.date)}</time></td><td>${e(m.from ?? '–')}</td><td>${e(m.to)}</td></tr>`)
    .join('\n');
  const links = [
    ...(idea.duplicateOf ? [`<p>${e(t.duplicateOf)}: ${ideaLink(root, idea.duplicateOf)}</p>`] : []),
    ...(idea.related.length > 0 ? [`<p>${e(t.related)}:</p>\n<ul>${idea.related.map((r) => `<li>${ideaLink(root, r)}</li>`).join('')}</ul>`] : []),
  ];
  const body = `<h1>${e(idea.title)}</h1>
<dl class="facts">
<dt>${e(t.municipality)}</dt><dd>${e(idea.municipality.name)}</dd>
<dt>${e(t.stage)}</dt><dd>${e(idea.stageName)}</dd>
<dt>${e(t.category)}</dt><dd>${e(idea.categoryName)}</dd>
<dt>${e(t.created)}</dt><dd><time datetime="${e(idea.created)}">${e(idea.created)}</time></dd>${idea.tags.length > 0 ? `\n<dt>${e(t.tags)}</dt><dd>${e(idea.tags.join(', '))}</dd>` : ''}
</dl>
${sections}
<h2>${e(t.participants)}</h2>
<ul>
${participantsOf(t, idea)}
</ul>
<h2>${e(t.historyTitle)}</h2>
<table>
<thead><tr><th scope="col">${e(t.historyDate)}</th><th scope="col">${e(t.historyFrom)}</th><th scope="col">${e(t.historyTo)}</th></tr></thead>
<tbody>
${moves}
</tbody>
</table>${links.length > 0 ? `\n<h2>${e(t.linksTitle)}</h2>\n${links.join('\n')}` : ''}
<h2>${e(t.contactTitle)}</h2>
${contactOf(t, idea)}`;
  return renderPage(l, site, { path, title: idea.title, body, current: 'ideas' });
}
