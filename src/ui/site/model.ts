/**
 * What the static site shows: only public fields, projected from the register
 * by src/app/site-model.ts. Nothing here can hold a submitter's e-mail or
 * phone, `received_by`, an assessment or a history note, so no page can show them.
 */

/** How a municipality takes in ideas (`intake:` in sluss.yaml). */
export interface Intake {
  /** The idea receiver's address: the form's `mailto:`. */
  email?: string;
  /** Who that is, as the municipality wants it shown (a function, not a person's private data). */
  name?: string;
  /** A forge's new-issue address (GitHub `…/issues/new`, GitLab `…/-/issues/new`) for a prefilled issue. */
  issues?: string;
}

export interface PublicMunicipality {
  code: string;
  name: string;
  intake?: Intake;
}

export interface IdeaRefLink {
  id: string;
  title: string;
  href: string;
}

export interface PublicIdea {
  id: string;
  title: string;
  /** Relative to the site's root. */
  href: string;
  status: string;
  stageName: string;
  municipality: PublicMunicipality;
  participants: { code: string; name: string; role: string; share?: number }[];
  category: string;
  categoryName: string;
  tags: string[];
  created: string;
  sections: { key: 'problem' | 'idea' | 'benefit' | 'effects' | 'feasibility'; text: string }[];
  /** The idea's moves between stages: dates and stages only, never who or why. */
  moves: { date: string; from?: string; to: string }[];
  duplicateOf?: IdeaRefLink;
  related: IdeaRefLink[];
  /** The submitter's name, only when consent to show it is recorded. */
  submitter?: string;
}

/** The names of the list's filters: the form's fields, the address's query (`?municipality=1496&tag=…`) and what the script reads. */
export const LIST_FILTERS = ['municipality', 'stage', 'category', 'tag'] as const;
export type ListFilterName = (typeof LIST_FILTERS)[number];

/** A value to filter by and its name as shown. */
export interface FilterChoice {
  code: string;
  name: string;
}

export interface ListFilters {
  municipalities: FilterChoice[];
  stages: FilterChoice[];
  categories: FilterChoice[];
  tags: string[];
}

export interface SiteModel {
  name: string;
  /** The date the site was built, YYYY-MM-DD. */
  built: string;
  /** Absolute address the site is published at, without a trailing slash; '' when unknown. */
  baseUrl: string;
  ideas: PublicIdea[];
  municipalities: PublicMunicipality[];
  figures: { ideas: number; shared: number; inUse: number };
  /** The choices of the idea list's filters: only values some idea has, stages and categories in the register's order. */
  filters: ListFilters;
  movements: { date: string; idea: IdeaRefLink; from: string; to: string }[];
}
