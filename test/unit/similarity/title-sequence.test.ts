import { describe, expect, it } from 'vitest';
import { MAX_SEQUENCE_CHARS, sequenceTitleOf, titleSequenceSimilarity } from '../../../src/core/similarity/title-sequence.js';

describe('sequenceTitleOf', () => {
  it('stems each word of a title', () => {
    expect(sequenceTitleOf('torget vid skolan', 'sv')).toBe(sequenceTitleOf('torg vid skola', 'sv'));
    expect(sequenceTitleOf('', 'sv')).toBe('');
  });

  it('drops diacritics, so that umlaut alternations differ in no letter', () => {
    expect(sequenceTitleOf('två män', 'sv')).toBe(sequenceTitleOf('tva man', 'sv'));
    expect(titleSequenceSimilarity(sequenceTitleOf('städer', 'sv'), sequenceTitleOf('stad', 'sv'))).toBe(1);
    expect(titleSequenceSimilarity('städer', 'stad')).toBeLessThan(1);
  });
});

describe('titleSequenceSimilarity', () => {
  it('is 1 for equal titles and 0 when either is empty', () => {
    expect(titleSequenceSimilarity('ny lekplats', 'ny lekplats')).toBe(1);
    expect(titleSequenceSimilarity('', 'ny lekplats')).toBe(0);
  });

  it('counts the longest common subsequence of letters against both lengths', () => {
    // "abc" in "axbxc": 2 * 3 / (3 + 5)
    expect(titleSequenceSimilarity('abc', 'axbxc')).toBeCloseTo(0.75);
    expect(titleSequenceSimilarity('axbxc', 'abc')).toBeCloseTo(0.75);
  });

  it('credits letters in order, not a bag of them', () => {
    expect(titleSequenceSimilarity('abcd', 'dcba')).toBeLessThan(titleSequenceSimilarity('abcd', 'abdc'));
  });

  it('rates inflected forms of one title above a different title once stemmed', () => {
    const query = sequenceTitleOf('mannen sitter på bänken', 'sv');
    const same = sequenceTitleOf('en man sitter på en bänk', 'sv');
    const other = sequenceTitleOf('kvinnan står vid bussen', 'sv');
    expect(titleSequenceSimilarity(query, same)).toBeGreaterThan(titleSequenceSimilarity(query, other));
  });

  it('compares long titles by their start only', () => {
    const start = 'a'.repeat(MAX_SEQUENCE_CHARS);
    expect(titleSequenceSimilarity(start + 'x'.repeat(10_000), start + 'y'.repeat(10_000))).toBe(1);
  });
});
