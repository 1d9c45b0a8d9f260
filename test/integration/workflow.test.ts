import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addIdea } from '../../src/app/add.js';
import { showIdea } from '../../src/app/read.js';
import { validateRegister } from '../../src/app/validate.js';
import { assessCommand, joinCommand, leaveCommand, linkCommand, mergeCommand, moveCommand } from '../../src/app/workflow.js';
import type { ChangeOptions } from '../../src/app/workflow.js';
import { parseIdeaFile } from '../../src/core/format/idea-file.js';
import type { IdeaData } from '../../src/core/idea.js';
import { SlussError } from '../../src/core/errors.js';
import { explainError } from '../../src/ui/messages.js';
import { scriptedPrompter, testContext } from '../helpers/context.js';
import { createRegister, git, SAMPLE_IDEAS } from '../helpers/registers.js';

const rejection = async (promise: Promise<unknown>): Promise<SlussError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof SlussError)) throw new Error(`expected a SlussError, got ${String(error)}`);
  return error;
};
const AAAA1 = 'ideas/0ZZ-AAAA1-digitala-las-i-hemtjansten.md';
const AAAA2 = 'ideas/0ZZ-AAAA2-karta-over-snorojningen-i-realtid.md';
const AAAA3 = 'ideas/0ZZ-AAAA3-solceller-pa-forskolornas-tak.md';

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
    writeFileSync(join(root, path), readFileSync(join(root, path), 'utf8').replace('category: ovrigt', 'category: ovrigt # ändra efter mötet\nx-diarienummer: KS 2026/114'));
    git(root, 'commit', '-qam', 'Handredigerad');
    await moveCommand(testContext({ cwd: root }), { ...commit, id: '0ZZ-AAAA1', stage: 'forsta-bedomning' });
    const text = readFileSync(join(root, path), 'utf8');
    expect(text).toContain('category: ovrigt # ändra efter mötet');
    expect(text).toContain('x-diarienummer: KS 2026/114');
  });

  it('asks join for the municipality among those not taking part, then role and share', async () => {
    const root = createRegister();
    const prompter = scriptedPrompter(['hjo', 'co-funder', '30 %']);
    await joinCommand(testContext({ cwd: root, prompter }), { ...commit, id: '0ZZ-AAAA1' });
    expect(prompter.asked).toEqual(['Vilken kommun ansluter till idé 0ZZ-AAAA1?', 'Roll', 'Kostnadsandel i procent (valfritt; 100 % kvar att fördela)']);
    expect(read(root, AAAA1).municipalities.at(-1)).toEqual({ municipality: 'hjo', role: 'co-funder', share: 30, joined: '2026-11-27' });
    const owner = scriptedPrompter(['skovde']);
    await expect(joinCommand(testContext({ cwd: root, prompter: owner }), { ...commit, id: '0ZZ-AAAA1' })).rejects.toThrow(/not a choice/);
  });
});

describe('the history as data, in the register language', () => {
  it('commits in the register language whatever the user reads, and keeps only facts and typed notes in the file', async () => {
    const root = createRegister();
    const english = testContext({ cwd: root, lang: 'en', today: '2026-12-01' });
    const joined = await joinCommand(english, { ...commit, id: '0ZZ-AAAA1', municipality: 'Hjo', role: 'co-funder', share: 30 });
    expect(git(root, 'log', '-1', '--format=%s')).toBe('Hjo ansluter till idé 0ZZ-AAAA1: Digitala lås i hemtjänsten');
    expect(joined.summary).toBe('Hjo joins idea 0ZZ-AAAA1: Digitala lås i hemtjänsten');
    await leaveCommand(english, { ...commit, id: '0ZZ-AAAA1', municipality: 'hjo', note: 'No budget.' });
    const history = read(root, AAAA1).history;
    expect(history.slice(1)).toEqual([
      { date: '2026-12-01', action: 'joined', status: 'inkommen', by: 'Test Coach', municipality: 'hjo', role: 'co-funder', share: 30 },
      { date: '2026-12-01', action: 'left', status: 'inkommen', by: 'Test Coach', municipality: 'hjo', role: 'co-funder', note: 'No budget.' },
    ]);

    writeFileSync(join(root, 'sluss.yaml'), readFileSync(join(root, 'sluss.yaml'), 'utf8').replace('language: sv', 'language: en'));
    await moveCommand(testContext({ cwd: root }), { ...commit, id: '0ZZ-AAAA1', stage: 'forsta-bedomning' });
    expect(git(root, 'log', '-1', '--format=%s')).toBe('Idea 0ZZ-AAAA1 Inkommen → Första bedömning: Digitala lås i hemtjänsten');
  });

  it('add links a new idea as related at both ends, each with a history entry, in one commit', async () => {
    const root = createRegister();
    const draft = { title: 'Digitala lås i hemtjänsten i stället för nycklar', problem: 'Personalen i hemtjänsten hanterar massor av nycklar till brukarnas bostäder och nycklar kommer bort.', municipality: 'hjo' };
    const result = await addIdea(testContext({ cwd: root }), { draft, onDuplicate: 'related', joinRole: 'interested', branch: false, commit: true, chatty: false });
    expect(read(root, result.path!).links).toEqual({ related: ['0ZZ-AAAA1'] });
    expect(read(root, result.path!).history.map((e) => e.action)).toEqual(['created', 'linked']);
    expect(read(root, AAAA1).links).toEqual({ related: [result.id] });
    expect(read(root, AAAA1).history.at(-1)).toMatchObject({ action: 'linked', link: 'related', other: result.id });
    expect(changedFiles(root)).toEqual([AAAA1, result.path!].sort());
    expect((await validateRegister(testContext({ cwd: root }), [])).problems).toEqual([]);
  });
});

