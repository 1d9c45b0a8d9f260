/**
 * The guard before every write, through the built `sluss` as a user runs it:
 * control characters and personal data given through any way in are refused
 * with exit 2 and the field named, nothing is written or committed, and the
 * text the user typed is in the recovery file the message names.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIdeaFile } from '../../src/core/format/idea-file.js';
import { runCli } from '../helpers/cli.js';
import { createRegister, git, SAMPLE_IDEAS, tempDir } from '../helpers/registers.js';

const ESC = '\u001b]0;pwned\u0007 och \u001b[2J';
const PERSONNUMMER = '19121212-1212';
const PHONE = '070-123 45 67';
const EMAIL = 'eva.ek@hjo.se';

interface WayIn {
  name: string;
  args: (file: string) => string[];
  /** What the message must name. */
  field: string;
  /** The user's text, which the recovery file must hold. */
  typed: string;
  /** Written for `--file` before the run. */
  file?: string;
  /** Anything else to arrange in the register first. */
  setup?: (root: string) => void;
}

const ADD = ['add', '--no-input', '--on-duplicate', 'new', '--municipality', 'hjo'];
const base = { title: 'Bokbuss till byarna', problem: 'Långt till biblioteket.' };
const add = (flags: Record<string, string>) => [...ADD, ...Object.entries({ '--title': base.title, '--problem': base.problem, ...flags }).flatMap(([flag, value]) => [`${flag}=${value}`])];

const WAYS_IN: WayIn[] = [
  { name: 'add --title with an OSC sequence', args: () => add({ '--title': `Bokbuss ${ESC}` }), field: '--title', typed: `Bokbuss ${ESC}` },
  { name: 'add --title with a newline', args: () => add({ '--title': 'Bokbuss\ntill byarna' }), field: '--title', typed: 'Bokbuss\ntill byarna' },
  { name: 'add --problem with a personnummer', args: () => add({ '--problem': `Gäller ${PERSONNUMMER}.` }), field: '--problem', typed: `Gäller ${PERSONNUMMER}.` },
  { name: 'add --problem with CSI', args: () => add({ '--problem': `Långt ${ESC}` }), field: '--problem', typed: `Långt ${ESC}` },
  { name: 'add --idea with an e-mail address', args: () => add({ '--idea': `Mejla ${EMAIL}` }), field: '--idea', typed: `Mejla ${EMAIL}` },
  { name: 'add --benefit with a phone number', args: () => add({ '--benefit': `Ring ${PHONE}` }), field: '--benefit', typed: `Ring ${PHONE}` },
  { name: 'add --tags with an escape', args: () => add({ '--tags': 'bibliotek, buss\u001b[1m' }), field: '--tags', typed: 'buss\u001b[1m' },
  { name: 'add --tags with a phone number', args: () => add({ '--tags': `bibliotek, ${PHONE}` }), field: '--tags', typed: PHONE },
  { name: 'add --received-by with an escape', args: () => add({ '--received-by': `Eva${ESC}` }), field: '--received-by', typed: `Eva${ESC}` },
  { name: 'add --received-by with an e-mail address', args: () => add({ '--received-by': EMAIL }), field: '--received-by', typed: EMAIL },
  {
    name: 'add with an escape in the git user.name it would record as received_by',
    setup: (root) => git(root, 'config', 'user.name', `Eve${ESC}`),
    args: () => add({}),
    field: '--received-by',
    typed: base.title,
  },
  { name: 'add --submitter with an escape, even with consent', args: () => add({ '--submitter': `Eva${ESC}`, '--consent': '2026-11-01' }), field: '--submitter', typed: `Eva${ESC}` },
  {
    name: 'add --file (JSON) with DEL and C1 in the title',
    args: (file) => [...ADD.slice(0, 4), '--file', file],
    file: JSON.stringify({ title: 'Bokbuss\u007f\u009b2J', problem: base.problem, municipality: 'hjo' }),
    field: '--title',
    typed: 'Bokbuss\u007f\u009b2J',
  },
  {
    name: 'add --file (Markdown) with a personnummer in a section',
    args: (file) => [...ADD.slice(0, 4), '--file', file],
    file: `---\ntitle: ${base.title}\nmunicipality: hjo\n---\n## Problem/behov\n\nGäller ${PERSONNUMMER}.\n`,
    field: '--problem',
    typed: `Gäller ${PERSONNUMMER}.`,
  },
  { name: 'move --note with an escape', args: () => ['move', '0ZZ-AAAA1', 'forsta-bedomning', `--note=${ESC}`], field: '--note', typed: ESC },
  { name: 'move --note with a phone number', args: () => ['move', '0ZZ-AAAA1', 'forsta-bedomning', `--note=Ring ${PHONE}`], field: '--note', typed: `Ring ${PHONE}` },
  { name: 'move --by with an escape', args: () => ['move', '0ZZ-AAAA1', 'forsta-bedomning', `--by=Eva${ESC}`], field: '--by', typed: `Eva${ESC}` },
  { name: 'leave --note with an e-mail address', args: () => ['leave', '0ZZ-AAAA1', '--municipality', 'hjo', `--note=Fråga ${EMAIL}`], field: '--note', typed: `Fråga ${EMAIL}` },
  { name: 'merge --note with a personnummer', args: () => ['merge', '0ZZ-AAAA2', '0ZZ-AAAA1', `--note=Se ${PERSONNUMMER}`], field: '--note', typed: `Se ${PERSONNUMMER}` },
  { name: 'not-duplicate --note with an escape', args: () => ['not-duplicate', '0ZZ-AAAA1', '0ZZ-AAAA2', `--note=Olika ${ESC}`], field: '--note', typed: `Olika ${ESC}` },
  {
    name: 'assess --motivation with an e-mail address',
    args: () => ['assess', '0ZZ-AAAA1', '--score', 'nytta=4', '--score', 'effekter=3', '--score', 'genomforbarhet=4', `--motivation=Enligt ${EMAIL}`],
    field: '--motivation',
    typed: `Enligt ${EMAIL}`,
  },
];

