/** duplicates: the register-wide scan for likely duplicates between municipalities. */
import { Option } from 'commander';
import type { Command } from 'commander';
import type { CliEnv } from '../cli-env.js';
import type { DuplicatesFlags } from './flags.js';

export function duplicatesCommand(program: Command, env: CliEnv): void {
  const t = env.text;
  program
    .command('duplicates')
    .description(t.duplicates)
    .option('--since <ref>', t.duplicatesSince)
    .addOption(new Option('--format <format>', t.duplicatesFormat).choices(['text', 'markdown', 'md', 'json']).default('text'))
    .option('--json', t.json)
    .option('--fail-on-found', t.duplicatesFail)
    .action(async (flags: Omit<DuplicatesFlags, 'format'> & { format: DuplicatesFlags['format'] | 'md' }, command: Command) => {
      const { runDuplicates } = await import('./duplicates-run.js');
      // `md` and `markdown` are the same everywhere a format is taken.
      const format = flags.json ? 'json' : flags.format === 'md' ? 'markdown' : flags.format;
      env.setOutcome(await runDuplicates(await env.context(command, { interactive: false }), { ...flags, format }));
    });
}
