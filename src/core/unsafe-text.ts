/**
 * The guard before every write: text that must not go into the register's
 * history. Control characters (they act on the terminals of everyone who later
 * reads the idea) and personal data without recorded consent (git keeps it for
 * ever). `validate` finds the same things in files already written; this
 * module finds them in what a command is about to write, so nothing reaches
 * a commit. Pure.
 */
import { findControlCharacter } from './control-characters.js';
import { parseSections } from './format/idea-file.js';
import { SECTIONS } from './idea.js';
import type { IdeaDraft } from './new-idea.js';
import { findPersonalData } from './personal-data.js';
import type { PersonalDataKind } from './personal-data.js';
import type { Problem } from './problems.js';

/** One text of an idea, where it sits and whether it may span lines. */
export interface TextField {
  /** `title`, `history.3.note`, `text.problem` (a section of the body) or a flag of `add` such as `--title`. */
  field: string;
  text: string;
  multiline: boolean;
}

export type UnsafeText =
  /** `lineBreak`: a newline, carriage return or tab in a one-line field (a layout slip more than an attack). */
  | { kind: 'control-character'; field: string; character: string; lineBreak: boolean }
  | { kind: 'personal-data'; field: string; data: PersonalDataKind; masked: string };

/** Texts a user writes in several lines: the body's sections, notes, motivations and the register's own `x-` fields. */
function isMultiline(path: readonly (string | number)[]): boolean {
  const first = String(path[0] ?? '');
  const last = [...path].reverse().find((part) => typeof part === 'string');
  return first === 'text' || first.startsWith('x-') || first.startsWith('x_') || last === 'note' || last === 'motivation';
}

function collectStrings(value: unknown, path: (string | number)[], out: TextField[]): void {
  if (typeof value === 'string') out.push({ field: path.join('.'), text: value, multiline: isMultiline(path) });
  else if (Array.isArray(value)) value.forEach((item, index) => collectStrings(item, [...path, index], out));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) collectStrings(item, [...path, key], out);
  }
}

/** Every text of an idea file: each string of the front matter, each section of the body and the body as a whole (`text`). */
export function ideaTextFields(data: unknown, body: string): TextField[] {
  const fields: TextField[] = [];
  collectStrings(data, [], fields);
  const sections = parseSections(body);
  for (const { key } of SECTIONS) fields.push({ field: `text.${key}`, text: sections[key], multiline: true });
  // Text outside the known sections is in the file too.
  fields.push({ field: 'text', text: body, multiline: true });
  return fields;
}

/** The texts of `after` that are not in `before` at the same place: what a write adds or changes. */
export function changedTextFields(before: { data: unknown; body: string } | undefined, after: { data: unknown; body: string }): TextField[] {
  const fields = ideaTextFields(after.data, after.body);
  if (!before) return fields;
  const old = new Map(ideaTextFields(before.data, before.body).map((f) => [f.field, f.text]));
  return fields.filter((f) => old.get(f.field) !== f.text);
}

/** What `sluss add` was given, named by its flags, before anything is tidied (a title's newline would become a space). */
export function draftTextFields(draft: IdeaDraft): TextField[] {
  const fields: TextField[] = [];
  const add = (field: string, text: string | undefined, multiline: boolean) => {
    if (text !== undefined) fields.push({ field, text, multiline });
  };
  add('--title', draft.title, false);
  for (const { key } of SECTIONS) add(`--${key}`, draft[key], true);
  add('--municipality', draft.municipality, false);
  add('--category', draft.category, false);
  for (const tag of draft.tags ?? []) add('--tags', tag, false);
  add('--received-by', draft.receivedBy, false);
  add('--submitter', draft.submitter?.name, false);
  add('--submitter-email', draft.submitter?.email, false);
  return fields;
}

/**
 * Control characters and personal data in the given texts. Personal data is
 * allowed, as `validate` allows it, when the idea records the submitter's
 * consent: that is the way to include a name or an address on purpose.
 */
