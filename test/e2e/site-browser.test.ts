/**
 * `sluss site` in a real browser: the built CLI writes the site of the example
 * register (Swedish in the folder, English in en/), a static server on
 * 127.0.0.1 serves it, headless Chromium opens it. A near-duplicate typed in
 * the form shows as a likely duplicate; the form is filled and handed in with
 * the keyboard only and composes a correct `mailto:`; axe-core finds no WCAG
 * 2.1 AA violation on any page type (the report among them), in Swedish and
 * English; each page links to its counterpart in the other language; nothing
 * scrolls sideways at 320 px; no request leaves the site's origin. What the
 * form composed, `sluss add --from` reads back into the same fields.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIdeaFile } from '../../src/core/format/idea-file.js';
import type { IdeaData } from '../../src/core/idea.js';
import { parseSubmissionBody } from '../../src/core/submission.js';
import { requireChromium, runAxe, shouldRunBrowserTests } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/registers.js';
import { askSimilar, buildSite, exampleRegister, INTAKE, openSiteBrowser, type SiteBrowser } from '../helpers/site-browser.js';
import { serveFolder, type StaticServer } from '../helpers/site-server.js';

const PAGE_TYPES = ['index.html', 'ideas/index.html', 'ideas/0CQ-R77CM.html', 'check.html', 'report.html', 'accessibility.html'];
/** Where each language's pages are: Swedish, the main language, in the site's folder; English in en/. */
const FOLDER = { sv: '', en: 'en/' } as const;

