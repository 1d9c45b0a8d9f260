/**
 * Property-based hardening, on what the unit tests leave out: their round
 * trips (test/unit/idea-file.test.ts) start from already clean text, and the
 * slug property (test/unit/ids-and-slugs.test.ts) stops at the file name.
 * Here raw user text of any kind goes the whole way `add` takes it, and any
 * text at all goes through the parser and the checks without a throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig, renderDefaultConfig } from '../../src/core/format/config-file.js';
import { parseIdeaFile, parseSections, serializeIdea } from '../../src/core/format/idea-file.js';
import { validateIdeaSchema } from '../../src/core/format/schema.js';
import type { IdeaData } from '../../src/core/idea.js';
import { createIdea } from '../../src/core/new-idea.js';
import { normalizeText, singleLine } from '../../src/core/text.js';
import { draftTextFields, findUnsafeText } from '../../src/core/unsafe-text.js';
import { checkIdeaFile } from '../../src/core/validation.js';

const config = parseConfig(renderDefaultConfig('Testregister'), 'sluss.yaml');

/** Anything a person (or a script) could type or paste, hostile pieces included. */
const hostile = fc.constantFrom('---', '\n---\n', '---js', '\r\n', '\u0000', '\u001b[2J', '\u0085', '\u2028', '# ', '\n## Idé/lösning\n', '../', 'con', '&a ', '*a', '!!js/function', '"', "'", '\\', '$(touch x)', '`id`', ': ', '- ', '\uFEFF', 'a\u030a', '🚌');
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.array(fc.oneof(hostile, fc.string({ maxLength: 8 })), { maxLength: 12 }).map((parts) => parts.join('')),
);

const SAFE_NAME = /^115-7M4QD-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/;

describe('any title and body, the way add stores them', () => {
  it('give a safe file name, a one-line title and a file that validates and round-trips, or are refused by the write guard or the schema', () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, (title, problem, idea) => {
        fc.pre(singleLine(title) !== '' && normalizeText(problem) !== '');
        const draft = { title, problem, idea, municipality: 'skovde', receivedBy: 'Test Coach' };
        // add refuses these before anything else (exit 2): a control character, or a line break in the title.
        if (findUnsafeText(draftTextFields(draft), { consent: false }).some((found) => found.kind === 'control-character')) return;
        const created = createIdea(config, draft, { id: '115-7M4QD', today: '2026-11-27', receivedBy: 'Test Coach' });
        expect(created.fileName).toMatch(SAFE_NAME);
        expect(created.data.title).not.toMatch(/[\u0000-\u001f\u007f\n\r]/);
        const schemaProblems = validateIdeaSchema(created.data);
        // add refuses these (idea-invalid): too short or too long after cleaning. Nothing else may fail.
        if (schemaProblems.length > 0) {
          expect(schemaProblems.map((p) => `${p.path.join('.')}:${p.keyword}`).every((k) => /^title:(minLength|maxLength|pattern)$/.test(k)), JSON.stringify(schemaProblems)).toBe(true);
          return;
        }
        const text = serializeIdea(created.data, created.body);
        const checked = checkIdeaFile(config, { path: `ideas/${created.fileName}`, text });
        expect(checked.problems.filter((p) => p.code !== 'personal-data'), JSON.stringify(checked.problems)).toEqual([]);
        const parsed = parseIdeaFile(text);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.file.data).toEqual(JSON.parse(JSON.stringify(created.data)));
        const sections = parseSections(parsed.file.body);
        expect(sections.problem).toBe(normalizeText(problem));
        expect(sections.idea).toBe(normalizeText(idea));
        expect((parsed.file.data as IdeaData).status).toBe(config.initial_stage);
      }),
      { numRuns: 400 },
    );
  });
});

describe('any text as an idea file', () => {
  const fileLike = fc.oneof(
    anyText,
    fc.tuple(anyText, anyText).map(([yaml, body]) => `---\n${yaml}\n---\n${body}`),
    fc.array(fc.oneof(hostile, fc.constantFrom('id: 115-7M4QD\n', 'title: x\n', '  - a\n', '{', '[', ']', '}', '\n', '? ', '&x ', '*x', '<<: *x\n')), { maxLength: 30 }).map((parts) => `---\n${parts.join('')}\n---\n`),
  );

  it('never makes the parser or the checks throw, and never sets a global or pollutes a prototype', () => {
    fc.assert(
      fc.property(fileLike, (text) => {
        const parsed = parseIdeaFile(text);
        if (parsed.ok) expect(Object.getPrototypeOf(parsed.file.data)).toBe(Object.prototype);
        const checked = checkIdeaFile(config, { path: 'ideas/115-7M4QD-x.md', text });
        if (!parsed.ok) expect(checked.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 1_000 },
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((globalThis as Record<string, unknown>)['__sluss_pwned']).toBeUndefined();
  });
});

// The duplicate engine on arbitrary Unicode: test/unit/similarity/index.test.ts,
// "never throws and keeps scores in [0, 1] on arbitrary Unicode" and
// "handles 100 KB of text, emoji and control characters".
