/** A CommandContext for tests: captured output, a fixed date, seeded randomness, scripted answers. */
import { createHash } from 'node:crypto';
import type { Choice, CommandContext, Prompter } from '../../src/app/ports.js';
import { realAdapters } from '../../src/cli/container.js';
import type { Lang } from '../../src/core/lang.js';
import { testEnv } from './registers.js';

export interface CapturedOutput {
  stdout: string[];
  stderr: string[];
}

export function seededRandom(seed: string): (size: number) => Uint8Array {
  let counter = 0;
  return (size) => createHash('sha256').update(`${seed}:${counter++}`).digest().subarray(0, size);
}

export function testContext(options: {
  cwd: string;
  today?: string;
  lang?: Lang;
  prompter?: Prompter;
  seed?: string;
  registerDir?: string;
}): CommandContext & { captured: CapturedOutput } {
  const captured: CapturedOutput = { stdout: [], stderr: [] };
  return {
    cwd: options.cwd,
    env: testEnv(),
    lang: options.lang ?? 'sv',
    clock: { today: () => options.today ?? '2026-11-27' },
    randomBytes: seededRandom(options.seed ?? 'test'),
    output: {
      print: (text) => void captured.stdout.push(text),
      info: (text) => void captured.stderr.push(text),
      json: (value) => void captured.stdout.push(JSON.stringify(value)),
      jsonArray: (items, toJson) => void captured.stdout.push(JSON.stringify(items.map(toJson))),
      color: false,
    },
    prompter: options.prompter,
    registerDir: options.registerDir,
    adapters: realAdapters,
    captured,
  };
}

/**
 * Answers questions from a script, in order, and records what was asked, so a
 * test can check the interactive flow without a terminal.
 */
export function scriptedPrompter(answers: (string | boolean)[]): Prompter & { asked: string[] } {
  const queue = [...answers];
  const asked: string[] = [];
  const next = (message: string) => {
    asked.push(message);
    if (queue.length === 0) throw new Error(`No scripted answer for: ${message}`);
    return queue.shift()!;
  };
  return {
    asked,
    input: async ({ message }) => String(next(message)),
    select: async <T>({ message, choices }: { message: string; choices: readonly Choice<T>[] }) => {
      const answer = next(message);
      const choice = choices.find((c) => String(c.value) === answer || (typeof answer === 'string' && String(c.value).startsWith(answer)));
      if (!choice) throw new Error(`Scripted answer ${String(answer)} is not a choice of: ${message}`);
      return choice.value;
    },
    confirm: async ({ message }) => Boolean(next(message)),
  };
}
