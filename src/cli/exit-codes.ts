/**
 * Every exit code sluss ends with, in one table at the entry point: each
 * `SlussError` code, each way a command can end without an error (its
 * outcome), and the signals. Scripts and CI depend on these numbers; the
 * README's table ("Exit codes") is tested against this module
 * (test/unit/exit-codes.test.ts).
 */
import type { ErrorCode, RefusalCode } from '../core/errors.js';
import { REFUSAL_CODES } from '../core/errors.js';

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  duplicateFound: 3,
  register: 4,
  git: 5,
  refused: 6,
  interrupted: 130,
  terminated: 143,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The workflow refuses a change its rules do not allow. */
const REFUSAL_EXITS = Object.fromEntries(REFUSAL_CODES.map((code) => [code, EXIT.refused])) as Record<RefusalCode, typeof EXIT.refused>;

/**
 * Every other error code. A Record over the codes: a new code does not
 * compile until it has its exit code here, so none falls to 1 unseen.
 */
const ERROR_EXITS: Record<Exclude<ErrorCode, RefusalCode>, ExitCode> = {
  // A wrong command line or argument: nothing was read or written yet.
  'usage': EXIT.usage,
  'missing-required': EXIT.usage,
  'no-terminal': EXIT.usage,
  'unknown-municipality': EXIT.usage,
  'unknown-category': EXIT.usage,
  'unknown-stage': EXIT.usage,
  'input-file-invalid': EXIT.usage,
  'input-file-field': EXIT.usage,
  'path-outside-register': EXIT.usage,
  // An id that matches no idea, or several, is a mistyped argument.
  'idea-not-found': EXIT.usage,
  'idea-ambiguous': EXIT.usage,
  'control-character-refused': EXIT.usage,
  'personal-data-refused': EXIT.usage,
  'ci-variables-missing': EXIT.usage,
  'unknown-ref': EXIT.usage,
  'no-merge-base': EXIT.usage,
  'output-refused': EXIT.usage,
  'invalid-score': EXIT.usage,
  'missing-identity': EXIT.usage,
  'duplicate-found': EXIT.duplicateFound,
  // The register itself: not found, or its configuration or layout is wrong.
  'register-not-found': EXIT.register,
  'unsafe-path': EXIT.register,
  'config-invalid': EXIT.register,
  'config-missing': EXIT.register,
  // Git, and what sluss does through it (the lock on the register, push, commit).
  'git-missing': EXIT.git,
  'not-a-git-repo': EXIT.git,
  'git-locked': EXIT.git,
  'git-read-only': EXIT.git,
  'register-locked': EXIT.git,
  'commit-failed': EXIT.git,
  'branch-exists': EXIT.git,
  'git-failed': EXIT.git,
  'generated-not-committed': EXIT.git,
  'no-remote': EXIT.git,
  'push-failed': EXIT.git,
  'interrupted': EXIT.interrupted,
  // Failures of one file or one service rather than of the command line, the register or git: exit 1.
  'idea-unreadable': EXIT.failure,
  'idea-invalid': EXIT.failure,
  'idea-file-invalid': EXIT.failure,
  'file-exists': EXIT.failure,
  'write-failed': EXIT.failure,
  'tool-unavailable': EXIT.failure,
  'forge-api-failed': EXIT.failure,
  'target-not-empty': EXIT.failure,
};

export const EXIT_BY_ERROR: Readonly<Record<ErrorCode, ExitCode>> = { ...REFUSAL_EXITS, ...ERROR_EXITS };

export function exitCodeForError(code: ErrorCode): ExitCode {
  return EXIT_BY_ERROR[code];
}

/**
 * How a command ended without an error. Runners return one of these; only
 * the entry point turns it into a number.
 */
export type Outcome =
  | 'done'
  /** `validate` found problems in the register. */
  | 'validate-problems'
  /** `review` found something that blocks the pull request. */
  | 'review-blocked'
  /** `add` found a likely duplicate and added nothing (`--on-duplicate abort`). */
  | 'add-duplicate-aborted'
  /** `duplicates --fail-on-found` found pairs. */
  | 'duplicates-found';

export const OUTCOME_EXITS: Readonly<Record<Outcome, ExitCode>> = {
  'done': EXIT.ok,
  'validate-problems': EXIT.failure,
  'review-blocked': EXIT.failure,
  'add-duplicate-aborted': EXIT.duplicateFound,
  'duplicates-found': EXIT.duplicateFound,
};

export function exitCodeForOutcome(outcome: Outcome): ExitCode {
  return OUTCOME_EXITS[outcome];
}

/** 128 + the signal's number, as shells report a process ended by it. */
export function exitCodeForSignal(signal: 'SIGINT' | 'SIGTERM'): ExitCode {
  return signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated;
}
