/**
 * Wiring in one place: the real clock, randomness, terminal and output for a
 * command. Tests build a CommandContext of their own instead.
 */
import { createInquirerPrompter } from '../adapters/prompt/inquirer-prompter.js';
import type { Lang } from '../core/lang.js';
import { DEFAULT_WIDTH } from '../ui/table.js';
import { promptText } from '../ui/prompt-text.js';
import type { Clock, CommandContext, Output } from './ports.js';

export interface Streams {
  stdin: NodeJS.ReadStream | { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
}

/** The terminal's width; without a terminal, COLUMNS; without that, 80. */
export function outputWidth(streams: Streams, env: NodeJS.ProcessEnv): number {
  if (streams.stdout.isTTY && streams.stdout.columns && streams.stdout.columns > 0) return streams.stdout.columns;
  const columns = Number.parseInt(env['COLUMNS'] ?? '', 10);
  return Number.isInteger(columns) && columns > 0 ? columns : DEFAULT_WIDTH;
}

/** Today in local time, or SLUSS_TODAY (YYYY-MM-DD) so scripts and tests can fix the date. */
export function systemClock(env: NodeJS.ProcessEnv): Clock {
  return {
    today() {
      const fixed = env['SLUSS_TODAY'];
      if (fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
      const now = new Date();
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    },
  };
}

export function streamOutput(streams: Streams, color: boolean, width: number = DEFAULT_WIDTH): Output {
  return {
    width,
    print: (text) => void streams.stdout.write(`${text}\n`),
    info: (text) => void streams.stderr.write(`${text}\n`),
    json: (value) => writeJson(streams.stdout, value),
    jsonArray: (items, toJson) => writeJsonArray(streams.stdout, items, toJson),
    color,
  };
}

const JSON_BATCH_ITEMS = 500;
/** Pieces are gathered into writes of about this many characters. */
const JSON_WRITE_CHARS = 1 << 16;
/** Arrays longer than this are written item by item at any depth; shorter ones below the top two levels in one piece. */
const JSON_WALK_ITEMS = 64;

/**
 * Writes `value` exactly as `JSON.stringify(value, null, 2)` and a newline,
 * in pieces: a report on 50,000 ideas is some 19 MB of JSON, which as one
 * string (two bytes a character once it holds an "å") and its copies took
 * more memory at the end of the command than everything before it.
 */
function writeJson(stdout: Streams['stdout'], value: unknown): void {
  let pending = '';
  for (const piece of jsonPieces(value, '', 0)) {
    pending += piece;
    if (pending.length >= JSON_WRITE_CHARS) {
      stdout.write(pending);
      pending = '';
    }
  }
  stdout.write(`${pending}\n`);
}

/** Arrays and plain objects, which are walked; anything else (a Date, an object with toJSON) is written whole, as JSON.stringify writes it. */
const isPlainContainer = (value: unknown): value is object =>
  Array.isArray(value) ||
  (typeof value === 'object' &&
    value !== null &&
    [Object.prototype, null].includes(Object.getPrototypeOf(value)) &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function');

/** Values JSON leaves out of an object, and writes as null in an array. */
const isUnwritable = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

function* jsonPieces(value: unknown, indent: string, depth: number): Generator<string> {
  const walk = isPlainContainer(value) && (depth < 2 || (Array.isArray(value) && value.length > JSON_WALK_ITEMS));
  if (!walk) {
    const text = JSON.stringify(value, null, 2);
    yield indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[\n';
    for (let index = 0; index < value.length; index += 1) {
      yield inner;
      const item: unknown = value[index];
      if (isUnwritable(item)) yield 'null';
      else yield* jsonPieces(item, inner, depth + 1);
      yield index < value.length - 1 ? ',\n' : '\n';
    }
    yield `${indent}]`;
    return;
  }
  const entries = Object.entries(value).filter(([, field]) => !isUnwritable(field));
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{\n';
  for (let index = 0; index < entries.length; index += 1) {
    const [key, field] = entries[index] as [string, unknown];
    yield `${inner}${JSON.stringify(key)}: `;
    yield* jsonPieces(field, inner, depth + 1);
    yield index < entries.length - 1 ? ',\n' : '\n';
  }
  yield `${indent}}`;
}

function writeJsonArray<T>(stdout: Streams['stdout'], items: readonly T[], toJson: (item: T) => unknown): void {
  if (items.length === 0) {
    stdout.write('[]\n');
    return;
  }
  stdout.write('[\n');
  for (let start = 0; start < items.length; start += JSON_BATCH_ITEMS) {
    const batch = items.slice(start, start + JSON_BATCH_ITEMS).map(toJson);
    // A batch printed as an array is the items already indented one level: only its brackets go.
    const inner = JSON.stringify(batch, null, 2).slice(2, -2);
    stdout.write(start + JSON_BATCH_ITEMS < items.length ? `${inner},\n` : `${inner}\n`);
  }
  stdout.write(']\n');
}

export function wantsColor(streams: Streams, env: NodeJS.ProcessEnv, disabled: boolean): boolean {
  if (disabled || env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return Boolean(streams.stdout.isTTY) && env['TERM'] !== 'dumb';
}

export function createContext(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  lang: Lang;
  streams: Streams;
  registerDir: string | undefined;
  color: boolean;
  interactive: boolean;
}): CommandContext {
  const { streams } = options;
  // Inquirer would wait forever on a pipe that stays open; only a real terminal gets questions.
  const hasTerminal = Boolean(streams.stdin.isTTY) && Boolean(streams.stdout.isTTY);
  return {
    cwd: options.cwd,
    env: options.env,
    lang: options.lang,
    clock: systemClock(options.env),
    // Web Crypto, global in Node: node:crypto would load at every start, even for --help.
    randomBytes: (size) => crypto.getRandomValues(new Uint8Array(size)),
    output: streamOutput(streams, options.color, outputWidth(streams, options.env)),
    prompter: hasTerminal && options.interactive ? createInquirerPrompter(promptText(options.lang)) : undefined,
    registerDir: options.registerDir,
  };
}
