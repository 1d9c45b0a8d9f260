/**
 * `sluss review --base <ref>`: what the current branch changes in the
 * register since it left `<ref>`, checked the way a pull request should be:
 * the changed files are validated, the branch's ideas get the duplicate check
 * against the base as it is now (overrides included), and the rules of
 * sluss.yaml (history, workflow, coordinator stages, municipality reviewers)
 * are applied.
 *
 * Both sides are read from git (the merge base and HEAD), never from the
 * working tree, so the answer is the same locally and in CI. The rules and
 * the duplicate settings come from the base's sluss.yaml: a branch cannot make
 * itself coordinator or raise the duplicate threshold for its own ideas.
 */
import type { CommandContext } from './ports.js';
import type { ChangedFile, CommitInfo, GitHistoryPort, TreeEntry } from './ports/git.js';
import { IDEAS_DIR } from './ports/register-files.js';
import type { RegisterConfig } from '../core/config.js';
import { SlussError } from '../core/errors.js';
import { CONFIG_FILE, parseConfig } from '../core/format/config-file.js';
import { bodyOfIdeaFile, lineOfField } from '../core/format/idea-file.js';
import type { IdeaData, IdeaWithBody } from '../core/idea.js';
import { idFromFileName } from '../core/ids.js';
import type { Problem } from '../core/problems.js';
import { diffIdeas, reviewableData } from '../core/review/diff.js';
import type { ReviewedIdea } from '../core/review/diff.js';
import { decideBranchDuplicates, likelyDuplicates } from '../core/review/duplicates.js';
import type { BranchDuplicate } from '../core/review/duplicates.js';
import { evaluateRules, reviewTrust } from '../core/review/rules.js';
import type { ReviewerNeed, ReviewTrust, RuleResult } from '../core/review/rules.js';
import { checkAcrossFiles, checkIdeaFile, ideaFileEntryOfBytes } from '../core/validation.js';
import type { CheckedIdeaFile } from '../core/validation.js';
import { attributeMoves, uniqueIdentities } from './review-moves.js';
import { openRegister, similarityVersion } from './register.js';

export interface ReviewOptions {
  base: string;
  /** Who opened the pull request, e.g. `@login`, as the forge reports it: forge mode. */
  actor?: string;
  /** Who approved it; undefined when unknown. */
  approvals?: readonly string[];
  /** An undecided likely duplicate of an edited idea blocks too (one of a new idea always does). */
  failOnDuplicate?: boolean;
}

