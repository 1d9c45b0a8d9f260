/** validate and init: looking after the register itself. */
import { Option } from 'commander';
import type { Command } from 'commander';
import type { CliEnv } from '../cli-env.js';

export function validateCommand(program: Command, env: CliEnv): void {
  program
    .command('validate')
    .description(env.text.validate)
    .argument('[paths...]', env.text.validatePaths)
    .addOption(new Option('--format <format>', env.text.validateFormat).choices(['text', 'json', 'github']).default('text'))
    .option('--json', env.text.json)
    .action(async (paths: string[], flags: { format: 'text' | 'json' | 'github'; json?: boolean }, command: Command) => {
      const { runValidate } = await import('./maintain-run.js');
      env.setExitCode(await runValidate(env.context(command), paths, flags.json ? 'json' : flags.format));
    });
}

export function initCommand(program: Command, env: CliEnv): void {
  program
    .command('init')
    .description(env.text.init)
    .argument('[dir]', env.text.initDir, '.')
    .option('--name <name>', env.text.initName, 'Idéslussen')
    .option('--no-commit', env.text.initNoCommit)
    .addOption(new Option('--ci <forge>', env.text.initCi).choices(['github', 'gitlab']))
    .option('--json', env.text.json)
    .action(async (dir: string, flags: { name: string; commit: boolean; ci?: 'github' | 'gitlab'; json?: boolean }, command: Command) => {
      const { runInit } = await import('./maintain-run.js');
      await runInit(env.context(command), dir, flags);
    });
}
