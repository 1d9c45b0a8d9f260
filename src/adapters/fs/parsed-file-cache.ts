/**
 * A cache of parsed and checked idea files in `.sluss/cache/` (git-ignored).
 * Parsing YAML is the slow part of reading a register, so each file's result
 * is kept under its path and the hash of its content: an edit, a rename, a
 * branch switch or a pull changes the hash and the file is parsed again.
 *
 * To skip even reading unchanged files, an entry also keeps the file's stamp
 * as git's index does (size, mtime and ctime, inode and
 * device: `file-stamp.ts`), so an edit that keeps size and mtime (`cp -p`,
 * `touch -r`) still shows. As in git, a stamp match is trusted only for files
 * last changed before the cache file itself was written (its own mtime), with
 * a margin for file systems with coarse times; such "racy" files are read
 * and hashed again, and a racy entry that was not checked again is saved
 * without its stamp (git's "smudging"). A cache from another sluss version,
 * schema or sluss.yaml is dropped whole; a corrupt, altered or unwritable one
 * is ignored. Results never depend on it.
 *
 * The file is ASCII (other characters appear only as JSON \u escapes). After
 * a header line come the verdicts as JSON, one after another, then one line
 * of JSON with the summaries as columns (path, content hash, stamp, id,
 * municipality, date, links and the length of each verdict), and last the
 * byte offset where that line starts with checksums of the summary line and
 * of the verdicts (`Checksum`): an edited or damaged cache is dropped. Only the summaries are read on open:
 * the duplicate check of `similar` needs the summaries of 10,000 ideas, not
 * their data; the verdicts are read when someone first asks for one, and each
 * is decoded when asked for. The summaries are columns so that one native
 * `JSON.parse` reads them all, with no string work per idea. Verdicts come
 * first so that a save can stream them without knowing their lengths in
 * advance. (The file's name, `.tsv`, is from an earlier layout.)
 */
import { closeSync, fstatSync } from 'node:fs';
import { IDEA_SCHEMA } from '../../core/format/schema.js';
import { summaryOf } from '../../core/idea.js';
import type { IdeaLinks, IdeaSummary } from '../../core/idea.js';
import { PACKAGE_VERSION } from '../../package-version.js';
import { Checksum, checksumOf, contentHash, openCacheFile, writeCacheFile } from './cache-files.js';
import { asciiJson, CacheEntry, isLinks, isStringList, readPart, VerdictSection } from './cache-entry.js';
import type { CachedCheck, CacheHit } from './cache-entry.js';
import { isRacy, isSettled } from './file-stamp.js';
import type { FileStamp } from './file-stamp.js';
import type { ParsedFiles } from '../../app/ports/register-files.js';

export type { CachedCheck, CacheHit } from './cache-entry.js';
export type { FileStamp } from './file-stamp.js';

/** Bumped whenever parsing or checking changes what a file's verdict is, or the file's layout changes. */
const CACHE_FORMAT = 14;
const CACHE_FILE = 'parsed-ideas.tsv';
/** Enough for the header line, and for the last line (a byte offset). */
const HEAD_BYTES = 4096;
const TAIL_BYTES = 160;

/** The summary line: one array per field, index i for the i-th verdict. */
interface SummaryColumns {
  path: string[];
  hash: string[];
  /** `FileStamp.key`; null where the file's stamp is not known. */
  stamp: (string | null)[];
  /** "" where the file holds no valid idea (then municipality, created and links mean nothing). */
  id: string[];
  /** Indexes into `values`: a few hundred municipalities and dates repeat over 50,000 ideas. */
  municipality: number[];
  created: number[];
  links: (IdeaLinks | null)[];
  /** The version of the idea's title and body (`CacheHit.textHash`); "" where not known. */
  textHash: string[];
  checkLength: number[];
  values: string[];
}

