/**
 * The idea model. Field names follow the file format (schemas/idea.schema.json);
 * a test keeps these key lists and the schema in step.
 */

export const ROLES = ['owner', 'co-funder', 'interested'] as const;
export type Role = (typeof ROLES)[number];

export interface Participant {
  municipality: string;
  role: Role;
  share?: number;
  joined?: string;
}

/**
 * What a history entry records. Entries of older registers have no `action`
 * and only a sentence in `note`; core/history.ts reads those.
 */
export const HISTORY_ACTIONS = [
  'created',
  'moved',
  'assessed',
  'joined',
  'left',
  'participant-changed',
  'linked',
  'unlinked',
  'merged-into',
  'merged-from',
  'not-duplicate',
  'note',
] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

export const LINK_KINDS = ['duplicate_of', 'related'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/**
 * One event in the idea's life, as data: sentences are made from it when it
 * is shown, in the reader's language. `status` is the stage after the event
 * (the "to" of a move); `note` is only what a person wrote.
 */
export interface HistoryEntry {
  date: string;
  action?: HistoryAction;
  from?: string;
  status: string;
  by: string;
  /** joined, left, participant-changed: the municipality (code) and its role and share afterwards. */
  municipality?: string;
  role?: Role;
  share?: number;
  /** linked, unlinked: which kind of link. */
  link?: LinkKind;
  /** The other idea of a link, merge or not-duplicate decision. */
  other?: string;
  /** assessed: the scores given. */
  scores?: Record<string, number>;
  /** assessed with --replace: the assessment it replaced, kept whole. */
  replaced?: Assessment;
  note?: string;
}

export interface Consent {
  date: string;
  note?: string;
}

export interface Submitter {
  name: string;
  email?: string;
  phone?: string;
  consent: Consent;
}

export interface IdeaLinks {
  duplicate_of?: string;
  related?: string[];
  /** Ideas someone decided are not duplicates of this one; the pair is never flagged again. */
  not_duplicates?: string[];
}

/** The first assessment: a score 1–5 per criterion of sluss.yaml, and why. */
export interface Assessment {
  date: string;
  by: string;
  scores: Record<string, number>;
  motivation?: string;
}

export interface IdeaData {
  id: string;
  title: string;
  status: string;
  municipality: string;
  municipalities: Participant[];
  category: string;
  tags?: string[];
  created: string;
  updated?: string;
  received_by: string;
  submitter?: Submitter;
  links?: IdeaLinks;
  assessment?: Assessment;
  history: HistoryEntry[];
  /** Fields of the register's own (`x-…`), kept as they are. */
  [extension: `x-${string}` | `x_${string}`]: unknown;
}

/** Key order of the front matter; keys not listed (extensions) follow in their own order. */
export const IDEA_KEYS = [
  'id',
  'title',
  'status',
  'municipality',
  'municipalities',
  'category',
  'tags',
  'created',
  'updated',
  'received_by',
  'submitter',
  'links',
  'assessment',
  'history',
] as const satisfies readonly (keyof IdeaData)[];

export const REQUIRED_IDEA_KEYS = [
  'id',
  'title',
  'status',
  'municipality',
  'municipalities',
  'category',
  'created',
  'received_by',
  'history',
] as const satisfies readonly (keyof IdeaData)[];

/** Key order inside nested objects, by the path of the object. */
export const NESTED_KEY_ORDER: Readonly<Record<string, readonly string[]>> = {
  municipalities: ['municipality', 'role', 'share', 'joined'] satisfies (keyof Participant)[],
  history: ['date', 'action', 'from', 'status', 'by', 'municipality', 'role', 'share', 'link', 'other', 'scores', 'replaced', 'note'] satisfies (keyof HistoryEntry)[],
  'history.replaced': ['date', 'by', 'scores', 'motivation'] satisfies (keyof Assessment)[],
  submitter: ['name', 'email', 'phone', 'consent'] satisfies (keyof Submitter)[],
  'submitter.consent': ['date', 'note'] satisfies (keyof Consent)[],
  links: ['duplicate_of', 'related', 'not_duplicates'] satisfies (keyof IdeaLinks)[],
  assessment: ['date', 'by', 'scores', 'motivation'] satisfies (keyof Assessment)[],
};

/** The body's sections, in order, with the Swedish headings used in the file. */
export const SECTIONS = [
  { key: 'problem', heading: 'Problem/behov' },
  { key: 'idea', heading: 'Idé/lösning' },
  { key: 'benefit', heading: 'Nytta' },
  { key: 'effects', heading: 'Effekter' },
  { key: 'feasibility', heading: 'Genomförbarhet' },
] as const;

export type SectionKey = (typeof SECTIONS)[number]['key'];
export type IdeaSections = Record<SectionKey, string>;

/**
 * An idea as the register lists it. The Markdown body is not kept here: most
 * commands never need it, and 50,000 bodies would be most of their memory.
 */
export interface Idea {
  data: IdeaData;
  /** Path relative to the register root, with forward slashes. */
  path: string;
}

/** What ranking needs of every idea: which one it is, where and when it came, and how it is linked. */
export interface IdeaSummary {
  id: string;
  municipality: string;
  created: string;
  links?: IdeaLinks;
}

export function summaryOf(data: IdeaData): IdeaSummary {
  return { id: data.id, municipality: data.municipality, created: data.created, ...(data.links ? { links: data.links } : {}) };
}

/** An idea with its Markdown body, for the few uses that read the text (similarity, review, show). */
export interface IdeaWithBody extends Idea {
  body: string;
}

/** Who to contact about an idea: the submitter only with recorded consent, otherwise the receiving coach. */
export function contactOf(data: IdeaData): string {
  return data.submitter?.consent ? data.submitter.name : data.received_by;
}
