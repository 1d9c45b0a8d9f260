/**
 * The words of the command line in Swedish, apart from the help's sentences
 * (commands.ts): commander's titles and placeholders, and what sluss says when
 * the command line cannot be read. Light on purpose: --help loads only this.
 */

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
  /** SIGINT or SIGTERM outside a question. */
  signalled(signal: string): string;
}

export const helpTitles: Record<string, string> = { 'Usage:': 'Användning:', 'Options:': 'Flaggor:', 'Commands:': 'Kommandon:', 'Arguments:': 'Argument:', 'Global Options:': 'Globala flaggor:' };

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
export const helpFacts = { choices: 'val', default: 'standard', examples: 'Exempel:' };

export const usage: UsageText = {
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
  signalled: (signal) => `Avbrutet (${signal}). Ingen halvskriven fil finns kvar.`,
};
