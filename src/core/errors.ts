/**
 * Typed errors. Every failure sluss can explain has a code; the message and the
 * hint (what to do next) live in the message catalogue, in Swedish and English.
 * Only the entry point turns an error into text and an exit code.
 */

/** The workflow refuses a change its rules do not allow (exit 6); the words are in the catalogue (src/ui/catalogue/sv/errors.ts, en/errors.ts). */
export const REFUSAL_CODES = [
  'transition-not-allowed',
  'assessment-required',
  'shares-over-100',
  'not-participant',
  'owner-cannot-leave',
  'already-participant',
  'link-invalid',
  'already-linked',
  'not-linked',
  'already-assessed',
  'already-merged',
  'target-is-duplicate',
  'duplicate-cycle',
  'owner-role-fixed',
  'participant-unchanged',
  'duplicate-needs-target',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export type ErrorCode =
  | RefusalCode
  | 'usage'
  | 'missing-required'
  | 'no-terminal'
  | 'register-not-found'
  | 'config-invalid'
  | 'config-missing'
  | 'unknown-municipality'
  | 'unknown-category'
  | 'unknown-stage'
  | 'idea-not-found'
  | 'idea-unreadable'
  | 'idea-ambiguous'
  | 'idea-invalid'
  | 'idea-file-invalid'
  | 'input-file-invalid'
  | 'input-file-field'
  | 'file-exists'
  | 'write-failed'
  | 'output-refused'
  | 'duplicate-found'
  | 'git-missing'
  | 'not-a-git-repo'
  | 'git-locked'
  | 'git-read-only'
  | 'register-locked'
  | 'unknown-ref'
  | 'no-merge-base'
  | 'commit-failed'
  | 'branch-exists'
  | 'git-failed'
  | 'target-not-empty'
  | 'path-outside-register'
  | 'unsafe-path'
  | 'invalid-score'
  | 'missing-identity'
  | 'no-remote'
  | 'push-failed'
  | 'control-character-refused'
  | 'personal-data-refused'
  | 'interrupted'
  | 'tool-unavailable'
  | 'generated-not-committed'
  | 'forge-api-failed'
  | 'ci-variables-missing';

import type { Problem } from './problems.js';

export type ErrorParams = Record<string, string | number | readonly string[] | undefined>;

export class SlussError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  /** Findings behind the error, e.g. every problem of an invalid sluss.yaml. */
  readonly problems: readonly Problem[];

  constructor(code: ErrorCode, params: ErrorParams = {}, options?: { cause?: unknown; problems?: readonly Problem[] }) {
    super(code, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SlussError';
    this.code = code;
    this.params = params;
    this.problems = options?.problems ?? [];
  }
}

export function isSlussError(error: unknown): error is SlussError {
  return error instanceof SlussError;
}