/** Entries from the summary line; verdict i is the `checkLength[i]` bytes after verdict i - 1, from `checkStart`. */
function entriesOfColumns(columns: SummaryColumns, verdicts: VerdictSection, checkStart: number): { entries: Map<string, CacheEntry>; checkEnd: number } {
  const { path, hash, stamp, id, municipality, created, links, textHash, checkLength, values } = columns;
  const count = Array.isArray(path) ? path.length : -1;
  const columnsAgree = [hash, stamp, id, municipality, created, links, textHash, checkLength].every((column) => Array.isArray(column) && column.length === count);
  if (!columnsAgree || !isStringList(values)) throw new Error('malformed cache summaries');
  const entries = new Map<string, CacheEntry>();
  let start = checkStart;
  for (let i = 0; i < count; i += 1) {
    const length = checkLength[i] as number;
    const ideaId = id[i] as string;
    const entryHash = hash[i] as string;
    const entryStamp = stamp[i];
    const entryPath = path[i] as string;
    if (typeof entryPath !== 'string' || entries.has(entryPath) || typeof entryHash !== 'string' || entryHash === '' || typeof ideaId !== 'string' || !Number.isSafeInteger(length) || !(length > 0)) {
      throw new Error('malformed cache entry');
    }
    if (entryStamp !== null && typeof entryStamp !== 'string') throw new Error('malformed cache stamp');
    let summary: IdeaSummary | undefined;
    if (ideaId !== '') {
      const ideaMunicipality = values[municipality[i] as number];
      const ideaCreated = values[created[i] as number];
      if (typeof ideaMunicipality !== 'string' || typeof ideaCreated !== 'string') throw new Error('malformed cache summary');
      const ideaLinks = links[i];
      if (ideaLinks !== null && !isLinks(ideaLinks)) throw new Error('malformed cache links');
      summary = ideaLinks ? { id: ideaId, municipality: ideaMunicipality, created: ideaCreated, links: ideaLinks } : { id: ideaId, municipality: ideaMunicipality, created: ideaCreated };
    }
    const entryTextHash = textHash[i];
    if (typeof entryTextHash !== 'string') throw new Error('malformed cache text hash');
    entries.set(entryPath, new CacheEntry(entryPath, entryHash, entryStamp ?? undefined, summary, { verdicts, start, end: start + length }, undefined, entryTextHash || undefined));
    start += length;
  }
  return { entries, checkEnd: start };
}

/** The summary line of these entries, whose verdicts have the lengths `checkLengths`, in pieces of one column each. */
function* summaryPieces(entries: Map<string, CacheEntry>, checkLengths: readonly number[]): Generator<string> {
  const valueIndexes = new Map<string, number>();
  const valueIndex = (value: string) => {
    let index = valueIndexes.get(value);
    if (index === undefined) {
      index = valueIndexes.size;
      valueIndexes.set(value, index);
    }
    return index;
  };
  const all = [...entries];
  const column = (name: keyof SummaryColumns, of: (entry: CacheEntry, path: string) => unknown) =>
    `${name === 'path' ? '{' : ','}"${name}":${asciiJson(JSON.stringify(all.map(([path, entry]) => of(entry, path))))}`;
  yield column('path', (_, path) => path);
  yield column('hash', (entry) => entry.hash);
  yield column('stamp', (entry) => entry.stamp ?? null);
  yield column('id', (entry) => entry.summary?.id ?? '');
  yield column('municipality', (entry) => (entry.summary ? valueIndex(entry.summary.municipality) : -1));
  yield column('created', (entry) => (entry.summary ? valueIndex(entry.summary.created) : -1));
  yield column('links', (entry) => entry.summary?.links ?? null);
  yield column('textHash', (entry) => entry.textHash ?? '');
  yield `,"checkLength":${JSON.stringify(checkLengths)}`;
  yield `,"values":${asciiJson(JSON.stringify([...valueIndexes.keys()]))}}\n`;
}


interface Header {
  format: number;
  fingerprint: string;
}

/** The last line: where the summary line starts, and the checksums of the summary line and of the verdicts. */
function parseLastLine(text: string, headerEnd: number, lastLineStart: number): { summaryStart: number; summaryChecksum: string; verdictsChecksum: string } {
  const [start = '', summaryChecksum = '', verdictsChecksum = ''] = text.split(' ');
  const summaryStart = Number(start);
  if (!/^\d+$/.test(start) || !Number.isSafeInteger(summaryStart) || summaryStart < headerEnd || summaryStart > lastLineStart || summaryChecksum === '' || verdictsChecksum === '') {
    throw new Error('malformed cache end');
  }
  return { summaryStart, summaryChecksum, verdictsChecksum };
}