describe.runIf(shouldRunBrowserTests())('sluss site in headless Chromium, served from 127.0.0.1', () => {
  let register: string;
  let server: StaticServer;
  let browser: SiteBrowser;
  const out = tempDir('sluss-site-out-');

  beforeAll(async () => {
    requireChromium(); // in CI a missing browser fails here instead of skipping
    register = exampleRegister();
    await buildSite(register, out);
    server = await serveFolder(out);
    browser = await openSiteBrowser(server.origin);
  }, 120_000);

  afterAll(async () => {
    await browser?.context.close();
    await server?.close();
  });

  it('typing a near-duplicate of an example idea shows it as a likely duplicate, announced in a live region', async () => {
    const { page } = browser;
    await page.goto(`${server.origin}/check.html`);
    const found = await askSimilar(page, 'Digitala lås för hemtjänsten', 'Hemtjänstens personal hanterar många fysiska nycklar till brukarna, och nycklar kommer bort.');
    expect(found[0]).toMatchObject({ id: '0CQ-R77CM' });
    expect(['likely', 'very-likely']).toContain(found[0]!.band);
    expect(found[0]!.label).toMatch(/^\[trolig dubblett/);
    const status = page.locator('#suggestions-status');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    expect(await status.textContent()).toMatch(/trolig dubblett/);
    // The suggestion links to the idea's page, which exists on the site.
    const href = await page.locator('#suggestions article a').first().getAttribute('href');
    expect(href).toBe('ideas/0CQ-R77CM.html');
    expect((await page.request.get(`${server.origin}/${href}`)).status()).toBe(200);
    expect(browser.errors).toEqual([]);
  });

  it('the whole form with the keyboard only: tab through it and hand in by e-mail, a correct mailto: with Swedish characters and line breaks', async () => {
    const { page } = browser;
    await page.goto(`${server.origin}/check.html`);
    const typed = {
      title: 'Gemensam snöröjning för gång- och cykelvägar',
      problem: 'Snöröjningen av gång- och cykelvägar sker olika i varje kommun.\nÄldre halkar på vägen till vårdcentralen.',
      idea: 'En gemensam upphandling av snöröjning med samma prioritering i alla kommuner.',
      benefit: 'Färre halkolyckor och lägre kostnader.',
    };
    const focused = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id ?? '');
    // From the top of the page: Tab until the first field has the focus (skip link, menu, then the form).
    for (let presses = 0; (await focused()) !== 'title'; presses += 1) {
      expect(presses).toBeLessThan(15);
      await page.keyboard.press('Tab');
    }
    for (const [id, text] of Object.entries(typed)) {
      expect(await focused()).toBe(id);
      // A line break typed as the employee would: Enter inside the text area.
      for (const [i, line] of text.split('\n').entries()) {
        if (i > 0) await page.keyboard.press('Enter');
        await page.keyboard.type(line);
      }
      await page.keyboard.press('Tab');
    }
    // Through the suggestions (links) to the municipality.
    for (let presses = 0; (await focused()) !== 'municipality'; presses += 1) {
      expect(presses).toBeLessThan(30);
      await page.keyboard.press('Tab');
    }
    // Arrow keys on the closed list, as a keyboard user chooses an option.
    for (let presses = 0; (await page.inputValue('#municipality')) !== 'skovde'; presses += 1) {
      expect(presses).toBeLessThan(20);
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Tab');
    await page.keyboard.type('Eva Åström');
    await page.keyboard.press('Tab');
    await page.keyboard.type('eva.astrom@example.se');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent)).toBe('Skicka med e-post');
    await page.keyboard.press('Enter');
    const link = page.locator('#mail-link');
    await link.waitFor({ state: 'visible' });
    const href = (await link.getAttribute('href'))!;
    const url = new URL(href);
    expect(url.protocol).toBe('mailto:');
    expect(url.pathname).toBe(INTAKE.skovde.email);
    expect(href).toContain('%0D%0A');
    expect(href).not.toMatch(/%0A(?<!%0D%0A)/);
    expect(url.searchParams.get('subject')).toBe(`Ny idé: ${typed.title}`);
    const body = url.searchParams.get('body')!.replace(/\r\n/g, '\n');
    expect(parseSubmissionBody(body)).toEqual({
      fields: { ...typed, municipality: 'skovde', name: 'Eva Åström', email: 'eva.astrom@example.se' },
      missing: [],
    });
    expect(browser.errors).toEqual([]);

    // The round trip: the body as the idea receiver's mail program saves it, read back by `sluss add --from`.
    const saved = join(tempDir('sluss-site-mail-'), 'ide.eml');
    writeFileSync(saved, `From: eva.astrom@example.se\r\nTo: ${INTAKE.skovde.email}\r\nSubject: idea\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${url.searchParams.get('body')!}`);
    const added = await runCli(['-C', register, 'add', '--from', saved, '--consent', '2026-11-27', '--received-by', 'Idémottagare Skövde', '--no-input', '--no-commit', '--json'], { cwd: register });
    expect(added.code, added.stderr).toBe(0);
    const { id } = JSON.parse(added.stdout) as { id: string };
    const shown = JSON.parse((await runCli(['-C', register, 'show', '--json', id], { cwd: register })).stdout) as {
      title: string;
      municipality: string;
      submitter: { name: string; email: string };
      sections: Record<string, string>;
    };
    expect({ title: shown.title, municipality: shown.municipality, problem: shown.sections['problem'], idea: shown.sections['idea'], benefit: shown.sections['benefit'] }).toEqual({ ...typed, municipality: 'skovde' });
    expect(shown.submitter).toMatchObject({ name: 'Eva Åström', email: 'eva.astrom@example.se' });
  });

  it('a personal identity number is warned about before anything is sent', async () => {
    const { page } = browser;
    await page.goto(`${server.origin}/check.html`);
    await page.fill('#title', 'Snabbare bygglov');
    await page.fill('#problem', 'Min granne 19121212-1212 väntade i ett år.');
    await page.fill('#idea', 'Digital ansökan.');
    await page.selectOption('#municipality', 'hjo');
    await page.click('button[value="mail"]');
    expect(await page.locator('#form-message').textContent()).toMatch(/personnummer/);
    expect(await page.locator('#mail-fallback').isHidden()).toBe(true);
    // Hjo hands in by issue too: the button shows, and the issue form is prefilled on the forge.
    expect(await page.locator('button[value="issue"]').isVisible()).toBe(true);
  });

  it('the idea list filters by municipality, stage, category, tag and free text; the choice stays in the address across a reload; "Visa alla" shows every idea again', async () => {
    const { page } = browser;
    const ideas = readdirSync(join(register, 'ideas'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => parseIdeaFile(readFileSync(join(register, 'ideas', name), 'utf8')))
      .flatMap((parsed) => (parsed.ok ? [parsed.file.data as IdeaData] : []))
      // The hand-in test above adds an idea to the register after the site was built.
      .filter((idea) => existsSync(join(out, 'ideas', `${idea.id}.html`)));
    const takesPart = (idea: IdeaData, code: string) => idea.municipality === code || idea.municipalities.some((p) => p.municipality === code);
    const visibleIds = () => page.locator('#idea-list > li:visible a').evaluateAll((links) => links.map((a) => (a.getAttribute('href') ?? '').replace(/^.*\//, '').replace(/\.html$/, '')).sort());
    const idsOf = (list: IdeaData[]) => list.map((idea) => idea.id).sort();
    await page.goto(`${server.origin}/ideas/index.html`);
    expect(await page.locator('#filter').isVisible()).toBe(true);
    expect(await visibleIds()).toEqual(idsOf(ideas));

    await page.selectOption('#filter-municipality', 'hjo');
    const inHjo = ideas.filter((idea) => takesPart(idea, 'hjo'));
    expect(inHjo.length).toBeGreaterThan(1);
    expect(await visibleIds()).toEqual(idsOf(inHjo));
    expect(await page.locator('#filter-count').textContent()).toBe(`${inHjo.length} av ${ideas.length} idéer visas.`);

    const stage = inHjo[0]!.status;
    await page.selectOption('#filter-stage', stage);
    const expected = idsOf(inHjo.filter((idea) => idea.status === stage));
    expect(await visibleIds()).toEqual(expected);
    expect(new URL(page.url()).search).toBe(`?municipality=hjo&stage=${stage}`);
    await page.reload();
    expect(await page.locator('#filter-municipality').inputValue()).toBe('hjo');
    expect(await visibleIds()).toEqual(expected);

    await page.click('#filter button[type="reset"]');
    await expect.poll(visibleIds).toEqual(idsOf(ideas));
    expect(new URL(page.url()).search).toBe('');

    const tagged = ideas.find((idea) => (idea.tags ?? []).length > 0)!;
    const tag = tagged.tags![0]!;
    await page.selectOption('#filter-tag', tag);
    await page.selectOption('#filter-category', tagged.category);
    expect(await visibleIds()).toEqual(idsOf(ideas.filter((idea) => (idea.tags ?? []).includes(tag) && idea.category === tagged.category)));
    await page.click('#filter button[type="reset"]');
    await page.fill('#filter-text', tagged.title.split(' ').slice(0, 2).join(' ').toUpperCase());
    expect(await visibleIds()).toContain(tagged.id);
    expect((await visibleIds()).length).toBeLessThan(ideas.length);
    expect(browser.errors).toEqual([]);
  });

  for (const lang of ['sv', 'en'] as const) {
    it(`axe-core finds no WCAG 2.1 AA violation on any page type (${lang}); lang is set; nothing scrolls sideways at 320 px`, async () => {
      const axeBrowser = await openSiteBrowser(server.origin, { bypassCsp: true });
      const { page } = axeBrowser;
      for (const path of PAGE_TYPES) {
        await page.setViewportSize({ width: 1100, height: 900 });
        await page.goto(`${server.origin}/${FOLDER[lang]}${path}`);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        if (path === 'check.html') await askSimilar(page, 'Digitala lås i hemtjänsten', 'Nycklar');
        const violations = await runAxe(page);
        expect(violations, `${lang}/${path}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
        await page.setViewportSize({ width: 320, height: 640 });
        const widths = await page.evaluate(() => {
          const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
          return { scroll: root.scrollWidth, client: root.clientWidth };
        });
        expect(widths.scroll, `${lang}/${path} at 320 px`).toBeLessThanOrEqual(widths.client);
      }
      expect(axeBrowser.errors).toEqual([]);
      expect(axeBrowser.outside).toEqual([]);
      await axeBrowser.context.close();
    }, 90_000);
  }

  it('every page links to its counterpart in the other language (hreflang), and the link leads there', async () => {
    const { page } = browser;
    for (const [lang, other] of [['sv', 'en'], ['en', 'sv']] as const) {
      for (const path of PAGE_TYPES) {
        await page.goto(`${server.origin}/${FOLDER[lang]}${path}`);
        const toggle = page.locator('header .language a');
        expect(await toggle.getAttribute('hreflang')).toBe(other);
        expect(await toggle.getAttribute('lang')).toBe(other);
        expect(await page.locator(`link[rel="alternate"][hreflang="${other}"]`).getAttribute('href')).toBe(await toggle.getAttribute('href'));
        await toggle.click();
        expect(page.url()).toBe(`${server.origin}/${FOLDER[other]}${path}`);
        expect(await page.getAttribute('html', 'lang')).toBe(other);
      }
    }
    expect(browser.errors).toEqual([]);
  });

  it('no request leaves the origin, every page carries the content security policy, and the index loads only on first use', async () => {
    const { page } = browser;
    browser.requests.length = 0;
    await page.goto(`${server.origin}/check.html`);
    expect(browser.requests.some((url) => url.includes('/search/'))).toBe(false);
    await askSimilar(page, 'Matsvinn i skolan', '');
    expect(browser.requests.filter((url) => url.includes('/search/')).length).toBe(2);
    for (const path of PAGE_TYPES) {
      await page.goto(`${server.origin}/${path}`);
      expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toMatch(/default-src 'none'/);
    }
    expect(browser.outside).toEqual([]);
    expect(browser.requests.every((url) => url.startsWith(`${server.origin}/`))).toBe(true);
  });
});
