/**
 * Reporting windows and period buckets (months and quarters). Pure; dates are
 * ISO strings (YYYY-MM-DD), compared as strings.
 */
import { SlussError } from '../errors.js';

export type Interval = 'month' | 'quarter';
export const INTERVALS: readonly Interval[] = ['month', 'quarter'];

export interface DateWindow {
  /** First day, inclusive; undefined = from the beginning. */
  from?: string;
  /** Last day, inclusive; undefined = up to the reference date. */
  to?: string;
  /** How the window was asked for, e.g. `2026Q3`, when it came from --period. */
  label?: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function lastDayOfMonth(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `2026` (a year), `2026Q3` / `2026-Q3` (a quarter) or `2026-09` (a month) as a window of days. */
export function parsePeriod(input: string): DateWindow | undefined {
  const value = input.trim().toUpperCase();
  let match = /^(\d{4})$/.exec(value);
  if (match) return { from: `${match[1]}-01-01`, to: `${match[1]}-12-31`, label: match[1]! };
  match = /^(\d{4})-?Q([1-4])$/.exec(value);
  if (match) {
    const year = Number(match[1]);
    const quarter = Number(match[2]);
    const firstMonth = (quarter - 1) * 3 + 1;
    return { from: `${year}-${String(firstMonth).padStart(2, '0')}-01`, to: lastDayOfMonth(year, firstMonth + 2), label: `${year}Q${quarter}` };
  }
  match = /^(\d{4})-(\d{2})$/.exec(value);
  if (match) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) return undefined;
    return { from: `${match[1]}-${match[2]}-01`, to: lastDayOfMonth(Number(match[1]), month), label: `${match[1]}-${match[2]}` };
  }
  return undefined;
}

/** The window from --period, --since and --until; --period cannot be combined with the other two. */
export function resolveWindow(options: { period?: string | undefined; since?: string | undefined; until?: string | undefined }): DateWindow {
  if (options.period !== undefined) {
    if (options.since !== undefined || options.until !== undefined) {
      throw new SlussError('usage', { option: '--period', value: `${options.period} (--since/--until)` });
    }
    const window = parsePeriod(options.period);
    if (!window) throw new SlussError('usage', { option: '--period', value: options.period, known: ['2026', '2026Q3', '2026-09'] });
    return window;
  }
  for (const [option, value] of [['--since', options.since], ['--until', options.until]] as const) {
    if (value !== undefined && !isIsoDate(value)) throw new SlussError('usage', { option, value, expects: 'date' });
  }
  if (options.since !== undefined && options.until !== undefined && options.since > options.until) {
    throw new SlussError('usage', { option: '--since/--until', value: `${options.since} > ${options.until}` });
  }
  return { ...(options.since !== undefined ? { from: options.since } : {}), ...(options.until !== undefined ? { to: options.until } : {}) };
}

export function inWindow(date: string, window: DateWindow): boolean {
  return (window.from === undefined || date >= window.from) && (window.to === undefined || date <= window.to);
}

/** The bucket a date falls in: `2026-09` for months, `2026Q3` for quarters. */
export function periodKey(date: string, interval: Interval): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  return interval === 'month' ? date.slice(0, 7) : `${year}Q${Math.floor((month - 1) / 3) + 1}`;
}

export interface PeriodBucket {
  period: string;
  from: string;
  to: string;
}

/** Every bucket from the one holding `from` to the one holding `to`, in order (none when from > to). */
export function periodRange(from: string, to: string, interval: Interval): PeriodBucket[] {
  if (from > to) return [];
  const buckets: PeriodBucket[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  if (interval === 'quarter') month = Math.floor((month - 1) / 3) * 3 + 1;
  const step = interval === 'month' ? 1 : 3;
  const last = periodKey(to, interval);
  for (let guard = 0; guard < 12 * 1000; guard++) {
    const start = `${year}-${String(month).padStart(2, '0')}-01`;
    const endMonth = month + step - 1;
    buckets.push({ period: periodKey(start, interval), from: start, to: lastDayOfMonth(year, endMonth) });
    if (periodKey(start, interval) === last) break;
    month += step;
    if (month > 12) {
      month -= 12;
      year += 1;
    }
  }
  return buckets;
}
