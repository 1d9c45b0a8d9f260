/**
 * Control characters in user text: C0 (U+0000–U+001F), DEL (U+007F) and C1
 * (U+0080–U+009F). ESC and the C1 codes CSI and OSC start terminal escape
 * sequences (clear the screen, set the window title, plant a hyperlink), so
 * text with them, printed raw, acts on the terminal of whoever reads it.
 * Multi-line texts (the body's sections, notes, motivations) may hold newline
 * and tab; one-line fields (titles, names, codes) hold none. Pure.
 */

/** Every control character: what a one-line field may not hold. */
const ONE_LINE_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** In multi-line text a line feed, a tab and CR LF are text, not control. */
const MULTILINE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/;

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'NUL',
  0x07: 'BEL',
  0x08: 'BS',
  0x09: 'TAB',
  0x0a: 'LF',
  0x0b: 'VT',
  0x0c: 'FF',
  0x0d: 'CR',
  0x1b: 'ESC',
  0x7f: 'DEL',
  0x9b: 'CSI',
  0x9d: 'OSC',
};

export interface ControlCharacterHit {
  /** Where the character is in the text (UTF-16 index). */
  index: number;
  codePoint: number;
  /** `ESC (U+001B)`: a name a user can search for, and the code point. */
  label: string;
}

export function controlCharacterLabel(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[codePoint];
  return name ? `${name} (${hex})` : hex;
}

/** The first control character that does not belong in the text, or undefined. */
export function findControlCharacter(text: string, multiline: boolean): ControlCharacterHit | undefined {
  const match = (multiline ? MULTILINE_CONTROL : ONE_LINE_CONTROL).exec(text);
  if (!match) return undefined;
  const codePoint = text.charCodeAt(match.index);
  return { index: match.index, codePoint, label: controlCharacterLabel(codePoint) };
}

/** A global pattern of the control characters a text may not hold, for a caller that replaces every one (the terminal's escaping). */
export function controlCharacterPattern(multiline: boolean): RegExp {
  return new RegExp((multiline ? MULTILINE_CONTROL : ONE_LINE_CONTROL).source, 'g');
}
