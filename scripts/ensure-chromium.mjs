#!/usr/bin/env node
/**
 * Makes sure Debian's Chromium is at /usr/bin/chromium for the browser test of
 * `sluss report --format html`; see scripts/ensure-debian-tools.mjs, which
 * `npm test` runs for every program the tests need.
 */
import { ensureDebianTools } from './ensure-debian-tools.mjs';

ensureDebianTools(['chromium']);
