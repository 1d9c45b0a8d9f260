/**
 * Security properties checked against the source and the built program:
 * no shell anywhere, YAML that never runs or expands anything, and the
 * personal-data guard. (User text as git options: add-hostile-input.test.ts.)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseIdeaFile } from '../../src/core/format/idea-file.js';
import { runCli } from '../helpers/cli.js';
import { createRegister } from '../helpers/registers.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('no shell', () => {
  const files = sourceFiles(SRC).map((path) => ({ path: path.slice(SRC.length), text: readFileSync(path, 'utf8') }));

  it('finds the source', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it('never asks for a shell, never runs a command string, never evaluates code', () => {
    for (const { path, text } of files) {
      expect(text, path).not.toMatch(/shell\s*:\s*(true|['"`]\/)/);
      // exec()/execSync() of child_process take a command line for a shell; RegExp#exec is `.exec(`.
      expect(text, path).not.toMatch(/(?<![.\w])exec(Sync)?\s*\(/);
      expect(text, path).not.toMatch(/\bimport\s*\{[^}]*\bexec(Sync)?\b[^}]*\}\s*from\s*['"](node:)?child_process['"]/);
      expect(text, path).not.toMatch(/(?<![.\w])eval\s*\(|new\s+Function\s*\(|\bvm\.run|from\s+['"](node:)?vm['"]/);
    }
  });

  it('starts programs only by name with an argument array (spawn/execFile), git through GitRunner.run([...])', () => {
    let calls = 0;
    for (const { path, text } of files) {
      for (const call of text.matchAll(/(?<![.\w])(spawn|execFile|spawnSync|execFileSync)\(([^)]{0,60})/g)) {
        calls++;
        expect(call[2], `${path}: ${call[0]}`).toMatch(/^\s*'[\w-]+',\s*(\[|args\b)/);
      }
      for (const call of text.matchAll(/\bgit\.run\(([^)]{0,40})/g)) expect(call[1], `${path}: git.run(${call[1]}`).toMatch(/^\s*(\[|args\b|onlyThese\b)/);
    }
    expect(calls).toBeGreaterThan(0);
  });
});

describe('YAML never runs code or expands aliases', () => {
  it('refuses a billion-laughs front matter before expanding it, in milliseconds', () => {
    const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    }
    const started = performance.now();
    const result = parseIdeaFile(`---\n${levels.join('\n')}\n---\n`);
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.kind)).toEqual(['yaml-alias']);
  });

  it('never evaluates ---js, ---javascript or language tags', () => {
    const marker = '__sluss_hardening_executed__';
    for (const text of [
      `---js\n{ title: (globalThis.${marker} = true) }\n---\n`,
      `---javascript\nmodule.exports = { title: (globalThis.${marker} = true) }\n---\n`,
      `---\ntitle: !!js/function "function () { globalThis.${marker} = true }"\n---\n`,
      `---\ntitle: !!js/undefined ""\nx: !!python/object/apply:os.system ["true"]\n---\n`,
    ]) {
      expect(parseIdeaFile(text).ok, text).toBe(false);
    }
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  });
});

describe('the personal-data guard (sluss validate)', () => {
  const idea = (extra: string, body: string) => `---
id: 115-AAAA1
title: Bokbuss till byarna
status: inkommen
municipality: tidaholm
municipalities:
  - municipality: tidaholm
    role: owner
category: ovrigt
created: "2026-11-27"
received_by: Test Coach
${extra}history:
  - date: "2026-11-27"
    status: inkommen
    by: Test Coach
---

## Problem/behov

${body}
`;
  const personal = 'Anna Andersson, anna.andersson@example.se, 070-123 45 67, personnummer 19811218-9876.';

  it('flags e-mail, phone and a Luhn-valid personnummer without consent, masked; passes with consent', { timeout: 30_000 }, async () => {
    const root = createRegister({ commit: false });
    const file = join(root, 'ideas', '115-AAAA1-bokbuss-till-byarna.md');
    writeFileSync(file, idea('', personal));
    const flagged = await runCli(['validate', '--format', 'json'], { cwd: root });
    expect(flagged.code).toBe(1);
    const problems = (JSON.parse(flagged.stdout) as { problems: { code: string; file: string; params: { kind: string; masked: string } }[] }).problems;
    expect(problems.filter((p) => p.code === 'personal-data').map((p) => p.params.kind).sort()).toEqual(['email', 'personnummer', 'phone']);
    expect(flagged.stdout).not.toContain('anna.andersson@example.se');
    expect(flagged.stdout).not.toContain('19811218-9876');

    // A personnummer with a wrong check digit is a number, not personal data.
    writeFileSync(file, idea('', 'Ärende 19811218-9875 i diariet.'));
    expect((await runCli(['validate'], { cwd: root })).code).toBe(0);

    writeFileSync(file, idea('submitter:\n  name: Anna Andersson\n  email: anna.andersson@example.se\n  consent:\n    date: "2026-11-20"\n', personal));
    const consented = await runCli(['validate'], { cwd: root });
    expect(consented.code, consented.stdout).toBe(0);
  });
});
