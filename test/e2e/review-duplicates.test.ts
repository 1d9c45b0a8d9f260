/**
 * The sluice's reason to exist, end to end through `bin/sluss`: a branch that
 * adds an idea the register already holds is blocked by `review`, and an
 * adder's "not a duplicate" stands only with a coordinator's or reviewer's
 * approval.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDefaultConfig } from '../../src/core/format/config-file.js';
import { commitAs } from '../helpers/branches.js';
import { runCli } from '../helpers/cli.js';
import { createRegister, git, SAMPLE_IDEAS, writeIdea } from '../helpers/registers.js';

const LOCKS = SAMPLE_IDEAS[0]!;

interface ReviewJson {
  blocking: boolean;
  duplicates: {
    id: string;
    candidate: { id: string; municipality: string };
    decision: string;
    declared?: { by: string; date?: string };
    approval?: { needed: boolean; approvedBy: string[] };
    blocking: boolean;
    message: string;
  }[];
}

/** A register whose coordinator is @maria and whose reviewer for Hjo is @hanna, on a new branch. */
function register(ideas = SAMPLE_IDEAS): string {
  const root = createRegister({ ideas });
  const config = renderDefaultConfig('X', { coordinators: ['@maria'] }).replace('{ code: hjo, name: "Hjo", reviewers: [] }', '{ code: hjo, name: "Hjo", reviewers: ["@hanna"] }');
  writeFileSync(join(root, 'sluss.yaml'), config);
  git(root, 'commit', '--quiet', '-am', 'Samordnare');
  git(root, 'switch', '--quiet', '-c', 'idea/hjo');
  return root;
}

async function review(root: string, ...args: string[]): Promise<{ code: number | null; json: ReviewJson }> {
  const result = await runCli(['review', '--base', 'main', '--format', 'json', ...args], { cwd: root });
  return { code: result.code, json: JSON.parse(result.stdout) as ReviewJson };
}

describe('review and the duplicate check', () => {
  it('lists an add --on-duplicate new over a likely duplicate as an override, and blocks it without a coordinator’s approval', { timeout: 60_000 }, async () => {
    const root = register();
    const added = await runCli(['add', '--no-input', '--json', '--on-duplicate', 'new', '--title', LOCKS.title, '--problem', LOCKS.problem, '--municipality', 'hjo'], { cwd: root });
    expect(added.code, added.stderr).toBe(0);
    const { id, path } = JSON.parse(added.stdout) as { id: string; path: string };
    expect(readFileSync(join(root, path), 'utf8')).toContain(`not_duplicates:\n    - ${LOCKS.id}`);

    const unapproved = await review(root, '--actor', '@tove', '--approvals', '');
    expect(unapproved.code).toBe(1);
    expect(unapproved.json.blocking).toBe(true);
    const override = unapproved.json.duplicates.find((d) => d.id === id && d.candidate.id === LOCKS.id)!;
    expect(override).toMatchObject({ decision: 'not-duplicate', declared: { by: 'Test Coach', date: '2026-11-27' }, approval: { needed: true, approvedBy: [] }, blocking: true });
    expect(override.message).toContain('markerad som ej dubblett av Test Coach, 2026-11-27');

    // The coordinator opening the change is not an approval of it.
    expect((await review(root, '--actor', '@maria', '--approvals', '')).json.duplicates.find((d) => d.id === id)!.blocking).toBe(true);
    const approved = await review(root, '--actor', '@tove', '--approvals', 'maria,hanna');
    expect(approved.json.duplicates.find((d) => d.id === id)).toMatchObject({ approval: { approvedBy: ['@maria', '@hanna'] }, blocking: false });
    // A reviewer of a municipality involved approves it too.
    expect((await review(root, '--actor', '@tove', '--approvals', 'hanna')).json.duplicates.find((d) => d.id === id)!.blocking).toBe(false);
    expect(approved.code).toBe(0);
  });

  // With one existing copy; three and five copies are in test/e2e/duplicate-labels.test.ts.
  it('blocks a branch that adds a copy of an idea another municipality already has, and says how to decide it', { timeout: 60_000 }, async () => {
    const root = register();
    writeIdea(root, { ...LOCKS, id: '100-CCCC1', municipality: 'hjo', created: '2026-11-20' });
    commitAs(root, 'Hanna Coach', 'hanna@hjo.se', 'Ny idé på en parallell gren');
    // Approvals do not decide a pair: only joining, linking or a not-duplicate (then approved) does.
    const { code, json } = await review(root, '--actor', '@hanna', '--approvals', 'maria');
    expect(code).toBe(1);
    expect(json.duplicates).toEqual([expect.objectContaining({ id: '100-CCCC1', candidate: expect.objectContaining({ id: LOCKS.id, municipality: 'skovde' }), decision: 'undecided', blocking: true })]);
    const text = await runCli(['review', '--base', 'main'], { cwd: root });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`100-CCCC1 ${LOCKS.title} liknar ${LOCKS.id} ${LOCKS.title} (Skövde, Inkommen, poäng`);
    expect(text.stdout).toMatch(/poäng \d,\d\d\)/);
    expect(text.stdout).toContain('inte avgjord: anslut, länka eller markera som ej dubblett');
  });
});
