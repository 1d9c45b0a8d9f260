/**
 * What `sluss add` does when similar ideas exist. On a terminal the user
 * chooses; the preselected answer never joins or links (with a likely
 * duplicate it writes nothing at all), and joining needs a second yes that
 * names the idea joined. Without a terminal `--on-duplicate` decides.
 *
 * Only a living idea can be joined: a declined idea is shown as history
 * (when and why it was declined), and an idea marked as a duplicate stands
 * aside for the idea it is a duplicate of.
 */
import type { CommandContext } from './ports.js';
import { displayName, findStage } from '../core/config.js';
import type { RegisterConfig } from '../core/config.js';
import type { DuplicateCandidate } from '../core/duplicates.js';
import type { Idea } from '../core/idea.js';
import { ansiStyle, plainStyle, renderCandidates } from '../ui/render.js';
import { safeLine, safeText } from '../ui/terminal-text.js';
import { ui } from '../ui/text.js';

export const ON_DUPLICATE = ['abort', 'new', 'join', 'related'] as const;
export type OnDuplicate = (typeof ON_DUPLICATE)[number];

export type Decision = { action: 'new'; notDuplicates?: string[] } | { action: 'related'; ids: string[] } | { action: 'join'; id: string } | { action: 'abort' } | { action: 'cancel' };

/** An idea a municipality may join; `insteadOf` is the duplicate it stands for. */
export interface JoinTarget {
  idea: Idea;
  insteadOf?: string;
}

export interface DeclinedIdea {
  id: string;
  title: string;
  date?: string;
  reason?: string;
}

export interface JoinOffers {
  targets: JoinTarget[];
  declined: DeclinedIdea[];
  /** Ideas the municipality takes part in already: nothing to join. */
  joinedAlready: Idea[];
}

/** Links followed from a duplicate to the idea that lives on; a longer chain is a loop. */
const MAX_DUPLICATE_CHAIN = 20;

const kindOf = (config: RegisterConfig, idea: Idea) => findStage(config, idea.data.status)?.kind;

/** The idea a duplicate was merged into, following a chain of duplicates; undefined when there is none. */
function survivorOf(config: RegisterConfig, ideaOf: (id: string) => Idea | undefined, duplicate: Idea): Idea | undefined {
  let current = duplicate;
  for (let step = 0; step < MAX_DUPLICATE_CHAIN; step++) {
    const next = current.data.links?.duplicate_of;
    const survivor = next === undefined ? undefined : ideaOf(next);
    if (!survivor) return undefined;
    if (kindOf(config, survivor) !== 'duplicate') return survivor;
    current = survivor;
  }
  return undefined;
}

/** When and why an idea was declined: the history entry that moved it to its declined stage. */
function declinedIdea(idea: Idea): DeclinedIdea {
  const entry = [...idea.data.history].reverse().find((e) => e.status === idea.data.status);
  const reason = entry?.note ?? idea.data.assessment?.motivation;
  return { id: idea.data.id, title: idea.data.title, ...(entry ? { date: entry.date } : {}), ...(reason ? { reason } : {}) };
}

/**
 * Which candidates `municipality` (a code) can join, in the candidates' order;
 * declined ideas and ideas it takes part in already apart, duplicates replaced
 * by their survivor.
 */
export function joinOffers(config: RegisterConfig, ideaOf: (id: string) => Idea | undefined, candidates: readonly DuplicateCandidate[], municipality: string): JoinOffers {
  const targets: JoinTarget[] = [];
  const declined: DeclinedIdea[] = [];
  const joinedAlready: Idea[] = [];
  const offered = new Set<string>();
  const offer = (target: JoinTarget) => {
    if (offered.has(target.idea.data.id)) return;
    offered.add(target.idea.data.id);
    if (target.idea.data.municipalities.some((p) => p.municipality === municipality)) joinedAlready.push(target.idea);
    else targets.push(target);
  };
  for (const candidate of candidates) {
    const idea = ideaOf(candidate.id);
    if (!idea) continue;
    const kind = kindOf(config, idea);
    if (kind === 'declined') declined.push(declinedIdea(idea));
    else if (kind !== 'duplicate') offer({ idea });
    else {
      const survivor = survivorOf(config, ideaOf, idea);
      if (survivor && kindOf(config, survivor) === 'declined') declined.push(declinedIdea(survivor));
      else if (survivor) offer({ idea: survivor, insteadOf: idea.data.id });
    }
  }
  return { targets, declined, joinedAlready };
}

