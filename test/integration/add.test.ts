import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addIdea } from '../../src/app/add.js';
import type { AddOptions } from '../../src/app/add.js';
import { validateRegister } from '../../src/app/validate.js';
import { SlussError } from '../../src/core/errors.js';
import { parseIdeaFile } from '../../src/core/format/idea-file.js';
import type { IdeaData } from '../../src/core/idea.js';
import { scriptedPrompter, testContext } from '../helpers/context.js';
import { createRegister, git, tempDir } from '../helpers/registers.js';

const newIdea: AddOptions['draft'] = {
  title: 'Bokbuss till byarna',
  problem: 'Boende på landsbygden har långt till biblioteket.',
  idea: 'En bokbuss som kör en fast tur varje vecka.',
  municipality: 'tidaholm',
  tags: ['bibliotek'],
};
const duplicateOfLocks: AddOptions['draft'] = {
  title: 'Digitala lås i hemtjänsten i stället för nycklar',
  problem: 'Personalen i hemtjänsten hanterar massor av nycklar till brukarnas bostäder och nycklar kommer bort.',
  municipality: 'hjo',
};

function options(draft: AddOptions['draft'], extra: Partial<AddOptions> = {}): AddOptions {
  return { draft, onDuplicate: 'abort', joinRole: 'interested', branch: false, commit: true, chatty: false, ...extra };
}

const ideaFiles = (root: string) => readdirSync(join(root, 'ideas')).filter((n) => n.endsWith('.md')).sort();
const readData = (root: string, path: string) => {
  const parsed = parseIdeaFile(readFileSync(join(root, path), 'utf8'));
  if (!parsed.ok) throw new Error('unparsable');
  return parsed.file.data as IdeaData;
};

