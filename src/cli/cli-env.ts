/** What every command definition needs from the entry point. */
import type { Command } from 'commander';
import type { Lang } from '../core/lang.js';
import type { ProgramText } from './program-text.js';
import type { CommandContext } from '../app/ports.js';
import type { Outcome } from './exit-codes.js';

export interface CliEnv {
  lang: Lang;
  text: ProgramText;
  /**
   * Builds the command's context from the global options (-C, --lang,
   * --no-color). Asynchronous: the container, and the adapters it wires, load
   * only when a command runs, so `sluss --help` does not load git or fs code.
   */
  context(command: Command, options?: { interactive?: boolean }): Promise<CommandContext>;
  /** How the command ended when it ends without an error (a found duplicate, a blocked review); the entry point chooses the exit code. */
  setOutcome(outcome: Outcome): void;
}
