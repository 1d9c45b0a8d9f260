/** Plain-text rendering: aligned tables and duplicate candidates. */
import type { RegisterConfig } from '../core/config.js';
import { displayName } from '../core/config.js';
import { confidenceBand, type DuplicateCandidate } from '../core/duplicates.js';
import { formatDecimal } from './numbers.js';
import { safeLine } from './terminal-text.js';
import type { UiText } from './text.js';

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  warn(text: string): string;
}

export const plainStyle: Style = { bold: (t) => t, dim: (t) => t, warn: (t) => t };

export const ansiStyle: Style = {
  bold: (t) => `\u001b[1m${t}\u001b[22m`,
  dim: (t) => `\u001b[2m${t}\u001b[22m`,
  warn: (t) => `\u001b[33m${t}\u001b[39m`,
};

/** Terminal width of a string: combining marks take no column. */
function width(text: string): number {
  return [...text.normalize('NFC')].length;
}

/** An aligned table; every cell is text from files, shown with its control characters escaped. */
export function table(headers: readonly string[], cellRows: readonly (readonly string[])[]): string {
  const rows = cellRows.map((row) => row.map(safeLine));
  const widths = headers.map((header, column) => Math.max(width(header), ...rows.map((row) => width(row[column] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell + ' '.repeat((widths[column] ?? 0) - width(cell))))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

export function describeReasons(text: UiText, candidate: Pick<DuplicateCandidate, 'reasons'>): string {
  return candidate.reasons
    .filter((reason) => reason.terms.length > 0)
    .map((reason) => `${reason.field === 'title' ? text.fieldTitle : text.fieldText}: ${safeLine(reason.terms.slice(0, 6).join(', '))}`)
    .join('; ');
}

/** "poäng 0,95 · säkerhet 0,97": a candidate's similarity and how sure the label is, in the language's numbers. */
export function describeMatch(text: UiText, match: { score: number; confidence: number }): string {
  return `${text.score} ${formatDecimal(match.score, text.lang, 2)} · ${text.confidence} ${formatDecimal(match.confidence, text.lang, 2)}`;
}

/** Each candidate with its label in words (`confidenceBand`), the numbers behind it and the words it shares. */
export function renderCandidates(text: UiText, style: Style, config: RegisterConfig, candidates: readonly DuplicateCandidate[]): string {
  const anyLikely = candidates.some((c) => c.likelyDuplicate);
  const heading = anyLikely ? style.warn(style.bold(text.candidatesLikely)) : text.candidatesWeak;
  const lines = candidates.map((c, index) => {
    const band = `[${text.bands[confidenceBand(c)]}]`;
    const label = c.likelyDuplicate ? style.warn(band) : band;
    const meta = safeLine(`${displayName(config.municipalities, c.municipality)} · ${displayName(config.stages, c.status)} · ${describeMatch(text, c)}`);
    const why = describeReasons(text, c);
    return `  ${index + 1}. ${style.bold(safeLine(c.id))} ${safeLine(c.title)} ${label}\n     ${style.dim(meta)}${why ? `\n     ${style.dim(`${text.matchedOn}: ${why}`)}` : ''}`;
  });
  return [heading, ...lines].join('\n');
}
