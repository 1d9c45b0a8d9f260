/** Words and sentences of the user interface; the sentences are in the catalogue (src/ui/catalogue/sv/ui.ts, en/ui.ts). */
import { ROLES } from '../core/idea.js';
import type { Role } from '../core/idea.js';
import type { Lang } from '../core/lang.js';
import { ui as en } from './catalogue/en/ui.js';
import { ui as sv } from './catalogue/sv/ui.js';
import type { UiText } from './catalogue/sv/ui.js';

export type { UiText };

export function ui(lang: Lang): UiText {
  return lang === 'en' ? en : sv;
}

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** A role's name; a value that is no role reads as `interested`, the role a municipality joins with unless it says otherwise. */
export function roleName(text: UiText, role: string): string {
  return text.roles[isRole(role) ? role : 'interested'];
}
