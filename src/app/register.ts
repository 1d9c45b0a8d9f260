/**
 * Opening the register the user is in and loading its ideas: the step every
 * command starts with.
 */
import { resolve } from 'node:path';
import type { Adapters, CommandContext } from './ports.js';
import { IDEAS_DIR } from './ports/register-files.js';
import type { CacheHit, IdeaFileRead, LockHolder, RegisterFiles, StrayEntry } from './ports/register-files.js';
import type { RegisterConfig } from '../core/config.js';
import { SlussError } from '../core/errors.js';
import type { Idea, IdeaSummary, IdeaWithBody } from '../core/idea.js';
import { idFromFileName, normalizeIdInput } from '../core/ids.js';
import { findIdeaById } from '../core/query.js';
import { checkIdeaFile } from '../core/validation.js';
import type { CheckedIdeaFile } from '../core/validation.js';
import { ui } from '../ui/text.js';

export interface OpenRegister {
  root: string;
  store: RegisterFiles;
  /** The adapters of the command that opened it: every later step on the register goes through them. */
  adapters: Adapters;
  config: RegisterConfig;
  /** The text of sluss.yaml, part of the cache key. */
  configText: string;
  /** Tells the user whom a wait for the register lock is for (`withRegisterLock`'s `onWait`), when there is an output. */
  onLockWait?: (holder: LockHolder) => void;
}

/**
 * Finds the register, refuses a linked or misplaced `ideas/`, `.sluss/` or
 * sluss.yaml (`unsafe-path`), and reads its configuration. With an output,
 * says so when a sparse checkout leaves ideas out of the working tree (every
 * command would otherwise work, and check duplicates, on fewer ideas than the
 * register has without a word), and gives the register a way to say whom a
 * wait for its lock is for.
 */
export async function openRegister(ctx: Pick<CommandContext, 'cwd' | 'registerDir' | 'adapters'> & Partial<Pick<CommandContext, 'output' | 'lang' | 'env'>>): Promise<OpenRegister> {
  const { adapters } = ctx;
  const start = resolve(ctx.cwd, ctx.registerDir ?? '.');
  const root = await adapters.files.findRegisterRoot(start);
  if (!root) throw new SlussError('register-not-found', { dir: start });
  const store = adapters.files.openStore(root);
  store.verifyLayout();
  const text = await store.readConfigText();
  const register: OpenRegister = { root, store, adapters, config: await adapters.files.checkedConfig(root, text), configText: text };
  const { output, env } = ctx;
  if (output && env) {
    const words = ui(ctx.lang ?? 'sv');
    const skipped = await adapters.git.countSkippedBySparseCheckout(root, `${IDEAS_DIR}/`, env);
    if (skipped > 0) output.info(words.sparseCheckout(skipped));
    register.onLockWait = (holder) => output.info(words.waitingForLock(String(holder.pid), holder.host, holder.since));
  }
  return register;
}

/**
 * Runs `work` holding the register lock (two commands never interleave their
 * reads and commits), telling the user whom a wait is for when the lock is
 * held by another live command.
 */
export function lockRegister<T>(register: OpenRegister, work: () => Promise<T>): Promise<T> {
  return register.adapters.files.withRegisterLock(register.root, work, register.onLockWait ? { onWait: register.onLockWait } : {});
}

export interface LoadedIdeas {
  checked: CheckedIdeaFile[];
  /** Ideas that parsed and passed the schema; the others are in `checked` with their problems. */
  ideas: Idea[];
  unreadable: number;
  /** Hash of each readable file's content by path: what cached work on a file is keyed on. */
  hashes: ReadonlyMap<string, string>;
}

type FileVerdict = { path: string; hit: CacheHit } | { path: string; unreadable: CheckedIdeaFile };

/** What a command will do with the ideas it loads. */
export interface LoadIntent {
  /**
   * It keeps (nearly) the whole register in memory while it works, as
   * `report` and `duplicates` do: on a large register the heap is then
   * collected more eagerly from the start (`tightenHeapForLargeRegister`).
   */
  wholeRegister?: boolean;
}

/** Share of a register's files the parsed-file cache must know for a run to count as warm. */
const WARM_CACHE_SHARE = 0.9;

/**
 * Each idea file's verdict (all of them, or `paths`): from the parsed-file
 * cache when the file is unchanged, otherwise read, checked and remembered.
 * With `checks`, every hit's verdict is also decoded, and one the cache can no
 * longer decode is made again from the file.
 */
