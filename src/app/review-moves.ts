/**
 * Who made each move out of a coordinator stage, as git records it: a claim
 * the rules only believe in a local review (core/review/rules.ts).
 */
import { findStage } from '../core/config.js';
import type { RegisterConfig } from '../core/config.js';
import { diffIdeas } from '../core/review/diff.js';
import type { Identity, ReviewedIdea } from '../core/review/diff.js';
import { checkIdeaFile } from '../core/validation.js';
import type { CommitInfo, GitHistoryPort } from './ports/git.js';

/**
 * Who made each move out of a coordinator stage: the authors of the commits
 * whose own change contains that move. When no single commit shows it (it
 * came through a merge), every author of the file's commits is counted.
 */
export async function attributeMoves(history: GitHistoryPort, config: RegisterConfig, ideas: ReviewedIdea[], commits: readonly CommitInfo[]): Promise<void> {
  const guardedStages = new Set(config.review.coordinator_stages);
  const guarded = { has: (stage: string) => guardedStages.has(findStage(config, stage)?.code ?? stage) };
  const wanted = ideas.filter((idea) => idea.changes.some((c) => c.kind === 'moved' && guarded.has(c.from)));
  if (wanted.length === 0) return;
  const names: string[] = [];
  const plan: { idea: ReviewedIdea; commit: (typeof commits)[number]; path: string; beforeName?: string; afterName: string }[] = [];
  for (const idea of wanted) {
    const paths = [idea.path, ...(idea.previousPath ? [idea.previousPath] : [])];
    for (const commit of commits) {
      const path = paths.find((p) => commit.files.includes(p));
      if (!path) continue;
      const afterName = `${commit.commit}:./${path}`;
      const parent = commit.parents[0];
      const beforeName = parent ? `${parent}:./${path}` : undefined;
      names.push(afterName, ...(beforeName ? [beforeName] : []));
      plan.push({ idea, commit, path, afterName, ...(beforeName ? { beforeName } : {}) });
    }
  }
  const contents = await history.readObjects(names);
  const dataOf = (path: string, name: string | undefined) => {
    const bytes = name ? contents.get(name) : undefined;
    if (!bytes) return undefined;
    return checkIdeaFile(config, { path, text: bytes.toString('utf8') }).idea?.data;
  };
  for (const idea of wanted) {
    for (const change of idea.changes) {
      if (change.kind !== 'moved' || !guarded.has(change.from)) continue;
      const authors: Identity[] = [];
      for (const step of plan.filter((p) => p.idea === idea)) {
        const moves = diffIdeas(dataOf(step.path, step.beforeName), dataOf(step.path, step.afterName)).filter((c) => c.kind === 'moved');
        if (moves.some((m) => m.kind === 'moved' && m.from === change.from && m.to === change.to)) {
          authors.push({ name: step.commit.authorName, email: step.commit.authorEmail });
        }
      }
      change.authors = uniqueIdentities(authors.length > 0 ? authors : idea.authors);
    }
  }
}

export function uniqueIdentities(identities: readonly Identity[]): Identity[] {
  const seen = new Set<string>();
  return identities.filter((identity) => {
    const key = `${identity.name}\0${identity.email}`.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
