/**
 * The environment git runs with, built from an allow-list: what it needs to
 * find itself, the user's config and identity. simple-git rejects other git
 * variables (GIT_SSL_CAINFO, GIT_EDITOR, …) that could change what git runs,
 * and LC_ALL=C keeps its messages recognisable.
 */
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
