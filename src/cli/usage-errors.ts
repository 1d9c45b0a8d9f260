/**
 * Commander's errors in the user's language, with the command's own hint and
 * a "did you mean" for a mistyped command or option. Commander reports its
 * errors as English sentences with a code; the facts are read back out of them.
 */
import type { Command, CommanderError } from 'commander';
import type { Lang } from '../core/lang.js';
import { GLOBAL_OPTIONS } from './commands/flags.js';
import { argumentName, translatePlaceholders } from './help-format.js';
import { spellings } from './options.js';
import type { OptionTable } from './options.js';
import { usageText } from './program-text.js';

export interface Explained {
  message: string;
  hint: string;
}

/** Global options that take a value, so the word after them is not a command. */
const GLOBAL_WITH_VALUE = new Set((GLOBAL_OPTIONS as OptionTable).filter((spec) => spec.value !== undefined).flatMap(spellings));

/** The subcommand named on the command line, when there is one. */
export function subcommandOf(program: Command, argv: readonly string[]): Command | undefined {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (GLOBAL_WITH_VALUE.has(arg)) {
      index++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return program.commands.find((command) => command.name() === arg || command.aliases().includes(arg));
  }
  return undefined;
}

/**
 * Edit distance with transpositions (optimal string alignment), as commander
 * measures it, so `lst` is one edit from `list` and `lsit` one from `list`.
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The closest of `candidates` to `word`: at most three edits and less than
 * 60 % of the word changed. Candidates map a spelling (a name or an alias)
 * to what is suggested, so an alias suggests its command once.
 */
export function closest(word: string, candidates: ReadonlyMap<string, string>): string | undefined {
  let best: { distance: number; suggestion: string } | undefined;
  for (const [spelling, suggestion] of candidates) {
    const distance = editDistance(word.toLowerCase(), spelling.toLowerCase());
    const similar = distance <= 3 && (spelling.length - distance) / spelling.length > 0.4;
    if (similar && (!best || distance < best.distance)) best = { distance, suggestion };
  }
  return best?.suggestion;
}

function commandSpellings(program: Command): Map<string, string> {
  const spellings = new Map<string, string>();
  for (const command of program.commands) {
    if (command.name() === 'help') continue;
    spellings.set(command.name(), command.name());
    for (const alias of command.aliases()) spellings.set(alias, command.name());
  }
  return spellings;
}

function optionSpellings(program: Command, command: Command | undefined): Map<string, string> {
  const options = [...(command?.options ?? []), ...program.options];
  return new Map(options.flatMap((option) => (option.long ? [[option.long, option.long] as [string, string]] : [])));
}

/** The first text between single quotes of commander's message, e.g. the flag in `unknown option '--x'`. */
const quoted = (message: string, index = 0): string => [...message.matchAll(/'([^']*)'/g)][index]?.[1] ?? '';

const longFlag = (flags: string) => /--[\w-]+/.exec(flags)?.[0] ?? flags.split(/[ ,]/)[0] ?? flags;

export function explainCommanderError(error: CommanderError, program: Command, argv: readonly string[], lang: Lang): Explained {
  const t = usageText(lang);
  const command = subcommandOf(program, argv);
  const name = command?.name();
  const commandHint = name ? t.seeHelp(name) : t.seeCommands;
  const usageHint = command && name ? t.usageOf(`sluss ${translatePlaceholders(`${name} ${command.usage()}`, lang)}`, name) : t.seeCommands;
  const message = error.message.replace(/^error: /, '');
  switch (error.code) {
    case 'commander.unknownCommand': {
      const unknown = quoted(message);
      const suggestion = closest(unknown, commandSpellings(program));
      return { message: [t.unknownCommand(unknown), ...(suggestion ? [t.didYouMean(`sluss ${suggestion}`)] : [])].join(' '), hint: t.seeCommands };
    }
    case 'commander.unknownOption': {
      const flag = quoted(message);
      const suggestion = closest(flag, optionSpellings(program, command));
      return { message: [t.unknownOption(flag), ...(suggestion ? [t.didYouMean(suggestion)] : [])].join(' '), hint: commandHint };
    }
    case 'commander.missingArgument':
      return { message: t.missingArgument(argumentName(quoted(message), lang)), hint: usageHint };
    case 'commander.optionMissingArgument':
      return { message: t.optionNeedsValue(longFlag(quoted(message))), hint: commandHint };
    case 'commander.missingMandatoryOptionValue':
      return { message: t.optionRequired(longFlag(quoted(message))), hint: commandHint };
    case 'commander.invalidArgument':
      return invalidValue(message, lang, commandHint);
    case 'commander.excessArguments': {
      const [, expected, got] = /Expected (\d+) arguments? but got (\d+)/.exec(message) ?? [];
      return { message: t.tooManyArguments(Number(expected), Number(got)), hint: usageHint };
    }
    default:
      return { message: t.unreadable(message), hint: commandHint };
  }
}

/** `option '--role <role>' argument 'x' is invalid. Allowed choices are a, b.` and its twin for arguments. */
function invalidValue(message: string, lang: Lang, commandHint: string): Explained {
  const t = usageText(lang);
  const choices = /Allowed choices are (.*)\.$/.exec(message)?.[1];
  const hint = choices ? t.allowedValues(choices) : commandHint;
  if (message.startsWith('option ')) return { message: t.invalidOptionValue(longFlag(quoted(message, 0)), quoted(message, 1)), hint };
  return { message: t.invalidArgumentValue(argumentName(quoted(message, 1), lang), quoted(message, 0)), hint };
}
