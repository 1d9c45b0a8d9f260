import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addIdea } from '../../src/app/add.js';
import { initRegister } from '../../src/app/init.js';
import { listIdeas } from '../../src/app/read.js';
import { validateRegister } from '../../src/app/validate.js';
import { testContext } from '../helpers/context.js';
import { createRegister, git, tempDir } from '../helpers/registers.js';

const topics = ['bokbuss', 'solceller', 'matsvinn', 'vikariepool', 'laxhjalp', 'parkering', 'e-tjanst', 'fritidsbank', 'kompostering', 'gatljus'];

async function addMany(root: string, seed: string, count: number, municipality: string) {
  for (let n = 0; n < count; n++) {
    const topic = topics[n % topics.length]!;
    const ctx = testContext({ cwd: root, seed: `${seed}-${n}` });
    await addIdea(ctx, {
      draft: { title: `${topic} ${seed} nummer ${n}`, problem: `Behov ${n} i ${municipality} kring ${topic}.`, municipality },
      onDuplicate: 'new',
      joinRole: 'interested',
      branch: false,
      commit: true,
      chatty: false,
    });
  }
}

describe('two clones adding at the same time', () => {
  it('20 ideas on each of two branches merge with no id or file-name collision, and validate passes', async () => {
    const root = createRegister();
    git(root, 'switch', '--quiet', '-c', 'skovde');
    await addMany(root, 'skovde', 20, 'skovde');
    git(root, 'switch', '--quiet', 'main');
    git(root, 'switch', '--quiet', '-c', 'lidkoping');
    await addMany(root, 'lidkoping', 20, 'lidkoping');
    git(root, 'switch', '--quiet', 'main');
    git(root, 'merge', '--quiet', '--no-edit', 'skovde');
    git(root, 'merge', '--quiet', '--no-edit', 'lidkoping');

    expect(git(root, 'status', '--porcelain')).toBe('');
    const { value } = await listIdeas(testContext({ cwd: root }), {});
    expect(value.ideas).toHaveLength(43);
    expect(new Set(value.ideas.map((i) => i.data.id)).size).toBe(43);
    expect((await validateRegister(testContext({ cwd: root }), [])).problems).toEqual([]);
    // 40 adds with real git commits: the bound only tells a hang from a busy machine.
  }, 180_000);
});

describe('sluss validate', () => {
  it('reports every problem with file, line and field, and only for the paths asked about', async () => {
    const root = createRegister();
    const bad = 'ideas/0ZZ-AAAA9-trasig.md';
    writeFileSync(join(root, bad), '---\nid: 0ZZ-AAAA9\ntitle: Trasig\nstatus: klar\n---\n');
    writeFileSync(join(root, 'ideas', 'binar.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0xff]));
    symlinkSync(join(root, bad), join(root, 'ideas', 'lank.md'));

    const all = await validateRegister(testContext({ cwd: root }), []);
    const summary = all.problems.map((p) => `${p.file}:${p.line ?? ''}:${p.field ?? ''}:${p.code}`);
    expect(summary).toContain('ideas/binar.md:::binary');
    expect(summary).toContain('ideas/lank.md:::symlink');
    expect(summary).toContain('ideas/0ZZ-AAAA9-trasig.md:2:municipality:schema');
    expect(summary.filter((s) => s.startsWith(bad)).map((s) => s.split(':')[2])).toEqual(expect.arrayContaining(['municipality', 'history', 'created']));

    const one = await validateRegister(testContext({ cwd: join(root, 'ideas') }), ['0ZZ-AAAA9-trasig.md']);
    expect(new Set(one.problems.map((p) => p.file))).toEqual(new Set([bad]));
  });

  it('reports an invalid sluss.yaml as problems', async () => {
    const root = createRegister();
    writeFileSync(join(root, 'sluss.yaml'), readFileSync(join(root, 'sluss.yaml'), 'utf8').replace('    kind: open\n', '    kind: oppen\n'));
    const report = await validateRegister(testContext({ cwd: root }), []);
    expect(report.problems.map((p) => [p.file, p.field, p.code])).toEqual([['sluss.yaml', 'stages.0.kind', 'schema']]);
  });

  it('the embedded example register is valid', async () => {
    const report = await validateRegister(testContext({ cwd: new URL('../..', import.meta.url).pathname }), []);
    expect(report.problems).toEqual([]);
    expect(report.files).toBeGreaterThanOrEqual(40);
  });
});

describe('sluss init', () => {
  it('creates a register that add can use at once: git, sluss.yaml, ideas/, schemas/, LF attributes', async () => {
    const dir = join(tempDir(), 'nytt register');
    mkdirSync(dir);
    git(dir, 'init', '--quiet', '--initial-branch=main');
    git(dir, 'config', 'user.name', 'Init Test');
    git(dir, 'config', 'user.email', 'init@example.se');
    const result = await initRegister(testContext({ cwd: dir }), { dir: '.', name: 'Testslussen', commit: true });
    expect(result.files).toEqual(expect.arrayContaining(['sluss.yaml', '.gitattributes', 'ideas/.gitkeep', 'schemas/idea.schema.json', 'schemas/config.schema.json']));
    expect(readFileSync(join(dir, '.gitattributes'), 'utf8')).toContain('eol=lf');
    // What sluss site writes by default stays out of git: CI builds and publishes it.
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toContain('/public/\n');
    expect(git(dir, 'check-ignore', 'public/index.html')).toBe('public/index.html');
    expect(readFileSync(join(dir, 'schemas', 'idea.schema.json'), 'utf8')).toBe(readFileSync(new URL('../../schemas/idea.schema.json', import.meta.url), 'utf8'));
    expect(git(dir, 'log', '--format=%s')).toBe('Nytt idéregister: Testslussen');
    expect((await validateRegister(testContext({ cwd: dir }), [])).problems).toEqual([]);

    const added = await addIdea(testContext({ cwd: dir }), {
      draft: { title: 'Första idén', problem: 'Ett behov', municipality: 'Essunga' },
      onDuplicate: 'abort',
      joinRole: 'interested',
      branch: false,
      commit: true,
      chatty: false,
    });
    expect(added.action).toBe('added');
    await expect(initRegister(testContext({ cwd: dir }), { dir: '.', name: 'Igen', commit: false })).rejects.toMatchObject({ code: 'target-not-empty' });
  });

  it('runs git init in a new folder', async () => {
    const dir = join(tempDir(), 'ny');
    const result = await initRegister(testContext({ cwd: tempDir() }), { dir, name: 'X', commit: false });
    expect(result.gitInitialised).toBe(true);
    expect(git(dir, 'rev-parse', '--is-inside-work-tree')).toBe('true');
  });
});
