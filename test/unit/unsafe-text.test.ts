/** Control characters and personal data in what a command is about to write, and the terminal's escaping. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { controlCharacterLabel, findControlCharacter } from '../../src/core/control-characters.js';
import { renderBody } from '../../src/core/format/idea-file.js';
import { changedTextFields, draftTextFields, fieldLabel, findUnsafeText, ideaTextFields } from '../../src/core/unsafe-text.js';
import { safeLine, safeText } from '../../src/ui/terminal-text.js';

describe('findControlCharacter', () => {
  it('finds C0, DEL and C1, and names them', () => {
    expect(findControlCharacter('ok', false)).toBeUndefined();
    expect(findControlCharacter('a\u001b]0;x\u0007', false)).toMatchObject({ index: 1, label: 'ESC (U+001B)' });
    expect(findControlCharacter('a\u009b2J', true)).toMatchObject({ label: 'CSI (U+009B)' });
    expect(findControlCharacter('a\u007f', true)).toMatchObject({ label: 'DEL (U+007F)' });
    expect(controlCharacterLabel(0x85)).toBe('U+0085');
  });

  it('lets multi-line text hold newline, tab and CR LF, never a lone CR; one-line text none of them', () => {
    expect(findControlCharacter('rad ett\r\n\trad två\n', true)).toBeUndefined();
    expect(findControlCharacter('skriv över\rfalsk text', true)).toMatchObject({ label: 'CR (U+000D)' });
    expect(findControlCharacter('rad\nrad', false)).toMatchObject({ label: 'LF (U+000A)' });
    expect(findControlCharacter('a\tb', false)).toMatchObject({ label: 'TAB (U+0009)' });
  });
});

describe('findUnsafeText', () => {
  const data = {
    id: '0ZZ-AAAA1',
    title: 'Bokbuss',
    tags: ['bibliotek'],
    history: [{ date: '2026-01-01', status: 'inkommen', by: 'Eva', note: 'Rad ett\nRad två' }],
    'x-diarienummer': 'KS 2026/1\n\tbilaga',
  };
  const body = renderBody({ problem: 'Långt till biblioteket.' });

  it('walks every field, x- fields included, and lets notes, sections and x- fields span lines', () => {
    const fields = ideaTextFields(data, body);
    expect(fields.map((f) => f.field)).toEqual(expect.arrayContaining(['title', 'tags.0', 'history.0.note', 'history.0.by', 'x-diarienummer', 'text.problem', 'text']));
    expect(findUnsafeText(fields, { consent: false })).toEqual([]);
  });

  it('finds an escape in an x- field, a phone number in a note, and an e-mail address in a section, each once', () => {
    const bad = { ...data, 'x-ref': 'KS\u001b[2J', history: [{ ...data.history[0]!, note: 'Ring 070-123 45 67' }] };
    const found = findUnsafeText(ideaTextFields(bad, renderBody({ problem: 'Mejla eva@hjo.se' })), { consent: false });
    expect(found).toEqual([
      { kind: 'personal-data', field: 'history.0.note', data: 'phone', masked: '07*********67' },
      { kind: 'control-character', field: 'x-ref', character: 'ESC (U+001B)', lineBreak: false },
      { kind: 'personal-data', field: 'text.problem', data: 'email', masked: 'ev******se' },
    ]);
  });

  it('allows personal data when the submitter’s consent is recorded, as validate does, but never a control character', () => {
    const fields = ideaTextFields({ ...data, title: 'Eva\u0007', received_by: 'eva@hjo.se' }, body);
    expect(findUnsafeText(fields, { consent: true }).map((f) => f.kind)).toEqual(['control-character']);
  });

  it('checks only what a write adds or changes', () => {
    const before = { data: { ...data, received_by: 'eva@hjo.se' }, body };
    const after = { data: { ...before.data, history: [...data.history, { date: '2026-02-01', status: 'forsta-bedomning', by: 'Eva', note: 'Klar' }] }, body };
    expect(changedTextFields(before, after).map((f) => f.field)).toEqual(['history.1.date', 'history.1.status', 'history.1.by', 'history.1.note']);
    expect(findUnsafeText(changedTextFields(before, after), { consent: false })).toEqual([]);
  });

  it('names the flag a field came from', () => {
    expect(['title', 'text.benefit', 'tags.2', 'history.4.note', 'history.4.by', 'assessment.by', 'assessment.motivation', 'received_by', 'x-ref'].map(fieldLabel)).toEqual([
      'title (--title)',
      'text.benefit (--benefit)',
      'tags.2 (--tags)',
      'history.4.note (--note)',
      'history.4.by (--by)',
      'assessment.by (--by)',
      'assessment.motivation (--motivation)',
      'received_by (--received-by)',
      'x-ref',
    ]);
  });
});

describe('a refused draft', () => {
  const draft = { title: 'Bok\u001b]0;x\u0007buss\u009b', problem: 'Rad ett\n\tRad två \u001b[2J', municipality: 'hjo', tags: ['a\u007f'], receivedBy: 'Eva', submitter: { name: 'Eva Ek', email: 'eva@hjo.se', consent: { date: '2026-01-01' } } };

  it('is checked as typed, named by its flags', () => {
    expect(findUnsafeText(draftTextFields(draft), { consent: true }).map((f) => f.field)).toEqual(['--title', '--problem', '--tags']);
  });
});

describe('the terminal escaping', () => {
  it('shows every control character as a visible escape, keeping newlines and tabs only in multi-line text', () => {
    expect(safeLine('a\u001b]0;x\u0007b\u009b2J\u007f\n\t')).toBe('a\\x1B]0;x\\x07b\\x9B2J\\x7F\\n\\t');
    expect(safeText('rad\n\tett\r\n\u001b[2J\rx')).toBe('rad\n\tett\r\n\\x1B[2J\\rx');
  });

  it('leaves no control character behind, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(safeLine(text)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        expect(findControlCharacter(safeText(text), true)).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });
});
