/** Runs the built bin/sluss as a user would, in its own process. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { testEnv } from './registers.js';

export const BIN = fileURLToPath(new URL('../../bin/sluss', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `stdin: 'open'` keeps a pipe open and never closes it, as a CI runner may. */
export function runCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; stdin?: 'open' | 'closed'; input?: string; timeoutMs?: number }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: testEnv({ SLUSS_TODAY: '2026-11-27', ...options.env }), stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    if (options.input !== undefined) child.stdin.end(options.input);
    else if (options.stdin !== 'open') child.stdin.end();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sluss ${args.join(' ')} did not exit within ${options.timeoutMs ?? 20_000} ms\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}
