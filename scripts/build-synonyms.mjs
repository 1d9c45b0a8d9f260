#!/usr/bin/env node
/**
 * Builds the Swedish synonym table of the similarity engine from Viggo Kann's
 * "Folkets synonymlexikon" (Synlex, 2009) as the MyThes thesaurus of Debian's
 * `mythes-sv` package ships it:
 *
 *   cd /tmp/mythes && apt-get download mythes-sv && dpkg-deb -x mythes-sv_*.deb x
 *   node --import tsx scripts/build-synonyms.mjs /tmp/mythes/x/usr/share/mythes/th_sv_SE_v2.dat
 *
 * Writes two files:
 * - src/core/similarity/synonyms-sv.json: the table sluss ships, one
 *   sorted line per stem with its synonyms written as line numbers, so that
 *   it is searched as it is, without being parsed (see synonyms.ts). Stems
 *   are the ones `stem(word, 'sv')` gives today, so the table is looked up
 *   with the register's own stems and needs no stemming when it is loaded.
 * - test/unit/similarity/synonyms-sv-endings.generated.ts: for each line of
 *   the table, the letters a real lexicon word has after its stem; a unit test
 *   stems those words again, so a changed stemmer cannot leave the table stale.
 *
 * Kept: pairs of single words (letters only) that are no stop words and do not
 * share a stem. Left out: phrases and hyphenated words (the register's words
 * are split at spaces and hyphens), entries whose two words stem alike, and
 * words the stemmer cuts by more than MAX_CUT letters: those are derivations
 * ("manlig" -> "man", "intressant" -> "int") whose stem is another word's, so
 * their synonyms would be taken for that word's ("man" ~ "kvinnligt").
 * Rerun after any change to `stem` or to the stop words.
 *
 * The package version is read from the package's changelog beside the .dat
 * (../../doc/mythes-sv/changelog.Debian.gz) or given with --source-version.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { stem } from '../src/core/similarity/text.ts';
import { SWEDISH_STOP_WORDS } from '../src/core/similarity/stopwords.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TABLE_PATH = join(root, 'src/core/similarity/synonyms-sv.json');
const ENDINGS_PATH = join(root, 'test/unit/similarity/synonyms-sv-endings.generated.ts');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'source-version': { type: 'string' }, 'max-cut': { type: 'string' } },
});
/** Chosen on one half of the dev sets' queries (2 against 1, 3 and no limit), checked on the other. */
const MAX_CUT = Number(values['max-cut'] ?? 2);
if (positionals.length !== 1) {
  throw new Error('usage: node --import tsx scripts/build-synonyms.mjs <th_sv_SE_v2.dat> [--source-version v] [--max-cut n]');
}
const datPath = resolve(positionals[0]);
const raw = readFileSync(datPath);
const sha256 = createHash('sha256').update(raw).digest('hex');

function packageVersion() {
  if (values['source-version'] !== undefined) return values['source-version'];
  const changelog = join(dirname(datPath), '../doc/mythes-sv/changelog.Debian.gz');
  if (!existsSync(changelog)) throw new Error(`no ${changelog}: give the package version with --source-version`);
  const match = /^\S+ \(([^)]+)\)/.exec(gunzipSync(readFileSync(changelog)).toString('utf8'));
  if (match === null) throw new Error(`no version in the first line of ${changelog}`);
  return match[1];
}
const version = packageVersion();

const lines = raw.toString('latin1').split('\n');
if (lines[0]?.trim() !== 'ISO-8859-1') throw new Error(`expected an ISO-8859-1 MyThes file, the first line is ${JSON.stringify(lines[0])}`);

const WORD = /^\p{L}+$/u;
/** A synonym is written as its line number, in base 36 with upper-case digits: stems are lower case. */
const REF_BASE = 36;
const REF_WIDTH = 3;
/** stem -> the synonym stems, both directions. */
const neighbours = new Map();
/** stem -> the lexicon words that stem to it. */
const surfaces = new Map();
const link = (from, to) => {
  let set = neighbours.get(from);
  if (set === undefined) neighbours.set(from, (set = new Set()));
  set.add(to);
};
const stemOf = (word) => {
  const stemmed = stem(word, 'sv');
  if (!word.startsWith(stemmed)) throw new Error(`the stem ${stemmed} of ${word} is no prefix of it; the endings file assumes it is`);
  let words = surfaces.get(stemmed);
  if (words === undefined) surfaces.set(stemmed, (words = new Set()));
  words.add(word);
  return stemmed;
};
const usable = (word) => {
  if (!WORD.test(word) || SWEDISH_STOP_WORDS.has(word)) return false;
  const stemmed = stem(word, 'sv');
  return word.length - stemmed.length <= MAX_CUT;
};