/**
 * How many entries may differ from the saved file before a save is worth it.
 * A save rewrites the whole file (about 120 ms at 10,000 ideas, in proportion
 * to the register); an entry left unsaved costs each later run one read and
 * check of its file (about 1-2 ms), until a save takes it in. With one change
 * per command, saving every T changes costs on average T/2 checks plus a
 * T-th of a save per run, least at T = sqrt(2 * save / check), which is
 * about sqrt(ideas / 50): 1 up to 50 ideas (every change is saved, as
 * before), 5 at 1,000, 15 at 10,000, 32 at 50,000. A cold run, with no file
 * to keep, always saves.
 */
export function changesWorthASave(entries: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(entries / 50)));
}

export class ParsedFileCache implements ParsedFiles {
  /** Entries that differ from the file read: new or changed verdicts, new stamps, forgotten files, racy entries that have aged. */
  private pending = 0;

  private constructor(
    private readonly root: string,
    private readonly fingerprint: string,
    private readonly entries: Map<string, CacheEntry>,
    /** The cache file's own mtime in milliseconds (0 when there was none): the racy line, as git's index mtime is. */
    private readonly writtenMs: number,
    private readonly verdicts?: VerdictSection,
  ) {}

  /** `configText` is part of the key: stages and municipalities decide what a check finds. */
  static async open(root: string, configText: string): Promise<ParsedFileCache> {
    const fingerprint = contentHash(`${PACKAGE_VERSION}\0${CACHE_FORMAT}\0${JSON.stringify(IDEA_SCHEMA)}\0${configText}`);
    let fd: number | undefined;
    try {
      fd = openCacheFile(root, CACHE_FILE);
      if (fd === undefined) throw new Error('no cache');
      const { size: length, mtimeMs } = fstatSync(fd);
      // The header line, and the last line: where the summaries start.
      const head = readPart(fd, 0, Math.min(length, HEAD_BYTES));
      const headerEnd = head.indexOf(10) + 1;
      const header = JSON.parse(head.toString('latin1', 0, headerEnd)) as Partial<Header>;
      if (header.format === CACHE_FORMAT && header.fingerprint === fingerprint) {
        const tailStart = Math.max(0, length - TAIL_BYTES);
        const tail = readPart(fd, tailStart, length - tailStart);
        if (tail[tail.length - 1] !== 10) throw new Error('cache file cut short');
        const lastLineStart = tailStart + tail.lastIndexOf(10, tail.length - 2) + 1;
        const end = parseLastLine(tail.toString('latin1', lastLineStart - tailStart, tail.length - 1), headerEnd, lastLineStart);
        const summaryBytes = readPart(fd, end.summaryStart, lastLineStart - end.summaryStart);
        if (checksumOf(summaryBytes) !== end.summaryChecksum) throw new Error('cache summaries altered');
        const columns = JSON.parse(summaryBytes.toString('latin1')) as SummaryColumns;
        const verdicts = new VerdictSection(fd, headerEnd, end.summaryStart, end.verdictsChecksum);
        const { entries, checkEnd } = entriesOfColumns(columns, verdicts, headerEnd);
        if (checkEnd !== end.summaryStart) throw new Error('cache verdicts cut short or too long');
        fd = undefined;
        return new ParsedFileCache(root, fingerprint, entries, mtimeMs, verdicts);
      }
    } catch {
      // missing, corrupt or altered: start empty
    }
    if (fd !== undefined) closeSync(fd);
    return new ParsedFileCache(root, fingerprint, new Map(), 0);
  }

  /**
   * Closes the file; verdicts not read by then are unknown (`check()` gives
   * undefined). Lets go of the entries too: the hits handed out keep what is
   * still needed, and anything that still holds the cache (the stack of an
   * error V8 keeps) no longer holds every idea's data with it.
   */
  release(): void {
    this.verdicts?.release();
    this.entries.clear();
  }

