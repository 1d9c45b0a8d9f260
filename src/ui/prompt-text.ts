/** The words of the terminal questions themselves (answers, key hints, how to end a text); the sentences are in the catalogue (src/ui/catalogue/sv/prompt.ts, en/prompt.ts). */
import type { Lang } from '../core/lang.js';
import { prompt as en } from './catalogue/en/prompt.js';
import { prompt as sv } from './catalogue/sv/prompt.js';
import type { PromptText } from './catalogue/sv/prompt.js';

export type { PromptText };

export function promptText(lang: Lang): PromptText {
  return lang === 'en' ? en : sv;
}
