/** What `validate` reports, in English: each problem a message and a hint that says how to fix it. */
import { MAX_IDEA_FILE_BYTES } from '../../../core/format/limits.js';
import { formatInteger } from '../../numbers.js';
import type { ProblemCode } from '../../../core/problems.js';
import type { Explained } from '../params.js';
import { isNoControlPattern, list } from '../params.js';

type Q = Record<string, unknown>;

export const personalData: Record<string, string> = { email: 'an e-mail address', phone: 'a phone number', personnummer: 'a personal identity number' };

export const problems: Record<ProblemCode, (p: Q) => Explained> = {
  'merge-conflict': () => ({ message: 'the file has an unresolved merge conflict from git', hint: 'open the file, keep the right text between the lines <<<<<<<, ======= and >>>>>>>, delete those lines and commit the file (git add <file> and git commit), or ask whoever runs the register for help' }),
  'hidden-character': (p) => ({ message: `an unusual space (such as a no-break space) at the start or end (${p['detail']})`, hint: 'remove it: it looks like a space but makes the value differ' }),
  unreadable: (p) => unreadable(p['detail']),
  'unexpected-entry': (p) => ({ message: ({ folder: 'a folder in ideas/; idea files lie directly in ideas/', 'dot-file': 'a hidden file (its name starts with a dot) in ideas/', file: 'a file that is not an idea file (.md) in ideas/' } as Record<string, string>)[String(p['kind'])] ?? 'an unknown entry in ideas/', hint: 'move it out of ideas/ (attachments and notes belong elsewhere) or delete it' }),
  'stale-temp-file': () => ({ message: 'a temporary file sluss left behind when a command was interrupted', hint: 'delete it; no sluss command is writing it any more' }),
  bom: () => ({ message: 'the file starts with a byte order mark (BOM)', hint: 'save the file as UTF-8 without BOM' }),
  crlf: () => ({ message: 'the file has Windows line endings (CRLF)', hint: 'save it with LF line endings. If git changed them on checkout (core.autocrlf=true), the register needs a .gitattributes with the line "* text=auto eol=lf" (sluss init makes it); add it and check the files out again (git checkout -- ideas)' }),
  'not-nfc': () => ({ message: 'the text is not Unicode-normalised (NFC)', hint: 'save the file again with sluss or an editor that writes NFC' }),
  'no-front-matter': () => ({ message: 'the file does not start with front matter (---)', hint: 'the first line must be exactly ---' }),
  'front-matter-language': (p) => ({ message: `front matter in the language "${p['detail']}" is never run`, hint: 'use YAML: the first line must be exactly ---' }),
  'unclosed-front-matter': () => ({ message: 'the front matter is not closed with ---', hint: 'add a line with only --- after the fields' }),
  'yaml-syntax': (p) => ({ message: `YAML error: ${p['detail']}`, hint: 'check indentation, colons and quotes' }),
  'yaml-alias': () => ({ message: 'YAML aliases (*name) are not allowed', hint: 'write the value out instead of an alias' }),
  'yaml-duplicate-key': (p) => ({ message: `the same field appears twice (${p['detail']})`, hint: 'remove one of them' }),
  'yaml-not-a-map': () => ({ message: 'the front matter is not a set of fields', hint: 'write the fields as name: value' }),
  'not-utf8': () => ({ message: 'the file is not valid UTF-8', hint: 'save the file as UTF-8' }),
  binary: () => ({ message: 'the file is binary, not text', hint: 'idea files are Markdown text; remove or move the file' }),
  'too-large': () => ({ message: `the file is larger than the ${formatInteger(MAX_IDEA_FILE_BYTES, 'en')} bytes an idea file may hold`, hint: 'shorten the text or keep attachments outside ideas/' }),
  symlink: () => ({ message: 'the file is a symbolic link', hint: 'replace the link with a regular file' }),
  schema: (p) => schema(p),
  'file-name': () => ({ message: 'the file name does not follow <id>-<slug>.md', hint: 'rename it to the id followed by the title, e.g. 115-7M4QD-digital-reporting.md' }),
  'id-mismatch': (p) => ({ message: `id ${p['id']} does not match ${p['fileId']} in the file name`, hint: 'change the id or rename the file so they agree' }),
  'duplicate-id': (p) => ({ message: `id ${p['id']} is also used by ${list(p['others'])}`, hint: 'give the newer idea a new id (sluss add picks one for you)' }),
  'file-name-clash': (p) => ({ message: `the file name clashes with ${list(p['others'])} on case-insensitive file systems`, hint: 'rename one of the files' }),
  'broken-link': (p) => ({ message: `the link points to ${p['id']}, which does not exist`, hint: 'correct the id or remove the link' }),
  'self-link': () => ({ message: 'the idea links to itself', hint: 'remove the link' }),
  'unknown-stage': (p) => ({ message: `unknown stage "${p['value']}"`, hint: 'use a stage from sluss.yaml' }),
  'unknown-municipality': (p) => ({ message: `unknown municipality "${p['value']}"`, hint: 'use a municipality code from sluss.yaml' }),
  'unknown-category': (p) => ({ message: `unknown category "${p['value']}"`, hint: 'use a code from sluss.yaml' }),
  'shares-over-100': (p) => ({ message: `the cost shares add up to ${p['value']} %, more than 100 %`, hint: 'adjust the shares to total at most 100' }),
  'owner-not-participant': (p) => ({ message: `the origin municipality ${p['value']} is missing from the participants`, hint: 'add it to municipalities with role: owner' }),
  'history-order': (p) => ({ message: `the history is not in date order (${p['value']})`, hint: 'order the events oldest first' }),
  'participant-repeated': (p) => ({ message: `the municipality ${p['value']} is listed more than once among the participants`, hint: 'keep one entry per municipality' }),
  'owner-count': (p) => ({ message: p['count'] === 0 ? 'no participant has the role owner' : `${p['count']} participants have the role owner`, hint: 'an idea has exactly one owner: the municipality it came from (municipality)' }),
  'duplicate-without-target': (p) => ({ message: `the idea is in the duplicate stage ${p['value']} but does not point at the idea that lives on`, hint: 'set links.duplicate_of, or use sluss merge <id> <id>' }),
  'duplicate-link-without-stage': (p) => ({ message: `the idea points at ${p['id']} as the idea that lives on but is in ${p['value']}, not in the duplicate stage ${p['stage']}`, hint: `move it to the duplicate stage (sluss move <id> ${p['code']} --duplicate-of ${p['id']}), or remove links.duplicate_of if the idea lives on` }),
  'duplicate-chain': (p) => ({ message: `the duplicate chain ${list(p['chain']).replace(/, /g, ' → ')} ${p['kind'] === 'cycle' ? 'goes round in a circle' : p['kind'] === 'missing' ? 'points at an idea that does not exist' : 'ends in a duplicate'} and reaches no live idea`, hint: 'let links.duplicate_of point at the idea that lives on' }),
  'personal-data': (p) => ({
    message: `contains ${personalData[String(p['kind'])]} (${p['masked']}) without recorded consent`,
    hint: "remove it, or record the submitter's consent in submitter.consent",
  }),
  'control-character': (p) => ({
    message: `contains a control character, ${p['character']}, that can take over the terminal of whoever reads the idea`,
    hint: 'remove the character; a title, a name or a code must also be a single line',
  }),
  'stray-file': (p) => ({
    message: `the file is in ideas/ but is never read as an idea (${({ 'dot-file': 'its name starts with a dot', 'sub-folder': 'it is in a sub-folder', 'not-markdown': 'it is not a .md file' } as Record<string, string>)[String(p['reason'])]}), so no check sees it`,
    hint: 'put idea files directly in ideas/ as <id>-<title>.md, and remove other files from there',
  }),
  'config-duplicate-code': (p) => ({ message: `the code "${p['value']}" appears more than once`, hint: 'every code must be unique' }),
  'config-unknown-reference': (p) => ({ message: `"${p['value']}" is not one of the stages or categories`, hint: 'use a code defined in the file' }),
  'config-duplicate-name': (p) => ({ message: `the name "${p['value']}" is used by more than one (${list(p['codes'])})`, hint: 'give each its own name, so a name points at exactly one' }),
  'tool-missing': () => ({ message: "the register's copy of sluss is missing", hint: 'put it back with sluss tool update and commit it' }),
  'tool-manifest-missing': () => ({ message: "the manifest of the register's copy of sluss is missing", hint: 'write it with sluss tool update and commit it' }),
  'tool-manifest-invalid': () => ({ message: "the manifest of the register's copy of sluss is not valid", hint: 'write it again with sluss tool update' }),
  'tool-tampered': (p) => ({
    message: `the register's copy of sluss does not match its manifest (SHA-256 ${String(p['actual']).slice(0, 12)}…, expected ${String(p['expected']).slice(0, 12)}…)`,
    hint: 'the file was changed after sluss wrote it: write it again with sluss tool update and have the change reviewed',
  }),
  'tool-outdated': (p) => ({ message: `warning: the register's copy of sluss is version ${p['version']}, older than the one running (${p['running']})`, hint: 'update it with sluss tool update and have the change reviewed as a pull request' }),
  'tool-newer': (p) => ({ message: `warning: the register's copy of sluss is version ${p['version']}, newer than the one running (${p['running']})`, hint: "run the register's copy with ./sluss (sluss.cmd on Windows), or update your sluss" }),
};