let entries = 0;
let pairs = 0;
for (let i = 1; i < lines.length; i += 1) {
  const line = lines[i].normalize('NFC');
  if (line === '' || line.startsWith('|')) continue;
  const [head, count] = line.split('|');
  entries += 1;
  const word = head.toLowerCase();
  for (let k = 1; k <= Number(count); k += 1) {
    for (const synonym of (lines[i + k] ?? '').normalize('NFC').split('|').slice(1)) {
      const other = synonym.toLowerCase();
      if (!usable(word) || !usable(other)) continue;
      const left = stemOf(word);
      const right = stemOf(other);
      if (left === right) continue;
      pairs += 1;
      link(left, right);
      link(right, left);
    }
  }
}

const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const heads = [...neighbours.keys()].sort(compare);
if (heads.length > REF_BASE ** REF_WIDTH) throw new Error(`${heads.length} stems need more than ${REF_WIDTH} characters a reference`);
const ordinal = new Map(heads.map((head, line) => [head, line]));
const reference = (line) => line.toString(REF_BASE).toUpperCase().padStart(REF_WIDTH, '0');
let edges = 0;
const tableLines = heads.map((head) => {
  if (/[0-9A-Z\s]/.test(head)) throw new Error(`the stem ${JSON.stringify(head)} holds a character the table reserves`);
  const lines = [...neighbours.get(head)].map((other) => ordinal.get(other)).sort((a, b) => a - b);
  edges += lines.length;
  return head + lines.map(reference).join('');
});
edges /= 2;
const table = tableLines.join('\n');

const NOTICE = `Folkets synonymlexikon (Synlex), th_sv_SE.dat
Copyright: 2009 Viggo Kann

THIS MATERIAL IS PROVIDED AS IS, WITH ABSOLUTELY NO WARRANTY EXPRESSED
OR IMPLIED.  ANY USE IS AT YOUR OWN RISK.

Permission is hereby granted to use or copy this program
for any purpose,  provided the above notices are retained on all copies.
Permission to modify the code and to distribute modified code is granted,
provided the above notices are retained, and a notice that the code was
modified is included with the above copyright notice.`;
const MODIFIED =
  'Modified by sluss: reduced to pairs of single-word synonyms, lower-cased, stop words and words whose ' +
  `stem drops more than ${MAX_CUT} letters left out, each word replaced by its Swedish stem (Snowball with ` +
  "sluss's -et/-an rule), pairs of one stem dropped, and written as one line per stem with its synonyms as line numbers.";

/**
 * The table ships as JSON, imported by synonyms.ts, so that esbuild bundles it
 * for the CLI and for the browser alike and the source tree shows code. JSON
 * holds no comments: what a header would say is in fields of its own, and the
 * licence notice travels with the table into every bundle.
 */
const document = {
  generated: 'by scripts/build-synonyms.mjs; do not edit. Rebuild after any change to `stem` or the Swedish stop words (test/unit/similarity/synonyms.test.ts fails until then).',
  source:
    `Debian package mythes-sv ${version}, file th_sv_SE_v2.dat (ISO-8859-1, ${raw.length} bytes, sha256 ${sha256}). ` +
    `${entries} entries; kept ${edges} stem pairs among ${heads.length} stems (from ${pairs} word pairs, both directions).`,
  notice: NOTICE,
  modified: MODIFIED,
  format: `One line per stem, in sorted order (UTF-16 code units): the stem, then each of its synonyms as the number of that synonym's line (0-based), written as ${REF_WIDTH} base-${REF_BASE} digits in upper case.`,
  lineCount: heads.length,
  table,
};
writeFileSync(TABLE_PATH, `${JSON.stringify(document, null, 2)}\n`);

const endings = heads.map((s) => {
  const word = [...surfaces.get(s)].sort(compare)[0];
  return word.slice(s.length);
});
writeFileSync(
  ENDINGS_PATH,
  `/**
 * GENERATED by scripts/build-synonyms.mjs with src/core/similarity/synonyms-sv.json; do not edit.
 * Per line of that table, in order, the letters after the
 * stem in a lexicon word that stems to it: the stems can be derived again.
 */
export const SWEDISH_SYNONYM_ENDINGS = '${endings.join(' ')}';
`,
);

console.log(`${entries} entries, ${heads.length} stems, ${edges} pairs; table ${table.length} characters, ${Buffer.byteLength(table)} bytes UTF-8`);
