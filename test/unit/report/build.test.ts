import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/core/report/build.js';
import { snapshotAt } from '../../../src/core/report/cohort.js';
import { lastChange } from '../../../src/core/report/stage-sections.js';
import type { Idea } from '../../../src/core/idea.js';
import type { ReportOptions } from '../../../src/core/report/model.js';
import { AS_OF, config, IDEAS } from './fixtures.js';

const base: ReportOptions = { asOf: AS_OF, window: {}, staleDays: 90, interval: 'month', includePersonal: false };
const report = (options: Partial<ReportOptions> = {}) => buildReport(config, IDEAS, { ...base, ...options });

describe('report aggregations (hand-computed, as of 2026-09-30)', () => {
  it('counts the ideas created on or before the reference date', () => {
    const r = report();
    expect(r.totals.ideas).toBe(5); // F is created after the reference date
    expect(r.asOf).toBe(AS_OF);
    expect(r.totals.byKind).toEqual({ open: 1, active: 1, done: 1, declined: 1, duplicate: 1, 'on-hold': 0 });
    expect(r.kinds.map((k) => k.count)).toEqual([1, 1, 1, 1, 1, 0]);
  });

  it('funnel: ideas in each stage now, and ever', () => {
    const r = report();
    const funnel = Object.fromEntries(r.funnel.map((row) => [row.stage, [row.current, row.reached]]));
    expect(funnel).toEqual({
      inkommen: [1, 5],
      'forsta-bedomning': [0, 3],
      utredning: [0, 2],
      test: [0, 2],
      inforande: [1, 2],
      spridning: [1, 1],
      avslagen: [1, 1],
      parkerad: [0, 0],
      dubblett: [1, 1],
    });
    expect(r.funnel.map((row) => row.kind)).toEqual(['open', 'open', 'active', 'active', 'active', 'done', 'declined', 'on-hold', 'duplicate']);
  });

  it('municipality × stage: owned by stage, and taking part', () => {
    const r = report();
    const row = (code: string) => r.municipalityStage.find((m) => m.municipality === code)!;
    expect(r.municipalityStage).toHaveLength(15);
    expect(row('skovde')).toMatchObject({ owned: 1, participating: 1 });
    expect(row('skovde').stages['inforande']).toBe(1);
    expect(row('hjo')).toMatchObject({ owned: 1, participating: 2 });
    expect(row('hjo').stages['dubblett']).toBe(1);
    expect(row('tibro')).toMatchObject({ owned: 0, participating: 1 });
    expect(row('vara')).toMatchObject({ owned: 2, participating: 2 });
    expect(row('vara').stages).toMatchObject({ spridning: 1, inkommen: 1 });
    expect(row('skara')).toMatchObject({ owned: 0, participating: 1 });
    expect(row('falkoping')).toMatchObject({ owned: 1, participating: 1 });
    expect(r.municipalityStage.reduce((sum, m) => sum + m.owned, 0)).toBe(5);
  });

  it('inflow per month and per quarter', () => {
    expect(report().inflow.map((p) => [p.period, p.count])).toEqual([
      ['2026-01', 1],
      ['2026-02', 1],
      ['2026-03', 0],
      ['2026-04', 1],
      ['2026-05', 1],
      ['2026-06', 0],
      ['2026-07', 1],
      ['2026-08', 0],
      ['2026-09', 0],
    ]);
    const quarterly = report({ interval: 'quarter' });
    expect(quarterly.inflow.map((p) => [p.period, p.from, p.to, p.count])).toEqual([
      ['2026Q1', '2026-01-01', '2026-03-31', 2],
      ['2026Q2', '2026-04-01', '2026-06-30', 2],
      ['2026Q3', '2026-07-01', '2026-09-30', 1],
    ]);
  });

  it('throughput: first reaching införande and spridning, per period', () => {
    const monthly = report().throughput.filter((p) => p.implementation + p.spread > 0);
    expect(monthly.map((p) => [p.period, p.implementation, p.spread])).toEqual([
      ['2026-04', 1, 0],
      ['2026-06', 1, 0],
      ['2026-08', 0, 1],
    ]);
    const quarterly = report({ interval: 'quarter' });
    expect(quarterly.throughput.map((p) => [p.period, p.implementation, p.spread])).toEqual([
      ['2026Q1', 0, 0],
      ['2026Q2', 2, 0],
      ['2026Q3', 0, 1],
    ]);
    expect(quarterly.stages).toEqual({ implementation: ['inforande'], done: ['spridning'] });
  });

  it('shared ideas with their cost shares', () => {
    const r = report();
    expect(r.totals.shared).toBe(2);
    expect(r.shared.map((s) => [s.id, s.participants.length, s.shareTotal])).toEqual([
      ['A', 3, 30],
      ['C', 2, 0],
    ]);
    expect(r.shared[0]!.participants).toEqual([
      { municipality: 'skovde', name: 'Skövde', role: 'owner' },
      { municipality: 'hjo', name: 'Hjo', role: 'co-funder', share: 30, joined: '2026-02-01' },
      { municipality: 'tibro', name: 'Tibro', role: 'interested', joined: '2026-03-05' },
    ]);
  });

  it('spread: reached spridning, or joined by other municipalities', () => {
    const r = report();
    expect(r.spread.map((s) => [s.id, s.reachedDone, s.joinedBy])).toEqual([
      ['C', '2026-08-09', ['skara']],
      ['A', undefined, ['hjo', 'tibro']],
    ]);
    expect(r.totals.reachedDone).toBe(1);
    expect(r.totals.joinedByOthers).toBe(2);
  });

  it('time in stage: medians per stage, from the history', () => {
    const r = report();
    const time = Object.fromEntries(r.timeInStage.map((t) => [t.stage, [t.ideas, t.medianDays, t.completed, t.medianDaysCompleted]]));
    expect(time).toEqual({
      inkommen: [5, 10, 4, 10], // A 10, B 10, C 10, D 138 (still there), E 12
      'forsta-bedomning': [3, 30, 3, 30], // A 30, C 20, E 30
      utredning: [2, 15, 2, 15], // A 10, C 20
      test: [2, 30, 2, 30], // A 40, C 20
      inforande: [2, 116.5, 1, 60], // A 173 (still there), C 60
      spridning: [1, 52, 0, null],
      avslagen: [1, 30, 0, null],
      parkerad: [0, null, 0, null],
      dubblett: [1, 227, 0, null],
    });
  });

  it('lead times: days from creation to each target, medians and means', () => {
    const r = report();
    const lead = Object.fromEntries(r.leadTimes.map((l) => [l.target, [l.ideas, l.medianDays, l.meanDays]]));
    expect(lead).toEqual({
      assessed: [3, 31, 28.7], // A 31, C 24, E 31
      active: [2, 35, 35], // A 40, C 30
      implementation: [2, 80, 80], // A 90, C 70
      done: [1, 130, 130],
      declined: [1, 42, 42],
    });
  });

  it('stale: no change for N days, settled kinds left out', () => {
    const r = report();
    expect(r.stale.map((s) => [s.id, s.lastChange, s.days])).toEqual([
      ['A', '2026-04-10', 173],
      ['D', '2026-05-15', 138],
    ]);
    expect(report({ staleDays: 150 }).stale.map((s) => s.id)).toEqual(['A']);
    expect(report({ staleDays: 500 }).totals.stale).toBe(0);
  });

  it('duplicates caught and joins from participants and history', () => {
    const r = report();
    expect(r.duplicates).toEqual([{ id: 'B', title: 'Digitala lås i stället för nycklar', stage: 'dubblett', municipality: 'hjo', duplicateOf: 'A', date: '2026-02-15' }]);
    expect(r.joins.map((j) => [j.id, j.municipality, j.date, j.source])).toEqual([
      ['A', 'hjo', '2026-02-01', 'participant'],
      ['A', 'tibro', '2026-03-05', 'participant'],
      ['C', 'skara', '2026-07-01', 'participant'],
      ['E', 'grastorp', '2026-08-05', 'history'],
    ]);
    expect(r.totals).toMatchObject({ duplicatesCaught: 1, joins: 4 });
  });

  it('assessment summaries per criterion', () => {
    const r = report();
    expect(r.assessment.assessed).toBe(3);
    expect(r.assessment.criteria).toEqual([
      { criterion: 'nytta', name: 'Nytta', count: 3, mean: 3, median: 3, min: 2, max: 4 },
      { criterion: 'effekter', name: 'Effekter', count: 3, mean: 3, median: 3, min: 3, max: 3 },
      { criterion: 'genomforbarhet', name: 'Genomförbarhet', count: 3, mean: 4, median: 4, min: 3, max: 5 },
    ]);
  });

  it('a period counts the ideas created in it; throughput counts events in it', () => {
    const r = report({ window: { from: '2026-04-01', to: '2026-06-30', label: '2026Q2' } });
    expect(r.totals.ideas).toBe(2); // C and D
    expect(r.inflow.map((p) => [p.period, p.count])).toEqual([
      ['2026-04', 1],
      ['2026-05', 1],
      ['2026-06', 0],
    ]);
    expect(r.throughput.map((p) => [p.period, p.implementation, p.spread])).toEqual([
      ['2026-04', 1, 0], // A, created in Q1, reached införande in April
      ['2026-05', 0, 0],
      ['2026-06', 1, 0],
    ]);
    expect(r.totals).toMatchObject({ reachedImplementationInWindow: 2, reachedDoneInWindow: 0 });
    expect(r.window).toEqual({ from: '2026-04-01', to: '2026-06-30', label: '2026Q2' });
  });

  it('filters by municipality (owner or participant) and category', () => {
    expect(report({ municipalities: ['hjo'] }).totals.ideas).toBe(2); // A (co-funder), B (owner)
    expect(report({ municipalities: ['tibro', 'falkoping'] }).totals.ideas).toBe(2); // A, E
    expect(report({ categories: ['vard-omsorg'] }).totals.ideas).toBe(2);
    expect(report({ municipalities: ['vara'], categories: ['kultur-fritid'] }).stale.map((s) => s.id)).toEqual(['D']);
  });

  it('never shows personal data unless asked', () => {
    expect(JSON.stringify(report())).not.toMatch(/Anna|anna@|070-/);
    const withPersonal = report({ includePersonal: true });
    expect(withPersonal.stale.find((s) => s.id === 'D')?.submitter).toEqual({ name: 'Anna Andersson', email: 'anna@example.se', phone: '070-1234567' });
  });

  it('is the same report for the same input', () => {
    expect(JSON.stringify(report())).toBe(JSON.stringify(report()));
  });
});