export interface ReviewReport {
  base: { ref: string; commit: string; mergeBase: string };
  head: { commit: string };
  /** Who the review believed: forge mode counts only the actor and the approvals. */
  trust: ReviewTrust;
  ideas: ReviewedIdea[];
  /** Validation problems of the added and changed files, and files under ideas/ that are no idea files. */
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

/** Why a file under ideas/ is never read as an idea (so `validate` and `list` never see it), or undefined for an idea file. */
export function strayReason(path: string): 'dot-file' | 'sub-folder' | 'not-markdown' | undefined {
  const name = path.slice(`${IDEAS_DIR}/`.length);
  if (name.includes('/')) return 'sub-folder';
  if (name.startsWith('.')) return 'dot-file';
  return name.toLowerCase().endsWith('.md') ? undefined : 'not-markdown';
}

function isIdeaPath(path: string): boolean {
  return path.startsWith(`${IDEAS_DIR}/`) && strayReason(path) === undefined;
}

/** The CI variable GitHub Actions, GitLab CI and most others set: a review there is never a check of one's own branch. */
function runsInCi(env: NodeJS.ProcessEnv): boolean {
  const value = env['CI']?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

async function resolveRange(history: GitHistoryPort, base: string): Promise<{ head: string; baseTip: string; mergeBase: string }> {
  const head = await history.resolveCommit('HEAD');
  if (!head) throw new SlussError('git-failed', { detail: 'HEAD has no commit' });
  const baseTip = await history.resolveCommit(base);
  if (!baseTip) throw await history.unknownRef('--base', base);
  const mergeBase = await history.mergeBase(baseTip, head);
  if (!mergeBase) {
    // A shallow clone is the usual cause; the port tells it with its unknown-ref error.
    const { shallow } = (await history.unknownRef('--base', base)).params;
    throw new SlussError('no-merge-base', { option: '--base', ref: base, shallow });
  }
  return { head, baseTip, mergeBase };
}

/** Every idea file at the merge base, at HEAD and at the base's tip, checked; unchanged files once, through the parsed-file cache. */
interface Sides {
  base: Map<string, CheckedIdeaFile>;
  head: Map<string, CheckedIdeaFile>;
  /** The base's tip when it moved on since the branch left it (ideas merged there count against new ones), else the base. */
  now: CheckedIdeaFile[];
  rulesConfig: RegisterConfig;
  headConfig: RegisterConfig;
  /** Bytes of the stray files' blobs, to tell an empty `.gitkeep` from a file with content. */
  blobs: Map<string, Buffer | undefined>;
  headTree: Map<string, TreeEntry>;
}

async function readSides(ctx: CommandContext, history: GitHistoryPort, range: { head: string; baseTip: string; mergeBase: string }, changed: readonly ChangedFile[]): Promise<Sides> {
  const register = await openRegister(ctx);
  const changedPaths = new Set(changed.map((file) => file.path));
  const [baseTree, headTree, tipTree] = await Promise.all([
    history.listTree(range.mergeBase, [`${IDEAS_DIR}/`]),
    history.listTree(range.head, [`${IDEAS_DIR}/`]),
    range.baseTip === range.mergeBase ? Promise.resolve([]) : history.listTree(range.baseTip, [`${IDEAS_DIR}/`]),
  ]);
  const ideasOf = (tree: TreeEntry[]) => new Map(tree.filter((e) => isIdeaPath(e.path)).map((e) => [e.path, e]));
  const [baseFiles, headFiles, tipFiles] = [ideasOf(baseTree), ideasOf(headTree), ideasOf(tipTree)];
  const strayObjects = headTree.filter((e) => changedPaths.has(e.path) && !isIdeaPath(e.path)).map((e) => e.object);
  const baseConfigName = `${range.mergeBase}:./${CONFIG_FILE}`;
  const headConfigName = `${range.head}:./${CONFIG_FILE}`;
  const objects = new Set([...baseFiles.values(), ...headFiles.values(), ...tipFiles.values()].map((e) => e.object));
  const blobs = await history.readObjects([...objects, ...strayObjects, baseConfigName, headConfigName]);
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

  // Unchanged files through the parsed-file cache, changed ones afresh (their lines and YAML are needed).
  const { openParsedFiles, contentHash } = register.adapters.files;
  const cache = await openParsedFiles(register.root, headConfig.text);
  const check = (path: string, tree: TreeEntry | undefined, fresh: boolean): CheckedIdeaFile => {
    const entry = ideaFileEntryOfBytes(path, tree?.mode, tree ? blobs.get(tree.object) : undefined);
    if (!('text' in entry) || fresh) return checkIdeaFile(headConfig.config, entry, { keepDocument: true });
    const hash = contentHash(entry.text);
    const cached = cache.lookup(path, hash)?.check();
    if (cached) return { path, problems: cached.problems, ...(cached.idea ? { idea: { data: cached.idea.data, path }, body: bodyOfIdeaFile(entry.text) } : {}) };
    const result = checkIdeaFile(headConfig.config, entry);
    const textHash = result.idea && result.body !== undefined ? similarityVersion(contentHash, result.idea.data.title, result.body) : undefined;
    cache.remember(path, hash, { problems: result.problems, ...(result.idea ? { idea: { data: result.idea.data } } : {}) }, undefined, textHash);
    return result;
  };
  const head = new Map<string, CheckedIdeaFile>();
  const base = new Map<string, CheckedIdeaFile>();
  let now: CheckedIdeaFile[];
  try {
    for (const [path, tree] of headFiles) head.set(path, check(path, tree, changedPaths.has(path)));
    for (const [path, tree] of baseFiles) base.set(path, !changedPaths.has(path) && head.has(path) ? head.get(path)! : check(path, tree, true));
    now = tipFiles.size > 0 ? [...tipFiles].map(([path, tree]) => (headFiles.get(path)?.object === tree.object ? head.get(path)! : check(path, tree, false))) : [...base.values()];
    await cache.save();
  } finally {
    cache.release();
  }
  return { base, head, now, rulesConfig, headConfig: headConfig.config, blobs, headTree: new Map(headTree.map((e) => [e.path, e])) };
}

function withBody(checked: CheckedIdeaFile | undefined): IdeaWithBody | undefined {
  return checked?.idea && checked.body !== undefined ? { ...checked.idea, body: checked.body } : undefined;
}

/** The data and body of a version that parsed as YAML, valid or not: a broken edit is still shown as a change. */
function looseVersion(checked: CheckedIdeaFile | undefined): { data: IdeaData; body: string } | undefined {
  const valid = withBody(checked);
  if (valid) return { data: valid.data, body: valid.body };
  const data = reviewableData(checked?.parsed?.data);
  return data && checked?.parsed ? { data, body: checked.parsed.body } : undefined;
}

/** Files under ideas/ the branch added or changed that are no idea files: never read by validate or list, so review names them. */
function strayFiles(changed: readonly ChangedFile[], sides: Sides): Problem[] {
  return changed.flatMap((file) => {
    if (file.status === 'D' || isIdeaPath(file.path) || !file.path.startsWith(`${IDEAS_DIR}/`)) return [];
    const tree = sides.headTree.get(file.path);
    // init's `ideas/.gitkeep` keeps the empty folder in git; empty, it holds nothing to check.
    if (file.path === `${IDEAS_DIR}/.gitkeep` && tree && sides.blobs.get(tree.object)?.length === 0) return [];
    return [{ file: file.path, code: 'stray-file' as const, params: { reason: strayReason(file.path) } }];
  });
}

export async function reviewBranch(ctx: CommandContext, options: ReviewOptions): Promise<ReviewReport> {
  const register = await openRegister(ctx);
  const history = ctx.adapters.git.history(register.root, ctx.env);
  await history.verifyRepository();
  const range = await resolveRange(history, options.base);
  const changed = await history.changedFiles(range.mergeBase, range.head, [`${IDEAS_DIR}/`, CONFIG_FILE]);
  const changedIdeas = changed.filter((file) => isIdeaPath(file.path));
  const sides = await readSides(ctx, history, range, changed);

  // Validation of what the branch added or changed, against the whole register at HEAD.
  const subject = new Set(changedIdeas.filter((file) => file.status !== 'D').map((file) => file.path));
  const problems = [...[...subject].flatMap((path) => sides.head.get(path)?.problems ?? []), ...checkAcrossFiles([...sides.head.values()], subject), ...strayFiles(changed, sides)];
  problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));

