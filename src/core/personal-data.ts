/**
 * A guard against personal data in ideas without recorded consent: e-mail
 * addresses, phone numbers and Swedish personal identity numbers
 * (personnummer and samordningsnummer, with the Luhn check digit), so they are
 * caught before they reach the main branch and its history.
 */
import { ID_PATTERN } from './ids.js';

export type PersonalDataKind = 'email' | 'phone' | 'personnummer';

export interface PersonalDataHit {
  kind: PersonalDataKind;
  /** The match with most of it hidden, safe to print in CI logs. */
  masked: string;
}

export const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
export const PHONE = /(?<![\d+])(?:\+46|0046|0)[\s-]?\(?[1-9]\)?(?:[\s-]?\d){5,10}(?!\d)/g;
export const IDENTITY_NUMBER = /(?<!\d)((?:19|20)?\d{6})[-+ ]?(\d{4})(?!\d)/g;

/**
 * A cheap test every hit passes: an e-mail address has an `@`, and phone and
 * identity numbers have six digits with at most three of ` ()+-` between
 * each. Most texts fail it, and then the patterns above need not run.
 */
const MAY_HOLD_PERSONAL_DATA = /@|\d(?:[\s()+-]{0,3}\d){5}/;

export function mayHoldPersonalData(text: string): boolean {
  return MAY_HOLD_PERSONAL_DATA.test(text);
}

function mask(value: string): string {
  return value.length <= 4 ? '****' : `${value.slice(0, 2)}${'*'.repeat(value.length - 4)}${value.slice(-2)}`;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let value = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (value > 9) value -= 9;
    sum += value;
  }
  return sum % 10 === 0;
}

/** YYMMDD (or YYYYMMDD) plus four digits: a real date (day + 60 for samordningsnummer) and a valid check digit. */
export function isIdentityNumber(date: string, rest: string): boolean {
  const short = date.slice(-6);
  const month = Number(short.slice(2, 4));
  let day = Number(short.slice(4, 6));
  if (day > 60) day -= 60;
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return luhnValid(`${short}${rest}`);
}

/** A match with where it is, for a caller that hides it in a text. */
interface PersonalDataMatch {
  kind: PersonalDataKind;
  start: number;
  end: number;
}

/** What the many texts without personal data get: one shared empty list, not two new ones for every field of every file. */
const NONE: readonly never[] = Object.freeze([]);

function matchPersonalData(text: string): readonly PersonalDataMatch[] {
  if (!mayHoldPersonalData(text)) return NONE;
  const found: PersonalDataMatch[] = [];
  const at = (kind: PersonalDataKind, match: RegExpMatchArray, value = match[0]) => {
    const start = match.index! + match[0].indexOf(value);
    return { kind, start, end: start + value.length };
  };
  for (const match of text.matchAll(EMAIL)) found.push(at('email', match));
  const identities: PersonalDataMatch[] = [];
  for (const match of text.matchAll(IDENTITY_NUMBER)) {
    if (isIdentityNumber(match[1]!, match[2]!)) identities.push(at('personnummer', match));
  }
  found.push(...identities);
  for (const match of text.matchAll(PHONE)) {
    // An identity number also looks like a phone number; it is reported once, as what it is.
    const overlapsIdentity = identities.some(({ start, end }) => match.index < end && start < match.index + match[0].length);
    // An idea id made only of digits (`029-02426`) has the shape of a phone number with an area code.
    const isIdeaId = ID_PATTERN.test(match[0].trim()) && !/[\d-]/.test(text[match.index + match[0].length] ?? '');
    if (!overlapsIdentity && !isIdeaId && match[0].replace(/\D/g, '').length >= 8) found.push(at('phone', match, match[0].trim()));
  }
  return found;
}

export function findPersonalData(text: string): readonly PersonalDataHit[] {
  const found = matchPersonalData(text);
  return found.length === 0 ? NONE : found.map(({ kind, start, end }) => ({ kind, masked: mask(text.slice(start, end)) }));
}

/** The text with every e-mail address, phone and identity number masked, for showing it where it should not spread (a pull-request comment). */
export function maskPersonalData(text: string): string {
  const found = [...matchPersonalData(text)].sort((a, b) => b.start - a.start);
  let masked = text;
  let before = Infinity;
  for (const { start, end } of found) {
    if (end > before) continue; // overlaps a match already masked
    masked = `${masked.slice(0, start)}${mask(masked.slice(start, end))}${masked.slice(end)}`;
    before = start;
  }
  return masked;
}
