/** The history as data: events sluss writes, entries of older registers read from their sentences, and sentences made in the reader's language. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig, renderDefaultConfig } from '../../src/core/format/config-file.js';
import { parseIdeaFile } from '../../src/core/format/idea-file.js';
import { assessmentAsOf, assessmentsOf, eventOf, eventsOf, eventsWithAction } from '../../src/core/history.js';
import type { HistoryEntry, IdeaData } from '../../src/core/idea.js';
import { describeEvent } from '../../src/ui/history-text.js';

const config = parseConfig(renderDefaultConfig('Test'));
const entry = (note: string | undefined, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({ date: '2025-05-01', status: 'utredning', by: 'Anna', ...(note !== undefined ? { note } : {}), ...extra });

describe('entries of older registers (a sentence in note) are read as events', () => {
  it('reads joins and leaves written in Swedish or English, with role and share, as municipality codes', () => {
    expect(eventOf(config, entry('Hjo anslöt som medfinansiär. Kostnadsandel 25 %.'), 3)).toEqual({ date: '2025-05-01', status: 'utredning', by: 'Anna', action: 'joined', municipality: 'hjo', role: 'co-funder', share: 25 });
    expect(eventOf(config, entry('Töreboda joined as interested.'), 3)).toMatchObject({ action: 'joined', municipality: 'toreboda', role: 'interested' });
    expect(eventOf(config, entry('Vara lämnade idén. Ingen budget i år.'), 3)).toMatchObject({ action: 'left', municipality: 'vara', note: 'Ingen budget i år.' });
    expect(eventOf(config, entry('Vara left the idea.'), 3)).toEqual({ date: '2025-05-01', status: 'utredning', by: 'Anna', action: 'left', municipality: 'vara' });
  });

  it('reads merges, not-duplicate decisions and assessment summaries, keeping what a person wrote', () => {
    expect(eventOf(config, entry('0K3-DT2RH slogs ihop med denna idé. Hjo deltar nu. Samma lås.'), 2)).toMatchObject({ action: 'merged-from', other: '0K3-DT2RH', note: 'Samma lås.' });
    expect(eventOf(config, entry('Duplicate of 0CQ-R77CM.', { from: 'inkommen', status: 'dubblett' }), 1)).toMatchObject({ action: 'merged-into', other: '0CQ-R77CM', from: 'inkommen' });
    expect(eventOf(config, entry('Inte en dubblett av 0CQ-R77CM.'), 1)).toMatchObject({ action: 'not-duplicate', other: '0CQ-R77CM' });
    expect(eventOf(config, entry('Nytta 4, Effekter 3, Genomförbarhet 5'), 2)).toMatchObject({ action: 'assessed', scores: { nytta: 4, effekter: 3, genomforbarhet: 5 } });
  });

  it('reads the rest from from/status: the first entry came in, a stage change is a move, anything else a note', () => {
    expect(eventOf(config, entry('Idén kom in på ett möte.', { status: 'inkommen' }), 0)).toMatchObject({ action: 'created', note: 'Idén kom in på ett möte.' });
    expect(eventOf(config, entry('Till utredning.', { from: 'forsta-bedomning' }), 3)).toMatchObject({ action: 'moved', from: 'forsta-bedomning', note: 'Till utredning.' });
    expect(eventOf(config, entry('Hjo anslöt som kassör.'), 3)).toMatchObject({ action: 'note', note: 'Hjo anslöt som kassör.' });
    expect(eventOf(config, entry('Nytta 4, Effekter 3'), 3).action).toBe('note');
  });

  it('leaves entries that carry their action as they are', () => {
    const written: HistoryEntry = { date: '2026-01-02', action: 'joined', status: 'test', by: 'Bo', municipality: 'hjo', role: 'interested', note: 'Hjo anslöt som medfinansiär.' };
    expect(eventOf(config, written, 4)).toBe(written);
  });
});

describe('the events of one action', () => {
  const data = {
    history: [
      { date: '2025-01-01', status: 'inkommen', by: 'A' },
      { date: '2025-01-02', status: 'inkommen', by: 'A', note: 'Hjo anslöt som medfinansiär. Kostnadsandel 20 %.' },
      { date: '2025-01-03', from: 'inkommen', status: 'test', by: 'A' },
      { date: '2026-01-04', action: 'joined', status: 'test', by: 'B', municipality: 'vara', role: 'interested' },
      { date: '2026-01-05', status: 'test', by: 'A', note: 'Bra idé.' },
    ] as HistoryEntry[],
  };

  it('finds what eventsOf finds, for every action, older entries read from their sentences', () => {
    for (const action of ['created', 'moved', 'joined', 'note', 'assessed'] as const) {
      expect(eventsWithAction(config, data, action)).toEqual(eventsOf(config, data).filter((event) => event.action === action));
    }
    expect(eventsWithAction(config, data, 'joined').map((event) => [event.municipality, event.share ?? null])).toEqual([['hjo', 20], ['vara', null]]);
    expect(eventsWithAction(config, data, 'moved').map((event) => event.date)).toEqual(['2025-01-03']);
  });
});

describe('events as sentences, in the reader’s language', () => {
  const events = eventsOf(config, {
    history: [
      { date: '2026-01-01', action: 'created', status: 'inkommen', by: 'A' },
      { date: '2026-01-02', action: 'joined', status: 'inkommen', by: 'A', municipality: 'hjo', role: 'co-funder', share: 30 },
      { date: '2026-01-03', action: 'moved', from: 'inkommen', status: 'dubblett', by: 'A', other: '100-BBBBB' },
      { date: '2026-01-04', action: 'participant-changed', status: 'dubblett', by: 'A', municipality: 'hjo', role: 'interested' },
      { date: '2026-01-05', action: 'assessed', status: 'dubblett', by: 'A', scores: { nytta: 2, effekter: 3, genomforbarhet: 4 }, replaced: { date: '2025-03-18', by: 'Eva', scores: { nytta: 5, effekter: 4, genomforbarhet: 4 } } },
      { date: '2026-01-06', action: 'linked', status: 'dubblett', by: 'A', link: 'related', other: '100-CCCCC' },
    ],
  });

  it('says each event in Swedish', () => {
    expect(events.map((e) => describeEvent('sv', config, e))).toEqual([
      'Kom in (Inkommen)',
      'Hjo anslöt som medfinansiär, kostnadsandel 30 %',
      'Inkommen → Dubblett, dubblett av 100-BBBBB',
      'Hjo deltar nu som intresserad',
      'Bedömd: Nytta 2, Effekter 3, Genomförbarhet 4; ersätter bedömningen 2025-03-18 av Eva (Nytta 5, Effekter 4, Genomförbarhet 4)',
      'Länkad som relaterad till 100-CCCCC',
    ]);
  });

  it('says the same events in English for an English reader of the same register', () => {
    expect(events.map((e) => describeEvent('en', config, e))).toEqual([
      'Came in (Inkommen)',
      'Hjo joined as co-funder, cost share 30 %',
      'Inkommen → Dubblett, duplicate of 100-BBBBB',
      'Hjo now takes part as interested',
      'Assessed: Nytta 2, Effekter 3, Genomförbarhet 4; replaces the assessment of 2025-03-18 by Eva (Nytta 5, Effekter 4, Genomförbarhet 4)',
      'Linked as related to 100-CCCCC',
    ]);
  });
});

describe('assessments over time', () => {
  it('gives the assessment that held on a day, also one replaced later', () => {
    const first = { date: '2025-03-18', by: 'Eva', scores: { nytta: 5 } };
    const second = { date: '2026-01-05', by: 'Bo', scores: { nytta: 2 } };
    const data = { assessment: second, history: [{ date: '2026-01-05', action: 'assessed' as const, status: 'test', by: 'Bo', scores: { nytta: 2 }, replaced: first }] };
    expect(assessmentAsOf(config, data, '2025-12-31')).toEqual(first);
    expect(assessmentAsOf(config, data, '2026-01-05')).toEqual(second);
    expect(assessmentAsOf(config, data, '2025-01-01')).toBeUndefined();
  });
});

describe('the example register under ideas/, written before history was data', () => {
  const root = new URL('../../', import.meta.url);
  const exampleConfig = parseConfig(readFileSync(new URL('sluss.yaml', root), 'utf8'));
  const ideas = readdirSync(new URL('ideas/', root))
    .filter((name) => name.endsWith('.md'))
    .map((name) => {
      const parsed = parseIdeaFile(readFileSync(new URL(`ideas/${name}`, root), 'utf8'));
      if (!parsed.ok) throw new Error(`ideas/${name} does not parse`);
      return parsed.file.data as IdeaData;
    });

  it('is read as events: each assessment summary becomes the scores of the assessment it recorded', () => {
    const assessed = ideas.filter((data) => data.assessment);
    expect(assessed.length).toBeGreaterThan(20);
    for (const data of assessed) {
      const last = eventsOf(exampleConfig, data).filter((event) => event.action === 'assessed').at(-1);
      expect([last?.date, last?.by, last?.scores], data.id).toEqual([data.assessment!.date, data.assessment!.by, data.assessment!.scores]);
      expect(assessmentsOf(exampleConfig, data).at(-1), data.id).toEqual(data.assessment);
    }
  });

  it('shows an assessment the old assess replaced silently: its scores are still in the history', () => {
    const mentors = ideas.find((data) => data.id === '0JC-1W50M')!;
    expect(assessmentsOf(exampleConfig, mentors).map((a) => [a.date, a.by, a.scores['effekter']])).toEqual([
      ['2025-09-08', 'Johan Ek', 2],
      ['2026-03-02', 'Maria Holm', 4],
    ]);
  });

  it('keeps every sentence a person wrote as a note, and leaves no generated sentence as one', () => {
    const events = ideas.flatMap((data) => eventsOf(exampleConfig, data));
    expect(events.every((event) => event.action !== 'assessed' || event.note === undefined)).toBe(true);
    expect(events.filter((event) => event.note !== undefined).map((event) => event.note)).not.toContainEqual(expect.stringMatching(/^(Nytta|Effekter) \d/));
    expect(events.filter((event) => event.action === 'moved').length).toBeGreaterThan(40);
    expect(events.filter((event) => event.action === 'created')).toHaveLength(ideas.length);
  });
});
