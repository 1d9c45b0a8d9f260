import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayPart, ID_PATTERN, isIdeaId, newIdeaId, normalizeIdInput } from '../../src/core/ids.js';
import { idFromFileName } from '../../src/core/ids.js';
import { FALLBACK_SLUG, ideaFileName, MAX_SLUG_LENGTH, slugify } from '../../src/core/slug.js';
import { seededRandom } from '../helpers/context.js';

describe('idea ids', () => {
  it('start with the creation day, so later ideas sort after earlier ones', () => {
    expect(dayPart('2024-01-01')).toBe('000');
    expect(dayPart('2026-11-27')).toBe('115');
    const days = ['2025-03-09', '2025-12-31', '2026-01-01', '2026-11-27', '2031-06-30'];
    const ids = days.map((day) => newIdeaId(day, seededRandom(day)));
    expect([...ids].sort()).toEqual(ids);
  });

  it('use only the unambiguous alphabet and match the schema pattern', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 5, maxLength: 5 }), fc.date({ min: new Date('2024-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (bytes, date) => {
        const id = newIdeaId(date.toISOString().slice(0, 10), () => bytes);
        expect(id).toMatch(ID_PATTERN);
        expect(id).not.toMatch(/[ILOU]/);
      }),
    );
  });

  it('draw again when the id is already taken in this clone', () => {
    const random = seededRandom('clash');
    const first = newIdeaId('2026-11-27', seededRandom('clash'));
    const second = newIdeaId('2026-11-27', random, new Set([first]));
    expect(second).not.toBe(first);
    expect(second.slice(0, 3)).toBe(first.slice(0, 3));
  });

  it('read as people type them: lower case, no dash, I/L for 1 and O for 0', () => {
    expect(normalizeIdInput('115-7m4qd')).toBe('115-7M4QD');
    expect(normalizeIdInput('1157M4QD')).toBe('115-7M4QD');
    expect(normalizeIdInput('ll5-7m4qd')).toBe('115-7M4QD');
    expect(normalizeIdInput('1O5-7M4QD')).toBe('105-7M4QD');
    expect(isIdeaId('115-7M4QD')).toBe(true);
    expect(isIdeaId('115-7M4QU')).toBe(false);
  });
});

describe('slugs and file names', () => {
  it('transliterate Swedish letters to ASCII', () => {
    expect(slugify('Översyn av äldreomsorgens nattpatrull på Åsen')).toBe('oversyn-av-aldreomsorgens-nattpatrull-pa-asen');
  });

  it('are bounded, cut at a word and never end in a dash', () => {
    const slug = slugify('Gemensam upphandling av elbilar till kommunernas bilpooler i hela Skaraborg och Västra Götaland');
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug).toBe('gemensam-upphandling-av-elbilar-till-kommunernas');
  });

  it('are never empty and never a reserved device name', () => {
    expect(slugify('😀🎉')).toBe(FALLBACK_SLUG);
    expect(slugify('!!!')).toBe(FALLBACK_SLUG);
    expect(slugify('')).toBe(FALLBACK_SLUG);
    expect(slugify('CON')).toBe('con-ide');
    expect(slugify('nul')).toBe('nul-ide');
    expect(slugify('../../etc/passwd')).toBe('etc-passwd');
  });

  it('give a file name inside ideas/ for any title', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (title) => {
        const name = ideaFileName('115-7M4QD', title);
        expect(name).toMatch(/^115-7M4QD-[a-z0-9]+(-[a-z0-9]+)*\.md$/);
        expect(name.length).toBeLessThanOrEqual(10 + MAX_SLUG_LENGTH + 3);
        expect(idFromFileName(name)).toBe('115-7M4QD');
      }),
    );
  });
});
