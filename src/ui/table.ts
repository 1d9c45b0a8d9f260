/**
 * Tables that fit the terminal: no line is wider than the screen, so the
 * terminal never wraps a line in the middle of a word. Columns marked as
 * shrinkable (titles, reasons) give up room first, cut at a word boundary
 * and marked with "…".
 */
import { safeLine } from './terminal-text.js';

/** Columns of a terminal whose width sluss cannot learn. */
export const DEFAULT_WIDTH = 80;
/** A shrinkable column keeps at least this many characters (or its header). */
const MIN_SHRUNK = 12;
const GAP = '  ';

/** Terminal width of a string: combining marks take no column. */
export function displayWidth(text: string): number {
  return [...text.normalize('NFC')].length;
}

/** `text` in at most `max` columns: cut after the last whole word that fits, marked with "…". */
export function truncateWords(text: string, max: number): string {
  const chars = [...text.normalize('NFC')];
  if (chars.length <= max) return text;
  if (max <= 1) return '…';
  const room = chars.slice(0, max - 1).join('');
  // The room ends between two words: nothing of a word is lost.
  if (/\s/.test(chars[max - 1]!)) return `${room.trimEnd()}…`;
  const lastSpace = room.search(/\s\S*$/);
  // Cut between words; only a word longer than two thirds of the cell is cut inside it.
  const cut = lastSpace > 0 && lastSpace >= Math.floor((max - 1) / 3) ? room.slice(0, lastSpace) : room;
  return `${cut.replace(/[\s,;:.\u2013-]+$/, '')}…`;
}

export interface TableColumn {
  header: string;
  /** May be cut to make the table fit; a column of weight 2 keeps about twice the room of one of weight 1. */
  shrink?: number;
}

/** Column widths that fit `width`: shrinkable columns give up room a column at a time, always the one widest for its weight. */
function fitWidths(columns: readonly TableColumn[], natural: readonly number[], width: number): number[] {
  const widths = [...natural];
  const total = () => widths.reduce((sum, w) => sum + w, 0) + GAP.length * (widths.length - 1);
  while (total() > width) {
    const floor = (index: number) => Math.max(MIN_SHRUNK, displayWidth(columns[index]!.header));
    const candidates = columns.map((_, index) => index).filter((index) => (columns[index]!.shrink ?? 0) > 0 && widths[index]! > floor(index));
    if (candidates.length === 0) break;
    const share = (index: number) => widths[index]! / columns[index]!.shrink!;
    const widest = candidates.reduce((a, b) => (share(b) > share(a) ? b : a));
    widths[widest] = widths[widest]! - 1;
  }
  return widths;
}

/** Every cell is text from files, shown with its control characters escaped (terminal-text.ts) before it is measured. */
export function fitTable(columns: readonly TableColumn[], cellRows: readonly (readonly string[])[], width: number = DEFAULT_WIDTH): string {
  const rows = cellRows.map((row) => row.map(safeLine));
  const natural = columns.map((column, index) => Math.max(displayWidth(column.header), ...rows.map((row) => displayWidth(row[index] ?? ''))));
  const widths = fitWidths(columns, natural, width);
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) => {
        const fitted = truncateWords(cell, widths[index]!);
        return index === cells.length - 1 ? fitted : fitted + ' '.repeat(widths[index]! - displayWidth(fitted));
      })
      .join(GAP)
      .trimEnd();
  return [line(columns.map((column) => column.header)), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}
