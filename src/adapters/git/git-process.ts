/**
 * The one way sluss runs git: every git process (through simple-git, or
 * spawned for `cat-file --batch`) starts here, in the register's folder, with
 * one environment built from one allow-list: what git needs to find itself,
 * the user's config and identity. simple-git rejects other git variables
 * (GIT_SSL_CAINFO, GIT_EDITOR, …) that could change what git runs; LC_ALL=C
 * keeps its messages recognisable; and a few settings are fixed on every
 * command so that a user's config cannot change output sluss parses. Callers
 * put every path after `--`.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { simpleGit } from 'simple-git';
import type { SimpleGit } from 'simple-git';
import { SlussError } from '../../core/errors.js';

const PASSED_GIT_VARIABLES = ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_AUTHOR_DATE', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'GIT_COMMITTER_DATE'] as const;
const PASSED_VARIABLES = ['PATH', 'Path', 'HOME', 'USERPROFILE', 'HOMEDRIVE', 'HOMEPATH', 'USER', 'LOGNAME', 'TMPDIR', 'TEMP', 'TMP', 'XDG_CONFIG_HOME', 'SystemRoot', 'APPDATA', 'LOCALAPPDATA', 'ProgramData'];
const FIXED_GIT_VARIABLES = { GIT_TERMINAL_PROMPT: '0' } as const;

/** The git variables simple-git must be told to accept. */
const ALLOWED_GIT_VARIABLES: readonly string[] = [...PASSED_GIT_VARIABLES, ...Object.keys(FIXED_GIT_VARIABLES)];

/**
 * `-c` settings of every git command: paths unquoted (names such as
 * `Idé.md` come back as they are) and no signature lines in `git log`.
 */
const FIXED_GIT_CONFIG = ['core.quotePath=false', 'log.showSignature=false'];

function gitEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const passed: Record<string, string> = { LC_ALL: 'C', LANGUAGE: 'C', ...FIXED_GIT_VARIABLES };
  for (const key of [...PASSED_VARIABLES, ...PASSED_GIT_VARIABLES]) {
    const value = env[key];
    if (value !== undefined) passed[key] = value;
  }
  return passed;
}

/** simple-git in `dir`, one git process at a time; `trimmed` trims each command's output. */
export function gitAt(dir: string, env: NodeJS.ProcessEnv, options: { trimmed: boolean }): SimpleGit {
  return simpleGit({
    baseDir: dir,
    maxConcurrentProcesses: 1,
    trimmed: options.trimmed,
    allowEnvironment: ALLOWED_GIT_VARIABLES,
    config: FIXED_GIT_CONFIG,
  }).env(gitEnvironment(env));
}

/** A git process in `dir` with piped standard streams, for commands that take input (`cat-file --batch`). */
export function spawnGit(dir: string, env: NodeJS.ProcessEnv, args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn('git', [...FIXED_GIT_CONFIG.flatMap((setting) => ['-c', setting]), ...args], { cwd: dir, env: gitEnvironment(env), stdio: ['pipe', 'pipe', 'pipe'] });
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
