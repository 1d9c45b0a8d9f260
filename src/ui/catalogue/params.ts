/** What the catalogue's error and problem sentences share in every language: the shape of an explanation and how they read their parameters. */
import type { ErrorParams } from '../../core/errors.js';

/** A message and a hint that says what to do next. */
export type Explained = { message: string; hint?: string };

export const list = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

/** `--score nytta=4 --score effekter=3 …` for the register's own criteria. */
export const scoreFlags = (p: ErrorParams) =>
  (Array.isArray(p['criteria']) && p['criteria'].length > 0 ? (p['criteria'] as string[]) : ['nytta', 'effekter', 'genomforbarhet']).map((c, i) => `--score ${c}=${[4, 3, 5][i % 3]}`).join(' ');

/** The `text` definition of schemas/config.schema.json: one line, no control characters. */
export function isNoControlPattern(p: Record<string, unknown>): boolean {
  return p['keyword'] === 'pattern' && String(p['pattern']).startsWith('^[^\\u0000-\\u001f\\u007f-\\u009f');
}
