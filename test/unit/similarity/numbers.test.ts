import { describe, expect, it } from 'vitest';
import { numberFactorOf, titleNumbersOf } from '../../../src/core/similarity/rerank.js';
import { stem } from '../../../src/core/similarity/text.js';

const titleStems = (words: string[], language: 'sv' | 'en') => words.map((word) => stem(word, language));
const numbersOf = (words: string[], language: 'sv' | 'en' = 'sv') => titleNumbersOf(titleStems(words, language), () => 1, language);

describe('titleNumbersOf', () => {
  it('reads number words as digits, in Swedish and English', () => {
    expect(numbersOf(['tre', 'vita', 'hundar'])).toEqual(new Set(['3']));
    expect(numbersOf(['fyra', 'cykelställ'])).toEqual(new Set(['4']));
    expect(numbersOf(['twelve', 'benches'], 'en')).toEqual(new Set(['12']));
  });

  it('leaves articles that double as "one" alone', () => {
    expect(numbersOf(['en', 'hund', 'och', 'ett', 'träd'])).toEqual(new Set());
    expect(numbersOf(['one', 'more', 'bench'], 'en')).toEqual(new Set());
  });

  it('counts only title words', () => {
    const stems = titleStems(['30', 'tre'], 'sv');
    expect(titleNumbersOf(stems, (i) => (i === 0 ? 1 : 0), 'sv')).toEqual(new Set(['30']));
  });
});

describe('numberFactorOf', () => {
  it('does not penalise equal numbers, whether written as words or digits', () => {
    expect(numberFactorOf(numbersOf(['tre', 'diplomater']), numbersOf(['3', 'diplomater']))).toBe(1);
    expect(numberFactorOf(new Set(), new Set())).toBe(1);
  });

  it('penalises a number on one side only less than two different numbers', () => {
    const oneSided = numberFactorOf(new Set(['30']), new Set());
    const different = numberFactorOf(new Set(['30']), new Set(['40']));
    expect(oneSided).toBeLessThan(1);
    expect(different).toBeLessThan(oneSided);
  });
});
