/** validate, init, tool and ci: looking after the register itself. */
import { Option } from 'commander';
import type { Command } from 'commander';
import { SlussError } from '../../core/errors.js';
import { toolText } from '../../ui/tool-text.js';
import { collect } from '../cli-env.js';
import type { CliEnv } from '../cli-env.js';
import type { InitFlags } from './flags.js';

export function validateCommand(program: Command, env: CliEnv): void {
  program
    .command('validate')
    .description(env.text.validate)
    .argument('[paths...]', env.text.validatePaths)
    .addOption(new Option('--format <format>', env.text.validateFormat).choices(['text', 'json', 'github']).default('text'))
    .option('--json', env.text.json)
    .action(async (paths: string[], flags: { format: 'text' | 'json' | 'github'; json?: boolean }, command: Command) => {
      const { runValidate } = await import('./maintain-run.js');
      env.setOutcome(await runValidate(await env.context(command), paths, flags.json ? 'json' : flags.format));
    });
}

export function initCommand(program: Command, env: CliEnv): void {
  program
    .command('init')
    .description(env.text.init)
    .argument('[dir]', env.text.initDir, '.')
    .option('--name <name>', env.text.initName, 'Idéslussen')
    .option('--coordinator <who>', toolText(env.lang).help.initCoordinator, collect)
    .option('--no-commit', env.text.initNoCommit)
    .addOption(new Option('--ci <forge>', env.text.initCi).choices(['github', 'gitlab']))
    .option('--json', env.text.json)
    .action(async (dir: string, flags: InitFlags, command: Command) => {
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
  const help = toolText(env.lang).help;
  program
    .command('tool')
    .description(help.tool)
    .argument('<action>', `update: ${help.toolUpdate}`)
    .option('--no-commit', help.toolNoCommit)
    .option('--json', env.text.json)
    .action(async (action: string, flags: { commit: boolean; json?: boolean }, command: Command) => {
      // Checked here rather than with commander's choices, whose words are English.
      if (action !== 'update') throw new SlussError('usage', { option: 'sluss tool', value: action, known: ['update'] });
      const { runToolUpdate } = await import('./maintain-run.js');
      await runToolUpdate(await env.context(command, { interactive: false }), flags);
    });
}

/** `sluss ci gitlab-approvals | gitlab-note <file>`: hidden from the help, only the generated GitLab pipeline runs them. */
export function ciCommand(program: Command, env: CliEnv): void {
  const help = toolText(env.lang).help;
  program
    .command('ci', { hidden: true })
    .description(help.ci)
    .argument('<action>', `gitlab-approvals: ${help.ciApprovals}; gitlab-note: ${help.ciNote}`)
    .argument('[file]', help.ciNoteFile)
    .action(async (action: string, file: string | undefined, _flags: object, command: Command) => {
      if (action !== 'gitlab-approvals' && action !== 'gitlab-note') throw new SlussError('usage', { option: 'sluss ci', value: action, known: ['gitlab-approvals', 'gitlab-note'] });
      const { runCi } = await import('./maintain-run.js');
      await runCi(await env.context(command, { interactive: false }), action, file);
    });
}
