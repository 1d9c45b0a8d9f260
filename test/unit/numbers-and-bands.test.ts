import { describe, expect, it } from 'vitest';
import { confidenceBand } from '../../src/core/duplicates.js';
import { formatDecimal, formatInteger, formatPercent } from '../../src/ui/numbers.js';
import { describeMatch } from '../../src/ui/render.js';
import { ui } from '../../src/ui/text.js';

describe('numbers in the interface', () => {
  it('writes a decimal comma in Swedish and a point in English', () => {
    expect(formatDecimal(0.714, 'sv', 2)).toBe('0,71');
    expect(formatDecimal(0.714, 'en', 2)).toBe('0.71');
    expect(formatDecimal(12, 'sv', 1)).toBe('12,0');
    expect(formatPercent(0.305, 'sv', 1)).toBe('30,5 %');
    expect(formatPercent(0.305, 'en', 1)).toBe('30.5 %');
  });

  it('groups the thousands of a whole number with a space in Swedish and a comma in English', () => {
    expect(formatInteger(1_000_000, 'sv')).toBe('1 000 000');
    expect(formatInteger(1_000_000, 'en')).toBe('1,000,000');
    expect(formatInteger(999, 'sv')).toBe('999');
    expect(formatInteger(12_345, 'en')).toBe('12,345');
    expect(formatInteger(-1_500, 'sv')).toBe('-1 500');
  });

  it('shows a match as its score and confidence in the language', () => {
    expect(describeMatch(ui('sv'), { score: 0.953, confidence: 0.71 })).toBe('poäng 0,95 · säkerhet 0,71');
    expect(describeMatch(ui('en'), { score: 0.953, confidence: 0.71 })).toBe('score 0.95 · confidence 0.71');
  });
});

describe('confidenceBand', () => {
  it('puts the label and how sure sluss is into words that never contradict each other', () => {
    expect(confidenceBand({ confidence: 0.97, likelyDuplicate: true })).toBe('very-likely');
    expect(confidenceBand({ confidence: 0.7, likelyDuplicate: true })).toBe('likely');
    // A candidate that is not flagged is never called a duplicate, however high its confidence (e.g. below show_from).
    expect(confidenceBand({ confidence: 0.97, likelyDuplicate: false })).toBe('possible');
    expect(confidenceBand({ confidence: 0.2, likelyDuplicate: false })).toBe('similar');
    for (const lang of ['sv', 'en'] as const) {
      const bands = ui(lang).bands;
      expect(new Set(Object.values(bands)).size).toBe(4);
    }
    expect(ui('sv').bands['very-likely']).toBe('trolig dubblett – mycket lik');
  });
});