describe('sluss add on a real git repository', () => {
  it('writes the idea and commits exactly that file; what else was staged stays staged', async () => {
    const root = createRegister();
    writeFileSync(join(root, 'anteckning.txt'), 'staged by the user');
    git(root, 'add', 'anteckning.txt');
    const before = git(root, 'rev-parse', 'HEAD');

    const result = await addIdea(testContext({ cwd: root }), options(newIdea));

    expect(result.action).toBe('added');
    expect(result.path).toMatch(/^ideas\/115-[0-9A-Z]{5}-bokbuss-till-byarna\.md$/);
    expect(git(root, 'rev-parse', 'HEAD~1')).toBe(before);
    expect(git(root, 'show', '--name-only', '--format=%s', 'HEAD').split('\n')).toEqual([`Ny idé ${result.id}: Bokbuss till byarna (Tidaholm)`, '', result.path]);
    expect(git(root, 'diff', '--cached', '--name-only')).toBe('anteckning.txt');
    const data = readData(root, result.path!);
    expect(data).toMatchObject({ id: result.id, status: 'inkommen', municipality: 'tidaholm', received_by: 'Test Coach', created: '2026-11-27' });
    expect((await validateRegister(testContext({ cwd: root }), [])).problems).toEqual([]);
  });

  it('a register in a folder of a larger repository: what the user staged outside it stays staged too', async () => {
    const root = createRegister();
    mkdirSync(join(root, 'idesluss'));
    git(root, 'mv', 'sluss.yaml', 'ideas', 'idesluss/');
    git(root, 'commit', '--quiet', '-m', 'registret i en mapp');
    writeFileSync(join(root, 'budget.txt'), 'staged by the user');
    git(root, 'add', 'budget.txt');

    const result = await addIdea(testContext({ cwd: join(root, 'idesluss') }), options(newIdea));

    expect(git(root, 'show', '--name-only', '--format=', 'HEAD')).toBe(`idesluss/${result.path}`);
    expect(git(root, 'diff', '--cached', '--name-only')).toBe('budget.txt');
  });

  it('finds the register from a subfolder and with -C', async () => {
    const root = createRegister();
    const fromIdeas = await addIdea(testContext({ cwd: join(root, 'ideas') }), options(newIdea, { commit: false }));
    expect(existsSync(join(root, fromIdeas.path!))).toBe(true);
    const elsewhere = tempDir();
    const viaFlag = await addIdea(testContext({ cwd: elsewhere, registerDir: root, seed: 'other' }), options({ ...newIdea, title: 'Läsfrämjande i förskolan' }, { commit: false, onDuplicate: 'new' }));
    expect(existsSync(join(root, viaFlag.path!))).toBe(true);
  });

  it('stops at a likely duplicate without writing anything (the default, abort)', async () => {
    const root = createRegister();
    const result = await addIdea(testContext({ cwd: root }), options(duplicateOfLocks));
    expect(result.action).toBe('aborted');
    expect(result.candidates[0]).toMatchObject({ id: '0ZZ-AAAA1', likelyDuplicate: true, municipality: 'skovde', status: 'inkommen' });
    expect(result.candidates[0]!.reasons.length).toBeGreaterThan(0);
    expect(ideaFiles(root)).toHaveLength(3);
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('joins the existing idea instead of adding a copy: one changed file, one commit', async () => {
    const root = createRegister();
    const result = await addIdea(testContext({ cwd: root, today: '2026-12-01' }), options(duplicateOfLocks, { onDuplicate: 'join', joinRole: 'co-funder' }));
    expect(result).toMatchObject({ action: 'joined', id: '0ZZ-AAAA1', municipality: 'hjo', committed: true });
    expect(ideaFiles(root)).toHaveLength(3);
    expect(git(root, 'show', '--name-only', '--format=%s', 'HEAD').split('\n')).toEqual(['Hjo ansluter till idé 0ZZ-AAAA1: Digitala lås i hemtjänsten', '', result.path]);
    const data = readData(root, result.path!);
    expect(data.municipalities).toEqual([
      { municipality: 'skovde', role: 'owner' },
      { municipality: 'hjo', role: 'co-funder', joined: '2026-12-01' },
    ]);
    expect(data.history.at(-1)).toMatchObject({ date: '2026-12-01', status: 'inkommen', by: 'Test Coach' });
  });

  it('adds as new and links the likely duplicate as related', async () => {
    const root = createRegister();
    const result = await addIdea(testContext({ cwd: root }), options(duplicateOfLocks, { onDuplicate: 'related' }));
    expect(result.action).toBe('added');
    expect(readData(root, result.path!).links).toEqual({ related: ['0ZZ-AAAA1'] });
  });

  it('--branch commits on idea/<id>-<slug> and returns to the branch the user was on', async () => {
    const root = createRegister();
    const result = await addIdea(testContext({ cwd: root }), options(newIdea, { branch: true }));
    expect(result.branch).toBe(`idea/${result.id}-bokbuss-till-byarna`);
    expect(git(root, 'branch', '--show-current')).toBe('main');
    expect(git(root, 'log', '--format=%s', '-1', result.branch!)).toContain(result.id);
    expect(existsSync(join(root, result.path!))).toBe(false);
    expect(git(root, 'show', `${result.branch}:${result.path}`)).toContain('title: Bokbuss till byarna');
  });

  it('--no-commit only writes', async () => {
    const root = createRegister();
    const result = await addIdea(testContext({ cwd: root }), options(newIdea, { commit: false }));
    expect(result.committed).toBe(false);
    expect(git(root, 'status', '--porcelain')).toBe(`?? ${result.path}`);
  });

  it('asks on a terminal: the user chooses to join an existing idea', async () => {
    const root = createRegister();
    const prompter = scriptedPrompter([duplicateOfLocks.title!, duplicateOfLocks.problem!, '', '', 'hjo', 'ovrigt', 'lås', 'Test Coach', false, 'join:0ZZ-AAAA1', true]);
    const result = await addIdea(testContext({ cwd: root, prompter }), options({}, { chatty: true }));
    expect(result.action).toBe('joined');
    expect(prompter.asked).toHaveLength(11);
    expect(prompter.asked.at(-2)).toBe('Vad vill du göra?');
    expect(prompter.asked.at(-1)).toContain('Anslut Hjo till idé 0ZZ-AAAA1');
  });

  it('asks on a terminal: cancelling leaves nothing behind', async () => {
    const root = createRegister();
    const prompter = scriptedPrompter(['cancel']);
    const result = await addIdea(testContext({ cwd: root, prompter }), options({ ...duplicateOfLocks, tags: [], receivedBy: 'X' }));
    expect(result.action).toBe('cancelled');
    expect(git(root, 'status', '--porcelain')).toBe('');
  });
});

describe('sluss add when git gets in the way', () => {
  async function failure(promise: Promise<unknown>): Promise<SlussError> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof SlussError) return error;
      throw error;
    }
    throw new Error('expected a SlussError');
  }

  it.each([
    ['with a message', '#!/bin/sh\necho "stopp från kroken" >&2\nexit 1\n'],
    ['without a word (never taken as success)', '#!/bin/sh\nexit 1\n'],
  ])('a failing pre-commit hook %s: the file stays, the error says it is not committed', async (_, script) => {
    const root = createRegister();
    const hook = join(root, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, script);
    chmodSync(hook, 0o755);
    const head = git(root, 'rev-parse', 'HEAD');
    const error = await failure(addIdea(testContext({ cwd: root }), options(newIdea)));
    expect(error.code).toBe('commit-failed');
    expect(git(root, 'rev-parse', 'HEAD')).toBe(head);
    const file = String(error.params['file']);
    expect(readFileSync(join(root, file), 'utf8')).toContain('Bokbuss till byarna');
  });

  it('a held index.lock: git-locked, and the idea file is kept', async () => {
    const root = createRegister();
    writeFileSync(join(root, '.git', 'index.lock'), '');
    const error = await failure(addIdea(testContext({ cwd: root }), options(newIdea)));
    expect(error.code).toBe('git-locked');
    expect(ideaFiles(root)).toHaveLength(4);
  });

  it('not a git repository: stops before asking or writing anything', async () => {
    const root = createRegister({ commit: false });
    const { rmSync } = await import('node:fs');
    rmSync(join(root, '.git'), { recursive: true, force: true });
    const prompter = scriptedPrompter([]);
    const error = await failure(addIdea(testContext({ cwd: root, prompter }), options({})));
    expect(error.code).toBe('not-a-git-repo');
    expect(prompter.asked).toEqual([]);
    expect(ideaFiles(root)).toHaveLength(3);
  });

  it('outside any register: register-not-found', async () => {
    const error = await failure(addIdea(testContext({ cwd: tempDir() }), options(newIdea)));
    expect(error.code).toBe('register-not-found');
  });
});