async function fileVerdicts(register: OpenRegister, paths: readonly string[] | undefined, checks: boolean, intent: LoadIntent): Promise<{ verdicts: FileVerdict[]; stray: CheckedIdeaFile[] }> {
  const { store } = register;
  const { tightenHeapForLargeRegister, openParsedFiles, contentHash } = register.adapters.files;
  const listing = paths ? Promise.resolve({ ideas: [...paths], stray: [] }) : store.listIdeasFolder();
  // Before the cache is read: the flags only work when set before the heap grows.
  if (intent.wholeRegister) tightenHeapForLargeRegister((await listing).ideas.length);
  // Otherwise the cache is read (synchronously) while the directory is listed.
  const cache = await openParsedFiles(register.root, register.configText);
  try {
    const { ideas: all, stray } = await listing;
    // A cold run parses every file and then builds the similarity index: heavy, like a report.
    if (cache.size < all.length * WARM_CACHE_SHARE) tightenHeapForLargeRegister(all.length);
    const usable = (hit: CacheHit | undefined) => (hit && (!checks || hit.check()) ? hit : undefined);
    const verdicts = all.map((path): FileVerdict => {
      // A file the cache has never seen is read at once (reading stats it too).
      const stamp = cache.knows(path) ? store.stampOf(path) : undefined;
      const unchanged = usable(stamp && cache.lookupByStamp(path, stamp));
      if (unchanged) return { path, hit: unchanged };
      const entry = store.readIdeaFile(path);
      if (!('text' in entry)) return { path, unreadable: unreadableFile(entry) };
      const hash = contentHash(entry.text);
      const cached = usable(cache.lookup(path, hash, entry.stamp));
      if (cached) return { path, hit: cached };
      const fresh = checkIdeaFile(register.config, entry);
      // Body and YAML document stay out of the cache and of memory; the few commands that need one read the file again.
      const textHash = fresh.idea && fresh.body !== undefined ? similarityVersion(contentHash, fresh.idea.data.title, fresh.body) : undefined;
      return { path, hit: cache.remember(path, hash, { problems: fresh.problems, ...(fresh.idea ? { idea: { data: fresh.idea.data } } : {}) }, entry.stamp, textHash) };
    });
    // Entries of files that are gone exist only when the cache holds more than the files it was asked about.
    const remembered = verdicts.reduce((count, verdict) => count + ('hit' in verdict ? 1 : 0), 0);
    if (!paths && cache.size > remembered) cache.keepOnly(new Set(all));
    await cache.save();
    return { verdicts, stray: stray.map(strayFile) };
  } finally {
    // Verdicts nobody asked for by now are not read at all.
    cache.release();
  }
}

/** A file that could not be read, with the reason (what it is instead of a file, or the system's error). */
function unreadableFile(entry: Extract<IdeaFileRead, { readProblem: unknown }>): CheckedIdeaFile {
  const { path, readProblem, detail } = entry;
  return { path, problems: [{ file: path, code: readProblem, ...(detail === undefined ? {} : { params: { detail } }) }] };
}

/** Something in `ideas/` that is no idea file (a folder, a dot-file, a temp file left by a kill). */
function strayFile(entry: StrayEntry): CheckedIdeaFile {
  return { path: entry.path, problems: [{ file: entry.path, code: entry.problem, params: { kind: entry.kind } }] };
}

/**
 * Reads and checks idea files (all of them, or `paths`), through the
 * parsed-file cache. Reading all of them also lists what else is in `ideas/`
 * (`checked` has those entries with their problem, `unreadable` does not count them).
 */
export async function loadIdeas(register: OpenRegister, paths?: readonly string[], intent: LoadIntent = {}): Promise<LoadedIdeas> {
  const hashes = new Map<string, string>();
  const { verdicts, stray } = await fileVerdicts(register, paths, true, intent);
  const checked = verdicts.map((verdict): CheckedIdeaFile => {
    if ('unreadable' in verdict) return verdict.unreadable;
    const { path, hit } = verdict;
    hashes.set(path, hit.hash);
    // Decoded already: with `checks`, fileVerdicts hands out only hits whose verdict decodes.
    const check = hit.check()!;
    return { path, problems: check.problems, ...(check.idea ? { idea: { data: check.idea.data, path } } : {}) };
  });
  const ideas = checked.flatMap((c) => (c.idea ? [c.idea] : []));
  return { checked: [...checked, ...stray], ideas, unreadable: checked.length - ideas.length, hashes };
}

