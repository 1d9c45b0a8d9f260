/**
 * Configured values on their way into the files sluss writes. sluss.yaml
 * refuses control characters in every name (schemas/config.schema.json,
 * definition `text`), and each writer still escapes a value for the format
 * it goes into, so a value can never start a line, a key or a command of
 * its own there.
 */

/** What the config schema's `text` refuses: C0 and C1 controls, DEL, line and paragraph separators, bidirectional overrides. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const CONTROL_GLOBAL = new RegExp(CONTROL.source, 'gu');

export function hasControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}

const hex4 = (c: string) => c.charCodeAt(0).toString(16).padStart(4, '0');

/** A YAML double-quoted scalar: `"` and `\` escaped, every control character as \uXXXX. */
export function yamlQuoted(text: string): string {
  return `"${text.replace(/["\\]/g, (c) => `\\${c}`).replace(CONTROL_GLOBAL, (c) => `\\u${hex4(c)}`)}"`;
}

/** Text for a comment line (`# …`) of CODEOWNERS or a YAML file: control characters shown as \uXXXX, so the comment stays one line. */
export function commentText(text: string): string {
  return text.replace(CONTROL_GLOBAL, (c) => `\\u${hex4(c)}`);
}

/**
 * Text in the middle of a Markdown line: the characters that start emphasis,
 * code, links, tables or HTML escaped with a backslash, control characters
 * shown as \uXXXX.
 */
export function markdownText(text: string): string {
  return commentText(text).replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
}

/** A POSIX sh word in single quotes. */
export function shQuoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
