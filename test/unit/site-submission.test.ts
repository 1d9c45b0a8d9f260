/**
 * The submission the site's form composes, and reading it back: the same
 * fields, Swedish characters and line breaks intact, through mailto:, issue
 * links, saved e-mails (quoted-printable, base64, multipart, format=flowed,
 * Latin-1) and GitHub issue-form bodies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeSubmission, issueUrl, mailtoUrl, municipalityValue, parseSubmissionBody, type Submission } from '../../src/core/submission.js';
import { submissionText } from '../../src/core/submission-mail.js';

const FIELDS: Submission = {
  title: 'Gemensam snöröjning för gång- och cykelvägar',
  problem: 'Snöröjningen sker olika i varje kommun.\n\nÄldre halkar på väg till vårdcentralen – ”varje vinter”.',
  idea: '### inte en rubrik\nEn gemensam upphandling & samma prioritering.',
  benefit: 'Färre halkolyckor.',
  municipality: 'skovde',
  name: 'Eva Åström',
  email: 'eva.astrom@example.se',
};

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The body of a mailto: link as a mail program puts it in the message. */
function bodyOfMailto(href: string): string {
  return new URL(href).searchParams.get('body')!;
}

describe('composeSubmission / parseSubmissionBody', () => {
  it('round trip in both languages: exactly the fields typed, the municipality as its code', () => {
    for (const lang of ['sv', 'en'] as const) {
      const { subject, body } = composeSubmission({ ...FIELDS, municipality: municipalityValue('Skövde', 'skovde') }, lang);
      expect(subject).toBe(lang === 'sv' ? `Ny idé: ${FIELDS.title}` : `New idea: ${FIELDS.title}`);
      expect(parseSubmissionBody(body)).toEqual({ fields: FIELDS, missing: [] });
    }
  });

  it('round trip for any text: headings inside a value, backslashes, CRLF', () => {
    const line = fc.stringMatching(/^[a-zA-ZåäöÅÄÖé #\\_\-.,:;!?"'()0-9]{0,30}$/);
    const text = fc.array(line, { minLength: 1, maxLength: 6 }).map((lines) => lines.join('\n').replace(/^\n+|\n+$/g, ''));
    fc.assert(
      fc.property(text, text, text, (title, problem, idea) => {
        const fields: Submission = { ...FIELDS, title: title.replace(/\n/g, ' '), problem, idea };
        const { body } = composeSubmission(fields, 'sv');
        const read = parseSubmissionBody(body.replace(/\n/g, '\r\n')).fields;
        for (const key of ['title', 'problem', 'idea'] as const) expect(read[key]).toBe(fields[key].trim() === '' ? '' : fields[key]);
      }),
      { numRuns: 300 },
    );
  });

  it('names what is missing', () => {
    const { body } = composeSubmission({ ...FIELDS, problem: '', municipality: '' }, 'sv');
    expect(parseSubmissionBody(body).missing).toEqual(['problem', 'municipality']);
    expect(parseSubmissionBody('Hej!\nJag har en idé.').missing).toEqual(['title', 'problem', 'idea', 'municipality']);
  });

  it('reads a GitHub issue-form body, "_No response_" as empty', () => {
    const body = '### Titel\n\nBättre skyltning\n\n### Problem/behov\n\nBesökare går vilse.\n\n### Idé/lösning\n\nNya skyltar.\n\n### Nytta\n\n_No response_\n\n### Kommun\n\nHjo (hjo)\n';
    expect(parseSubmissionBody(body).fields).toMatchObject({ title: 'Bättre skyltning', benefit: '', municipality: 'hjo' });
  });
});

describe('mailto: and issue links', () => {
  it('mailto: is UTF-8, percent-encoded, with CRLF line breaks, and reads back', () => {
    const { subject, body } = composeSubmission(FIELDS, 'sv');
    const href = mailtoUrl('ideer@skovde.se', subject, body);
    expect(href.startsWith('mailto:ideer@skovde.se?subject=Ny%20id%C3%A9%3A%20')).toBe(true);
    expect(href).not.toMatch(/[\s<>"]/);
    expect(href).not.toMatch(/(?<!%0D)%0A/);
    expect(parseSubmissionBody(bodyOfMailto(href)).fields).toEqual(FIELDS);
  });

  it('GitHub and GitLab new-issue links carry the title and the body', () => {
    const { subject, body } = composeSubmission(FIELDS, 'sv');
    const github = new URL(issueUrl('https://github.com/skaraborg/ideer/issues/new', subject, body));
    expect(github.searchParams.get('title')).toBe(subject);
    expect(parseSubmissionBody(github.searchParams.get('body')!).fields).toEqual(FIELDS);
    const gitlab = new URL(issueUrl('https://gitlab.com/skaraborg/ideer/-/issues/new', subject, body));
    expect(gitlab.searchParams.get('issue[title]')).toBe(subject);
    expect(parseSubmissionBody(gitlab.searchParams.get('issue[description]')!).fields).toEqual(FIELDS);
  });
});

describe('submissionText: saved e-mails and plain text', () => {
  const { body } = composeSubmission(FIELDS, 'sv');
  const crlf = body.replace(/\n/g, '\r\n');
  const headers = 'From: Eva <eva.astrom@example.se>\r\nTo: ideer@skovde.se\r\nSubject: =?UTF-8?Q?Ny_id=C3=A9?=\r\nMIME-Version: 1.0\r\n';

  function quotedPrintable(text: string): string {
    const encoded = [...utf8(text)].map((b) => (b === 0x0d || b === 0x0a ? String.fromCharCode(b) : b > 126 || b === 61 ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b))).join('');
    // Soft line breaks every 60 characters, as mail programs wrap.
    return encoded.split('\r\n').map((line) => line.replace(/(.{60})(?!$)/g, '$1=\r\n')).join('\r\n');
  }

  it('plain text and a downloaded file (with the subject line above)', () => {
    expect(parseSubmissionBody(submissionText(utf8(body))!).fields).toEqual(FIELDS);
    expect(parseSubmissionBody(submissionText(utf8(`\uFEFFNy idé: x\n\n${body}`))!).fields).toEqual(FIELDS);
  });

  it('quoted-printable UTF-8 with soft line breaks', () => {
    const eml = `${headers}Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${quotedPrintable(crlf)}`;
    expect(parseSubmissionBody(submissionText(utf8(eml))!).fields).toEqual(FIELDS);
  });

  it('multipart/alternative with base64 text/plain after an HTML part', () => {
    const base64 = Buffer.from(crlf, 'utf8').toString('base64').replace(/(.{76})/g, '$1\r\n');
    const eml = `${headers}Content-Type: multipart/alternative;\r\n boundary="b1"\r\n\r\npreamble\r\n--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>html</p>\r\n--b1\r\nContent-Type: text/plain; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64}\r\n--b1--\r\n`;
    expect(parseSubmissionBody(submissionText(utf8(eml))!).fields).toEqual(FIELDS);
  });

  it('format=flowed wrapping and an ISO-8859-1 body', () => {
    const flowed = crlf.replace('Snöröjningen sker olika i varje kommun.', 'Snöröjningen sker olika \r\ni varje kommun.');
    const eml = `${headers}Content-Type: text/plain; charset=ISO-8859-1; format=flowed\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${flowed}`;
    // Latin-1 has å, ä and ö but no dash or curly quotes: the text is kept to what it can hold.
    const inLatin1 = (text: string) => text.replace('– ”varje vinter”', '- "varje vinter"');
    const bytes = Uint8Array.from(inLatin1(eml), (c) => c.charCodeAt(0));
    expect([...inLatin1(eml)].every((c) => c.charCodeAt(0) < 256)).toBe(true);
    expect(parseSubmissionBody(submissionText(bytes)!).fields).toEqual({ ...FIELDS, problem: inLatin1(FIELDS.problem) });
  });

  it('an e-mail with only HTML has no submission text', () => {
    expect(submissionText(utf8(`${headers}Content-Type: text/html\r\n\r\n<p>x</p>`))).toBeUndefined();
  });
});
