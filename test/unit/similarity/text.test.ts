import { describe, expect, it } from 'vitest';
import { analyzeDoc } from '../../../src/core/similarity/index.js';
import { charGrams, detectLanguage, stem, tokenize } from '../../../src/core/similarity/text.js';

const stems = (title: string) => analyzeDoc({ id: 'x', title, text: '' }).titleStems.map(([term]) => term);

describe('Swedish normalisation', () => {
  it('stems definite and indefinite forms of a compound alike', () => {
    expect(stems('Gatubelysningen')).toEqual(stems('gatubelysning'));
    expect(stem('cykelbanorna', 'sv')).toBe(stem('cykelbana', 'sv'));
  });

  it('folds case and composes decomposed letters (NFC)', () => {
    expect(tokenize('ÄLDREOMSORG i Skövde')).toEqual(['äldreomsorg', 'i', 'skövde']);
    expect(tokenize('a\u0308ldreomsorg')).toEqual(['äldreomsorg']);
  });

  it('drops Swedish stop words but keeps a text made only of them', () => {
    expect(stems('Bättre snöröjning för cyklister och gående')).not.toContain('och');
    expect(stems('Vem är vi?').length).toBeGreaterThan(0);
  });

  it('detects English by its function words and defaults to Swedish', () => {
    expect(detectLanguage(tokenize('The namenode crashes when the disk is full'))).toBe('en');
    expect(detectLanguage(tokenize('Parkering'))).toBe('sv');
  });

  it('shares character grams between a compound and its parts', () => {
    const compound = new Set(charGrams('gatubelysning'));
    expect(charGrams('belysning').filter((gram) => compound.has(gram)).length).toBeGreaterThan(3);
  });

  it('removes control characters instead of keeping them in words', () => {
    expect(tokenize('snö\u0000röjning\u200b')).toEqual(['snö', 'röjning']);
  });
});
