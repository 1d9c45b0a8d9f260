/** Words and sentences of `sluss init` and `sluss tool`, and of the files they write into a register; the sentences are in the catalogue (src/ui/catalogue/sv/tool.ts, en/tool.ts). */
import type { Lang } from '../core/lang.js';
import { tool as en } from './catalogue/en/tool.js';
import { tool as sv } from './catalogue/sv/tool.js';
import type { ToolText } from './catalogue/sv/tool.js';

export function toolText(lang: Lang): ToolText {
  return lang === 'en' ? en : sv;
}
