/**
 * The fast reader of sluss's own YAML must never disagree with the full
 * parser: whenever it answers, the data is the full parser's and the file had
 * no format problem. It may decline anything.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasEdgeSpace, readCanonicalYaml } from '../../src/core/format/canonical-yaml.js';
import { parseConfig, renderDefaultConfig } from '../../src/core/format/config-file.js';
import { parseIdeaFile, readIdeaFileFast, serializeIdea } from '../../src/core/format/idea-file.js';
import type { IdeaData } from '../../src/core/idea.js';
import { parseYaml, toPlainData } from '../../src/core/format/yaml-front-matter.js';
import { createIdea } from '../../src/core/new-idea.js';
import { checkIdeaFile } from '../../src/core/validation.js';

const ROOT = join(import.meta.dirname, '..', '..');
const config = parseConfig(renderDefaultConfig('Testregister'), 'sluss.yaml');

/** The full parser's reading of a front matter, or undefined when it finds any problem. */
function fullReading(yamlText: string): unknown {
  const { parsed, problems } = parseYaml(yamlText);
  return parsed && problems.length === 0 ? toPlainData(parsed.document) : undefined;
}

function expectAgreement(yamlText: string): unknown {
  const fast = readCanonicalYaml(yamlText);
  if (fast !== undefined) expect(fast, yamlText).toEqual(fullReading(yamlText));
  return fast;
}

