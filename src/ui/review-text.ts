/** Words and sentences of `sluss review`, Swedish and English. */
import type { RegisterConfig } from '../core/config.js';
import { displayName } from '../core/config.js';
import type { Lang } from '../core/messages.js';
import type { IdeaChange, ReviewerNeed, RuleResult } from '../core/review.js';

const roleSv: Record<string, string> = { owner: 'ägare', 'co-funder': 'medfinansiär', interested: 'intresserad' };
const roleEn: Record<string, string> = { owner: 'owner', 'co-funder': 'co-funder', interested: 'interested' };

const fieldSv: Record<string, string> = {
  id: 'id',
  title: 'rubrik',
  municipality: 'ursprungskommun',
  category: 'verksamhetsområde',
  tags: 'taggar',
  created: 'skapad',
  updated: 'ändrad',
  received_by: 'mottagen av',
  submitter: 'idégivare',
  history: 'historik (tidigare poster omskrivna)',
  path: 'filnamn',
  text: 'text',
  'text.problem': 'texten Problem/behov',
  'text.idea': 'texten Idé/lösning',
  'text.benefit': 'texten Nytta',
  'text.effects': 'texten Effekter',
  'text.feasibility': 'texten Genomförbarhet',
};
const fieldEn: Record<string, string> = {
  id: 'id',
  title: 'title',
  municipality: 'origin municipality',
  category: 'category',
  tags: 'tags',
  created: 'created',
  updated: 'updated',
  received_by: 'received by',
  submitter: 'submitter',
  history: 'history (earlier entries rewritten)',
  path: 'file name',
  text: 'text',
  'text.problem': 'the Problem/need text',
  'text.idea': 'the Idea/solution text',
  'text.benefit': 'the Benefit text',
  'text.effects': 'the Effects text',
  'text.feasibility': 'the Feasibility text',
};

