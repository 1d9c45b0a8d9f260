/** sluss on a real pseudo-terminal, typed into as a person would. */
import pty from '@lydell/node-pty';
import { BIN } from './cli.js';
import { testEnv } from './registers.js';

export const DOWN = '\u001b[B';
export const ENTER = '\r';

export class Terminal {
  private screen = '';
  /** Everything the program wrote, for assertions after it ended. */
  transcript = '';
  private readonly process: pty.IPty;
  readonly exited: Promise<number>;

  constructor(cwd: string, args: string[]) {
    this.process = pty.spawn(process.execPath, [BIN, ...args], { cwd, cols: 120, rows: 40, env: testEnv({ SLUSS_TODAY: '2026-11-27', TERM: 'xterm' }) as Record<string, string> });
    this.process.onData((data) => {
      this.screen += data;
      this.transcript += data;
    });
    this.exited = new Promise((resolve) => this.process.onExit(({ exitCode }) => resolve(exitCode)));
  }

  /** Waits until `text` has appeared since the last call, then types `keys`. */
  async answer(text: string, keys: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!this.screen.includes(text)) {
      if (Date.now() > deadline) throw new Error(`Never saw "${text}". Screen:\n${this.screen}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    this.screen = this.screen.slice(this.screen.indexOf(text) + text.length);
    this.process.write(keys);
  }
}
