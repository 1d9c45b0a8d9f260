/**
 * The words of the command line, Swedish and English, chosen by language from
 * light catalogue files so --help loads nothing heavy: the help's sentences
 * (src/ui/catalogue/{sv,en}/commands.ts), and commander's titles and
 * placeholders with what sluss says when the command line cannot be read
 * (src/ui/catalogue/{sv,en}/usage.ts).
 */
import type { Lang } from '../core/lang.js';
import { commands as en } from '../ui/catalogue/en/commands.js';
import { commands as sv } from '../ui/catalogue/sv/commands.js';
import type { CommandsText } from '../ui/catalogue/sv/commands.js';
import * as usageEn from '../ui/catalogue/en/usage.js';
import * as usageSv from '../ui/catalogue/sv/usage.js';
import type { UsageText } from '../ui/catalogue/sv/usage.js';

export type { UsageText } from '../ui/catalogue/sv/usage.js';
export { PLACEHOLDERS_SV } from '../ui/catalogue/sv/usage.js';

export type ProgramText = CommandsText;

export function programText(lang: Lang): ProgramText {
  return lang === 'en' ? en : sv;
}

export const HELP_TITLES: Record<Lang, Record<string, string>> = { sv: usageSv.helpTitles, en: usageEn.helpTitles };

export const HELP_FACTS: Record<Lang, { choices: string; default: string; examples: string }> = { sv: usageSv.helpFacts, en: usageEn.helpFacts };

export function usageText(lang: Lang): UsageText {
  return lang === 'en' ? usageEn.usage : usageSv.usage;
}