const sv = {
  help: {
    review: 'granska en grens ändringar i registret (för pull requests och CI)',
    base: 'grenen eller incheckningen att jämföra med, t.ex. main eller origin/main',
    format: 'utskrift: text, markdown, github eller json',
    approvals: 'vilka som har godkänt (användarnamn eller e-post, kommaseparerat); utan flaggan visas granskarna bara som information',
    actor: 'vem som öppnade ändringen, t.ex. @användare (räknas som författare och som godkännande)',
    failOnDuplicate: 'en trolig dubblett blockerar (kod 1)',
  },
  heading: (ref: string, base: string, head: string) => `Granskning mot ${ref} (bas ${base.slice(0, 7)}, HEAD ${head.slice(0, 7)})`,
  noChanges: 'Grenen ändrar inga idéer.',
  ideasHeading: (count: number) => `Ändrade idéer (${count}):`,
  change: { added: 'ny', changed: 'ändrad', deleted: 'borttagen' } as Record<string, string>,
  problemsHeading: (count: number) => `Fel i filerna (${count}):`,
  duplicatesHeading: (count: number) => `Troliga dubbletter (${count}):`,
  duplicate: (id: string, title: string, otherId: string, otherTitle: string, municipality: string, status: string, score: string, isNew: boolean) =>
    `${id} ${title} liknar ${otherId} ${otherTitle} (${municipality}, ${status}${isNew ? ', också ny på grenen' : ''}, poäng ${score})`,
  duplicateHint: 'Anslut till den befintliga idén, länka som relaterad (links.related) eller som dubblett (links.duplicate_of) om de hör ihop.',
  rulesHeading: 'Regler:',
  reviewersHeading: 'Granskare som behövs:',
  configChanged: 'sluss.yaml ändras på grenen; reglerna tillämpas enligt basens version.',
  blocking: (count: number) => `Blockerar: ${count} sak(er) att åtgärda.`,
  ok: 'Inget blockerar.',
  nobody: 'ingen',
  columns: { id: 'Idé', title: 'Rubrik', change: 'Ändring', what: 'Vad', municipality: 'Kommun', reviewers: 'Granskare', status: 'Status' },
  reviewerStatus: {
    approved: (by: string) => `godkänd av ${by}`,
    missing: 'godkännande saknas',
    unchecked: 'behöver godkänna',
    'no-reviewers': 'inga granskare i sluss.yaml',
  },
  reviewerLine: (id: string, municipality: string, reviewers: string, status: string) => `${id} ${municipality}: ${reviewers} (${status})`,
  noReviewersHint: (municipality: string) => `Lägg till reviewers för ${municipality} i sluss.yaml.`,
  missingApproval: (id: string, municipality: string, reviewers: string) => `${id} behöver godkännande av en granskare för ${municipality}: ${reviewers}.`,
  rule: {
    neverDelete: (id: string) => `${id} är borttagen. Idéer tas aldrig bort; flytta den till ett avslaget steg eller markera den som dubblett.`,
    transitionRefused: (id: string, from: string, to: string, allowed: string) => `${id}: ${from} → ${to} är inte tillåtet i sluss.yaml. Tillåtna nästa steg: ${allowed}.`,
    assessmentMissing: (id: string, from: string, to: string) => `${id}: ${from} → ${to} kräver en bedömning (sluss assess ${id}).`,
    coordinatorOk: (id: string, from: string, to: string, by: string) => `${id}: flytten ${from} → ${to} är gjord av samordnare (${by}).`,
    coordinatorMissing: (id: string, from: string, to: string, by: string, allowed: string) =>
      `${id}: flytten ${from} → ${to} får bara göras av en samordnare (${allowed}); den är gjord av ${by}.`,
    noCoordinators: 'inga samordnare i sluss.yaml',
  },
  changes: {
    added: 'ny idé',
    deleted: 'borttagen',
    moved: (from: string, to: string, by: string) => `flyttad ${from} → ${to}${by ? ` (${by})` : ''}`,
    joined: (municipality: string, role: string, share?: number) => `${municipality} ansluter som ${role}${share !== undefined ? ` (${share} %)` : ''}`,
    left: (municipality: string) => `${municipality} lämnar idén`,
    participantChanged: (municipality: string, detail: string) => `${municipality}: ${detail}`,
    role: (from: string, to: string) => `roll ${from} → ${to}`,
    share: (from: string, to: string) => `andel ${from} → ${to}`,
    linkAdded: (link: string, target: string) => (link === 'duplicate_of' ? `markerad som dubblett av ${target}` : `länkad som relaterad till ${target}`),
    linkRemoved: (link: string, target: string) => (link === 'duplicate_of' ? `inte längre dubblett av ${target}` : `länken till ${target} borttagen`),
    assessmentAdded: (by: string, date: string) => `bedömd av ${by} ${date}`,
    assessmentChanged: (by: string, date: string) => `bedömningen ändrad (${by} ${date})`,
    assessmentRemoved: 'bedömningen borttagen',
    edited: (field: string) => `${field} ändrad`,
    editedValue: (field: string, from: string, to: string) => `${field}: ${from} → ${to}`,
  },
  fields: fieldSv,
  roles: roleSv,
  none: '–',
};

export type ReviewText = typeof sv;

