/**
 * `sluss review` against the ways around it: a forged git author, the actor
 * approving their own change, rewritten history, files hidden under ideas/,
 * edits that break the schema, and text that would act on a terminal.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reviewBranch } from '../../src/app/review.js';
import { renderReviewMarkdown, renderReviewText } from '../../src/cli/commands/review-run.js';
import { renderDefaultConfig } from '../../src/core/format/config-file.js';
import { commitAs, edit, move, pathOf } from '../helpers/branches.js';
import { runCli } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';
import { createRegister, git, SAMPLE_IDEAS, writeIdea } from '../helpers/registers.js';

const IN_FIRST = { id: '0ZZ-AAAA4', title: 'Gemensam vikariepool för förskolorna', municipality: 'tibro', problem: 'Förskolorna saknar vikarier på morgonen.', status: 'forsta-bedomning' };
const ASSESSED = { date: '2026-11-19', by: 'Maria Holm', scores: { nytta: 4, effekter: 3, genomforbarhet: 4 } };

/** main with a coordinator known by name and by forge account, and reviewers for Tibro; then a branch. */
function registerOnBranch(): string {
  const root = createRegister({ ideas: [...SAMPLE_IDEAS, IN_FIRST] });
  const config = renderDefaultConfig('X', { coordinators: ['Maria Holm', 'maria@skaraborg.se', '@maria'] }).replace(
    '{ code: tibro, name: "Tibro", reviewers: [] }',
    '{ code: tibro, name: "Tibro", reviewers: ["@tore", "@tove"] }',
  );
  writeFileSync(join(root, 'sluss.yaml'), config);
  git(root, 'commit', '--quiet', '-am', 'Samordnare');
  git(root, 'switch', '--quiet', '-c', 'idea/branch');
  return root;
}

describe('the trust model: in CI only the actor and the approvals count', () => {
  it('blocks a move committed under the coordinator’s name when CI says @mallory opened it, and names nobody falsely', async () => {
    const root = registerOnBranch();
    edit(root, IN_FIRST.id, (d) => ({ ...move(d, 'utredning', 'Maria Holm'), assessment: ASSESSED }));
    commitAs(root, 'Maria Holm', 'maria@skaraborg.se', 'Flytt, förfalskad författare');
    const local = await reviewBranch(testContext({ cwd: root }), { base: 'main' });
    expect(local.rules.find((r) => r.rule === 'coordinator-move')).toMatchObject({ ok: true, confirmedBy: { how: 'git-author' } });

    const forge = await reviewBranch(testContext({ cwd: root }), { base: 'main', actor: '@mallory', approvals: [] });
    const rule = forge.rules.find((r) => r.rule === 'coordinator-move');
    expect(rule).toMatchObject({ ok: false, blocking: true, actor: '@mallory', mode: 'forge' });
    expect(forge.blocking).toBe(true);
    const text = renderReviewText(forge, 'sv');
    expect(text).toContain('ändringen öppnades av @mallory och ingen samordnare har godkänt den');
    expect(text).toContain('Git anger Maria Holm <maria@skaraborg.se> som författare; det räknas inte som bevis.');
    expect(text).not.toMatch(/gjord av samordnaren/);
  });

  it('passes the move when the coordinator opened it or approved it, and names exactly that coordinator', async () => {
    const root = registerOnBranch();
    edit(root, IN_FIRST.id, (d) => ({ ...move(d, 'utredning', 'Tove Coach'), assessment: ASSESSED }));
    commitAs(root, 'Tove Coach', 'tove@tibro.se', 'Flytt');
    const opened = await reviewBranch(testContext({ cwd: root }), { base: 'main', actor: '@maria', approvals: ['tore'] });
    expect(opened.rules.find((r) => r.rule === 'coordinator-move')).toMatchObject({ ok: true, confirmedBy: { who: '@maria', how: 'actor' } });
    const approved = await reviewBranch(testContext({ cwd: root }), { base: 'main', actor: '@tove', approvals: ['maria', 'tore'] });
    expect(renderReviewText(approved, 'sv')).toContain('flytten Första bedömning → Utredning är godkänd av samordnaren @maria.');
    expect(approved.blocking).toBe(false);
  });

  it('never lets the actor approve their own change, also when the forge lists them', async () => {
    const root = registerOnBranch();
    edit(root, IN_FIRST.id, (d) => ({ ...d, tags: ['vikarier'] }));
    commitAs(root, 'Tove Coach', 'tove@tibro.se', 'Tagg');
    const own = await reviewBranch(testContext({ cwd: root }), { base: 'main', actor: '@tove', approvals: ['tove'] });
    expect(own.trust).toEqual({ mode: 'forge', actor: '@tove', approvals: [] });
    expect(own.reviewersNeeded).toEqual([expect.objectContaining({ municipality: 'tibro', status: 'missing', approvedBy: [], blocking: true })]);
    const other = await reviewBranch(testContext({ cwd: root }), { base: 'main', actor: '@tove', approvals: ['tore'] });
    expect(other.blocking).toBe(false);
  });

  it('takes the CI variable as forge mode even without --actor', async () => {
    const root = registerOnBranch();
    edit(root, IN_FIRST.id, (d) => ({ ...move(d, 'utredning', 'Maria Holm'), assessment: ASSESSED }));
    commitAs(root, 'Maria Holm', 'maria@skaraborg.se', 'Flytt');
    const ctx = { ...testContext({ cwd: root }), env: { ...testContext({ cwd: root }).env, CI: 'true' } };
    const report = await reviewBranch(ctx, { base: 'main' });
    expect(report.trust.mode).toBe('forge');
    expect(report.rules.find((r) => r.rule === 'coordinator-move')).toMatchObject({ ok: false });
  });
});

