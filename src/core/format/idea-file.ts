/**
 * The idea-file format: `---\n<YAML front matter>\n---\n<Markdown body>`.
 * This module owns parsing and serialising; it is pure (text in, text out).
 * Reading and writing files is the store's job (adapters/fs).
 */
import type { Document } from 'yaml';
import { IDEA_KEYS, NESTED_KEY_ORDER, SECTIONS } from '../idea.js';
import type { IdeaData, IdeaSections, SectionKey } from '../idea.js';
import type { FormatProblemKind } from '../problems.js';
import { matchKey } from '../text.js';
import { readCanonicalYaml } from './canonical-yaml.js';
import { lineOfPath, newDocument, parseYaml, stringifyYaml, syncDocument, toPlainData } from './yaml-front-matter.js';
import type { KeyOrder, ParsedYaml } from './yaml-front-matter.js';

export { MAX_IDEA_FILE_BYTES } from './limits.js';

export interface FormatProblem {
  kind: FormatProblemKind;
  line?: number;
  detail?: string;
}

/** A file that could be read. `problems` lists what `validate` must still report (BOM, CRLF, …). */
export interface ParsedIdeaFile {
  data: unknown;
  body: string;
  problems: FormatProblem[];
  /** The front matter as a document, kept so an edit preserves comments and unknown fields. */
  yaml: ParsedYaml;
  /** Line in the file where the YAML text starts (after the opening `---`). */
  yamlFirstLine: number;
}

export type ParseResult = { ok: true; file: ParsedIdeaFile } | { ok: false; problems: FormatProblem[] };

const OPENING = /^---[ \t]*\n/;

export function parseIdeaFile(source: string): ParseResult {
  const problems: FormatProblem[] = [];
  let text = source;
  if (text.startsWith('\uFEFF')) {
    problems.push({ kind: 'bom', line: 1 });
    text = text.slice(1);
  }
  if (text.includes('\r')) {
    problems.push({ kind: 'crlf' });
    text = text.replace(/\r\n?/g, '\n');
  }
  if (text !== text.normalize('NFC')) problems.push({ kind: 'not-nfc' });

  // A file git left mid-merge is a conflict to resolve, not a YAML error to puzzle over.
  const conflictLine = mergeConflictLine(text);
  if (conflictLine !== undefined) return { ok: false, problems: [...problems, { kind: 'merge-conflict', line: conflictLine }] };

  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  if (!OPENING.test(text)) {
    // `---js` and friends name another front-matter language; it is never run, only refused.
    const language = /^---\s*([A-Za-z][\w-]*)\s*$/.exec(firstLine)?.[1];
    if (language) return { ok: false, problems: [...problems, { kind: 'front-matter-language', line: 1, detail: language }] };
    return { ok: false, problems: [...problems, { kind: 'no-front-matter', line: 1 }] };
  }
  const parts = splitFrontMatter(text);
  if (!parts) return { ok: false, problems: [...problems, { kind: 'unclosed-front-matter', line: 1 }] };
  const yamlFirstLine = 2;
  const { parsed, problems: yamlProblems } = parseYaml(parts.yamlText, yamlFirstLine);
  if (!parsed) return { ok: false, problems: [...problems, ...yamlProblems] };
  const data = toPlainData(parsed.document);
  problems.push(...hiddenCharacterProblems(data, parsed, yamlFirstLine));
  return { ok: true, file: { data, body: parts.body, problems, yaml: parsed, yamlFirstLine } };
}

/** The line of the `<<<<<<<` that opens a conflict (followed by `=======` and `>>>>>>>` lines), if any. */
function mergeConflictLine(text: string): number | undefined {
  if (!text.includes('<<<<<<<')) return undefined;
  const match = /^<{7}(?: .*)?$[\s\S]*?^={7}[ \t]*$[\s\S]*?^>{7}(?: .*)?$/m.exec(text);
  return match ? text.slice(0, match.index).split('\n').length : undefined;
}

/**
 * Unicode spaces at either end of a key or of a value that is matched or
 * compared (an id, a stage, a municipality, a date, a tag: `status: inkommen`
 * followed by U+FEFF, a key indented with no-break spaces): the text looks
 * right on screen and is not, and JavaScript's `trim` would remove what YAML
 * keeps. sluss never writes them (stored text is trimmed), so one in a file
 * was typed or pasted by hand. Free text (a title, a note, a name, fields of
 * one's own) may hold any character and is not checked.
 */
const HIDDEN_AT_EDGE = /^[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]$/;
const FREE_TEXT_KEYS = new Set(['title', 'received_by', 'by', 'note', 'motivation', 'name', 'email', 'phone']);

