/**
 * The words of the command line, Swedish and English, kept apart so --help
 * loads nothing heavy: the help's sentences (from the catalogue,
 * src/ui/catalogue/{sv,en}/commands.ts), commander's titles and placeholders,
 * and what sluss says when the command line cannot be read.
 */
import type { Lang } from '../core/lang.js';
import { commands as en } from '../ui/catalogue/en/commands.js';
import { commands as sv } from '../ui/catalogue/sv/commands.js';
import type { CommandsText } from '../ui/catalogue/sv/commands.js';

export type ProgramText = CommandsText;

export function programText(lang: Lang): ProgramText {
  return lang === 'en' ? en : sv;
}

export const HELP_TITLES: Record<Lang, Record<string, string>> = {
  sv: { 'Usage:': 'Användning:', 'Options:': 'Flaggor:', 'Commands:': 'Kommandon:', 'Arguments:': 'Argument:', 'Global Options:': 'Globala flaggor:' },
  en: {},
};

/**
 * Swedish names of the placeholders commander prints in usage lines, option
 * terms and errors (`<dir>`, `[options]`). A test checks that every
 * placeholder of every command is here, so a new English one cannot slip in.
 */
export const PLACEHOLDERS_SV: Readonly<Record<string, string>> = {
  options: 'flaggor',
  command: 'kommando',
  dir: 'mapp',
  lang: 'språk',
  text: 'text',
  code: 'kod',
  'a,b': 'a,b',
  name: 'namn',
  email: 'e-post',
  date: 'datum',
  'idea.md|idea.json': 'idé.md|idé.json',
  action: 'åtgärd',
  file: 'fil',
  role: 'roll',
  stage: 'steg',
  kind: 'typ',
  tag: 'tagg',
  n: 'antal',
  id: 'id',
  query: 'sökord',
  paths: 'filer',
  format: 'format',
  forge: 'tjänst',
  'criterion=1-5': 'kriterium=1-5',
  percent: 'procent',
  ref: 'ref',
  path: 'sökväg',
  period: 'period',
  days: 'dagar',
  interval: 'intervall',
  list: 'lista',
  who: 'vem',
  duplicate: 'dubblett',
  into: 'till',
  other: 'annan',
  shell: 'skal',
};

/** Commander's help words that are not titles: the extra facts after an option's description. */
export const HELP_FACTS: Record<Lang, { choices: string; default: string; examples: string }> = {
  sv: { choices: 'val', default: 'standard', examples: 'Exempel:' },
  en: { choices: 'choices', default: 'default', examples: 'Examples:' },
};

/** What sluss says when commander cannot make sense of the command line. */
export interface UsageText {
  unknownCommand(name: string): string;
  unknownOption(flag: string): string;
  didYouMean(suggestion: string): string;
  missingArgument(name: string): string;
  optionNeedsValue(flag: string): string;
  optionRequired(flag: string): string;
  invalidOptionValue(flag: string, value: string): string;
  invalidArgumentValue(name: string, value: string): string;
  allowedValues(values: string): string;
  tooManyArguments(expected: number, got: number): string;
  unreadable(detail: string): string;
  seeCommands: string;
  seeHelp(command: string): string;
  usageOf(usage: string, command: string): string;
  unexpected: string;
  unexpectedHint: string;
  error: string;
  hint: string;
  answers: string;
  answersKept(path: string): string;
}

const usageSv: UsageText = {
  unknownCommand: (name) => `Okänt kommando: ${name}.`,
  unknownOption: (flag) => `Okänd flagga: ${flag}.`,
  didYouMean: (suggestion) => `Menade du ${suggestion}?`,
  missingArgument: (name) => `Argumentet <${name}> saknas.`,
  optionNeedsValue: (flag) => `Flaggan ${flag} behöver ett värde.`,
  optionRequired: (flag) => `Flaggan ${flag} måste anges.`,
  invalidOptionValue: (flag, value) => `Ogiltigt värde för ${flag}: ${value}.`,
  invalidArgumentValue: (name, value) => `Ogiltigt värde för <${name}>: ${value}.`,
  allowedValues: (values) => `Möjliga värden: ${values}.`,
  tooManyArguments: (expected, got) => `För många argument: ${got} angavs, kommandot tar ${expected}.`,
  unreadable: (detail) => `Kommandoraden går inte att tolka (${detail}).`,
  seeCommands: 'Kör sluss --help för att se alla kommandon.',
  seeHelp: (command) => `Kör sluss ${command} --help för att se flaggorna och exempel.`,
  usageOf: (usage, command) => `Skriv: ${usage} (se sluss ${command} --help).`,
  unexpected: 'Något oväntat gick fel.',
  unexpectedHint: 'Kör igen med --debug och rapportera utskriften.',
  error: 'fel',
  hint: 'gör så här',
  answers: 'dina svar',
  answersKept: (path) => `sparade i ${path}. Fortsätt senare med: sluss add --file ${path}`,
};

const usageEn: UsageText = {
  unknownCommand: (name) => `Unknown command: ${name}.`,
  unknownOption: (flag) => `Unknown option: ${flag}.`,
  didYouMean: (suggestion) => `Did you mean ${suggestion}?`,
  missingArgument: (name) => `The argument <${name}> is missing.`,
  optionNeedsValue: (flag) => `The option ${flag} needs a value.`,
  optionRequired: (flag) => `The option ${flag} is required.`,
  invalidOptionValue: (flag, value) => `Invalid value for ${flag}: ${value}.`,
  invalidArgumentValue: (name, value) => `Invalid value for <${name}>: ${value}.`,
  allowedValues: (values) => `Possible values: ${values}.`,
  tooManyArguments: (expected, got) => `Too many arguments: ${got} given, the command takes ${expected}.`,
  unreadable: (detail) => `The command line cannot be read (${detail}).`,
  seeCommands: 'Run sluss --help to see all commands.',
  seeHelp: (command) => `Run sluss ${command} --help to see its options and examples.`,
  usageOf: (usage, command) => `Type: ${usage} (see sluss ${command} --help).`,
  unexpected: 'Something unexpected went wrong.',
  unexpectedHint: 'Run again with --debug and report the output.',
  error: 'error',
  hint: 'what to do',
  answers: 'your answers',
  answersKept: (path) => `kept in ${path}. Continue later with: sluss add --file ${path}`,
};

export function usageText(lang: Lang): UsageText {
  return lang === 'en' ? usageEn : usageSv;
}
