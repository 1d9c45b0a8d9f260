/**
 * `sluss review --base <ref>`: what the current branch changes in the
 * register since it left `<ref>`, checked the way a pull request should be:
 * the changed files are validated, new ideas get the duplicate check, and the
 * rules of sluss.yaml (coordinator stages, municipality reviewers) are applied.
 *
 * Both sides are read from git (the merge base and HEAD), never from the
 * working tree, so the answer is the same locally and in CI. The rules and
 * the duplicate settings come from the base's sluss.yaml: a branch cannot make
 * itself coordinator or raise the duplicate threshold for its own ideas.
 */
import { contentHash } from '../adapters/fs/cache-files.js';
import { ParsedFileCache } from '../adapters/fs/parsed-file-cache.js';
import { IDEAS_DIR } from '../adapters/fs/register-store.js';
import { GitHistory } from '../adapters/git/git-history.js';
import type { TreeEntry } from '../adapters/git/git-history.js';
import type { CommandContext } from '../cli/ports.js';
import { findStage } from '../core/config.js';
import type { RegisterConfig } from '../core/config.js';
import { SlussError } from '../core/errors.js';
import { CONFIG_FILE, parseConfig } from '../core/format/config-file.js';
import { bodyOfIdeaFile, lineOfField, MAX_IDEA_FILE_BYTES } from '../core/format/idea-file.js';
import type { IdeaWithBody } from '../core/idea.js';
import type { Problem } from '../core/problems.js';
import { diffIdeas, evaluateRules, findBranchDuplicates } from '../core/review.js';
import type { BranchDuplicate, Identity, ReviewedIdea, ReviewerNeed, RuleResult } from '../core/review.js';
import { idFromFileName } from '../core/ids.js';
import { checkAcrossFiles, checkIdeaFile } from '../core/validation.js';
import type { CheckedIdeaFile, IdeaFileEntry } from '../core/validation.js';
import { openRegister } from './register.js';

export interface ReviewOptions {
  base: string;
  /** Who opened the pull request, e.g. `@login`. */
  actor?: string;
  /** Who approved it; undefined when unknown. */
  approvals?: readonly string[];
  failOnDuplicate?: boolean;
}

export interface ReviewReport {
  base: { ref: string; commit: string; mergeBase: string };
  head: { commit: string };
  ideas: ReviewedIdea[];
  /** Validation problems of the added and changed files. */
  problems: Problem[];
  duplicates: BranchDuplicate[];
  rules: RuleResult[];
  reviewersNeeded: ReviewerNeed[];
  /** The register's configuration at HEAD, for names of stages and municipalities (not part of the JSON). */
  config: RegisterConfig;
  /** sluss.yaml changed on the branch; the rules were applied from the base's version. */
  configChanged: boolean;
  /** The line of a field in the HEAD version of an added or changed file, for annotations (not part of the JSON). */
  lineOf(path: string, field: readonly (string | number)[]): number | undefined;
  blocking: boolean;
}

function isIdeaPath(path: string): boolean {
  const prefix = `${IDEAS_DIR}/`;
  if (!path.startsWith(prefix)) return false;
  const name = path.slice(prefix.length);
  return !name.includes('/') && !name.startsWith('.') && name.toLowerCase().endsWith('.md');
}

