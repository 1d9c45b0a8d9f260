/**
 * Opening the register the user is in and loading its ideas: the step every
 * command starts with.
 */
import { resolve } from 'node:path';
import { contentHash, ParsedFileCache } from '../adapters/fs/parsed-file-cache.js';
import type { CachedCheck } from '../adapters/fs/parsed-file-cache.js';
import { findRegisterRoot, inBatches, RegisterStore } from '../adapters/fs/register-store.js';
import type { CommandContext } from '../cli/ports.js';
import type { RegisterConfig } from '../core/config.js';
import { SlussError } from '../core/errors.js';
import type { Idea } from '../core/idea.js';
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
  const { config, text } = await store.readConfig();
  return { root, store, config, configText: text };
}

export interface LoadedIdeas {
  checked: CheckedIdeaFile[];
  /** Ideas that parsed and passed the schema; the others are in `checked` with their problems. */
  ideas: Idea[];
  unreadable: number;
}

/**
 * Reads and checks idea files (all of them, or `paths`). Files whose content
 * is unchanged since the last run come from the parsed-file cache.
 */
export async function loadIdeas(register: OpenRegister, paths?: readonly string[]): Promise<LoadedIdeas> {
  const { store } = register;
  const all = paths ?? (await store.listIdeaPaths());
  const cache = await ParsedFileCache.open(register.root, register.configText);
  const fromCache = (path: string, cached: CachedCheck): CheckedIdeaFile => ({
    path,
    problems: cached.problems,
    ...(cached.idea ? { idea: { ...cached.idea, path } } : {}),
  });
  const checked = await inBatches(all, async (path): Promise<CheckedIdeaFile> => {
    const stamp = store.stampOf(path);
    const unchanged = stamp && cache.lookupByStamp(path, stamp);
    if (unchanged) return fromCache(path, unchanged);
    const entry = await store.readIdeaFile(path);
    if (!('text' in entry)) return checkIdeaFile(register.config, entry);
    const hash = contentHash(entry.text);
    const cached = cache.lookup(path, hash, entry.stamp);
    if (cached) return fromCache(path, cached);
    const fresh = checkIdeaFile(register.config, entry);
    cache.remember(path, hash, { problems: fresh.problems, ...(fresh.idea ? { idea: { data: fresh.idea.data, body: fresh.idea.body } } : {}) }, entry.stamp);
    return fresh;
  });
  if (!paths) cache.keepOnly(new Set(all));
  await cache.save();
  const ideas = checked.flatMap((c) => (c.idea ? [c.idea] : []));
  return { checked, ideas, unreadable: checked.length - ideas.length };
}

export function requireIdea(ideas: readonly Idea[], input: string): Idea {
  const id = normalizeIdInput(input);
  const matches = findIdeaById(ideas, id);
  if (matches.length === 0) throw new SlussError('idea-not-found', { id: input });
  if (matches.length > 1) throw new SlussError('idea-ambiguous', { id: input, matches: matches.map((m) => m.data.id) });
  return matches[0]!;
}
