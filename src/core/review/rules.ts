/**
 * `sluss review`, part 3: the rules of sluss.yaml, and who the review believes.
 *
 * The trust model (docs/RELIABILITY.md, "Trust model"): a commit's author name
 * and e-mail are whatever the committer typed, so they are claims, never
 * proof. In forge mode (CI passes `--actor`, the account the forge says opened
 * the pull request, or the CI variable is set) only the actor and the forge's
 * approvals identify anyone. The actor is the author of the change and never
 * an approval of it: nobody approves their own pull request. Locally a person
 * checks their own branch, and the commit authors are taken at their word,
 * labelled as such. Pure.
 */
import { findMunicipality, findStage } from '../config.js';
import type { RegisterConfig } from '../config.js';
import { foldCase } from '../text.js';
import type { Identity, MoveChange, ReviewedIdea } from './diff.js';

export interface ReviewTrust {
  /** `forge`: in CI, where only `actor` and `approvals` count; `local`: commit authors are believed (a check of one's own branch). */
  mode: 'forge' | 'local';
  /** Who opened the pull request, as the forge reports it (`@login`): the author of the change. */
  actor?: string;
  /** Who approved it, as the forge reports it, without the actor; undefined when not known. */
  approvals?: readonly string[];
}

/** The trust of one review run: forge mode when an actor is given or the CI variable is set. */
export function reviewTrust(options: { actor?: string | undefined; approvals?: readonly string[] | undefined; ci: boolean }): ReviewTrust {
  const actor = options.actor?.trim() || undefined;
  const approvals = options.approvals?.map((a) => a.trim()).filter((a) => a !== '' && (actor === undefined || handleKey(a) !== handleKey(actor)));
  return { mode: actor !== undefined || options.ci ? 'forge' : 'local', ...(actor ? { actor } : {}), ...(approvals ? { approvals } : {}) };
}

export type RuleResult =
  /** Ideas are never deleted; they are moved to a stage of kind declined or duplicate. */
  | { rule: 'never-delete'; id: string; path: string; ok: false; blocking: true }
  /** The history is append-only: an earlier entry that is gone or edited blocks. */
  | { rule: 'history-append-only'; id: string; path: string; entries: number; ok: false; blocking: true }
  /** A move must follow `next` in sluss.yaml and have its assessment, as `sluss move` demands; hand edits are held to it too. */
  | { rule: 'workflow-move'; id: string; path: string; from: string; to: string; ok: false; blocking: true; reason: 'transition' | 'assessment'; allowed: string[] }
  /** A move out of a coordinator stage must be made, or approved, by a coordinator. */
  | {
      rule: 'coordinator-move';
      id: string;
      path: string;
      from: string;
      to: string;
      ok: boolean;
      blocking: boolean;
      /** The commit authors of the move as `Name <email>`: claims, shown but in forge mode never counted. */
      madeBy: string[];
      /** Who opened the pull request (forge mode). */
      actor?: string;
      /** The coordinator the rule was satisfied by, and how: the actor opened it, a coordinator approved it, or (locally) git names one as author. */
      confirmedBy?: { who: string; how: 'actor' | 'approval' | 'git-author' };
      /** Who may make it: the coordinators of sluss.yaml. */
      allowed: string[];
      mode: ReviewTrust['mode'];
    };

export interface ReviewerNeed {
  id: string;
  path: string;
  municipality: string;
  /** The municipality's reviewers from sluss.yaml. */
  reviewers: string[];
  /** Those of them who approved (never the actor). */
  approvedBy: string[];
  /**
   * `approved`; `missing` (approvals were given and none of these reviewers is
   * among them: blocks); `unchecked` (no --approvals: informational);
   * `no-reviewers` (the municipality lists no reviewers: a warning, never blocks).
   */
  status: 'approved' | 'missing' | 'unchecked' | 'no-reviewers';
  blocking: boolean;
}

/** Identity matching: trimmed, NFC, case-insensitive. */
function identityKey(text: string): string {
  return foldCase(text.trim());
}

/** Forge accounts match with or without a leading @ (forges report logins without it). */
function handleKey(text: string): string {
  return identityKey(text).replace(/^@/, '');
}

/** Whether a forge account (the actor, an approver) is the one a sluss.yaml entry names: `@login` or the bare login. */
export function namesAccount(entry: string, account: string): boolean {
  const key = handleKey(entry);
  return key !== '' && key === handleKey(account);
}

/** Whether a sluss.yaml entry (a name or an e-mail address) names one of the commit authors. Only believed locally. */
export function namesCommitAuthor(entry: string, identities: readonly Identity[]): boolean {
  const key = identityKey(entry);
  if (key === '' || key.startsWith('@')) return false;
  return identities.some((identity) => identityKey(identity.name) === key || identityKey(identity.email) === key);
}

export function formatIdentity(identity: Identity): string {
  return `${identity.name} <${identity.email}>`;
}

