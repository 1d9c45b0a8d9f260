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

/**
 * Documented exit codes (README, "Exit codes"). Scripts and CI depend on them.
 */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  duplicateFound: 3,
  register: 4,
  git: 5,
  refused: 6,
  interrupted: 130,
} as const;

export function exitCodeFor(code: ErrorCode): number {
  if ((REFUSAL_CODES as readonly string[]).includes(code)) return EXIT.refused;
  switch (code) {
    case 'usage':
    case 'missing-required':
    case 'no-terminal':
    case 'unknown-municipality':
    case 'unknown-category':
    case 'unknown-stage':
    case 'input-file-invalid':
    case 'path-outside-register':
    // An id that matches no idea, or several, is a mistyped argument.
    case 'idea-not-found':
    case 'idea-ambiguous':
    case 'control-character-refused':
    case 'personal-data-refused':
    case 'ci-variables-missing':
    case 'unknown-ref':
    case 'output-refused':
      return EXIT.usage;
    case 'duplicate-found':
      return EXIT.duplicateFound;
    case 'invalid-score':
    case 'missing-identity':
      return EXIT.usage;
    case 'no-remote':
    case 'push-failed':
      return EXIT.git;
    case 'register-not-found':
    case 'unsafe-path':
    case 'config-invalid':
    case 'config-missing':
      return EXIT.register;
    case 'git-missing':
    case 'not-a-git-repo':
    case 'git-locked':
    case 'git-read-only':
    case 'register-locked':
    case 'commit-failed':
    case 'branch-exists':
    case 'git-failed':
    case 'generated-not-committed':
      return EXIT.git;
    case 'interrupted':
      return EXIT.interrupted;
    default:
      return EXIT.failure;
  }
}
