/**
 * Privacy by construction: a site built from a register full of data that
 * must not be published holds none of it in any byte of any file (pages in
 * both languages, the report page, scripts, search index). Also: markup in a title stays text, and the site
 * is never written through a link.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../../src/app/site.js';
import { SlussError } from '../../src/core/errors.js';
import { testContext } from '../helpers/context.js';
import { createRegister, SAMPLE_IDEAS, tempDir } from '../helpers/registers.js';

/** Distinctive words, so that a hit can only be a leak: plain, lower-case and as the index would fold them. */
const SECRETS = {
  receivedBy: 'Ragnvald Mottagarsson',
  historyBy: 'Hillevi Flyttadottir',
  historyNote: 'Brukaren Qvintus bor ensam',
  assessmentBy: 'Bertil Bedomarsson',
  motivation: 'Budgetrisk Zeppelinarkiv',
  submitterEmail: 'sigrid.ideagivare@example.se',
  submitterPhone: '070-987 65 43',
  consentNote: 'Samtycke via Xylofonblankett',
  extension: 'Internanteckning Wombatprojekt',
};

function privateIdea() {
  return {
    id: '0ZZ-PRVT1',
    title: 'Gemensam bilpool för hemtjänsten',
    municipality: 'skovde',
    problem: 'Hemtjänsten har för få bilar på morgonen.',
    status: 'forsta-bedomning',
    extra: {
      received_by: SECRETS.receivedBy,
      submitter: { name: 'Sigrid Idégivare', email: SECRETS.submitterEmail, phone: SECRETS.submitterPhone, consent: { date: '2026-01-15', note: SECRETS.consentNote } },
      assessment: { date: '2026-01-20', by: SECRETS.assessmentBy, scores: { nytta: 4, effekter: 3, genomforbarhet: 4 }, motivation: SECRETS.motivation },
      history: [
        { date: '2026-01-15', status: 'inkommen', by: SECRETS.receivedBy, note: SECRETS.historyNote },
        { date: '2026-01-20', from: 'inkommen', status: 'forsta-bedomning', by: SECRETS.historyBy, note: SECRETS.historyNote },
      ],
      'x-internal': SECRETS.extension,
    },
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** The whole value, and each made-up word of it (a word no public text holds), as written and in lower case. */
function variants(secret: string): string[] {
  const madeUp = secret.split(/[\s.@-]+/).filter((w) => /^(Ragnvald|Mottagarsson|Hillevi|Flyttadottir|Qvintus|Bertil|Bedomarsson|Zeppelinarkiv|Budgetrisk|ideagivare|Xylofonblankett|Wombatprojekt|Internanteckning)$/.test(w));
  return [secret, secret.toLowerCase(), ...madeUp, ...madeUp.map((w) => w.toLowerCase())];
}

describe('sluss site: only public fields reach the site', () => {
  it('no byte of any output file holds a private field; the public ones are there', async () => {
    const register = createRegister({ ideas: [...SAMPLE_IDEAS, privateIdea()] });
    const out = join(tempDir('sluss-site-privacy-'), 'public');
    const built = await buildSite(testContext({ cwd: register }), { out });
    expect(built.ideas).toBe(SAMPLE_IDEAS.length + 1);
    const files = filesUnder(out);
    for (const page of ['search/words.bin', 'search/ideas.json', 'report.html', 'en/report.html', 'ideas/0ZZ-PRVT1.html', 'en/ideas/0ZZ-PRVT1.html']) expect(files).toContain(join(out, page));
    for (const file of files) {
      const bytes = readFileSync(file);
      const text = bytes.toString('utf8');
      const latin1 = bytes.toString('latin1');
      for (const [field, secret] of Object.entries(SECRETS)) {
        for (const form of variants(secret)) {
          expect(text.includes(form) || latin1.includes(form), `${field} (${form}) in ${file}`).toBe(false);
        }
      }
    }
    const page = readFileSync(join(out, 'ideas', '0ZZ-PRVT1.html'), 'utf8');
    // Published with consent: the submitter's name, the idea's text and its move between stages.
    expect(page).toContain('Sigrid Idégivare');
    expect(page).toContain('Hemtjänsten har för få bilar på morgonen.');
    expect(page).toMatch(/<td><time datetime="2026-01-20">2026-01-20<\/time><\/td><td>Inkommen<\/td><td>Första bedömning<\/td>/);
  });

  it('markup in a title stays text on every page and in the index metadata', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const register = createRegister({ ideas: [{ id: '0ZZ-XSS01', title: hostile, municipality: 'hjo', problem: 'Ett problem med "citattecken" & et-tecken.' }] });
    const out = join(tempDir('sluss-site-xss-'), 'public');
    await buildSite(testContext({ cwd: register }), { out });
    for (const file of filesUnder(out).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(file, 'utf8');
      expect(html, file).not.toContain('<script>alert');
      expect(html, file).not.toContain('<img src=x');
    }
    expect(readFileSync(join(out, 'ideas', '0ZZ-XSS01.html'), 'utf8')).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    const meta = JSON.parse(readFileSync(join(out, 'search', 'ideas.json'), 'utf8')) as { ideas: { id: string; title: string }[] };
    expect(meta.ideas.find((idea) => idea.id === '0ZZ-XSS01')?.title).toBe(hostile);
  });

  it('refuses to write through a link inside the site folder', async () => {
    const register = createRegister();
    const out = join(tempDir('sluss-site-link-'), 'public');
    const elsewhere = tempDir('sluss-site-elsewhere-');
    mkdirSync(out);
    symlinkSync(elsewhere, join(out, 'ideas'));
    const error = await buildSite(testContext({ cwd: register }), { out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlussError);
    expect((error as SlussError).code).toBe('unsafe-path');
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});
