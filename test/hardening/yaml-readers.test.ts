/**
 * The two YAML readers never disagree (issue 14, broken 1). Files in the form
 * sluss writes are read by the fast reader (src/core/format/canonical-yaml.ts),
 * everything else by the `yaml` library: whenever the fast one answers, the
 * library must give the same data and no problem. Checked over files sluss
 * writes, the example register and random block YAML, each also mutated with
 * what a hostile or careless editor adds: Unicode spaces (U+00A0, U+3000,
 * U+FEFF, …) in indentation and at the ends of values, BOMs, tabs, CR and
 * comments, at random places. Where PyYAML is installed, every text the fast
 * reader answered for is also read by PyYAML and must give the same data.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCanonicalYaml } from '../../src/core/format/canonical-yaml.js';
import { parseConfig, renderDefaultConfig } from '../../src/core/format/config-file.js';
import { parseIdeaFile, readIdeaFileFast, serializeIdea } from '../../src/core/format/idea-file.js';
import { parseYaml, toPlainData } from '../../src/core/format/yaml-front-matter.js';
import type { IdeaData } from '../../src/core/idea.js';
import { createIdea } from '../../src/core/new-idea.js';
import { checkIdeaFile } from '../../src/core/validation.js';

const ROOT = join(import.meta.dirname, '..', '..');
const config = parseConfig(renderDefaultConfig('Testregister'), 'sluss.yaml');

/** Whitespace of every kind YAML, JavaScript or PyYAML might treat differently, and invisible format characters. */
const UNICODE_SPACES = ['\u00a0', '\u3000', '\ufeff', '\u1680', '\u2000', '\u2003', '\u2007', '\u200a', '\u202f', '\u205f', '\u2028', '\u2029', '\u0085', '\u180e', '\u200b', '\u2060', '\v', '\f'];
const PIECES = [...UNICODE_SPACES, '\t', '\r', '\r\n', ' # kommentar', '\n# kommentar\n', '#', ' #', ' ', '\n', ':', '- '];

type Mutation = { kind: 'insert' | 'replace' | 'indent' | 'line-end'; at: number; piece: string; times: number } | { kind: 'bom' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('insert', 'replace', 'indent', 'line-end' as const), at: fc.nat(), piece: fc.constantFrom(...PIECES), times: fc.integer({ min: 1, max: 4 }) }),
  fc.constant({ kind: 'bom' as const }),
);

function mutate(text: string, change: Mutation): string {
  if (change.kind === 'bom') return `\ufeff${text}`;
  const { at, piece, times } = change;
  if (change.kind === 'insert') {
    const index = at % (text.length + 1);
    return text.slice(0, index) + piece + text.slice(index);
  }
  if (change.kind === 'replace') {
    const index = at % Math.max(text.length, 1);
    return text.slice(0, index) + piece + text.slice(index + 1);
  }
  const lines = text.split('\n');
  const line = at % lines.length;
  // Indentation made of the piece in place of spaces (the no-break-space consent attack), or the piece at the line's end.
  lines[line] = change.kind === 'indent' ? lines[line]!.replace(/^ */, (spaces) => piece.repeat(Math.max(1, Math.ceil((spaces.length || times) / piece.length)))) : `${lines[line]}${piece.repeat(times)}`;
  return lines.join('\n');
}

const anyText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('0042', 'no', '2026-11-27', '- a', 'a: b', '# x', "it's", '"q"', '\\', '10\u00a0000 kr', 'a\u3000b'));

/** A file as `add` writes it, some with a submitter who gave consent (which silences the personal-data check). */
const writtenFile = fc.record({ title: anyText, problem: anyText, tags: fc.array(anyText, { maxLength: 3 }), consent: fc.boolean() }).map(({ title, problem, tags, consent }) => {
  const submitter = consent ? { name: 'Anna Svensson', consent: { date: '2026-11-20' } } : undefined;
  const created = createIdea(
    config,
    { title: `Idé ${title}`, problem: `Behov ${problem} ring anna@example.se`, municipality: 'skovde', receivedBy: 'Test Coach', tags, ...(submitter ? { submitter } : {}) },
    { id: '115-7M4QD', today: '2026-11-27', receivedBy: 'Test Coach' },
  );
  return serializeIdea(created.data as IdeaData, created.body);
});

