import { describe, expect, it } from 'vitest';
import { SlussError } from '../../src/core/errors.js';
import { parseConfig, renderDefaultConfig } from '../../src/core/format/config-file.js';
import { parseSections } from '../../src/core/format/idea-file.js';
import { validateIdeaSchema } from '../../src/core/format/schema.js';
import { createIdea, missingDraftFields, parseTags } from '../../src/core/new-idea.js';
import { joinIdea } from '../../src/core/participants.js';

const config = parseConfig(renderDefaultConfig('Test'));
const facts = { id: '115-7M4QD', today: '2026-11-27', receivedBy: 'Anna Coach' };

describe('a new idea', () => {
  it('starts in the initial stage with its municipality as owner and a first history entry', () => {
    const { data, body, fileName } = createIdea(config, { title: 'Digital felanmälan', problem: 'Lampor är trasiga', municipality: 'Skövde', tags: ['Lampor', 'lampor '] }, facts);
    expect(data).toMatchObject({ status: 'inkommen', municipality: 'skovde', category: 'ovrigt', created: '2026-11-27', received_by: 'Anna Coach' });
    expect(data.municipalities).toEqual([{ municipality: 'skovde', role: 'owner' }]);
    expect(data.history).toEqual([{ date: '2026-11-27', action: 'created', status: 'inkommen', by: 'Anna Coach' }]);
    expect(parseSections(body).problem).toBe('Lampor är trasiga');
    expect(fileName).toBe('115-7M4QD-digital-felanmalan.md');
    expect(validateIdeaSchema(data)).toEqual([]);
  });

  it('records the submitter only with a consent date; otherwise the coach is the contact', () => {
    const withoutConsent = createIdea(config, { title: 'Idé', problem: 'p', municipality: 'hjo', submitter: { name: 'Kalle', consent: { date: '' } } }, facts);
    expect(withoutConsent.data.submitter).toBeUndefined();
    const withConsent = createIdea(config, { title: 'Idé', problem: 'p', municipality: 'hjo', submitter: { name: 'Kalle', email: 'k@example.se', consent: { date: '2026-11-20' } } }, facts);
    expect(withConsent.data.submitter).toEqual({ name: 'Kalle', email: 'k@example.se', consent: { date: '2026-11-20' } });
  });

  it('makes a one-line title of text with newlines and control characters', () => {
    const { data } = createIdea(config, { title: 'Rad ett\n---\nstatus: spridning\u0007', problem: 'p', municipality: 'hjo' }, facts);
    expect(data.title).toBe('Rad ett --- status: spridning');
    expect(data.status).toBe('inkommen');
  });

  it('lists missing required fields by their flags', () => {
    expect(missingDraftFields({ title: ' ' })).toEqual(['--title', '--problem', '--municipality']);
    expect(() => createIdea(config, { title: 'x' }, facts)).toThrow(SlussError);
  });

  it('parses comma-separated tags without duplicates', () => {
    expect(parseTags('Lås, hemtjänst,,lås ,  Nycklar')).toEqual(['lås', 'hemtjänst', 'nycklar']);
  });
});

describe('joining an idea', () => {
  const { data } = createIdea(config, { title: 'Idé', problem: 'p', municipality: 'skovde' }, facts);

  it('adds the municipality as a participant and records the event as data', () => {
    const joined = joinIdea(config, data, { municipality: 'Tibro', role: 'co-funder', today: '2026-12-01', by: 'Bo', note: 'Efter mötet i maj.' });
    expect(joined.municipalities).toEqual([
      { municipality: 'skovde', role: 'owner' },
      { municipality: 'tibro', role: 'co-funder', joined: '2026-12-01' },
    ]);
    expect(joined.history.at(-1)).toEqual({ date: '2026-12-01', action: 'joined', status: 'inkommen', by: 'Bo', municipality: 'tibro', role: 'co-funder', note: 'Efter mötet i maj.' });
    expect(validateIdeaSchema(joined)).toEqual([]);
    expect(joined.updated).toBe('2026-12-01');
    expect(data.municipalities).toHaveLength(1);
  });

  it('refuses a municipality that already takes part', () => {
    expect(() => joinIdea(config, data, { municipality: 'skovde', role: 'interested', today: '2026-12-01', by: 'Bo' })).toThrow(/already-participant/);
  });
});
