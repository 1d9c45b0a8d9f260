/** review: a branch's changes to the register, checked as a pull request should be. */
import type { Command } from 'commander';
import type { CliEnv } from '../cli-env.js';
import { addOptions } from '../options.js';
import { COMMAND_OPTIONS } from './flags.js';
import type { CommandFlags } from './flags.js';

export function reviewCommand(program: Command, env: CliEnv): void {
  addOptions(program.command('review').description(env.text.review), COMMAND_OPTIONS.review, env.text).action(
    async (flags: CommandFlags<'review'>, command: Command) => {
      const { runReview } = await import('./review-run.js');
      const format = flags.json ? 'json' : flags.format === 'md' ? 'markdown' : flags.format;
      env.setOutcome(await runReview(await env.context(command, { interactive: false }), { ...flags, format }));
    },
  );
}
