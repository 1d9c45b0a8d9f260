/**
 * What a register's files can be besides good idea files, and what sluss says
 * about each (issue 14, broken 12 and the weak file-level cases): conflict
 * markers, a NUL past the first 8 KB, files that cannot be read, folders,
 * dot-files and temp files in `ideas/`, linked or misplaced `ideas/` and
 * `.sluss/`, a sparse checkout, and CRLF working copies.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listIdeas, showIdea } from '../../src/app/read.js';
import { validateRegister } from '../../src/app/validate.js';
import { formatProblem } from '../../src/ui/messages.js';
import { BIN, runCli } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';
import { createRegister, git, tempDir, testEnv } from '../helpers/registers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const LOCKS = 'ideas/0ZZ-AAAA1-digitala-las-i-hemtjansten.md';

async function problemsOf(root: string, lang: 'sv' | 'en' = 'sv'): Promise<string[]> {
  return (await validateRegister(testContext({ cwd: root }), [])).problems.map((p) => formatProblem(lang, p));
}

describe('idea files that are not what they seem', () => {
  it('a merge conflict is reported as one, with how to resolve it, not as YAML errors', async () => {
    const root = createRegister();
    const text = readFileSync(join(root, LOCKS), 'utf8');
    writeFileSync(join(root, LOCKS), text.replace('status: inkommen\n', '<<<<<<< HEAD\nstatus: inkommen\n=======\nstatus: forsta-bedomning\n>>>>>>> skovde\n'));
    const found = await problemsOf(root);
    expect(found).toEqual([expect.stringMatching(/^ideas\/0ZZ-AAAA1-digitala-las-i-hemtjansten\.md:5: filen har en olöst sammanslagningskonflikt \(merge conflict\).*<<<<<<<.*git add/)]);
    // In the body too, where the YAML is fine and the fast reader would otherwise take the file.
    writeFileSync(join(root, LOCKS), `${text}\n<<<<<<< HEAD\nEn text.\n=======\nEn annan text.\n>>>>>>> skovde\n`);
    expect((await problemsOf(root, 'en')).join('\n')).toMatch(/unresolved merge conflict/);
  });

  it('a NUL byte after the first 8 KB makes the file binary', async () => {
    const root = createRegister();
    writeFileSync(join(root, LOCKS), `${readFileSync(join(root, LOCKS), 'utf8')}\n${'Text. '.repeat(2_000)}\u0000\n`);
    expect(await problemsOf(root)).toEqual([expect.stringMatching(/^ideas\/0ZZ-AAAA1-.*: filen är binär/)]);
  });

  it('a folder or FIFO named like an idea file is unreadable with its reason', async () => {
    const root = createRegister();
    mkdirSync(join(root, 'ideas', '0ZZ-BBBB1-mapp.md'));
    execFileSync('mkfifo', [join(root, 'ideas', '0ZZ-BBBB2-fifo.md')]);
    const found = await problemsOf(root);
    expect(found).toContain('ideas/0ZZ-BBBB1-mapp.md: filen går inte att läsa: det är en mapp — ersätt den med en vanlig textfil eller flytta den ut ur ideas/');
    expect(found).toContainEqual(expect.stringMatching(/^ideas\/0ZZ-BBBB2-fifo\.md: filen går inte att läsa: det är en namngiven pipe \(FIFO\)/));
  });

  const isRoot = process.getuid?.() === 0;
  // A checkout inside a private folder (mktemp -d makes one 0700) cannot be run by the unprivileged user at all.
  const unprivilegedCanRun = isRoot && spawnSync(process.execPath, ['-e', `require('node:fs').accessSync(${JSON.stringify(BIN)}, 4)`], { uid: 65534, gid: 65534 }).status === 0;
  it.skipIf(!unprivilegedCanRun)('a file without read permission says so (run as an unprivileged user; skipped unless the tests run as root in a checkout that user can read)', () => {
    const root = createRegister();
    // The temp folders are private to root; the unprivileged user must reach the register.
    for (let dir = root; dir !== '/' && dir !== '/tmp'; dir = join(dir, '..')) chmodSync(dir, 0o755);
    chmodSync(join(root, LOCKS), 0o000);
    // No code cache: it would make /tmp/.cache, owned by the unprivileged user, on the test machine.
    const run = spawnSync(process.execPath, [BIN, 'validate'], { cwd: root, uid: 65534, gid: 65534, env: { PATH: process.env['PATH'], HOME: '/tmp', SLUSS_LANG: 'sv', SLUSS_CODE_CACHE: '0' }, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(1);
    expect(`${run.stdout}${run.stderr}`).toContain(`${LOCKS}: filen går inte att läsa: behörighet saknas — ge dig själv läsbehörighet`);
  });

  it('show names the file and its problem when the id belongs to a file that cannot be used', async () => {
    const root = createRegister();
    writeFileSync(join(root, LOCKS), readFileSync(join(root, LOCKS), 'utf8').replace('status: inkommen\n', 'status: [inkommen\n'));
    const error = await showIdea(testContext({ cwd: root }), '0ZZ-AAAA1').then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'idea-unreadable', params: { id: '0ZZ-AAAA1', file: LOCKS } });
    const cli = await runCli(['show', '0ZZ-AAAA1'], { cwd: root });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`Idé 0ZZ-AAAA1 finns i ${LOCKS}, men filen går inte att använda:`);
    expect(cli.stderr).toMatch(/YAML-fel/);
    expect(cli.stderr).not.toContain('Hittar ingen idé');
  });
});

describe('what else lies in ideas/', () => {
  it('reports sub-folders, dot-files, other files and stale temp files, and leaves out .gitkeep and a temp file being written', async () => {
    const root = createRegister();
    mkdirSync(join(root, 'ideas', 'arkiv'));
    writeFileSync(join(root, 'ideas', 'arkiv', '0ZZ-CCCC1-gammal.md'), 'gömd\n');
    writeFileSync(join(root, 'ideas', '.dold.md'), 'gömd\n');
    writeFileSync(join(root, 'ideas', 'bild.png'), 'png');
    writeFileSync(join(root, 'ideas', '.gitkeep'), '');
    writeFileSync(join(root, 'ideas', '.0123456789ab.tmp'), 'halv');
    writeFileSync(join(root, 'ideas', '.ba9876543210.tmp'), 'pågår');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(root, 'ideas', '.0123456789ab.tmp'), hourAgo, hourAgo);
    expect(await problemsOf(root)).toEqual([
      'ideas/.0123456789ab.tmp: en tillfällig fil som sluss lämnade när ett kommando avbröts — ta bort filen; inget sluss-kommando skriver den längre',
      'ideas/.dold.md: en dold fil (namnet börjar med punkt) i ideas/ — flytta den ut ur ideas/ (bilagor och anteckningar hör hemma utanför) eller ta bort den',
      'ideas/arkiv: en mapp i ideas/; idéfiler ligger direkt i ideas/ — flytta den ut ur ideas/ (bilagor och anteckningar hör hemma utanför) eller ta bort den',
      'ideas/bild.png: en fil som inte är en idéfil (.md) i ideas/ — flytta den ut ur ideas/ (bilagor och anteckningar hör hemma utanför) eller ta bort den',
    ]);
    // They are not ideas that failed: list does not count them as skipped idea files.
    expect((await listIdeas(testContext({ cwd: root }), {})).skipped).toBe(0);
  });

  it('reports a .gitkeep that holds something, as review does', async () => {
    const root = createRegister();
    writeFileSync(join(root, 'ideas', '.gitkeep'), 'Anteckning som inte syns någon annanstans\n');
    expect(await problemsOf(root)).toEqual([
      'ideas/.gitkeep: en dold fil (namnet börjar med punkt) i ideas/ — flytta den ut ur ideas/ (bilagor och anteckningar hör hemma utanför) eller ta bort den',
    ]);
  });
});

describe('a register whose ideas/, .sluss/ or sluss.yaml is a link or the wrong kind of thing', () => {
  const outsideIdeas = () => {
    const dir = tempDir();
    cpSync(join(createRegister(), 'ideas'), dir, { recursive: true });
    return dir;
  };

  it.each([
    ['ideas is a link', (root: string) => {
      rmSync(join(root, 'ideas'), { recursive: true });
      const outside = outsideIdeas();
      symlinkSync(outside, join(root, 'ideas'));
      return outside;
    }, /sluss läser inte ideas: ideas är en symbolisk länk\./],
    ['.sluss is a link', (root: string) => {
      const outside = tempDir();
      symlinkSync(outside, join(root, '.sluss'));
      return outside;
    }, /sluss läser inte \.sluss: \.sluss är en symbolisk länk\.[\s\S]*rm -r \.sluss/],
    ['.sluss is a plain file', (root: string) => {
      writeFileSync(join(root, '.sluss'), 'x');
      return undefined;
    }, /sluss läser inte \.sluss: \.sluss är ingen mapp\.[\s\S]*rm -r \.sluss/],
    ['sluss.yaml is a link', (root: string) => {
      const real = join(tempDir(), 'sluss.yaml');
      cpSync(join(root, 'sluss.yaml'), real);
      rmSync(join(root, 'sluss.yaml'));
      symlinkSync(real, join(root, 'sluss.yaml'));
      return dirname(real);
    }, /sluss läser inte sluss\.yaml: sluss\.yaml är en symbolisk länk\./],
    ['sluss.yaml is a FIFO', (root: string) => {
      rmSync(join(root, 'sluss.yaml'));
      execFileSync('mkfifo', [join(root, 'sluss.yaml')]);
      return undefined;
    }, /sluss läser inte sluss\.yaml: sluss\.yaml är /],
  ])('%s: every command refuses with exit 4 and writes nothing outside', async (_, breakIt, message) => {
    const root = createRegister();
    const outside = breakIt(root);
    // What .sluss holds (or leads to), and the folder outside the register a link leads to: nothing may be added there.
    const slussContents = () => (statSync(join(root, '.sluss'), { throwIfNoEntry: false })?.isDirectory() ? readdirSync(join(root, '.sluss')) : []);
    const outsideContents = () => (outside ? readdirSync(outside, { recursive: true }).map(String).sort() : []);
    const outsideBefore = slussContents();
    const linkedBefore = outsideContents();
    for (const args of [['validate'], ['list'], ['similar', 'Digitala lås'], ['add', '--title', 'Bokbuss', '--problem', 'Långt till biblioteket', '--municipality', 'hjo', '--on-duplicate', 'new']]) {
      const result = await runCli(args, { cwd: root });
      expect(result.code, `${args[0]}: ${result.stderr}`).toBe(4);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toContain('oväntat');
    }
    expect(slussContents()).toEqual(outsideBefore);
    expect(outsideContents()).toEqual(linkedBefore);
    expect(git(root, 'rev-list', '--count', 'HEAD')).toBe('1');
  });
});

describe('a sparse checkout that leaves ideas out', () => {
  it('is named on every command that reads the register, with how many ideas it cannot see', async () => {
    const source = createRegister();
    mkdirSync(join(source, 'docs'));
    writeFileSync(join(source, 'docs', 'om.md'), 'Om registret\n');
    git(source, 'add', '-A');
    git(source, 'commit', '--quiet', '-m', 'docs');
    const clone = join(tempDir(), 'clone');
    git(tempDir(), 'clone', '--quiet', source, clone);
    git(clone, 'sparse-checkout', 'set', '--no-cone', '/sluss.yaml', '/docs/');
    expect(existsSync(join(clone, 'ideas'))).toBe(false);
    const result = await runCli(['similar', 'Digitala lås i hemtjänsten'], { cwd: clone });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('gles utcheckning (sparse checkout). 3 fil(er) under ideas/ finns inte i arbetskopian');
    expect(result.stderr).toContain('git sparse-checkout disable');
    git(clone, 'sparse-checkout', 'disable');
    expect((await runCli(['similar', 'Digitala lås i hemtjänsten'], { cwd: clone })).stderr).not.toContain('sparse');
  });
});

describe('CRLF working copies (core.autocrlf=true)', () => {
  /** The example register at the repository root as a repository of its own, with or without its .gitattributes. */
  function exampleRegister(withAttributes: boolean): string {
    const dir = tempDir();
    cpSync(join(ROOT, 'sluss.yaml'), join(dir, 'sluss.yaml'));
    cpSync(join(ROOT, 'ideas'), join(dir, 'ideas'), { recursive: true });
    if (withAttributes) cpSync(join(ROOT, '.gitattributes'), join(dir, '.gitattributes'));
    git(dir, 'init', '--quiet', '--initial-branch=main');
    git(dir, 'add', '-A');
    git(dir, '-c', 'user.name=T', '-c', 'user.email=t@example.se', 'commit', '--quiet', '-m', 'exempel');
    const clone = join(tempDir(), 'clone');
    execFileSync('git', ['-c', 'core.autocrlf=true', 'clone', '--quiet', dir, clone], { env: testEnv() });
    return clone;
  }

  it('the example register validates when checked out with autocrlf, thanks to its .gitattributes', async () => {
    expect(readFileSync(join(ROOT, '.gitattributes'), 'utf8')).toMatch(/^\*\.md text eol=lf$/m);
    const result = await runCli(['validate'], { cwd: exampleRegister(true) });
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it('without one, each CRLF file is reported with how to fix the checkout', async () => {
    const clone = exampleRegister(false);
    expect(readFileSync(join(clone, 'sluss.yaml'), 'utf8')).toContain('\r\n');
    const result = await runCli(['validate'], { cwd: clone });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('filen har Windows-radslut (CRLF) — spara med LF-radslut. Har git gjort om radsluten vid utcheckning (core.autocrlf=true), behöver registret en .gitattributes');
  });
});