function schema(p: Q): Explained {
  switch (p['keyword']) {
    case 'required':
      return { message: `the field ${p['missingProperty']} is missing`, hint: `add ${p['missingProperty']}` };
    case 'additionalProperties':
      return { message: `unknown field ${p['additionalProperty']}`, hint: 'remove it or fix the spelling; fields of your own must start with x-' };
    case 'type':
      return { message: `wrong type, must be ${String(p['type'])}`, hint: 'correct the value' };
    case 'format':
    case 'pattern':
      if (isNoControlPattern(p)) return { message: 'contains a control character (such as a line break, a tab or ESC)', hint: 'remove it; a name or value stays on one line' };
      return p['format'] === 'date' || String(p['pattern'] ?? '').startsWith('^[0-9]{4}')
        ? { message: 'not a valid date', hint: 'write a real date as "YYYY-MM-DD" in quotes' }
        : { message: 'the value has the wrong form', hint: p['format'] === 'email' ? 'write a valid e-mail address' : 'see schemas/idea.schema.json' };
    case 'enum':
      return { message: 'value not allowed', hint: `choose one of: ${list(p['allowedValues'])}` };
    case 'minLength':
      return Number(p['limit']) > 1 ? { message: `the value is too short (at least ${p['limit']} characters)`, hint: 'write a little more' } : { message: 'the value is empty', hint: 'fill in the field' };
    case 'maxLength':
      return { message: `the value is too long (at most ${p['limit']} characters)`, hint: 'shorten the text' };
    case 'minItems':
      return { message: 'the list is empty', hint: 'add at least one entry' };
    case 'minimum':
    case 'maximum':
      return { message: `the number is out of range (${p['comparison']} ${p['limit']})`, hint: 'correct the number' };
    default:
      return { message: String(p['schemaMessage'] ?? p['keyword']), hint: 'see schemas/idea.schema.json' };
  }
}

/** Why a file could not be read: what it is instead of a file, or the system's error code. */
function unreadable(detail: unknown): Explained {
  const reasons: Record<string, string> = {
    folder: 'it is a folder',
    fifo: 'it is a named pipe (FIFO)',
    socket: 'it is a socket',
    device: 'it is a device file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EIO: 'a read error on the disk',
  };
  const hints: Record<string, string> = {
    permission: 'give yourself read permission (chmod u+r <file>) or ask whoever owns the file',
    other: 'replace it with a plain text file or move it out of ideas/',
  };
  const reason = reasons[String(detail)] ?? `system error ${String(detail ?? 'unknown')}`;
  return { message: `the file cannot be read: ${reason}`, hint: hints[detail === 'EACCES' || detail === 'EPERM' ? 'permission' : 'other']! };
}
