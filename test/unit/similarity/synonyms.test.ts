import { describe, expect, it } from 'vitest';
import { buildSimilarityIndex, DEFAULT_DUPLICATE_THRESHOLD } from '../../../src/core/similarity/index.js';
import { WordMatcher } from '../../../src/core/similarity/word-matcher.js';
import { SynonymTable, swedishSynonymTable, synonymsFor } from '../../../src/core/similarity/synonyms.js';
import { stem } from '../../../src/core/similarity/text.js';
import { SWEDISH_SYNONYM_ENDINGS } from './synonyms-sv-endings.generated.js';

const shipped = swedishSynonymTable();
const lines = shipped.text.split('\n');
const stems = lines.map((line) => line.replace(/[0-9A-Z]+$/, ''));
const sv = synonymsFor('sv') as NonNullable<ReturnType<typeof synonymsFor>>;

describe('the Swedish synonym table', () => {
  it('is keyed by the stems `stem` gives today (rebuild with scripts/build-synonyms.mjs if not)', () => {
    const endings = SWEDISH_SYNONYM_ENDINGS.split(' ');
    expect(endings).toHaveLength(lines.length);
    const stale = stems.flatMap((key, i) => {
      const word = key + (endings[i] as string);
      return stem(word, 'sv') === key ? [] : [`${word}: ${stem(word, 'sv')}, table ${key}`];
    });
    expect(stale).toEqual([]);
  });

  it('is sorted, symmetric and holds the number of lines it declares', () => {
    expect(lines).toHaveLength(shipped.lineCount);
    expect(stems.every((key, i) => key.length > 0 && (i === 0 || (stems[i - 1] as string) < key))).toBe(true);
    const table = shipped;
    const wrong = stems.filter((key) => {
      const synonyms = table.synonyms(key) ?? [];
      return synonyms.length === 0 || synonyms.includes(key) || synonyms.some((other) => !(table.synonyms(other) ?? []).includes(key));
    });
    expect(wrong).toEqual([]);
  });

  it('finds a stem\'s synonyms, and nothing for words it lacks', () => {
    expect(sv(stem('papperskorg', 'sv'))).toContain(stem('soptunna', 'sv'));
    expect(sv(stem('soptunnor', 'sv'))).toContain(stem('papperskorgar', 'sv'));
    expect(sv(stem('gratis', 'sv'))).toContain(stem('avgiftsfri', 'sv'));
    expect(sv(stem('lekplats', 'sv'))).toEqual([stem('lekpark', 'sv')]);
    expect(sv(stem('kommunfullmäktige', 'sv'))).toBeUndefined();
    expect(sv('')).toBeUndefined();
    expect(sv('ööööö')).toBeUndefined();
  });

  it('leaves out derivations whose stem is another word\'s ("manlig" -> "man")', () => {
    expect(sv('man') ?? []).not.toContain('kvinn');
  });

  it('is read on first lookup, not when it is made', () => {
    const table = new SynonymTable('ab001\ncd000', 3);
    expect(() => table.synonyms('ab')).toThrow(/2 lines, expected 3/);
    expect(new SynonymTable('ab001\ncd000', 2).synonyms('ab')).toEqual(['cd']);
  });
});

describe('synonyms in matching', () => {
  const matcher = new WordMatcher(() => false);
  const content = (language: 'sv' | 'en', ...words: string[]) =>
    matcher.contentStems(
      words.map((word) => stem(word, language)),
      language,
      () => 1,
    );

  it('counts a Swedish word as matched by its synonym, both ways', () => {
    const query = content('sv', 'fler', 'papperskorgar', 'parken');
    const doc = content('sv', 'fler', 'soptunnor', 'parken');
    expect(matcher.unmatchedBoth(query, doc)).toEqual({ queryUnmatched: 0, docUnmatched: 0 });
    expect(matcher.unmatchedBoth(query, content('sv', 'fler', 'bänkar', 'parken')).queryUnmatched).toBeCloseTo(1 / 3);
  });

  it('matches synonyms, and only exact words and synonyms, in texts too long for soft matching', () => {
    const filler = Array.from({ length: 41 }, (_, i) => `ämne${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
    const query = content('sv', ...filler, 'papperskorgar');
    expect(query.terms.length).toBeGreaterThan(41);
    expect(matcher.unmatchedBoth(query, content('sv', ...filler, 'soptunnor'))).toEqual({ queryUnmatched: 0, docUnmatched: 0 });
    // "papperskorgsfabrik" begins with "papperskorg": a soft match in short texts, none in long ones.
    expect(matcher.unmatchedBoth(content('sv', 'papperskorgar'), content('sv', 'papperskorgsfabrik')).queryUnmatched).toBeLessThan(0.5);
    const long = matcher.unmatchedBoth(query, content('sv', ...filler, 'papperskorgsfabrik'));
    expect(long.queryUnmatched).toBeGreaterThan(0);
    expect(long.docUnmatched).toBeGreaterThan(0);
  });

  it('gives the same answer both ways round, also when a word is on both sides and its synonym on one', () => {
    const short = content('sv', 'gratis', 'parkering');
    const long = content('sv', 'gratis', 'avgiftsfri', 'parkering');
    const forward = matcher.unmatchedBoth(short, long);
    const backward = matcher.unmatchedBoth(content('sv', 'gratis', 'avgiftsfri', 'parkering'), content('sv', 'gratis', 'parkering'));
    expect(forward).toEqual({ queryUnmatched: 0, docUnmatched: 0 });
    expect(backward).toEqual({ queryUnmatched: forward.docUnmatched, docUnmatched: forward.queryUnmatched });
  });

  it('matches synonyms in long texts too, where soft matching is off', () => {
    const filler = Array.from({ length: 45 }, (_, i) => `ord${String.fromCharCode(97 + (i % 26))}${i}`);
    const query = content('sv', 'gratis', ...filler);
    const doc = content('sv', 'avgiftsfri', ...filler);
    expect(matcher.unmatchedBoth(query, doc)).toEqual({ queryUnmatched: 0, docUnmatched: 0 });
  });

  it('has no synonyms for English', () => {
    expect(synonymsFor('en')).toBeUndefined();
    const query = content('en', 'papperskorg');
    expect(matcher.unmatchedBoth(query, content('en', 'soptunna')).queryUnmatched).toBe(1);
  });

  it('ranks the idea saying the same in other words first, and more confidently', () => {
    const index = buildSimilarityIndex([
      { id: 'soptunnor', title: 'Fler soptunnor i stadsparken', text: '' },
      { id: 'bankar', title: 'Fler bänkar i stadsparken', text: '' },
      { id: 'lekpark', title: 'Ny lekpark vid Ekbackens skola', text: '' },
      { id: 'belysning', title: 'Bättre belysning vid Ekbackens skola', text: '' },
    ]);
    const options = { limit: 4, threshold: DEFAULT_DUPLICATE_THRESHOLD };
    const bins = index.findSimilar({ title: 'Fler papperskorgar i stadsparken', text: '' }, options);
    expect(bins.map(({ id }) => id).slice(0, 2)).toEqual(['soptunnor', 'bankar']);
    expect(bins[0]?.score).toBeGreaterThan((bins[1]?.score ?? 0) + 0.1);
    const playground = index.findSimilar({ title: 'Bygg en ny lekplats vid Ekbackens skola', text: '' }, options);
    expect(playground[0]?.id).toBe('lekpark');
    expect(playground[0]?.confidence).toBeGreaterThan(playground[1]?.confidence ?? 0);
  });
});
