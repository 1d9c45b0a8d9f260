import type { Command } from 'commander';
import type { CliEnv } from '../cli-env.js';
import { addOptions } from '../options.js';
import { COMMAND_OPTIONS } from './flags.js';
import type { AddFlags } from './flags.js';

export function addCommand(program: Command, env: CliEnv): void {
  addOptions(program.command('add').description(env.text.add), COMMAND_OPTIONS.add, env.text).action(async (flags: AddFlags, command: Command) => {
    const { runAdd } = await import('./add-run.js');
    env.setOutcome(await runAdd(await env.context(command, { interactive: flags.input && !flags.json }), flags));
  });
}
