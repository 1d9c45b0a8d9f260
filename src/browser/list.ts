/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** The filter of the idea list: every word typed must occur in what the list shows of an idea. */
import { siteText } from '../ui/site/text.js';

const t = siteText(document.documentElement.lang === 'en' ? 'en' : 'sv');
const box = document.getElementById('filter');
const input = document.getElementById('filter-text') as HTMLInputElement | null;
const count = document.getElementById('filter-count');
const items = [...document.querySelectorAll<HTMLElement>('#idea-list > li')];

if (box && input && count) {
  box.hidden = false;
  input.addEventListener('input', () => {
    const words = input.value.toLowerCase().split(/\s+/).filter((w) => w !== '');
    let shown = 0;
    for (const item of items) {
      const haystack = item.dataset['words'] ?? '';
      item.hidden = !words.every((word) => haystack.includes(word));
      if (!item.hidden) shown += 1;
    }
    count.textContent = words.length === 0 ? '' : t.filterCount(shown, items.length);
  });
}
