/**
 * What a CI job that publishes the web site must hand to Pages: the site of
 * the register built by the register's own copy of sluss (dist/sluss.cjs,
 * which carries the browser scripts inside it), in both languages, with the
 * report as a page and the search index of the form.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { WAITING_IDEA } from './ci-register.js';

export function expectPublishedSite(dir: string): void {
  const page = (path: string) => readFileSync(join(dir, path), 'utf8');
  expect(page('index.html')).toContain('<html lang="sv">');
  expect(page('index.html')).toContain('Testslussen');
  expect(page('en/index.html')).toContain('<html lang="en">');
  expect(page(`ideas/${WAITING_IDEA}.html`)).toContain('Digitala lås i hemtjänsten');
  expect(page('report.html')).toContain('<link rel="stylesheet" href="assets/report.css">');
  expect(page('report.html')).toContain('aria-current="page">Rapport</a>');
  expect(page('en/report.html')).toContain('aria-current="page">Report</a>');
  expect(page('check.html')).toContain('<script type="module" src="assets/check.js"></script>');
  for (const file of ['assets/check.js', 'assets/list.js', 'assets/site.css', 'assets/report.css', 'search/ideas.json', 'search/words.bin']) expect(existsSync(join(dir, file)), file).toBe(true);
  expect(JSON.parse(page('search/ideas.json'))).toMatchObject({ format: 'sluss-site-index', ideas: [{ id: WAITING_IDEA, title: 'Digitala lås i hemtjänsten' }] });
}
