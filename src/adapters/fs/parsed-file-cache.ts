/**
 * A cache of parsed and checked idea files in `.sluss/cache/` (git-ignored).
 * Parsing YAML is the slow part of reading a register, so each file's result
 * is kept under its path and the hash of its content: an edit, a rename, a
 * branch switch or a pull changes the hash and the file is parsed again.
 *
 * To skip even reading unchanged files, an entry also keeps the file's size
 * and modification time. As in git's index, a stat match is trusted only for
 * files last modified well before the cache was written ("racy" files are
 * read and hashed again). A cache from another sluss version, schema or
 * sluss.yaml is dropped whole; a corrupt or unwritable one is ignored.
 * Results never depend on it.
 *
 * The file is ASCII (other characters appear only as JSON \u escapes). After
 * a header line come the verdicts as JSON, one after another, then one line
 * of JSON with the summaries as columns (path, content hash, stamp, id,
 * municipality, date, links and the length of each verdict), and last the
 * byte offset where that line starts. Only the summaries are read on open:
 * the duplicate check of `similar` needs the summaries of 10,000 ideas, not
 * their data; the verdicts are read when someone first asks for one, and each
 * is decoded when asked for. The summaries are columns so that one native
 * `JSON.parse` reads them all, with no string work per idea. Verdicts come
 * first so that a save can stream them without knowing their lengths in
 * advance. (The file's name, `.tsv`, is from an earlier layout.)
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { IDEA_SCHEMA } from '../../core/format/schema.js';
import { summaryOf } from '../../core/idea.js';
import type { IdeaData, IdeaLinks, IdeaSummary } from '../../core/idea.js';
import type { Problem } from '../../core/problems.js';
import { PACKAGE_VERSION } from '../../package-version.js';
import { cacheFilePath, contentHash, writeCacheFile } from './cache-files.js';

/** Bumped whenever parsing or checking changes what a file's verdict is, or the file's layout changes. */
const CACHE_FORMAT = 11;
/** Modification times closer than this to the cache's own write are not trusted. */
const RACY_MARGIN_MS = 2_000;
const CACHE_FILE = 'parsed-ideas.tsv';
/** Enough for the header line, and for the last line (a byte offset). */
const HEAD_BYTES = 4096;
const TAIL_BYTES = 64;

/** A file's verdict. Bodies are not kept: few commands need them, and they would be most of the cache. */
export interface CachedCheck {
  idea?: { data: IdeaData };
  problems: Problem[];
}

export interface CacheHit {
  hash: string;
  /** Present when the file holds a valid idea. */
  summary: IdeaSummary | undefined;
  /** The verdict; undefined when the stored one no longer parses (a damaged cache file): check the file itself. */
  check(): CachedCheck | undefined;
}

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/**
 * The verdicts' part of the cache file, read whole when a verdict is first
 * asked for: `similar` and `duplicates` need the summaries only, and at 50,000
 * ideas the verdicts are 30 MB. It is read through the descriptor the
 * summaries were read from, so it is that file even if another run has saved
 * a new one since; `release` closes it, after which unread verdicts are
 * unknown (their files are checked again).
 */
class VerdictSection {
  #fd: number | undefined;
  #bytes: Buffer | undefined;

  constructor(
    fd: number,
    private readonly start: number,
    private readonly end: number,
  ) {
    this.#fd = fd;
  }

  /** The stored text of bytes `start` to `end` of the file; undefined once released unread or when the read fails. */
  text(start: number, end: number): string | undefined {
    this.load();
    return this.#bytes?.toString('latin1', start - this.start, end - this.start);
  }

