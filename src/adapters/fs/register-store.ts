/**
 * The register on disk: finding it, reading sluss.yaml and idea files, and
 * writing idea files atomically (temp file in the same folder, then link or
 * rename, so a reader never sees half a file).
 */
import { lstatSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SlussError } from '../../core/errors.js';
import { CONFIG_FILE } from '../../core/format/config-file.js';
import { MAX_IDEA_FILE_BYTES } from '../../core/format/idea-file.js';
import type { IdeaFileEntry } from '../../core/validation.js';
import type { FileStamp } from './parsed-file-cache.js';
import { writeRegisterFile } from './safe-write.js';

export const IDEAS_DIR = 'ideas';
// ignoreBOM keeps a byte order mark in the text, so validate can report it (by default the decoder drops it).
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Walks up from `start` to the first folder with a sluss.yaml, as git does for `.git`. */
export async function findRegisterRoot(start: string): Promise<string | undefined> {
  let dir = resolve(start);
  for (;;) {
    if (await isFile(join(dir, CONFIG_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/**
 * The register's own working folder (`.sluss/`: cache, lock, recovery files).
 * Like .pytest_cache it ignores itself, so it never shows in git status.
 */
export async function ensureSlussDir(root: string, ...sub: string[]): Promise<string> {
  const base = join(root, '.sluss');
  await mkdir(join(base, ...sub), { recursive: true });
  await writeFile(join(base, '.gitignore'), '*\n', { flag: 'wx' }).catch(() => undefined);
  return join(base, ...sub);
}

function statPrefixOf(root: string): string {
  try {
    const fromCwd = relative(process.cwd(), root);
    if (fromCwd === '') return '';
    if (!isAbsolute(fromCwd) && !fromCwd.startsWith('..')) return `${fromCwd}/`;
  } catch {
    // no working directory (it was removed): absolute paths still work
  }
  return `${root}/`;
}

export class RegisterStore {
  /**
   * The root as a prefix for the stat of every idea file: relative to the
   * process's working directory when the register is there or below it, since
   * the kernel then resolves fewer path components (10,000 stats in each run
   * of `similar` on 10,000 ideas; about 20 % faster measured). sluss never
   * changes its working directory.
   */
  readonly #statPrefix: string;

  constructor(readonly root: string) {
    this.#statPrefix = statPrefixOf(root);
  }

  absolute(relativePath: string): string {
    // Register paths are already normalised (`ideas/…`); Node takes forward slashes on every platform.
    return `${this.root}/${relativePath}`;
  }

  /** A path as the register names it (forward slashes, relative to the root), or undefined when outside. */
  relativePath(absolutePath: string): string | undefined {
    const rel = relative(this.root, resolve(absolutePath));
    if (rel === '' || rel.startsWith('..') || resolve(this.root, rel) !== resolve(absolutePath)) return undefined;
    return rel.split(sep).join('/');
  }

  /** The text of sluss.yaml; checking it is `checkedConfig`'s job (adapters/fs/config-cache). */
  async readConfigText(): Promise<string> {
    try {
      return await readFile(this.absolute(CONFIG_FILE), 'utf8');
    } catch {
      throw new SlussError('config-missing', { file: this.absolute(CONFIG_FILE) });
    }
  }

  /** Paths (relative, `ideas/…`) of every idea file; dot files such as temp files are skipped. */
  async listIdeaPaths(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.absolute(IDEAS_DIR));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
    return names
      .filter((name) => name.toLowerCase().endsWith('.md') && !name.startsWith('.'))
      .sort()
      .map((name) => `${IDEAS_DIR}/${name}`);
  }

  /**
   * Size and modification time of a regular file, or undefined for anything
   * else (read it to learn why).
   */
  stampOf(path: string): FileStamp | undefined {
    try {
      const info = lstatSync(`${this.#statPrefix}${path}`);
      return info.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Reads one file defensively: links, huge, binary and non-UTF-8 files become
   * problems, not crashes. Synchronous on purpose: for 10,000 files a plain
   * loop is several times faster than 10,000 promises through the thread pool.
   */
  readIdeaFile(path: string): IdeaFileEntry & { stamp?: FileStamp } {
    const absolute = this.absolute(path);
    try {
      const info = lstatSync(absolute);
      if (info.isSymbolicLink()) return { path, readProblem: 'symlink' };
      if (!info.isFile()) return { path, readProblem: 'unreadable' };
      if (info.size > MAX_IDEA_FILE_BYTES) return { path, readProblem: 'too-large' };
      const bytes = readFileSync(absolute);
      if (bytes.subarray(0, 8192).includes(0)) return { path, readProblem: 'binary' };
      return { path, text: utf8.decode(bytes), stamp: { size: info.size, mtimeMs: info.mtimeMs } };
    } catch (error) {
      if (error instanceof TypeError) return { path, readProblem: 'not-utf8' };
      return { path, readProblem: 'unreadable' };
    }
  }

  /** Writes a new file; never replaces an existing one (`file-exists`) and never writes through a link (`unsafe-path`). */
  async writeNewFile(path: string, content: string): Promise<void> {
    await writeRegisterFile(this.root, path, content, { mode: 'new' });
  }

  /** Replaces an existing file in one step, keeping its mode; never through a link (`unsafe-path`). */
  async replaceFile(path: string, content: string): Promise<void> {
    await writeRegisterFile(this.root, path, content, { mode: 'replace' });
  }
}

/**
 * Keeps what the user typed when the idea file could not be written, so their
 * text is never lost. Tries the register's own .sluss folder, then the temp folder.
 */
export async function saveRecoveryFile(root: string, name: string, content: string): Promise<string | undefined> {
  const inTemp = async () => {
    const dir = join(tmpdir(), 'sluss-recovery');
    await mkdir(dir, { recursive: true });
    return dir;
  };
  for (const place of [() => ensureSlussDir(root, 'recovery'), inTemp]) {
    try {
      const dir = await place();
      const path = join(dir, name);
      await writeFile(path, content, { encoding: 'utf8', flag: 'w' });
      return path;
    } catch {
      // try the next place
    }
  }
  return undefined;
}
