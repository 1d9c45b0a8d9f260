/**
 * The entry point: the only place that prints errors and chooses exit codes.
 */
import type { Command } from 'commander';
import { CommanderError } from 'commander';
import { EXIT, exitCodeFor, isSlussError } from '../core/errors.js';
import { explainError, formatProblem } from '../core/messages.js';
import type { Lang } from '../core/messages.js';
import { removeTempFilesInFlight } from '../adapters/fs/temp-files.js';
import { createContext, wantsColor } from './container.js';
import type { Streams } from './container.js';
import { buildProgram } from './program.js';
import { safeLine } from '../ui/terminal-text.js';

export interface RunOptions {
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  streams: Streams;
}

/** --lang, then SLUSS_LANG, then the locale; Swedish unless English is asked for. */
export function chooseLanguage(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  const flagIndex = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const flag = flagIndex === -1 ? undefined : argv[flagIndex]!.includes('=') ? argv[flagIndex]!.split('=')[1] : argv[flagIndex + 1];
  const wanted = flag ?? env['SLUSS_LANG'] ?? env['LC_ALL'] ?? env['LC_MESSAGES'] ?? env['LANG'] ?? '';
  return /^en/i.test(wanted) ? 'en' : 'sv';
}

export async function run(options: RunOptions): Promise<number> {
  const { argv, env, streams } = options;
  const lang = chooseLanguage(argv, env);
  const debug = argv.includes('--debug');
  let exitCode: number = EXIT.ok;
  const program = buildProgram(lang, {
    context: (command: Command, contextOptions) => {
      const globals = command.optsWithGlobals<{ register?: string; color?: boolean }>();
      return createContext({
        cwd: options.cwd,
        env,
        lang,
        streams,
        registerDir: globals.register,
        color: wantsColor(streams, env, globals.color === false),
        interactive: contextOptions?.interactive ?? true,
      });
    },
    setExitCode: (code) => {
      exitCode = code;
    },
  });
  program.exitOverride();
  program.configureOutput({
    writeOut: (text) => void streams.stdout.write(text),
    writeErr: (text) => void streams.stderr.write(text),
    outputError: () => undefined,
  });
  for (const command of program.commands) {
    command.exitOverride();
    command.configureOutput({ writeOut: (text) => void streams.stdout.write(text), writeErr: (text) => void streams.stderr.write(text), outputError: () => undefined });
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return report(error, lang, debug, streams);
  }
}

const COMMANDER_MESSAGES_SV: Record<string, (message: string) => string> = {
  'commander.unknownOption': (m) => `Okänd flagga ${quoted(m)}.`,
  'commander.unknownCommand': (m) => `Okänt kommando ${quoted(m)}.`,
  'commander.missingArgument': (m) => `Argument saknas: ${quoted(m)}.`,
  'commander.optionMissingArgument': (m) => `Flaggan ${quoted(m)} behöver ett värde.`,
  'commander.missingMandatoryOptionValue': (m) => `Flaggan ${quoted(m)} måste anges.`,
  'commander.invalidArgument': (m) => `Ogiltigt värde: ${m.replace(/^error: /, '')}`,
  'commander.excessArguments': () => 'För många argument.',
};

function quoted(message: string): string {
  return /'([^']+)'/.exec(message)?.[1] ?? message.replace(/^error: /, '');
}

function report(error: unknown, lang: Lang, debug: boolean, streams: Streams): number {
  const label = lang === 'en' ? { error: 'error', hint: 'what to do' } : { error: 'fel', hint: 'gör så här' };
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
    const translate = lang === 'sv' ? COMMANDER_MESSAGES_SV[error.code] : undefined;
    const message = translate ? translate(error.message) : error.message.replace(/^error: /, '');
    const hint = lang === 'en' ? 'Run sluss --help to see commands and options.' : 'Kör sluss --help för att se kommandon och flaggor.';
    streams.stderr.write(`${label.error}: ${safeLine(message)}\n  ${label.hint}: ${hint}\n`);
    return EXIT.usage;
  }
  if (isSlussError(error)) {
    const { message, hint } = explainError(lang, error.code, error.params);
    // Parameters can carry what the user or a file gave (a stage, a value): shown escaped, never acted on.
    const lines = [`${label.error}: ${safeLine(message)}`, ...error.problems.map((p) => `  ${safeLine(formatProblem(lang, p))}`)];
    if (hint) lines.push(`  ${label.hint}: ${safeLine(hint)}`);
    if (debug && error.cause) lines.push(String((error.cause as Error).stack ?? error.cause));
    streams.stderr.write(`${lines.join('\n')}\n`);
    return exitCodeFor(error.code);
  }
  const unexpected = lang === 'en' ? 'Something unexpected went wrong.' : 'Något oväntat gick fel.';
  const next = lang === 'en' ? 'Run again with --debug and report the output.' : 'Kör igen med --debug och rapportera utskriften.';
  streams.stderr.write(`${label.error}: ${unexpected} ${safeLine(error instanceof Error ? error.message : String(error))}\n  ${label.hint}: ${next}\n`);
  if (debug && error instanceof Error) streams.stderr.write(`${error.stack}\n`);
  return EXIT.failure;
}

/**
 * SIGINT or SIGTERM outside a question: remove any half-written temp file and
 * say so. Returns the exit code (128 + signal number) for the entry point.
 */
export function onSignal(signal: 'SIGINT' | 'SIGTERM', argv: readonly string[], env: NodeJS.ProcessEnv, stderr: NodeJS.WritableStream): number {
  removeTempFilesInFlight();
  const lang = chooseLanguage(argv, env);
  stderr.write(lang === 'en' ? `Interrupted (${signal}). No half-written file is left behind.\n` : `Avbrutet (${signal}). Ingen halvskriven fil finns kvar.\n`);
  return signal === 'SIGINT' ? EXIT.interrupted : 143;
}
