/** similar, list, show and search: read-only commands. */
import type { Command } from 'commander';
import type { CliEnv } from '../cli-env.js';
import { addOptions } from '../options.js';
import { COMMAND_OPTIONS } from './flags.js';
import type { ListFlags, SearchFlags, ShowFlags, SimilarFlags } from './flags.js';

export function similarCommand(program: Command, env: CliEnv): void {
  const command = program.command('similar').description(env.text.similar).argument('<text...>', env.text.similarText);
  addOptions(command, COMMAND_OPTIONS.similar, env.text).action(async (words: string[], flags: SimilarFlags, command: Command) => {
    const { runSimilar } = await import('./read-run.js');
    await runSimilar(await env.context(command), words.join(' '), flags);
  });
}

export function listCommand(program: Command, env: CliEnv): void {
  addOptions(program.command('list').alias('ls').description(env.text.list), COMMAND_OPTIONS.list, env.text).action(async (flags: ListFlags, command: Command) => {
    const { runList } = await import('./read-run.js');
    await runList(await env.context(command), flags);
  });
}

export function showCommand(program: Command, env: CliEnv): void {
  const command = program.command('show').description(env.text.show).argument('<id>', env.text.showId);
  addOptions(command, COMMAND_OPTIONS.show, env.text).action(async (id: string, flags: ShowFlags, command: Command) => {
    const { runShow } = await import('./read-run.js');
    await runShow(await env.context(command), id, flags);
  });
}

export function searchCommand(program: Command, env: CliEnv): void {
  const command = program.command('search').description(env.text.search).argument('<query...>', env.text.searchQuery);
  addOptions(command, COMMAND_OPTIONS.search, env.text).action(async (words: string[], flags: SearchFlags, command: Command) => {
    const { runSearch } = await import('./read-run.js');
    await runSearch(await env.context(command), words.join(' '), flags);
  });
}
