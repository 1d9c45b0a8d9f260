/** `sluss review` on real temporary git repositories. */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reviewBranch } from '../../src/app/review.js';
import type { ReviewReport } from '../../src/app/review.js';
import { renderReviewGithub, renderReviewMarkdown, renderReviewText, reviewJson } from '../../src/cli/commands/review-run.js';
import { SlussError } from '../../src/core/errors.js';
import { renderDefaultConfig } from '../../src/core/format/config-file.js';
import { runCli } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';
import { commitAs, edit, move, pathOf } from '../helpers/branches.js';
import { createRegister, git, SAMPLE_IDEAS, tempDir, writeIdea } from '../helpers/registers.js';

const IN_FIRST = { id: '0ZZ-AAAA4', title: 'Gemensam vikariepool för förskolorna', municipality: 'tibro', problem: 'Förskolorna saknar vikarier på morgonen.', status: 'forsta-bedomning' };
const IN_FIRST_2 = { id: '0ZZ-AAAA5', title: 'Fritidsbank för lån av sportutrustning', municipality: 'hjo', problem: 'Barn saknar utrustning för idrott.', status: 'forsta-bedomning' };
const GONE = { id: '0ZZ-AAAA6', title: 'Cykelbibliotek vid stationen', municipality: 'skara', problem: 'Pendlare vill låna cyklar.' };

/** main: coordinators and reviewers in sluss.yaml; a branch with one of each kind of change. */
function prepare(): string {
  const root = createRegister({ ideas: [...SAMPLE_IDEAS, IN_FIRST, IN_FIRST_2, GONE] });
  const config = renderDefaultConfig('X', { coordinators: ['Maria Holm'] })
    .replace('{ code: skovde, name: "Skövde", reviewers: [] }', '{ code: skovde, name: "Skövde", reviewers: ["@anna", "anna@skovde.se"] }')
    .replace('{ code: tibro, name: "Tibro", reviewers: [] }', '{ code: tibro, name: "Tibro", reviewers: ["@tore"] }');
  writeFileSync(join(root, 'sluss.yaml'), config);
  git(root, 'commit', '--quiet', '-am', 'Samordnare och granskare');
  git(root, 'switch', '--quiet', '-c', 'idea/branch');

  // A near-duplicate of 0ZZ-AAAA1 (Skövde) from Tibro.
  writeIdea(root, { id: '100-BBBB1', title: 'Digitala lås i hemtjänsten', municipality: 'tibro', problem: SAMPLE_IDEAS[0]!.problem, created: '2026-11-20' });
  commitAs(root, 'Tove Coach', 'tove@tibro.se', 'Ny idé');
  // Tibro joins 0ZZ-AAAA1; its title is edited.
  edit(root, '0ZZ-AAAA1', (d) => ({ ...d, title: 'Digitala lås i hemtjänsten och LSS', municipalities: [...d.municipalities, { municipality: 'tibro', role: 'co-funder', share: 30, joined: '2026-11-20' }] }));
  commitAs(root, 'Tove Coach', 'tove@tibro.se', 'Tibro ansluter');
  // A move out of forsta-bedomning by a non-coordinator, and one by the coordinator.
  edit(root, IN_FIRST.id, (d) => move(d, 'utredning', 'Tove Coach'));
  commitAs(root, 'Tove Coach', 'tove@tibro.se', 'Flytt');
  edit(root, IN_FIRST_2.id, (d) => move(d, 'utredning', 'Maria Holm'));
  commitAs(root, 'Maria Holm', 'maria@skaraborg.se', 'Flytt av samordnaren');
  // A typo fix by the coordinator in the first moved idea does not make its move hers.
  edit(root, IN_FIRST.id, (d) => ({ ...d, tags: ['forskola'] }));
  commitAs(root, 'Maria Holm', 'maria@skaraborg.se', 'Tagg');
  return root;
}

