/** similar, list, show and search: read-only commands. */
import type { Command } from 'commander';
import { collect } from '../cli-env.js';
import type { CliEnv } from '../cli-env.js';
import type { ListFlags } from './flags.js';

export function similarCommand(program: Command, env: CliEnv): void {
  program
    .command('similar')
    .description(env.text.similar)
    .argument('<text...>', env.text.similarText)
    .option('--json', env.text.json)
    .action(async (words: string[], flags: { json?: boolean }, command: Command) => {
      const { runSimilar } = await import('./read-run.js');
      await runSimilar(await env.context(command), words.join(' '), flags);
    });
}

export function listCommand(program: Command, env: CliEnv): void {
  const t = env.text;
  program
    .command('list')
    .alias('ls')
    .description(t.list)
    .option('--status <stage>', t.listStatus, collect)
    .option('--kind <kind>', t.listKind, collect)
    .option('--municipality <code>', t.listMunicipality, collect)
    .option('--category <code>', t.listCategory, collect)
    .option('--tag <tag>', t.listTag, collect)
    .option('--since <date>', t.listSince)
    .option('--json', t.json)
    .action(async (flags: ListFlags, command: Command) => {
      const { runList } = await import('./read-run.js');
      await runList(await env.context(command), flags);
    });
}

export function showCommand(program: Command, env: CliEnv): void {
  program
    .command('show')
    .description(env.text.show)
    .argument('<id>', env.text.showId)
    .option('--json', env.text.json)
    .action(async (id: string, flags: { json?: boolean }, command: Command) => {
      const { runShow } = await import('./read-run.js');
      await runShow(await env.context(command), id, flags);
    });
}

export function searchCommand(program: Command, env: CliEnv): void {
  program
    .command('search')
    .description(env.text.search)
    .argument('<query...>', env.text.searchQuery)
    .option('--limit <n>', env.text.searchLimit, (value) => Number.parseInt(value, 10), 20)
    .option('--json', env.text.json)
    .action(async (words: string[], flags: { json?: boolean; limit: number }, command: Command) => {
      const { runSearch } = await import('./read-run.js');
      await runSearch(await env.context(command), words.join(' '), flags);
    });
}
