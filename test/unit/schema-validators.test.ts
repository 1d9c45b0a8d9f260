/**
 * The generated validators (scripts/compile-schemas.mjs) against Ajv's own,
 * compiled from the same schemas with the same options: the script rewrites
 * Ajv's code where an `if` counts its failed conditions, and what the
 * validators decide and report must stay exactly Ajv's.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateIdea } from '../../src/core/format/schema-validators.generated.js';
import { HISTORY_ACTIONS } from '../../src/core/idea.js';
import { ideaData } from '../helpers/registers.js';

type Validator = ((data: unknown) => boolean) & { errors?: unknown[] | null };
const script = (await import(pathToFileURL(join(import.meta.dirname, '..', '..', 'scripts', 'compile-schemas.mjs')).href)) as {
  schemaCompiler: () => { getSchema: (name: string) => Validator | undefined };
  withoutDiscardedErrors: (code: string, schemas: unknown[]) => string;
};
const ajvIdea = script.schemaCompiler().getSchema('idea')!;
const generatedIdea = validateIdea as Validator;

const BASE = ideaData({ id: '115-7M4QD', title: 'Digitala nycklar', municipality: 'hjo', problem: 'Nycklar kommer bort.' });

/** The fields the history's conditions ask for, each with a valid value and a wrong one. */
const CONDITIONAL_FIELDS: Record<string, [unknown, unknown]> = {
  from: ['inkommen', ''],
  scores: [{ nytta: 3 }, { nytta: 9 }],
  municipality: ['hjo', 5],
  role: ['owner', 'chief'],
  link: ['related', 'sibling'],
  other: ['115-7M4QE', 'not-an-id'],
};

/** Every action (and none, and wrong ones) with every subset of the conditional fields, valid or wrong. */
function historyEntries(): Record<string, unknown>[] {
  const entries: Record<string, unknown>[] = [];
  const fields = Object.keys(CONDITIONAL_FIELDS);
  for (const action of [undefined, ...HISTORY_ACTIONS, 'unknown', 7]) {
    for (let subset = 0; subset < 1 << fields.length; subset += 1) {
      for (const wrong of [false, true]) {
        const entry: Record<string, unknown> = { date: '2026-02-02', status: 'forsta-bedomning', by: 'Anna' };
        if (action !== undefined) entry['action'] = action;
        fields.forEach((field, bit) => {
          if (subset & (1 << bit)) entry[field] = CONDITIONAL_FIELDS[field]![wrong ? 1 : 0];
        });
        entries.push(entry);
      }
    }
  }
  return entries;
}

function verdict(validate: Validator, data: unknown): { valid: boolean; errors: unknown } {
  const valid = validate(data);
  return { valid, errors: structuredClone(validate.errors ?? null) };
}

describe('the generated idea validator', () => {
  const entries = historyEntries();

  it('decides and reports as Ajv does on history entries of every action, alone and after errors', () => {
    let invalid = 0;
    entries.forEach((entry, i) => {
      // Alone, then after an entry with errors of its own (the error list is not empty when the conditions run), then twice.
      const histories = [[entry], [{ date: 'nope', status: '', by: 5 }, entry], [entry, entries[(i * 7) % entries.length]!]];
      for (const history of histories) {
        const idea = { ...BASE, history };
        const expected = verdict(ajvIdea, idea);
        if (!expected.valid) invalid += 1;
        expect(verdict(generatedIdea, idea), JSON.stringify(history)).toEqual(expected);
      }
    });
    // Both outcomes were exercised, and many of each.
    expect(invalid).toBeGreaterThan(entries.length);
    expect(invalid).toBeLessThan(entries.length * 3);
  });

  it('decides and reports as Ajv does on whole ideas with errors outside the history', () => {
    const ideas = [BASE, { ...BASE, id: 'x' }, { ...BASE, municipalities: [] }, { ...BASE, extra: 1 }, { ...BASE, history: [] }, 'text', null, { ...BASE, created: '2026-02-30' }];
    for (const idea of ideas) expect(verdict(generatedIdea, idea), JSON.stringify(idea)).toEqual(verdict(ajvIdea, idea));
  });
});

describe('the rewrite of discarded errors', () => {
  const discarded = 'const err4 = {};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;';

  it('counts a failed condition instead of recording it', () => {
    expect(script.withoutDiscardedErrors(`a;${discarded}b;`, [{ if: { required: ['action'] } }])).toBe('a;errors++;b;');
  });

  it('refuses a condition that holds a $ref, whose code reads the error list', () => {
    expect(() => script.withoutDiscardedErrors(discarded, [{ items: { if: { $ref: '#/definitions/date' } } }])).toThrow(/\$ref/);
    expect(() => script.withoutDiscardedErrors(discarded, [{ not: { properties: { a: { $ref: '#/x' } } } }])).toThrow(/\$ref/);
  });

  it('refuses code with empty errors in a form it does not know', () => {
    expect(() => script.withoutDiscardedErrors('const err4 = {};vErrors.push(err4);', [])).toThrow(/form/);
  });
});