/** Where an idea lives: enough to find it by id and read it again (under the lock, for a change). */
export interface IdeaLocation {
  data: { id: string };
  path: string;
}

/** An idea as the duplicate check sees it without its data: summary, file and the version of its text. */
export interface IdeaRef extends IdeaSummary {
  path: string;
  /** The version of its title and body (`CacheHit.textHash`), else of the whole file. */
  hash: string;
}

/** The version of what the duplicate check reads of an idea: its title and body, not its front matter. */
export function similarityVersion(contentHash: (text: string) => string, title: string, body: string): string {
  return contentHash(`${title}\0${body}`);
}

/**
 * What ranking needs of every idea, without loading every idea's data: for
 * `similar` on a large register, most of the time reading the register took.
 */
export async function loadIdeaRefs(register: OpenRegister, intent: LoadIntent = {}): Promise<{ refs: IdeaRef[]; unreadable: number }> {
  const refs: IdeaRef[] = [];
  let unreadable = 0;
  for (const verdict of (await fileVerdicts(register, undefined, false, intent)).verdicts) {
    const hit = 'hit' in verdict ? verdict.hit : undefined;
    // Written out rather than spread: for 50,000 ideas the difference shows.
    if (hit?.summary) refs.push({ id: hit.summary.id, municipality: hit.summary.municipality, created: hit.summary.created, links: hit.summary.links, path: verdict.path, hash: hit.textHash ?? hit.hash });
    else unreadable += 1;
  }
  return { refs, unreadable };
}

/** One idea, read and checked now; undefined when its file no longer holds a valid idea. */
export function readIdea(register: OpenRegister, path: string): IdeaWithBody | undefined {
  const entry = register.store.readIdeaFile(path);
  // To show or compare the idea; its problems are validate's to report, with their lines.
  const checked = 'text' in entry ? checkIdeaFile(register.config, entry, { withoutLines: true }) : unreadableFile(entry);
  return checked.idea && checked.body !== undefined ? { ...checked.idea, body: checked.body } : undefined;
}

/**
 * Reads ideas by id from their files, each at most once: for the few ideas a
 * ranking shows. Bodies are not kept; `readIdea` has them.
 */
export function ideaReader(register: OpenRegister, refs: readonly IdeaRef[]): (id: string) => Idea | undefined {
  const pathById = new Map(refs.map((ref) => [ref.id, ref.path]));
  const read = new Map<string, Idea | undefined>();
  return (id) => {
    if (!read.has(id)) {
      const path = pathById.get(id);
      const idea = path === undefined ? undefined : readIdea(register, path);
      read.set(id, idea && { data: idea.data, path: idea.path });
    }
    return read.get(id);
  };
}

/**
 * The idea with this id (or unique id prefix). Given the loaded register, an
 * id that names only a file that could not be read or checked is reported as
 * that file's problem (`idea-unreadable`), not as an idea that does not exist.
 */
export function requireIdea<T extends IdeaLocation>(loaded: readonly T[] | (Pick<LoadedIdeas, 'checked'> & { ideas: readonly T[] }), input: string): T {
  const given = 'checked' in loaded ? loaded : undefined;
  const ideas = given ? given.ideas : (loaded as readonly T[]);
  const id = normalizeIdInput(input);
  const matches = findIdeaById(ideas, id);
  if (matches.length === 0) {
    const failed = given && unreadableFileOf(given.checked, id);
    if (failed) throw new SlussError('idea-unreadable', { id: input, file: failed.path }, { problems: failed.problems });
    throw new SlussError('idea-not-found', { id: input });
  }
  if (matches.length > 1) throw new SlussError('idea-ambiguous', { id: input, matches: matches.map((m) => m.data.id) });
  return matches[0]!;
}

/** A file that failed its check and whose name claims the id (or starts with it). */
function unreadableFileOf(checked: readonly CheckedIdeaFile[], id: string): CheckedIdeaFile | undefined {
  const compact = id.replace('-', '');
  return checked.find((file) => {
    if (file.idea) return false;
    const claimed = idFromFileName(file.path.slice(file.path.lastIndexOf('/') + 1));
    return claimed !== undefined && (claimed === id || claimed.replace('-', '').startsWith(compact));
  });
}
