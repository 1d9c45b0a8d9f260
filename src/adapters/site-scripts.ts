/**
 * The site's scripts for the browser, as scripts/site-bundle.mjs builds them
 * into dist/site/ (check.js, list.js and the chunks they import). The
 * program file (dist/sluss.cjs, which bin/sluss runs and a register carries)
 * has the scripts themselves in this module's place, so that `sluss site`
 * works from that one file, in CI too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SiteScript } from '../app/ports/local-files.js';

/** Where the scripts are when sluss runs from source (tests): dist/site/, two levels up from src/adapters/. */
export const SITE_SCRIPTS_DIR = fileURLToPath(new URL('../../dist/site/', import.meta.url));

/** The scripts, or an empty list when they were never built. */
export function siteScripts(): SiteScript[] {
  let names: string[];
  try {
    names = readdirSync(SITE_SCRIPTS_DIR).filter((name) => name.endsWith('.js'));
  } catch {
    return [];
  }
  return names.sort().map((name) => ({ name, content: readFileSync(join(SITE_SCRIPTS_DIR, name)) }));
}
