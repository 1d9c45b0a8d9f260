/**
 * Errors and validation problems as sentences, in the user's language. The
 * core names what went wrong with a code and its facts (core/errors.ts,
 * core/problems.ts); the words are in the catalogue (src/ui/catalogue/sv/,
 * en/).
 */
import type { ErrorCode, ErrorParams } from '../core/errors.js';
import type { Lang } from '../core/lang.js';
import type { Problem } from '../core/problems.js';
import { errors as errorsEn } from './catalogue/en/errors.js';
import { problems as problemsEn } from './catalogue/en/problems.js';
import type { Explained } from './catalogue/params.js';
import { errors as errorsSv } from './catalogue/sv/errors.js';
import { problems as problemsSv } from './catalogue/sv/problems.js';

export function explainError(lang: Lang, code: ErrorCode, params: ErrorParams): Explained {
  return (lang === 'en' ? errorsEn : errorsSv)[code](params);
}

export function explainProblem(lang: Lang, problem: Problem): Explained {
  return (lang === 'en' ? problemsEn : problemsSv)[problem.code](problem.params ?? {});
}

/** `ideas/x.md:12: history.2.date: inget giltigt datum — skriv …` */
export function formatProblem(lang: Lang, problem: Problem): string {
  const { message, hint } = explainProblem(lang, problem);
  const where = `${problem.file}${problem.line ? `:${problem.line}` : ''}`;
  return `${where}: ${problem.field ? `${problem.field}: ` : ''}${message}${hint ? ` — ${hint}` : ''}`;
}
