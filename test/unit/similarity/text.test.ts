import { describe, expect, it } from 'vitest';
import { analyzeDoc } from '../../../src/core/similarity/index.js';
import { charGrams, contentWords, detectLanguage, stem, tokenize, withoutDefiniteEnding } from '../../../src/core/similarity/text.js';

const stems = (title: string) => analyzeDoc({ id: 'x', title, text: '' }).stems;

describe('Swedish normalisation', () => {
  it('stems definite and indefinite forms of a compound alike', () => {
    expect(stems('Gatubelysningen')).toEqual(stems('gatubelysning'));
    expect(stem('cykelbanorna', 'sv')).toBe(stem('cykelbana', 'sv'));
  });

  it('stems definite "-et" and "-an" forms like the bare noun', () => {
    expect(stem('torget', 'sv')).toBe(stem('torg', 'sv'));
    expect(stem('biblioteket', 'sv')).toBe(stem('bibliotek', 'sv'));
    expect(stem('skolan', 'sv')).toBe(stem('skola', 'sv'));
    expect(stem('gatan', 'sv')).toBe(stem('gatorna', 'sv'));
  });

  it('stems short definite forms like the bare noun ("huset", "apan")', () => {
    expect(stem('huset', 'sv')).toBe(stem('hus', 'sv'));
    expect(stems('Taket på badhuset läcker')).toEqual(stems('tak på badhus läcker'));
    expect(stem('ekan', 'sv')).toBe(stem('eka', 'sv'));
    expect(stem('paketet', 'sv')).toBe(stem('paket', 'sv'));
  });

  it('leaves the stems of stop words alone, so they stay stop words', () => {
    for (const word of ['inget', 'utan', 'mellan', 'sedan', 'vilket', 'mycket']) expect(stem(word, 'sv')).toBe(word);
  });

  it('keeps every form of a noun that itself ends in "-et" or "-an" on one stem', () => {
    expect(stem('budget', 'sv')).toBe(stem('budgeten', 'sv'));
    expect(stem('detaljplan', 'sv')).toBe(stem('detaljplanen', 'sv'));
    expect(stem('planer', 'sv')).toBe(stem('plan', 'sv'));
  });

  it('leaves short words and English alone', () => {
    expect(withoutDefiniteEnding('bet')).toBe('bet');
    expect(withoutDefiniteEnding('fan')).toBe('fan');
    expect(stem('budget', 'en')).toBe('budget');
  });

  it('folds case and composes decomposed letters (NFC)', () => {
    expect(tokenize('ÄLDREOMSORG i Skövde')).toEqual(['äldreomsorg', 'i', 'skövde']);
    expect(tokenize('a\u0308ldreomsorg')).toEqual(['äldreomsorg']);
  });

  it('keeps stop words out of content words unless nothing else is left', () => {
    expect(contentWords(tokenize('Bättre snöröjning för cyklister och gående'), 'sv')).toEqual([
      'bättre',
      'snöröjning',
      'cyklister',
      'gående',
    ]);
    expect(contentWords(tokenize('Vem är vi?'), 'sv')).toEqual(['vem', 'är', 'vi']);
  });

  it('detects English by its function words and defaults to Swedish', () => {
    expect(detectLanguage(tokenize('The namenode crashes when the disk is full'))).toBe('en');
    expect(detectLanguage(tokenize('Parkering'))).toBe('sv');
  });

  it('shares character grams between a compound and its parts', () => {
    const compound = new Set(charGrams('gatubelysning'));
    expect(charGrams('belysning').filter((gram) => compound.has(gram)).length).toBeGreaterThan(3);
  });

  it('keeps decimal numbers, versions and times whole', () => {
    expect(tokenize('18,2 procent, version 2.9.10 kl. 14:30.')).toEqual(['18,2', 'procent', 'version', '2.9.10', 'kl', '14:30']);
  });

  it('removes control characters instead of keeping them in words', () => {
    expect(tokenize('snö\u0000röjning\u200b')).toEqual(['snö', 'röjning']);
  });
});
