/**
 * Numbers as the interface shows them: Swedish writes a decimal comma
 * ("0,71", "30,5 %"), English a decimal point ("0.71", "30.5 %"). One place,
 * so every output writes a number alike.
 */
import type { Lang } from '../core/lang.js';

/** `value` with `digits` decimals, in the language's decimal mark. */
export function formatDecimal(value: number, lang: Lang, digits: number): string {
  const fixed = value.toFixed(digits);
  return lang === 'en' ? fixed : fixed.replace('.', ',');
}

/** A share (0.305) as a percentage with `digits` decimals: "30,5 %" / "30.5 %". */
export function formatPercent(share: number, lang: Lang, digits: number): string {
  return `${formatDecimal(share * 100, lang, digits)} %`;
}

/** A whole number with its thousands grouped: "1 000 000" / "1,000,000". Written out, not left to the runtime's locale data. */
export function formatInteger(value: number, lang: Lang): string {
  const digits = String(Math.trunc(Math.abs(value))).replace(/\B(?=(\d{3})+$)/g, lang === 'en' ? ',' : ' ');
  return value < 0 ? `-${digits}` : digits;
}
