/**
 * Commander's help in the user's language. Commander writes its usage lines,
 * placeholders and extra facts in English; in Swedish every word goes through
 * the catalogues in program-text.ts. Each command's help ends with examples.
 */
import { Help } from 'commander';
import type { Argument, Command, HelpConfiguration, Option } from 'commander';
import type { Lang } from '../core/lang.js';
import { helpExamples, renderExamples } from '../ui/help-examples.js';
import { HELP_FACTS, HELP_TITLES, PLACEHOLDERS_SV } from './program-text.js';

/** `<dir>`, `[paths...]`, `[options]`: a placeholder as commander prints it. */
const PLACEHOLDER = /([<[])([^<>[\]]+?)(\.\.\.)?([>\]])/g;

/** Puts every placeholder in `text` in Swedish; English text is returned as it is. */
export function translatePlaceholders(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  return text.replace(PLACEHOLDER, (whole, open: string, name: string, dots: string | undefined, close: string) => {
    const swedish = PLACEHOLDERS_SV[name];
    return swedish === undefined ? whole : `${open}${swedish}${dots ?? ''}${close}`;
  });
}

/** The name of an argument as the help and the errors show it. */
export function argumentName(name: string, lang: Lang): string {
  return lang === 'en' ? name : (PLACEHOLDERS_SV[name] ?? name);
}

export function translatedHelp(lang: Lang): HelpConfiguration {
  if (lang === 'en') return { showGlobalOptions: true };
  const titles = HELP_TITLES[lang];
  const facts = HELP_FACTS[lang];
  // Commander's own wording, from a help object that is not configured.
  const plain = new Help();
  const swedishFacts = (text: string) => text.replace('(choices: ', `(${facts.choices}: `).replace(/(\(|, )default: /, `$1${facts.default}: `);
  return {
    showGlobalOptions: true,
    styleTitle: (title) => titles[title] ?? title,
    commandUsage: (command: Command) => translatePlaceholders(plain.commandUsage(command), lang),
    subcommandTerm: (command: Command) => translatePlaceholders(plain.subcommandTerm(command), lang),
    optionTerm: (option: Option) => translatePlaceholders(option.flags, lang),
    argumentTerm: (argument: Argument) => argumentName(argument.name(), lang),
    optionDescription: (option: Option) => swedishFacts(plain.optionDescription(option)),
    argumentDescription: (argument: Argument) => swedishFacts(plain.argumentDescription(argument)),
  };
}

/** Adds each command's examples to the end of its help, by name, from the catalogue. */
export function attachExamples(program: Command, lang: Lang): void {
  for (const command of program.commands) {
    const examples = helpExamples(lang, command.name());
    if (examples.length > 0) command.addHelpText('after', renderExamples(HELP_FACTS[lang].examples, examples));
  }
}