describe('the idea as of a date', () => {
  const a = IDEAS[0]!.data;
  it('drops later history, participants and the assessment', () => {
    const early = snapshotAt(config, a, '2026-02-20')!;
    expect(early.status).toBe('utredning');
    expect(early.history).toHaveLength(4);
    expect(early.municipalities.map((p) => p.municipality)).toEqual(['skovde', 'hjo']);
    expect(early.assessment?.date).toBe('2026-02-10');
    const before = snapshotAt(config, a, '2026-01-15')!;
    expect(before.status).toBe('inkommen');
    expect(before.assessment).toBeUndefined();
    expect(snapshotAt(config, a, '2026-01-09')).toBeUndefined();
    expect(snapshotAt(config, a, AS_OF)).toBe(a);
  });

  it('as of an earlier date, the report shows the stages then', () => {
    const r = buildReport(config, IDEAS, { ...base, asOf: '2026-03-31' });
    expect(r.totals.ideas).toBe(2);
    expect(r.funnel.filter((f) => f.current > 0).map((f) => [f.stage, f.current])).toEqual([
      ['test', 1],
      ['dubblett', 1],
    ]);
  });

  it('last change counts joins and the assessment', () => {
    expect(lastChange(a)).toBe('2026-04-10');
    expect(lastChange({ ...a, history: a.history.slice(0, 1) })).toBe('2026-03-05');
  });
});