/** Likely duplicates, or the best candidate when none is likely. */
function relatedIds(candidates: readonly DuplicateCandidate[]): string[] {
  const likely = candidates.filter((c) => c.likelyDuplicate).map((c) => c.id);
  return likely.length > 0 ? likely : candidates.slice(0, 1).map((c) => c.id);
}

export interface DecideInput {
  config: RegisterConfig;
  candidates: readonly DuplicateCandidate[];
  ideaOf: (id: string) => Idea | undefined;
  /** The municipality the new idea came from: its code, and its name for the questions. */
  municipality: { code: string; name: string };
  onDuplicate: OnDuplicate;
  /** Print candidates and choices on stderr; off for --json. */
  chatty: boolean;
  /** Whether answers were typed at the questions, so cancelling keeps them in a file (the cancel choice says so only then). */
  keepsTypedAnswers?: boolean;
}

export async function decide(ctx: CommandContext, input: DecideInput): Promise<Decision> {
  const { config, candidates } = input;
  const text = ui(ctx.lang);
  const likely = candidates.filter((c) => c.likelyDuplicate);
  const offers = joinOffers(config, input.ideaOf, ctx.prompter ? candidates : likely, input.municipality.code);
  if (input.chatty) {
    const style = ctx.output.color ? ansiStyle : plainStyle;
    ctx.output.info(candidates.length === 0 ? text.noCandidates : renderCandidates(text, style, config, candidates));
    for (const declined of offers.declined) ctx.output.info(safeText(text.declinedHistory(declined.id, declined.title, declined.date, declined.reason)));
    for (const target of offers.targets) if (target.insteadOf) ctx.output.info(text.duplicateRedirect(target.insteadOf, target.idea.data.id));
    for (const idea of offers.joinedAlready) ctx.output.info(safeLine(text.takesPartAlready(input.municipality.name, idea.data.id, idea.data.title)));
  }
  if (ctx.prompter && candidates.length > 0) return choose(ctx, input, offers.targets, likely);
  if (likely.length === 0) return { action: 'new' };
  switch (input.onDuplicate) {
    case 'abort':
      return { action: 'abort' };
    case 'join':
      return offers.targets[0] ? { action: 'join', id: offers.targets[0].idea.data.id } : { action: 'abort' };
    case 'related':
      return { action: 'related', ids: relatedIds(candidates) };
    default:
      return { action: 'new', notDuplicates: likely.map((c) => c.id) };
  }
}

/** The question on a terminal, asked again when a join is not confirmed. */
async function choose(ctx: CommandContext, input: DecideInput, targets: readonly JoinTarget[], likely: readonly DuplicateCandidate[]): Promise<Decision> {
  const prompter = ctx.prompter!;
  const text = ui(ctx.lang);
  const { config } = input;
  for (;;) {
    const choice = await prompter.select<string>({
      message: text.chooseAction,
      choices: [
        { value: 'new', name: text.actionNew },
        ...targets.map((t) => ({ value: `join:${t.idea.data.id}`, name: safeLine(text.actionJoin(input.municipality.name, t.idea.data.id, t.idea.data.title)) })),
        { value: 'related', name: text.actionRelated },
        { value: 'cancel', name: input.keepsTypedAnswers ? text.actionCancelKeepingAnswers : text.actionCancel },
      ],
      // Never a join or a link; over a likely duplicate not even a new idea.
      default: likely.length > 0 ? 'cancel' : 'new',
    });
    if (choice === 'related') return { action: 'related', ids: relatedIds(input.candidates) };
    if (choice === 'cancel') return { action: 'cancel' };
    if (choice === 'new') return { action: 'new', notDuplicates: likely.map((c) => c.id) };
    const target = targets.find((t) => `join:${t.idea.data.id}` === choice)!.idea.data;
    const confirmed = await prompter.confirm({
      // Titles and reasons come from files: shown escaped in every question and line.
      message: safeLine(text.confirmJoin(input.municipality.name, target.id, target.title, displayName(config.municipalities, target.municipality), displayName(config.stages, target.status))),
      default: false,
    });
    if (confirmed) return { action: 'join', id: target.id };
  }
}
