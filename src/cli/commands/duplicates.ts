/** duplicates: the register-wide scan for likely duplicates between municipalities. */
import { Option } from 'commander';
import type { Command } from 'commander';
import type { CliEnv } from '../cli-env.js';

export interface DuplicatesFlags {
  since?: string;
  format: 'text' | 'markdown' | 'json';
  json?: boolean;
  failOnFound?: boolean;
}

export function duplicatesCommand(program: Command, env: CliEnv): void {
  const t = env.text;
  program
    .command('duplicates')
    .description(t.duplicates)
    .option('--since <ref>', t.duplicatesSince)
    .addOption(new Option('--format <format>', t.duplicatesFormat).choices(['text', 'markdown', 'json']).default('text'))
    .option('--json', t.json)
    .option('--fail-on-found', t.duplicatesFail)
    .action(async (flags: DuplicatesFlags, command: Command) => {
      const { runDuplicates } = await import('./duplicates-run.js');
      env.setExitCode(await runDuplicates(env.context(command, { interactive: false }), { ...flags, format: flags.json ? 'json' : flags.format }));
    });
}