describe('sluss review', () => {
  let root: string;
  let report: ReviewReport;
  beforeAll(async () => {
    root = prepare();
    report = await reviewBranch(testContext({ cwd: root }), { base: 'main' });
  });

  it('lists added and changed ideas with what changed', () => {
    const byId = new Map(report.ideas.map((idea) => [idea.id, idea]));
    expect([...byId.keys()].sort()).toEqual(['0ZZ-AAAA1', '0ZZ-AAAA4', '0ZZ-AAAA5', '100-BBBB1']);
    expect(byId.get('100-BBBB1')).toMatchObject({
      change: 'added',
      changes: [{ kind: 'added', municipality: 'tibro', category: 'ovrigt', problem: SAMPLE_IDEAS[0]!.problem }],
      authors: [{ name: 'Tove Coach', email: 'tove@tibro.se' }],
    });
    expect(byId.get('0ZZ-AAAA1')!.changes).toEqual([
      { kind: 'joined', municipality: 'tibro', role: 'co-funder', share: 30 },
      { kind: 'edited', field: 'title', from: 'Digitala lås i hemtjänsten', to: 'Digitala lås i hemtjänsten och LSS' },
    ]);
    expect(byId.get('0ZZ-AAAA4')!.changes).toEqual([
      { kind: 'moved', from: 'forsta-bedomning', to: 'utredning', date: '2026-11-20', by: 'Tove Coach', authors: [{ name: 'Tove Coach', email: 'tove@tibro.se' }] },
      { kind: 'edited', field: 'tags', from: null, to: ['forskola'] },
    ]);
    expect(report.problems).toEqual([]);
    expect(report.base.mergeBase).toBe(git(root, 'rev-parse', 'main'));
  });

  it('flags the new idea as an undecided likely duplicate, blocking by default', () => {
    expect(report.duplicates.filter((d) => d.change === 'added')).toHaveLength(1);
    // Likely duplicates of edited ideas are listed as warnings (how many depends on the engine's labels in a small register).
    expect(report.duplicates.filter((d) => d.change === 'changed').every((d) => !d.blocking && d.decision === 'undecided')).toBe(true);
    expect(report.duplicates.find((d) => d.id === '100-BBBB1')).toMatchObject({ id: '100-BBBB1', change: 'added', candidate: { id: '0ZZ-AAAA1', municipality: 'skovde', isNew: false }, decision: 'undecided', blocking: true });
  });

  it('blocks the move by a non-coordinator and allows the coordinator’s', () => {
    const moves = report.rules.filter((r) => r.rule === 'coordinator-move');
    expect(moves).toEqual([
      expect.objectContaining({ id: '0ZZ-AAAA4', ok: false, blocking: true, madeBy: ['Tove Coach <tove@tibro.se>'], allowed: ['Maria Holm'], mode: 'local' }),
      expect.objectContaining({ id: '0ZZ-AAAA5', ok: true, blocking: false, madeBy: ['Maria Holm <maria@skaraborg.se>'], confirmedBy: { who: 'Maria Holm <maria@skaraborg.se>', how: 'git-author' } }),
    ]);
    expect(report.blocking).toBe(true);
  });

  it('names the reviewers needed per idea and municipality', () => {
    const need = report.reviewersNeeded.filter((r) => r.id === '0ZZ-AAAA1').map((r) => [r.municipality, r.reviewers, r.status]);
    expect(need).toEqual([
      ['skovde', ['@anna', 'anna@skovde.se'], 'unchecked'],
      ['tibro', ['@tore'], 'unchecked'],
    ]);
    expect(report.reviewersNeeded.find((r) => r.id === '0ZZ-AAAA5')).toMatchObject({ municipality: 'hjo', status: 'no-reviewers', blocking: false });
  });

  it('blocks a missing approval when approvals are given', async () => {
    const strict = await reviewBranch(testContext({ cwd: root }), { base: 'main', approvals: ['anna'], failOnDuplicate: true });
    expect(strict.reviewersNeeded.filter((r) => r.blocking).map((r) => [r.id, r.municipality])).toEqual([
      ['0ZZ-AAAA1', 'tibro'],
      ['0ZZ-AAAA4', 'tibro'],
      ['100-BBBB1', 'tibro'],
    ]);
  });

  it('renders text, markdown, GitHub annotations and JSON', () => {
    const text = renderReviewText(report, 'sv');
    expect(text).toContain('Ändrade idéer (4):');
    expect(text).toContain('Tibro ansluter som medfinansiär (30 %)');
    expect(text).toContain('flytten Första bedömning → Utredning får bara göras av en samordnare (Maria Holm); den är gjord av Tove Coach <tove@tibro.se>.');
    expect(renderReviewText(report, 'en')).toContain('only a coordinator (Maria Holm) may move Första bedömning → Utredning');
    const markdown = renderReviewMarkdown(report, 'sv');
    expect(markdown).toMatch(/^## ❌ sluss review/);
    // A new idea's row says what it is about (it was "–").
    expect(markdown).toContain('| `100-BBBB1` | Digitala lås i hemtjänsten | ny | ny idé från Tibro (Övrigt): Hemtjänstens personal hanterar');
    expect(markdown).toContain('### Troliga dubbletter');
    expect(markdown).toContain('| `0ZZ-AAAA1` | Skövde | @anna, anna\\@skovde.se | ⏳ behöver godkänna |');
    const github = renderReviewGithub(report, 'sv');
    const statusLine = readFileSync(join(root, pathOf(root, '0ZZ-AAAA4')), 'utf8').split('\n').findIndex((l) => l.startsWith('status:')) + 1;
    expect(github).toContainEqual(expect.stringMatching(new RegExp(`^::error file=ideas/0ZZ-AAAA4-[^,]+,line=${statusLine},title=sluss%3A coordinator-move::`)));
    expect(github).toContainEqual(expect.stringMatching(/^::error file=ideas\/100-BBBB1-.*title=sluss%3A duplicate::/));
    const json = JSON.parse(JSON.stringify(reviewJson(report, 'en'))) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['base', 'head', 'trust', 'ideas', 'problems', 'duplicates', 'rules', 'reviewersNeeded', 'configChanged', 'blocking']);
    expect(json['trust']).toEqual({ mode: 'local' });
    expect(json['blocking']).toBe(true);
  });

  it('reports a deleted idea and an invalid changed file as blocking', async () => {
    const other = prepare();
    git(other, 'rm', '--quiet', '--', pathOf(other, GONE.id));
    const broken = edit(other, '0ZZ-AAAA2', (d) => ({ ...d, status: 'okand' }));
    commitAs(other, 'Maria Holm', 'maria@skaraborg.se', 'Ta bort och förstör');
    const result = await reviewBranch(testContext({ cwd: other }), { base: 'main' });
    expect(result.ideas.find((i) => i.id === GONE.id)).toMatchObject({ change: 'deleted', changes: [{ kind: 'deleted' }] });
    expect(result.rules).toContainEqual({ rule: 'never-delete', id: GONE.id, path: expect.stringMatching(/^ideas\/0ZZ-AAAA6-/), ok: false, blocking: true });
    expect(result.problems).toContainEqual(expect.objectContaining({ file: broken, field: 'status', code: 'unknown-stage' }));
  });

  it('applies the rules of the base when the branch edits sluss.yaml', async () => {
    const other = prepare();
    writeFileSync(join(other, 'sluss.yaml'), readFileSync(join(other, 'sluss.yaml'), 'utf8').replace('coordinators: ["Maria Holm"]', 'coordinators: ["Maria Holm", "Tove Coach"]'));
    commitAs(other, 'Tove Coach', 'tove@tibro.se', 'Jag är också samordnare');
    const result = await reviewBranch(testContext({ cwd: other }), { base: 'main' });
    expect(result.configChanged).toBe(true);
    expect(result.rules.find((r) => r.id === '0ZZ-AAAA4')).toMatchObject({ ok: false });
  });

  it('reads HEAD, not the working tree, and compares with the merge base', async () => {
    const other = prepare();
    // main moves on after the branch left it: not part of the branch's changes.
    git(other, 'switch', '--quiet', 'main');
    edit(other, '0ZZ-AAAA3', (d) => ({ ...d, title: 'Solceller på alla tak' }));
    commitAs(other, 'Test Coach', 'coach@example.se', 'På main');
    git(other, 'switch', '--quiet', 'idea/branch');
    edit(other, '0ZZ-AAAA2', (d) => ({ ...d, title: 'Ej incheckad' }));
    const result = await reviewBranch(testContext({ cwd: other }), { base: 'main' });
    expect(result.ideas.map((i) => i.id).sort()).toEqual(['0ZZ-AAAA1', '0ZZ-AAAA4', '0ZZ-AAAA5', '100-BBBB1']);
  });

  it('refuses an unknown base and a folder that is not a git repository', async () => {
    await expect(reviewBranch(testContext({ cwd: root }), { base: 'no-such-branch' })).rejects.toMatchObject({ code: 'unknown-ref', params: { option: '--base', ref: 'no-such-branch', shallow: 'no' } });
    await expect(reviewBranch(testContext({ cwd: root }), { base: '--output=/tmp/x' })).rejects.toBeInstanceOf(SlussError);
    const plain = tempDir();
    writeFileSync(join(plain, 'sluss.yaml'), renderDefaultConfig('X'));
    mkdirSync(join(plain, 'ideas'));
    await expect(reviewBranch(testContext({ cwd: plain }), { base: 'main' })).rejects.toMatchObject({ code: 'not-a-git-repo' });
  });

  it('passes a branch with nothing to object to', async () => {
    const clean = createRegister();
    git(clean, 'switch', '--quiet', '-c', 'fix');
    edit(clean, '0ZZ-AAAA3', (d) => ({ ...d, tags: ['energi'] }));
    commitAs(clean, 'Test Coach', 'coach@example.se', 'Tagg');
    const result = await reviewBranch(testContext({ cwd: clean }), { base: 'main' });
    expect(result.blocking).toBe(false);
    expect(result.ideas).toHaveLength(1);
  });
});

