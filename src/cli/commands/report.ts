/** report: what the sluice delivers, for the chief executives, Excel and the web. */
import type { Command } from 'commander';
import type { CliEnv } from '../cli-env.js';
import { addOptions } from '../options.js';
import { COMMAND_OPTIONS } from './flags.js';
import type { CommandFlags } from './flags.js';

export function reportCommand(program: Command, env: CliEnv): void {
  addOptions(program.command('report').description(env.text.report), COMMAND_OPTIONS.report, env.text).action(
    async (flags: CommandFlags<'report'>, command: Command) => {
      const { runReport } = await import('./report-run.js');
      // `md` and `markdown` are the same everywhere a format is taken.
      await runReport(await env.context(command, { interactive: false }), { ...flags, format: flags.format === 'markdown' ? 'md' : flags.format });
    },
  );
}