/** Every text in a recovery file: the front matter's strings and the body. */
function textsOf(recovery: string): string[] {
  const parsed = parseIdeaFile(readFileSync(recovery, 'utf8'));
  if (!parsed.ok) return [readFileSync(recovery, 'utf8')];
  const texts: string[] = [parsed.file.body];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') texts.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
  };
  walk(parsed.file.data);
  return texts;
}

describe.concurrent('every way in refuses control characters and personal data before writing', () => {
  for (const way of WAYS_IN) {
    it(way.name, { timeout: 30_000 }, async () => {
      const root = createRegister({
        ideas: [{ ...SAMPLE_IDEAS[0]!, extra: { municipalities: [{ municipality: 'skovde', role: 'owner' }, { municipality: 'hjo', role: 'interested' }] } }, SAMPLE_IDEAS[1]!],
      });
      const head = git(root, 'rev-parse', 'HEAD');
      const before = git(root, 'ls-files', '-s');
      const file = join(tempDir(), way.file?.startsWith('{') ? 'idea.json' : 'idea.md');
      if (way.file) writeFileSync(file, way.file);
      way.setup?.(root);
      const result = await runCli(way.args(file), { cwd: root });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(way.field);
      expect(result.stderr).not.toContain('\n    at ');
      // Nothing committed, nothing written to the working tree.
      expect(git(root, 'rev-parse', 'HEAD')).toBe(head);
      expect(git(root, 'ls-files', '-s')).toBe(before);
      expect(git(root, 'status', '--porcelain', '--untracked-files=all')).toBe('');
      // The message shows the text escaped, never raw.
      expect(result.stderr).not.toMatch(/[\u001b\u0007\u007f\u009b]/);
      const recovery = /(?:sparad i|saved in) (\S+\.md)\./.exec(result.stderr)?.[1];
      expect(recovery, result.stderr).toBeDefined();
      // The path is as the user can type it: relative to where they ran sluss when inside the register.
      expect(textsOf(resolve(root, recovery!)).some((text) => text.includes(way.typed))).toBe(true);
    });
  }
});

