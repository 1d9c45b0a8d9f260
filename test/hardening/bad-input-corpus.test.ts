/**
 * The bad-input corpus (test/fixtures/bad-input/cases.json): every case is put
 * into a fresh temporary register next to valid ideas, and the built
 * `sluss validate` must name the file and the problem, exit 1, finish well
 * within a time bound and never print a stack trace. Cases too big or too
 * odd to commit (10 MB, symlinks, a FIFO, clashing names) are made at run time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseIdeaFile } from '../../src/core/format/idea-file.js';
import { runCli } from '../helpers/cli.js';
import { createRegister } from '../helpers/registers.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/bad-input/', import.meta.url));

interface CorpusCase {
  name: string;
  /** A committed fixture file, written into ideas/ as `as`. */
  fixture?: string;
  as?: string;
  /** Or a case built at run time. */
  generate?: string;
  expect: string[];
  note: string;
}

const CASES = JSON.parse(readFileSync(join(FIXTURES, 'cases.json'), 'utf8')) as CorpusCase[];

/** Marker files a payload would create if anything ever ran it. */
const MARKERS = ['/tmp/sluss-pwned', '/tmp/sluss-pwned-js', '/tmp/sluss-pwned-py'];

/**
 * A hang bound, not a speed goal: one validate run is killed after this long,
 * whatever the input (the 10 MB file included), and a killed run fails the
 * case. The quadratic reading of 20,000 unknown fields took minutes; a busy
 * machine takes seconds.
 */
const HANG_BOUND_MS = 60_000;

const ID = '115-AAAA1';
const VALID = `---
id: ${ID}
title: Bokbuss till byarna
status: inkommen
municipality: tidaholm
municipalities:
  - municipality: tidaholm
    role: owner
category: ovrigt
created: "2026-11-27"
received_by: Test Coach
history:
  - date: "2026-11-27"
    status: inkommen
    by: Test Coach
---
`;
const withBody = (size: number) => {
  const head = `${VALID}\n## Problem/behov\n\n`;
  return head + 'Langt till biblioteket. '.repeat(Math.ceil(size / 20)).slice(0, size - Buffer.byteLength(head) - 1) + '\n';
};

/** Puts the case into `root`'s ideas/ and returns the files (relative) the problems must name. */
function place(root: string, testCase: CorpusCase): string[] {
  const ideas = join(root, 'ideas');
  if (testCase.fixture) {
    writeFileSync(join(ideas, testCase.as!), readFileSync(join(FIXTURES, testCase.fixture)));
    return [`ideas/${testCase.as}`];
  }
  const name = `${ID}-bokbuss-till-byarna.md`;
  switch (testCase.generate) {
    case 'ten-megabytes':
      writeFileSync(join(ideas, name), withBody(10 * 1024 * 1024));
      return [`ideas/${name}`];
    case 'just-over-limit': {
      const text = withBody(1_000_001);
      expect(Buffer.byteLength(text)).toBe(1_000_001);
      writeFileSync(join(ideas, name), text);
      return [`ideas/${name}`];
    }
    case 'many-unknown-fields':
      writeFileSync(join(ideas, name), VALID.replace(/---\n$/, `${Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join('\n')}\n---\n`));
      return [`ideas/${name}`];
    case 'symlink-outside':
      symlinkSync('/etc/passwd', join(ideas, name));
      return [`ideas/${name}`];
    case 'symlink-inside': {
      mkdirSync(join(root, 'elsewhere'));
      writeFileSync(join(root, 'elsewhere', 'idea.md'), VALID);
      symlinkSync(join(root, 'elsewhere', 'idea.md'), join(ideas, name));
      return [`ideas/${name}`];
    }
    case 'directory-named-md':
      mkdirSync(join(ideas, name));
      return [`ideas/${name}`];
    case 'fifo':
      execFileSync('mkfifo', [join(ideas, name)]);
      return [`ideas/${name}`];
    case 'duplicate-ids':
      writeFileSync(join(ideas, `${ID}-bokbuss.md`), VALID);
      writeFileSync(join(ideas, `${ID}-bokbuss-igen.md`), VALID.replace('Bokbuss till byarna', 'Bokbuss till byarna igen'));
      return [`ideas/${ID}-bokbuss.md`, `ideas/${ID}-bokbuss-igen.md`];
    case 'case-fold-clash':
      writeFileSync(join(ideas, `${ID}-bokbuss.md`), VALID);
      writeFileSync(join(ideas, `${ID}-BOKBUSS.md`), VALID);
      return [`ideas/${ID}-bokbuss.md`, `ideas/${ID}-BOKBUSS.md`];
    case 'unicode-normalisation-clash': {
      const nfc = `${ID}-by\u00e5.md`;
      const nfd = `${ID}-bya\u030a.md`;
      writeFileSync(join(ideas, nfc), VALID);
      writeFileSync(join(ideas, nfd), VALID);
      return [`ideas/${nfc}`, `ideas/${nfd}`];
    }
    default:
      throw new Error(`unknown generated case ${testCase.generate}`);
  }
}

