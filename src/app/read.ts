/** The read-only commands: similar, list, show and search. */
import type { CommandContext } from './ports.js';
import { duplicateIndexOf, findDuplicateCandidates, linkedIds, similarityDocOf } from '../core/duplicates.js';
import { isIdeaId, normalizeIdInput } from '../core/ids.js';
import type { DuplicateCandidate } from '../core/duplicates.js';
import { parseSections } from '../core/format/idea-file.js';
import type { Idea, IdeaSections } from '../core/idea.js';
import { contactOf } from '../core/idea.js';
import { incomingLinks } from '../core/links.js';
import { compileFilter, sortIdeas } from '../core/query.js';
import type { IdeaFilter } from '../core/query.js';
import type { MatchReason } from '../core/similarity/index.js';
import { ideaReader, loadIdeaRefs, loadIdeas, openRegister, readIdea, requireIdea } from './register.js';
import type { OpenRegister } from './register.js';

export interface ReadResult<T> {
  register: OpenRegister;
  /** Idea files skipped because they could not be read or failed the schema. */
  skipped: number;
  value: T;
}

/**
 * `similar`: the duplicate check of `add`, without adding anything. The first
 * line is the title. An idea's id checks that idea against the others, leaving
 * out the ideas it is already linked to or was decided not to duplicate.
 */
export async function similarIdeas(ctx: CommandContext, query: string): Promise<ReadResult<DuplicateCandidate[]>> {
  const register = await openRegister(ctx);
  const readAhead = register.adapters.files.readSavedIndexAhead(register.root);
  // Only summaries of every idea: the data of the few candidates shown is read from their files.
  const { refs, unreadable } = await loadIdeaRefs(register);
  const settings = register.config.duplicates;
  // The engine loads only for the commands that rank; list and show never need it.
  const { loadSimilarityIndex } = await import('./similarity-index.js');
  const ideaOf = ideaReader(register, refs);
  const index = duplicateIndexOf(refs, settings, ctx.clock.today(), await loadSimilarityIndex(register, refs, readAhead), ideaOf);
  const existingRef = isIdeaId(normalizeIdInput(query)) ? refs.find((ref) => ref.id === normalizeIdInput(query)) : undefined;
  // Its body too: an existing idea is matched by its whole text.
  const existing = existingRef && readIdea(register, existingRef.path);
  if (existing) {
    const doc = similarityDocOf(existing);
    const exclude = new Set([existing.data.id, ...linkedIds(existing.data), ...refs.filter((ref) => linkedIds(ref).includes(existing.data.id)).map((ref) => ref.id)]);
    return { register, skipped: unreadable, value: findDuplicateCandidates(index, { title: doc.title, text: doc.text }, settings, exclude) };
  }
  const [title = '', ...rest] = query.trim().split('\n');
  return { register, skipped: unreadable, value: findDuplicateCandidates(index, { title, text: rest.join('\n') }, settings) };
}

export async function listIdeas(ctx: CommandContext, filter: IdeaFilter): Promise<ReadResult<{ ideas: Idea[]; total: number }>> {
  const register = await openRegister(ctx);
  const matches = compileFilter(register.config, filter);
  const { ideas, unreadable } = await loadIdeas(register);
  return { register, skipped: unreadable, value: { ideas: sortIdeas(ideas.filter(matches)), total: ideas.length } };
}

export interface ShownIdea {
  idea: Idea;
  sections: IdeaSections;
  /** Ideas that link to this one: its duplicates, and those that list it as related. */
  incoming: { duplicates: string[]; related: string[] };
}

export async function showIdea(ctx: CommandContext, id: string): Promise<ReadResult<ShownIdea>> {
  const register = await openRegister(ctx);
  const loaded = await loadIdeas(register);
  // Given the loaded register, an id naming a file that could not be read says why.
  const idea = requireIdea(loaded, id);
  const { ideas, unreadable } = loaded;
  const incoming = incomingLinks(
    idea.data.id,
    ideas.map((i) => i.data),
  );
  return { register, skipped: unreadable, value: { idea, sections: parseSections(readIdea(register, idea.path)?.body ?? ''), incoming } };
}

export interface SearchResult {
  idea: Idea;
  score: number;
  reasons: MatchReason[];
}

export async function searchIdeas(ctx: CommandContext, query: string, limit: number): Promise<ReadResult<SearchResult[]>> {
  const register = await openRegister(ctx);
  const readAhead = register.adapters.files.readSavedIndexAhead(register.root);
  const { refs, unreadable } = await loadIdeaRefs(register);
  const ideaOf = ideaReader(register, refs);
  const { loadSimilarityIndex } = await import('./similarity-index.js');
  const index = await loadSimilarityIndex(register, refs, readAhead);
  const hits = index.searchText(query, limit).flatMap((hit) => {
    const idea = ideaOf(hit.id);
    return idea ? [{ idea, score: hit.score, reasons: hit.reasons }] : [];
  });
  return { register, skipped: unreadable, value: hits };
}

/** An idea as `list --json` and `show --json` print it: its front-matter fields, path and contact. */
export function ideaJson(idea: Idea): Record<string, unknown> {
  return { ...idea.data, path: idea.path, contact: contactOf(idea.data) };
}
