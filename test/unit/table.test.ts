import { describe, expect, it } from 'vitest';
import { displayWidth, fitTable, truncateWords } from '../../src/ui/table.js';

describe('truncateWords', () => {
  it('keeps text that fits and cuts longer text after the last whole word', () => {
    expect(truncateWords('Digitala lås', 12)).toBe('Digitala lås');
    expect(truncateWords('Digitala lås i hemtjänsten', 16)).toBe('Digitala lås i…');
    // The room ends exactly between two words: the last word is whole.
    expect(truncateWords('Digital nattillsyn med kamera', 19)).toBe('Digital nattillsyn…');
    expect(truncateWords('rubrik: lås, nycklar, hemtjänst', 14)).toBe('rubrik: lås…');
  });

  it('cuts inside a word only when one word is longer than most of the cell', () => {
    expect(truncateWords('Trygghetsvandringar med föreningar', 12)).toBe('Trygghetsva…');
    expect(displayWidth(truncateWords('Trygghetsvandringar', 12))).toBe(12);
  });
});

describe('fitTable', () => {
  const columns = [{ header: 'Id' }, { header: 'Rubrik', shrink: 2 }, { header: 'Varför', shrink: 1 }];
  const rows = [['0ZZ-AAAA1', 'Gemensam digital plattform för felanmälan av gatubelysning', 'rubrik: digital, plattform, felanmälan']];

  it('leaves a table that fits as it is', () => {
    expect(fitTable(columns, rows, 200).split('\n')[2]).toBe(rows[0]!.join('  '));
  });

  it('fits every line in the width, the title keeping about twice the room of the reasons', () => {
    const lines = fitTable(columns, rows, 60).split('\n');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(60);
    const [, title, why] = lines[2]!.split(/ {2,}/);
    expect(title!.endsWith('…')).toBe(true);
    expect(why!.endsWith('…')).toBe(true);
    expect(title!.length).toBeGreaterThan(why!.length);
  });

  it('never shrinks a column below its header or twelve characters; too narrow a screen gets the narrowest table possible', () => {
    const lines = fitTable(columns, rows, 20).split('\n');
    expect(lines[0]).toBe('Id         Rubrik        Varför');
    // Id (9), the title cut to 12, the reasons from column 9 + 2 + 12 + 2.
    expect(lines[2]!.indexOf('rubrik')).toBe(25);
    expect(lines[2]!.slice(11, 23).trim().endsWith('…')).toBe(true);
  });
});
