/**
 * `sluss completion bash|zsh|fish`: a completion script generated from the
 * commander program itself, so every command and flag is in it without a
 * second list to keep in step. Completion is static: command names, their
 * flags, and the values of flags with fixed choices (e.g. --format).
 */
import { Argument, Help } from 'commander';
import type { Command, Option } from 'commander';
import type { CliEnv } from './cli-env.js';
import { COMMAND_OPTIONS } from './commands/flags.js';
import { addOptions } from './options.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

interface FlagSpec {
  short?: string;
  long?: string;
  description: string;
  /** The flag takes a value. */
  takesValue: boolean;
  /** The value's placeholder, `dir` in `<dir>`: it says whether a folder or a file is wanted. */
  valueName?: string;
  choices?: readonly string[];
}

interface CommandSpec {
  name: string;
  aliases: string[];
  description: string;
  flags: FlagSpec[];
  /** Fixed choices of the first argument, e.g. the shells of `completion`. */
  argumentChoices?: readonly string[];
}

/** Commander's own view of the help: what it lists is what completion offers, `-h, --help` and the `help` command included. */
const HELP = new Help();

function flagOf(option: Option): FlagSpec {
  const valueName = /<([^>]+)>/.exec(option.flags)?.[1];
  return {
    ...(option.short ? { short: option.short } : {}),
    ...(option.long ? { long: option.long } : {}),
    description: option.description,
    takesValue: option.required || option.optional,
    ...(valueName ? { valueName } : {}),
    ...(option.argChoices ? { choices: option.argChoices } : {}),
  };
}

function visibleFlags(command: Command): FlagSpec[] {
  return HELP.visibleOptions(command).map(flagOf);
}

function commandsOf(program: Command): CommandSpec[] {
  const commands = HELP.visibleCommands(program).filter((command) => !command.name().startsWith('_'));
  const names = commands.map((command) => command.name()).filter((name) => name !== 'help');
  return commands.map((command): CommandSpec => {
    const spec = { name: command.name(), aliases: command.aliases(), description: command.description() };
    // `help <command>` completes the command names; the help command's own flags are none.
    if (command.name() === 'help') return { ...spec, flags: [], argumentChoices: names };
    const choices = command.registeredArguments[0]?.argChoices;
    return { ...spec, flags: visibleFlags(command), ...(choices ? { argumentChoices: choices } : {}) };
  });
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}

// ---- bash -------------------------------------------------------------------

/** A word list for compgen -W inside single quotes: words are flags, codes and command names. */
function shellWords(words: readonly string[]): string {
  return words.filter((word) => /^[\w@%+=:,./-]+$/.test(word)).join(' ');
}

function bashScript(program: Command): string {
  const commands = commandsOf(program);
  const globals = visibleFlags(program);
  const valueFlags = (flags: readonly FlagSpec[]) => flags.filter((f) => f.takesValue).flatMap((f) => [f.short, f.long]).filter((f): f is string => f !== undefined);
  const names = (flags: readonly FlagSpec[]) => flags.flatMap((f) => [f.long, f.short]).filter((f): f is string => f !== undefined);
  const commandWords = commands.flatMap((c) => [c.name, ...c.aliases]);
  const cases: string[] = [];
  for (const command of commands) {
    const pattern = [command.name, ...command.aliases].join('|');
    const choiceCases = command.flags
      .filter((flag) => flag.choices)
      .map((flag) => `        ${[flag.short, flag.long].filter(Boolean).join('|')}) COMPREPLY=($(compgen -W '${shellWords(flag.choices ?? [])}' -- "$cur")); return ;;`);
    const valueCase = valueFlags(command.flags).length > 0 ? [`        ${valueFlags(command.flags).join('|')}) return ;;`] : [];
    const argument = command.argumentChoices ? `      [[ $cur != -* ]] && { COMPREPLY=($(compgen -W '${shellWords(command.argumentChoices)}' -- "$cur")); return; }` : '';
    cases.push(
      `    ${pattern})`,
      `      case $prev in`,
      ...choiceCases,
      ...valueCase,
      `      esac`,
      ...(argument ? [argument] : []),
      `      COMPREPLY=($(compgen -W '${shellWords([...names(command.flags), ...names(globals)])}' -- "$cur"))`,
      `      ;;`,
    );
  }
  const globalChoices = globals
    .filter((flag) => flag.choices)
    .map((flag) => `    ${[flag.short, flag.long].filter(Boolean).join('|')}) COMPREPLY=($(compgen -W '${shellWords(flag.choices ?? [])}' -- "$cur")); return ;;`);
  return `# bash completion for sluss. Load it with:
#   source <(sluss completion bash)
# or save it as ~/.local/share/bash-completion/completions/sluss
_sluss() {
  local cur prev cmd i
  cur=\${COMP_WORDS[COMP_CWORD]}
  prev=\${COMP_WORDS[COMP_CWORD-1]}
  cmd=
  for ((i = 1; i < COMP_CWORD; i++)); do
    case \${COMP_WORDS[i]} in
      ${valueFlags(globals).join('|') || '--'}) ((i++)) ;;
      -*) ;;
      *) cmd=\${COMP_WORDS[i]}; break ;;
    esac
  done
  case $prev in
${globalChoices.join('\n')}
    ${valueFlags(globals).join('|') || '--'}) return ;;
  esac
  case $cmd in
    '')
      COMPREPLY=($(compgen -W '${shellWords([...commandWords, ...names(globals)])}' -- "$cur"))
      ;;
${cases.join('\n')}
  esac
}
complete -o default -F _sluss sluss
`;
}

