/**
 * A reader for the block-style YAML that sluss itself writes: nested maps,
 * sequences indented under their key, scalars on one line (plain, single- or
 * double-quoted), `[]` and `{}`, whole-line comments.
 *
 * Why a second reader: the `yaml` library builds a full document (nodes,
 * ranges, comments) for every file, which made reading a register of 10,000
 * files without a cache take seconds. This one reads the common case about
 * twenty times faster and gives up (returns undefined) on anything outside it,
 * leaving the file to the full parser. It never decides that a file is wrong,
 * and tests check that whenever it answers, the answer is the full parser's.
 *
 * Whitespace is YAML's, not JavaScript's: only the ASCII space indents and is
 * trimmed. `String.prototype.trim` also removes U+00A0, U+3000, U+FEFF and
 * other Unicode spaces, which YAML readers keep as text, so a `consent:` line
 * indented with no-break spaces once read here as nested while the full
 * parser read a top-level key. Any other whitespace at the edge of a line or
 * a value makes this reader give up.
 */

type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

/** Thrown inside the reader to give up; never leaves this module. */
class OutsideSubset extends Error {}

const giveUp = (): never => {
  throw new OutsideSubset();
};

interface Line {
  indent: number;
  text: string;
}

const KEY = /^([A-Za-z_][A-Za-z0-9_-]{0,199}):(?: (.*))?$/;
/** Characters that start something other than a plain scalar (YAML 1.2 indicators; `-?:` only before a space). */
const INDICATOR = /^(?:[,[\]{}#&*!|>'"%@`]|[-?:](?:\s|$))/;
/**
 * Characters some YAML reader treats as more than text: C0 and C1 controls,
 * DEL, CR, YAML 1.1 line breaks (U+0085, U+2028, U+2029, which PyYAML breaks
 * lines at, even inside a comment), the byte order mark, non-characters and
 * lone surrogates (which PyYAML refuses). A text holding any of them is left
 * to the full parser; a tab may appear only inside a comment.
 */
const FOREIGN = /[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]/u;
/**
 * Whether a line or a value has, at either edge, a character JavaScript takes
 * for whitespace and YAML does not (tab aside): `\s` is U+00A0, U+1680,
 * U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF besides
 * ASCII. Invisible format characters (U+200B, U+2060, …) are text to every
 * reader, and stay.
 */
export function hasEdgeSpace(text: string): boolean {
  return text.length > 0 && (isJavaScriptSpace(text.charCodeAt(0)) || isJavaScriptSpace(text.charCodeAt(text.length - 1)));
}

/** `\s` as code points, tested without a regular expression: the reader asks this of every line and value. */
function isJavaScriptSpace(code: number): boolean {
  if (code < 0xa0) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Removes ASCII spaces (YAML's indentation and separation) at the start; nothing else. */
function trimSpacesStart(text: string): string {
  let start = 0;
  while (text.charCodeAt(start) === 32) start++;
  return start === 0 ? text : text.slice(start);
}

/** Removes ASCII spaces at the end; nothing else. */
function trimSpacesEnd(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return end === text.length ? text : text.slice(0, end);
}

const trimSpaces = (text: string): string => trimSpacesEnd(trimSpacesStart(text));
const CORE_NULL = /^(?:~|null|Null|NULL)$/;
const CORE_TRUE = /^(?:true|True|TRUE)$/;
const CORE_FALSE = /^(?:false|False|FALSE)$/;
const CORE_INT = /^[-+]?[0-9]+$/;
const CORE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** Other core-schema numbers (`0o17`, `0x1F`, `.inf`, `.nan`): rare enough to leave to the full parser. */
const OTHER_CORE_NUMBER = /^(?:0o|0x|[-+]?\.(?:inf|Inf|INF)$|\.(?:nan|NaN|NAN)$)/;

/** The front matter as plain data, or undefined when the text is not in the subset this reader knows. */
export function readCanonicalYaml(text: string): Record<string, Plain> | undefined {
  if (FOREIGN.test(text)) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    const afterIndent = trimSpacesStart(raw);
    const content = trimSpacesEnd(afterIndent);
    if (content === '') continue;
    // Tabs or Unicode spaces at either end of a line (also of a comment), directives and
    // document markers belong to the full parser.
    if (hasEdgeSpace(content)) return undefined;
    if (content.startsWith('#')) continue;
    const indent = raw.length - afterIndent.length;
    if (indent === 0 && (content.startsWith('%') || content.startsWith('---') || content.startsWith('...'))) return undefined;
    lines.push({ indent, text: content });
  }
  if (lines.length === 0 || lines[0]!.indent !== 0) return undefined;
  try {
    const reader = new BlockReader(lines);
    const data = reader.map(0);
    return reader.done ? data : undefined;
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
}

class BlockReader {
  private next = 0;

  constructor(private readonly lines: Line[]) {}

  get done(): boolean {
    return this.next === this.lines.length;
  }

  private peek(): Line | undefined {
    return this.lines[this.next];
  }

  map(indent: number): Record<string, Plain> {
    const result: Record<string, Plain> = {};
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      const match = KEY.exec(line.text) ?? giveUp();
      const key = match[1]!;
      if (key === '__proto__' || Object.hasOwn(result, key)) giveUp();
      this.next++;
      result[key] = this.valueAfterKey(indent, match[2]);
    }
    return result;
  }

  private valueAfterKey(indent: number, rest: string | undefined): Plain {
    if (rest !== undefined && trimSpaces(rest) !== '') return scalar(rest);
    const child = this.peek();
    if (!child || child.indent <= indent) {
      // `key:` then a sequence at the same indent is valid YAML, but sluss never writes it.
      if (child?.indent === indent && isSequenceItem(child.text)) giveUp();
      return null;
    }
    return isSequenceItem(child.text) ? this.sequence(child.indent) : this.map(child.indent);
  }

  private sequence(indent: number): Plain[] {
    const result: Plain[] = [];
    for (let line = this.peek(); line && line.indent === indent && isSequenceItem(line.text); line = this.peek()) {
      const item = line.text.slice(2);
      if (trimSpaces(item) === '' || isSequenceItem(item)) giveUp();
      if (KEY.test(item)) {
        // `- key: value`: the item is a map whose keys line up two columns in.
        this.lines[this.next] = { indent: indent + 2, text: item };
        result.push(this.map(indent + 2));
      } else {
        this.next++;
        result.push(scalar(item));
      }
    }
    return result;
  }
}

function isSequenceItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

function scalar(raw: string): Plain {
  const text = trimSpaces(raw);
  if (hasEdgeSpace(text)) giveUp();
  const value = text.startsWith('"') ? doubleQuoted(text) : text.startsWith("'") ? singleQuoted(text) : text === '[]' ? [] : text === '{}' ? {} : plain(text);
  if (typeof value !== 'string') return value;
  // A quoted value may hold spaces at its edges; odd ones are a problem the full parser's path reports.
  if (hasEdgeSpace(value)) giveUp();
  return shared(value);
}

const SHARED_MAX_LENGTH = 40;
const SHARED_MAX_COUNT = 20_000;
const sharedStrings = new Map<string, string>();

/**
 * One copy of each short value (dates, stages, codes, names) however many
 * ideas hold it: a register of 50,000 ideas repeats them hundreds of
 * thousands of times, and each copy would be kept in memory. A longer value
 * is copied, because a slice of the file's text would keep all of it alive.
 */
function shared(value: string): string {
  if (value.length > SHARED_MAX_LENGTH) return ` ${value}`.slice(1);
  const known = sharedStrings.get(value);
  if (known !== undefined) return known;
  if (sharedStrings.size < SHARED_MAX_COUNT) sharedStrings.set(value, value);
  return value;
}

function plain(text: string): Plain {
  if (INDICATOR.test(text) || text.includes(': ') || text.includes(' #') || text.endsWith(':') || text.includes('\t')) giveUp();
  if (CORE_NULL.test(text)) return null;
  if (CORE_TRUE.test(text)) return true;
  if (CORE_FALSE.test(text)) return false;
  if (CORE_INT.test(text)) {
    const value = Number(text);
    return Number.isSafeInteger(value) ? value : giveUp();
  }
  if (CORE_FLOAT.test(text)) return Number(text);
  if (OTHER_CORE_NUMBER.test(text)) giveUp();
  return text;
}

function singleQuoted(text: string): string {
  if (text.length < 2 || !text.endsWith("'") || text.includes('\t')) giveUp();
  const inner = text.slice(1, -1);
  // A lone quote inside would have ended the scalar early.
  if (inner.replace(/''/g, '').includes("'")) giveUp();
  return inner.replace(/''/g, "'");
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPE_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

function doubleQuoted(text: string): string {
  if (text.includes('\t')) giveUp();
  let result = '';
  let index = 1;
  for (;;) {
    const stop = text.slice(index).search(/["\\]/);
    if (stop === -1) giveUp();
    result += text.slice(index, index + stop);
    index += stop;
    if (text[index] === '"') break;
    const escape = text[index + 1] ?? giveUp();
    const simple = SIMPLE_ESCAPES[escape];
    if (simple !== undefined) {
      result += simple;
      index += 2;
      continue;
    }
    const length = HEX_ESCAPE_LENGTH[escape] ?? giveUp();
    const digits = text.slice(index + 2, index + 2 + length);
    if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(digits)) giveUp();
    const codePoint = Number.parseInt(digits, 16);
    if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) giveUp();
    result += String.fromCodePoint(codePoint);
    index += 2 + length;
  }
  // Anything after the closing quote (a comment, a second scalar) is for the full parser.
  return index === text.length - 1 ? result : giveUp();
}