  const commits = await history.commitsBetween(range.mergeBase, range.head, [`${IDEAS_DIR}/`]);
  const ideas = reviewedIdeas(changedIdeas, sides, commits);
  await attributeMoves(history, sides.rulesConfig, ideas, commits);

  const trust = reviewTrust({ actor: options.actor, approvals: options.approvals, ci: runsInCi(ctx.env) });
  const duplicates = branchDuplicates(ctx, ideas, sides, trust, options.failOnDuplicate ?? false);
  const { rules, reviewersNeeded } = evaluateRules(sides.rulesConfig, ideas, trust);

  const lineOf = (path: string, field: readonly (string | number)[]) => {
    const parsed = subject.has(path) ? sides.head.get(path)?.parsed : undefined;
    return parsed ? lineOfField(parsed, field) : undefined;
  };
  const blocking = problems.length > 0 || rules.some((r) => r.blocking) || reviewersNeeded.some((r) => r.blocking) || duplicates.some((d) => d.blocking);
  return {
    base: { ref: options.base, commit: range.baseTip, mergeBase: range.mergeBase },
    head: { commit: range.head },
    trust,
    ideas,
    problems,
    duplicates,
    rules,
    reviewersNeeded,
    config: sides.headConfig,
    configChanged: changed.some((file) => file.path === CONFIG_FILE),
    lineOf,
    blocking,
  };
}

