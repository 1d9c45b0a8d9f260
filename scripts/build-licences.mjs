/**
 * The licences of the packages the standalone build bundles. Their notices
 * travel inside dist/sluss.cjs (and so inside every register's copy), as
 * their licences ask; THIRD_PARTY_NOTICES.md lists the same packages, and
 * test/e2e/standalone.test.ts checks that the two agree.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Package folders (`node_modules/a`, `node_modules/@s/b`, nested ones too) that the bundle's inputs come from. */
function bundledPackageDirs(metafile) {
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) dirs.add(match[1]);
  }
  return [...dirs].sort();
}

function licenceText(dir) {
  const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
  return file ? readFileSync(join(dir, file), 'utf8').trim() : undefined;
}

/** name, version, licence and notice text of every bundled package, sorted by name. */
export function bundledPackages(root, metafile) {
  const byName = new Map();
  for (const dir of bundledPackageDirs(metafile)) {
    const manifest = join(root, dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    // An SPDX expression may come in parentheses: `(MIT OR GPL-3.0-or-later)`.
    const licence = (typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'UNKNOWN')).replace(/^\((.*)\)$/, '$1');
    const key = `${pkg.name}@${pkg.version}`;
    if (!byName.has(key)) byName.set(key, { name: pkg.name, version: pkg.version, licence, text: licenceText(join(root, dir)) });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/** THIRD_PARTY_NOTICES.md up to its list of bundled packages: the data sluss ships, with the notices their licences ask to keep. */
function dataNotices(root) {
  const notices = readFileSync(join(root, 'THIRD_PARTY_NOTICES.md'), 'utf8');
  const end = notices.indexOf('\n## Packages bundled');
  if (end === -1) throw new Error('THIRD_PARTY_NOTICES.md has no section "## Packages bundled …" (scripts/build-licences.mjs)');
  return notices.slice(0, end).trim();
}

const COPYRIGHT_LINE = /^\s*(copyright\b|\(c\)|\u00a9)/i;

/**
 * Packages whose licence reads the same once the copyright lines are set
 * aside (most MIT and ISC texts) share one section: each package on a line
 * of its own, every copyright line of theirs, then the text once. Every
 * notice is kept, at a sixth of the size of one section per package.
 */
function licenceSections(packages) {
  const groups = new Map();
  for (const p of packages) {
    const text = p.text ?? `Licence: ${p.licence} (the package ships no licence file).`;
    const lines = text.split('\n');
    const body = lines.filter((line) => !COPYRIGHT_LINE.test(line)).join('\n').trim();
    const key = `${p.licence}\n${body.replace(/\s+/g, ' ')}`;
    const group = groups.get(key) ?? { packages: [], copyrights: new Set(), body };
    group.packages.push(p);
    for (const line of lines.filter((l) => COPYRIGHT_LINE.test(l))) group.copyrights.add(line.trim());
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => [g.packages.map((p) => `${p.name} ${p.version} (${p.licence})`).join('\n'), [...g.copyrights].join('\n'), g.body].filter((part) => part !== '').join('\n\n'));
}

/** sluss's own licence, the data notices, and every bundled package's licence: the text that closes dist/sluss.cjs. */
export function bundledLicences(root, metafile) {
  const { license } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const packages = bundledPackages(root, metafile);
  return [`sluss is licensed under ${license}.`, dataNotices(root), `Packages bundled in this file (${packages.length}) and their licences:`, ...licenceSections(packages)].join('\n\n----------------------------------------------------------------\n\n');
}

/**
 * `node scripts/build-licences.mjs`, after `npm run build`: the rows of the
 * table in THIRD_PARTY_NOTICES.md, read from the licences that close
 * dist/sluss.cjs. Paste them there when the bundled packages change (the
 * test in test/e2e/standalone.test.ts says when).
 */
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const built = readFileSync(join(root, 'dist', 'sluss.cjs'), 'latin1');
  const rows = [...built.matchAll(/^(\S+) (\d\S*) \(([^)]+)\)$/gm)].map(([, name, version, licence]) => ({ name, version, licence }));
  rows.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  for (const { name, version, licence } of rows) process.stdout.write(`| ${name} | ${licence} | ${version} |\n`);
}