/** The entries of `allowed` (coordinators, reviewers) among the approvals, as sluss.yaml writes them. */
export function approvedAmong(allowed: readonly string[], trust: ReviewTrust): string[] {
  const approvals = trust.approvals ?? [];
  return [...new Set(allowed.filter((entry) => approvals.some((approval) => namesAccount(entry, approval))))];
}

/** The municipalities an idea belongs to, before and after the branch: origin and participants, as codes. */
export function municipalitiesOf(config: RegisterConfig, idea: Pick<ReviewedIdea, 'before' | 'after'>): string[] {
  const codes: string[] = [];
  for (const data of [idea.after, idea.before]) {
    if (!data) continue;
    for (const input of [data.municipality, ...data.municipalities.map((p) => p.municipality)]) {
      const code = findMunicipality(config, input)?.code ?? input;
      if (!codes.includes(code)) codes.push(code);
    }
  }
  return codes;
}

export function reviewersOf(config: RegisterConfig, code: string): string[] {
  return config.municipalities.find((m) => m.code === code)?.reviewers ?? [];
}

function workflowRefusal(config: RegisterConfig, idea: ReviewedIdea, change: MoveChange): { reason: 'transition' | 'assessment'; allowed: string[] } | undefined {
  const from = findStage(config, change.from);
  const to = findStage(config, change.to);
  if (!from || !to) return undefined; // validation reports unknown stages
  if (!from.next.includes(to.code)) return { reason: 'transition', allowed: [...from.next] };
  if (config.assessment.required_to_leave.includes(from.code) && to.kind !== 'duplicate' && !idea.after?.assessment) return { reason: 'assessment', allowed: [] };
  return undefined;
}

/** Which coordinator, if any, stands behind a move: in forge mode the actor or an approval, locally also a commit author. */
function coordinatorBehind(config: RegisterConfig, authors: readonly Identity[], trust: ReviewTrust): { who: string; how: 'actor' | 'approval' | 'git-author' } | undefined {
  if (trust.actor && config.coordinators.some((entry) => namesAccount(entry, trust.actor!))) return { who: trust.actor, how: 'actor' };
  const approver = approvedAmong(config.coordinators, trust)[0];
  if (approver) return { who: approver, how: 'approval' };
  if (trust.mode === 'local') {
    const author = authors.find((identity) => config.coordinators.some((entry) => namesCommitAuthor(entry, [identity])));
    if (author) return { who: formatIdentity(author), how: 'git-author' };
  }
  return undefined;
}

function moveRules(config: RegisterConfig, idea: ReviewedIdea, trust: ReviewTrust): RuleResult[] {
  const rules: RuleResult[] = [];
  const coordinatorStages = new Set(config.review.coordinator_stages.map((code) => findStage(config, code)?.code ?? code));
  for (const change of idea.changes) {
    if (change.kind === 'history-rewritten') rules.push({ rule: 'history-append-only', id: idea.id, path: idea.path, entries: change.entries, ok: false, blocking: true });
    if (change.kind !== 'moved') continue;
    const refusal = workflowRefusal(config, idea, change);
    if (refusal) rules.push({ rule: 'workflow-move', id: idea.id, path: idea.path, from: change.from, to: change.to, ok: false, blocking: true, ...refusal });
    if (!coordinatorStages.has(findStage(config, change.from)?.code ?? change.from)) continue;
    if (findStage(config, change.to)?.kind === 'duplicate') continue;
    const authors = change.authors ?? idea.authors;
    const confirmedBy = coordinatorBehind(config, authors, trust);
    rules.push({
      rule: 'coordinator-move',
      id: idea.id,
      path: idea.path,
      from: change.from,
      to: change.to,
      ok: confirmedBy !== undefined,
      blocking: confirmedBy === undefined,
      madeBy: authors.map(formatIdentity),
      ...(trust.actor ? { actor: trust.actor } : {}),
      ...(confirmedBy ? { confirmedBy } : {}),
      allowed: [...config.coordinators],
      mode: trust.mode,
    });
  }
  return rules;
}

export function evaluateRules(config: RegisterConfig, ideas: readonly ReviewedIdea[], trust: ReviewTrust): { rules: RuleResult[]; reviewersNeeded: ReviewerNeed[] } {
  const rules: RuleResult[] = [];
  const reviewersNeeded: ReviewerNeed[] = [];
  for (const idea of ideas) {
    if (idea.change === 'deleted') rules.push({ rule: 'never-delete', id: idea.id, path: idea.path, ok: false, blocking: true });
    rules.push(...moveRules(config, idea, trust));
    if (!config.review.municipality_reviewers) continue;
    for (const code of municipalitiesOf(config, idea)) {
      const reviewers = reviewersOf(config, code);
      const approvedBy = approvedAmong(reviewers, trust);
      const status: ReviewerNeed['status'] =
        reviewers.length === 0 ? 'no-reviewers' : approvedBy.length > 0 ? 'approved' : trust.approvals === undefined ? 'unchecked' : 'missing';
      reviewersNeeded.push({ id: idea.id, path: idea.path, municipality: code, reviewers: [...reviewers], approvedBy, status, blocking: status === 'missing' });
    }
  }
  return { rules, reviewersNeeded };
}
