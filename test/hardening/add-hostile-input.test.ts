/**
 * `sluss add` (the built program) with titles and texts chosen to break
 * things: paths out of ideas/, reserved device names, empty slugs, front-matter
 * injection, control characters, shell metacharacters, and text that git
 * could read as an option. Each one is refused, or written safely.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/format/config-file.js';
import { parseIdeaFile, parseSections } from '../../src/core/format/idea-file.js';
import { checkIdeaFile } from '../../src/core/validation.js';
import type { IdeaData } from '../../src/core/idea.js';
import { runCli } from '../helpers/cli.js';
import { createRegister, git, tempDir } from '../helpers/registers.js';

const MARKER = '/tmp/sluss-pwned-add';
const SHELL = `$(touch ${MARKER}) \`touch ${MARKER}\`; touch ${MARKER} | cat && touch ${MARKER}`;
const SAFE_PATH = /^ideas\/[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{5}-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/;

const ideaFiles = (root: string) => readdirSync(join(root, 'ideas')).filter((n) => !n.startsWith('.')).sort();

interface AddCase {
  name: string;
  title: string;
  problem?: string;
  extra?: string[];
  /** The slug the file name must end in, when the case pins it. */
  slug?: string;
  /** Refused: a non-zero exit, nothing written. */
  refused?: number;
  /** Given through `add --file idea.json` (argv cannot hold a NUL). */
  viaFile?: boolean;
}

const CASES: AddCase[] = [
  { name: 'parent path', title: '../../x', slug: 'x' },
  { name: 'absolute path', title: '/etc/passwd', slug: 'etc-passwd' },
  { name: 'Windows path', title: '..\\..\\Windows\\System32', slug: 'windows-system32' },
  { name: 'reserved con', title: 'con', slug: 'con-ide' },
  { name: 'reserved nul', title: 'NUL', slug: 'nul-ide' },
  { name: 'reserved com1', title: 'com1', slug: 'com1-ide' },
  { name: 'dots only', title: '...', slug: 'ide' },
  { name: 'emoji only', title: '🚌🚌🚌', slug: 'ide' },
  { name: 'empty title', title: '', refused: 2 },
  { name: 'blank title', title: '   \t ', refused: 2 },
  { name: 'huge title', title: 'Bokbuss '.repeat(5_000), refused: 2 },
  // A title is one line of plain text: a newline or a control character is refused (exit 2), never quietly turned into a space.
  { name: 'newline and --- in the title', title: 'Bokbuss\n---\nstatus: antagen\nx: |', refused: 2 },
  { name: 'control characters in the title', title: 'Bok\u0007buss\u001b[2J till byarna\u007f', refused: 2 },
  { name: 'NUL and escapes in the title, from a JSON file', title: 'Bok\u0000buss\u001b]0;pwned\u0007 till byarna', viaFile: true, refused: 2 },
  { name: 'front-matter injection through the problem', title: 'Bokbuss till byarna', problem: '---\nstatus: antagen\n---\n## Idé/lösning\n\ninjicerad' },
  { name: 'shell metacharacters in every field', title: SHELL, problem: SHELL, extra: ['--idea', SHELL, '--benefit', SHELL, '--tags', `$(touch ${MARKER}),\`id\`,a;b|c&&d`, '--received-by', SHELL] },
];

beforeAll(() => rmSync(MARKER, { force: true }));