describe('what the guard lets through', () => {
  it('adds an idea whose submitter details are recorded with consent, and keeps newlines and tabs in texts', { timeout: 30_000 }, async () => {
    const root = createRegister({ ideas: [] });
    const result = await runCli(
      [...add({ '--problem': 'Rad ett\n\tRad två', '--submitter': 'Eva Ek', '--submitter-email': EMAIL, '--consent': '2026-11-01' }), '--json'],
      { cwd: root },
    );
    expect(result.code, result.stderr).toBe(0);
    const added = JSON.parse(result.stdout) as { path: string };
    expect(readFileSync(join(root, added.path), 'utf8')).toContain('Rad ett\n\tRad två');
  });

  it('does not refuse a change to an idea whose file already holds personal data: that is for validate to report', { timeout: 30_000 }, async () => {
    const root = createRegister({ ideas: [{ ...SAMPLE_IDEAS[0]!, problem: `Ring ${PHONE}.` }] });
    const result = await runCli(['move', '0ZZ-AAAA1', 'forsta-bedomning', '--note', 'Bedöms i december.'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect((await runCli(['validate'], { cwd: root })).stdout).toContain('telefonnummer');
  });
});

describe('add --file with a field add would not save', () => {
  it('refuses an x- field (here an e-mail address) with exit 2 naming it, commits nothing and leaves the file as it was', { timeout: 30_000 }, async () => {
    const root = createRegister({ ideas: [] });
    const file = join(tempDir(), 'ide.json');
    const content = JSON.stringify({ title: base.title, problem: base.problem, municipality: 'hjo', 'x-kontakt': EMAIL });
    writeFileSync(file, content);
    const head = git(root, 'rev-parse', 'HEAD');
    const result = await runCli([...ADD.slice(0, 4), '--file', file], { cwd: root });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('x-kontakt');
    expect(result.stderr).not.toContain(EMAIL);
    expect(git(root, 'rev-parse', 'HEAD')).toBe(head);
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('refuses an assessment it would not keep, while the fields add writes anew (id, status, history) may stay in a copied idea file', { timeout: 30_000 }, async () => {
    const root = createRegister({ ideas: [] });
    const dir = tempDir();
    const copied = join(dir, 'kopia.json');
    writeFileSync(copied, JSON.stringify({ id: '0ZZ-AAAA9', status: 'utredning', title: base.title, problem: base.problem, municipality: 'hjo', history: [] }));
    expect((await runCli([...ADD.slice(0, 4), '--file', copied], { cwd: root })).code).toBe(0);
    const assessed = join(dir, 'bedomd.json');
    writeFileSync(assessed, JSON.stringify({ title: 'Lånecyklar till skolan', problem: base.problem, municipality: 'hjo', assessment: { date: '2026-11-01', by: 'Eva', scores: { nytta: 4 } } }));
    const refused = await runCli([...ADD.slice(0, 4), '--file', assessed], { cwd: root });
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain('assessment');
  });

  it('refuses a submitter without a date of consent, saying in Swedish what is missing and how to record consent', { timeout: 30_000 }, async () => {
    const root = createRegister({ ideas: [] });
    const file = join(tempDir(), 'ide.json');
    writeFileSync(file, JSON.stringify({ title: base.title, problem: base.problem, municipality: 'hjo', submitter: { name: 'Eva Ek', email: EMAIL } }));
    const head = git(root, 'rev-parse', 'HEAD');
    const result = await runCli([...ADD.slice(0, 4), '--file', file], { cwd: root });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`Filen ${file} går inte att använda: idégivaren (submitter) saknar namn eller datum för samtycke (consent.date).`);
    expect(result.stderr).toContain('Idégivaren sparas bara med samtycke');
    expect(result.stderr).not.toContain('expected');
    expect(git(root, 'rev-parse', 'HEAD')).toBe(head);
  });
});
