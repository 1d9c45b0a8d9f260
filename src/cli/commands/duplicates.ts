/** duplicates: the register-wide scan for likely duplicates between municipalities. */
import type { Command } from 'commander';
import type { CliEnv } from '../cli-env.js';
import { addOptions } from '../options.js';
import { COMMAND_OPTIONS } from './flags.js';
import type { CommandFlags } from './flags.js';

export function duplicatesCommand(program: Command, env: CliEnv): void {
  addOptions(program.command('duplicates').description(env.text.duplicates), COMMAND_OPTIONS.duplicates, env.text).action(
    async (flags: CommandFlags<'duplicates'>, command: Command) => {
      const { runDuplicates } = await import('./duplicates-run.js');
      // `md` and `markdown` are the same everywhere a format is taken.
      const format = flags.json ? 'json' : flags.format === 'md' ? 'markdown' : flags.format;
      env.setOutcome(await runDuplicates(await env.context(command, { interactive: false }), { ...flags, format }));
    },
  );
}
