/**
 * One declaration per option. Each command's options are a table of
 * `OptionSpec`s (src/cli/commands/flags.ts); from a table come the commander
 * options (`addOptions`), with their help in the user's language, and the
 * type of the flags a runner receives (`FlagsOf`). The shell completion and
 * the parsing of the help examples read the commander program built from the
 * tables, so they follow too.
 */
import { Option } from 'commander';
import type { Command } from 'commander';
import type { ProgramText } from './program-text.js';

/** A key of the help catalogue (src/ui/catalogue/{sv,en}/commands.ts). */
export type HelpKey = keyof ProgramText;

export interface OptionSpec {
  /** The long flag as typed: `--title`, or `--no-commit` for a switch that is on unless turned off. */
  readonly flag: `--${string}`;
  /** A one-letter alias: `-o`. */
  readonly short?: `-${string}`;
  /** The value's placeholder in the help, `<value>`; an option without one is a switch. */
  readonly value?: string;
  readonly help: HelpKey;
  /** The only values taken; commander refuses others, completion offers these. */
  readonly choices?: readonly string[];
  readonly default?: string | number;
  /**
   * Given more than once, the values are collected in a list: `split` also
   * splits each at commas (`--status a,b --status c`), `each` keeps each value
   * whole (`--score nytta=4` is one score, and `nytta=4,5` a mistake to point out).
   */
  readonly repeat?: 'split' | 'each';
  /** The value is a whole number. */
  readonly integer?: true;
  /** The command cannot run without it. */
  readonly required?: true;
  /** Still taken, but not shown in the help or offered by completion: an old name kept working. */
  readonly hidden?: true;
}

export type OptionTable = readonly OptionSpec[];

/** `--status a,b --status c`: one list, split at commas, empty pieces dropped (so `--approvals ""` is an empty list). */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter((v) => v !== '')];
}

function each(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Not a number stays NaN, for the runner to refuse with its own message. */
function integer(value: string): number {
  return Number.parseInt(value, 10);
}

/** The option as commander spells it: `-o, --out <path>`. */
export function optionFlags(spec: OptionSpec): string {
  return `${spec.short ? `${spec.short}, ` : ''}${spec.flag}${spec.value === undefined ? '' : ` <${spec.value}>`}`;
}

/** Every way the option can be typed: `-o` and `--out`. */
export function spellings(spec: OptionSpec): string[] {
  return spec.short ? [spec.short, spec.flag] : [spec.flag];
}

export function commanderOption(spec: OptionSpec, text: ProgramText): Option {
  const option = new Option(optionFlags(spec), text[spec.help]);
  if (spec.choices) option.choices(spec.choices);
  if (spec.repeat) option.argParser(spec.repeat === 'split' ? collect : each);
  if (spec.integer) option.argParser(integer);
  if (spec.default !== undefined) option.default(spec.default);
  if (spec.required) option.makeOptionMandatory();
  if (spec.hidden) option.hideHelp();
  return option;
}

/** Registers a table on a command, in the table's order (the order of the help). */
export function addOptions(command: Command, table: OptionTable, text: ProgramText): Command {
  for (const spec of table) command.addOption(commanderOption(spec, text));
  return command;
}

// ---- the flags' type, derived from a table ------------------------------------

/** `stale-days` → `staleDays`, as commander names the attribute. */
type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

type KeyOf<O> = O extends { flag: `--no-${infer Name}` } ? Camel<Name> : O extends { flag: `--${infer Name}` } ? Camel<Name> : never;

type ValueOf<O> = O extends { value: string }
  ? O extends { choices: readonly (infer Choice)[] }
    ? Choice
    : O extends { repeat: string }
      ? string[]
      : O extends { integer: true }
        ? number
        : string
  : boolean;

/** Always set after parsing: a `--no-` switch (true unless turned off), an option with a default, a required one. */
type AlwaysSet<O> = O extends { flag: `--no-${string}` } | { default: string | number } | { required: true } ? true : false;

type Flatten<T> = { [K in keyof T]: T[K] };

/** What commander's `opts()` holds for a table: `--no-commit` is `commit: boolean`, `--status <s>` with `repeat` is `status?: string[]`. */
export type FlagsOf<T extends OptionTable> = Flatten<
  { [O in T[number] as AlwaysSet<O> extends true ? KeyOf<O> : never]: ValueOf<O> } & {
    [O in T[number] as AlwaysSet<O> extends true ? never : KeyOf<O>]?: ValueOf<O>;
  }
>;
