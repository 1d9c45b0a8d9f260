/** Text helpers shared by slugs, codes and lookups. Pure. */

/** Unicode-aware comparison key: NFC, case-folded, diacritics kept. */
export function foldCase(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('sv-SE');
}

/** Key for matching user input against codes and display names: "Första bedömning" ~ "forsta-bedomning". */
export function matchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** NFC, LF line endings and no trailing spaces: the form every stored text takes. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trim();
}

/** One line of text: newlines and control characters become spaces. */
export function singleLine(text: string): string {
  return normalizeText(text)
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Orders by UTF-16 code units, as `<` does. For ids and ISO dates this is the
 * order `localeCompare` gives, at a fraction of its cost: sorting 10,000
 * ideas with `localeCompare` took about 10 ms of every `list`.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