const exampleFiles = readdirSync(join(ROOT, 'ideas'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => readFileSync(join(ROOT, 'ideas', name), 'utf8'));

/** Random block YAML, wrapped as an idea file. */
const blockYamlFile = (() => {
  const key = fc.constantFrom('a', 'title', 'consent', 'x-note', 'Key_2', 'ä');
  const value = fc.oneof(fc.constantFrom('', '~', 'true', 'no', '0042', '1.50', '2026-11-27', '"a\\u00a0b"', "'it''s'", '[]', '{}', 'a # c', 'a\u00a0b'), fc.string({ unit: 'grapheme', maxLength: 10 }));
  const indent = fc.constantFrom('', '  ', '    ');
  const line = fc.oneof(
    fc.tuple(indent, key, value).map(([i, k, v]) => `${i}${k}: ${v}`),
    fc.tuple(indent, key).map(([i, k]) => `${i}${k}:`),
    fc.tuple(indent, value).map(([i, v]) => `${i}- ${v}`),
    fc.tuple(indent, key, value).map(([i, k, v]) => `${i}- ${k}: ${v}`),
    fc.constant('# kommentar'),
  );
  return fc.array(line, { minLength: 1, maxLength: 8 }).map((lines) => `---\n${lines.join('\n')}\n---\n\nText.\n`);
})();

/** The YAML between the markers of a file in the form the fast reader takes (LF, no BOM), or undefined. */
function frontMatterOf(source: string): string | undefined {
  const match = /^---\n([\s\S]*?)^---[ \t]*$/m.exec(source);
  return match?.[1];
}

function fullYamlReading(yamlText: string): { data?: unknown; problems: number } {
  const { parsed, problems } = parseYaml(yamlText);
  return { data: parsed ? toPlainData(parsed.document) : undefined, problems: problems.length };
}

/** Texts the fast reader answered for, with its data: for the PyYAML cross-check. */
const answered: { yaml: string; data: unknown }[] = [];
const MAX_KEPT_FOR_PYYAML = 1_500;
const tally = { files: 0, fastFiles: 0 };

/** Every level at which the readers meet: the YAML, the file, and the check behind `validate`. */
function expectReadersAgree(source: string): void {
  tally.files += 1;
  const yamlText = frontMatterOf(source);
  if (yamlText !== undefined) {
    const fast = readCanonicalYaml(yamlText);
    if (fast !== undefined) {
      expect(fullYamlReading(yamlText), JSON.stringify(yamlText)).toEqual({ data: fast, problems: 0 });
      if (answered.length < MAX_KEPT_FOR_PYYAML) answered.push({ yaml: yamlText, data: fast });
    }
  }
  const fastFile = readIdeaFileFast(source);
  if (fastFile !== undefined) {
    tally.fastFiles += 1;
    const full = parseIdeaFile(source);
    expect(full.ok && { data: full.file.data, body: full.file.body, problems: full.file.problems }, JSON.stringify(source)).toEqual({ ...fastFile, problems: [] });
  }
  const entry = { path: 'ideas/115-7M4QD-ide.md', text: source };
  const quick = checkIdeaFile(config, entry);
  const thorough = checkIdeaFile(config, entry, { keepDocument: true });
  expect(quick.problems.map((p) => [p.code, p.field]), JSON.stringify(source)).toEqual(thorough.problems.map((p) => [p.code, p.field]));
  expect(quick.idea?.data).toEqual(thorough.idea?.data);
}

describe('the fast YAML reader and the yaml library', () => {
  // Generous timeouts: a few seconds alone, several times that on a machine busy with other work.
  it('agree on files sluss writes, the example register and random block YAML, each mutated with Unicode spaces, BOMs, tabs, CR and comments', { timeout: 180_000 }, () => {
    const file = fc.oneof(writtenFile, fc.constantFrom(...exampleFiles), blockYamlFile);
    fc.assert(
      fc.property(file, fc.array(mutation, { maxLength: 4 }), (source, mutations) => {
        expectReadersAgree(source);
        expectReadersAgree(mutations.reduce(mutate, source));
      }),
      { numRuns: 1_500 },
    );
    // Not vacuous: the fast reader answered for many files, and for many it declined.
    expect(tally.fastFiles).toBeGreaterThan(tally.files / 10);
    expect(tally.fastFiles).toBeLessThan(tally.files);
  });

  const pythonYaml = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });
  const noPyYaml = pythonYaml.error !== undefined || pythonYaml.status !== 0;
  it.skipIf(noPyYaml)('PyYAML reads every text the fast reader answered for to the same data (skipped where python3 with PyYAML is missing)', { timeout: 180_000 }, () => {
    if (answered.length === 0) {
      // Run alone: fill the sample here.
      fc.assert(fc.property(fc.oneof(writtenFile, blockYamlFile), fc.array(mutation, { maxLength: 3 }), (source, mutations) => expectReadersAgree(mutations.reduce(mutate, source))), { numRuns: 1_000 });
    }
    expect(answered.length).toBeGreaterThan(100);
    // BaseLoader keeps every scalar as text (PyYAML is YAML 1.1, so `no` and dates would differ by design);
    // the fast reader's values are compared as the text they were read from.
    const script = 'import json,sys,yaml\nout=[]\nfor t in json.load(sys.stdin):\n  try: out.append([True, yaml.load(t, Loader=yaml.BaseLoader)])\n  except Exception as e: out.append([False, str(e)])\njson.dump(out, sys.stdout)\n';
    const run = spawnSync('python3', ['-c', script], { input: JSON.stringify(answered.map((a) => a.yaml)), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.status, run.stderr).toBe(0);
    const readings = JSON.parse(run.stdout) as [boolean, unknown][];
    readings.forEach(([ok, value], i) => {
      const { yaml, data } = answered[i]!;
      expect(ok, `${JSON.stringify(yaml)}: ${String(value)}`).toBe(true);
      expect(sameAsBaseLoader(data, value), `${JSON.stringify(yaml)}\nfast: ${JSON.stringify(data)}\nPyYAML: ${JSON.stringify(value)}`).toBe(true);
    });
  });
});

