/**
 * Links between ideas: related ideas (always both ends), "duplicate of" (one
 * way, from the duplicate to the idea that lives on), and decisions that two
 * ideas are not duplicates. Every change is an event in the history of each
 * idea whose file changes. Pure.
 */
import type { RegisterConfig } from './config.js';
import { findStage } from './config.js';
import { SlussError } from './errors.js';
import { recordEvent } from './history.js';
import type { Actor } from './history.js';
import type { IdeaData, IdeaLinks, LinkKind } from './idea.js';

/** Adds a link. Related links go both ways, so `other` is returned changed too. */
export function linkIdeas(data: IdeaData, other: IdeaData, kind: LinkKind, actor: Actor): { data: IdeaData; other: IdeaData } {
  if (data.id === other.id) throw new SlussError('link-invalid', { id: data.id, other: other.id });
  if (kind === 'duplicate_of') {
    if (data.links?.duplicate_of === other.id) throw new SlussError('already-linked', { id: data.id, other: other.id });
    const linked = { ...data, links: { ...data.links, duplicate_of: other.id } };
    return { data: recordEvent(linked, actor, { action: 'linked', link: kind, other: other.id }), other };
  }
  if (data.links?.related?.includes(other.id) && other.links?.related?.includes(data.id)) throw new SlussError('already-linked', { id: data.id, other: other.id });
  return {
    data: recordEvent(addRelated(data, other.id), actor, { action: 'linked', link: kind, other: other.id }),
    other: recordEvent(addRelated(other, data.id), actor, { action: 'linked', link: kind, other: data.id }),
  };
}

export function unlinkIdeas(data: IdeaData, other: IdeaData, kind: LinkKind, actor: Actor): { data: IdeaData; other: IdeaData } {
  const event = (id: string) => ({ action: 'unlinked' as const, link: kind, other: id });
  if (kind === 'duplicate_of') {
    if (data.links?.duplicate_of !== other.id) throw new SlussError('not-linked', { id: data.id, other: other.id });
    return { data: recordEvent(withoutLink(data, 'duplicate_of', other.id), actor, event(other.id)), other };
  }
  const here = data.links?.related?.includes(other.id) ?? false;
  const there = other.links?.related?.includes(data.id) ?? false;
  if (!here && !there) throw new SlussError('not-linked', { id: data.id, other: other.id });
  // A link a hand edit left on one end only is removed from that end; the history says so on both.
  return {
    data: recordEvent(withoutLink(data, 'related', other.id), actor, event(other.id)),
    other: recordEvent(withoutLink(other, 'related', data.id), actor, event(data.id)),
  };
}

function addRelated(data: IdeaData, id: string): IdeaData {
  const related = [...new Set([...(data.links?.related ?? []), id])];
  return { ...data, links: { ...data.links, related } };
}

/** The idea without one link; `links` disappears when nothing is left in it. */
export function withoutLink(data: IdeaData, kind: keyof IdeaLinks, id: string): IdeaData {
  const { [kind]: value, ...rest } = data.links ?? {};
  const kept = Array.isArray(value) ? value.filter((item) => item !== id) : value === id ? undefined : value;
  const links: IdeaLinks = Array.isArray(kept) ? (kept.length > 0 ? { ...rest, [kind]: kept } : rest) : kept !== undefined ? { ...rest, [kind]: kept } : rest;
  const { links: _old, ...without } = data;
  return Object.keys(links).length > 0 ? { ...without, links } : without;
}

/**
 * Records that two ideas are not duplicates, on the first idea, so add, similar,
 * review and the duplicate scan never flag the pair again.
 */
export function markNotDuplicate(data: IdeaData, other: IdeaData, actor: Actor & { note?: string | undefined }): IdeaData {
  if (data.id === other.id) throw new SlussError('link-invalid', { id: data.id, other: other.id });
  if ((data.links?.not_duplicates ?? []).includes(other.id)) throw new SlussError('already-linked', { id: data.id, other: other.id });
  const links = { ...data.links, not_duplicates: [...(data.links?.not_duplicates ?? []), other.id] };
  return recordEvent({ ...data, links }, actor, { action: 'not-duplicate', other: other.id, ...(actor.note ? { note: actor.note } : {}) });
}

// ---- Duplicate chains ------------------------------------------------------------

/** Whether the idea is itself a duplicate: in a stage of kind duplicate, or pointing at another idea. */
export function isDuplicate(config: RegisterConfig, data: Pick<IdeaData, 'status' | 'links'>): boolean {
  return data.links?.duplicate_of !== undefined || findStage(config, data.status)?.kind === 'duplicate';
}

export type ChainEnd =
  | { kind: 'live'; id: string }
  /** The chain comes back to an idea already on it. */
  | { kind: 'cycle'; chain: string[] }
  /** An idea on the chain is a duplicate that points nowhere. */
  | { kind: 'dead-end'; chain: string[] }
  /** An idea on the chain does not exist. */
  | { kind: 'missing'; chain: string[] };

/** Follows `duplicate_of` from an idea to the idea that lives on, or says why there is none. */
export function followDuplicates(config: RegisterConfig, startId: string, lookup: (id: string) => IdeaData | undefined): ChainEnd {
  const chain: string[] = [];
  let id: string | undefined = startId;
  while (id !== undefined) {
    if (chain.includes(id)) return { kind: 'cycle', chain: [...chain, id] };
    chain.push(id);
    const data = lookup(id);
    if (!data) return { kind: 'missing', chain };
    if (!isDuplicate(config, data)) return { kind: 'live', id };
    id = data.links?.duplicate_of;
  }
  return { kind: 'dead-end', chain };
}

/**
 * Refuses to make `duplicateId` a duplicate of `targetId` when the target is
 * itself a duplicate (naming the idea that lives on, so the user can pick it)
 * or when the link would close a circle.
 */
export function checkDuplicateTarget(config: RegisterConfig, duplicateId: string, targetId: string, lookup: (id: string) => IdeaData | undefined): void {
  if (duplicateId === targetId) throw new SlussError('link-invalid', { id: duplicateId, other: targetId });
  const target = lookup(targetId);
  if (!target || !isDuplicate(config, target)) return;
  const end = followDuplicates(config, targetId, (id) => (id === duplicateId ? undefined : lookup(id)));
  if (end.kind === 'missing' && end.chain.at(-1) === duplicateId) throw new SlussError('duplicate-cycle', { id: duplicateId, other: targetId, chain: [duplicateId, ...end.chain] });
  throw new SlussError('target-is-duplicate', { id: duplicateId, other: targetId, ...(end.kind === 'live' ? { survivor: end.id } : {}) });
}

/** Ideas that link to this one: its duplicates, and the ideas that list it as related. */
export function incomingLinks(id: string, all: readonly Pick<IdeaData, 'id' | 'links'>[]): { duplicates: string[]; related: string[] } {
  const duplicates: string[] = [];
  const related: string[] = [];
  for (const other of all) {
    if (other.links?.duplicate_of === id) duplicates.push(other.id);
    if (other.links?.related?.includes(id)) related.push(other.id);
  }
  return { duplicates: duplicates.sort(), related: related.sort() };
}
