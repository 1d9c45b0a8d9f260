import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRegister } from '../../src/app/validate.js';
import { assessCommand, joinCommand, linkCommand, mergeCommand, moveCommand } from '../../src/app/workflow.js';
import type { ChangeOptions } from '../../src/app/workflow.js';
import { parseIdeaFile } from '../../src/core/format/idea-file.js';
import type { IdeaData } from '../../src/core/idea.js';
import { scriptedPrompter, testContext } from '../helpers/context.js';
import { createRegister, git } from '../helpers/registers.js';

const commit: ChangeOptions = { commit: true, branch: false, pr: false };
const read = (root: string, path: string) => {
  const parsed = parseIdeaFile(readFileSync(join(root, path), 'utf8'));
  if (!parsed.ok) throw new Error('unparsable');
  return parsed.file.data as IdeaData;
};
const changedFiles = (root: string) => git(root, 'show', '--name-only', '--format=', 'HEAD').split('\n').sort();

describe('workflow commands on a real register', () => {
  it('each action is one commit with a readable message, and git revert undoes it', async () => {
    const root = createRegister();
    const ctx = testContext({ cwd: root, today: '2026-12-01' });
    await moveCommand(ctx, { ...commit, id: '0ZZ-AAAA1', stage: 'forsta-bedomning' });
    expect(git(root, 'log', '-1', '--format=%s')).toBe('Idé 0ZZ-AAAA1 Inkommen → Första bedömning: Digitala lås i hemtjänsten');
    await assessCommand(ctx, { ...commit, id: '0ZZ-AAAA1', scores: { nytta: 5, effekter: 4, genomforbarhet: 3 }, motivation: 'Sparar tid' });
    expect(git(root, 'log', '-1', '--format=%s')).toBe('Bedömning av idé 0ZZ-AAAA1: nytta 5, effekter 4, genomförbarhet 3');
    const before = readFileSync(join(root, 'ideas/0ZZ-AAAA1-digitala-las-i-hemtjansten.md'), 'utf8');
    await joinCommand(ctx, { ...commit, id: '0zz-aaaa1', municipality: 'Hjo', role: 'co-funder', share: 30 });
    git(root, 'revert', '--no-edit', 'HEAD');
    expect(readFileSync(join(root, 'ideas/0ZZ-AAAA1-digitala-las-i-hemtjansten.md'), 'utf8')).toBe(before);
    expect(git(root, 'log', '--format=%s').split('\n')).toHaveLength(5);
  });

  it('link --related and merge change both ideas in one commit', async () => {
    const root = createRegister();
    const ctx = testContext({ cwd: root });
    const linked = await linkCommand(ctx, { ...commit, id: '0ZZ-AAAA2', other: '0ZZ-AAAA3', kind: 'related', remove: false });
    expect(linked.ideas.map((i) => i.id)).toEqual(['0ZZ-AAAA2', '0ZZ-AAAA3']);
    expect(changedFiles(root)).toEqual(['ideas/0ZZ-AAAA2-karta-over-snorojningen-i-realtid.md', 'ideas/0ZZ-AAAA3-solceller-pa-forskolornas-tak.md']);

    const merged = await mergeCommand(ctx, { ...commit, duplicate: '0ZZ-AAAA3', into: '0ZZ-AAAA2' });
    expect(git(root, 'log', '-1', '--format=%s')).toBe('Idé 0ZZ-AAAA3 slås ihop med 0ZZ-AAAA2');
    expect(changedFiles(root)).toHaveLength(2);
    const duplicate = read(root, merged.ideas[0]!.path);
    expect(duplicate).toMatchObject({ status: 'dubblett', links: { related: ['0ZZ-AAAA2'], duplicate_of: '0ZZ-AAAA2' } });
    expect(read(root, merged.ideas[1]!.path).municipalities.map((p) => p.municipality)).toEqual(['falkoping', 'vara']);
    expect((await validateRegister(testContext({ cwd: root }), [])).problems).toEqual([]);
  });

  it('--branch leaves the user on their branch with the change on a new one', async () => {
    const root = createRegister();
    const result = await moveCommand(testContext({ cwd: root }), { ...commit, branch: true, id: '0ZZ-AAAA2', stage: 'parkerad', note: 'Väntar på budget' });
    expect(result.branch).toBe('idea/0ZZ-AAAA2-parkerad-karta-over-snorojningen-i');
    expect(git(root, 'branch', '--show-current')).toBe('main');
    expect(git(root, 'show', `${result.branch}:ideas/0ZZ-AAAA2-karta-over-snorojningen-i-realtid.md`)).toContain('note: Väntar på budget');
    expect(read(root, 'ideas/0ZZ-AAAA2-karta-over-snorojningen-i-realtid.md').status).toBe('inkommen');
  });

  it('asks for the stage and the scores on a terminal', async () => {
    const root = createRegister();
    const prompter = scriptedPrompter(['forsta-bedomning', '']);
    await moveCommand(testContext({ cwd: root, prompter }), { ...commit, id: '0ZZ-AAAA1' });
    expect(prompter.asked[0]).toBe('Vilket steg ska idé 0ZZ-AAAA1 flyttas till?');
    const scores = scriptedPrompter(['4', '3', '5', 'Motiverat']);
    await assessCommand(testContext({ cwd: root, prompter: scores }), { ...commit, id: '0ZZ-AAAA1', scores: {} });
    expect(read(root, 'ideas/0ZZ-AAAA1-digitala-las-i-hemtjansten.md').assessment).toMatchObject({ scores: { nytta: 4, effekter: 3, genomforbarhet: 5 }, motivation: 'Motiverat' });
  });

  it('keeps comments and unknown fields of a hand-edited file through a move', async () => {
    const root = createRegister();
    const path = 'ideas/0ZZ-AAAA1-digitala-las-i-hemtjansten.md';
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(root, path), readFileSync(join(root, path), 'utf8').replace('category: ovrigt', 'category: ovrigt # ändra efter mötet\nx-diarienummer: KS 2026/114'));
    git(root, 'commit', '-qam', 'Handredigerad');
    await moveCommand(testContext({ cwd: root }), { ...commit, id: '0ZZ-AAAA1', stage: 'forsta-bedomning' });
    const text = readFileSync(join(root, path), 'utf8');
    expect(text).toContain('category: ovrigt # ändra efter mötet');
    expect(text).toContain('x-diarienummer: KS 2026/114');
  });
});
