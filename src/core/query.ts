/** Filters for `sluss list` and friends. Pure. */
import { findCategory, findMunicipality, findStage, resolveCategory, resolveMunicipality, resolveStage } from './config.js';
import type { RegisterConfig, StageKind } from './config.js';
import { STAGE_KINDS } from './config.js';
import { SlussError } from './errors.js';
import type { Idea } from './idea.js';
import { isIsoDate } from './report/periods.js';
import { compareCodeUnits, foldCase } from './text.js';

export interface IdeaFilter {
  status?: string[];
  kind?: string[];
  municipality?: string[];
  category?: string[];
  tag?: string[];
  since?: string;
}

/** Resolves display names to codes once, so a typo fails before any idea is looked at. */
export function compileFilter(config: RegisterConfig, filter: IdeaFilter): (idea: Idea) => boolean {
  const statuses = filter.status?.map((s) => resolveStage(config, s).code);
  const kinds = filter.kind?.map((k) => {
    if (!(STAGE_KINDS as readonly string[]).includes(k)) throw new SlussError('usage', { option: '--kind', value: k, known: [...STAGE_KINDS] });
    return k as StageKind;
  });
  const municipalities = filter.municipality?.map((m) => resolveMunicipality(config, m).code);
  const categories = filter.category?.map((c) => resolveCategory(config, c).code);
  const tags = filter.tag?.map(foldCase);
  // The same date check as report --since: a real day of the calendar.
  if (filter.since !== undefined && !isIsoDate(filter.since)) {
    throw new SlussError('usage', { option: '--since', value: filter.since, expects: 'date' });
  }
  return (idea) => {
    const data = idea.data;
    const stage = findStage(config, data.status);
    if (statuses && !statuses.includes(stage?.code ?? data.status)) return false;
    if (kinds && (!stage || !kinds.includes(stage.kind))) return false;
    if (municipalities) {
      const involved = [data.municipality, ...data.municipalities.map((p) => p.municipality)].map(
        (m) => findMunicipality(config, m)?.code ?? m,
      );
      if (!municipalities.some((m) => involved.includes(m))) return false;
    }
    if (categories && !categories.includes(findCategory(config, data.category)?.code ?? data.category)) return false;
    if (tags && !tags.every((tag) => (data.tags ?? []).some((t) => foldCase(t) === tag))) return false;
    if (filter.since !== undefined && data.created < filter.since) return false;
    return true;
  };
}

/** Newest first, then by id, so listings are stable. */
export function sortIdeas(ideas: readonly Idea[]): Idea[] {
  return [...ideas].sort((a, b) => compareCodeUnits(b.data.created, a.data.created) || compareCodeUnits(a.data.id, b.data.id));
}

/** Finds an idea by its id as people type it; a unique prefix is enough. */
export function findIdeaById<T extends { data: { id: string } }>(ideas: readonly T[], normalizedInput: string): T[] {
  const exact = ideas.filter((idea) => idea.data.id === normalizedInput);
  if (exact.length > 0) return exact;
  return ideas.filter((idea) => idea.data.id.replace('-', '').startsWith(normalizedInput.replace('-', '')));
}