/** The ideas, with renames (same id deleted and added) joined into one change. */
function reviewedIdeas(changedIdeas: readonly ChangedFile[], sides: Sides, commits: readonly CommitInfo[]): ReviewedIdea[] {
  const ideas: ReviewedIdea[] = [];
  const deleted = changedIdeas.filter((f) => f.status === 'D');
  const renamedFrom = new Map<string, string>();
  for (const file of changedIdeas.filter((f) => f.status === 'A')) {
    const id = sides.head.get(file.path)?.idea?.data.id;
    const gone = deleted.find((d) => !renamedFrom.has(d.path) && id !== undefined && sides.base.get(d.path)?.idea?.data.id === id);
    if (gone) renamedFrom.set(gone.path, file.path);
  }
  const renamedTo = new Map([...renamedFrom].map(([from, to]) => [to, from]));
  for (const file of changedIdeas) {
    if (file.status === 'D' && renamedFrom.has(file.path)) continue;
    const previousPath = renamedTo.get(file.path);
    const before = file.status === 'A' && !previousPath ? undefined : withBody(sides.base.get(previousPath ?? file.path));
    const after = file.status === 'D' ? undefined : withBody(sides.head.get(file.path));
    const change: ReviewedIdea['change'] = file.status === 'D' ? 'deleted' : file.status === 'A' && !previousPath ? 'added' : 'changed';
    const paths = [file.path, ...(previousPath ? [previousPath] : [])];
    const authors = uniqueIdentities(commits.filter((c) => c.files.some((f) => paths.includes(f))).map((c) => ({ name: c.authorName, email: c.authorEmail })));
    // A side that breaks the schema is diffed as far as it parsed; its problems are validation's.
    const looseBefore = change === 'added' ? undefined : looseVersion(sides.base.get(previousPath ?? file.path));
    const looseAfter = change === 'deleted' ? undefined : looseVersion(sides.head.get(file.path));
    const changes =
      change === 'changed' && (!looseBefore || !looseAfter)
        ? [] // one side is not even YAML; validation reports why
        : diffIdeas(looseBefore?.data, looseAfter?.data, { ...(looseBefore ? { before: looseBefore.body } : {}), ...(looseAfter ? { after: looseAfter.body } : {}) });
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
  return ideas;
}

/** The branch's added and changed ideas against the register as it is now, decided by the base's rules. */
function branchDuplicates(ctx: CommandContext, ideas: readonly ReviewedIdea[], sides: Sides, trust: ReviewTrust, strict: boolean): BranchDuplicate[] {
  const subjects = ideas.flatMap((idea): IdeaWithBody[] => {
    const found = idea.change === 'deleted' ? undefined : withBody(sides.head.get(idea.path));
    return found ? [found] : [];
  });
  const subjectIds = new Set(subjects.map((idea) => idea.data.id));
  const addedIds = new Set(ideas.filter((idea) => idea.change === 'added').map((idea) => idea.id));
  const registerNow = sides.now.flatMap((checked) => {
    const idea = withBody(checked);
    return idea && !subjectIds.has(idea.data.id) ? [idea] : [];
  });
  const byId = new Map([...registerNow, ...subjects].map((idea) => [idea.data.id, idea]));
  const candidates = likelyDuplicates(registerNow, subjects, sides.rulesConfig.duplicates, ctx.clock.today());
  return decideBranchDuplicates(
    ideas,
    candidates,
    (id) => {
      const idea = byId.get(id);
      return idea ? { data: idea.data, path: idea.path, isNew: addedIds.has(id) } : undefined;
    },
    { config: sides.rulesConfig, trust, strict },
  );
}
