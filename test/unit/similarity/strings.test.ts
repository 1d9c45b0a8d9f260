import { describe, expect, it } from 'vitest';
import { ArrayStrings, GatheredStrings, PackedStrings } from '../../../src/core/similarity/strings.js';

/** Deterministic pseudo-random text over ASCII, Swedish letters, other scripts and emoji (surrogate pairs). */
function randomStrings(count: number, seed: number): string[] {
  const alphabet = ['a', 'Z', ' ', '\n', '-', 'å', 'ä', 'Ö', 'é', 'ß', 'Ж', '中', '€', '😀', '👩‍💻', '\u00a0'];
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state;
  };
  return Array.from({ length: count }, () => {
    // Lengths both below and above the size where decoding switches from the loop to TextDecoder.
    const length = next() % 3 === 0 ? 40 + (next() % 120) : next() % 30;
    return Array.from({ length }, () => alphabet[next() % alphabet.length]).join('');
  });
}

describe('PackedStrings', () => {
  it('gives back every string, in any order, whatever its characters', () => {
    const strings = ['', ...randomStrings(500, 7)];
    const packed = PackedStrings.pack(new ArrayStrings(strings));
    expect(packed.length).toBe(strings.length);
    expect(packed.blob.byteLength).toBe(new TextEncoder().encode(strings.join('')).byteLength);
    for (let i = strings.length - 1; i >= 0; i -= 1) expect(packed.get(i)).toBe(strings[i]);
    // Read again from the bytes alone, as a loaded index does.
    const loaded = new PackedStrings(packed.blob.slice(), packed.offsets.slice());
    expect(Array.from({ length: strings.length }, (_, i) => loaded.get(i))).toEqual(strings);
    // A column that decodes each string afresh (long surfaces) reads the same, every time.
    const unremembered = new PackedStrings(packed.blob.slice(), packed.offsets.slice(), false);
    for (let round = 0; round < 2; round += 1) expect(Array.from({ length: strings.length }, (_, i) => unremembered.get(i))).toEqual(strings);
  });

  it('stores a lone surrogate as U+FFFD, as TextEncoder does, without shifting the strings after it', () => {
    const packed = PackedStrings.pack(new ArrayStrings(['a\ud800b', 'åäö']));
    expect(packed.get(0)).toBe('a\ufffdb');
    expect(packed.get(1)).toBe('åäö');
  });

  it('packs a saved column with some strings kept, some dropped and some new to the same bytes as packing the strings themselves', () => {
    const base = PackedStrings.pack(new ArrayStrings(randomStrings(300, 7)));
    const added = [...randomStrings(20, 11), 'lone \ud800 surrogate'];
    // Every third base string dropped, the rest in a shuffled order, the new ones between them.
    const from: number[] = [];
    for (let i = 0; i < base.length; i += 1) if (i % 3 !== 0) from.push((i * 7) % base.length);
    added.forEach((_, a) => from.splice((a * 13) % from.length, 0, -(a + 1)));
    const gathered = new GatheredStrings(base, Int32Array.from(from), added);
    const packed = PackedStrings.pack(gathered);
    const direct = PackedStrings.pack(new ArrayStrings(Array.from({ length: gathered.length }, (_, i) => gathered.get(i))));
    expect(packed).not.toBe(base);
    expect(Array.from(packed.offsets)).toEqual(Array.from(direct.offsets));
    expect(Buffer.from(packed.blob).equals(Buffer.from(direct.blob))).toBe(true);
    expect(Array.from({ length: packed.length }, (_, i) => packed.get(i))).toEqual(Array.from({ length: gathered.length }, (_, i) => gathered.get(i).replace('\ud800', '\ufffd')));
  });
});
