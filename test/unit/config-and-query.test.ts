import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findStage, resolveMunicipality, resolveStage } from '../../src/core/config.js';
import { SlussError } from '../../src/core/errors.js';
import { parseConfig, renderDefaultConfig } from '../../src/core/format/config-file.js';
import type { Idea } from '../../src/core/idea.js';
import { compileFilter, findIdeaById, sortIdeas } from '../../src/core/query.js';
import { ID_ALPHABET } from '../../src/core/ids.js';
import { compareCodeUnits } from '../../src/core/text.js';
import { ideaData } from '../helpers/registers.js';

const config = parseConfig(renderDefaultConfig('Test'));

function idea(id: string, extra: Parameters<typeof ideaData>[0]['extra'] & { status?: string; created?: string } = {}): Idea {
  const { status, created, ...rest } = extra;
  return { data: ideaData({ id, title: `Idé ${id}`, municipality: 'skovde', problem: '', ...(status ? { status } : {}), ...(created ? { created } : {}), extra: rest }), path: `ideas/${id}.md` };
}

describe('codes and display names', () => {
  it('accept a display name wherever a code is expected', () => {
    expect(resolveStage(config, 'Första bedömning').code).toBe('forsta-bedomning');
    expect(resolveStage(config, 'forsta bedomning').code).toBe('forsta-bedomning');
    expect(resolveMunicipality(config, 'Skövde').code).toBe('skovde');
    expect(resolveMunicipality(config, 'GÖTENE').code).toBe('gotene');
  });

  it('name the known values when an input matches none', () => {
    try {
      resolveMunicipality(config, 'Göteborg');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SlussError);
      expect((error as SlussError).code).toBe('unknown-municipality');
      expect((error as SlussError).params['known']).toContain('skovde');
    }
  });

  it('accept display names in next, and report stages that do not exist', () => {
    const text = renderDefaultConfig('Test').replace('next: [forsta-bedomning, avslagen, parkerad, dubblett]', 'next: ["Första bedömning", finns-inte]');
    try {
      parseConfig(text);
      expect.unreachable();
    } catch (error) {
      expect((error as SlussError).problems.map((p) => [p.code, p.params?.['value']])).toEqual([['config-unknown-reference', 'finns-inte']]);
    }
    const fixed = parseConfig(text.replace(', finns-inte', ''));
    expect(findStage(fixed, 'inkommen')!.next).toEqual(['forsta-bedomning']);
  });

  it('refuse two entries a name could mean: the same display name twice, or a name that is another code', () => {
    const twice = renderDefaultConfig('Test').replace('{ code: hjo, name: "Hjo"', '{ code: hjo, name: "Skövde"');
    const problems = (() => {
      try {
        parseConfig(twice);
      } catch (error) {
        return (error as SlussError).problems;
      }
      return [];
    })();
    expect(problems.map((p) => [p.code, p.field, p.params?.['value'], p.params?.['codes']])).toEqual([['config-duplicate-name', 'municipalities', 'Skövde', ['hjo', 'skovde']]]);
    expect(() => parseConfig(renderDefaultConfig('Test').replace('{ code: vara, name: "Vara"', '{ code: vara, name: "Tibro"'))).toThrow(SlussError);
  });

  it('read the register language, Swedish unless sluss.yaml says otherwise', () => {
    expect(config.language).toBe('sv');
    expect(parseConfig(renderDefaultConfig('Test').replace('language: sv', 'language: en')).language).toBe('en');
    expect(() => parseConfig(renderDefaultConfig('Test').replace('language: sv', 'language: fi'))).toThrow(SlussError);
  });

  it('report schema problems of sluss.yaml with their line', () => {
    try {
      parseConfig('name: X\nmunicipalities: []\ncategories:\n  - { code: a, name: A }\nstages:\n  - { code: a, name: A, kind: wrong, next: [] }\n');
      expect.unreachable();
    } catch (error) {
      const problems = (error as SlussError).problems.map((p) => [p.field, p.line]);
      expect(problems).toContainEqual(['municipalities', 2]);
      expect(problems).toContainEqual(['stages.0.kind', 6]);
    }
  });
});

describe('list filters', () => {
  const ideas = [
    idea('100-AAAAA', { status: 'utredning', created: '2026-03-01', tags: ['Lås'], municipalities: [{ municipality: 'skovde', role: 'owner' }, { municipality: 'hjo', role: 'interested' }] }),
    idea('100-BBBBB', { status: 'avslagen', created: '2025-05-01' }),
    idea('100-CCCCC', { status: 'inkommen', created: '2026-06-01', category: 'vard-omsorg' }),
  ];
  const ids = (filter: Parameters<typeof compileFilter>[1]) => ideas.filter(compileFilter(config, filter)).map((i) => i.data.id);

  it('filter by stage, kind, participant, category, tag and date', () => {
    expect(ids({ status: ['Utredning'] })).toEqual(['100-AAAAA']);
    expect(ids({ kind: ['declined', 'open'] })).toEqual(['100-BBBBB', '100-CCCCC']);
    expect(ids({ municipality: ['Hjo'] })).toEqual(['100-AAAAA']);
    expect(ids({ category: ['Vård och omsorg'] })).toEqual(['100-CCCCC']);
    expect(ids({ tag: ['lås'] })).toEqual(['100-AAAAA']);
    expect(ids({ since: '2026-01-01' })).toEqual(['100-AAAAA', '100-CCCCC']);
  });

  it('refuse a --since that is no day of the calendar, as report --since does', () => {
    for (const since of ['2026-13-01', '2026-02-30', '2026-1-1']) expect(() => ids({ since })).toThrow(SlussError);
    expect(ids({ since: '2024-02-29' })).toHaveLength(3);
  });

  it('fail on an unknown stage or kind instead of listing nothing', () => {
    expect(() => ids({ status: ['klar'] })).toThrow(SlussError);
    expect(() => ids({ kind: ['finished'] })).toThrow(SlussError);
  });

  it('sort newest first and find ids by a unique beginning', () => {
    expect(sortIdeas(ideas).map((i) => i.data.id)).toEqual(['100-CCCCC', '100-AAAAA', '100-BBBBB']);
    expect(findIdeaById(ideas, '100-B').map((i) => i.data.id)).toEqual(['100-BBBBB']);
    expect(findIdeaById(ideas, '100')).toHaveLength(3);
  });
});

describe('the order of ids and dates', () => {
  const sign = (n: number) => Math.sign(n);
  const idChar = fc.constantFrom(...ID_ALPHABET);
  const id = fc.tuple(fc.array(idChar, { minLength: 3, maxLength: 3 }), fc.array(idChar, { minLength: 5, maxLength: 5 })).map(([a, b]) => `${a.join('')}-${b.join('')}`);
  const date = fc.date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

  it('is the order localeCompare gives, for ids and ISO dates', () => {
    fc.assert(fc.property(id, id, (a, b) => sign(compareCodeUnits(a, b)) === sign(a.localeCompare(b))));
    fc.assert(fc.property(date, date, (a, b) => sign(compareCodeUnits(a, b)) === sign(a.localeCompare(b))));
  });
});
