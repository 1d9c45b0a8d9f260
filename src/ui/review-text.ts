/** Words and sentences of `sluss review`; the sentences are in the catalogue (src/ui/catalogue/sv/review.ts, en/review.ts). */
import type { Lang } from '../core/lang.js';
import { review as en } from './catalogue/en/review.js';
import { review as sv } from './catalogue/sv/review.js';
import type { ReviewText } from './catalogue/sv/review.js';

export type { ReviewText };

export function reviewText(lang: Lang): ReviewText {
  return lang === 'en' ? en : sv;
}