describe('sluss review as a process', () => {
  let root: string;
  beforeAll(() => {
    root = prepare();
  });

  it('prints the JSON shape and exits 1 when something blocks', async () => {
    const result = await runCli(['review', '--base', 'main', '--json'], { cwd: root });
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as { ideas: { id: string; change: string }[]; blocking: boolean; duplicates: unknown[] };
    expect(json.blocking).toBe(true);
    expect(json.ideas.map((i) => i.id).sort()).toEqual(['0ZZ-AAAA1', '0ZZ-AAAA4', '0ZZ-AAAA5', '100-BBBB1']);
    expect(json.duplicates.length).toBeGreaterThanOrEqual(1);
  });

  it('prints markdown for a pull request comment', async () => {
    const result = await runCli(['review', '--base', 'main', '--format', 'markdown', '--actor', '@maria'], { cwd: root });
    expect(result.stdout).toMatch(/^## ❌ sluss review/);
  });

  it('exits 0 on a clean branch and 2 on an unknown base', async () => {
    const clean = createRegister();
    git(clean, 'switch', '--quiet', '-c', 'fix');
    expect((await runCli(['review', '--base', 'main'], { cwd: clean })).code).toBe(0);
    const unknown = await runCli(['review', '--base', 'nope'], { cwd: clean });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--base');
    rmSync(clean, { recursive: true, force: true });
  });
});
