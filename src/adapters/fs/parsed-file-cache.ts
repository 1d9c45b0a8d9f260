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
 */
import { IDEA_SCHEMA } from '../../core/format/schema.js';
import type { IdeaData } from '../../core/idea.js';
import type { Problem } from '../../core/problems.js';
import { PACKAGE_VERSION } from '../../package-version.js';
import { contentHash, readCacheJson, writeCacheFile } from './cache-files.js';

/** Bumped whenever parsing or checking changes what a file's verdict is. */
const CACHE_FORMAT = 5;
/** Modification times closer than this to the cache's own write are not trusted. */
const RACY_MARGIN_MS = 2_000;
const CACHE_FILE = 'parsed-ideas.json';

/** A file's verdict. Bodies are not kept: few commands need them, and they would be most of the cache. */
export interface CachedCheck {
  idea?: { data: IdeaData };
  problems: Problem[];
}

export interface CacheHit {
  hash: string;
  check: CachedCheck;
}

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

interface CacheEntry {
  hash: string;
  stamp?: FileStamp;
  check: CachedCheck;
}

interface CacheFile {
  format: number;
  fingerprint: string;
  savedAt: number;
  entries: Record<string, CacheEntry>;
}

export class ParsedFileCache {
  private dirty = false;

  private constructor(
    private readonly root: string,
    private readonly fingerprint: string,
    private entries: CacheFile['entries'],
    private readonly savedAt: number,
  ) {}

  /** `configText` is part of the key: stages and municipalities decide what a check finds. */
  static async open(root: string, configText: string): Promise<ParsedFileCache> {
    const fingerprint = contentHash(`${PACKAGE_VERSION}\0${CACHE_FORMAT}\0${JSON.stringify(IDEA_SCHEMA)}\0${configText}`);
    const stored = (await readCacheJson(root, CACHE_FILE)) as Partial<CacheFile> | undefined;
    if (stored?.format === CACHE_FORMAT && stored.fingerprint === fingerprint && typeof stored.entries === 'object' && stored.entries !== null) {
      return new ParsedFileCache(root, fingerprint, stored.entries, Number(stored.savedAt) || 0);
    }
    return new ParsedFileCache(root, fingerprint, {}, 0);
  }

  /** The cached result when the file's size and time match and it is not racy; no read needed. */
  lookupByStamp(path: string, stamp: FileStamp): CacheHit | undefined {
    const entry = this.entries[path];
    if (!entry?.stamp || entry.stamp.size !== stamp.size || entry.stamp.mtimeMs !== stamp.mtimeMs) return undefined;
    return stamp.mtimeMs < this.savedAt - RACY_MARGIN_MS ? entry : undefined;
  }

  lookup(path: string, hash: string, stamp?: FileStamp): CachedCheck | undefined {
    const entry = this.entries[path];
    if (entry?.hash !== hash) return undefined;
    if (stamp && (entry.stamp?.size !== stamp.size || entry.stamp.mtimeMs !== stamp.mtimeMs)) {
      entry.stamp = stamp;
      this.dirty = true;
    }
    return entry.check;
  }

  remember(path: string, hash: string, check: CachedCheck, stamp?: FileStamp): void {
    this.entries[path] = { hash, ...(stamp ? { stamp } : {}), check };
    this.dirty = true;
  }

  /** Whether the last save was long enough ago that stamps of files written since then are trusted next time. */
  get hasRacyEntries(): boolean {
    const now = Date.now();
    return Object.values(this.entries).some((e) => e.stamp !== undefined && e.stamp.mtimeMs >= this.savedAt - RACY_MARGIN_MS && e.stamp.mtimeMs < now);
  }

  /** Forgets files that are gone, so the cache does not grow with deleted ideas. */
  keepOnly(paths: ReadonlySet<string>): void {
    for (const path of Object.keys(this.entries)) {
      if (!paths.has(path)) {
        delete this.entries[path];
        this.dirty = true;
      }
    }
  }

  /** Writes atomically when something changed; a failure only costs speed next time. */
  async save(): Promise<void> {
    // Re-saving once racy files have aged lets the next run trust their stamps.
    if (!this.dirty && !this.hasRacyEntries) return;
    const content: CacheFile = { format: CACHE_FORMAT, fingerprint: this.fingerprint, savedAt: Date.now(), entries: this.entries };
    if (await writeCacheFile(this.root, CACHE_FILE, JSON.stringify(content))) this.dirty = false;
  }
}