/** The same defensive reading as the register store, for a file read from git. */
function entryOf(path: string, tree: TreeEntry | undefined, bytes: Buffer | undefined): IdeaFileEntry {
  if (tree?.mode === '120000') return { path, readProblem: 'symlink' };
  if (!bytes) return { path, readProblem: 'unreadable' };
  if (bytes.length > MAX_IDEA_FILE_BYTES) return { path, readProblem: 'too-large' };
  if (bytes.subarray(0, 8192).includes(0)) return { path, readProblem: 'binary' };
  try {
    return { path, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { path, readProblem: 'not-utf8' };
  }
}

function uniqueIdentities(identities: readonly Identity[]): Identity[] {
  const seen = new Set<string>();
  return identities.filter((identity) => {
    const key = `${identity.name}\0${identity.email}`.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function reviewBranch(ctx: CommandContext, options: ReviewOptions): Promise<ReviewReport> {
  const register = await openRegister(ctx);
  const history = new GitHistory(register.root, ctx.env);
  await history.verifyRepository();
  const head = await history.resolveCommit('HEAD');
  if (!head) throw new SlussError('git-failed', { detail: 'HEAD has no commit' });
  const baseTip = await history.resolveCommit(options.base);
  if (!baseTip) throw new SlussError('usage', { option: '--base', value: options.base });
  const mergeBase = await history.mergeBase(baseTip, head);
  if (!mergeBase) throw new SlussError('usage', { option: '--base', value: options.base });

  const changed = await history.changedFiles(mergeBase, head, [`${IDEAS_DIR}/`, CONFIG_FILE]);
  const configChanged = changed.some((file) => file.path === CONFIG_FILE);
  const changedIdeas = changed.filter((file) => isIdeaPath(file.path));
  const changedPaths = new Set(changedIdeas.map((file) => file.path));

  // The trees; unchanged files have the same blob everywhere and are read once. The base's tip matters
  // too: ideas merged there after this branch started are what a new idea must not duplicate.
  const [baseTree, headTree, tipTree] = await Promise.all([
    history.listTree(mergeBase, [`${IDEAS_DIR}/`]),
    history.listTree(head, [`${IDEAS_DIR}/`]),
    baseTip === mergeBase ? Promise.resolve([]) : history.listTree(baseTip, [`${IDEAS_DIR}/`]),
  ]);
  const baseFiles = new Map(baseTree.filter((e) => isIdeaPath(e.path)).map((e) => [e.path, e]));
  const headFiles = new Map(headTree.filter((e) => isIdeaPath(e.path)).map((e) => [e.path, e]));
  const tipFiles = new Map(tipTree.filter((e) => isIdeaPath(e.path)).map((e) => [e.path, e]));
  const baseConfigName = `${mergeBase}:./${CONFIG_FILE}`;
  const headConfigName = `${head}:./${CONFIG_FILE}`;
  const blobs = await history.readObjects([...new Set([...baseFiles.values(), ...headFiles.values(), ...tipFiles.values()].map((e) => e.object)), baseConfigName, headConfigName]);
  const configAt = (name: string): { config: RegisterConfig; text: string } | undefined => {
    const bytes = blobs.get(name);
    if (!bytes) return undefined;
    try {
      const text = bytes.toString('utf8');
      return { config: parseConfig(text), text };
    } catch {
      return undefined;
    }
  };
  // HEAD's sluss.yaml checks HEAD's files; the working tree's is used only when HEAD has none that parses.
  const headConfig = configAt(headConfigName) ?? { config: register.config, text: register.configText };
  // The rules are the base's: a branch that edits sluss.yaml does not review itself.
  const rulesConfig = configAt(baseConfigName)?.config ?? headConfig.config;

  // Checks: unchanged files through the parsed-file cache, changed ones afresh (their lines are needed).
  const cache = await ParsedFileCache.open(register.root, headConfig.text);
  // Every checked idea keeps its body: the diff and the duplicate check read it.
  const check = (path: string, tree: TreeEntry | undefined, config: RegisterConfig, fresh: boolean): CheckedIdeaFile => {
    const entry = entryOf(path, tree, tree ? blobs.get(tree.object) : undefined);
    if (!('text' in entry) || fresh) return checkIdeaFile(config, entry, { keepDocument: true });
    const hash = contentHash(entry.text);
    const cached = cache.lookup(path, hash)?.check();
    if (cached) return { path, problems: cached.problems, ...(cached.idea ? { idea: { data: cached.idea.data, path }, body: bodyOfIdeaFile(entry.text) } : {}) };
    const result = checkIdeaFile(config, entry);
    cache.remember(path, hash, { problems: result.problems, ...(result.idea ? { idea: { data: result.idea.data } } : {}) });
    return result;
  };
  const withBody = (checked: CheckedIdeaFile | undefined): IdeaWithBody | undefined =>
    checked?.idea && checked.body !== undefined ? { ...checked.idea, body: checked.body } : undefined;
  const headChecked = new Map<string, CheckedIdeaFile>();
  const baseChecked = new Map<string, CheckedIdeaFile>();
  let tipChecked: CheckedIdeaFile[];
  try {
    for (const [path, tree] of headFiles) headChecked.set(path, check(path, tree, headConfig.config, changedPaths.has(path)));
    for (const [path, tree] of baseFiles) {
      baseChecked.set(path, !changedPaths.has(path) && headChecked.has(path) ? headChecked.get(path)! : check(path, tree, headConfig.config, true));
    }
    tipChecked = [...tipFiles].map(([path, tree]) => (headFiles.get(path)?.object === tree.object ? headChecked.get(path)! : check(path, tree, headConfig.config, false)));
    await cache.save();
  } finally {
    cache.release();
  }

  // Validation of what the branch added or changed, against the whole register at HEAD.
  const subject = new Set(changedIdeas.filter((file) => file.status !== 'D').map((file) => file.path));
  const problems = [...[...subject].flatMap((path) => headChecked.get(path)?.problems ?? []), ...checkAcrossFiles([...headChecked.values()], subject)];
  problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));

  // The ideas, with renames (same id deleted and added) joined into one change.
  const commits = await history.commitsBetween(mergeBase, head, [`${IDEAS_DIR}/`]);
  const ideas: ReviewedIdea[] = [];
  const deleted = changedIdeas.filter((f) => f.status === 'D');
  const renamedFrom = new Map<string, string>();
  for (const file of changedIdeas.filter((f) => f.status === 'A')) {
    const id = headChecked.get(file.path)?.idea?.data.id;
    const gone = deleted.find((d) => !renamedFrom.has(d.path) && id !== undefined && baseChecked.get(d.path)?.idea?.data.id === id);
    if (gone) renamedFrom.set(gone.path, file.path);
  }
  const renamedTo = new Map([...renamedFrom].map(([from, to]) => [to, from]));
  for (const file of changedIdeas) {
    if (file.status === 'D' && renamedFrom.has(file.path)) continue;
    const previousPath = renamedTo.get(file.path);
    const before = file.status === 'A' && !previousPath ? undefined : withBody(baseChecked.get(previousPath ?? file.path));
    const after = file.status === 'D' ? undefined : withBody(headChecked.get(file.path));
    const change: ReviewedIdea['change'] = file.status === 'D' ? 'deleted' : file.status === 'A' && !previousPath ? 'added' : 'changed';
    const paths = [file.path, ...(previousPath ? [previousPath] : [])];
    const authors = uniqueIdentities(commits.filter((c) => c.files.some((f) => paths.includes(f))).map((c) => ({ name: c.authorName, email: c.authorEmail })));
    const changes =
      change === 'changed' && (!before || !after)
        ? [] // one side does not parse; validation reports why
        : diffIdeas(before?.data, after?.data, { ...(before ? { before: before.body } : {}), ...(after ? { after: after.body } : {}) });
    if (previousPath) changes.push({ kind: 'edited', field: 'path', from: previousPath, to: file.path });
    const data = after ?? before;
    ideas.push({
      id: data?.data.id ?? idFromFileName(file.path.slice(file.path.lastIndexOf('/') + 1)) ?? file.path,
      title: data?.data.title ?? '',
      path: file.path,
      ...(previousPath ? { previousPath } : {}),
      change,
      ...(before ? { before: before.data } : {}),
      ...(after ? { after: after.data } : {}),
      changes,
      authors,
    });
  }
  await attributeMoves(history, rulesConfig, ideas, commits);

  const newIdeas = ideas.flatMap((idea): IdeaWithBody[] => {
    if (idea.change !== 'added') return [];
    const found = withBody(headChecked.get(idea.path));
    return found ? [found] : [];
  });
  const newIds = new Set(newIdeas.map((idea) => idea.data.id));
  const registerIdeas = [...(tipFiles.size > 0 ? tipChecked : baseChecked.values())].flatMap((c) => {
    const idea = withBody(c);
    return idea && !newIds.has(idea.data.id) ? [idea] : [];
  });
  const duplicates = findBranchDuplicates(registerIdeas, newIdeas, rulesConfig.duplicates, ctx.clock.today(), { blocking: options.failOnDuplicate ?? false });
  const { rules, reviewersNeeded } = evaluateRules(rulesConfig, ideas, {
    ...(options.actor ? { actor: options.actor } : {}),
    ...(options.approvals ? { approvals: options.approvals } : {}),
  });

  const lineOf = (path: string, field: readonly (string | number)[]) => {
    const parsed = subject.has(path) ? headChecked.get(path)?.parsed : undefined;
    return parsed ? lineOfField(parsed, field) : undefined;
  };
  const blocking =
    problems.length > 0 || rules.some((r) => r.blocking) || reviewersNeeded.some((r) => r.blocking) || duplicates.some((d) => d.blocking);
  return {
    base: { ref: options.base, commit: baseTip, mergeBase },
    head: { commit: head },
    ideas,
    problems,
    duplicates,
    rules,
    reviewersNeeded,
    config: headConfig.config,
    configChanged,
    lineOf,
    blocking,
  };
}

/**
 * Who made each move out of a coordinator stage: the authors of the commits
 * whose own change contains that move. When no single commit shows it (it
 * came through a merge), every author of the file's commits is counted.
 */
async function attributeMoves(history: GitHistory, config: RegisterConfig, ideas: ReviewedIdea[], commits: Awaited<ReturnType<GitHistory['commitsBetween']>>): Promise<void> {
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
