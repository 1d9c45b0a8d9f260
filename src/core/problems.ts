/**
 * What `validate` reports: one problem per finding, naming the file, the line
 * where known, the field and a code the message catalogue turns into words
 * and a fix.
 */
import type { FormatProblemKind } from './format/idea-file.js';

export type ProblemCode =
  | FormatProblemKind
  | 'unreadable'
  | 'not-utf8'
  | 'binary'
  | 'too-large'
  | 'symlink'
  | 'unexpected-entry'
  | 'stale-temp-file'
  | 'schema'
  | 'file-name'
  | 'id-mismatch'
  | 'duplicate-id'
  | 'file-name-clash'
  | 'broken-link'
  | 'self-link'
  | 'unknown-stage'
  | 'unknown-municipality'
  | 'unknown-category'
  | 'shares-over-100'
  | 'owner-not-participant'
  | 'participant-repeated'
  | 'owner-count'
  | 'duplicate-without-target'
  | 'duplicate-chain'
  | 'history-order'
  | 'personal-data'
  | 'control-character'
  | 'stray-file'
  | 'config-duplicate-code'
  | 'config-unknown-reference'
  | 'config-duplicate-name'
  | 'tool-missing'
  | 'tool-manifest-missing'
  | 'tool-manifest-invalid'
  | 'tool-tampered'
  | 'tool-outdated'
  | 'tool-newer';

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
