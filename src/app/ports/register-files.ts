/**
 * Ports for the register's files on disk: what use cases need from the
 * file-system adapters (`src/adapters/fs/`), as types only. The adapters
 * implement them; `src/cli/container.ts` hands the implementations in.
 */
import type { RegisterConfig } from '../../core/config.js';
import type { IdeaData, IdeaSummary } from '../../core/idea.js';
import type { ProblemCode } from '../../core/problems.js';
import type { Problem } from '../../core/problems.js';
import type { SimilarityIndex } from '../../core/similarity/index.js';

/** The folder of idea files, relative to the register root. */
export const IDEAS_DIR = 'ideas';
/** sluss's own folder in a register: caches, the lock, recovery files, the tool copy. */
export const SLUSS_DIR = '.sluss';

export interface FileStamp {
  /** `size:mtime:ctime:inode:device`, times in milliseconds with their fraction: equal keys, unchanged file (unless racy). */
  key: string;
  /** The later of mtime and ctime, in milliseconds since the epoch: for telling racy entries. */
  changedMs: number;
}

/** A thing in `ideas/` that is not an idea file: what `validate` reports about it. */
export interface StrayEntry {
  path: string;
  problem: Extract<ProblemCode, 'unexpected-entry' | 'stale-temp-file'>;
  kind: 'folder' | 'dot-file' | 'file' | 'temp-file';
}

/** What a read of an idea file gives: its text and stamp, or why it could not be read. */
export type IdeaFileRead = { path: string; text: string; stamp: FileStamp } | { path: string; readProblem: ProblemCode; detail?: string };

/** The register's working tree: sluss.yaml and the idea files. */
export interface RegisterFiles {
  readonly root: string;
  absolute(relativePath: string): string;
  /** A path inside the register, relative to its root; undefined outside it. */
  relativePath(absolutePath: string): string | undefined;
  /** Throws `unsafe-path` when sluss.yaml, `ideas/` or `.sluss/` is linked or misplaced. */
  verifyLayout(): void;
  readConfigText(): Promise<string>;
  listIdeaPaths(): Promise<string[]>;
  listIdeasFolder(now?: number): Promise<{ ideas: string[]; stray: StrayEntry[] }>;
  stampOf(path: string): FileStamp | undefined;
  readIdeaFile(path: string): IdeaFileRead;
  writeNewFile(path: string, content: string): Promise<void>;
  replaceFile(path: string, content: string): Promise<void>;
}

/** A file's verdict. Bodies are not kept: few commands need them, and they would be most of the cache. */
export interface CachedCheck {
  idea?: { data: IdeaData };
  problems: Problem[];
}

export interface CacheHit {
  hash: string;
  /**
   * The version of what the duplicate check reads of the idea: a hash of its
   * title and body, so a move, join or assessment (front matter only) does
   * not make the similarity index take the idea in again. Undefined when not known.
   */
  textHash?: string | undefined;
  /** Present when the file holds a valid idea. */
  summary: IdeaSummary | undefined;
  /** The verdict; undefined when the stored one no longer parses (a damaged cache file): check the file itself. */
  check(): CachedCheck | undefined;
}

/** Verdicts on idea files by content hash and file stamp (`.sluss/cache/`). */
export interface ParsedFiles {
  readonly size: number;
  knows(path: string): boolean;
  lookupByStamp(path: string, stamp: FileStamp): CacheHit | undefined;
  lookup(path: string, hash: string, stamp?: FileStamp): CacheHit | undefined;
  remember(path: string, hash: string, check: CachedCheck, stamp?: FileStamp, textHash?: string): CacheHit;
  keepOnly(paths: ReadonlySet<string>): void;
  save(): Promise<void>;
  release(): void;
}

export interface LockHolder {
  pid: number;
  host: string;
  /** When the holder took the lock, ISO 8601. */
  since: string;
  token: string;
}

export interface LockOptions {
  /** Called once when the lock is held by another live process and this one starts to wait. */
  onWait?: (holder: LockHolder) => void;
  /** How long to wait for a live holder before giving up with `register-locked`. */
  maxWaitMs?: number;
}

export interface GeneratedFile {
  /** Relative to the register root, forward slashes. */
  path: string;
  content: string | Uint8Array;
  /**
   * Whether an existing file with other content is replaced: always, never
   * (the user's own version is kept), or when the test says the file is
   * still sluss's (for example, it carries the generated-file mark).
   */
  replace: boolean | ((existing: string) => boolean);
  /** Mode of a new file (0755 for a launcher); an existing file keeps its own. */
  fileMode?: number;
}

/** The saved similarity index's files as read from disk, before they are checked. */
export interface SavedIndexFiles {
  manifest: string;
  index: Buffer;
  /** The index file's stamp as it was read, and when the manifest was written (its mtime, ms). */
  indexStamp: FileStamp;
  manifestWrittenMs: number;
}

export interface CachedIndex {
  index: SimilarityIndex;
  digest: string;
  /** Idea id → content hash of the idea file whose text the index holds. */
  docs: () => Record<string, string>;
}

/** Everything use cases do with files on disk, each function taking the register root first. */
export interface RegisterFilePorts {
  findRegisterRoot(start: string): Promise<string | undefined>;
  openStore(root: string): RegisterFiles;
  /** sluss.yaml's text parsed and checked, through its cache. */
  checkedConfig(root: string, text: string): Promise<RegisterConfig>;
  openParsedFiles(root: string, configText: string): Promise<ParsedFiles>;
  /** The hash the caches key a file's content on. */
  contentHash(text: string): string;
  withRegisterLock<T>(root: string, work: () => Promise<T>, options?: LockOptions): Promise<T>;
  /** Keeps text the user typed in `.sluss/recovery/`; the path written, or undefined when even that failed. */
  saveRecoveryFile(root: string, name: string, content: string): Promise<string | undefined>;
  readRegisterFile(root: string, relativePath: string): Promise<Buffer | undefined>;
  /** Writes the files that differ; the paths written. */
  syncRegisterFiles(root: string, files: readonly GeneratedFile[]): Promise<string[]>;
  /** Throws `unsafe-path` when any of the paths is a link, a special file or under a link: checked before a run writes several sets of files. */
  verifyRegisterPaths(root: string, paths: readonly string[]): void;
  loadCachedIndex(root: string, readAhead?: Promise<SavedIndexFiles | undefined>): Promise<CachedIndex | undefined>;
  saveCachedIndex(root: string, index: SimilarityIndex, digest: string, docs: Record<string, string>): Promise<boolean>;
  readSavedIndexAhead(root: string): Promise<SavedIndexFiles | undefined> | undefined;
  /** Lets the heap be collected more eagerly for a register this large. */
  tightenHeapForLargeRegister(ideaCount: number): void;
}
