/** validate, init, tool and ci: looking after the register itself. */
import type { Command } from 'commander';
import { SlussError } from '../../core/errors.js';
import type { CliEnv } from '../cli-env.js';
import { addOptions } from '../options.js';
import { COMMAND_OPTIONS } from './flags.js';
import type { InitFlags, ToolFlags, ValidateFlags } from './flags.js';

export function validateCommand(program: Command, env: CliEnv): void {
  const command = program.command('validate').description(env.text.validate).argument('[paths...]', env.text.validatePaths);
  addOptions(command, COMMAND_OPTIONS.validate, env.text).action(async (paths: string[], flags: ValidateFlags, command: Command) => {
    const { runValidate } = await import('./maintain-run.js');
    env.setOutcome(await runValidate(await env.context(command), paths, flags.json ? 'json' : flags.format));
  });
}

export function initCommand(program: Command, env: CliEnv): void {
  const command = program.command('init').description(env.text.init).argument('[dir]', env.text.initDir, '.');
  addOptions(command, COMMAND_OPTIONS.init, env.text).action(async (dir: string, flags: InitFlags, command: Command) => {
    const { runInit } = await import('./maintain-run.js');
    await runInit(await env.context(command), dir, flags);
  });
}

/**
 * `sluss tool update`. One command with the action as its argument, not a
 * nested subcommand, so it gets the same Swedish help and error handling as
 * every other command.
 */
export function toolCommand(program: Command, env: CliEnv): void {
  const t = env.text;
  const command = program.command('tool').description(t.tool).argument('<action>', `update: ${t.toolUpdate}`);
  addOptions(command, COMMAND_OPTIONS.tool, t).action(async (action: string, flags: ToolFlags, command: Command) => {
    // Checked here rather than with commander's choices, whose words are English.
    if (action !== 'update') throw new SlussError('usage', { option: 'sluss tool', value: action, known: ['update'] });
    const { runToolUpdate } = await import('./maintain-run.js');
    await runToolUpdate(await env.context(command, { interactive: false }), flags);
  });
}

/** `sluss ci gitlab-approvals | gitlab-note <file>`: hidden from the help, only the generated GitLab pipeline runs them. */
export function ciCommand(program: Command, env: CliEnv): void {
  const t = env.text;
  const command = program
    .command('ci', { hidden: true })
    .description(t.ci)
    .argument('<action>', `gitlab-approvals: ${t.ciApprovals}; gitlab-note: ${t.ciNote}`)
    .argument('[file]', t.ciNoteFile);
  addOptions(command, COMMAND_OPTIONS.ci, t).action(async (action: string, file: string | undefined, _flags: object, command: Command) => {
    if (action !== 'gitlab-approvals' && action !== 'gitlab-note') throw new SlussError('usage', { option: 'sluss ci', value: action, known: ['gitlab-approvals', 'gitlab-note'] });
    const { runCi } = await import('./maintain-run.js');
    await runCi(await env.context(command, { interactive: false }), action, file);
  });
}
