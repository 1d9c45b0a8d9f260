/**
 * What use cases need from the outside world: the application layer's ports.
 * `src/cli/container.ts` wires the real adapters; tests hand in their own (or
 * the real ones with a captured output), so no module has to be mocked. The
 * ports for files, git and forges are in `./ports/`.
 */
import type { Lang } from '../core/lang.js';
import type { ForgePorts, GitPorts } from './ports/git.js';
import type { BundledFilePorts, LocalFilePorts } from './ports/local-files.js';
import type { RegisterFilePorts } from './ports/register-files.js';

export interface Output {
  /** Normal output (stdout). */
  print(text: string): void;
  /** Messages about the work (stderr), so stdout stays clean for --json. */
  info(text: string): void;
  json(value: unknown): void;
  /** The JSON array `json` would print, written item by item: 50,000 ideas never become one string. */
  jsonArray<T>(items: readonly T[], toJson: (item: T) => unknown): void;
  /** Whether colour may be used on stdout. */
  readonly color: boolean;
  /** Columns of the terminal (or COLUMNS); tables are fitted to it. Unknown: 80. */
  readonly width?: number;
}

export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
}

export interface Prompter {
  /**
   * A text answer; `multiline` takes several lines (pasted text), ended by an
   * empty line. Ctrl-C rejects with SlussError `interrupted`, whose
   * `params.partialAnswer` holds what the question held then (if anything).
   */
  input(options: { message: string; required?: boolean; default?: string; multiline?: boolean; validate?: (value: string) => string | true }): Promise<string>;
  select<T>(options: { message: string; choices: readonly Choice<T>[]; default?: T }): Promise<T>;
  confirm(options: { message: string; default?: boolean }): Promise<boolean>;
}

export interface Clock {
  /** Today's date as YYYY-MM-DD in the user's time zone. */
  today(): string;
}

/** Every adapter a use case may use, constructed by the container alone. */
export interface Adapters {
  files: RegisterFilePorts;
  /** Files outside the register: the user's (--out, --from, the site's folder) and those sluss ships with. */
  local: LocalFilePorts;
  bundled: BundledFilePorts;
  git: GitPorts;
  forge: ForgePorts;
}

export interface CommandContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  lang: Lang;
  clock: Clock;
  randomBytes: (size: number) => Uint8Array;
  output: Output;
  /** Undefined when there is no terminal to ask on. */
  prompter: Prompter | undefined;
  /** `-C, --register <dir>` when given. */
  registerDir: string | undefined;
  adapters: Adapters;
}
