/**
 * The one way sluss runs git: every git process starts here, by name with an
 * argument array (no shell), in the register's folder, with one environment
 * built from one allow-list: what git needs to find itself, the user's config
 * and identity. No other git variable (GIT_SSL_CAINFO, GIT_EDITOR, GIT_DIR, …)
 * reaches git, so none can change what it runs or where; LC_ALL=C keeps its
 * messages recognisable; and a few settings are fixed on every command so
 * that a user's config cannot change output sluss parses. Callers put every
 * path after `--` and every ref after `--end-of-options`.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { SlussError } from '../../core/errors.js';

const PASSED_GIT_VARIABLES = ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_AUTHOR_DATE', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'GIT_COMMITTER_DATE'] as const;
const PASSED_VARIABLES = ['PATH', 'Path', 'HOME', 'USERPROFILE', 'HOMEDRIVE', 'HOMEPATH', 'USER', 'LOGNAME', 'TMPDIR', 'TEMP', 'TMP', 'XDG_CONFIG_HOME', 'SystemRoot', 'APPDATA', 'LOCALAPPDATA', 'ProgramData'];
const FIXED_GIT_VARIABLES = { GIT_TERMINAL_PROMPT: '0' } as const;

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

/** A git command that exited with another status than 0: its message is what git wrote to stderr (else stdout). */
export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
    stdout: string,
  ) {
    super(stderr.trim() || stdout.trim() || `git ${args[0] ?? ''} exited with ${exitCode ?? 'a signal'}`);
    this.name = 'GitCommandError';
  }
}

/**
 * Git in `dir`, one process at a time (a command waits for the one before it,
 * as two sluss steps on one repository must). A command resolves with its
 * standard output once git has exited with 0, and rejects with a
 * `GitCommandError` otherwise: a hook or wrapper that fails fails the command,
 * whatever it printed. `trimmed` trims each command's output.
 */
export class GitRunner {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly environment: Record<string, string>;

  constructor(
    readonly dir: string,
    env: NodeJS.ProcessEnv,
    private readonly options: { trimmed: boolean },
  ) {
    this.environment = gitEnvironment(env);
  }

  run(args: readonly string[]): Promise<string> {
    const next = this.queue.then(
      () => this.spawnOnce(args),
      () => this.spawnOnce(args),
    );
    this.queue = next.catch(() => undefined);
    return next;
  }

  private spawnOnce(args: readonly string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      // No standard input: git never waits on a terminal or a pipe sluss holds open.
      const child = spawn('git', [...FIXED_GIT_CONFIG.flatMap((setting) => ['-c', setting]), ...args], { cwd: this.dir, env: this.environment, stdio: ['ignore', 'pipe', 'pipe'] });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.on('error', reject);
      child.on('close', (code) => {
        const out = Buffer.concat(stdout).toString('utf8');
        if (code === 0) resolve(this.options.trimmed ? out.trim() : out);
        else reject(new GitCommandError(args, code, Buffer.concat(stderr).toString('utf8'), out));
      });
    });
  }
}

/** Git in `dir` (see `GitRunner`). */
export function gitAt(dir: string, env: NodeJS.ProcessEnv, options: { trimmed: boolean }): GitRunner {
  return new GitRunner(dir, env, options);
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
