/**
 * What `validate` reports: one problem per finding, naming the file, the line
 * where known, the field and a code the message catalogue turns into words
 * and a fix.
 */

/** What can be wrong with an idea file's form, found while parsing it (core/format/idea-file.ts). */
export const FORMAT_PROBLEM_KINDS = [
  'bom',
  'crlf',
  'not-nfc',
  'no-front-matter',
  'front-matter-language',
  'unclosed-front-matter',
  'yaml-syntax',
  'yaml-alias',
  'yaml-duplicate-key',
  'yaml-not-a-map',
  'merge-conflict',
  'hidden-character',
] as const;
export type FormatProblemKind = (typeof FORMAT_PROBLEM_KINDS)[number];

/** Every code a problem can have: the file-format kinds and these. */
export const PROBLEM_CODES = [
  ...FORMAT_PROBLEM_KINDS,
  'unreadable',
  'not-utf8',
  'binary',
  'too-large',
  'symlink',
  'unexpected-entry',
  'stale-temp-file',
  'schema',
  'file-name',
  'id-mismatch',
  'duplicate-id',
  'file-name-clash',
  'broken-link',
  'self-link',
  'unknown-stage',
  'unknown-municipality',
  'unknown-category',
  'shares-over-100',
  'owner-not-participant',
  'participant-repeated',
  'owner-count',
  'duplicate-without-target',
  'duplicate-link-without-stage',
  'duplicate-chain',
  'history-order',
  'personal-data',
  'control-character',
  'stray-file',
  'config-duplicate-code',
  'config-unknown-reference',
  'config-duplicate-name',
  'tool-missing',
  'tool-manifest-missing',
  'tool-manifest-invalid',
  'tool-tampered',
  'tool-outdated',
  'tool-newer',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

const KNOWN_PROBLEM_CODES: ReadonlySet<string> = new Set(PROBLEM_CODES);

/** Whether a code read from outside (a cache file) is one of sluss's problem codes. */
export function isKnownProblemCode(code: string): code is ProblemCode {
  return KNOWN_PROBLEM_CODES.has(code);
}

export interface Problem {
  /** Path relative to the register root. */
  file: string;
  line?: number;
  /** Dotted path of the field, e.g. `history.2.date`. */
  field?: string;
  code: ProblemCode;
  params?: Record<string, unknown>;
}

export function fieldPath(path: readonly (string | number)[]): string | undefined {
  return path.length === 0 ? undefined : path.join('.');
}
