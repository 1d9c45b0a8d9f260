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
 * The file has one line per idea file, with the full verdict as JSON that is
 * parsed only when asked for, and a small summary beside it: the duplicate
 * check of `similar` needs only the summaries of 10,000 ideas, not their data.
 */
import { readFile } from 'node:fs/promises';
import { IDEA_SCHEMA } from '../../core/format/schema.js';
import { summaryOf } from '../../core/idea.js';
import type { IdeaData, IdeaLinks, IdeaSummary } from '../../core/idea.js';
import type { Problem } from '../../core/problems.js';
import { PACKAGE_VERSION } from '../../package-version.js';
import { cacheFilePath, contentHash, writeCacheFile } from './cache-files.js';

/** Bumped whenever parsing or checking changes what a file's verdict is, or the file's layout changes. */
const CACHE_FORMAT = 8;
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
  check(): CachedCheck;
}

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

class CacheEntry implements CacheHit {
  constructor(
    readonly hash: string,
    public stamp: FileStamp | undefined,
    readonly summary: IdeaSummary | undefined,
    private checkText: string | undefined,
    private parsed?: CachedCheck,
  ) {}

  check(): CachedCheck {
    this.parsed ??= JSON.parse(this.checkText ?? '{"problems":[]}') as CachedCheck;
    return this.parsed;
  }

  line(path: string): string {
    // Not kept: after a first read of 50,000 files the parsed verdicts are in memory already.
    const checkText = this.checkText ?? JSON.stringify(this.parsed);
    const { id = '', municipality = '', created = '', links } = this.summary ?? {};
    // JSON escapes tabs and newlines, and ids, codes and dates (checked by the schema) have none, so no field holds a separator.
    return [JSON.stringify(path), this.hash, this.stamp?.size ?? '', this.stamp?.mtimeMs ?? '', id, municipality, created, links ? JSON.stringify(links) : '', checkText].join('\t');
  }

  static fromLine(line: string): [string, CacheEntry] {
    const [path, hash, size, mtimeMs, id, municipality, created, links, check] = line.split('\t');
    if (path === undefined || !hash || municipality === undefined || created === undefined || links === undefined || check === undefined) throw new Error('malformed cache line');
    const stamp = size && mtimeMs ? { size: Number(size), mtimeMs: Number(mtimeMs) } : undefined;
    const summary = id ? { id, municipality, created, ...(links ? { links: JSON.parse(links) as IdeaLinks } : {}) } : undefined;
    return [JSON.parse(path) as string, new CacheEntry(hash, stamp, summary, check)];
  }
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
      const lines = (await readFile(cacheFilePath(root, CACHE_FILE), 'utf8')).split('\n');
      const header = JSON.parse(lines[0] ?? '') as Partial<Header>;
      if (header.format === CACHE_FORMAT && header.fingerprint === fingerprint) {
        const entries = new Map(lines.slice(1).filter((line) => line !== '').map(CacheEntry.fromLine));
        return new ParsedFileCache(root, fingerprint, entries, Number(header.savedAt) || 0);
      }
    } catch {
      // missing or corrupt: start empty
    }
    return new ParsedFileCache(root, fingerprint, new Map(), 0);
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
    if (await writeCacheFile(this.root, CACHE_FILE, this.lines(header))) this.dirty = false;
  }

  private *lines(header: Header): Generator<string> {
    yield `${JSON.stringify(header)}\n`;
    // Non-ASCII only ever occurs inside JSON strings, where \u escapes mean the same: an ASCII
    // file is read into a one-byte string, half the memory of a 50,000-idea cache in two-byte form.
    for (const [path, entry] of this.entries) yield `${entry.line(path).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
  }
}
