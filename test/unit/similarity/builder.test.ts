import { describe, expect, it } from 'vitest';
import { analyzeDoc, buildSimilarityIndex, createSimilarityIndexBuilder, type SearchOptions } from '../../../src/core/similarity/index.js';
import { REGISTER } from './fixtures.js';

const options: SearchOptions = { limit: 10, threshold: 0.5 };

describe('createSimilarityIndexBuilder', () => {
  it('builds the same index as buildSimilarityIndex, byte for byte', () => {
    const builder = createSimilarityIndexBuilder();
    REGISTER.forEach((doc, i) => builder.add(i % 2 === 0 ? doc : analyzeDoc(doc)));
    const built = builder.finish();
    const fresh = buildSimilarityIndex(REGISTER);
    expect(built.size).toBe(REGISTER.length);
    expect(Buffer.from(built.serialize()).equals(Buffer.from(fresh.serialize()))).toBe(true);
    const query = REGISTER[0]!;
    expect(built.findSimilar(query, options)).toEqual(fresh.findSimilar(query, options));
    expect(built.searchText(query.title, 10)).toEqual(fresh.searchText(query.title, 10));
  });

  it('is spent once finished', () => {
    const builder = createSimilarityIndexBuilder();
    builder.add(REGISTER[0]!);
    builder.finish();
    expect(() => builder.add(REGISTER[1]!)).toThrow();
  });

  it('builds an empty index', () => {
    const index = createSimilarityIndexBuilder().finish();
    expect(index.size).toBe(0);
    expect(index.findSimilar({ title: 'Gatubelysning', text: '' }, options)).toEqual([]);
    expect(index.searchText('gatubelysning', 10)).toEqual([]);
  });
});
