import { describe, expect, it } from 'vitest';
import { isSlussError } from '../../../src/core/errors.js';
import { inWindow, isIsoDate, parsePeriod, periodKey, periodRange, resolveWindow } from '../../../src/core/report/periods.js';

describe('report periods', () => {
  it('parses years, quarters and months', () => {
    expect(parsePeriod('2026Q3')).toEqual({ from: '2026-07-01', to: '2026-09-30', label: '2026Q3' });
    expect(parsePeriod('2026-q4')).toEqual({ from: '2026-10-01', to: '2026-12-31', label: '2026Q4' });
    expect(parsePeriod('2026-09')).toEqual({ from: '2026-09-01', to: '2026-09-30', label: '2026-09' });
    expect(parsePeriod('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29', label: '2024-02' });
    expect(parsePeriod('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31', label: '2026' });
    for (const bad of ['2026Q5', '2026-13', '26Q1', 'Q3', '', '2026-9']) expect(parsePeriod(bad)).toBeUndefined();
  });

  it('resolves --period, --since and --until, and refuses mixing them', () => {
    expect(resolveWindow({})).toEqual({});
    expect(resolveWindow({ since: '2026-03-01' })).toEqual({ from: '2026-03-01' });
    expect(resolveWindow({ since: '2026-03-01', until: '2026-03-31' })).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    const fails = (options: Parameters<typeof resolveWindow>[0]) => {
      try {
        resolveWindow(options);
      } catch (error) {
        return isSlussError(error) && error.code === 'usage';
      }
      return false;
    };
    expect(fails({ period: '2026Q3', since: '2026-01-01' })).toBe(true);
    expect(fails({ period: 'summer' })).toBe(true);
    expect(fails({ since: '2026-02-30' })).toBe(true);
    expect(fails({ since: '2026-05-01', until: '2026-04-01' })).toBe(true);
  });

  it('buckets dates and spans ranges', () => {
    expect(periodKey('2026-09-15', 'month')).toBe('2026-09');
    expect(periodKey('2026-09-15', 'quarter')).toBe('2026Q3');
    expect(periodRange('2025-11-20', '2026-02-01', 'month').map((b) => b.period)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodRange('2025-11-20', '2026-02-01', 'quarter')).toEqual([
      { period: '2025Q4', from: '2025-10-01', to: '2025-12-31' },
      { period: '2026Q1', from: '2026-01-01', to: '2026-03-31' },
    ]);
    expect(periodRange('2026-02-01', '2026-01-01', 'month')).toEqual([]);
    expect(inWindow('2026-07-01', { from: '2026-07-01', to: '2026-09-30' })).toBe(true);
    expect(inWindow('2026-10-01', { from: '2026-07-01', to: '2026-09-30' })).toBe(false);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
  });
});