describe('the report reads the history as data', () => {
  const with_ = (extra: Idea[]) => buildReport(config, [...IDEAS, ...extra], base);
  const left: Idea = {
    path: 'ideas/G.md',
    data: {
      ...IDEAS[4]!.data,
      id: 'G',
      history: [
        { date: '2026-07-20', action: 'created', status: 'inkommen', by: 'Coach' },
        { date: '2026-07-25', action: 'joined', status: 'inkommen', by: 'Coach', municipality: 'vara', role: 'co-funder', share: 20 },
        { date: '2026-07-30', action: 'left', status: 'inkommen', by: 'Coach', municipality: 'vara', role: 'co-funder' },
      ],
      status: 'inkommen',
    },
  };

  it('counts a join of a municipality that has left from its event, in any language the note was written', () => {
    const joins = with_([left]).joins.filter((j) => j.source === 'history');
    expect(joins.map((j) => [j.id, j.municipality, j.role, j.share, j.date])).toEqual([
      ['G', 'vara', 'co-funder', 20, '2026-07-25'],
      ['E', 'grastorp', 'interested', undefined, '2026-08-05'],
    ]);
  });

  it('counts the first assessment for the lead time, also when it was replaced later', () => {
    const replaced: Idea = {
      path: 'ideas/H.md',
      data: {
        ...IDEAS[3]!.data,
        id: 'H',
        created: '2026-05-01',
        assessment: { date: '2026-09-01', by: 'B', scores: { nytta: 2, effekter: 2, genomforbarhet: 2 } },
        history: [
          { date: '2026-05-01', status: 'inkommen', by: 'Coach' },
          { date: '2026-09-01', action: 'assessed', status: 'inkommen', by: 'B', scores: { nytta: 2, effekter: 2, genomforbarhet: 2 }, replaced: { date: '2026-05-11', by: 'A', scores: { nytta: 5, effekter: 5, genomforbarhet: 5 } } },
        ],
      },
    };
    const assessed = (r: ReturnType<typeof with_>) => r.leadTimes.find((row) => row.target === 'assessed')!;
    expect(assessed(with_([replaced])).ideas).toBe(assessed(report()).ideas + 1);
    // As of a day between the two assessments, the first one holds.
    expect(buildReport(config, [replaced], { ...base, asOf: '2026-06-30' }).assessment.criteria[0]).toMatchObject({ count: 1, mean: 5 });
  });

  it('lists ideas in a stage sluss.yaml does not have instead of counting them under no kind: the totals add up', () => {
    const lost: Idea = { path: 'ideas/X.md', data: { ...IDEAS[3]!.data, id: 'X', status: 'klar' } };
    const r = with_([lost]);
    expect(r.unknownStage).toEqual([{ id: 'X', stage: 'klar' }]);
    expect(r.totals.ideas).toBe(report().totals.ideas);
    expect(Object.values(r.totals.byKind).reduce((a, b) => a + b, 0)).toBe(r.totals.ideas);
  });
});
