/**
 * What add offers when similar ideas exist: never a join or a link as the
 * preselected answer, a join only after a confirmation, no join into a
 * declined idea or a duplicate, and nothing the user typed thrown away.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIdeaFile } from '../../src/core/format/idea-file.js';
import { describe, expect, it } from 'vitest';
import { decide, joinOffers } from '../../src/app/add-decision.js';
import { addIdea } from '../../src/app/add.js';
import type { AddOptions } from '../../src/app/add.js';
import type { Choice, Prompter } from '../../src/app/ports.js';
import { parseConfig, renderDefaultConfig } from '../../src/core/format/config-file.js';
import type { DuplicateCandidate } from '../../src/core/duplicates.js';
import { SlussError } from '../../src/core/errors.js';
import type { Idea, IdeaData } from '../../src/core/idea.js';
import { testContext } from '../helpers/context.js';
import { createRegister, git, ideaData, SAMPLE_IDEAS, tempDir } from '../helpers/registers.js';
import type { SampleIdea } from '../helpers/registers.js';

const LOCKS_FROM_HJO: AddOptions['draft'] = {
  title: 'Digitala lås i hemtjänsten i stället för nycklar',
  problem: 'Personalen i hemtjänsten hanterar massor av nycklar till brukarnas bostäder och nycklar kommer bort.',
  municipality: 'hjo',
  tags: [],
  receivedBy: 'Kim',
};

const CONFIG = parseConfig(renderDefaultConfig('Testregister'));

const options = (draft: AddOptions['draft'], extra: Partial<AddOptions> = {}): AddOptions => ({ draft, onDuplicate: 'abort', joinRole: 'interested', branch: false, commit: true, chatty: true, ...extra });

interface Asked {
  message: string;
  choices?: readonly Choice<unknown>[];
  default?: unknown;
}

/** Answers selects and confirmations from a script and records what each question offered. */
function recordingPrompter(answers: (string | boolean)[]): Prompter & { asked: Asked[] } {
  const asked: Asked[] = [];
  const next = () => {
    if (answers.length === 0) throw new Error(`No scripted answer after: ${asked.at(-1)?.message}`);
    return answers.shift()!;
  };
  return {
    asked,
    input: async ({ message }) => {
      asked.push({ message });
      return String(next());
    },
    select: async <T>({ message, choices, default: preset }: { message: string; choices: readonly Choice<T>[]; default?: T }) => {
      asked.push({ message, choices, default: preset });
      const answer = next();
      return choices.find((c) => String(c.value) === answer)!.value;
    },
    confirm: async ({ message }) => {
      asked.push({ message });
      return Boolean(next());
    },
  };
}

const declinedLocks: SampleIdea = {
  ...SAMPLE_IDEAS[0]!,
  status: 'avslagen',
  extra: { history: [{ date: '2025-01-10', status: 'inkommen', by: 'Test Coach' }, { date: '2025-03-02', from: 'inkommen', status: 'avslagen', by: 'Anna', note: 'För dyrt för en kommun ensam' }] },
};