  /** How many files the cache holds a verdict for. */
  get size(): number {
    return this.entries.size;
  }

  knows(path: string): boolean {
    return this.entries.has(path);
  }

  /** Whether a file changed at `changedMs` may have changed again unseen since the cache was written. */
  private isRacy(changedMs: number): boolean {
    return isRacy(changedMs, this.writtenMs);
  }

  /** The cached result when the file's stamp matches and it is not racy; no read needed. */
  lookupByStamp(path: string, stamp: FileStamp): CacheHit | undefined {
    const entry = this.entries.get(path);
    if (entry?.stamp !== stamp.key) return undefined;
    if (this.isRacy(stamp.changedMs)) {
      // Saved again, the aged entry's stamp is trusted by the next run.
      if (isSettled(stamp.changedMs, this.writtenMs)) this.pending += 1;
      return undefined;
    }
    entry.seen = true;
    return entry;
  }

  lookup(path: string, hash: string, stamp?: FileStamp): CacheHit | undefined {
    const entry = this.entries.get(path);
    if (entry?.hash !== hash) return undefined;
    if (stamp) {
      entry.seen = true;
      if (entry.stamp !== stamp.key) {
        entry.stamp = stamp.key;
        this.pending += 1;
      }
    }
    return entry;
  }

  remember(path: string, hash: string, check: CachedCheck, stamp?: FileStamp, textHash?: string): CacheHit {
    const entry = new CacheEntry(path, hash, stamp?.key, check.idea ? summaryOf(check.idea.data) : undefined, undefined, check, textHash);
    entry.seen = stamp !== undefined;
    this.entries.set(path, entry);
    this.pending += 1;
    return entry;
  }

  /** Forgets files that are gone, so the cache does not grow with deleted ideas. */
  keepOnly(paths: ReadonlySet<string>): void {
    for (const path of this.entries.keys()) {
      if (!paths.has(path)) {
        this.entries.delete(path);
        this.pending += 1;
      }
    }
  }

  /**
   * Stamps of entries this run did not look at and that were racy in the file
   * read are dropped: the new file's later mtime would make them look safe
   * (git's "smudging" of racily clean entries).
   */
  private smudgeUnseenRacyEntries(): void {
    for (const entry of this.entries.values()) {
      if (entry.seen || entry.stamp === undefined) continue;
      const [, mtime = '0', ctime = '0'] = entry.stamp.split(':');
      if (this.isRacy(Math.max(Number(mtime), Number(ctime)))) entry.stamp = undefined;
    }
  }

  /**
   * Writes atomically when enough changed (`changesWorthASave`), or when there
   * was no file; a failure, like a save left out, only costs speed next time.
   */
  async save(): Promise<void> {
    if (this.pending === 0) return;
    if (this.verdicts !== undefined && this.pending < changesWorthASave(this.entries.size)) return;
    this.smudgeUnseenRacyEntries();
    // The new file needs the verdicts kept from this one, and this one must be closed before it is replaced
    // (Windows refuses to rename over a file that is open).
    this.verdicts?.load();
    if (await writeCacheFile(this.root, CACHE_FILE, this.pieces({ format: CACHE_FORMAT, fingerprint: this.fingerprint }))) this.pending = 0;
  }

  private *pieces(header: Header): Generator<string> {
    const headerLine = `${JSON.stringify(header)}\n`;
    yield headerLine;
    const checkLengths: number[] = [];
    const verdictsChecksum = new Checksum();
    let summaryStart = headerLine.length;
    for (const entry of this.entries.values()) {
      const checkText = entry.checkText();
      checkLengths.push(checkText.length);
      summaryStart += checkText.length;
      verdictsChecksum.update(checkText);
      yield checkText;
    }
    const summaryChecksum = new Checksum();
    for (const piece of summaryPieces(this.entries, checkLengths)) {
      summaryChecksum.update(piece);
      yield piece;
    }
    yield `${summaryStart} ${summaryChecksum.digest()} ${verdictsChecksum.digest()}\n`;
  }
}
