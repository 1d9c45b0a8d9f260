/** site: the register as a static web site, with the duplicate check in the browser (src/app/site.ts). */
import type { Command } from 'commander';
import type { CliEnv } from '../cli-env.js';
import { addOptions } from '../options.js';
import { COMMAND_OPTIONS } from './flags.js';
import type { SiteFlags } from './flags.js';

/** The site is written in the language of the run: `sluss site --lang en` makes the English site. */
export function siteCommand(program: Command, env: CliEnv): void {
  addOptions(program.command('site').description(env.text.site), COMMAND_OPTIONS.site, env.text).action(async (flags: SiteFlags, command: Command) => {
    const { buildSite } = await import('../../app/site.js');
    const { siteText } = await import('../../ui/site/text.js');
    const ctx = await env.context(command, { interactive: false });
    const built = await buildSite(ctx, { out: flags.out, baseUrl: flags.baseUrl });
    ctx.output.info(siteText(ctx.lang).wrote(built.files, built.ideas, built.out));
  });
}
