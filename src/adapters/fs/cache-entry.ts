/**
 * One entry of the parsed-file cache (`parsed-file-cache.ts`) and the part of
 * the cache file its verdict is read from. A verdict is decoded when first
 * asked for and believed only when it has the shape of one sluss made for
 * that file; otherwise the file is checked again.
 */
import { closeSync, readSync } from 'node:fs';
import type { IdeaData, IdeaLinks, IdeaSummary } from '../../core/idea.js';
import { isKnownProblemCode } from '../../core/problems.js';
import type { Problem } from '../../core/problems.js';
import { checksumOf } from './cache-files.js';
import type { CachedCheck, CacheHit } from '../../app/ports/register-files.js';
export type { CachedCheck, CacheHit };

/**
 * The verdicts' part of the cache file, read whole when a verdict is first
 * asked for: `similar` and `duplicates` need the summaries only, and at 50,000
 * ideas the verdicts are 30 MB. It is read through the descriptor the
 * summaries were read from, so it is that file even if another run has saved
 * a new one since; `release` closes it, after which unread verdicts are
 * unknown (their files are checked again).
 */
export class VerdictSection {
  #fd: number | undefined;
  #bytes: Buffer | undefined;

  constructor(
    fd: number,
    private readonly start: number,
    private readonly end: number,
    /** What the bytes must hash to: verdicts that were edited or damaged are not believed. */
    private readonly checksum: string,
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
      if (readFully(this.#fd, bytes, this.start) && checksumOf(bytes) === this.checksum) this.#bytes = bytes;
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
export function readPart(fd: number, position: number, length: number): Buffer {
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

export class CacheEntry implements CacheHit {
  /** Whether this run looked at the file and found this stamp (or made the entry): not to be smudged. */
  seen = false;

  constructor(
    readonly path: string,
    readonly hash: string,
    /** The file's stamp key (`FileStamp.key`) when known. */
    public stamp: string | undefined,
    readonly summary: IdeaSummary | undefined,
    /** Where the verdict lies in the file that was read, for decoding on demand. */
    private readonly stored: { verdicts: VerdictSection; start: number; end: number } | undefined,
    private parsed?: CachedCheck,
    /** The version of what the duplicate check reads of the idea (title and body), when known. */
    readonly textHash?: string,
  ) {}

  check(): CachedCheck | undefined {
    try {
      if (this.parsed === undefined) {
        const decoded = JSON.parse(this.checkText()) as unknown;
        if (!isCachedCheck(decoded, this.path, this.summary?.id)) return undefined;
        this.parsed = decoded;
      }
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

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
export const isStringList = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * Whether a decoded verdict has the shape of one this file's check could
 * give: problems with known codes about this file, and an idea whose id is
 * the summary's. A verdict that does not is made again from the file, rather
 * than crash a command further on.
 */
function isCachedCheck(value: unknown, path: string, summaryId: string | undefined): value is CachedCheck {
  if (!isObject(value) || !Array.isArray(value['problems'])) return false;
  const problemsFit = value['problems'].every(
    (problem: unknown) =>
      isObject(problem) &&
      problem['file'] === path &&
      typeof problem['code'] === 'string' &&
      isKnownProblemCode(problem['code']) &&
      (problem['params'] === undefined || isObject(problem['params'])) &&
      (problem['line'] === undefined || typeof problem['line'] === 'number') &&
      (problem['field'] === undefined || typeof problem['field'] === 'string'),
  );
  if (!problemsFit) return false;
  const idea = value['idea'];
  if (idea === undefined) return summaryId === undefined;
  return isObject(idea) && isObject(idea['data']) && idea['data']['id'] === summaryId;
}

/** Links as an idea's front matter can hold them (checked by the schema when the file was read). */
export function isLinks(value: unknown): value is IdeaLinks {
  if (!isObject(value)) return false;
  return Object.entries(value).every(([key, item]) => (key === 'duplicate_of' ? typeof item === 'string' : (key === 'related' || key === 'not_duplicates') && isStringList(item)));
}

/**
 * Non-ASCII only ever occurs inside JSON strings, where \u escapes mean the
 * same: an ASCII file decodes without UTF-8 work into one-byte strings, half
 * the memory of a 50,000-idea cache in two-byte form.
 */
export function asciiJson(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
