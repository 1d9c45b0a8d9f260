/**
 * The errors and problems about the register's files, its caches and git:
 * paths sluss refuses to read or write, files it cannot use, the register
 * lock, refs a clone lacks, and what `validate` reports about files that are
 * not what they seem. In Swedish and English; part of the message catalogue
 * (messages.ts), kept apart so the words are read together with the checks.
 */
import type { ErrorParams } from './errors.js';
import type { Lang } from './messages.js';

type P = ErrorParams;
type Q = Record<string, unknown>;
type Explained = { message: string; hint?: string };

export type FileErrorCode = 'unsafe-path' | 'idea-unreadable' | 'git-read-only' | 'register-locked' | 'unknown-ref' | 'output-refused';
export type FileProblemCode = 'merge-conflict' | 'hidden-character' | 'unreadable' | 'unexpected-entry' | 'stale-temp-file';

export const fileErrorsSv: Record<FileErrorCode, (p: P) => Explained> = {
  'idea-unreadable': (p) => ({ message: `Idé ${p['id']} finns i ${p['file']}, men filen går inte att använda:`, hint: `Rätta filen och försök igen; sluss validate ${p['file']} visar alla fel.` }),
  'git-read-only': (p) => ({ message: `Git kan inte skriva i registrets .git-mapp: ${p['reason'] === 'permission' ? 'behörighet saknas' : 'filsystemet är skrivskyddat'}.${p['file'] ? ` Idén är sparad i ${p['file']} men inte incheckad.` : ''}`, hint: 'Kontrollera att disken inte är skrivskyddad och att du får skriva i registrets mapp, och försök igen.' }),
  'register-locked': (p) => ({ message: `Ett annat sluss-kommando arbetar fortfarande i registret (process ${p['pid']} på ${p['host']}, sedan ${p['since']}).`, hint: `Vänta tills det är klart och försök igen. Körs det inte längre, ta bort ${p['lock']}.` }),
  'unknown-ref': (p) => ({
    message: `Git känner inte till ${p['ref']} (${p['option']}).`,
    hint:
      p['shallow'] === 'yes'
        ? `Klonen är grund (shallow) och saknar äldre historik. Hämta den med git fetch --unshallow, eller hämta just den med git fetch origin ${p['ref']}.`
        : `Kontrollera namnet (git branch -a visar grenarna) eller hämta den: git fetch origin ${p['ref']}.`,
  }),
  'output-refused': (p) => ({ message: `sluss skriver inte till ${p['file']}: ${p['reason'] === 'block-device' ? 'det är en blockenhet (en disk)' : 'det är en länk till en fil som inte finns'}.`, hint: 'Ange en vanlig fil eller en mapp med --out.' }),
  'unsafe-path': (p) => ({
    message: `sluss ${p['access'] === 'read' ? 'läser' : 'skriver'} inte ${p['file']}: ${unsafeReason('sv', p)}.`,
    hint: String(p['part'] ?? '').startsWith('.sluss')
      ? '.sluss är sluss egen arbetsmapp (cache, lås, återställningsfiler) och ska vara en vanlig mapp som du äger. Ta bort det som ligger där (rm -r .sluss), så skapar sluss mappen igen.'
      : 'En länk eller specialfil i registret kan leda läsning och skrivning ut ur det. Ersätt den med en vanlig fil eller mapp (git rm och lägg tillbaka), eller be den som sköter registret om hjälp.',
  }),
};

export const fileErrorsEn: Record<FileErrorCode, (p: P) => Explained> = {
  'idea-unreadable': (p) => ({ message: `Idea ${p['id']} is in ${p['file']}, but the file cannot be used:`, hint: `Fix the file and try again; sluss validate ${p['file']} shows every problem.` }),
  'git-read-only': (p) => ({ message: `Git cannot write in the register's .git folder: ${p['reason'] === 'permission' ? 'permission denied' : 'the file system is read-only'}.${p['file'] ? ` The idea is saved in ${p['file']} but not committed.` : ''}`, hint: 'Check that the disk is not read-only and that you may write in the register folder, and try again.' }),
  'register-locked': (p) => ({ message: `Another sluss command is still working in the register (process ${p['pid']} on ${p['host']}, since ${p['since']}).`, hint: `Wait until it is done and try again. If it no longer runs, delete ${p['lock']}.` }),
  'unknown-ref': (p) => ({
    message: `Git does not know ${p['ref']} (${p['option']}).`,
    hint:
      p['shallow'] === 'yes'
        ? `The clone is shallow and lacks older history. Fetch it with git fetch --unshallow, or fetch just that ref with git fetch origin ${p['ref']}.`
        : `Check the name (git branch -a lists the branches) or fetch it: git fetch origin ${p['ref']}.`,
  }),
  'output-refused': (p) => ({ message: `sluss does not write to ${p['file']}: ${p['reason'] === 'block-device' ? 'it is a block device (a disk)' : 'it is a link to a file that does not exist'}.`, hint: 'Give a regular file or a folder with --out.' }),
  'unsafe-path': (p) => ({
    message: `sluss does not ${p['access'] === 'read' ? 'read' : 'write'} ${p['file']}: ${unsafeReason('en', p)}.`,
    hint: String(p['part'] ?? '').startsWith('.sluss')
      ? ".sluss is sluss's own working folder (caches, lock, recovery files) and must be a plain folder you own. Remove what is there (rm -r .sluss) and sluss makes the folder again."
      : 'A link or special file in the register could lead reads and writes out of it. Replace it with a regular file or folder (git rm and add it back), or ask whoever maintains the register.',
  }),
};

