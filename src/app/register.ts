/**
 * Opening the register the user is in and loading its ideas: the step every
 * command starts with.
 */
import { resolve } from 'node:path';
import { contentHash } from '../adapters/fs/cache-files.js';
import { checkedConfig } from '../adapters/fs/config-cache.js';
import { ParsedFileCache } from '../adapters/fs/parsed-file-cache.js';
import type { CacheHit } from '../adapters/fs/parsed-file-cache.js';
import { findRegisterRoot, RegisterStore } from '../adapters/fs/register-store.js';
import type { CommandContext } from '../cli/ports.js';
import type { RegisterConfig } from '../core/config.js';
import { SlussError } from '../core/errors.js';
import { bodyOfIdeaFile } from '../core/format/idea-file.js';
import type { Idea, IdeaWithBody } from '../core/idea.js';
import { normalizeIdInput } from '../core/ids.js';
import { findIdeaById } from '../core/query.js';
import { checkIdeaFile } from '../core/validation.js';
import type { CheckedIdeaFile } from '../core/validation.js';

export interface OpenRegister {
  root: string;
  store: RegisterStore;
  config: RegisterConfig;
  /** The text of sluss.yaml, part of the cache key. */
  configText: string;
}

export async function openRegister(ctx: Pick<CommandContext, 'cwd' | 'registerDir'>): Promise<OpenRegister> {
  const start = resolve(ctx.cwd, ctx.registerDir ?? '.');
  const root = await findRegisterRoot(start);
  if (!root) throw new SlussError('register-not-found', { dir: start });
  const store = new RegisterStore(root);
  const text = await store.readConfigText();
  return { root, store, config: await checkedConfig(root, text), configText: text };
}

export interface LoadedIdeas {
  checked: CheckedIdeaFile[];
  /** Ideas that parsed and passed the schema; the others are in `checked` with their problems. */
  ideas: Idea[];
  unreadable: number;
  /** Hash of each readable file's content by path: what cached work on a file is keyed on. */
  hashes: ReadonlyMap<string, string>;
}

/**
 * Reads and checks idea files (all of them, or `paths`). Files whose content
 * is unchanged since the last run come from the parsed-file cache.
 */
export async function loadIdeas(register: OpenRegister, paths?: readonly string[]): Promise<LoadedIdeas> {
  const { store } = register;
  const all = paths ?? (await store.listIdeaPaths());
  const cache = await ParsedFileCache.open(register.root, register.configText);
  const hashes = new Map<string, string>();
  const fromCache = (path: string, hit: CacheHit): CheckedIdeaFile => {
    hashes.set(path, hit.hash);
    return { path, problems: hit.check.problems, ...(hit.check.idea ? { idea: { data: hit.check.idea.data, path } } : {}) };
  };
  const checked = all.map((path): CheckedIdeaFile => {
    const stamp = store.stampOf(path);
    const unchanged = stamp && cache.lookupByStamp(path, stamp);
    if (unchanged) return fromCache(path, unchanged);
    const entry = store.readIdeaFile(path);
    if (!('text' in entry)) return checkIdeaFile(register.config, entry);
    const hash = contentHash(entry.text);
    const cached = cache.lookup(path, hash, entry.stamp);
    if (cached) return fromCache(path, { hash, check: cached });
    hashes.set(path, hash);
    const fresh = checkIdeaFile(register.config, entry);
    cache.remember(path, hash, { problems: fresh.problems, ...(fresh.idea ? { idea: { data: fresh.idea.data } } : {}) }, entry.stamp);
    // Body and YAML document stay out of the result, so memory does not grow with them; the few commands that need one read the file again.
    return { path, problems: fresh.problems, ...(fresh.idea ? { idea: fresh.idea } : {}) };
  });
  if (!paths) cache.keepOnly(new Set(all));
  await cache.save();
  const ideas = checked.flatMap((c) => (c.idea ? [c.idea] : []));
  return { checked, ideas, unreadable: checked.length - ideas.length, hashes };
}

/** An idea with its body, read from its file now. */
export function readIdeaWithBody(register: OpenRegister, idea: Idea): IdeaWithBody {
  const entry = register.store.readIdeaFile(idea.path);
  return { ...idea, body: 'text' in entry ? bodyOfIdeaFile(entry.text) : '' };
}

export function requireIdea(ideas: readonly Idea[], input: string): Idea {
  const id = normalizeIdInput(input);
  const matches = findIdeaById(ideas, id);
  if (matches.length === 0) throw new SlussError('idea-not-found', { id: input });
  if (matches.length > 1) throw new SlussError('idea-ambiguous', { id: input, matches: matches.map((m) => m.data.id) });
  return matches[0]!;
}
