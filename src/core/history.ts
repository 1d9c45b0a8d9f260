/**
 * The idea's history as events. Entries sluss writes carry their `action` and
 * the facts (municipality, role, share, the other idea, scores); sentences are
 * made from them only when shown, in the reader's language (ui/history-text).
 *
 * Registers written before that have entries with only `from`/`status` and a
 * generated sentence in `note` ("Hjo anslöt som medfinansiär."). They are read
 * here, once, so show, report and validate all see the same events; the files
 * stay as they are.
 */
import { findMunicipality } from './config.js';
import type { RegisterConfig } from './config.js';
import type { Assessment, HistoryAction, HistoryEntry, IdeaData, Role } from './idea.js';

/** Who does something, and when. */
export interface Actor {
  /** Who does it (the git identity, or --by). */
  by: string;
  today: string;
}

/** A history entry whose action is known. */
export interface HistoryEvent extends HistoryEntry {
  action: HistoryAction;
}

/** The facts of a new event; date, who and the stage after it come from the actor and the idea. */
export type NewEvent = Omit<HistoryEvent, 'date' | 'by' | 'status'> & { status?: string };

/** Adds an event to the idea's history and marks the idea as updated today. */
export function recordEvent(data: IdeaData, actor: Actor, event: NewEvent): IdeaData {
  const note = event.note?.trim();
  const entry: HistoryEntry = { ...event, date: actor.today, status: event.status ?? data.status, by: actor.by };
  if (note) entry.note = note;
  else delete entry.note;
  return { ...data, updated: actor.today, history: [...data.history, entry] };
}

/** Every entry of the idea's history as an event, old entries read from their sentences. */
export function eventsOf(config: RegisterConfig, data: Pick<IdeaData, 'history'>): HistoryEvent[] {
  return data.history.map((entry, index) => eventOf(config, entry, index));
}

/** What an older entry without a sentence in `note` can be: it was written by add or move. */
const ACTIONS_WITHOUT_SENTENCE: ReadonlySet<HistoryAction> = new Set(['created', 'moved', 'note']);

/**
 * The events of one action, oldest first. The report asks this of each of
 * 50,000 ideas from several sections: an entry that carries its action is
 * taken as it is, and an older entry that cannot be of this action is passed
 * over, so nothing is built for entries not asked for (building every event
 * each time, or keeping them in a WeakMap, cost about a tenth of the report).
 */
export function eventsWithAction(config: RegisterConfig, data: Pick<IdeaData, 'history'>, action: HistoryAction): HistoryEvent[] {
  const found: HistoryEvent[] = [];
  data.history.forEach((entry, index) => {
    if (entry.action !== undefined) {
      if (entry.action === action) found.push(entry as HistoryEvent);
      return;
    }
    if (entry.note === undefined && !ACTIONS_WITHOUT_SENTENCE.has(action)) return;
    const event = eventOf(config, entry, index);
    if (event.action === action) found.push(event);
  });
  return found;
}

export function eventOf(config: RegisterConfig, entry: HistoryEntry, index: number): HistoryEvent {
  if (entry.action !== undefined) return entry as HistoryEvent;
  const legacy = entry.note === undefined ? undefined : readLegacySentence(config, entry.note.trim());
  if (legacy) {
    const { note, ...facts } = legacy;
    const { note: _sentence, ...rest } = entry;
    return { ...rest, ...facts, ...(note ? { note } : {}) };
  }
  if (entry.from !== undefined && entry.from !== entry.status) return { ...entry, action: 'moved' };
  return { ...entry, action: index === 0 ? 'created' : 'note' };
}

// ---- Sentences older sluss versions wrote into `note`, in Swedish or English ----