export const fileProblemsSv: Record<FileProblemCode, (p: Q) => Explained> = {
  'merge-conflict': () => ({ message: 'filen har en olöst sammanslagningskonflikt (merge conflict) från git', hint: 'öppna filen, behåll rätt text mellan raderna <<<<<<<, ======= och >>>>>>>, ta bort de raderna och checka in filen (git add <fil> och git commit), eller be den som sköter registret om hjälp' }),
  'hidden-character': (p) => ({ message: `ett ovanligt blanksteg (till exempel ett hårt mellanslag) i början eller slutet (${p['detail']})`, hint: 'ta bort tecknet; det ser ut som ett mellanslag men gör att värdet inte stämmer' }),
  unreadable: (p) => unreadable('sv', p['detail']),
  'unexpected-entry': (p) => ({ message: ({ folder: 'en mapp i ideas/; idéfiler ligger direkt i ideas/', 'dot-file': 'en dold fil (namnet börjar med punkt) i ideas/', file: 'en fil som inte är en idéfil (.md) i ideas/' } as Record<string, string>)[String(p['kind'])] ?? 'okänd post i ideas/', hint: 'flytta den ut ur ideas/ (bilagor och anteckningar hör hemma utanför) eller ta bort den' }),
  'stale-temp-file': () => ({ message: 'en tillfällig fil som sluss lämnade när ett kommando avbröts', hint: 'ta bort filen; inget sluss-kommando skriver den längre' }),
};

export const fileProblemsEn: Record<FileProblemCode, (p: Q) => Explained> = {
  'merge-conflict': () => ({ message: 'the file has an unresolved merge conflict from git', hint: 'open the file, keep the right text between the lines <<<<<<<, ======= and >>>>>>>, delete those lines and commit the file (git add <file> and git commit), or ask whoever runs the register for help' }),
  'hidden-character': (p) => ({ message: `an unusual space (such as a no-break space) at the start or end (${p['detail']})`, hint: 'remove it: it looks like a space but makes the value differ' }),
  unreadable: (p) => unreadable('en', p['detail']),
  'unexpected-entry': (p) => ({ message: ({ folder: 'a folder in ideas/; idea files lie directly in ideas/', 'dot-file': 'a hidden file (its name starts with a dot) in ideas/', file: 'a file that is not an idea file (.md) in ideas/' } as Record<string, string>)[String(p['kind'])] ?? 'an unknown entry in ideas/', hint: 'move it out of ideas/ (attachments and notes belong elsewhere) or delete it' }),
  'stale-temp-file': () => ({ message: 'a temporary file sluss left behind when a command was interrupted', hint: 'delete it; no sluss command is writing it any more' }),
};

/** Why sluss refuses a path (`unsafe-path`), in each language. */
function unsafeReason(lang: Lang, p: P): string {
  const part = p['part'];
  const reasons: Record<string, [string, string]> = {
    symlink: [`${part} är en symbolisk länk`, `${part} is a symbolic link`],
    'not-a-folder': [`${part} är ingen mapp`, `${part} is not a folder`],
    'not-a-file': [`${part} är ingen vanlig fil`, `${part} is not a regular file`],
    'not-owned': [`${part} ägs av en annan användare`, `${part} belongs to another user`],
  };
  const [sv, en] = reasons[String(p['reason'])] ?? ['sökvägen leder ut ur registret', 'the path leads out of the register'];
  return lang === 'en' ? en : sv;
}

/** Why a file could not be read: what it is instead of a file, or the system's error code. */
function unreadable(lang: Lang, detail: unknown): Explained {
  const reasons: Record<string, [string, string]> = {
    folder: ['det är en mapp', 'it is a folder'],
    fifo: ['det är en namngiven pipe (FIFO)', 'it is a named pipe (FIFO)'],
    socket: ['det är en socket', 'it is a socket'],
    device: ['det är en enhetsfil', 'it is a device file'],
    changed: ['den byttes ut medan den lästes', 'it was replaced while being read'],
    EACCES: ['behörighet saknas', 'permission denied'],
    EPERM: ['behörighet saknas', 'permission denied'],
    EIO: ['läsfel på disken', 'a read error on the disk'],
  };
  const hints: Record<string, [string, string]> = {
    permission: ['ge dig själv läsbehörighet (chmod u+r <fil>) eller be den som äger filen', 'give yourself read permission (chmod u+r <file>) or ask whoever owns the file'],
    changed: ['kör kommandot igen', 'run the command again'],
    other: ['ersätt den med en vanlig textfil eller flytta den ut ur ideas/', 'replace it with a plain text file or move it out of ideas/'],
  };
  const [reasonSv, reasonEn] = reasons[String(detail)] ?? [`systemfel ${String(detail ?? 'okänt')}`, `system error ${String(detail ?? 'unknown')}`];
  const [hintSv, hintEn] = hints[detail === 'EACCES' || detail === 'EPERM' ? 'permission' : detail === 'changed' ? 'changed' : 'other']!;
  return lang === 'en' ? { message: `the file cannot be read: ${reasonEn}`, hint: hintEn } : { message: `filen går inte att läsa: ${reasonSv}`, hint: hintSv };
}
