/** site: the register as a static web site, with the duplicate check in the browser (src/app/site.ts). */
import type { Command } from 'commander';
import type { CliEnv } from '../cli-env.js';
import { addOptions } from '../options.js';
import { COMMAND_OPTIONS } from './flags.js';
import type { SiteFlags } from './flags.js';

/** The site is written in both languages; the run's language is the main one, at the site's root (`--lang en` puts English there and Swedish in sv/). */
export function siteCommand(program: Command, env: CliEnv): void {
  addOptions(program.command('site').description(env.text.site), COMMAND_OPTIONS.site, env.text).action(async (flags: SiteFlags, command: Command) => {
    const { buildSite } = await import('../../app/site.js');
    const { siteText } = await import('../../ui/site/text.js');
    const ctx = await env.context(command, { interactive: false });
    const built = await buildSite(ctx, { out: flags.out, baseUrl: flags.baseUrl });
    ctx.output.info(siteText(ctx.lang).wrote(built.files, built.ideas, built.out));
  });
}
