/** bin/sluss on a real pseudo-terminal (@lydell/node-pty), typed into as a person would. */
import { stripVTControlCharacters } from 'node:util';
import pty from '@lydell/node-pty';
import { BIN } from './cli.js';
import { testEnv } from './registers.js';

export const KEYS = {
  down: '\u001b[B',
  up: '\u001b[A',
  enter: '\r',
  backspace: '\u007f',
  ctrlC: '\u0003',
  /** A paste as a terminal in bracketed paste mode delivers it. */
  paste: (text: string) => `\u001b[200~${text}\u001b[201~`,
} as const;

export class Terminal {
  /** What appeared since the last `answer` or `waitFor`. */
  screen = '';
  /** Everything the program wrote, for assertions after it ended. */
  transcript = '';
  readonly process: pty.IPty;
  readonly exited: Promise<{ exitCode: number; signal?: number }>;

  constructor(cwd: string, args: string[], options: { cols?: number; env?: NodeJS.ProcessEnv } = {}) {
    const env = testEnv({ SLUSS_TODAY: '2026-11-27', TERM: 'xterm', ...options.env }) as Record<string, string>;
    this.process = pty.spawn(process.execPath, [BIN, ...args], { cwd, cols: options.cols ?? 120, rows: 40, env });
    this.process.onData((data) => {
      this.screen += data;
      this.transcript += data;
    });
    this.exited = new Promise((resolve) => this.process.onExit(resolve));
  }

  /** Waits until `text` has appeared since the last call; what came before it is dropped from `screen`. */
  async waitFor(text: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!stripVTControlCharacters(this.screen).includes(text)) {
      if (Date.now() > deadline) throw new Error(`Never saw "${text}". Screen:\n${stripVTControlCharacters(this.screen)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const plain = stripVTControlCharacters(this.screen);
    this.screen = plain.slice(plain.indexOf(text) + text.length);
  }

  /** Waits for `text`, then types `keys`. */
  async answer(text: string, keys: string): Promise<void> {
    await this.waitFor(text);
    this.process.write(keys);
  }

  /** The transcript without colours and cursor movements. */
  plainTranscript(): string {
    return stripVTControlCharacters(this.transcript);
  }
}
