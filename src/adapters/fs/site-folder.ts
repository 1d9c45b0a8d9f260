/**
 * Writing the site's folder, tens of thousands of files, with the guarantees
 * of the register's safe writer (safe-write.ts) at a cost that
 * fits a web site: the folder and each folder in it are made one part at a
 * time and checked once (a real folder, no link), not once per file. A file
 * is opened exclusively and without following a link; a target that exists
 * must be a regular file, is left as it is when it holds the same bytes, and
 * is otherwise replaced whole (a temp file renamed over it), so a page being
 * served is never seen half written. Files are written with synchronous
 * calls, one after another, and the event loop gets its turn between them,
 * so Ctrl-C never leaves a temp or half-written file behind.
 *
 * The folder keeps a list of the files sluss wrote there (`.sluss-site.json`);
 * the next build removes those of them it no longer writes (an earlier build's
 * hashed scripts, the page of an idea that is gone) and nothing else, so a
 * file sluss never wrote stays.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants as fsConstants, fchmodSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FolderFile } from '../../app/ports/local-files.js';
import { SlussError } from '../../core/errors.js';

export const SITE_MANIFEST = '.sluss-site.json';
const MANIFEST_FORMAT = 'sluss-site-files';
/** A new file only, never through a link. */
const CREATE_NEW = fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY | (fsConstants.O_NOFOLLOW ?? 0);
const FILE_MODE = 0o644;
/** Files written between two turns of the event loop. */
const FILES_PER_TURN = 200;
/** What sluss writes in the folder: a path the list names is removed only when it still looks like one of these. */
const WRITTEN_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\.(?:html|js|css|json|bin)$/;

function errorCode(error: unknown): string {
  return String((error as NodeJS.ErrnoException | undefined)?.code ?? error);
}

function infoOf(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** The site's folder, as the writer sees it: `shown` is the folder as the user named it, for messages. */
export class SiteFolder {
  readonly #checked = new Set<string>();

  constructor(
    readonly dir: string,
    readonly shown: string,
  ) {}

  #unsafe(path: string, reason: 'symlink' | 'not-a-folder' | 'not-a-file', part: string): SlussError {
    return new SlussError('unsafe-path', { file: path === '' ? this.shown : `${this.shown}/${path}`, reason, part: part === '' ? this.shown : `${this.shown}/${part}`, access: 'write' });
  }

  #failed(path: string, error: unknown): SlussError {
    return new SlussError('write-failed', { file: path === '' ? this.shown : `${this.shown}/${path}`, detail: errorCode(error) }, { cause: error });
  }

  /** Makes the folder `relative` ('' for the site's folder) and those above it, each checked: a real folder, no link. */
  folder(relative: string, forFile: string): string {
    const dir = relative === '' ? this.dir : join(this.dir, relative);
    if (this.#checked.has(relative)) return dir;
    if (relative !== '') this.folder(relative.includes('/') ? dirname(relative) : '', forFile);
    try {
      mkdirSync(dir);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw this.#failed(relative, error);
    }
    const info = infoOf(dir);
    if (info?.isSymbolicLink()) throw this.#unsafe(forFile, 'symlink', relative);
    if (!info?.isDirectory()) throw this.#unsafe(forFile, 'not-a-folder', relative);
    this.#checked.add(relative);
    return dir;
  }

  /**
   * Writes one file. A file that is not there yet is created in place, exclusively and
   * without following a link (and removed again if writing fails); one that is there
   * is left alone when it already holds `content`, else replaced whole by a temp file
   * renamed over it, so a page being served is never seen half written.
   */
  write(path: string, content: string | Uint8Array): void {
    const slash = path.lastIndexOf('/');
    const dir = this.folder(slash < 0 ? '' : path.slice(0, slash), path);
    const target = join(this.dir, path);
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    const existing = infoOf(target);
    if (existing?.isSymbolicLink()) throw this.#unsafe(path, 'symlink', path);
    if (existing && !existing.isFile()) throw this.#unsafe(path, 'not-a-file', path);
    if (existing === undefined) {
      if (this.#create(path, target, bytes)) return;
      // Made by someone else in between: checked again and replaced like any existing file.
      return this.write(path, content);
    }
    if (existing.size === bytes.length && (existing.mode & 0o7777) === FILE_MODE && Buffer.compare(readFileSync(target), bytes) === 0) return;
    const temp = join(dir, `.${randomBytes(6).toString('hex')}.tmp`);
    if (!this.#create(path, temp, bytes)) throw this.#failed(path, Object.assign(new Error('EEXIST'), { code: 'EEXIST' }));
    try {
      renameSync(temp, target);
    } catch (error) {
      unlinkQuietly(temp);
      throw this.#failed(path, error);
    }
  }

  /** Creates `file` with `bytes`, never replacing anything (false when it exists) and leaving nothing half written. */
  #create(path: string, file: string, bytes: Uint8Array): boolean {
    let fd: number;
    try {
      fd = openSync(file, CREATE_NEW, FILE_MODE);
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return false;
      throw this.#failed(path, error);
    }
    try {
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
      // The umask may have narrowed the mode; a page must be readable by the web server.
      fchmodSync(fd, FILE_MODE);
    } catch (error) {
      closeSync(fd);
      unlinkQuietly(file);
      throw this.#failed(path, error);
    }
    closeSync(fd);
    return true;
  }

  /** Removes `path` when it is a regular file reached through real folders only; anything else is left alone. */
  remove(path: string): boolean {
    let at = this.dir;
    const parts = path.split('/');
    for (const [i, part] of parts.entries()) {
      at = join(at, part);
      const info = infoOf(at);
      if (info === undefined || info.isSymbolicLink() || (i < parts.length - 1 ? !info.isDirectory() : !info.isFile())) return false;
    }
    try {
      unlinkSync(at);
      return true;
    } catch (error) {
      throw this.#failed(path, error);
    }
  }

  /** The paths the list of an earlier build names, as far as they are paths sluss writes; none without a list. */
  earlierFiles(): string[] {
    const file = join(this.dir, SITE_MANIFEST);
    // A list that is a link or no regular file is not sluss's: nothing is removed on its word.
    if (!infoOf(file)?.isFile()) return [];
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; files?: unknown };
      if (parsed.format !== MANIFEST_FORMAT || !Array.isArray(parsed.files)) return [];
      return parsed.files.filter((path): path is string => typeof path === 'string' && WRITTEN_PATH.test(path));
    } catch {
      return [];
    }
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Gone already.
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes `files` into the folder, then the list of them, then removes what the
 * previous list named and this one does not. `files` may be made as they are
 * written, so the pages of a large register are never all in memory at once.
 */
export async function writeSiteFolder(folder: SiteFolder, files: Iterable<FolderFile>): Promise<{ written: number; removed: number }> {
  folder.folder('', '');
  const earlier = folder.earlierFiles();
  const written = new Set<string>();
  for (const file of files) {
    folder.write(file.path, file.content);
    written.add(file.path);
    if (written.size % FILES_PER_TURN === 0) await nextTurn();
  }
  folder.write(SITE_MANIFEST, `${JSON.stringify({ format: MANIFEST_FORMAT, version: 1, files: [...written].sort() }, null, 1)}\n`);
  let removed = 0;
  for (const path of earlier) if (!written.has(path) && folder.remove(path)) removed += 1;
  return { written: written.size, removed };
}