describe('the preselected answer', () => {
  it('over a likely duplicate is to cancel, not to join or add; joining asks again and names the idea', async () => {
    const root = createRegister();
    const prompter = recordingPrompter(['join:0ZZ-AAAA1', false, 'join:0ZZ-AAAA1', true]);
    const result = await addIdea(testContext({ cwd: root, prompter }), options(LOCKS_FROM_HJO));
    expect(result.action).toBe('joined');
    const [first, confirmation] = prompter.asked;
    expect(first!.default).toBe('cancel');
    expect(first!.choices!.map((c) => c.value)).toEqual(['new', 'join:0ZZ-AAAA1', 'related', 'cancel']);
    // Everything came from flags: cancelling has no typed answers to keep, and the choice promises none.
    expect(first!.choices!.at(-1)!.name).toBe('Avbryt – ingen idé läggs till');
    expect(confirmation!.message).toBe('Anslut Hjo till idé 0ZZ-AAAA1 «Digitala lås i hemtjänsten» (Skövde, steg: Inkommen)? Ingen ny idé läggs till.');
    // Declined once, asked again, then confirmed: four questions, one join.
    expect(prompter.asked).toHaveLength(4);
  });

  it('with only weakly similar ideas is to add the idea as new', async () => {
    const prompter = recordingPrompter(['new']);
    const weak = { id: '0ZZ-AAAA1', title: 'Digitala lås i hemtjänsten', score: 0.3, confidence: 0.2, likelyDuplicate: false, municipality: 'skovde', status: 'inkommen', reasons: [], path: 'ideas/x.md' };
    const idea: Idea = { data: ideaData(SAMPLE_IDEAS[0]!), path: 'ideas/x.md' };
    const ctx = testContext({ cwd: tempDir(), prompter });
    const decision = await decide(ctx, { config: CONFIG, candidates: [weak], ideaOf: () => idea, municipality: { code: 'hjo', name: 'Hjo' }, onDuplicate: 'abort', chatty: false });
    expect(decision).toEqual({ action: 'new', notDuplicates: [] });
    expect(prompter.asked[0]!.default).toBe('new');
  });
});

