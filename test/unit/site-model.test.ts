/** What the site's idea list filters by: codes from sluss.yaml, whichever way an idea file names them. */
import { describe, expect, it } from 'vitest';
import { siteModelOf } from '../../src/app/site-model.js';
import { parseConfig, renderDefaultConfig } from '../../src/core/format/config-file.js';
import type { IdeaWithBody } from '../../src/core/idea.js';
import { ideaData } from '../helpers/registers.js';

const config = parseConfig(renderDefaultConfig('Testregister'));
const idea = (data: Parameters<typeof ideaData>[0]): IdeaWithBody => ({ path: `ideas/${data.id}.md`, data: ideaData(data), body: '' });

describe('siteModelOf: the list filters', () => {
  it('offers only values some idea has, stages in the register order, and takes a stage or municipality named by its name as its code', () => {
    const site = siteModelOf(
      config,
      [
        idea({ id: '0ZZ-AAAA1', title: 'Lås', municipality: 'Hjo', problem: '', status: 'Första bedömning', extra: { tags: ['lås', 'hemtjänst'], municipalities: [{ municipality: 'hjo', role: 'owner' }, { municipality: 'Vara', role: 'interested' }] } }),
        idea({ id: '0ZZ-AAAA2', title: 'Bokbuss', municipality: 'tidaholm', problem: '', extra: { tags: ['bibliotek'] } }),
      ],
      '2026-12-05',
      '',
    );
    // Same day: by id.
    expect(site.ideas.map((i) => [i.status, i.municipality.code, i.participants.map((p) => p.code)])).toEqual([
      ['forsta-bedomning', 'hjo', ['hjo', 'vara']],
      ['inkommen', 'tidaholm', ['tidaholm']],
    ]);
    expect(site.filters.stages.map((s) => s.code)).toEqual(['inkommen', 'forsta-bedomning']);
    expect(site.filters.municipalities.map((m) => m.name)).toEqual(['Hjo', 'Tidaholm', 'Vara']);
    expect(site.filters.categories.map((c) => c.code)).toEqual(['ovrigt']);
    expect(site.filters.tags).toEqual(['bibliotek', 'hemtjänst', 'lås']);
  });
});
