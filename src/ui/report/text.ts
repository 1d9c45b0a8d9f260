/** Words of `sluss report`; the sentences are in the catalogue (src/ui/catalogue/sv/report.ts, en/report.ts). */
import type { Lang } from '../../core/lang.js';
import { report as en } from '../catalogue/en/report.js';
import { report as sv } from '../catalogue/sv/report.js';
import type { ReportText } from '../catalogue/sv/report.js';

export type { ReportText };

export function reportText(lang: Lang): ReportText {
  return lang === 'en' ? en : sv;
}
