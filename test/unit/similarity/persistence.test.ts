import { describe, expect, it } from 'vitest';
import {
  analyzeDoc,
  ANALYSIS_VERSION,
  buildSimilarityIndex,
  deserializeSimilarityIndex,
  INDEX_FORMAT_VERSION,
  IndexFormatError,
  serializedIndexVersion,
  type SearchOptions,
  type SimilarityDoc,
  type SimilarityIndex,
} from '../../../src/core/similarity/index.js';
import { REGISTER } from './fixtures.js';

const options: SearchOptions = { limit: 10, threshold: 0.5 };

const EXTRA: SimilarityDoc[] = [
  { id: 'cykelparkering', title: 'Säkra cykelparkeringar vid stationen', text: 'Låsbara cykelställ under tak, så att fler pendlar med cykel och tåg.' },
  { id: 'gatljus2', title: 'Släck gatubelysningen nattetid', text: 'Gatlamporna på småvägar släcks mellan ett och fem för att spara el.' },
  { id: 'v1', title: 'Hastighetsgräns 30 km/h vid skolor', text: '' },
  { id: 'english', title: 'Bus stop shelters with real-time displays', text: 'Residents want to see when the next bus arrives.' },
];

const QUERIES = [
  { title: 'Gatubelysning med LED-lampor och närvarostyrning', text: 'Dimra gatlamporna på natten.' },
  { title: 'Cykelställ vid stationen', text: '' },
  { title: 'Bokning av gympasalen för föreningar', text: 'En e-tjänst för lediga tider.' },
  { title: 'Hastighetsgräns 40 km/h vid skolor', text: '' },
  { title: 'Real-time displays at bus stops', text: '' },
  { title: 'Snöröjning', text: 'Plogning av cykelbanor före bilvägar på vintern.' },
  { title: '', text: '' },
];

function allResults(index: SimilarityIndex) {
  return {
    similar: QUERIES.map((query) => index.findSimilar(query, options)),
    excluded: index.findSimilar(QUERIES[0]!, { ...options, exclude: new Set(['gatljus']) }),
    search: ['gatubelysning', 'cykel', 'bibliotket', 'bus'].map((query) => index.searchText(query, 5)),
    size: index.size,
  };
}

describe('serialize and deserialize', () => {
  const docs = REGISTER.concat(EXTRA);
  const index = buildSimilarityIndex(docs.map(analyzeDoc));

  it('gives identical results after a round trip', () => {
    const data = index.serialize();
    expect(data).toBeInstanceOf(Uint8Array);
    const loaded = deserializeSimilarityIndex(data);
    expect(allResults(loaded)).toEqual(allResults(index));
    expect(loaded.serialize()).toEqual(data);
  });

  it('loads from an unaligned copy, as a Buffer slice may be', () => {
    const data = index.serialize();
    const padded = new Uint8Array(data.length + 1);
    padded.set(data, 1);
    expect(allResults(deserializeSimilarityIndex(padded.subarray(1)))).toEqual(allResults(index));
  });

  it('round-trips an empty index', () => {
    const empty = deserializeSimilarityIndex(buildSimilarityIndex([]).serialize());
    expect(empty.size).toBe(0);
    expect(empty.findSimilar(QUERIES[0]!, options)).toEqual([]);
  });

  it('reports its versions and label and rejects other data', () => {
    expect(serializedIndexVersion(index.serialize())).toEqual({ format: INDEX_FORMAT_VERSION, analysisVersion: ANALYSIS_VERSION, label: '' });
    expect(serializedIndexVersion(index.serialize('digest-1'))?.label).toBe('digest-1');
    expect(allResults(deserializeSimilarityIndex(index.serialize('digest-1')))).toEqual(allResults(index));
    expect(serializedIndexVersion(new Uint8Array([1, 2, 3]))).toBeUndefined();
    expect(() => deserializeSimilarityIndex(new TextEncoder().encode('{"not":"an index"}'))).toThrow(IndexFormatError);
    expect(() => deserializeSimilarityIndex(index.serialize().subarray(0, 100))).toThrow(IndexFormatError);
  });
});

describe('withChanges', () => {
  const analysed = REGISTER.concat(EXTRA).map(analyzeDoc);
  const fresh = (docs: typeof analysed) => buildSimilarityIndex(docs);

  it('equals a fresh build after adding and removing docs', () => {
    const start = fresh(analysed.slice(0, 6));
    const changed = start.withChanges({ add: analysed.slice(6), remove: ['lokalbokning', 'matsvinn'] });
    const expected = fresh(analysed.filter((doc) => !['lokalbokning', 'matsvinn'].includes(doc.id)));
    expect(allResults(changed)).toEqual(allResults(expected));
    // findSimilar breaks ties by id, so the order of the docs does not matter either.
    const reversed = fresh([...analysed].reverse().filter((doc) => !['lokalbokning', 'matsvinn'].includes(doc.id)));
    expect(allResults(changed).similar).toEqual(allResults(reversed).similar);
  });

  it('replaces a doc added again under the same id and leaves the original index unchanged', () => {
    const start = fresh(analysed);
    const before = allResults(start);
    const edited = analyzeDoc({ id: 'gatljus', title: 'Solcellsdrivna gatlampor', text: 'Gatlampor med egna solceller och batteri.' });
    const changed = start.withChanges({ add: [edited] });
    expect(allResults(changed)).toEqual(allResults(fresh(analysed.filter((doc) => doc.id !== 'gatljus').concat(edited))));
    expect(changed.size).toBe(start.size);
    expect(allResults(start)).toEqual(before);
  });

  it('chains changes on a loaded index, and forks from one index without interference', () => {
    const loaded = deserializeSimilarityIndex(fresh(analysed.slice(0, 4)).serialize());
    const left = loaded.withChanges({ add: analysed.slice(4, 8) });
    const right = loaded.withChanges({ add: analysed.slice(8), remove: ['gatljus'] });
    const leftAgain = left.withChanges({ remove: ['snorojning'] }).withChanges({ add: [analysed[3]!] });
    expect(allResults(left)).toEqual(allResults(fresh(analysed.slice(0, 8))));
    expect(allResults(right)).toEqual(allResults(fresh(analysed.slice(1, 4).concat(analysed.slice(8)))));
    expect(allResults(leftAgain)).toEqual(allResults(fresh(analysed.slice(0, 8))));
    expect(allResults(deserializeSimilarityIndex(right.serialize()))).toEqual(allResults(right));
  });

  it('removes everything', () => {
    const emptied = fresh(analysed).withChanges({ remove: analysed.map((doc) => doc.id) });
    expect(emptied.size).toBe(0);
    expect(emptied.findSimilar(QUERIES[0]!, options)).toEqual([]);
  });
});
