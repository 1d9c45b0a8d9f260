import { describe, expect, it } from 'vitest';
import { splitCompound } from '../../../src/core/similarity/compounds.js';
import { WordMatcher } from '../../../src/core/similarity/word-matcher.js';

const known = (...stems: string[]) => {
  const vocabulary = new Set(stems);
  return (part: string) => vocabulary.has(part);
};

describe('splitCompound', () => {
  it('splits a compound into two parts the register knows', () => {
    expect(splitCompound('hemtjänst', known('hem', 'tjänst'))).toEqual(['hem', 'tjänst']);
  });

  it('strips a linking letter from the modifier', () => {
    expect(splitCompound('arbetsplats', known('arbet', 'plats'))).toEqual(['arbet', 'plats']);
    expect(splitCompound('gatubelysning', known('gat', 'belysning'))).toEqual(['gat', 'belysning']);
  });

  it('prefers the longest known head', () => {
    expect(splitCompound('simhallsbad', known('sim', 'hallsbad', 'simhall', 'bad'))).toEqual(['sim', 'hallsbad']);
  });

  it('leaves a word alone when a part is unknown or too short', () => {
    expect(splitCompound('hemtjänst', known('tjänst'))).toEqual([]);
    expect(splitCompound('ombud', known('om', 'bud'))).toEqual([]);
  });
});

describe('compound parts in soft matching', () => {
  const content = (matcher: WordMatcher, ...terms: string[]) => matcher.contentStems(terms, 'sv', () => 1);

  it('gives a shared compound head partial credit where the register knows the parts', () => {
    const withParts = new WordMatcher(known('idrott', 'sport', 'hall'));
    const withoutParts = new WordMatcher(known());
    const unmatched = (matcher: WordMatcher) => matcher.unmatchedBoth(content(matcher, 'idrottshall'), content(matcher, 'sporthall')).queryUnmatched;
    expect(unmatched(withParts)).toBeCloseTo(0.3);
    expect(unmatched(withoutParts)).toBeGreaterThan(0.5);
  });

  it('gives a shared modifier less credit than a shared head', () => {
    const matcher = new WordMatcher(known('sim', 'hall', 'bassäng', 'sport'));
    const sharedModifier = matcher.unmatchedBoth(content(matcher, 'simhall'), content(matcher, 'simbassäng')).queryUnmatched;
    const sharedHead = matcher.unmatchedBoth(content(matcher, 'simhall'), content(matcher, 'sporthall')).queryUnmatched;
    expect(sharedHead).toBeLessThan(sharedModifier);
    expect(sharedModifier).toBeCloseTo(0.5);
  });
});