  /** Reads the section, if it is still open, and closes the file. */
  load(): void {
    if (this.#bytes !== undefined || this.#fd === undefined) return;
    const bytes = Buffer.allocUnsafe(this.end - this.start);
    try {
      if (readFully(this.#fd, bytes, this.start)) this.#bytes = bytes;
    } catch {
      // unreadable: as if damaged
    }
    this.release();
  }

  release(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }
}

/** `length` bytes from `position`; throws when the file ends first. */
function readPart(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  if (!readFully(fd, buffer, position)) throw new Error('cache file cut short');
  return buffer;
}

/** Fills `buffer` from `position` in the file; false when the file ends first. */
function readFully(fd: number, buffer: Buffer, position: number): boolean {
  let done = 0;
  while (done < buffer.length) {
    const read = readSync(fd, buffer, done, Math.min(buffer.length - done, 0x7fff_f000), position + done);
    if (read === 0) return false;
    done += read;
  }
  return true;
}

class CacheEntry implements CacheHit {
  constructor(
    readonly hash: string,
    public stamp: FileStamp | undefined,
    readonly summary: IdeaSummary | undefined,
    /** Where the verdict lies in the file that was read, for decoding on demand. */
    private readonly stored: { verdicts: VerdictSection; start: number; end: number } | undefined,
    private parsed?: CachedCheck,
  ) {}

  check(): CachedCheck | undefined {
    try {
      this.parsed ??= JSON.parse(this.checkText()) as CachedCheck;
    } catch {
      return undefined;
    }
    return this.parsed;
  }

  /** The verdict's JSON as stored: ASCII, so it is also its length in bytes. */
  checkText(): string {
    if (this.parsed === undefined && this.stored !== undefined) {
      // Not kept: after a first read of 50,000 files the parsed verdicts are in memory already.
      const text = this.stored.verdicts.text(this.stored.start, this.stored.end);
      if (text === undefined) throw new Error('cache verdicts no longer readable');
      return text;
    }
    return asciiJson(JSON.stringify(this.parsed));
  }
}

/** The summary line: one array per field, index i for the i-th verdict. */
interface SummaryColumns {
  path: string[];
  hash: string[];
  /** null where the file's stamp is not known. */
  size: (number | null)[];
  mtime: (number | null)[];
  /** "" where the file holds no valid idea (then municipality, created and links mean nothing). */
  id: string[];
  /** Indexes into `values`: a few hundred municipalities and dates repeat over 50,000 ideas. */
  municipality: number[];
  created: number[];
  links: (IdeaLinks | null)[];
  checkLength: number[];
  values: string[];
}

/** Entries from the summary line; verdict i is the `checkLength[i]` bytes after verdict i - 1, from `checkStart`. */
function entriesOfColumns(columns: SummaryColumns, verdicts: VerdictSection, checkStart: number): { entries: Map<string, CacheEntry>; checkEnd: number } {
  const { path, hash, size, mtime, id, municipality, created, links, checkLength, values } = columns;
  const count = Array.isArray(path) ? path.length : -1;
  const columnsAgree = [hash, size, mtime, id, municipality, created, links, checkLength].every((column) => Array.isArray(column) && column.length === count);
  if (!columnsAgree || !Array.isArray(values)) throw new Error('malformed cache summaries');
  const entries = new Map<string, CacheEntry>();
  let start = checkStart;
  for (let i = 0; i < count; i += 1) {
    const length = checkLength[i] as number;
    const ideaId = id[i] as string;
    const entryHash = hash[i] as string;
    const entrySize = size[i];
    const entryMtime = mtime[i];
    if (typeof path[i] !== 'string' || typeof entryHash !== 'string' || entryHash === '' || typeof ideaId !== 'string' || typeof length !== 'number' || !(length > 0)) {
      throw new Error('malformed cache entry');
    }
    const stamp = typeof entrySize === 'number' && typeof entryMtime === 'number' ? { size: entrySize, mtimeMs: entryMtime } : undefined;
    let summary: IdeaSummary | undefined;
    if (ideaId !== '') {
      const ideaMunicipality = values[municipality[i] as number];
      const ideaCreated = values[created[i] as number];
      if (typeof ideaMunicipality !== 'string' || typeof ideaCreated !== 'string') throw new Error('malformed cache summary');
      const ideaLinks = links[i];
      if (ideaLinks !== null && typeof ideaLinks !== 'object') throw new Error('malformed cache links');
      summary = ideaLinks ? { id: ideaId, municipality: ideaMunicipality, created: ideaCreated, links: ideaLinks } : { id: ideaId, municipality: ideaMunicipality, created: ideaCreated };
    }
    entries.set(path[i] as string, new CacheEntry(entryHash, stamp, summary, { verdicts, start, end: start + length }));
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
  yield column('size', (entry) => entry.stamp?.size ?? null);
  yield column('mtime', (entry) => entry.stamp?.mtimeMs ?? null);
  yield column('id', (entry) => entry.summary?.id ?? '');
  yield column('municipality', (entry) => (entry.summary ? valueIndex(entry.summary.municipality) : -1));
  yield column('created', (entry) => (entry.summary ? valueIndex(entry.summary.created) : -1));
  yield column('links', (entry) => entry.summary?.links ?? null);
  yield `,"checkLength":${JSON.stringify(checkLengths)}`;
  yield `,"values":${asciiJson(JSON.stringify([...valueIndexes.keys()]))}}\n`;
}

/**
 * Non-ASCII only ever occurs inside JSON strings, where \u escapes mean the
 * same: an ASCII file decodes without UTF-8 work into one-byte strings, half
 * the memory of a 50,000-idea cache in two-byte form.
 */
function asciiJson(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

interface Header {
  format: number;
  fingerprint: string;
  savedAt: number;
}

export class ParsedFileCache {
  private dirty = false;

  private constructor(
    private readonly root: string,
    private readonly fingerprint: string,
    private readonly entries: Map<string, CacheEntry>,
    private readonly savedAt: number,
    private readonly verdicts?: VerdictSection,
  ) {}

  /** `configText` is part of the key: stages and municipalities decide what a check finds. */
  static async open(root: string, configText: string): Promise<ParsedFileCache> {
    const fingerprint = contentHash(`${PACKAGE_VERSION}\0${CACHE_FORMAT}\0${JSON.stringify(IDEA_SCHEMA)}\0${configText}`);
    let fd: number | undefined;
    try {
      fd = openSync(cacheFilePath(root, CACHE_FILE), 'r');
      const size = fstatSync(fd).size;
      // The header line, and the last line: where the summaries start.
      const head = readPart(fd, 0, Math.min(size, HEAD_BYTES));
      const headerEnd = head.indexOf(10) + 1;
      const header = JSON.parse(head.toString('latin1', 0, headerEnd)) as Partial<Header>;
      if (header.format === CACHE_FORMAT && header.fingerprint === fingerprint) {
        const tailStart = Math.max(0, size - TAIL_BYTES);
        const tail = readPart(fd, tailStart, size - tailStart);
        if (tail[tail.length - 1] !== 10) throw new Error('cache file cut short');
        const lastLineStart = tailStart + tail.lastIndexOf(10, tail.length - 2) + 1;
        const summaryStart = Number(tail.toString('latin1', lastLineStart - tailStart, tail.length - 1));
        if (!Number.isSafeInteger(summaryStart) || summaryStart < headerEnd || summaryStart > lastLineStart) throw new Error('malformed cache end');
        const columns = JSON.parse(readPart(fd, summaryStart, lastLineStart - summaryStart).toString('latin1')) as SummaryColumns;
        const verdicts = new VerdictSection(fd, headerEnd, summaryStart);
        const { entries, checkEnd } = entriesOfColumns(columns, verdicts, headerEnd);
        if (checkEnd !== summaryStart) throw new Error('cache verdicts cut short or too long');
        fd = undefined;
        return new ParsedFileCache(root, fingerprint, entries, Number(header.savedAt) || 0, verdicts);
      }
    } catch {
      // missing or corrupt: start empty
    }
    if (fd !== undefined) closeSync(fd);
    return new ParsedFileCache(root, fingerprint, new Map(), 0);
  }

  /** Closes the file; verdicts not read by then are unknown (`check()` gives undefined). */
  release(): void {
    this.verdicts?.release();
  }

  /** How many files the cache holds a verdict for. */
  get size(): number {
    return this.entries.size;
  }

  knows(path: string): boolean {
    return this.entries.has(path);
  }

  /** The cached result when the file's size and time match and it is not racy; no read needed. */
  lookupByStamp(path: string, stamp: FileStamp): CacheHit | undefined {
    const entry = this.entries.get(path);
    if (!entry?.stamp || entry.stamp.size !== stamp.size || entry.stamp.mtimeMs !== stamp.mtimeMs) return undefined;
    return stamp.mtimeMs < this.savedAt - RACY_MARGIN_MS ? entry : undefined;
  }

  lookup(path: string, hash: string, stamp?: FileStamp): CacheHit | undefined {
    const entry = this.entries.get(path);
    if (entry?.hash !== hash) return undefined;
    if (stamp && (entry.stamp?.size !== stamp.size || entry.stamp.mtimeMs !== stamp.mtimeMs)) {
      entry.stamp = stamp;
      this.dirty = true;
    }
    return entry;
  }

  remember(path: string, hash: string, check: CachedCheck, stamp?: FileStamp): CacheHit {
    const entry = new CacheEntry(hash, stamp, check.idea ? summaryOf(check.idea.data) : undefined, undefined, check);
    this.entries.set(path, entry);
    this.dirty = true;
    return entry;
  }

  /** Whether the last save was long enough ago that stamps of files written since then are trusted next time. */
  get hasRacyEntries(): boolean {
    const now = Date.now();
    for (const { stamp } of this.entries.values()) {
      if (stamp !== undefined && stamp.mtimeMs >= this.savedAt - RACY_MARGIN_MS && stamp.mtimeMs < now) return true;
    }
    return false;
  }

  /** Forgets files that are gone, so the cache does not grow with deleted ideas. */
  keepOnly(paths: ReadonlySet<string>): void {
    for (const path of this.entries.keys()) {
      if (!paths.has(path)) {
        this.entries.delete(path);
        this.dirty = true;
      }
    }
  }

  /** Writes atomically when something changed; a failure only costs speed next time. */
  async save(): Promise<void> {
    // Re-saving once racy files have aged lets the next run trust their stamps.
    if (!this.dirty && !this.hasRacyEntries) return;
    const header: Header = { format: CACHE_FORMAT, fingerprint: this.fingerprint, savedAt: Date.now() };
    // The new file needs the verdicts kept from this one, and this one must be closed before it is replaced
    // (Windows refuses to rename over a file that is open).
    this.verdicts?.load();
    if (await writeCacheFile(this.root, CACHE_FILE, this.pieces(header))) this.dirty = false;
  }

  private *pieces(header: Header): Generator<string> {
    const headerLine = `${JSON.stringify(header)}\n`;
    yield headerLine;
    const checkLengths: number[] = [];
    let summaryStart = headerLine.length;
    for (const entry of this.entries.values()) {
      const checkText = entry.checkText();
      checkLengths.push(checkText.length);
      summaryStart += checkText.length;
      yield checkText;
    }
    yield* summaryPieces(this.entries, checkLengths);
    yield `${summaryStart}\n`;
  }
}