const en: ReviewText = {
  help: {
    review: "review a branch's changes to the register (for pull requests and CI)",
    base: 'the branch or commit to compare with, e.g. main or origin/main',
    format: 'output: text, markdown, github or json',
    approvals: 'who approved (user names or e-mails, comma-separated); without it the reviewers are only listed',
    actor: 'who opened the change, e.g. @user (counts as an author and as an approval)',
    failOnDuplicate: 'a likely duplicate blocks (exit 1)',
  },
  heading: (ref, base, head) => `Review against ${ref} (base ${base.slice(0, 7)}, HEAD ${head.slice(0, 7)})`,
  noChanges: 'The branch changes no ideas.',
  ideasHeading: (count) => `Changed ideas (${count}):`,
  change: { added: 'new', changed: 'changed', deleted: 'deleted' },
  problemsHeading: (count) => `Problems in the files (${count}):`,
  duplicatesHeading: (count) => `Likely duplicates (${count}):`,
  duplicate: (id, title, otherId, otherTitle, municipality, status, score, isNew) =>
    `${id} ${title} looks like ${otherId} ${otherTitle} (${municipality}, ${status}${isNew ? ', also new on the branch' : ''}, score ${score})`,
  duplicateHint: 'Join the existing idea, or link it as related (links.related) or as duplicate (links.duplicate_of) if they belong together.',
  rulesHeading: 'Rules:',
  reviewersHeading: 'Reviewers needed:',
  configChanged: 'sluss.yaml changes on the branch; the rules are applied as the base has them.',
  blocking: (count) => `Blocking: ${count} thing(s) to fix.`,
  ok: 'Nothing blocks.',
  nobody: 'nobody',
  columns: { id: 'Idea', title: 'Title', change: 'Change', what: 'What', municipality: 'Municipality', reviewers: 'Reviewers', status: 'Status' },
  reviewerStatus: {
    approved: (by) => `approved by ${by}`,
    missing: 'approval missing',
    unchecked: 'needs to approve',
    'no-reviewers': 'no reviewers in sluss.yaml',
  },
  reviewerLine: (id, municipality, reviewers, status) => `${id} ${municipality}: ${reviewers} (${status})`,
  noReviewersHint: (municipality) => `Add reviewers for ${municipality} in sluss.yaml.`,
  missingApproval: (id, municipality, reviewers) => `${id} needs the approval of a reviewer for ${municipality}: ${reviewers}.`,
  rule: {
    neverDelete: (id) => `${id} was deleted. Ideas are never deleted; move it to a declined stage or mark it as a duplicate.`,
    transitionRefused: (id, from, to, allowed) => `${id}: ${from} → ${to} is not allowed by sluss.yaml. Allowed next stages: ${allowed}.`,
    assessmentMissing: (id, from, to) => `${id}: ${from} → ${to} needs an assessment (sluss assess ${id}).`,
    coordinatorOk: (id, from, to, by) => `${id}: the move ${from} → ${to} was made by a coordinator (${by}).`,
    coordinatorMissing: (id, from, to, by, allowed) => `${id}: only a coordinator (${allowed}) may move ${from} → ${to}; it was made by ${by}.`,
    noCoordinators: 'no coordinators in sluss.yaml',
  },
  changes: {
    added: 'new idea',
    deleted: 'deleted',
    moved: (from, to, by) => `moved ${from} → ${to}${by ? ` (${by})` : ''}`,
    joined: (municipality, role, share) => `${municipality} joins as ${role}${share !== undefined ? ` (${share} %)` : ''}`,
    left: (municipality) => `${municipality} leaves the idea`,
    participantChanged: (municipality, detail) => `${municipality}: ${detail}`,
    role: (from, to) => `role ${from} → ${to}`,
    share: (from, to) => `share ${from} → ${to}`,
    linkAdded: (link, target) => (link === 'duplicate_of' ? `marked as duplicate of ${target}` : `linked as related to ${target}`),
    linkRemoved: (link, target) => (link === 'duplicate_of' ? `no longer a duplicate of ${target}` : `link to ${target} removed`),
    assessmentAdded: (by, date) => `assessed by ${by} on ${date}`,
    assessmentChanged: (by, date) => `assessment changed (${by} ${date})`,
    assessmentRemoved: 'assessment removed',
    edited: (field) => `${field} changed`,
    editedValue: (field, from, to) => `${field}: ${from} → ${to}`,
  },
  fields: fieldEn,
  roles: roleEn,
  none: '–',
};

export function reviewText(lang: Lang): ReviewText {
  return lang === 'en' ? en : sv;
}

function valueText(value: unknown, none: string): string {
  if (value === null || value === undefined || value === '') return none;
  if (Array.isArray(value)) return value.length === 0 ? none : value.map(String).join(', ');
  return String(value);
}

/** One change in words, with stage and municipality names from sluss.yaml. */
export function describeChange(text: ReviewText, config: RegisterConfig, change: IdeaChange): string {
  const stage = (code: string) => displayName(config.stages, code);
  const municipality = (code: string) => displayName(config.municipalities, code);
  const role = (code: string) => text.roles[code] ?? code;
  const c = text.changes;
  switch (change.kind) {
    case 'added':
      return c.added;
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
  const from = displayName(config.stages, rule.from);
  const to = displayName(config.stages, rule.to);
  if (rule.rule === 'workflow-move') {
    return rule.reason === 'transition'
      ? text.rule.transitionRefused(rule.id, from, to, rule.allowed.map((code) => displayName(config.stages, code)).join(', ') || '–')
      : text.rule.assessmentMissing(rule.id, from, to);
  }
  const by = rule.madeBy.join(', ') || text.nobody;
  return rule.ok ? text.rule.coordinatorOk(rule.id, from, to, by) : text.rule.coordinatorMissing(rule.id, from, to, by, rule.allowed.join(', ') || text.rule.noCoordinators);
}

export function describeReviewerStatus(text: ReviewText, need: ReviewerNeed): string {
  return need.status === 'approved' ? text.reviewerStatus.approved(need.approvedBy.join(', ')) : text.reviewerStatus[need.status];
}
