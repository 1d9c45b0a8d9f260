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
 * a header line come the verdicts as JSON, one after another, then one short
 * line per idea file (path, content hash, stamp, a summary and the length of
 * its verdict), and last the byte offset where those lines start. Only the
 * summary lines are decoded on open: the duplicate check of `similar` needs
 * the summaries of 10,000 ideas, not their data, and a verdict is decoded from
 * the file's bytes when someone asks for it. Verdicts come first so that a
 * save can stream them without knowing their lengths in advance.
 */
import { readFileSync } from 'node:fs';
import { IDEA_SCHEMA } from '../../core/format/schema.js';
import { summaryOf } from '../../core/idea.js';
import type { IdeaData, IdeaLinks, IdeaSummary } from '../../core/idea.js';
import type { Problem } from '../../core/problems.js';
import { PACKAGE_VERSION } from '../../package-version.js';
import { cacheFilePath, contentHash, writeCacheFile } from './cache-files.js';

/** Bumped whenever parsing or checking changes what a file's verdict is, or the file's layout changes. */
const CACHE_FORMAT = 9;
/** Modification times closer than this to the cache's own write are not trusted. */
const RACY_MARGIN_MS = 2_000;
const CACHE_FILE = 'parsed-ideas.tsv';

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

/** Where an entry's verdict lies in the file that was read, for decoding on demand. */
interface StoredCheck {
  bytes: Buffer;
  start: number;
  end: number;
}

class CacheEntry implements CacheHit {
  constructor(
    readonly hash: string,
    public stamp: FileStamp | undefined,
    readonly summary: IdeaSummary | undefined,
    private stored: StoredCheck | undefined,
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
    // Not kept: after a first read of 50,000 files the parsed verdicts are in memory already.
    return this.stored ? this.stored.bytes.toString('latin1', this.stored.start, this.stored.end) : asciiJson(JSON.stringify(this.parsed));
  }

  summaryLine(path: string, checkLength: number): string {
    const { id = '', municipality = '', created = '', links } = this.summary ?? {};
    // JSON escapes tabs and newlines, and ids, codes and dates (checked by the schema) have none, so no field holds a separator.
    return asciiJson([JSON.stringify(path), this.hash, this.stamp?.size ?? '', this.stamp?.mtimeMs ?? '', id, municipality, created, links ? JSON.stringify(links) : '', checkLength].join('\t'));
  }

  /**
   * Reads a summary line; its verdict is the `checkLength` bytes of `bytes` from `checkStart`.
   * `shared` gives one string for each municipality and date: a few hundred values repeated over 50,000 lines.
   */
  static fromSummaryLine(line: string, bytes: Buffer, checkStart: number, shared: (value: string) => string): { path: string; entry: CacheEntry; checkEnd: number } {
    const [path, hash, size, mtimeMs, id, municipality, created, links, checkLength] = line.split('\t');
    const length = Number(checkLength);
    if (path === undefined || !hash || municipality === undefined || created === undefined || links === undefined || !(length > 0)) throw new Error('malformed cache line');
    const stamp = size && mtimeMs ? { size: Number(size), mtimeMs: Number(mtimeMs) } : undefined;
    const summary = id ? { id, municipality: shared(municipality), created: shared(created), ...(links ? { links: JSON.parse(links) as IdeaLinks } : {}) } : undefined;
    const checkEnd = checkStart + length;
    return { path: JSON.parse(path) as string, entry: new CacheEntry(hash, stamp, summary, { bytes, start: checkStart, end: checkEnd }), checkEnd };
  }
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
  ) {}

  /** `configText` is part of the key: stages and municipalities decide what a check finds. */
  static async open(root: string, configText: string): Promise<ParsedFileCache> {
    const fingerprint = contentHash(`${PACKAGE_VERSION}\0${CACHE_FORMAT}\0${JSON.stringify(IDEA_SCHEMA)}\0${configText}`);
    try {
      const bytes = readFileSync(cacheFilePath(root, CACHE_FILE));
      const headerEnd = bytes.indexOf(10) + 1;
      const header = JSON.parse(bytes.toString('latin1', 0, headerEnd)) as Partial<Header>;
      if (header.format === CACHE_FORMAT && header.fingerprint === fingerprint) {
        const lastLineStart = bytes.lastIndexOf(10, bytes.length - 2) + 1;
        const summaryStart = Number(bytes.toString('latin1', lastLineStart, bytes.length - 1));
        if (!Number.isSafeInteger(summaryStart) || summaryStart < headerEnd || summaryStart > lastLineStart) throw new Error('malformed cache end');
        const entries = new Map<string, CacheEntry>();
        let checkStart = headerEnd;
        const values = new Map<string, string>();
        const shared = (value: string) => {
          const known = values.get(value);
          if (known !== undefined) return known;
          values.set(value, value);
          return value;
        };
        for (const line of bytes.toString('latin1', summaryStart, lastLineStart).split('\n')) {
          if (line === '') continue;
          const { path, entry, checkEnd } = CacheEntry.fromSummaryLine(line, bytes, checkStart, shared);
          entries.set(path, entry);
          checkStart = checkEnd;
        }
        if (checkStart !== summaryStart) throw new Error('cache verdicts cut short or too long');
        return new ParsedFileCache(root, fingerprint, entries, Number(header.savedAt) || 0);
      }
    } catch {
      // missing or corrupt: start empty
    }
    return new ParsedFileCache(root, fingerprint, new Map(), 0);
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
    let index = 0;
    for (const [path, entry] of this.entries) yield `${entry.summaryLine(path, checkLengths[index++] as number)}\n`;
    yield `${summaryStart}\n`;
  }
}