export function findUnsafeText(fields: readonly TextField[], options: { consent: boolean }): UnsafeText[] {
  const found: UnsafeText[] = [];
  const flagged = new Set<string>();
  for (const { field, text, multiline } of fields) {
    // The body as a whole repeats its sections: reported only for what lies outside them.
    if (field === 'text' && [...flagged].some((f) => f.startsWith('text.'))) continue;
    const control = findControlCharacter(text, multiline);
    if (control) found.push({ kind: 'control-character', field, character: control.label, lineBreak: [0x09, 0x0a, 0x0d].includes(control.codePoint) });
    const personal = options.consent ? [] : findPersonalData(text);
    for (const hit of personal) found.push({ kind: 'personal-data', field, data: hit.kind, masked: hit.masked });
    if (control || personal.length > 0) flagged.add(field);
  }
  return found;
}

const FLAGS: readonly [RegExp, string][] = [
  [/^title$/, '--title'],
  [/^text\.(problem|idea|benefit|effects|feasibility)$/, '--$1'],
  [/^tags\.\d+$/, '--tags'],
  [/^received_by$/, '--received-by'],
  [/^submitter\.name$/, '--submitter'],
  [/^submitter\.email$/, '--submitter-email'],
  [/^history\.\d+\.note$/, '--note'],
  [/^(history\.\d+|assessment)\.by$/, '--by'],
  [/^assessment\.motivation$/, '--motivation'],
];

/** The option a user typed the field's text with, when there is one: `history.4.note` was `--note`. */
export function flagOfField(field: string): string | undefined {
  for (const [pattern, flag] of FLAGS) if (pattern.test(field)) return field.replace(pattern, flag);
  return undefined;
}

/** A field as a message names it: `history.4.note (--note)`, or the flag alone when the field is one. */
export function fieldLabel(field: string): string {
  if (field.startsWith('--')) return field;
  const flag = flagOfField(field);
  return flag ? `${field} (${flag})` : field;
}

/** Any C0, DEL or C1 character at all; a lone CR in a body is among them. */
const ANY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/**
 * The cheap test before the walk, run on every file `validate` reads: any
 * control character but newline and tab in the body or in a front-matter
 * string (a newline in a one-line field is the walk's to find, and the schema
 * already refuses one in a title).
 */
function mayHoldControlCharacter(data: unknown, body: string): boolean {
  return ANY_CONTROL.test(body) || holdsControlOrBreak(data);
}

/** Any string in `value` with a control character, a newline or a tab; a plain walk, since every file `validate` reads goes through it. */
function holdsControlOrBreak(value: unknown): boolean {
  if (typeof value === 'string') return ANY_CONTROL.test(value) || value.includes('\n') || value.includes('\t');
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) if (holdsControlOrBreak(value[index])) return true;
    return false;
  }
  if (typeof value !== 'object' || value === null) return false;
  for (const key in value) if (Object.hasOwn(value, key) && holdsControlOrBreak((value as Record<string, unknown>)[key])) return true;
  return false;
}

/**
 * `validate`'s check of a file already written: one `control-character`
 * problem per field that holds one. A field of the body (`text`,
 * `text.problem`) has no line of the front matter, so it gets none: the
 * front matter's first line would send the reader to the wrong place.
 */
export function controlCharacterProblems(data: unknown, body: string, at: (path: (string | number)[]) => Omit<Problem, 'code'>): Problem[] {
  if (!mayHoldControlCharacter(data, body)) return [];
  return findUnsafeText(ideaTextFields(data, body), { consent: true }).flatMap((found) => {
    if (found.kind !== 'control-character') return [];
    const path = found.field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    const place = path[0] === 'text' ? { file: at([]).file } : at(path);
    return [{ ...place, field: found.field, code: 'control-character' as const, params: { character: found.character } }];
  });
}
