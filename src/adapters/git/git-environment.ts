/**
 * The environment git runs with, built from an allow-list: what it needs to
 * find itself, the user's config and identity. simple-git rejects other git
 * variables (GIT_SSL_CAINFO, GIT_EDITOR, …) that could change what git runs,
 * and LC_ALL=C keeps its messages recognisable.
 */
import { SlussError } from '../../core/errors.js';

const PASSED_GIT_VARIABLES = ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_AUTHOR_DATE', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'GIT_COMMITTER_DATE'] as const;
const PASSED_VARIABLES = ['PATH', 'Path', 'HOME', 'USERPROFILE', 'HOMEDRIVE', 'HOMEPATH', 'USER', 'LOGNAME', 'TMPDIR', 'TEMP', 'TMP', 'XDG_CONFIG_HOME', 'SystemRoot', 'APPDATA', 'LOCALAPPDATA', 'ProgramData'];
const FIXED_GIT_VARIABLES = { GIT_TERMINAL_PROMPT: '0' } as const;

/** The git variables simple-git must be told to accept. */
export const ALLOWED_GIT_VARIABLES: readonly string[] = [...PASSED_GIT_VARIABLES, ...Object.keys(FIXED_GIT_VARIABLES)];

export function gitEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const passed: Record<string, string> = { LC_ALL: 'C', LANGUAGE: 'C', ...FIXED_GIT_VARIABLES };
  for (const key of [...PASSED_VARIABLES, ...PASSED_GIT_VARIABLES]) {
    const value = env[key];
    if (value !== undefined) passed[key] = value;
  }
  return passed;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A git failure to write in `.git` that is not a held lock: a read-only file
 * system or missing permission (git says "Unable to create '….lock'" for
 * both, as it does for a lock another git holds). Undefined for other failures.
 */
export function readOnlyReason(message: string): 'read-only' | 'permission' | undefined {
  if (/Read-only file system/i.test(message)) return 'read-only';
  if (/Permission denied|insufficient permission/i.test(message)) return 'permission';
  return undefined;
}

/** A ref git does not know, with the way to fetch it; in a shallow clone, the way to fetch the missing history. */
export function unknownRefError(option: string, ref: string, shallow: boolean): SlussError {
  return new SlussError('unknown-ref', { option, ref, shallow: shallow ? 'yes' : 'no' });
}