const ROLE_WORDS: Record<string, Role> = { intresserad: 'interested', interested: 'interested', medfinansiär: 'co-funder', 'co-funder': 'co-funder', ägare: 'owner', owner: 'owner' };
const ID = '([0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{5})';
const JOINED = /^(.+?) (?:anslöt som|joined as) (\S+?)\.(?: (?:Kostnadsandel|Cost share) (\d+(?:\.\d+)?) %\.)?$/;
const LEFT = /^(.+?) (?:lämnade idén|left the idea)\.(?: (.*))?$/s;
const MERGED_FROM = new RegExp(`^${ID} (?:slogs ihop med denna idé|was merged into this idea)\\.(?: .+? (?:deltar nu|now take part)\\.)?(?: (.*))?$`, 's');
const MERGED_INTO = new RegExp(`^(?:Dubblett av|Duplicate of) ${ID}\\.(?: (.*))?$`, 's');
const NOT_DUPLICATE = new RegExp(`^(?:Inte en dubblett av|Not a duplicate of) ${ID}\\.(?: (.*))?$`, 's');

type LegacyFacts = Omit<NewEvent, 'status'>;

function readLegacySentence(config: RegisterConfig, note: string): LegacyFacts | undefined {
  const code = (name: string) => findMunicipality(config, name)?.code ?? name;
  let match = JOINED.exec(note);
  const role = match && ROLE_WORDS[match[2]!];
  if (match && role) return { action: 'joined', municipality: code(match[1]!), role, ...(match[3] !== undefined ? { share: Number(match[3]) } : {}) };
  match = LEFT.exec(note);
  if (match) return { action: 'left', municipality: code(match[1]!), ...(match[2] ? { note: match[2] } : {}) };
  for (const [pattern, action] of [
    [MERGED_FROM, 'merged-from'],
    [MERGED_INTO, 'merged-into'],
    [NOT_DUPLICATE, 'not-duplicate'],
  ] as const) {
    match = pattern.exec(note);
    if (match) return { action, other: match[1]!, ...(match[2] ? { note: match[2] } : {}) };
  }
  const scores = readScoreSummary(config, note);
  return scores ? { action: 'assessed', scores } : undefined;
}

/** `Nytta 4, Effekter 3, Genomförbarhet 5`: the summary `assess` wrote, one score per criterion. */
function readScoreSummary(config: RegisterConfig, note: string): Record<string, number> | undefined {
  const criteria = config.assessment.criteria;
  const parts = note.split(', ');
  if (parts.length !== criteria.length) return undefined;
  const scores: Record<string, number> = {};
  for (const part of parts) {
    const match = /^(.+) ([1-5])$/.exec(part);
    const criterion = match && criteria.find((c) => c.name.toLowerCase() === match[1]!.toLowerCase() || c.code === match[1]);
    if (!criterion || scores[criterion.code] !== undefined) return undefined;
    scores[criterion.code] = Number(match![2]);
  }
  return scores;
}

// ---- Assessments ---------------------------------------------------------------

/**
 * Every assessment the idea has had, oldest first. Each `assessed` event is
 * one; the whole record (with its motivation) comes from the `replaced` of the
 * event that replaced it, or from `assessment` for the one that holds. Older
 * registers kept only the scores of a replaced assessment in a note: that is
 * what is shown of it.
 */
export function assessmentsOf(config: RegisterConfig, data: Pick<IdeaData, 'history' | 'assessment'>): Assessment[] {
  const list: Assessment[] = [];
  const putLast = (assessment: Assessment) => {
    const last = list.at(-1);
    if (last && last.date === assessment.date && last.by === assessment.by) list[list.length - 1] = assessment;
    else list.push(assessment);
  };
  eventsWithAction(config, data, 'assessed').forEach((event) => {
    if (event.replaced) putLast(event.replaced);
    list.push({ date: event.date, by: event.by, scores: event.scores ?? {} });
  });
  if (data.assessment) putLast(data.assessment);
  return list;
}

/** The assessment that held at the end of `asOf`: the newest made by then. */
export function assessmentAsOf(config: RegisterConfig, data: Pick<IdeaData, 'history' | 'assessment'>, asOf: string): Assessment | undefined {
  return assessmentsOf(config, data)
    .filter((assessment) => assessment.date <= asOf)
    .reduce<Assessment | undefined>((newest, assessment) => (newest === undefined || assessment.date >= newest.date ? assessment : newest), undefined);
}
