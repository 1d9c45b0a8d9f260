import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIdeaFile, parseSections, renderBody, serializeIdea, serializeIdeaEdit } from '../../src/core/format/idea-file.js';
import { validateIdeaSchema } from '../../src/core/format/schema.js';
import type { IdeaData, IdeaSections } from '../../src/core/idea.js';
import { IDEA_KEYS } from '../../src/core/idea.js';
import { ideaData } from '../helpers/registers.js';

const sample = ideaData({ id: '115-7M4QD', title: 'Digital felanmälan', municipality: 'skovde', problem: '' });

function parsed(text: string) {
  const result = parseIdeaFile(text);
  if (!result.ok) throw new Error(`expected a parse: ${JSON.stringify(result.problems)}`);
  return result.file;
}

describe('parsing idea files', () => {
  it('keeps dates, leading zeros and YAML 1.1 booleans as text', () => {
    const file = parsed('---\nid: 115-7M4QD\ncreated: 2026-11-27\ntitle: no\ncode: 0042\non: yes\n---\nbody\n');
    expect(file.data).toEqual({ id: '115-7M4QD', created: '2026-11-27', title: 'no', code: 42, on: 'yes' });
    expect(typeof (file.data as Record<string, unknown>)['created']).toBe('string');
  });

  it('never runs JavaScript front matter', () => {
    const marker = '__sluss_executed__';
    for (const language of ['js', 'javascript', 'coffee']) {
      const result = parseIdeaFile(`---${language}\n{ title: (globalThis.${marker} = true) }\n---\n`);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.map((p) => [p.kind, p.detail])).toContainEqual(['front-matter-language', language]);
    }
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  });

  it('refuses aliases, duplicate keys and missing delimiters', () => {
    const kinds = (text: string) => {
      const result = parseIdeaFile(text);
      return result.ok ? [] : result.problems.map((p) => p.kind);
    };
    expect(kinds('---\na: &x [1, 2]\nb: *x\n---\n')).toEqual(['yaml-alias']);
    expect(kinds('---\ntitle: a\ntitle: b\n---\n')).toEqual(['yaml-duplicate-key']);
    expect(kinds('---\ntitle: a\n')).toEqual(['unclosed-front-matter']);
    expect(kinds('\n---\ntitle: a\n---\n')).toEqual(['no-front-matter']);
    expect(kinds('---\n- a\n- b\n---\n')).toEqual(['yaml-not-a-map']);
  });

  it('reads files with a BOM or CRLF but reports them', () => {
    const file = parsed('\uFEFF---\r\ntitle: a\r\n---\r\nbody\r\n');
    expect(file.data).toEqual({ title: 'a' });
    expect(file.problems.map((p) => p.kind)).toEqual(['bom', 'crlf']);
  });
});

describe('writing idea files', () => {
  it('prints no YAML warning for text that looks like a tag', async () => {
    const warnings: string[] = [];
    const record = (warning: Error) => warnings.push(warning.message);
    process.on('warning', record);
    try {
      const text = serializeIdea({ ...sample, title: '- !DF0s' }, '');
      expect(parsed(text).data).toMatchObject({ title: '- !DF0s' });
      // Node emits warnings on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', record);
    }
    expect(warnings).toEqual([]);
  });

  it('writes keys in the fixed order whatever order the data has', () => {
    const shuffled = Object.fromEntries(Object.entries(sample).reverse()) as IdeaData;
    const keys = Object.keys(parsed(serializeIdea(shuffled, '')).data as object);
    expect(keys).toEqual(IDEA_KEYS.filter((key) => key in sample));
  });

  it('keeps comments, unknown fields and untouched formatting through an edit', () => {
    const original = [
      '---',
      'id: 115-7M4QD # från idélådan',
      'title: Digital felanmälan',
      'status: inkommen',
      'municipality: skovde',
      'municipalities:',
      '  - municipality: skovde',
      '    role: owner',
      'category: ovrigt',
      'created: "2026-01-14"',
      'received_by: Anna',
      '# historiken fylls på av sluss',
      'history:',
      '  - date: "2026-01-14"',
      '    status: inkommen',
      '    by: Anna',
      'x-budget: 12000',
      '---',
      '',
      '## Problem/behov',
      '',
      'Text.',
      '',
    ].join('\n');
    const file = parsed(original);
    const data = structuredClone(file.data) as IdeaData;
    data.municipalities.push({ municipality: 'tibro', role: 'interested', joined: '2026-02-01' });
    const edited = serializeIdeaEdit(file, data);
    expect(edited).toContain('id: 115-7M4QD # från idélådan');
    expect(edited).toContain('# historiken fylls på av sluss\nhistory:');
    expect(edited).toContain('x-budget: 12000');
    expect(edited).toContain('  - municipality: tibro\n    role: interested\n    joined: "2026-02-01"');
    expect(edited.endsWith('## Problem/behov\n\nText.\n')).toBe(true);
    expect(parsed(edited).data).toEqual({ ...data, 'x-budget': 12000 });
  });

  it('quotes every string a YAML 1.1 reader would take for something else', () => {
    const data = { ...sample, title: 'yes', tags: ['no', 'on', '0042', '1:20', '2026-01-01', '~', 'null', '.5', '+1', 'vanlig'] };
    const text = serializeIdea(data, '');
    for (const value of ['yes', 'no', 'on', '0042', '1:20', '2026-01-01', '~', 'null', '.5', '+1']) expect(text).toContain(`"${value}"`);
    expect(text).toContain('- vanlig\n');
  });

  it('writes NFC text with LF line endings', () => {
    const decomposed = 'Skövde'.normalize('NFD');
    const text = serializeIdea({ ...sample, title: `Idé från ${decomposed}` }, 'rad 1\r\nrad 2\r\n');
    expect(text).not.toContain('\r');
    expect(text).toContain('Idé från Skövde'.normalize('NFC'));
    expect(text === text.normalize('NFC')).toBe(true);
  });
});

