/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The filters of the idea list. Every word typed must occur in what the list
 * shows of an idea, and each chosen value must be one of the idea's. The
 * choice is kept in the page's address (replaced, not added to the history),
 * so a filtered list can be bookmarked and a reload shows the same list.
 */
import { LIST_FILTERS, type ListFilterName } from '../ui/site/model.js';
import { siteText } from '../ui/site/text.js';

interface ListItem {
  element: HTMLElement;
  words: string;
  values: Partial<Record<ListFilterName, string[]>>;
}

const t = siteText(document.documentElement.lang === 'en' ? 'en' : 'sv');
const form = document.getElementById('filter') as HTMLFormElement | null;
const text = document.getElementById('filter-text') as HTMLInputElement | null;
const count = document.getElementById('filter-count');
const selects = new Map(LIST_FILTERS.map((name) => [name, document.getElementById(`filter-${name}`) as HTMLSelectElement | null]));

function readItems(): ListItem[] {
  return [...document.querySelectorAll<HTMLElement>('#idea-list > li')].map((element) => {
    const values: ListItem['values'] = {};
    for (const name of LIST_FILTERS) {
      const value = element.dataset[name];
      if (value) values[name] = value.split('\n');
    }
    return { element, words: element.dataset['words'] ?? '', values };
  });
}

function chosen(): [ListFilterName, string][] {
  return LIST_FILTERS.flatMap((name) => {
    const value = selects.get(name)?.value ?? '';
    return value === '' ? [] : [[name, value] as [ListFilterName, string]];
  });
}

function apply(items: readonly ListItem[], input: HTMLInputElement, status: HTMLElement): void {
  const words = input.value.toLowerCase().split(/\s+/).filter((w) => w !== '');
  const choices = chosen();
  let shown = 0;
  for (const item of items) {
    const matches = words.every((word) => item.words.includes(word)) && choices.every(([name, value]) => item.values[name]?.includes(value) === true);
    item.element.hidden = !matches;
    if (matches) shown += 1;
  }
  status.textContent = words.length === 0 && choices.length === 0 ? '' : t.filterCount(shown, items.length);
}

/** The address's query as the form's state: only known values are taken, so an old bookmark cannot choose what no longer exists. */
function restore(input: HTMLInputElement): void {
  const query = new URLSearchParams(location.search);
  input.value = query.get('q') ?? '';
  for (const [name, select] of selects) {
    const value = query.get(name);
    if (select && value !== null && [...select.options].some((option) => option.value === value)) select.value = value;
  }
}

function remember(input: HTMLInputElement): void {
  const query = new URLSearchParams();
  if (input.value.trim() !== '') query.set('q', input.value.trim());
  for (const [name, value] of chosen()) query.set(name, value);
  const search = query.toString();
  history.replaceState(null, '', search === '' ? location.pathname : `?${search}`);
}

if (form && text && count) {
  const items = readItems();
  const update = () => {
    apply(items, text, count);
    remember(text);
  };
  form.hidden = false;
  restore(text);
  apply(items, text, count);
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update();
  });
  // The form's fields are emptied after the reset event, so the list follows once they are.
  form.addEventListener('reset', () => setTimeout(update, 0));
}
