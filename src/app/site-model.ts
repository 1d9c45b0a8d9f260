/**
 * The register as the public site may show it. Each public field is copied
 * by name; nothing is passed on whole, so a field added to the idea format
 * later stays off the site until someone decides it is public. Never copied:
 * `received_by`, the submitter's e-mail and phone (the name only with
 * consent), the assessment, who made each change and every history note.
 */
import { displayName, findCategory, findMunicipality, findStage } from '../core/config.js';
import type { RegisterConfig } from '../core/config.js';
import { parseSections } from '../core/format/idea-file.js';
import { SECTIONS } from '../core/idea.js';
import type { IdeaData, IdeaWithBody } from '../core/idea.js';
import type { FilterChoice, Intake, ListFilters, PublicIdea, PublicMunicipality, SiteModel } from '../ui/site/model.js';

export function ideaHref(id: string): string {
  return `ideas/${id}.html`;
}

/** `intake:` of a municipality in sluss.yaml (checked by the schema), reduced to its known keys. */
function intakeOf(municipality: { intake?: unknown }): Intake | undefined {
  const raw = municipality.intake as Intake | undefined;
  if (!raw) return undefined;
  return { ...(raw.email ? { email: raw.email } : {}), ...(raw.name ? { name: raw.name } : {}), ...(raw.issues ? { issues: raw.issues } : {}) };
}

export function publicMunicipalities(config: RegisterConfig): PublicMunicipality[] {
  return config.municipalities.map((m) => {
    const intake = intakeOf(m as { intake?: unknown });
    return { code: m.code, name: m.name, ...(intake ? { intake } : {}) };
  });
}

/** Only stage changes are public: the date and the stages, not who made them or why. */
function movesOf(config: RegisterConfig, data: IdeaData): PublicIdea['moves'] {
  return data.history
    .filter((entry, i) => i === 0 || (entry.from !== undefined && entry.from !== entry.status))
    .map((entry) => ({ date: entry.date, ...(entry.from ? { from: displayName(config.stages, entry.from) } : {}), to: displayName(config.stages, entry.status) }));
}

export function publicIdeaOf(config: RegisterConfig, municipalities: ReadonlyMap<string, PublicMunicipality>, idea: IdeaWithBody, titles: ReadonlyMap<string, string>): PublicIdea {
  const { data } = idea;
  const sections = parseSections(idea.body);
  const link = (id: string) => ({ id, title: titles.get(id) ?? id, href: ideaHref(id) });
  const known = (id: string) => titles.has(id);
  return {
    id: data.id,
    title: data.title,
    href: ideaHref(data.id),
    // Codes, as the list's filters offer them: an idea file may name a stage, municipality or category by its name.
    status: findStage(config, data.status)?.code ?? data.status,
    stageName: displayName(config.stages, data.status),
    municipality: municipalities.get(findMunicipality(config, data.municipality)?.code ?? data.municipality) ?? { code: data.municipality, name: data.municipality },
    participants: data.municipalities.map((p) => ({ code: findMunicipality(config, p.municipality)?.code ?? p.municipality, name: displayName(config.municipalities, p.municipality), role: p.role, ...(p.share === undefined ? {} : { share: p.share }) })),
    category: findCategory(config, data.category)?.code ?? data.category,
    categoryName: displayName(config.categories, data.category),
    tags: [...(data.tags ?? [])],
    created: data.created,
    sections: SECTIONS.filter(({ key }) => sections[key].trim() !== '').map(({ key }) => ({ key, text: sections[key].trim() })),
    moves: movesOf(config, data),
    ...(data.links?.duplicate_of && known(data.links.duplicate_of) ? { duplicateOf: link(data.links.duplicate_of) } : {}),
    related: (data.links?.related ?? []).filter(known).map(link),
    ...(data.submitter?.consent ? { submitter: data.submitter.name } : {}),
  };
}

/** The list's filter choices: municipalities taking part in some idea (by name), stages and categories some idea is in (in the register's order), every tag used. */
function listFiltersOf(config: RegisterConfig, ideas: readonly PublicIdea[]): ListFilters {
  const used = (codes: Iterable<string>) => new Set(codes);
  const inOrder = (declared: readonly FilterChoice[], codes: ReadonlySet<string>) => declared.filter((d) => codes.has(d.code)).map(({ code, name }) => ({ code, name }));
  const byName = (a: string, b: string) => a.localeCompare(b, config.language);
  const municipalities = used(ideas.flatMap((idea) => [idea.municipality.code, ...idea.participants.map((p) => p.code)]));
  return {
    municipalities: [...municipalities].map((code) => ({ code, name: displayName(config.municipalities, code) })).sort((a, b) => byName(a.name, b.name)),
    stages: inOrder(config.stages.map((s) => ({ code: s.code, name: displayName(config.stages, s.code) })), used(ideas.map((idea) => idea.status))),
    categories: inOrder(config.categories.map((c) => ({ code: c.code, name: displayName(config.categories, c.code) })), used(ideas.map((idea) => idea.category))),
    tags: [...used(ideas.flatMap((idea) => idea.tags))].sort(byName),
  };
}

/** The whole site's content, newest ideas first, with the figures and the latest moves of the start page. */
export function siteModelOf(config: RegisterConfig, ideas: readonly IdeaWithBody[], built: string, baseUrl: string): SiteModel {
  const municipalities = publicMunicipalities(config);
  const byCode = new Map(municipalities.map((m) => [m.code, m]));
  const titles = new Map(ideas.map((idea) => [idea.data.id, idea.data.title]));
  const sorted = [...ideas].sort((a, b) => (a.data.created === b.data.created ? (a.data.id < b.data.id ? -1 : 1) : a.data.created < b.data.created ? 1 : -1));
  const publicIdeas = sorted.map((idea) => publicIdeaOf(config, byCode, idea, titles));
  const done = new Set(config.stages.filter((s) => s.kind === 'done').map((s) => s.code));
  const movements = publicIdeas
    .flatMap((idea) => idea.moves.filter((m) => m.from !== undefined).map((m) => ({ date: m.date, idea: { id: idea.id, title: idea.title, href: idea.href }, from: m.from as string, to: m.to })))
    .sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1));
  return {
    name: config.name,
    built,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    ideas: publicIdeas,
    municipalities,
    figures: {
      ideas: ideas.length,
      shared: ideas.filter((idea) => new Set(idea.data.municipalities.map((p) => p.municipality)).size > 1).length,
      inUse: ideas.filter((idea) => done.has(idea.data.status)).length,
    },
    filters: listFiltersOf(config, publicIdeas),
    movements,
  };
}
