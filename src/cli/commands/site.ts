/** site: the register as a static web site, with the duplicate check in the browser (src/app/site.ts). */
import type { Command } from 'commander';
import type { Lang } from '../../core/lang.js';
import type { CliEnv } from '../cli-env.js';

/** The site is written in the language of the run: `sluss site --lang en` makes the English site. */
const HELP: Record<Lang, { site: string; out: string; baseUrl: string }> = {
  sv: {
    site: 'skriv registret som en statisk webbplats: startsida, idéer, formuläret "Har någon redan haft idén?" och tillgänglighetsredogörelse',
    out: 'mapp att skriva webbplatsen i (standard: public/ i registret)',
    baseUrl: 'adressen webbplatsen publiceras på, till exempel https://skaraborg.github.io/ideer',
  },
  en: {
    site: 'write the register as a static web site: start page, ideas, the form "Has anyone had the idea already?" and the accessibility statement',
    out: 'folder to write the site in (default: public/ in the register)',
    baseUrl: 'the address the site is published at, for example https://skaraborg.github.io/ideas',
  },
};

export function siteCommand(program: Command, env: CliEnv): void {
  const h = HELP[env.lang];
  program
    .command('site')
    .description(h.site)
    .option('-o, --out <dir>', h.out)
    .option('--base-url <text>', h.baseUrl)
    .action(async (flags: { out?: string; baseUrl?: string }, command: Command) => {
      const { buildSite } = await import('../../app/site.js');
      const { siteText } = await import('../../ui/site/text.js');
      const ctx = await env.context(command, { interactive: false });
      const built = await buildSite(ctx, { out: flags.out, baseUrl: flags.baseUrl });
      ctx.output.info(siteText(ctx.lang).wrote(built.files, built.ideas, built.out));
    });
}
