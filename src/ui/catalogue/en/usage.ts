/** The words of the command line in English (see ../sv/usage.ts). */
import type { UsageText } from '../sv/usage.js';

export const helpTitles: Record<string, string> = {};

/** Commander's help words that are not titles: the extra facts after an option's description. */
export const helpFacts = { choices: 'choices', default: 'default', examples: 'Examples:' };

export const usage: UsageText = {
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
  signalled: (signal) => `Interrupted (${signal}). No half-written file is left behind.`,
};
