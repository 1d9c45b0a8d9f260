/**
 * The register on disk: finding it, checking its layout (no linked or
 * misplaced `ideas/`, `.sluss/` or sluss.yaml), reading sluss.yaml and idea
 * files, and writing idea files atomically (temp file in the same folder,
 * then link or rename, so a reader never sees half a file).
 */
import { closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import type { BigIntStats, Stats } from 'node:fs';
import { lstat, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SlussError } from '../../core/errors.js';
import { CONFIG_FILE } from '../../core/format/config-file.js';
import { MAX_IDEA_FILE_BYTES } from '../../core/format/idea-file.js';
import type { ProblemCode } from '../../core/problems.js';
import type { FileStamp } from './file-stamp.js';
import { stampOfStats } from './file-stamp.js';
import { createUniqueRegisterFile, ensureRegisterFolder, unsafe, writeRegisterFile } from './safe-write.js';
import type { UnsafeReason } from './safe-write.js';
import { IDEAS_DIR, SLUSS_DIR } from '../../app/ports/register-files.js';
import type { IdeaFileRead, RegisterFiles, StrayEntry } from '../../app/ports/register-files.js';

export { IDEAS_DIR, SLUSS_DIR };
export type { IdeaFileRead, StrayEntry };
// ignoreBOM keeps a byte order mark in the text, so validate can report it (by default the decoder drops it).
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Walks up from `start` to the first folder with a sluss.yaml, as git does for `.git`. */
export async function findRegisterRoot(start: string): Promise<string | undefined> {
  let dir = resolve(start);
  for (;;) {
    if (await exists(join(dir, CONFIG_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Whether anything is there: a `sluss.yaml` that is a folder or a FIFO still
 * marks the register, which `verifyLayout` then refuses by name, instead of
 * the search going on upward to another register or to "no register here".
 */
async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/**
 * The register's own working folder (`.sluss/`: cache, lock, recovery files),
 * made and checked one part at a time: a real folder, never a link (a
 * committed `.sluss` link would lead every write out of the repository).
 * Like .pytest_cache it ignores itself, so it never shows in git status.
 */
export async function ensureSlussDir(root: string, ...sub: string[]): Promise<string> {
  const dir = await ensureRegisterFolder(root, [SLUSS_DIR, ...sub].join('/'));
  await writeRegisterFile(root, `${SLUSS_DIR}/.gitignore`, '*\n', { mode: 'new', durable: false }).catch((error: unknown) => {
    if (!(error instanceof SlussError && error.code === 'file-exists')) throw error;
  });
  return dir;
}

/** What the top of a register must be, when it is there at all. */
const LAYOUT: readonly { name: string; kind: 'file' | 'folder' }[] = [
  { name: CONFIG_FILE, kind: 'file' },
  { name: IDEAS_DIR, kind: 'folder' },
  { name: SLUSS_DIR, kind: 'folder' },
];

/** The readProblem `detail` of a path that is not a regular file: what it is instead. */
function kindOf(info: Stats | BigIntStats): string {
  if (info.isDirectory()) return 'folder';
  if (info.isFIFO()) return 'fifo';
  if (info.isSocket()) return 'socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'device';
  return 'other';
}

/** sluss's own temp files (`safe-write.ts`): `.` + 12 hex digits + `.tmp`. */
const TEMP_FILE = /^\.[0-9a-f]{12}\.tmp$/;
/** A temp file lives for the milliseconds of one write; one this old was left by a process that was killed. */
const STALE_TEMP_MS = 60_000;
/** Files sluss itself puts in `ideas/` (`sluss init`), empty: not ideas, and fine where they are (as `review` takes them). */
const KNOWN_NON_IDEAS = new Set(['.gitkeep']);

function filePrefixOf(root: string): string {
  try {
    const fromCwd = relative(process.cwd(), root);
    if (fromCwd === '') return '';
    if (!isAbsolute(fromCwd) && !fromCwd.startsWith('..')) return `${fromCwd}/`;
  } catch {
    // no working directory (it was removed): absolute paths still work
  }
  return `${root}/`;
}

export class RegisterStore implements RegisterFiles {
  /**
   * The root as a prefix for the stat and the open of every idea file:
   * relative to the process's working directory when the register is there or
   * below it, since the kernel then resolves fewer path components (10,000
   * stats in each run of `similar` on 10,000 ideas; about 20 % faster
   * measured). sluss never changes its working directory.
   */
  readonly #filePrefix: string;

  constructor(readonly root: string) {
    this.#filePrefix = filePrefixOf(root);
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

  /**
   * Refuses a register whose sluss.yaml, `ideas/` or `.sluss/` is a symbolic
   * link or the wrong kind of thing (`unsafe-path`, exit 4): reading through a
   * committed `ideas -> /home/...` would leave the repository, and so would
   * every write to `.sluss`. Checked once when the register is opened.
   */
  verifyLayout(): void {
    for (const { name, kind } of LAYOUT) {
      let info: Stats;
      try {
        info = lstatSync(this.absolute(name));
      } catch {
        continue;
      }
      const refuse = (reason: UnsafeReason) => unsafe(name, reason, name, 'read');
      if (info.isSymbolicLink()) throw refuse('symlink');
      if (kind === 'folder' && !info.isDirectory()) throw refuse('not-a-folder');
      if (kind === 'file' && !info.isFile()) throw refuse('not-a-file');
    }
  }

  /** The text of sluss.yaml; checking it is `checkedConfig`'s job (adapters/fs/config-cache). */
  async readConfigText(): Promise<string> {
    try {
      return await readFile(this.absolute(CONFIG_FILE), 'utf8');
    } catch {
      throw new SlussError('config-missing', { file: this.absolute(CONFIG_FILE) });
    }
  }

  /** Paths (relative, `ideas/…`) of every idea file: every `*.md` not named with a leading dot. */
  async listIdeaPaths(): Promise<string[]> {
    return (await this.listIdeasFolder()).ideas;
  }

  /**
   * Idea files, and everything else in `ideas/` that `validate` must report:
   * sub-folders, dot-files, other files and temp files left by a killed
   * process. A temp file younger than a minute is another process writing
   * right now and is left out.
   */
  async listIdeasFolder(now = Date.now()): Promise<{ ideas: string[]; stray: StrayEntry[] }> {
    // Names only: an idea file is looked at (lstat) when it is read, so the kind of every entry
    // (10,000 Dirents) is asked for only of the few that are no idea files.
    let names: string[];
    try {
      names = await readdir(this.absolute(IDEAS_DIR));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { ideas: [], stray: [] };
      throw error;
    }
    const ideas: string[] = [];
    const stray: StrayEntry[] = [];
    for (const name of names) {
      const path = `${IDEAS_DIR}/${name}`;
      if (name.toLowerCase().endsWith('.md') && !name.startsWith('.')) {
        ideas.push(path);
        continue;
      }
      const info = lstatSync(this.absolute(path), { throwIfNoEntry: false });
      if (TEMP_FILE.test(name)) {
        if (now - (info?.mtimeMs ?? now) >= STALE_TEMP_MS) stray.push({ path, problem: 'stale-temp-file', kind: 'temp-file' });
      } else if (!(KNOWN_NON_IDEAS.has(name) && info?.isFile() && info.size === 0)) {
        const kind = info?.isDirectory() ? 'folder' : name.startsWith('.') ? 'dot-file' : 'file';
        stray.push({ path, problem: 'unexpected-entry', kind });
      }
    }
    ideas.sort();
    stray.sort((a, b) => (a.path < b.path ? -1 : 1));
    return { ideas, stray };
  }

  /**
   * What git's index compares to tell a file changed without reading it
   * (size, mtime and ctime, inode, device), for a regular
   * file; undefined for anything else (read it to learn why).
   */
  stampOf(path: string): FileStamp | undefined {
    const info = lstatSync(`${this.#filePrefix}${path}`, { throwIfNoEntry: false });
    return info?.isFile() ? stampOfStats(info) : undefined;
  }

  /**
   * Reads one file defensively: links, special files, huge, binary and
   * non-UTF-8 files become problems, not crashes or hangs. The file is opened
   * without following a link and without blocking, and what was opened is
   * judged by its own status: a look before the open would add a call per
   * file (a tenth of a cold read at 50,000 ideas) and still leave a moment
   * for a swap between the look and the open. Synchronous on purpose: for
   * 10,000 files a plain loop is several times faster than 10,000 promises
   * through the thread pool.
   */
  readIdeaFile(path: string): IdeaFileRead {
    let fd: number | undefined;
    try {
      fd = openSync(`${this.#filePrefix}${path}`, READ_NO_FOLLOW);
      const opened = fstatSync(fd);
      if (!opened.isFile()) return { path, readProblem: 'unreadable', detail: kindOf(opened) };
      if (opened.size > MAX_IDEA_FILE_BYTES) return { path, readProblem: 'too-large' };
      const bytes = readWhole(fd, opened.size);
      if (bytes === undefined) return { path, readProblem: 'too-large' };
      // A NUL anywhere, not only in the first 8 KB: no text file has one.
      if (bytes.includes(0)) return { path, readProblem: 'binary' };
      return { path, text: utf8.decode(bytes), stamp: stampOfStats(opened) };
    } catch (error) {
      if (error instanceof TypeError) return { path, readProblem: 'not-utf8' };
      if (errorCode(error) === 'ELOOP') return { path, readProblem: 'symlink' };
      return { path, readProblem: 'unreadable', detail: errorCode(error) ?? 'error' };
    } finally {
      if (fd !== undefined) closeSync(fd);
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
 * text is never lost. The file is new (never one that exists, and never
 * through a link: a committed `.sluss/recovery/<name>` link to a file outside
 * is not followed), readable by the user only (0600), in `.sluss/recovery/`
 * when that is a real folder the user owns, else in a new private folder of
 * its own in the temp folder. Returns its path, or undefined when neither place
 * could take it.
 */
export async function saveRecoveryFile(root: string, name: string, content: string): Promise<string | undefined> {
  const inRegister = async () => {
    await ensureSlussDir(root);
    await ensureRegisterFolder(root, `${SLUSS_DIR}/recovery`, { mode: 0o700, ownedByMe: true });
    return createUniqueRegisterFile(root, `${SLUSS_DIR}/recovery`, name, content, 0o600);
  };
  // mkdtemp makes a new folder with mode 0700: nobody can have placed a link in it beforehand.
  const inTemp = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sluss-recovery-'));
    return createUniqueRegisterFile(dir, '', name, content, 0o600);
  };
  for (const place of [inRegister, inTemp]) {
    try {
      return await place();
    } catch {
      // try the next place
    }
  }
  return undefined;
}

const READ_NO_FOLLOW = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0);

/**
 * Where every idea file is read into. The bytes are decoded before the next
 * read, so one buffer serves them all: a new one per file made 50,000
 * allocations of a cold run at 50,000 ideas, each with its own clean-up.
 * It grows to the largest file read so far, from nothing: a command that
 * reads no idea file allocates none.
 */
let readBuffer = Buffer.alloc(0);

/** The whole file from an open descriptor, valid until the next call, or undefined when it is (or has grown) past the size limit. */
function readWhole(fd: number, expectedSize: number): Buffer | undefined {
  // Reading this many bytes means the file is too large; never more are read.
  const limit = MAX_IDEA_FILE_BYTES + 1;
  // One byte more than expected, so a file that grew since the stat is noticed and read whole.
  let wanted = Math.min(expectedSize + 1, limit);
  let length = 0;
  for (;;) {
    if (readBuffer.length < wanted) {
      const larger = Buffer.allocUnsafe(wanted);
      readBuffer.copy(larger, 0, 0, length);
      readBuffer = larger;
    }
    const asked = wanted - length;
    const read = readSync(fd, readBuffer, length, asked, null);
    if (read === 0) return readBuffer.subarray(0, length);
    length += read;
    // A regular file reads short only at its end: once the size its status gave is in, a short
    // read needs no second read to confirm the end (one read call per file instead of two).
    if (read < asked && length >= expectedSize) return readBuffer.subarray(0, length);
    if (length === wanted) {
      if (length === limit) return undefined;
      wanted = Math.min(wanted * 2, limit);
    }
  }
}
