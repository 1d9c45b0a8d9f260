/**
 * What `sluss site` writes, file by file: both languages (the run's language
 * in the folder, the other in a folder of its own, each page naming its
 * counterpart), the report as a page, counts in the singular where there is
 * one, and a rebuild that removes what an earlier build wrote and this one
 * does not, and nothing else: not a file sluss never wrote, not a file a
 * tampered list names outside the folder or through a link.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../../src/app/site.js';
import { SITE_MANIFEST } from '../../src/adapters/fs/site-folder.js';
import { SlussError } from '../../src/core/errors.js';
import { siteText } from '../../src/ui/site/text.js';
import { testContext } from '../helpers/context.js';
import { createRegister, SAMPLE_IDEAS, tempDir } from '../helpers/registers.js';

const html = (out: string, path: string) => readFileSync(join(out, path), 'utf8');

describe('sluss site: the files of the site', () => {
  it('writes Swedish in the folder and English in en/, or the other way round with --lang en; every page links to its counterpart', async () => {
    const register = createRegister();
    const out = join(tempDir('sluss-site-build-'), 'public');
    await buildSite(testContext({ cwd: register }), { out });
    for (const path of ['index.html', 'ideas/index.html', `ideas/${SAMPLE_IDEAS[0]!.id}.html`, 'check.html', 'report.html', 'accessibility.html']) {
      expect(html(out, path)).toContain('<html lang="sv">');
      expect(html(out, `en/${path}`)).toContain('<html lang="en">');
      const depth = '../'.repeat(path.split('/').length - 1);
      expect(html(out, path)).toContain(`<link rel="alternate" hreflang="en" href="${depth}en/${path}">`);
      expect(html(out, `en/${path}`)).toContain(`<link rel="alternate" hreflang="sv" href="../${depth}${path}">`);
      // Scripts and styles are shared: the English pages reach them one folder up.
      expect(html(out, `en/${path}`)).toContain(`href="../${depth}assets/site.css"`);
    }
    expect(html(out, 'index.html')).toContain('<a href="en/index.html" hreflang="en" lang="en">In English</a>');
    expect(html(out, 'report.html')).toContain('<link rel="stylesheet" href="assets/report.css">');
    expect(html(out, 'index.html')).toContain('<a href="report.html">Rapport</a>');

    const english = join(tempDir('sluss-site-build-'), 'public');
    await buildSite(testContext({ cwd: register, lang: 'en' }), { out: english });
    expect(html(english, 'index.html')).toContain('<html lang="en">');
    expect(html(english, 'sv/index.html')).toContain('<html lang="sv">');
    expect(html(english, 'sv/index.html')).toContain('<a href="../index.html" hreflang="en" lang="en">In English</a>');
    expect(existsSync(join(english, 'en'))).toBe(false);
  });

  it('says 1 idé and 1 idea, not 1 idéer, on the pages and in the form', async () => {
    const register = createRegister({ ideas: [SAMPLE_IDEAS[0]!] });
    const out = join(tempDir('sluss-site-build-'), 'public');
    const built = await buildSite(testContext({ cwd: register }), { out });
    expect(built.ideas).toBe(1);
    expect(html(out, 'ideas/index.html')).toContain('<p>1 idé, nyast först.</p>');
    expect(html(out, 'en/ideas/index.html')).toContain('<p>1 idea, newest first.</p>');
    expect(html(out, 'index.html')).toContain('<li><strong>1</strong> idé</li>');
    const [sv, en] = [siteText('sv'), siteText('en')];
    expect([sv.suggestionsFound(1, 0), sv.suggestionsFound(1, 1), sv.suggestionsFound(3, 1), sv.suggestionsFound(3, 2)]).toEqual([
      '1 liknande idé.',
      '1 liknande idé, en trolig dubblett.',
      '3 liknande idéer, varav 1 trolig dubblett.',
      '3 liknande idéer, varav 2 troliga dubbletter.',
    ]);
    expect([en.suggestionsFound(1, 0), en.suggestionsFound(3, 1), en.suggestionsFound(3, 2)]).toEqual(['1 similar idea.', '3 similar ideas, one of them a likely duplicate.', '3 similar ideas, 2 of them likely duplicates.']);
    expect([sv.wrote(1, 1, 'x'), en.filterCount(1, 1)]).toEqual(['Skrev webbplatsen (1 fil, 1 idé) till x.', '1 of 1 idea shown.']);
  });

  it('a rebuild removes the files of the earlier build it no longer writes, and nothing else', async () => {
    const register = createRegister();
    const out = join(tempDir('sluss-site-build-'), 'public');
    await buildSite(testContext({ cwd: register }), { out });
    const list = JSON.parse(html(out, SITE_MANIFEST)) as { files: string[] };
    expect(list.files).toContain('assets/check.js');
    expect(list.files).toContain('en/report.html');
    // As an earlier version would have left them: a script under another hash, the page of an idea since removed.
    const outside = join(tempDir('sluss-site-outside-'), 'kept.html');
    writeFileSync(outside, 'not the site’s');
    mkdirSync(join(out, 'linked'));
    symlinkSync(tempDir('sluss-site-linked-'), join(out, 'linked', 'away'));
    writeFileSync(join(out, 'linked', 'away', 'page.html'), 'behind a link');
    for (const file of ['assets/engine-OLDHASH1.js', 'ideas/0ZZ-GONE1.html', 'own.html', 'notes.txt']) writeFileSync(join(out, file), 'x');
    list.files.push('assets/engine-OLDHASH1.js', 'ideas/0ZZ-GONE1.html', 'notes.txt', '../kept.html', `${outside}`, 'linked/away/page.html');
    writeFileSync(join(out, SITE_MANIFEST), JSON.stringify({ ...list, files: list.files }));

    const built = await buildSite(testContext({ cwd: register }), { out });
    expect(built.removed).toBe(2);
    expect(existsSync(join(out, 'assets/engine-OLDHASH1.js'))).toBe(false);
    expect(existsSync(join(out, 'ideas/0ZZ-GONE1.html'))).toBe(false);
    // Never listed, not a kind of file sluss writes, outside the folder, behind a link: all still there.
    expect(existsSync(join(out, 'own.html'))).toBe(true);
    expect(existsSync(join(out, 'notes.txt'))).toBe(true);
    expect(readFileSync(outside, 'utf8')).toBe('not the site’s');
    expect(readFileSync(join(out, 'linked', 'away', 'page.html'), 'utf8')).toBe('behind a link');
    expect(existsSync(join(out, 'assets/check.js'))).toBe(true);
    expect((JSON.parse(html(out, SITE_MANIFEST)) as { files: string[] }).files).toEqual(list.files.filter((f) => !/OLDHASH|GONE|notes|kept|linked/.test(f) && !f.startsWith('/')));
  });

  it('a rebuild leaves a page holding the same bytes as it is, replaces a changed one whole, and refuses a page that is a link', async () => {
    const register = createRegister();
    const out = join(tempDir('sluss-site-build-'), 'public');
    await buildSite(testContext({ cwd: register }), { out });
    const same = statSync(join(out, 'check.html')).ino;
    writeFileSync(join(out, 'index.html'), 'edited by hand');
    const edited = statSync(join(out, 'index.html')).ino;
    await buildSite(testContext({ cwd: register }), { out });
    expect(statSync(join(out, 'check.html')).ino).toBe(same);
    expect(html(out, 'index.html')).toContain('<html lang="sv">');
    expect(statSync(join(out, 'index.html')).ino).not.toBe(edited);
    expect(statSync(join(out, 'index.html')).mode & 0o777).toBe(0o644);

    const outside = join(tempDir('sluss-site-outside-'), 'passwd');
    writeFileSync(outside, 'root:x:0:0\n');
    rmSync(join(out, 'accessibility.html'));
    symlinkSync(outside, join(out, 'accessibility.html'));
    const error = await buildSite(testContext({ cwd: register }), { out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlussError);
    expect((error as SlussError).code).toBe('unsafe-path');
    expect(readFileSync(outside, 'utf8')).toBe('root:x:0:0\n');
  });
});
