/** Code and schemas/ describe one format; these tests fail the moment they drift apart. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REGISTER_LANGUAGES, STAGE_KINDS } from '../../src/core/config.js';
import { parseConfig, renderDefaultConfig } from '../../src/core/format/config-file.js';
import { CONFIG_SCHEMA, IDEA_SCHEMA, validateIdeaSchema } from '../../src/core/format/schema.js';
import { HISTORY_ACTIONS, IDEA_KEYS, LINK_KINDS, NESTED_KEY_ORDER, REQUIRED_IDEA_KEYS, ROLES } from '../../src/core/idea.js';
import { ID_PATTERN } from '../../src/core/ids.js';

type Schema = { properties?: Record<string, Schema>; required?: string[]; items?: Schema; $ref?: string; enum?: string[]; pattern?: string; definitions?: Record<string, Schema> };
const idea = IDEA_SCHEMA as Schema;

/** Follows a local `$ref` (`#/definitions/date`, `#/properties/assessment/properties/scores`). */
function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  let target = idea as Record<string, unknown>;
  for (const part of schema.$ref.replace(/^#\//, '').split('/')) target = target[part] as Record<string, unknown>;
  return resolve(target as Schema);
}

function at(path: string): Schema {
  let schema = idea;
  for (const key of path.split('.')) {
    schema = resolve(schema.properties![key]!);
    if (schema.items) schema = resolve(schema.items);
  }
  return schema;
}

describe('idea schema and code', () => {
  it('list the same fields in the same order', () => {
    expect(Object.keys(idea.properties!)).toEqual([...IDEA_KEYS]);
  });

  it('require the same fields', () => {
    expect([...idea.required!].sort()).toEqual([...REQUIRED_IDEA_KEYS].sort());
  });

  it('order nested objects the same way', () => {
    for (const [path, keys] of Object.entries(NESTED_KEY_ORDER)) {
      expect(Object.keys(at(path).properties!), path).toEqual([...keys]);
    }
  });

  it('agree on roles, history actions, link kinds and the id pattern', () => {
    expect(at('municipalities').properties!['role']!.enum).toEqual([...ROLES]);
    expect(resolve(at('history').properties!['role']!).enum).toEqual([...ROLES]);
    expect(resolve(at('history').properties!['action']!).enum).toEqual([...HISTORY_ACTIONS]);
    expect(resolve(at('history').properties!['link']!).enum).toEqual([...LINK_KINDS]);
    expect(resolve(idea.properties!['id']!).pattern).toBe(ID_PATTERN.source);
    expect(resolve(idea.definitions!['ideaId']!).pattern).toBe(ID_PATTERN.source);
  });

  it('reject an impossible date and a submitter without consent', () => {
    const base = { id: '115-7M4QD', title: 'Idé', status: 'inkommen', municipality: 'hjo', municipalities: [{ municipality: 'hjo', role: 'owner' }], category: 'ovrigt', created: '2026-02-30', received_by: 'A', history: [{ date: '2026-02-01', status: 'inkommen', by: 'A' }] };
    expect(validateIdeaSchema(base).map((p) => p.path.join('.'))).toEqual(['created']);
    expect(validateIdeaSchema({ ...base, created: '2026-02-28', submitter: { name: 'Kalle' } }).map((p) => p.keyword)).toEqual(['required']);
  });
});

describe('config schema and code', () => {
  it('agree on stage kinds', () => {
    const stages = (CONFIG_SCHEMA as Schema).properties!['stages']!.items!;
    expect(stages.properties!['kind']!.enum).toEqual([...STAGE_KINDS]);
  });

  it('agree on the register languages', () => {
    expect((CONFIG_SCHEMA as Schema).properties!['language']!.enum).toEqual([...REGISTER_LANGUAGES]);
  });

  it('the default sluss.yaml that init writes is valid and has the 15 Skaraborg municipalities', () => {
    const config = parseConfig(renderDefaultConfig('Test'));
    expect(config.municipalities).toHaveLength(15);
    expect(config.stages.map((s) => s.code)).toEqual(['inkommen', 'forsta-bedomning', 'utredning', 'test', 'inforande', 'spridning', 'avslagen', 'parkerad', 'dubblett']);
  });

  it("the repository's own sluss.yaml is the default one, so the example register shows what init makes", () => {
    const own = readFileSync(new URL('../../sluss.yaml', import.meta.url), 'utf8');
    const config = parseConfig(own);
    // Besides: an idea receiver per municipality (`intake:`, at .example addresses), so the example's web site
    // (sluss site) shows how an idea is handed in; init cannot know a register's receivers and writes none.
    expect(config.municipalities.every((m) => (m as { intake?: { email?: string } }).intake?.email?.endsWith('.example'))).toBe(true);
    const withoutIntake = own.replace(/^# intake:[\s\S]*?(?=^municipalities:)/m, '').replace(/, intake: \{[^}]*\}/g, '');
    expect(withoutIntake).toBe(renderDefaultConfig(config.name, { coordinators: config.coordinators }));
  });
});

describe('the compiled validators', () => {
  it('are the ones scripts/compile-schemas.mjs makes from schemas/ now (run it after editing a schema)', async () => {
    const script = (await import(pathToFileURL(join(import.meta.dirname, '..', '..', 'scripts', 'compile-schemas.mjs')).href)) as { generatedSource: () => string; GENERATED_FILE: string };
    expect(readFileSync(script.GENERATED_FILE, 'utf8')).toBe(script.generatedSource());
  });
});