describe('ideas that cannot be joined', () => {
  it('a declined idea is shown as history and never offered for joining, also not by --on-duplicate join', async () => {
    const root = createRegister({ ideas: [declinedLocks, ...SAMPLE_IDEAS.slice(1)] });
    const prompter = recordingPrompter(['cancel']);
    const ctx = testContext({ cwd: root, prompter });
    await addIdea(ctx, options(LOCKS_FROM_HJO));
    expect(prompter.asked[0]!.choices!.map((c) => c.value)).not.toContain('join:0ZZ-AAAA1');
    expect(ctx.captured.stderr.join('\n')).toContain('0ZZ-AAAA1 Digitala lås i hemtjänsten avslogs 2025-03-02: För dyrt för en kommun ensam.');

    const scripted = await addIdea(testContext({ cwd: root }), options(LOCKS_FROM_HJO, { onDuplicate: 'join' }));
    expect(scripted.action).toBe('aborted');
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('a duplicate stands aside for the idea it is a duplicate of, through a chain of duplicates', () => {
    const idea = (sample: SampleIdea): Idea => ({ data: ideaData(sample), path: `ideas/${sample.id}.md` });
    const ideas = new Map(
      [
        idea({ id: '0ZZ-AAAA1', title: 'Lås', municipality: 'skovde', problem: '' }),
        idea({ id: '0ZZ-AAAA2', title: 'Lås 2', municipality: 'hjo', problem: '', status: 'dubblett', extra: { links: { duplicate_of: '0ZZ-AAAA3' } } }),
        idea({ id: '0ZZ-AAAA3', title: 'Lås 3', municipality: 'vara', problem: '', status: 'dubblett', extra: { links: { duplicate_of: '0ZZ-AAAA1' } } }),
        idea({ id: '0ZZ-AAAA4', title: 'Lås 4', municipality: 'tibro', problem: '', status: 'dubblett' }),
        { ...idea({ ...declinedLocks, id: '0ZZ-AAAA5' }) },
      ].map((i) => [i.data.id, i]),
    );
    const candidate = (id: string) => ({ id }) as DuplicateCandidate;
    const candidates = ['0ZZ-AAAA2', '0ZZ-AAAA4', '0ZZ-AAAA5', '0ZZ-AAAA1'].map(candidate);
    const offers = joinOffers(CONFIG, (id) => ideas.get(id), candidates, 'hjo');
    // AAAA2 leads to AAAA1 through AAAA3; AAAA4 has no survivor; AAAA1 is offered once.
    expect(offers.targets.map((t) => [t.idea.data.id, t.insteadOf])).toEqual([['0ZZ-AAAA1', '0ZZ-AAAA2']]);
    expect(offers.declined).toEqual([{ id: '0ZZ-AAAA5', title: 'Digitala lås i hemtjänsten', date: '2025-03-02', reason: 'För dyrt för en kommun ensam' }]);
    // Skövde owns AAAA1: there is nothing for Skövde to join.
    const fromSkovde = joinOffers(CONFIG, (id) => ideas.get(id), candidates, 'skovde');
    expect(fromSkovde.targets).toEqual([]);
    expect(fromSkovde.joinedAlready.map((i) => i.data.id)).toEqual(['0ZZ-AAAA1']);
  });
});

describe('nothing typed is lost', () => {
  it('joining keeps the typed text in the joined idea’s history, also with --on-duplicate join', async () => {
    const root = createRegister();
    const result = await addIdea(testContext({ cwd: root }), options(LOCKS_FROM_HJO, { onDuplicate: 'join' }));
    expect(result).toMatchObject({ action: 'joined', id: '0ZZ-AAAA1', municipalityName: 'Hjo' });
    const parsed = parseIdeaFile(readFileSync(join(root, result.path!), 'utf8'));
    if (!parsed.ok) throw new Error('the joined idea no longer parses');
    const joinEntry = (parsed.file.data as IdeaData).history.at(-1)!;
    expect(joinEntry).toMatchObject({ action: 'joined', municipality: 'hjo', role: 'interested' });
    expect(joinEntry.note).toMatch(/^«Digitala lås i hemtjänsten i stället för nycklar» – Personalen i hemtjänsten hanterar massor/);
  });

  it('cancelling keeps the answers typed on the terminal in a recovery file', async () => {
    const root = createRegister();
    const prompter = recordingPrompter([LOCKS_FROM_HJO.title!, LOCKS_FROM_HJO.problem!, 'Kodlås', '', 'ovrigt', false, 'cancel']);
    const result = await addIdea(testContext({ cwd: root, prompter }), options({ municipality: 'hjo', tags: [], receivedBy: 'Kim' }));
    expect(result.action).toBe('cancelled');
    expect(prompter.asked.at(-1)!.choices!.at(-1)!.name).toBe('Avbryt – ingen idé läggs till, dina svar sparas i en fil');
    expect(result.answersFile).toMatch(/^\.sluss\/recovery\/digitala-las-i-hemtjansten-i-stallet-for-nycklar-2026-11-27-[0-9a-f]{6}\.md$/);
    const kept = readFileSync(join(root, result.answersFile!), 'utf8');
    expect(kept).toContain('title: Digitala lås i hemtjänsten i stället för nycklar');
    expect(kept).toContain('## Idé/lösning\n\nKodlås');
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('an error after the questions names the file that holds the answers', async () => {
    // --pr with no remote to send the branch to: found only when saving, after every question.
    const root = createRegister();
    const prompter = recordingPrompter([LOCKS_FROM_HJO.title!, LOCKS_FROM_HJO.problem!, '', '', 'ovrigt', false, 'new']);
    const error = await addIdea(testContext({ cwd: root, prompter }), options({ municipality: 'hjo', tags: [], receivedBy: 'Kim' }, { pr: true })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SlussError);
    expect((error as SlussError).code).toBe('no-remote');
    const answersFile = String((error as SlussError).params['answersFile']);
    expect(readFileSync(join(root, answersFile), 'utf8')).toContain(LOCKS_FROM_HJO.problem!);
    expect(readdirSync(join(root, '.sluss', 'recovery'))).toHaveLength(1);
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('flags are checked before any other work: a too short title is a usage error and the duplicate check never runs', async () => {
    const root = createRegister();
    const error = await addIdea(testContext({ cwd: root }), options({ ...LOCKS_FROM_HJO, title: 'no' })).then(
      () => undefined,
      (e: unknown) => e as SlussError,
    );
    expect(error?.code).toBe('usage');
    expect(String(error?.params['detail'])).toBe('--title: värdet är för kort (minst 3 tecken) – skriv lite mer.');
    // The duplicate check would have left its index in the cache.
    expect(readdirSync(join(root, '.sluss', 'cache'))).toEqual(['config.json']);
  });
});
