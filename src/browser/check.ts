/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The form of check.html: similar ideas while the employee types (the engine
 * loads on first use), then the idea handed in by e-mail, as a prefilled
 * forge issue or as a file. Nothing typed is stored or sent anywhere else.
 */
import { findPersonalData } from '../core/personal-data.js';
import { composeSubmission, issueUrl, mailtoUrl, municipalityValue } from '../core/submission.js';
import type { Submission } from '../core/submission.js';
import { siteText } from '../ui/site/text.js';
import type { Engine, Suggestion } from './engine.js';

/** The site's root: the folder above assets/, where this script lies. The index is there, shared by both languages. */
const SITE_ROOT = new URL('../', import.meta.url);
const lang = document.documentElement.lang === 'en' ? 'en' : 'sv';
const t = siteText(lang);
const form = document.getElementById('check-form') as HTMLFormElement;
const status = document.getElementById('suggestions-status') as HTMLElement;
const list = document.getElementById('suggestions') as HTMLElement;
const message = document.getElementById('form-message') as HTMLElement;
const municipality = document.getElementById('municipality') as HTMLSelectElement;
/** How long typing must pause before the form asks for suggestions (data-pause-ms of the form, in milliseconds). */
const typingPause = Number(form.dataset['pauseMs'] ?? '150');
const value = (id: string) => (document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement).value;

let engine: Promise<Engine> | undefined;
let latest = 0;
let shown: Suggestion[] = [];
/** The text a personal identity number warning was given for: sending it again unchanged is the employee's choice. */
let warnedFor: string | undefined;

function query(): { title: string; text: string } {
  return { title: value('title').trim(), text: ['problem', 'idea', 'benefit'].map(value).filter((v) => v.trim() !== '').join('\n\n') };
}

function chosen(): HTMLOptionElement | undefined {
  return municipality.selectedOptions[0]?.value ? municipality.selectedOptions[0] : undefined;
}

function element(tag: string, text?: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function link(href: string, text: string, className?: string): HTMLAnchorElement {
  const a = element('a', text, className) as HTMLAnchorElement;
  a.href = href;
  return a;
}

function renderSuggestions(suggestions: Suggestion[], answered: string): void {
  shown = suggestions;
  const likely = suggestions.filter((s) => s.likelyDuplicate).length;
  status.textContent = suggestions.length === 0 ? t.suggestionsNone : t.suggestionsFound(suggestions.length, likely);
  const email = chosen()?.dataset['email'];
  list.replaceChildren(
    ...suggestions.map((s) => {
      const item = element('article', undefined, s.likelyDuplicate ? 'suggestion likely' : 'suggestion');
      item.dataset['id'] = s.id;
      item.dataset['band'] = s.band;
      const heading = element('h3');
      heading.append(link(s.href, s.title));
      const meta = element('p');
      meta.append(element('span', `[${s.label}]`, 'label'), ` ${s.id} · ${s.municipality} · ${s.stage}`);
      item.append(heading, meta);
      if (s.why) item.append(element('p', `${t.matchedOn}: ${s.why}`));
      if (email) item.append(element('p').appendChild(link(mailtoUrl(email, t.supportSubject(s.id, s.title), t.supportBody(s.id, s.title)), t.support, 'support')).parentElement!);
      return item;
    }),
  );
  list.dataset['query'] = answered;
}

/** The engine, loading from the first use of the form on; `data-engine` on the form says how far it is. */
function loadedEngine(): Promise<Engine> {
  if (engine === undefined) {
    form.dataset['engine'] = 'loading';
    const loading = import('./engine.js').then((module) => module.loadEngine(SITE_ROOT, lang));
    engine = loading;
    loading.then(
      () => {
        form.dataset['engine'] = 'ready';
      },
      (error: unknown) => {
        // Tried again at the next question; the form still hands ideas in.
        if (engine === loading) engine = undefined;
        form.dataset['engine'] = 'failed';
        console.warn(error);
      },
    );
  }
  return engine;
}

async function suggest(): Promise<void> {
  const ask = query();
  const key = `${ask.title}\n${ask.text}`;
  const ticket = ++latest;
  if (ask.title === '' && ask.text === '') {
    renderSuggestions([], key);
    status.textContent = '';
    return;
  }
  status.textContent = t.suggestionsLoading;
  try {
    const found = (await loadedEngine()).suggest(ask);
    if (ticket === latest) renderSuggestions(found, key);
  } catch {
    if (ticket === latest) status.textContent = t.suggestionsFailed;
  }
}

function submission(option: HTMLOptionElement): Submission {
  return {
    title: value('title').trim(),
    problem: value('problem').trim(),
    idea: value('idea').trim(),
    benefit: value('benefit').trim(),
    municipality: municipalityValue(option.dataset['name'] ?? option.value, option.value),
    name: value('name').trim(),
    email: value('email').trim(),
  };
}

function download(name: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/plain;charset=utf-8' }));
  const a = link(url, name);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function handIn(channel: string): void {
  const option = chosen();
  const fields = option && submission(option);
  if (!option || !fields || !fields.title || !fields.problem || !fields.idea) {
    message.textContent = t.missingFields;
    return;
  }
  const all = Object.values(fields).join('\n');
  if (warnedFor !== all && findPersonalData(all).some((hit) => hit.kind === 'personnummer')) {
    warnedFor = all;
    message.textContent = t.identityNumberWarning;
    return;
  }
  message.textContent = '';
  const { subject, body } = composeSubmission(fields, lang);
  if (channel === 'download') return download(`${subject.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60)}.txt`, `${subject}\n\n${body}`);
  if (channel === 'issue' && option.dataset['issues']) {
    window.location.assign(issueUrl(option.dataset['issues'], subject, body));
    return;
  }
  if (!option.dataset['email']) {
    message.textContent = t.noIntake;
    return;
  }
  const href = mailtoUrl(option.dataset['email'], subject, body);
  const fallback = document.getElementById('mail-link') as HTMLAnchorElement;
  fallback.href = href;
  (document.getElementById('mail-fallback') as HTMLElement).hidden = false;
  window.location.assign(href);
}

function showChannels(): void {
  const issue = form.querySelector<HTMLButtonElement>('button[value="issue"]');
  if (issue) issue.hidden = !chosen()?.dataset['issues'];
  renderSuggestions(shown, list.dataset['query'] ?? '');
}

let timer: ReturnType<typeof setTimeout> | undefined;
form.hidden = false;
for (const id of ['title', 'problem', 'idea', 'benefit']) {
  const field = document.getElementById(id);
  // The first use: the index loads while the employee starts writing, not after.
  field?.addEventListener('focus', () => void loadedEngine().catch(() => undefined), { once: true });
  field?.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void suggest(), typingPause);
  });
}
municipality.addEventListener('change', showChannels);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  handIn((event.submitter as HTMLButtonElement | null)?.value ?? 'mail');
});
