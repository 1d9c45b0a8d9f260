/**
 * The site's search index (search/words.bin, src/ui/site/site-words.ts): the
 * browser builds its duplicate index from the words `sluss site` writes, so
 * those words must give exactly the index the CLI builds from the ideas'
 * text. Checked byte for byte on the example register and on random text of
 * every kind (Swedish and English, numbers, repeated and very long words),
 * and a file that is not one is refused, never misread.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { similarityDoc } from '../../src/core/duplicates.js';
import { titleAndBodyOf } from '../../src/core/format/idea-file.js';
import { analyzeFields } from '../../src/core/similarity/analyze.js';
import { buildSimilarityIndex, createSimilarityIndexBuilder } from '../../src/core/similarity/index.js';
import { decodeSiteWords, encodeSiteWords, siteWordsOf, SiteWordsError, WordsAnalyzer } from '../../src/ui/site/site-words.js';

const REPO = new URL('../..', import.meta.url).pathname;

function exampleDocs() {
  const dir = join(REPO, 'ideas');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => {
      const { title, body } = titleAndBodyOf(readFileSync(join(dir, name), 'utf8'));
      return similarityDoc(name.slice(0, 9), title, body);
    });
}

describe('search/words.bin', () => {
  it('gives, decoded in the browser, the very index the CLI builds for the example register (the same bytes)', () => {
    const docs = exampleDocs();
    expect(docs.length).toBeGreaterThan(20);
    const bytes = encodeSiteWords(docs.map((doc) => siteWordsOf(doc.title, doc.text)));
    const analyzer = new WordsAnalyzer();
    const builder = createSimilarityIndexBuilder();
    decodeSiteWords(bytes).forEach((words, i) => builder.add(analyzer.analyze(docs[i]!.id, words)));
    expect(Buffer.from(builder.finish().serialize()).equals(Buffer.from(buildSimilarityIndex(docs).serialize()))).toBe(true);
    // What the page loads on first use: under an eighth of the CLI's saved index already for 42 ideas (less as a register grows).
    expect(bytes.length * 8).toBeLessThan(buildSimilarityIndex(docs).serialize().length);
  });

  it('analyses any title and text as the core does, after a round trip through the file', () => {
    const words = fc.constantFrom('skolan', 'skola', 'skolor', 'Hemtjänsten', 'the', 'and', 'och', 'inte', 'huset', '18,2', '2.9.10', 'åäö', 'e-tjänst', 'gatubelysning', 'a'.repeat(50), 'İstanbul', 'x\u030a', '🚌');
    const text = fc.array(fc.oneof(words, fc.string({ maxLength: 10 }), fc.constantFrom(' ', '\n', '. ', ', ')), { maxLength: 60 }).map((parts) => parts.join(' '));
    const analyzer = new WordsAnalyzer();
    fc.assert(
      fc.property(text, text, (title, body) => {
        const [decoded] = decodeSiteWords(encodeSiteWords([siteWordsOf(title, body)]));
        expect(analyzer.analyze('0AA-AAAAA', decoded!)).toEqual(analyzeFields('0AA-AAAAA', title, body));
      }),
      { numRuns: 300 },
    );
  });

  it('counts only the first 20,000 characters of a text, as the core does', () => {
    const long = `${'hemtjänst nyckel '.repeat(1500)}slutord`;
    const [decoded] = decodeSiteWords(encodeSiteWords([siteWordsOf('Nycklar', long)]));
    expect(new WordsAnalyzer().analyze('0AA-AAAAA', decoded!)).toEqual(analyzeFields('0AA-AAAAA', 'Nycklar', long));
    expect(decoded!.text.map(([word]) => word)).not.toContain('slutord');
  });

  it('refuses a file that is not one, cut short, or with a word it does not hold', () => {
    const bytes = encodeSiteWords([siteWordsOf('Digitala lås', 'Nycklar kommer bort.')]);
    expect(() => decodeSiteWords(new TextEncoder().encode('<!doctype html>'))).toThrow(SiteWordsError);
    expect(() => decodeSiteWords(bytes.subarray(0, bytes.length - 1))).toThrow(SiteWordsError);
    expect(() => decodeSiteWords(new Uint8Array([...bytes, 0]))).toThrow(SiteWordsError);
    const wrongWord = bytes.slice();
    wrongWord[wrongWord.length - 2] = 0x7f;
    expect(() => decodeSiteWords(wrongWord)).toThrow(/does not hold/);
  });
});
