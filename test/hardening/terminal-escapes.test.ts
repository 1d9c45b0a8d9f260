/**
 * An idea file with terminal escape sequences in it (written by hand, or by
 * an older sluss): `validate` reports each field, and no text output prints
 * them raw. Through the built `sluss`, as a reader would run it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderBody, serializeIdea } from '../../src/core/format/idea-file.js';
import { runCli } from '../helpers/cli.js';
import { createRegister, git, ideaData } from '../helpers/registers.js';

const OSC_TITLE = '\u001b]0;pwned\u0007';
const CLEAR = '\u001b[2J';
const C1_CSI = '\u009b2J';
const OSC_LINK = '\u001b]8;;https://example.invalid/\u0007klicka\u001b]8;;\u0007';
/** Any control character a terminal acts on: everything but newline and tab (which text output may hold). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('a register holding escape sequences', () => {
  let root: string;
  beforeAll(() => {
    root = createRegister();
    const data = ideaData({ id: '0ZZ-EEEE1', title: `Bokbuss ${C1_CSI} till byarna`, municipality: 'hjo', problem: '', created: '2026-02-01' });
    data.received_by = `Eva ${OSC_TITLE}`;
    data.tags = [`bibliotek${CLEAR}`];
    data.history = [...data.history, { date: '2026-02-02', status: 'inkommen', by: 'Eva', note: `Se ${OSC_LINK}` }];
    writeFileSync(join(root, 'ideas', '0ZZ-EEEE1-bokbuss.md'), serializeIdea(data, renderBody({ problem: `Långt till biblioteket ${CLEAR} och ${OSC_TITLE}.\n\tNy rad.` })));
    git(root, 'add', '-A');
    git(root, 'commit', '--quiet', '-m', 'Handskriven fil');
  });

  it('validate reports every field that holds a control character, and prints none', { timeout: 30_000 }, async () => {
    const json = await runCli(['validate', '--json'], { cwd: root });
    expect(json.code).toBe(1);
    const problems = (JSON.parse(json.stdout) as { problems: { file: string; field: string; code: string; params: { character: string } }[] }).problems;
    expect(problems.filter((p) => p.code === 'control-character').map((p) => `${p.field}: ${p.params.character}`).sort()).toEqual([
      'history.1.note: ESC (U+001B)',
      'received_by: ESC (U+001B)',
      'tags.0: ESC (U+001B)',
      'text.problem: ESC (U+001B)',
      'title: CSI (U+009B)',
    ]);
    // A field of the body has no line of the front matter: it is named without one, never with the front matter's first line.
    const lines = Object.fromEntries(problems.filter((p) => p.code === 'control-character').map((p) => [p.field, (p as { line?: number }).line]));
    expect(lines['text.problem']).toBeUndefined();
    expect(lines['title']).toBe(readFileSync(join(root, 'ideas', '0ZZ-EEEE1-bokbuss.md'), 'utf8').split('\n').findIndex((line) => line.startsWith('title:')) + 1);
    const text = await runCli(['validate'], { cwd: root });
    expect(text.stdout).toContain('ideas/0ZZ-EEEE1-bokbuss.md:');
    expect(text.stdout).toContain('ideas/0ZZ-EEEE1-bokbuss.md: text.problem: ');
    expect(text.stdout).toContain('styrtecken, ESC (U+001B)');
    expect(text.stdout).not.toMatch(RAW_CONTROL);
  });

  it('show prints the sequences escaped, keeping the text’s own newlines and tabs', { timeout: 30_000 }, async () => {
    const result = await runCli(['show', '0ZZ-EEEE1'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(RAW_CONTROL);
    expect(result.stdout).toContain('Bokbuss \\x9B2J till byarna');
    expect(result.stdout).toContain('Eva \\x1B]0;pwned\\x07');
    expect(result.stdout).toContain('Långt till biblioteket \\x1B[2J och');
    expect(result.stdout).toContain('\n\tNy rad.');
    expect(result.stdout).toContain('Se \\x1B]8;;https://example.invalid/\\x07klicka');
  });

  it('list, search, similar and report print none raw', { timeout: 60_000 }, async () => {
    for (const args of [['list'], ['search', 'bokbuss'], ['similar', 'Bokbuss till byarna'], ['report'], ['report', '--format', 'md']]) {
      const result = await runCli(args, { cwd: root });
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      expect(result.stdout, args.join(' ')).not.toMatch(RAW_CONTROL);
      expect(result.stderr, args.join(' ')).not.toMatch(RAW_CONTROL);
    }
    expect((await runCli(['list'], { cwd: root })).stdout).toContain('Bokbuss \\x9B2J till byarna');
  });

  it('an error naming a value from the command line prints it escaped', { timeout: 30_000 }, async () => {
    const result = await runCli(['move', '0ZZ-EEEE1', `utredning${OSC_TITLE}`], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('utredning\\x1B]0;pwned\\x07');
    expect(result.stderr).not.toMatch(RAW_CONTROL);
  });
});
