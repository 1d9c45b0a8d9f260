/**
 * Opening the register the user is in and loading its ideas: the step every
 * command starts with.
 */
import { resolve } from 'node:path';
import { findRegisterRoot, RegisterStore } from '../adapters/fs/register-store.js';
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
}

export async function openRegister(ctx: Pick<CommandContext, 'cwd' | 'registerDir'>): Promise<OpenRegister> {
  const start = resolve(ctx.cwd, ctx.registerDir ?? '.');
  const root = await findRegisterRoot(start);
  if (!root) throw new SlussError('register-not-found', { dir: start });
  const store = new RegisterStore(root);
  return { root, store, config: await store.readConfig() };
}

export interface LoadedIdeas {
  checked: CheckedIdeaFile[];
  /** Ideas that parsed and passed the schema; the others are in `checked` with their problems. */
  ideas: Idea[];
  unreadable: number;
}

export async function loadIdeas(register: OpenRegister, paths?: readonly string[]): Promise<LoadedIdeas> {
  const entries = await register.store.readIdeaFiles(paths);
  const checked = entries.map((entry) => checkIdeaFile(register.config, entry));
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
