/**
 * File names for ideas: `ideas/<id>-<slug>.md`. The slug is ASCII, bounded,
 * never empty and never a name Windows reserves, so the path always stays
 * inside `ideas/` on every platform.
 */
import anyAscii from 'any-ascii';

export const MAX_SLUG_LENGTH = 50;
export const FALLBACK_SLUG = 'ide';
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

export function slugify(title: string): string {
  // Pictographs would transliterate to names such as ":grinning:"; drop them instead.
  const ascii = anyAscii(title.normalize('NFC').replace(/\p{Extended_Pictographic}/gu, ' '))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  let slug = ascii;
  if (slug.length > MAX_SLUG_LENGTH) {
    const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
    const lastDash = cut.lastIndexOf('-');
    slug = (lastDash > MAX_SLUG_LENGTH / 2 ? cut.slice(0, lastDash) : cut.slice(0, MAX_SLUG_LENGTH)).replace(/-+$/, '');
  }
  if (slug === '' || WINDOWS_RESERVED.test(slug)) return slug === '' ? FALLBACK_SLUG : `${slug}-${FALLBACK_SLUG}`;
  return slug;
}

export function ideaFileName(id: string, title: string): string {
  return `${id}-${slugify(title)}.md`;
}
