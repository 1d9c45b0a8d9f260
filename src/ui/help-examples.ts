/**
 * The examples at the end of every command's help; the examples are in the
 * catalogue (src/ui/catalogue/sv/help.ts, en/help.ts).
 */
import type { Lang } from '../core/lang.js';
import { help as en } from './catalogue/en/help.js';
import { help as sv } from './catalogue/sv/help.js';
import type { HelpExample, HelpExamples } from './catalogue/sv/help.js';

export type { HelpExample };

const CATALOGUES: Record<Lang, HelpExamples> = { sv, en };

export function helpExamples(lang: Lang, command: string): readonly HelpExample[] {
  return CATALOGUES[lang][command] ?? [];
}

/** The commands the catalogue has examples for, so a test can compare them with the program's. */
export function commandsWithExamples(lang: Lang): string[] {
  return Object.keys(CATALOGUES[lang]);
}

/** The block commander prints after a command's help. */
export function renderExamples(title: string, examples: readonly HelpExample[]): string {
  if (examples.length === 0) return '';
  return `\n${title}\n${examples.map((example) => `  ${example.text}:\n    ${example.line}`).join('\n')}\n`;
}
