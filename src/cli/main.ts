/**
 * The entry point: the only place that prints errors and turns errors,
 * outcomes and signals into exit codes (through exit-codes.ts).
 */
import type { Command } from 'commander';
import { CommanderError } from 'commander';
import { isSlussError } from '../core/errors.js';
import { explainError, formatProblem } from '../ui/messages.js';
import type { Lang } from '../core/lang.js';
import { removeTempFilesInFlight } from '../adapters/fs/temp-files.js';
import type { GlobalFlags } from './commands/flags.js';
import type { Streams } from './container.js';
import { EXIT, exitCodeForError, exitCodeForOutcome, exitCodeForSignal } from './exit-codes.js';
import type { ExitCode, Outcome } from './exit-codes.js';
import { buildProgram } from './program.js';
import { usageText } from './program-text.js';
import { explainCommanderError } from './usage-errors.js';
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

export async function run(options: RunOptions): Promise<ExitCode> {
  const { argv, env, streams } = options;
  const lang = chooseLanguage(argv, env);
  const debug = argv.includes('--debug');
  let outcome: Outcome = 'done';
  const program = buildProgram(lang, {
    context: async (command: Command, contextOptions) => {
      const { createContext, wantsColor } = await import('./container.js');
      const globals = command.optsWithGlobals<GlobalFlags>();
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
    setOutcome: (ended) => {
      outcome = ended;
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
    return exitCodeForOutcome(outcome);
  } catch (error) {
    return report(error, program, { argv, lang, debug, streams });
  }
}

/** What the user is told about an error, in text on stderr and, with --json, as JSON on stdout. */
interface ErrorReport {
  code: string;
  message: string;
  hint?: string;
  /** Findings behind the error, one line each. */
  problems?: string[];
  /** Where the answers typed before the error were kept. */
  answers?: string;
  exitCode: ExitCode;
}

/** `--json`, or `--format json`: the caller is a script that reads stdout. */
export function wantsJson(argv: readonly string[]): boolean {
  return argv.some((arg, index) => arg === '--json' || arg === '--format=json' || (arg === '--format' && argv[index + 1] === 'json'));
}

function explain(error: unknown, program: Command, argv: readonly string[], lang: Lang): ErrorReport {
  const t = usageText(lang);
  if (error instanceof CommanderError) return { code: 'usage', ...explainCommanderError(error, program, argv, lang), exitCode: EXIT.usage };
  if (isSlussError(error)) {
    const { message, hint } = explainError(lang, error.code, error.params);
    const answers = error.params['answersFile'];
    return {
      code: error.code,
      message,
      ...(hint ? { hint } : {}),
      ...(error.problems.length > 0 ? { problems: error.problems.map((p) => formatProblem(lang, p)) } : {}),
      ...(typeof answers === 'string' ? { answers } : {}),
      exitCode: exitCodeForError(error.code),
    };
  }
  return { code: 'unexpected', message: `${t.unexpected} ${error instanceof Error ? error.message : String(error)}`, hint: t.unexpectedHint, exitCode: EXIT.failure };
}

function report(error: unknown, program: Command, options: { argv: readonly string[]; lang: Lang; debug: boolean; streams: Streams }): ExitCode {
  const { argv, lang, streams } = options;
  if (error instanceof CommanderError && ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) return EXIT.ok;
  const t = usageText(lang);
  const explained = explain(error, program, argv, lang);
  // Messages can carry what the user or a file gave (a stage, a value): shown escaped, never acted on by the terminal.
  const lines = [`${t.error}: ${safeLine(explained.message)}`, ...(explained.problems ?? []).map((line) => `  ${safeLine(line)}`)];
  if (explained.answers) lines.push(`  ${t.answers}: ${safeLine(t.answersKept(explained.answers))}`);
  if (explained.hint) lines.push(`  ${t.hint}: ${safeLine(explained.hint)}`);
  const cause = isSlussError(error) ? error.cause : error;
  if (options.debug && cause instanceof Error) lines.push(String(cause.stack ?? cause));
  streams.stderr.write(`${lines.join('\n')}\n`);
  if (wantsJson(argv)) {
    const { exitCode: _exitCode, ...json } = explained;
    streams.stdout.write(`${JSON.stringify({ error: json }, null, 2)}\n`);
  }
  return explained.exitCode;
}

/**
 * SIGINT or SIGTERM outside a question: remove any half-written temp file and
 * say so. Returns the exit code (128 + signal number) for the entry point.
 */
export function onSignal(signal: 'SIGINT' | 'SIGTERM', argv: readonly string[], env: NodeJS.ProcessEnv, stderr: NodeJS.WritableStream): ExitCode {
  removeTempFilesInFlight();
  const lang = chooseLanguage(argv, env);
  stderr.write(`${usageText(lang).signalled(signal)}\n`);
  return exitCodeForSignal(signal);
}
