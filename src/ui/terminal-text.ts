/**
 * Text from idea files and sluss.yaml on its way to a terminal. Anyone can
 * put an ESC, CSI or OSC sequence in a file (by hand, or before sluss refused
 * them), and printed raw it would clear the reader's screen, retitle the
 * window or plant a link. Every renderer of user text in text or Markdown
 * output passes it through here, so each control character shows as a
 * visible escape (`\x1B`, `\n`) and acts on nothing. JSON output escapes them
 * itself; HTML, CSV and XLSX cells go through `safeText` too.
 */
import { controlCharacterPattern } from '../core/control-characters.js';

const ONE_LINE = controlCharacterPattern(false);
const MULTILINE = controlCharacterPattern(true);
const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(character: string): string {
  return SHORT[character] ?? `\\x${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
}

/** One line of text (a title, a name, a table cell): every control character, newline and tab included, made visible. */
export function safeLine(text: string): string {
  return text.replace(ONE_LINE, visible);
}

/** A text of several lines (a section, a note): newlines and tabs kept, every other control character made visible. */
export function safeText(text: string): string {
  return text.replace(MULTILINE, visible);
}
