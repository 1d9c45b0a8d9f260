/**
 * A cache of parsed and checked idea files in `.sluss/cache/` (git-ignored).
 * Parsing YAML is the slow part of reading a register, so each file's result
 * is kept under its path and the hash of its content: an edit, a rename, a
 * branch switch or a pull changes the hash and the file is parsed again. A
 * cache from another sluss version, schema or sluss.yaml is dropped whole; a
 * corrupt or unwritable one is ignored. Results never depend on it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { IDEA_SCHEMA } from '../../core/format/schema.js';
import type { IdeaData } from '../../core/idea.js';
import type { Problem } from '../../core/problems.js';

const CACHE_FORMAT = 1;
const CACHE_FILE = 'parsed-ideas.json';
const packageVersion = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;

export interface CachedCheck {
  idea?: { data: IdeaData; body: string };
  problems: Problem[];
}

interface CacheFile {
  format: number;
  fingerprint: string;
  entries: Record<string, { hash: string; check: CachedCheck }>;
}

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export class ParsedFileCache {
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly fingerprint: string,
    private entries: CacheFile['entries'],
  ) {}

  /** `configText` is part of the key: stages and municipalities decide what a check finds. */
  static async open(root: string, configText: string): Promise<ParsedFileCache> {
    const file = join(root, '.sluss', 'cache', CACHE_FILE);
    const fingerprint = contentHash(`${packageVersion}\0${CACHE_FORMAT}\0${JSON.stringify(IDEA_SCHEMA)}\0${configText}`);
    try {
      const stored = JSON.parse(await readFile(file, 'utf8')) as Partial<CacheFile>;
      if (stored.format === CACHE_FORMAT && stored.fingerprint === fingerprint && typeof stored.entries === 'object' && stored.entries !== null) {
        return new ParsedFileCache(file, fingerprint, stored.entries);
      }
    } catch {
      // missing or corrupt: start empty
    }
    return new ParsedFileCache(file, fingerprint, {});
  }

  lookup(path: string, hash: string): CachedCheck | undefined {
    const entry = this.entries[path];
    return entry?.hash === hash ? entry.check : undefined;
  }

  remember(path: string, hash: string, check: CachedCheck): void {
    this.entries[path] = { hash, check };
    this.dirty = true;
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
    if (!this.dirty) return;
    const temp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(join(this.file, '..'), { recursive: true });
      // Like .pytest_cache: the folder ignores itself, so it never shows in git status.
      await writeFile(join(this.file, '..', '..', '.gitignore'), '*\n', { flag: 'wx' }).catch(() => undefined);
      const content: CacheFile = { format: CACHE_FORMAT, fingerprint: this.fingerprint, entries: this.entries };
      await writeFile(temp, JSON.stringify(content));
      await rename(temp, this.file);
      this.dirty = false;
    } catch {
      await unlink(temp).catch(() => undefined);
    }
  }
}
