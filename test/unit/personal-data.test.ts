import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMAIL, findPersonalData, IDENTITY_NUMBER, isIdentityNumber, luhnValid, maskPersonalData, mayHoldPersonalData, PHONE } from '../../src/core/personal-data.js';

const kinds = (text: string) => findPersonalData(text).map((hit) => hit.kind);

describe('personal data guard', () => {
  it('checks personnummer with the Luhn digit and a real date', () => {
    expect(luhnValid('1212121212')).toBe(true);
    expect(luhnValid('1212121213')).toBe(false);
    expect(isIdentityNumber('121212', '1212')).toBe(true);
    expect(isIdentityNumber('121272', '1210')).toBe(luhnValid('1212721210'));
    expect(isIdentityNumber('121312', '1212')).toBe(false);
    expect(kinds('Kontakta 19121212-1212 om idén')).toEqual(['personnummer']);
    expect(kinds('Kontakta 121212-1212')).toEqual(['personnummer']);
    expect(kinds('Ärende 121212-1213')).toEqual([]);
  });

  it('finds e-mail addresses and Swedish phone numbers', () => {
    expect(kinds('Mejla anna.svensson@skovde.se')).toEqual(['email']);
    expect(kinds('Ring 070-123 45 67')).toEqual(['phone']);
    expect(kinds('Ring +46 70 123 45 67')).toEqual(['phone']);
    expect(kinds('Växeln 0500-49 80 00')).toEqual(['phone']);
  });

  it('does not take an all-digit idea id for a phone number', () => {
    expect(kinds('id: 029-02426, se även 029-02427.')).toEqual([]);
    expect(kinds('Ring 029-024260')).toEqual(['phone']);
  });

  it('leaves dates, ids, amounts and years alone', () => {
    expect(kinds('Beslut 2026-11-27, id 115-7M4QD, kostnad 120 000 kr, 900 brukare, år 2025, KS 2026/114')).toEqual([]);
  });

  it('masks what it reports', () => {
    expect(findPersonalData('anna.svensson@skovde.se')[0]!.masked).toBe('an*******************se');
  });

  it('skips only texts where no pattern can match', () => {
    const piece = fc.constantFrom('0', '1', '4', '6', '9', ' ', '-', '(', ')', '+', '@', 'a', 'x.se', '\n', 'ö', '19', '0046', '+46');
    const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (candidate) => {
        const anyPattern = [EMAIL, PHONE, IDENTITY_NUMBER].some((pattern) => new RegExp(pattern.source).test(candidate));
        if (anyPattern) expect(mayHoldPersonalData(candidate), candidate).toBe(true);
      }),
      { numRuns: 5000 },
    );
    expect(mayHoldPersonalData('Det gäller 185 ärenden i månaden')).toBe(false);
  });
});

describe('maskPersonalData', () => {
  it('masks every hit in place and leaves the rest of the text', () => {
    expect(maskPersonalData('Ring 070-123 45 67 eller mejla eva@hjo.se, pnr 19121212-1212.')).toBe('Ring 07*********67 eller mejla ev******se, pnr 19*********12.');
    expect(maskPersonalData('Inget här, id 029-02426.')).toBe('Inget här, id 029-02426.');
  });
});
