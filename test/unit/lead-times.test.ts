import { describe, expect, it } from 'vitest';
import { parseConfig, renderDefaultConfig } from '../../src/core/format/config-file.js';
import { daysSinceLastChange, leadTime, median, stageStays, timeInStages } from '../../src/core/lead-times.js';
import { ideaData } from '../helpers/registers.js';

const config = parseConfig(renderDefaultConfig('Test'));
const idea = {
  ...ideaData({ id: '100-AAAAA', title: 'Idé', municipality: 'skovde', problem: '', created: '2026-01-01' }),
  status: 'test',
  history: [
    { date: '2026-01-01', status: 'inkommen', by: 'A' },
    { date: '2026-01-11', from: 'inkommen', status: 'forsta-bedomning', by: 'A' },
    { date: '2026-01-20', status: 'forsta-bedomning', by: 'B', note: 'Tibro anslöt.' },
    { date: '2026-02-10', from: 'forsta-bedomning', status: 'utredning', by: 'M' },
    { date: '2026-03-01', from: 'utredning', status: 'parkerad', by: 'M' },
    { date: '2026-03-11', from: 'parkerad', status: 'utredning', by: 'M' },
    { date: '2026-04-01', from: 'utredning', status: 'test', by: 'M' },
  ],
};

describe('time in stages (hand-computed)', () => {
  it('splits the history into stays; notes in the same stage do not start a new one', () => {
    expect(stageStays(idea, '2026-04-15').map((s) => [s.stage, s.days])).toEqual([
      ['inkommen', 10],
      ['forsta-bedomning', 30],
      ['utredning', 19],
      ['parkerad', 10],
      ['utredning', 21],
      ['test', 14],
    ]);
  });

  it('adds up returns to a stage', () => {
    expect(timeInStages(idea, '2026-04-15')).toEqual({ inkommen: 10, 'forsta-bedomning': 30, utredning: 40, parkerad: 10, test: 14 });
  });

  it('measures lead time to the first stage of a kind, or nothing when never reached', () => {
    expect(leadTime(config, idea, { kinds: ['active'] })).toBe(40);
    expect(leadTime(config, idea, { stages: ['test'] })).toBe(90);
    expect(leadTime(config, idea, { kinds: ['done'] })).toBeUndefined();
  });

  it('knows how long an idea has been untouched, and medians', () => {
    expect(daysSinceLastChange(idea, '2026-04-15')).toBe(14);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
});