const lineText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }).map((s) => s.normalize('NFC').replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, ' ').trim()).filter((s) => [...s].length >= 3);
const freeText = fc.string({ unit: 'grapheme', maxLength: 200 }).map((s) => s.normalize('NFC').replace(/\r/g, ''));
const date = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const code = fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,8})?$/);
const id = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{5}$/);

const validIdea: fc.Arbitrary<IdeaData> = fc.record(
  {
    id,
    title: lineText,
    status: code,
    municipality: code,
    municipalities: fc.array(
      fc.record({ municipality: code, role: fc.constantFrom('owner', 'co-funder', 'interested'), share: fc.integer({ min: 0, max: 100 }), joined: date }, { requiredKeys: ['municipality', 'role'] }),
      { minLength: 1, maxLength: 4 },
    ),
    category: code,
    tags: fc.array(lineText.map((s) => [...s].slice(0, 60).join('').trim()).filter((s) => s.length > 0), { maxLength: 4 }),
    created: date,
    updated: date,
    received_by: lineText,
    links: fc.record({ duplicate_of: id, related: fc.array(id, { maxLength: 3 }) }, { requiredKeys: [] }),
    history: fc.array(fc.record({ date, from: code, status: code, by: lineText, note: freeText }, { requiredKeys: ['date', 'status', 'by'] }), { minLength: 1, maxLength: 4 }),
  },
  { requiredKeys: ['id', 'title', 'status', 'municipality', 'municipalities', 'category', 'created', 'received_by', 'history'] },
) as fc.Arbitrary<IdeaData>;

describe('round trip (property-based)', () => {
  it('generated ideas are valid against the schema', () => {
    fc.assert(fc.property(validIdea, (data) => {
      expect(validateIdeaSchema(data), JSON.stringify(data)).toEqual([]);
    }), { numRuns: 200 });
  });

  it('serialise then parse is the identity on valid ideas', () => {
    fc.assert(
      fc.property(validIdea, (data) => {
        const file = parsed(serializeIdea(data, ''));
        expect(file.data).toEqual(JSON.parse(JSON.stringify(data)));
        expect(file.problems).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('an edit that changes nothing gives the same text', () => {
    fc.assert(
      fc.property(validIdea, (data) => {
        const text = serializeIdea(data, renderBody({ problem: 'x' }));
        expect(serializeIdeaEdit(parsed(text), data)).toBe(text);
      }),
      { numRuns: 100 },
    );
  });

  it('titles and notes with --- and newlines cannot inject front matter or body', () => {
    const hostile = fc.constantFrom('---', '\n---\n', '---\nstatus: spridning\n---', '...\n---js\nx', '\n## Nytta\nfalsk', '"---"', "'\n---\n'");
    fc.assert(
      fc.property(hostile, freeText, hostile, (a, middle, b) => {
        const note = `${a}${middle}${b}`;
        const data: IdeaData = { ...sample, history: [{ ...sample.history[0]!, note }] };
        const text = serializeIdea(data, renderBody({ problem: 'Riktig text' }));
        const file = parsed(text);
        expect((file.data as IdeaData).history[0]!.note).toBe(note);
        expect((file.data as IdeaData).status).toBe('inkommen');
        expect(parseSections(file.body).problem).toBe('Riktig text');
      }),
      { numRuns: 200 },
    );
  });

  it('section text survives the body, headings in it included', () => {
    const sectionText = freeText.map((s) => s.trim());
    fc.assert(
      fc.property(fc.record({ problem: sectionText, idea: sectionText, benefit: sectionText, effects: sectionText, feasibility: sectionText }), (sections: IdeaSections) => {
        const normalized = Object.fromEntries(Object.entries(sections).map(([k, v]) => [k, v.replace(/[ \t]+$/gm, '').trim()]));
        expect(parseSections(renderBody(sections))).toEqual(parseSections(renderBody(normalized)));
        for (const [key, value] of Object.entries(parseSections(renderBody(normalized)))) {
          expect(value).toBe((normalized as Record<string, string>)[key]!.trim());
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('another YAML implementation (PyYAML)', () => {
  const hasPyYaml = (() => {
    try {
      execFileSync('python3', ['-c', 'import yaml'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasPyYaml)('reads the same data: strings stay strings, dates stay text', () => {
    const samples = fc.sample(validIdea, { numRuns: 60, seed: 42 });
    samples.push({ ...sample, title: 'no', tags: ['yes', '0042', '2026-11-27', '1:20', 'on'] });
    const frontMatters = samples.map((data) => serializeIdea(data, '').split('---\n')[1]!);
    const script = 'import sys, json, yaml\nprint(json.dumps([yaml.safe_load(doc) for doc in json.load(sys.stdin)]))';
    const output = execFileSync('python3', ['-c', script], { input: JSON.stringify(frontMatters), encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual(JSON.parse(JSON.stringify(samples)));
  });
});