function hiddenCharacterProblems(data: unknown, parsed: ParsedYaml, firstLine: number): FormatProblem[] {
  const problems: FormatProblem[] = [];
  // One path array, pushed and popped: a copy per level would be quadratic in 5,000-deep nesting.
  const path: (string | number)[] = [];
  const check = (text: string) => {
    const found = HIDDEN_AT_EDGE.exec(text);
    if (!found || problems.length >= MAX_HIDDEN_CHARACTER_PROBLEMS) return;
    const codePoint = `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    problems.push({ kind: 'hidden-character', line: lineOfPath(parsed, path, firstLine), detail: `${path.join('.')}: ${codePoint}` });
  };
  const visit = (value: unknown, freeText: boolean): void => {
    if (typeof value === 'string') {
      if (!freeText) check(value);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
        path.push(key);
        if (typeof key === 'string') check(key);
        visit(item, freeText || (typeof key === 'string' && (FREE_TEXT_KEYS.has(key) || key.startsWith('x-'))));
        path.pop();
      }
    }
  };
  visit(data, false);
  return problems;
}

const MAX_HIDDEN_CHARACTER_PROBLEMS = 50;

/** The YAML text and the body of a file that opens with `---` (LF line endings), or undefined when it is not closed. */
function splitFrontMatter(text: string): { yamlText: string; body: string } | undefined {
  const afterOpening = text.replace(OPENING, '');
  const closing = /^---[ \t]*$/m.exec(afterOpening);
  if (!closing) return undefined;
  return { yamlText: afterOpening.slice(0, closing.index), body: afterOpening.slice(closing.index + closing[0].length).replace(/^\n/, '') };
}

/**
 * Data and body of a well-formed file in the form sluss writes, read without
 * building a YAML document; undefined for anything else, which then goes
 * through `parseIdeaFile` (and its problems). Same data whenever it answers.
 */
export function readIdeaFileFast(source: string): { data: unknown; body: string } | undefined {
  if (source.startsWith('\uFEFF') || source.includes('\r') || source.includes('<<<<<<<') || !OPENING.test(source) || source !== source.normalize('NFC')) return undefined;
  const parts = splitFrontMatter(source);
  const data = parts && readCanonicalYaml(parts.yamlText);
  return data && parts ? { data, body: parts.body } : undefined;
}

/** Title and body of a file as they are, checked or not (the similarity index needs nothing more). */
export function titleAndBodyOf(source: string): { title: string; body: string } {
  const parsed = readIdeaFileFast(source) ?? parseIdeaFile(source);
  const read = 'ok' in parsed ? (parsed.ok ? parsed.file : undefined) : parsed;
  const data = read?.data as { title?: unknown } | undefined;
  return { title: typeof data?.title === 'string' ? data.title : '', body: read?.body ?? '' };
}

/** The body of a file, without reading its front matter: for texts of ideas already checked. */
export function bodyOfIdeaFile(source: string): string {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  return (OPENING.test(text) && splitFrontMatter(text)?.body) || '';
}

/** The file line of a field, for error messages (`history.2.date` → line 31). */
export function lineOfField(file: ParsedIdeaFile, path: readonly (string | number)[]): number | undefined {
  return lineOfPath(file.yaml, path, file.yamlFirstLine);
}

export const ideaKeyOrder: KeyOrder = (path) => {
  if (path.length === 0) return IDEA_KEYS;
  return NESTED_KEY_ORDER[path.join('.')];
};

/** Lets editors running the YAML language server check the front matter against the schema. */
export const SCHEMA_MODELINE = ' yaml-language-server: $schema=../schemas/idea.schema.json';

/** A new idea file. Text is stored NFC with LF line endings. */
export function serializeIdea(data: IdeaData, body: string): string {
  const document = newDocument(normalizeStrings(data) as Record<string, unknown>, ideaKeyOrder);
  if (document.contents) (document.contents as { commentBefore?: string }).commentBefore = SCHEMA_MODELINE;
  return render(document, body);
}

/**
 * An edited idea file: the original document is updated in place so comments,
 * formatting and unknown fields survive; only changed values are rewritten.
 */
export function serializeIdeaEdit(original: ParsedIdeaFile, data: IdeaData, body: string = original.body): string {
  const document = original.yaml.document.clone() as Document;
  syncDocument(document, normalizeStrings(data) as Record<string, unknown>, ideaKeyOrder);
  return render(document, body);
}

function render(document: Document, body: string): string {
  const yamlText = stringifyYaml(document);
  const cleanBody = body.normalize('NFC').replace(/\r\n?/g, '\n').replace(/^\n+/, '').replace(/\s+$/, '');
  return `---\n${yamlText}---\n${cleanBody === '' ? '' : `\n${cleanBody}\n`}`;
}

function normalizeStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC').replace(/\r\n?/g, '\n');
  if (Array.isArray(value)) return value.map(normalizeStrings);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, normalizeStrings(v)]));
  }
  return value;
}

// ---- Body sections ------------------------------------------------------

const HEADING = /^##[ \t]+(.+?)[ \t]*#*[ \t]*$/;

/**
 * A line of user text that starts with `#` would become a heading and could
 * split a section; it gets one more leading backslash, and reading removes it.
 */
function escapeSectionText(text: string): string {
  return text.replace(/^(\\*)#/gm, '\\$1#');
}

function unescapeSectionText(text: string): string {
  return text.replace(/^\\(\\*)#/gm, '$1#');
}

export function renderBody(sections: Partial<IdeaSections>): string {
  return SECTIONS.map(({ key, heading }) => {
    const content = escapeSectionText((sections[key] ?? '').normalize('NFC').replace(/\r\n?/g, '\n').trim());
    return content === '' ? `## ${heading}\n` : `## ${heading}\n\n${content}\n`;
  }).join('\n');
}

/** The five known sections of a body; text under other headings is left out. */
export function parseSections(body: string): IdeaSections {
  const sections: IdeaSections = { problem: '', idea: '', benefit: '', effects: '', feasibility: '' };
  const byKey = new Map(SECTIONS.map(({ key, heading }) => [matchKey(heading), key as SectionKey]));
  let current: SectionKey | undefined;
  const lines: Record<SectionKey, string[]> = { problem: [], idea: [], benefit: [], effects: [], feasibility: [] };
  for (const line of body.split('\n')) {
    const heading = HEADING.exec(line);
    if (heading?.[1] !== undefined) {
      current = byKey.get(matchKey(heading[1]));
      continue;
    }
    if (current) lines[current].push(line);
  }
  for (const { key } of SECTIONS) sections[key] = unescapeSectionText(lines[key].join('\n').trim());
  return sections;
}