interface JsonReport {
  ok: boolean;
  problems: { file: string; code: string; message: string; line?: number }[];
}

beforeAll(() => {
  for (const marker of MARKERS) rmSync(marker, { force: true });
});

describe('the bad-input corpus', () => {
  it('has at least 40 cases, each with a fixture or a generator and an expected problem', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    for (const testCase of CASES) {
      expect(testCase.expect.length, testCase.name).toBeGreaterThan(0);
      if (testCase.fixture) expect(existsSync(join(FIXTURES, testCase.fixture)), testCase.name).toBe(true);
      else expect(testCase.generate, testCase.name).toBeDefined();
    }
  });

  it('parsing the text fixtures in this process runs no payload and pollutes no prototype', () => {
    for (const testCase of CASES.filter((c) => c.fixture)) {
      const result = parseIdeaFile(readFileSync(join(FIXTURES, testCase.fixture!), 'utf8'));
      if (result.ok) expect(Object.getPrototypeOf(result.file.data)).toBe(Object.prototype);
    }
    expect((globalThis as Record<string, unknown>)['__sluss_pwned']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    for (const marker of MARKERS) expect(existsSync(marker), marker).toBe(false);
  });
});

describe.concurrent('sluss validate on each corpus case', () => {
  for (const testCase of CASES) {
    it(`${testCase.name}: ${testCase.note} → ${testCase.expect.join(', ')}`, { timeout: HANG_BOUND_MS + 30_000 }, async () => {
      const root = createRegister({ commit: false });
      const files = place(root, testCase);
      const result = await runCli(['validate', '--format', 'json'], { cwd: root, timeoutMs: HANG_BOUND_MS });
      expect(result.stderr).not.toContain('\n    at ');
      expect(result.code, result.stderr).toBe(1);
      const report = JSON.parse(result.stdout) as JsonReport;
      expect(report.ok).toBe(false);
      // Only the case's files are flagged: the valid ideas around them stay valid.
      for (const problem of report.problems) expect(files, JSON.stringify(problem)).toContain(problem.file);
      for (const code of testCase.expect) {
        const hits = report.problems.filter((p) => p.code === code);
        expect(hits.map((p) => p.file), `${code} in ${JSON.stringify(report.problems).slice(0, 2000)}`).toEqual(expect.arrayContaining(files.length === 1 ? files : [expect.any(String)]));
        for (const hit of hits) {
          expect(hit.message).not.toBe('');
          // A message whose parameters were not given reads "undefined" where a number or a name belongs.
          expect(hit.message).not.toMatch(/undefined|NaN/);
        }
      }
      if (testCase.generate?.endsWith('clash') || testCase.generate === 'duplicate-ids') {
        const code = testCase.expect[0]!;
        for (const file of files) expect(report.problems.some((p) => p.code === code && p.file === file), `${code} on ${file}`).toBe(true);
      }
      for (const marker of MARKERS) expect(existsSync(marker), marker).toBe(false);
    });
  }
});

describe.concurrent('the text report names the file and the problem', () => {
  const sample = ['alias-bomb', 'ten-megabytes', 'front-matter-js'];
  for (const name of sample) {
    it(name, { timeout: HANG_BOUND_MS + 30_000 }, async () => {
      const testCase = CASES.find((c) => c.name === name)!;
      const root = createRegister({ commit: false });
      const [file] = place(root, testCase);
      const result = await runCli(['validate'], { cwd: root, timeoutMs: HANG_BOUND_MS });
      expect(result.code).toBe(1);
      expect(result.stderr).not.toContain('\n    at ');
      const line = result.stdout.split('\n').find((l) => l.startsWith(file!));
      expect(line, result.stdout).toBeDefined();
      expect(line!.length).toBeGreaterThan(file!.length + 5);
    });
  }
});