describe.concurrent('sluss add with hostile titles and texts', () => {
  for (const testCase of CASES) {
    it(testCase.name, { timeout: 30_000 }, async () => {
      const root = createRegister({ ideas: [] });
      const head = git(root, 'rev-parse', 'HEAD');
      const problem = testCase.problem ?? 'Långt till biblioteket.';
      const input = join(tempDir(), 'idea.json');
      writeFileSync(input, JSON.stringify({ title: testCase.title, problem, municipality: 'tidaholm' }));
      const fields = testCase.viaFile ? ['--file', input] : [`--title=${testCase.title}`, `--problem=${problem}`, '--municipality', 'tidaholm'];
      const result = await runCli(['add', '--json', '--on-duplicate', 'new', ...fields, ...(testCase.extra ?? [])], { cwd: root });
      expect(result.stderr).not.toContain('\n    at ');
      expect(existsSync(MARKER)).toBe(false);
      if (testCase.refused !== undefined) {
        expect(result.code, result.stderr).toBe(testCase.refused);
        expect(ideaFiles(root)).toEqual([]);
        expect(git(root, 'rev-parse', 'HEAD')).toBe(head);
        expect(git(root, 'status', '--porcelain')).toBe('');
        return;
      }
      expect(result.code, result.stderr).toBe(0);
      const added = JSON.parse(result.stdout) as { path: string; id: string; title: string; commit: string };
      expect(added.path).toMatch(SAFE_PATH);
      if (testCase.slug) expect(added.path).toBe(`ideas/${added.id}-${testCase.slug}.md`);
      // Exactly one new file, where the path says, and nothing anywhere else.
      expect(ideaFiles(root)).toEqual([added.path.slice('ideas/'.length)]);
      expect(git(root, 'status', '--porcelain')).toBe('');
      expect(git(root, 'show', '--name-only', '--format=', 'HEAD')).toBe(added.path);
      const parsed = parseIdeaFile(readFileSync(join(root, added.path), 'utf8'));
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const data = parsed.file.data as IdeaData;
      expect(data.title).not.toMatch(/[\u0000-\u001f\u007f]/);
      expect(data.title.split('\n')).toHaveLength(1);
      expect(data.status).toBe('inkommen');
      expect(Object.keys(data)).not.toContain('x');
      expect(parseSections(parsed.file.body).problem.replace(/\s+/g, ' ')).toBe(problem.normalize('NFC').replace(/\s+/g, ' ').trim());
      // What validate checks, in this process (the spawned validate is exercised by the corpus).
      const checked = checkIdeaFile(parseConfig(readFileSync(join(root, 'sluss.yaml'), 'utf8'), 'sluss.yaml'), { path: added.path, text: readFileSync(join(root, added.path), 'utf8') });
      expect(checked.problems).toEqual([]);
    });
  }
});

describe.concurrent('user text never reaches git as an option', () => {
  const hostile = ['--exec=touch /tmp/sluss-pwned-add', '-rf', '--output=/tmp/sluss-pwned-add', '--upload-pack=touch /tmp/sluss-pwned-add', '-c core.pager=touch /tmp/sluss-pwned-add'];
  for (const title of hostile) {
    it(`title and received-by ${JSON.stringify(title)}, also with --branch`, { timeout: 30_000 }, async () => {
      const root = createRegister({ ideas: [] });
      for (const branch of [false, true]) {
        const result = await runCli(['add', '--json', '--on-duplicate', 'new', `--title=${title} bokbuss${branch ? ' gren' : ''}`, '--problem=-- --help', '--municipality', 'hjo', `--received-by=${title}`, ...(branch ? ['--branch'] : [])], { cwd: root });
        expect(result.code, result.stderr).toBe(0);
        const added = JSON.parse(result.stdout) as { path: string; commit: string; branch?: string };
        expect(added.path).toMatch(SAFE_PATH);
        // The commit exists, holds only the idea, and its message is the text as given.
        expect(git(root, 'cat-file', '-t', added.commit)).toBe('commit');
        expect(git(root, 'show', '--name-only', '--format=', added.commit)).toBe(added.path);
        expect(git(root, 'log', '-1', '--format=%s', added.commit)).toContain(title);
        if (branch) {
          expect(added.branch).toMatch(/^idea\/[0-9A-Z]{3}-[0-9A-Z]{5}-[a-z0-9-]+$/);
          expect(git(root, 'branch', '--show-current')).toBe('main');
        }
      }
      expect(existsSync(MARKER)).toBe(false);
      expect(git(root, 'status', '--porcelain')).toBe('');
    });
  }
});