describe('workflow rules that hold on a real register', () => {
  it('merge A into B, B into A, C into A: the second is a circle, the third is offered the survivor, validate passes', async () => {
    const root = createRegister();
    const ctx = testContext({ cwd: root });
    await mergeCommand(ctx, { ...commit, duplicate: '0ZZ-AAAA1', into: '0ZZ-AAAA2' });
    const before = git(root, 'rev-parse', 'HEAD');
    expect((await rejection(mergeCommand(ctx, { ...commit, duplicate: '0ZZ-AAAA2', into: '0ZZ-AAAA1' }))).code).toBe('duplicate-cycle');
    const offered = await rejection(mergeCommand(ctx, { ...commit, duplicate: '0ZZ-AAAA3', into: '0ZZ-AAAA1' }));
    expect(offered.params['survivor']).toBe('0ZZ-AAAA2');
    expect(git(root, 'rev-parse', 'HEAD')).toBe(before);
    expect(git(root, 'status', '--porcelain')).toBe('');
    expect((await validateRegister(ctx, [])).problems).toEqual([]);
  });

  it('move to the duplicate stage takes --duplicate-of, or asks for it on a terminal', async () => {
    const root = createRegister();
    const error = await rejection(moveCommand(testContext({ cwd: root }), { ...commit, id: '0ZZ-AAAA1', stage: 'dubblett' }));
    expect(error.code).toBe('missing-required');
    await moveCommand(testContext({ cwd: root }), { ...commit, id: '0ZZ-AAAA1', stage: 'dubblett', duplicateOf: '0zz-aaaa2' });
    expect(read(root, AAAA1).links).toEqual({ duplicate_of: '0ZZ-AAAA2' });
    const prompter = scriptedPrompter(['dubblett', '0ZZ-AAAA2', '']);
    await moveCommand(testContext({ cwd: root, prompter }), { ...commit, id: '0ZZ-AAAA3' });
    expect(prompter.asked[1]).toBe('Vilken idé är 0ZZ-AAAA3 en dubblett av? (id för idén som lever vidare)');
    expect(read(root, AAAA3)).toMatchObject({ status: 'dubblett', links: { duplicate_of: '0ZZ-AAAA2' } });
    const shown = (await showIdea(testContext({ cwd: root }), '0ZZ-AAAA2')).value;
    expect(shown.incoming.duplicates).toEqual(['0ZZ-AAAA1', '0ZZ-AAAA3']);
  });

  it('from a final stage, move on a terminal says it is final and asks nothing, not even for a survivor', async () => {
    const root = createRegister({ ideas: [{ ...SAMPLE_IDEAS[0]!, status: 'spridning' }, SAMPLE_IDEAS[1]!] });
    const prompter = scriptedPrompter([]);
    const error = await rejection(moveCommand(testContext({ cwd: root, prompter }), { ...commit, id: '0ZZ-AAAA1' }));
    expect(error.code).toBe('transition-not-allowed');
    expect(explainError('sv', error.code, error.params)).toEqual({ message: 'Idé 0ZZ-AAAA1 står i Spridning och kan inte flyttas.', hint: 'Spridning är ett slutsteg: idén flyttas inte vidare därifrån.' });
    expect((await rejection(moveCommand(testContext({ cwd: root, prompter }), { ...commit, id: '0ZZ-AAAA1', stage: 'dubblett' }))).code).toBe('transition-not-allowed');
    expect(prompter.asked).toEqual([]);
  });

  it('assess twice keeps both: the second needs --replace, and the first stays whole in the history', async () => {
    const root = createRegister();
    await assessCommand(testContext({ cwd: root, today: '2026-01-10' }), { ...commit, id: '0ZZ-AAAA1', scores: { nytta: 5, effekter: 4, genomforbarhet: 4 }, motivation: 'Första', by: 'Eva Berg' });
    const first = read(root, AAAA1).assessment;
    expect((await rejection(assessCommand(testContext({ cwd: root }), { ...commit, id: '0ZZ-AAAA1', scores: { nytta: 1, effekter: 1, genomforbarhet: 1 } }))).code).toBe('already-assessed');
    await assessCommand(testContext({ cwd: root }), { ...commit, id: '0ZZ-AAAA1', scores: { nytta: 1, effekter: 1, genomforbarhet: 1 }, replace: true });
    const data = read(root, AAAA1);
    expect(data.assessment).toMatchObject({ by: 'Test Coach', scores: { nytta: 1, effekter: 1, genomforbarhet: 1 } });
    expect(data.history.at(-1)!.replaced).toEqual(first);
  });

  it('on a terminal, assess asks before replacing an assessment, and asks nothing more when the answer is no', async () => {
    const root = createRegister();
    await assessCommand(testContext({ cwd: root }), { ...commit, id: '0ZZ-AAAA1', scores: { nytta: 5, effekter: 4, genomforbarhet: 4 } });
    const no = scriptedPrompter([false]);
    expect((await rejection(assessCommand(testContext({ cwd: root, prompter: no }), { ...commit, id: '0ZZ-AAAA1', scores: {} }))).code).toBe('already-assessed');
    expect(no.asked).toEqual(['Idén bedömdes redan 2026-11-27 av Test Coach. Ersätta den bedömningen? (den finns kvar i historiken)']);
    const yes = scriptedPrompter([true, '2', '2', '2', 'Ny bedömning']);
    await assessCommand(testContext({ cwd: root, prompter: yes }), { ...commit, id: '0ZZ-AAAA1', scores: {} });
    expect(read(root, AAAA1).assessment).toMatchObject({ scores: { nytta: 2, effekter: 2, genomforbarhet: 2 }, motivation: 'Ny bedömning' });
  });

  it("join --update changes a participant's share within 100 %", async () => {
    const root = createRegister();
    const ctx = testContext({ cwd: root });
    await joinCommand(ctx, { ...commit, id: '0ZZ-AAAA1', municipality: 'hjo', role: 'interested' });
    await joinCommand(ctx, { ...commit, id: '0ZZ-AAAA1', municipality: 'hjo', share: 40, update: true });
    expect(read(root, AAAA1).municipalities.at(-1)).toMatchObject({ municipality: 'hjo', role: 'interested', share: 40 });
    expect(git(root, 'log', '-1', '--format=%s')).toBe('Hjo ändrar sitt deltagande i idé 0ZZ-AAAA1: Digitala lås i hemtjänsten');
    expect((await rejection(joinCommand(ctx, { ...commit, id: '0ZZ-AAAA1', municipality: 'skovde', share: 61, update: true }))).code).toBe('shares-over-100');
  });

  it('warns before a move that review will block for want of a coordinator, and not a coordinator', async () => {
    const root = createRegister();
    writeFileSync(join(root, 'sluss.yaml'), readFileSync(join(root, 'sluss.yaml'), 'utf8').replace('coordinators: []', 'coordinators: ["Maria Holm"]'));
    await assessCommand(testContext({ cwd: root }), { ...commit, id: '0ZZ-AAAA1', scores: { nytta: 4, effekter: 4, genomforbarhet: 4 } });
    await moveCommand(testContext({ cwd: root }), { ...commit, id: '0ZZ-AAAA1', stage: 'forsta-bedomning' });
    const moved = await moveCommand(testContext({ cwd: root }), { ...commit, id: '0ZZ-AAAA1', stage: 'utredning' });
    expect(moved.warnings).toEqual([{ code: 'coordinator-needed', id: '0ZZ-AAAA1', stage: 'Första bedömning', by: 'Test Coach', coordinators: ['Maria Holm'] }]);
    await moveCommand(testContext({ cwd: root }), { ...commit, id: '0ZZ-AAAA2', stage: 'forsta-bedomning' });
    await assessCommand(testContext({ cwd: root }), { ...commit, id: '0ZZ-AAAA2', scores: { nytta: 4, effekter: 4, genomforbarhet: 4 } });
    expect((await moveCommand(testContext({ cwd: root }), { ...commit, id: '0ZZ-AAAA2', stage: 'utredning', by: 'Maria Holm' })).warnings).toEqual([]);
  });
});
