/**
 * The parts of `sluss review` in words: a change, a rule, a likely duplicate
 * or an override. The renderers (cli/commands/review-run.ts) escape what
 * these return for their format, since titles and names come from files
 * anyone can edit.
 */
import { displayName } from '../core/config.js';
import type { RegisterConfig } from '../core/config.js';
import type { Lang } from '../core/lang.js';
import { maskPersonalData } from '../core/personal-data.js';
import type { IdeaChange } from '../core/review/diff.js';
import type { BranchDuplicate } from '../core/review/duplicates.js';
import type { ReviewerNeed, RuleResult } from '../core/review/rules.js';
import { truncateWords } from './table.js';
import type { ReviewText } from './review-text.js';

/** How much of a new idea's problem text a reviewer sees in the list; the file has the rest. */
const PROBLEM_EXCERPT = 160;

function valueText(value: unknown, none: string): string {
  if (value === null || value === undefined || value === '') return none;
  if (Array.isArray(value)) return value.length === 0 ? none : value.map(String).join(', ');
  return String(value);
}

/** A score as the reader's language writes a decimal: `0,87` in Swedish. */
export function scoreText(score: number, lang: Lang): string {
  const text = score.toFixed(2);
  return lang === 'sv' ? text.replace('.', ',') : text;
}

/** One change in words, with stage and municipality names from sluss.yaml. */
export function describeChange(text: ReviewText, config: RegisterConfig, change: IdeaChange): string {
  const stage = (code: string) => displayName(config.stages, code);
  const municipality = (code: string) => displayName(config.municipalities, code);
  const role = (code: string) => text.roles[code] ?? code;
  const c = text.changes;
  switch (change.kind) {
    case 'added': {
      // A pull-request comment spreads further than the file: personal data in the text stays masked there.
      const problem = truncateWords(maskPersonalData(change.problem).replace(/\s+/g, ' ').trim(), PROBLEM_EXCERPT);
      return c.added(municipality(change.municipality), displayName(config.categories, change.category), problem);
    }
    case 'deleted':
      return c.deleted;
    case 'moved':
      return c.moved(stage(change.from), stage(change.to), (change.authors ?? []).map((a) => a.name).join(', ') || change.by || '');
    case 'joined':
      return c.joined(municipality(change.municipality), role(change.role), change.share);
    case 'left':
      return c.left(municipality(change.municipality));
    case 'participant-changed': {
      const parts = [
        ...(change.role ? [c.role(role(change.role.from), role(change.role.to))] : []),
        ...(change.share ? [c.share(valueText(change.share.from, text.none), valueText(change.share.to, text.none))] : []),
      ];
      return c.participantChanged(municipality(change.municipality), parts.join(', '));
    }
    case 'link-added':
      return c.linkAdded(change.link, change.target);
    case 'link-removed':
      return c.linkRemoved(change.link, change.target);
    case 'assessment-added':
      return c.assessmentAdded(change.by, change.date);
    case 'assessment-changed':
      return c.assessmentChanged(change.by, change.date);
    case 'assessment-removed':
      return c.assessmentRemoved;
    case 'history-rewritten':
      return c.historyRewritten(change.entries);
    case 'edited': {
      const field = text.fields[change.field] ?? change.field;
      if (!('from' in change) && !('to' in change)) return c.edited(field);
      const show = (value: unknown) =>
        change.field === 'municipality' ? municipality(String(value)) : change.field === 'category' ? displayName(config.categories, String(value)) : valueText(value, text.none);
      return c.editedValue(field, show(change.from), show(change.to));
    }
  }
}

/** A rule's outcome in words. */
export function describeRule(text: ReviewText, config: RegisterConfig, rule: RuleResult): string {
  if (rule.rule === 'never-delete') return text.rule.neverDelete(rule.id);
  if (rule.rule === 'history-append-only') return text.rule.historyAppendOnly(rule.id, rule.entries);
  const from = displayName(config.stages, rule.from);
  const to = displayName(config.stages, rule.to);
  if (rule.rule === 'workflow-move') {
    return rule.reason === 'transition'
      ? text.rule.transitionRefused(rule.id, from, to, rule.allowed.map((code) => displayName(config.stages, code)).join(', ') || '–')
      : text.rule.assessmentMissing(rule.id, from, to);
  }
  const confirmed = rule.confirmedBy;
  if (confirmed) {
    const say = confirmed.how === 'actor' ? text.rule.coordinatorByActor : confirmed.how === 'approval' ? text.rule.coordinatorByApproval : text.rule.coordinatorByGit;
    return say(rule.id, from, to, confirmed.who);
  }
  const allowed = rule.allowed.join(', ') || text.rule.noCoordinators;
  if (rule.mode === 'local') return text.rule.coordinatorMissingLocal(rule.id, from, to, rule.madeBy.join(', ') || text.nobody, allowed);
  const claims = rule.madeBy.length > 0 ? text.rule.gitClaims(rule.madeBy.join(', ')) : '';
  return text.rule.coordinatorMissingForge(rule.id, from, to, rule.actor ?? text.noActor, allowed) + claims;
}

export function describeReviewerStatus(text: ReviewText, need: ReviewerNeed): string {
  return need.status === 'approved' ? text.reviewerStatus.approved(need.approvedBy.join(', ')) : text.reviewerStatus[need.status];
}

/** A likely duplicate or an override in words: the pair, then how it stands. */
export function describeDuplicate(text: ReviewText, config: RegisterConfig, lang: Lang, d: BranchDuplicate): { pair: string; status: string } {
  const facts = [
    displayName(config.municipalities, d.candidate.municipality),
    displayName(config.stages, d.candidate.status),
    ...(d.candidate.isNew ? [text.duplicateFacts.isNew] : []),
    ...(d.candidate.score !== undefined ? [text.duplicateFacts.score(scoreText(d.candidate.score, lang))] : []),
  ].join(', ');
  const pair = text.duplicate(d.id, d.title, `${d.candidate.id} ${d.candidate.title}`, facts);
  if (d.decision === 'undecided') return { pair, status: text.undecided };
  const declared = d.declared?.source === 'git' ? text.declaredByGit(d.declared.by || text.nobody) : text.declared(d.declared?.by ?? text.nobody, d.declared?.date);
  const approval = d.approval;
  const verdict = !approval?.needed
    ? text.overrideNotNeeded
    : approval.approvedBy.length > 0
      ? text.overrideApproved(approval.approvedBy.join(', '))
      : text.overrideNeeded(approval.approvers.join(', ') || text.rule.noCoordinators);
  return { pair, status: `${declared}; ${verdict}` };
}