describe('what review shows and refuses', () => {
  it('blocks deleted and edited history entries', async () => {
    const root = registerOnBranch();
    // On main first: an idea with two history entries, so that the branch can delete one and keep the other.
    git(root, 'switch', '--quiet', 'main');
    edit(root, IN_FIRST.id, (d) => ({ ...d, history: [...d.history, { date: '2026-11-20', action: 'note', status: d.status, note: 'Ringde Tibro.', by: 'Tove Coach' }] }));
    commitAs(root, 'Tove Coach', 'tove@tibro.se', 'Anteckning');
    git(root, 'switch', '--quiet', '-c', 'delete-entry');
    edit(root, IN_FIRST.id, (d) => ({ ...d, history: d.history.slice(0, -1) }));
    commitAs(root, 'Tove Coach', 'tove@tibro.se', 'Ta bort en post ur historiken');
    const deleted = await reviewBranch(testContext({ cwd: root }), { base: 'main' });
    expect(deleted.rules).toContainEqual({ rule: 'history-append-only', id: IN_FIRST.id, path: pathOf(root, IN_FIRST.id), entries: 1, ok: false, blocking: true });
    expect(deleted.blocking).toBe(true);
    git(root, 'switch', '--quiet', '-c', 'edit-entry', 'main');
    edit(root, IN_FIRST.id, (d) => ({ ...d, history: [{ ...d.history[0]!, by: 'Någon annan' }, ...d.history.slice(1)] }));
    commitAs(root, 'Tove Coach', 'tove@tibro.se', 'Skriv om historiken');
    const edited = await reviewBranch(testContext({ cwd: root }), { base: 'main' });
    expect(edited.rules).toContainEqual({ rule: 'history-append-only', id: IN_FIRST.id, path: pathOf(root, IN_FIRST.id), entries: 1, ok: false, blocking: true });
    expect(edited.blocking).toBe(true);
  });

  it('blocks a file with a NUL byte after its first 8 KB as binary, as validate does', async () => {
    const root = registerOnBranch();
    const path = pathOf(root, IN_FIRST.id);
    // A comment long enough to push the NUL past the first 8 KB: the YAML and the body stay as they were.
    writeFileSync(join(root, path), readFileSync(join(root, path), 'utf8').replace('\n---\n', `\n# ${'x'.repeat(9000)}\u0000\n---\n`));
    commitAs(root, 'Tove Coach', 'tove@tibro.se', 'NUL långt in');
    const report = await reviewBranch(testContext({ cwd: root }), { base: 'main' });
    expect(report.problems).toContainEqual(expect.objectContaining({ file: path, code: 'binary' }));
    expect(report.blocking).toBe(true);
  });

  it('reports dot-files, sub-folders and other files under ideas/, but not an empty .gitkeep', async () => {
    const root = registerOnBranch();
    mkdirSync(join(root, 'ideas', 'arkiv'));
    writeFileSync(join(root, 'ideas', 'arkiv', '0ZZ-AAAA9-gomd.md'), 'dold idé');
    writeFileSync(join(root, 'ideas', '.0ZZ-AAAA8-gomd.md'), 'dold idé');
    writeFileSync(join(root, 'ideas', 'anteckningar.txt'), 'text');
    writeFileSync(join(root, 'ideas', '.gitkeep'), '');
    commitAs(root, 'Tove Coach', 'tove@tibro.se', 'Gömda filer');
    const report = await reviewBranch(testContext({ cwd: root }), { base: 'main' });
    expect(report.problems.filter((p) => p.code === 'stray-file').map((p) => [p.file, p.params?.['reason']])).toEqual([
      ['ideas/.0ZZ-AAAA8-gomd.md', 'dot-file'],
      ['ideas/anteckningar.txt', 'not-markdown'],
      ['ideas/arkiv/0ZZ-AAAA9-gomd.md', 'sub-folder'],
    ]);
    expect(report.blocking).toBe(true);
  });

  it('shows a hand-edited share as a change even when it breaks the schema, and hides the bookkeeping field updated', async () => {
    const root = registerOnBranch();
    edit(root, '0ZZ-AAAA1', (d) => ({ ...d, updated: '2026-11-20', municipalities: [...d.municipalities, { municipality: 'hjo', role: 'co-funder', share: 30 }] }));
    commitAs(root, 'Tove Coach', 'tove@tibro.se', 'Hjo ansluter');
    git(root, 'switch', '--quiet', '-c', 'share-edit');
    const path = edit(root, '0ZZ-AAAA1', (d) => ({ ...d, updated: '2026-11-21', municipalities: d.municipalities.map((p) => (p.municipality === 'hjo' ? { ...p, share: '50 %' as unknown as number } : p)) }));
    commitAs(root, 'Tove Coach', 'tove@tibro.se', 'Andel för hand');
    const report = await reviewBranch(testContext({ cwd: root }), { base: 'idea/branch' });
    const idea = report.ideas.find((i) => i.id === '0ZZ-AAAA1')!;
    expect(idea.changes).toEqual([{ kind: 'participant-changed', municipality: 'hjo', share: { from: 30, to: '50 %' } }]);
    expect(report.problems).toContainEqual(expect.objectContaining({ file: path, code: 'schema' }));
    const text = renderReviewText(report, 'sv');
    expect(text).toContain('Hjo: andel 30 → 50 %');
    expect(text).not.toContain('ändrad ändrad');
  });

  it('shows a new idea’s municipality and problem, masking personal data, and escapes control characters', async () => {
    const root = registerOnBranch();
    writeIdea(root, { id: '100-BBBB7', title: 'Bokbuss \u001b]0;pwned\u0007till byarna', municipality: 'hjo', problem: 'Långt till biblioteket \u001b[2J, ring 070-123 45 67.', created: '2026-11-20' });
    commitAs(root, 'Tove Coach', 'tove@tibro.se', 'Ny idé');
    const report = await reviewBranch(testContext({ cwd: root }), { base: 'main' });
    for (const output of [renderReviewText(report, 'sv'), renderReviewMarkdown(report, 'sv')]) {
      expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(output).toContain('\\x1B');
      expect(output).toContain('ny idé från Hjo (Övrigt): Långt till biblioteket');
      expect(output.replace(/\\\*/g, '*')).toContain('07*********67');
      expect(output).not.toContain('070-123 45 67');
    }
  });

  it('takes --format md as --format markdown', async () => {
    const root = registerOnBranch();
    edit(root, IN_FIRST.id, (d) => ({ ...d, tags: ['vikarier'] }));
    commitAs(root, 'Tove Coach', 'tove@tibro.se', 'Tagg');
    const md = await runCli(['review', '--base', 'main', '--format', 'md'], { cwd: root });
    const markdown = await runCli(['review', '--base', 'main', '--format', 'markdown'], { cwd: root });
    expect(md.stderr).toBe('');
    expect(md.stdout).toMatch(/^## ✅ sluss review/);
    expect(md.stdout).toBe(markdown.stdout);
  });
});
