import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createRegister, git, tempDir } from '../helpers/registers.js';

const exampleRegister = new URL('../..', import.meta.url).pathname;

describe('sluss as a program', () => {
  it('prints help in Swedish by default and in English with --lang en', async () => {
    const sv = await runCli(['--help'], { cwd: exampleRegister });
    expect(sv.code).toBe(0);
    expect(sv.stdout).toContain('Användning: sluss');
    expect(sv.stdout).toContain('lägg till en idé');
    const en = await runCli(['--lang', 'en', 'add', '--help'], { cwd: exampleRegister });
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('Usage: sluss add');
    expect(en.stdout).toContain('--on-duplicate <action>');
  });

  it('without a terminal and without flags, add exits 2 at once even when stdin stays open', async () => {
    const root = createRegister();
    await runCli(['--version'], { cwd: root });
    // A hang would last for ever; the bound only tells a hang from a slow machine. Speed is the benchmark's job.
    const result = await runCli(['add'], { cwd: root, stdin: 'open', timeoutMs: 20_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--title, --problem, --municipality');
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('gives usage errors exit 2 with a Swedish message and no stack trace', async () => {
    const result = await runCli(['list', '--statuss', 'x'], { cwd: exampleRegister });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^fel: Okänd flagga: --statuss\. Menade du --status\?/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const unknownStage = await runCli(['list', '--status', 'klar'], { cwd: exampleRegister });
    expect(unknownStage.code).toBe(2);
    expect(unknownStage.stderr).toContain('Okänt steg: klar.');
  });

  it('says where to go when there is no register, exit 4', async () => {
    const result = await runCli(['list'], { cwd: tempDir() });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('sluss init');
  });

  it('add --json adds and prints the id, path and candidates; a likely duplicate exits 3', async () => {
    const root = createRegister();
    const added = await runCli(['add', '--json', '--title', 'Bokbuss till byarna', '--problem', 'Långt till biblioteket', '--municipality', 'Tidaholm', '--tags', 'bibliotek,landsbygd'], { cwd: root });
    expect(added.code).toBe(0);
    const result = JSON.parse(added.stdout);
    expect(result).toMatchObject({ action: 'added', committed: true, candidates: [] });
    expect(readFileSync(join(root, result.path), 'utf8')).toContain(`id: ${result.id}`);

    const duplicate = await runCli(['add', '--title', 'Digitala lås i hemtjänsten i stället för nycklar', '--problem', 'Hemtjänstens personal hanterar hundratals nycklar till brukarnas bostäder och nycklar kommer bort.', '--municipality', 'hjo'], { cwd: root });
    expect(duplicate.code).toBe(3);
    expect(duplicate.stderr).toContain('0ZZ-AAAA1');
    expect(duplicate.stderr).toContain('--on-duplicate join');
  });

  it('run from the register or a folder in it, a warm run notices an edited idea', async () => {
    const root = createRegister();
    const titleOf = async (cwd: string) => JSON.parse((await runCli(['list', '--json'], { cwd })).stdout).find((idea: { id: string }) => idea.id === '0ZZ-AAAA1')?.title;
    expect(await titleOf(root)).toBe('Digitala lås i hemtjänsten');
    const file = join(root, 'ideas/0ZZ-AAAA1-digitala-las-i-hemtjansten.md');
    // Another size, so the stat check sees the edit however close in time it is.
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: Digitala lås i hemtjänsten', 'title: Digitala lås för hemtjänstens brukare'));
    expect(await titleOf(root)).toBe('Digitala lås för hemtjänstens brukare');
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: Digitala lås för hemtjänstens brukare', 'title: Lås'));
    expect(await titleOf(join(root, 'ideas'))).toBe('Lås');
  });

  it('similar, list, show and search print the documented JSON shapes', async () => {
    const root = createRegister();
    const similar = JSON.parse((await runCli(['similar', '--json', 'Digitala nycklar för hemtjänsten'], { cwd: root })).stdout);
    expect(Object.keys(similar)).toEqual(['candidates']);
    expect(similar.candidates[0]).toEqual(
      expect.objectContaining({ id: '0ZZ-AAAA1', title: 'Digitala lås i hemtjänsten', score: expect.any(Number), likelyDuplicate: expect.any(Boolean), municipality: 'skovde', status: 'inkommen', reasons: expect.any(Array) }),
    );
    const list = JSON.parse((await runCli(['list', '--json', '--municipality', 'Falköping'], { cwd: root })).stdout);
    expect(list).toEqual([expect.objectContaining({ id: '0ZZ-AAAA2', title: 'Karta över snöröjningen i realtid', created: '2026-01-15', path: 'ideas/0ZZ-AAAA2-karta-over-snorojningen-i-realtid.md' })]);
    const shown = await runCli(['show', '0zz-aaaa3'], { cwd: root });
    expect(shown.stdout).toContain('Solceller på förskolornas tak');
    expect(shown.stdout).toContain('Kontakt      Test Coach');
    const search = JSON.parse((await runCli(['search', '--json', 'snöröjning'], { cwd: root })).stdout);
    expect(search.results.map((r: { id: string }) => r.id)).toEqual(['0ZZ-AAAA2']);
  });

  it('validate exits 1 and names the file, line and fix; --format github annotates', async () => {
    const root = createRegister();
    const file = 'ideas/0ZZ-AAAA3-solceller-pa-forskolornas-tak.md';
    writeFileSync(join(root, file), readFileSync(join(root, file), 'utf8').replace('created: "2026-01-15"', 'created: "2026-02-30"'));
    const text = await runCli(['validate'], { cwd: root });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(new RegExp(`^${file}:\\d+: created: inget giltigt datum — skriv`));
    const github = await runCli(['validate', '--format', 'github', '--lang', 'en'], { cwd: root });
    expect(github.stdout).toMatch(new RegExp(`^::error file=${file},line=\\d+,title=sluss%3A created::not a valid date`));
    const json = JSON.parse((await runCli(['validate', '--json'], { cwd: root })).stdout);
    expect(json).toMatchObject({ ok: false, files: 3, problems: [{ file, field: 'created', code: 'schema' }] });
    expect((await runCli(['validate'], { cwd: exampleRegister })).code).toBe(0);
  });
});