describe('the attacks of issue 14 on the two readers', () => {
  // A valid file whose personal data is allowed by the submitter's recorded consent.
  const created = createIdea(
    config,
    { title: 'Digitala lås', problem: 'Ring Anna på anna.svensson@example.se.', municipality: 'skovde', receivedBy: 'Test Coach', submitter: { name: 'Anna Svensson', consent: { date: '2026-11-20' } } },
    { id: '115-7M4QD', today: '2026-11-27', receivedBy: 'Test Coach' },
  );
  const consented = serializeIdea(created.data as IdeaData, created.body);
  const nbsp = '\u00a0';
  const attacks: [string, string][] = [
    ['consent indented with no-break spaces', consented.replace(/^ {2}consent:\n {4}date:/m, `${nbsp.repeat(2)}consent:\n${nbsp.repeat(4)}date:`)],
    ['a trailing U+3000 on id', consented.replace('id: 115-7M4QD\n', 'id: 115-7M4QD\u3000\n')],
    ['a U+FEFF after status', consented.replace('status: inkommen\n', 'status: inkommen\ufeff\n')],
  ];
  const check = (text: string) => checkIdeaFile(config, { path: `ideas/${created.fileName}`, text });
  const codes = (text: string) => check(text).problems.map((p) => [p.code, p.field]);

  it('the consent indented with no-break spaces is not consent: the submitter has none, so the schema refuses it', () => {
    expect(codes(attacks[0]![1])).toContainEqual(['schema', 'submitter.consent']);
  });

  it('the file with consent recorded passes', () => {
    expect(consented).toContain('consent:');
    expect(check(consented).problems).toEqual([]);
  });

  it.each(attacks)('%s fails validate, the same with a comment added, as the full parser sees it', (_, attacked) => {
    expect(attacked).not.toBe(consented);
    const problems = check(attacked).problems;
    expect(problems.map((p) => p.code)).toContain('hidden-character');
    const withComment = attacked.replace('title: Digitala lås\n', 'title: Digitala lås\n# en kommentar\n');
    const withTrailingComment = attacked.replace('title: Digitala lås\n', 'title: Digitala lås # kommentar\n');
    expect(withComment).not.toBe(attacked);
    expect(withTrailingComment).not.toBe(attacked);
    expect(codes(withComment)).toEqual(codes(attacked));
    expect(codes(withTrailingComment)).toEqual(codes(attacked));
    expect(codes(attacked)).toEqual(checkIdeaFile(config, { path: `ideas/${created.fileName}`, text: attacked }, { keepDocument: true }).problems.map((p) => [p.code, p.field]));
  });
});

/** Whether the fast reader's value is what PyYAML's BaseLoader (every scalar as text) read. */
function sameAsBaseLoader(fast: unknown, base: unknown): boolean {
  if (fast === null) return base === '' || base === '~' || base === 'null' || base === 'Null' || base === 'NULL';
  if (typeof fast === 'boolean') return typeof base === 'string' && base.toLowerCase() === String(fast);
  if (typeof fast === 'number') return typeof base === 'string' && Number(base) === fast;
  if (typeof fast === 'string') return base === fast;
  if (Array.isArray(fast)) return Array.isArray(base) && base.length === fast.length && fast.every((item, i) => sameAsBaseLoader(item, base[i]));
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return false;
  const keys = Object.keys(fast as object);
  return keys.length === Object.keys(base).length && keys.every((key) => Object.hasOwn(base, key) && sameAsBaseLoader((fast as Record<string, unknown>)[key], (base as Record<string, unknown>)[key]));
}
