/**
 * The GitHub CLI, when it is installed and logged in, opens the pull request
 * itself; otherwise sluss prints a link. Never required.
 */
import { execFile } from 'node:child_process';

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('gh', args, { cwd, env, timeout: 60_000 }, (error, stdout) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout).trim() });
    });
  });
}

export async function isGithubCliReady(cwd: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  return (await run(['auth', 'status'], cwd, env)).code === 0;
}

/** Creates the pull request and returns its address, or undefined when gh fails. */
export async function createPullRequest(cwd: string, env: NodeJS.ProcessEnv, branch: string, base: string | undefined, title: string): Promise<string | undefined> {
  const result = await run(['pr', 'create', '--head', branch, ...(base ? ['--base', base] : []), '--title', title, '--body', title], cwd, env);
  return result.code === 0 ? result.stdout.split('\n').at(-1) : undefined;
}