// ---- zsh --------------------------------------------------------------------

/** Text inside single quotes in zsh, and inside the [description] of an _arguments spec. */
function zshQuote(text: string): string {
  return firstLine(text).replace(/'/g, `'\\''`);
}

function zshDescription(text: string): string {
  return zshQuote(text).replace(/\\/g, '\\\\').replace(/([[\]:])/g, '\\$1');
}

/** The values zsh completes from the file system, by the placeholder the option declares (src/cli/commands/flags.ts). */
const ZSH_VALUE_COMPLETION: Readonly<Record<string, string>> = { dir: '_files -/', file: '_files', path: '_files', 'idea.md|idea.json': '_files' };

function zshFlag(flag: FlagSpec): string {
  const names = [flag.short, flag.long].filter((n): n is string => n !== undefined);
  const files = flag.valueName === undefined ? ' ' : (ZSH_VALUE_COMPLETION[flag.valueName] ?? ' ');
  const value = flag.takesValue ? (flag.choices ? `:value:(${flag.choices.map(zshQuote).join(' ')})` : `:value:${files}`) : '';
  const description = `[${zshDescription(flag.description)}]`;
  if (names.length === 2) return `'(${names.join(' ')})'{${names.join(',')}}'${description}${value}'`;
  return `'${names[0]}${description}${value}'`;
}

function zshScript(program: Command): string {
  const commands = commandsOf(program);
  const globals = visibleFlags(program);
  const described = commands.flatMap((c) => [c.name, ...c.aliases].map((name) => `    '${name.replace(/:/g, '\\:')}:${zshQuote(c.description).replace(/:/g, '\\:')}'`));
  const cases = commands.map((command) => {
    const specs = [...command.flags, ...globals].map((flag) => `        ${zshFlag(flag)}`);
    const argument = command.argumentChoices ? [`        '1:value:(${command.argumentChoices.map(zshQuote).join(' ')})'`] : [`        '*:file:_files'`];
    return `    ${[command.name, ...command.aliases].join('|')})\n      _arguments -s \\\n${[...specs, ...argument].join(' \\\n')}\n      ;;`;
  });
  return `#compdef sluss
# zsh completion for sluss. Load it with:
#   source <(sluss completion zsh)
# or save it as _sluss in a folder of $fpath.
_sluss() {
  local curcontext=$curcontext state line
  local -a commands
  commands=(
${described.join('\n')}
  )
  _arguments -C -s \\
${globals.map((flag) => `    ${zshFlag(flag)}`).join(' \\\n')} \\
    '1:command:->command' \\
    '*::argument:->argument'
  case $state in
    command)
      _describe -t commands 'sluss command' commands
      ;;
    argument)
      case $line[1] in
${cases.join('\n')}
      esac
      ;;
  esac
}
if [[ $funcstack[1] == _sluss ]]; then
  _sluss "$@"
else
  compdef _sluss sluss
fi
`;
}

// ---- fish -------------------------------------------------------------------

function fishQuote(text: string): string {
  return `'${firstLine(text).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function fishFlag(flag: FlagSpec, condition: string): string {
  const parts = ['complete -c sluss', `-n ${fishQuote(condition)}`];
  if (flag.short) parts.push(`-s ${flag.short.slice(1)}`);
  if (flag.long) parts.push(`-l ${flag.long.slice(2)}`);
  if (flag.choices) parts.push('-x', `-a ${fishQuote(flag.choices.join(' '))}`);
  else if (flag.takesValue) parts.push('-r');
  parts.push(`-d ${fishQuote(flag.description)}`);
  return parts.join(' ');
}

function fishScript(program: Command): string {
  const commands = commandsOf(program);
  const none = '__fish_use_subcommand';
  const lines = [
    '# fish completion for sluss. Load it with:',
    '#   sluss completion fish | source',
    '# or save it as ~/.config/fish/completions/sluss.fish',
    'complete -c sluss -f',
    ...visibleFlags(program).map((flag) => fishFlag(flag, 'true')),
  ];
  for (const command of commands) {
    for (const name of [command.name, ...command.aliases]) lines.push(`complete -c sluss -n ${none} -a ${fishQuote(name)} -d ${fishQuote(command.description)}`);
    const condition = `__fish_seen_subcommand_from ${[command.name, ...command.aliases].join(' ')}`;
    for (const flag of command.flags) lines.push(fishFlag(flag, condition));
    if (command.argumentChoices) lines.push(`complete -c sluss -n ${fishQuote(condition)} -a ${fishQuote(command.argumentChoices.join(' '))}`);
  }
  return `${lines.join('\n')}\n`;
}

export function completionScript(program: Command, shell: Shell): string {
  switch (shell) {
    case 'bash':
      return bashScript(program);
    case 'zsh':
      return zshScript(program);
    case 'fish':
      return fishScript(program);
  }
}

/** `sluss completion <shell>`; the script covers every command defined on `program` when it runs. */
export function completionCommand(program: Command, env: CliEnv): void {
  const command = program.command('completion').description(env.text.completion).addArgument(new Argument('<shell>', env.text.completionShell).choices(SHELLS));
  addOptions(command, COMMAND_OPTIONS.completion, env.text).action(async (shell: Shell, _flags: unknown, command: Command) => {
    (await env.context(command, { interactive: false })).output.print(completionScript(program, shell).replace(/\n$/, ''));
  });
}