describe('readCanonicalYaml', () => {
  it.each([
    ['plain text', 'title: Digitala lås i hemtjänsten\n', { title: 'Digitala lås i hemtjänsten' }],
    ['a date stays text when quoted', 'created: "2026-11-27"\n', { created: '2026-11-27' }],
    ['a plain date is text in YAML 1.2', 'created: 2026-11-27\n', { created: '2026-11-27' }],
    ['core-schema numbers, booleans and null', 'a: 0042\nb: 1.50\nc: true\nd: ~\ne: no\nf:\n', { a: 42, b: 1.5, c: true, d: null, e: 'no', f: null }],
    ['escapes', 'a: "tab\\there \\"q\\" \\u00e5 \\\\"\nb: \'it\'\'s\'\n', { a: 'tab\there "q" å \\', b: "it's" }],
    ['empty collections', 'a: []\nb: {}\n', { a: [], b: {} }],
    ['nested maps and sequences of maps', 'h:\n  - date: "2026-01-01"\n    status: inkommen\n  - x\nl:\n  related:\n    - 115-7M4QD\n', { h: [{ date: '2026-01-01', status: 'inkommen' }, 'x'], l: { related: ['115-7M4QD'] } }],
    ['whole-line comments', '# yaml-language-server: $schema=x\na: 1\n  # indented\nb: 2\n', { a: 1, b: 2 }],
  ])('reads %s as the full parser does', (_, yamlText, expected) => {
    expect(expectAgreement(yamlText)).toEqual(expected);
  });

  it.each([
    ['a trailing comment', 'a: b # c\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['a flow sequence', 'a: [1, 2]\n'],
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!binary aGk=\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a quoted key', '"a": 1\n'],
    ['a sequence not indented under its key', 'a:\n- 1\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['an unclosed quote', 'a: "one\n'],
    ['text after a closing quote', 'a: "one" two\n'],
    ['a hex number', 'a: 0x1F\n'],
    ['a tab in the indentation', 'a:\n\t- 1\n'],
    ['a document marker', '---\na: 1\n'],
    ['a prototype key', '__proto__: 1\n'],
    ['not a mapping', '- 1\n'],
  ])('declines %s', (_, yamlText) => {
    expect(readCanonicalYaml(yamlText)).toBeUndefined();
  });

  it('agrees with the full parser on random block YAML', () => {
    const key = fc.constantFrom('a', 'b', 'title', 'x-note', 'Key_2', '__proto__', 'a b', 'ä');
    const scalarText = fc.oneof(
      fc.constantFrom('', '~', 'null', 'NULL', 'true', 'False', 'no', 'yes', '0042', '-1', '+5', '1.50', '.5', '1e3', '0o17', '0x1F', '.inf', '.NaN', '2026-11-27', '12:30', '9007199254740993'),
      fc.constantFrom('"a\\nb"', '"\\u00e5"', '"\\x41"', '"\\U0001F68C"', '"\\q"', "'it''s'", "'a'b'", '"a"b', '[]', '{}', '[1]', '&x 1', '*x', '!!str 1', '|', '>', '# c', 'a # c', 'a: b', 'a:b', 'a,b', 'a]', '- a', '-a', '?a', '@a', '%a', '`a'),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
    );
    const indent = fc.constantFrom('', '  ', '    ', '   ', '\t');
    const line = fc.oneof(
      fc.tuple(indent, key, scalarText).map(([i, k, v]) => `${i}${k}: ${v}`),
      fc.tuple(indent, key).map(([i, k]) => `${i}${k}:`),
      fc.tuple(indent, scalarText).map(([i, v]) => `${i}- ${v}`),
      fc.tuple(indent, key, scalarText).map(([i, k, v]) => `${i}- ${k}: ${v}`),
      fc.tuple(indent, fc.string({ maxLength: 8 })).map(([i, c]) => `${i}#${c}`),
      fc.constant(''),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 10 }), (lines) => {
        expectAgreement(`${lines.join('\n')}\n`);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('readIdeaFileFast', () => {
  const files = (dir: string) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));

  it('reads every idea of the example register, with the full parser’s data and body', () => {
    const ideas = files(join(ROOT, 'ideas'));
    expect(ideas.length).toBeGreaterThan(30);
    for (const { name, text } of ideas) {
      const fast = readIdeaFileFast(text);
      const full = parseIdeaFile(text);
      expect(fast, name).toBeDefined();
      expect(full.ok && { data: full.file.data, body: full.file.body }, name).toEqual(fast);
    }
  });

  it('never answers for a file of the bad-input corpus that the full parser has a problem with', () => {
    for (const { name, text } of files(join(ROOT, 'test', 'fixtures', 'bad-input'))) {
      const fast = readIdeaFileFast(text);
      if (fast === undefined) continue;
      const full = parseIdeaFile(text);
      expect(full.ok && full.file.problems, name).toEqual([]);
      expect(full.ok && { data: full.file.data, body: full.file.body }, name).toEqual(fast);
    }
  });

  it('reads what add writes from any text, and the check finds what the full parser’s check finds', () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.constantFrom('0042', 'no', '2026-11-27', '- a', 'a: b', '# x', "it's", '"q"', '\\', 'ring 010-123 45 67'));
    fc.assert(
      fc.property(text, text, fc.array(text, { maxLength: 3 }), (title, problem, tags) => {
        const created = createIdea(config, { title: `Idé ${title}`, problem: `Behov ${problem}`, municipality: 'skovde', receivedBy: 'Test Coach', tags }, { id: '115-7M4QD', today: '2026-11-27', receivedBy: 'Test Coach' });
        const source = serializeIdea(created.data as IdeaData, created.body);
        const fast = readIdeaFileFast(source);
        const full = parseIdeaFile(source);
        expect(fast).toBeDefined();
        expect(full.ok && { data: full.file.data, body: full.file.body }).toEqual(fast);
        const entry = { path: `ideas/${created.fileName}`, text: source };
        const quick = checkIdeaFile(config, entry);
        const thorough = checkIdeaFile(config, entry, { keepDocument: true });
        expect(quick.problems.map((p) => p.code)).toEqual(thorough.problems.map((p) => p.code));
        expect(quick.idea?.data).toEqual(thorough.idea?.data);
        expect(quick.body).toBe(thorough.body);
      }),
      { numRuns: 300 },
    );
  });
});

describe('hasEdgeSpace', () => {
  it('is /^\\s|\\s$/ for every UTF-16 code unit at either edge', () => {
    const differ: number[] = [];
    for (let code = 0; code <= 0xffff; code += 1) {
      const char = String.fromCharCode(code);
      for (const text of [char, `a${char}`, `${char}a`, `a${char}a`]) if (hasEdgeSpace(text) !== /^\s|\s$/.test(text)) differ.push(code);
    }
    expect(differ).toEqual([]);
    expect(hasEdgeSpace('')).toBe(false);
  });
});
