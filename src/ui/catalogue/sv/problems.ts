/** What `validate` reports, in Swedish: each problem a message and a hint that says how to fix it. */
import { MAX_IDEA_FILE_BYTES } from '../../../core/format/limits.js';
import { formatInteger } from '../../numbers.js';
import type { ProblemCode } from '../../../core/problems.js';
import type { Explained } from '../params.js';
import { isNoControlPattern, list } from '../params.js';

type Q = Record<string, unknown>;

export const personalData: Record<string, string> = { email: 'en e-postadress', phone: 'ett telefonnummer', personnummer: 'ett personnummer' };

export const problems: Record<ProblemCode, (p: Q) => Explained> = {
  'merge-conflict': () => ({ message: 'filen har en olöst sammanslagningskonflikt (merge conflict) från git', hint: 'öppna filen, behåll rätt text mellan raderna <<<<<<<, ======= och >>>>>>>, ta bort de raderna och checka in filen (git add <fil> och git commit), eller be den som sköter registret om hjälp' }),
  'hidden-character': (p) => ({ message: `ett ovanligt blanksteg (till exempel ett hårt mellanslag) i början eller slutet (${p['detail']})`, hint: 'ta bort tecknet; det ser ut som ett mellanslag men gör att värdet inte stämmer' }),
  unreadable: (p) => unreadable(p['detail']),
  'unexpected-entry': (p) => ({ message: ({ folder: 'en mapp i ideas/; idéfiler ligger direkt i ideas/', 'dot-file': 'en dold fil (namnet börjar med punkt) i ideas/', file: 'en fil som inte är en idéfil (.md) i ideas/' } as Record<string, string>)[String(p['kind'])] ?? 'okänd post i ideas/', hint: 'flytta den ut ur ideas/ (bilagor och anteckningar hör hemma utanför) eller ta bort den' }),
  'stale-temp-file': () => ({ message: 'en tillfällig fil som sluss lämnade när ett kommando avbröts', hint: 'ta bort filen; inget sluss-kommando skriver den längre' }),
  bom: () => ({ message: 'filen börjar med ett byte order mark (BOM)', hint: 'spara filen som UTF-8 utan BOM' }),
  crlf: () => ({ message: 'filen har Windows-radslut (CRLF)', hint: 'spara med LF-radslut. Har git gjort om radsluten vid utcheckning (core.autocrlf=true), behöver registret en .gitattributes med raden "* text=auto eol=lf" (sluss init skapar den); lägg till den och checka ut filerna igen (git checkout -- ideas)' }),
  'not-nfc': () => ({ message: 'texten är inte Unicode-normaliserad (NFC)', hint: 'spara filen igen med sluss eller en redigerare som skriver NFC' }),
  'no-front-matter': () => ({ message: 'filen börjar inte med front matter (---)', hint: 'första raden ska vara exakt ---' }),
  'front-matter-language': (p) => ({ message: `front matter på språket "${p['detail']}" körs aldrig`, hint: 'använd YAML: första raden ska vara exakt ---' }),
  'unclosed-front-matter': () => ({ message: 'front matter avslutas inte med ---', hint: 'lägg till en rad med bara --- efter fälten' }),
  'yaml-syntax': (p) => ({ message: `YAML-fel: ${p['detail']}`, hint: 'kontrollera indrag, kolon och citattecken' }),
  'yaml-alias': () => ({ message: 'YAML-alias (*namn) är inte tillåtna', hint: 'skriv ut värdet i stället för ett alias' }),
  'yaml-duplicate-key': (p) => ({ message: `samma fält förekommer två gånger (${p['detail']})`, hint: 'ta bort det ena' }),
  'yaml-not-a-map': () => ({ message: 'front matter är inte en samling fält', hint: 'skriv fälten som namn: värde' }),
  'not-utf8': () => ({ message: 'filen är inte giltig UTF-8', hint: 'spara filen som UTF-8' }),
  binary: () => ({ message: 'filen är binär, inte text', hint: 'idéfiler ska vara Markdown-text; ta bort eller flytta filen' }),
  'too-large': () => ({ message: `filen är större än de ${formatInteger(MAX_IDEA_FILE_BYTES, 'sv')} byte en idéfil får vara`, hint: 'korta texten eller lägg bilagor utanför ideas/' }),
  symlink: () => ({ message: 'filen är en symbolisk länk', hint: 'ersätt länken med en vanlig fil' }),
  schema: (p) => schema(p),
  'file-name': () => ({ message: 'filnamnet följer inte mönstret <id>-<slug>.md', hint: 'byt namn till id:t följt av rubriken, t.ex. 115-7M4QD-digital-felanmalan.md' }),
  'id-mismatch': (p) => ({ message: `id ${p['id']} stämmer inte med filnamnets ${p['fileId']}`, hint: 'ändra id eller byt namn på filen så att de stämmer' }),
  'duplicate-id': (p) => ({ message: `id ${p['id']} används också av ${list(p['others'])}`, hint: 'ge den nyare idén ett nytt id (sluss add väljer ett åt dig)' }),
  'file-name-clash': (p) => ({ message: `filnamnet krockar med ${list(p['others'])} på system som inte skiljer på stora/små bokstäver`, hint: 'byt namn på den ena filen' }),
  'broken-link': (p) => ({ message: `länken pekar på ${p['id']}, som inte finns`, hint: 'rätta id:t eller ta bort länken' }),
  'self-link': () => ({ message: 'idén länkar till sig själv', hint: 'ta bort länken' }),
  'unknown-stage': (p) => ({ message: `okänt steg "${p['value']}"`, hint: 'använd ett steg ur sluss.yaml' }),
  'unknown-municipality': (p) => ({ message: `okänd kommun "${p['value']}"`, hint: 'använd en kommunkod ur sluss.yaml' }),
  'unknown-category': (p) => ({ message: `okänt verksamhetsområde "${p['value']}"`, hint: 'använd en kod ur sluss.yaml' }),
  'shares-over-100': (p) => ({ message: `kostnadsandelarna blir ${p['value']} %, mer än 100 %`, hint: 'justera andelarna så att summan blir högst 100' }),
  'owner-not-participant': (p) => ({ message: `ursprungskommunen ${p['value']} saknas bland deltagarna`, hint: 'lägg till den i municipalities med role: owner' }),
  'history-order': (p) => ({ message: `historiken är inte i datumordning (${p['value']})`, hint: 'ordna händelserna med äldst först' }),
  'participant-repeated': (p) => ({ message: `kommunen ${p['value']} står flera gånger bland deltagarna`, hint: 'behåll en post per kommun' }),
  'owner-count': (p) => ({ message: p['count'] === 0 ? 'ingen deltagare har rollen owner' : `${p['count']} deltagare har rollen owner`, hint: 'idén ska ha precis en ägare: kommunen där den kom in (municipality)' }),
  'duplicate-without-target': (p) => ({ message: `idén står i dubblettsteget ${p['value']} men pekar inte på idén som lever vidare`, hint: 'ange links.duplicate_of, eller använd sluss merge <id> <id>' }),
  'duplicate-link-without-stage': (p) => ({ message: `idén pekar på ${p['id']} som idén som lever vidare men står i ${p['value']}, inte i dubblettsteget ${p['stage']}`, hint: `flytta den till dubblettsteget (sluss move <id> ${p['code']} --duplicate-of ${p['id']}), eller ta bort links.duplicate_of om idén lever vidare` }),
  'duplicate-chain': (p) => ({ message: `dubblettkedjan ${list(p['chain']).replace(/, /g, ' → ')} ${p['kind'] === 'cycle' ? 'går i cirkel' : p['kind'] === 'missing' ? 'pekar på en idé som inte finns' : 'slutar i en dubblett'} och når ingen levande idé`, hint: 'låt links.duplicate_of peka på idén som lever vidare' }),
  'personal-data': (p) => ({
    message: `innehåller ${personalData[String(p['kind'])]} (${p['masked']}) utan registrerat samtycke`,
    hint: 'ta bort uppgiften, eller registrera idégivarens samtycke i submitter.consent',
  }),
  'control-character': (p) => ({
    message: `innehåller ett styrtecken, ${p['character']}, som kan styra terminalen hos den som läser idén`,
    hint: 'ta bort tecknet; en rubrik, ett namn eller en kod ska dessutom vara en enda rad',
  }),
  'stray-file': (p) => ({
    message: `filen ligger i ideas/ men läses aldrig som idé (${({ 'dot-file': 'namnet börjar med punkt', 'sub-folder': 'den ligger i en undermapp', 'not-markdown': 'den är ingen .md-fil' } as Record<string, string>)[String(p['reason'])]}), så ingen kontroll ser den`,
    hint: 'lägg idéfiler direkt i ideas/ som <id>-<rubrik>.md, och ta bort andra filer därifrån',
  }),
  'config-duplicate-code': (p) => ({ message: `koden "${p['value']}" förekommer flera gånger`, hint: 'varje kod ska vara unik' }),
  'config-unknown-reference': (p) => ({ message: `"${p['value']}" finns inte bland stegen eller områdena`, hint: 'använd en kod som finns i filen' }),
  'config-duplicate-name': (p) => ({ message: `namnet "${p['value']}" används av flera (${list(p['codes'])})`, hint: 'ge var och en ett eget namn, så att namnet pekar ut en enda' }),
  'tool-missing': () => ({ message: 'registrets kopia av sluss saknas', hint: 'lägg tillbaka den med sluss tool update och checka in den' }),
  'tool-manifest-missing': () => ({ message: 'manifestet för registrets kopia av sluss saknas', hint: 'skriv det med sluss tool update och checka in det' }),
  'tool-manifest-invalid': () => ({ message: 'manifestet för registrets kopia av sluss är inte giltigt', hint: 'skriv om det med sluss tool update' }),
  'tool-tampered': (p) => ({
    message: `registrets kopia av sluss stämmer inte med manifestet (SHA-256 ${String(p['actual']).slice(0, 12)}…, väntat ${String(p['expected']).slice(0, 12)}…)`,
    hint: 'filen har ändrats efter att sluss skrev den: skriv den på nytt med sluss tool update och låt ändringen granskas',
  }),
  'tool-outdated': (p) => ({ message: `varning: registrets kopia av sluss är version ${p['version']}, äldre än den som körs (${p['running']})`, hint: 'uppdatera den med sluss tool update och låt ändringen granskas som en pull request' }),
  'tool-newer': (p) => ({ message: `varning: registrets kopia av sluss är version ${p['version']}, nyare än den som körs (${p['running']})`, hint: 'kör registrets kopia med ./sluss (sluss.cmd i Windows), eller uppdatera din sluss' }),
};

function schema(p: Q): Explained {
  switch (p['keyword']) {
    case 'required':
      return { message: `fältet ${p['missingProperty']} saknas`, hint: `lägg till ${p['missingProperty']}` };
    case 'additionalProperties':
      return { message: `okänt fält ${p['additionalProperty']}`, hint: 'ta bort fältet eller rätta stavningen; egna fält ska börja med x-' };
    case 'type':
      return { message: `fel typ, ska vara ${typeName(String(p['type']))}`, hint: 'rätta värdet' };
    case 'format':
    case 'pattern':
      if (isNoControlPattern(p)) return { message: 'innehåller ett styrtecken (till exempel en radbrytning, ett tabbtecken eller ESC)', hint: 'ta bort det; ett namn eller värde står på en rad' };
      return p['format'] === 'date' || String(p['pattern'] ?? '').startsWith('^[0-9]{4}')
        ? { message: 'inget giltigt datum', hint: 'skriv ett verkligt datum som "ÅÅÅÅ-MM-DD" inom citattecken' }
        : { message: 'värdet har fel form', hint: p['format'] === 'email' ? 'skriv en giltig e-postadress' : 'se schemas/idea.schema.json för formen' };
    case 'enum':
      return { message: 'otillåtet värde', hint: `välj ett av: ${list(p['allowedValues'])}` };
    case 'minLength':
      return Number(p['limit']) > 1 ? { message: `värdet är för kort (minst ${p['limit']} tecken)`, hint: 'skriv lite mer' } : { message: 'värdet är tomt', hint: 'fyll i fältet' };
    case 'maxLength':
      return { message: `värdet är för långt (högst ${p['limit']} tecken)`, hint: 'korta texten' };
    case 'minItems':
      return { message: 'listan är tom', hint: 'lägg till minst en post' };
    case 'minimum':
    case 'maximum':
      return { message: `talet ligger utanför det tillåtna (${p['comparison']} ${p['limit']})`, hint: 'rätta talet' };
    default:
      return { message: String(p['schemaMessage'] ?? p['keyword']), hint: 'se schemas/idea.schema.json' };
  }
}

function typeName(type: string): string {
  return ({ string: 'text', number: 'ett tal', integer: 'ett heltal', array: 'en lista', object: 'en samling fält', boolean: 'sant/falskt', null: 'tomt' } as Record<string, string>)[type] ?? type;
}

/** Why a file could not be read: what it is instead of a file, or the system's error code. */
function unreadable(detail: unknown): Explained {
  const reasons: Record<string, string> = {
    folder: 'det är en mapp',
    fifo: 'det är en namngiven pipe (FIFO)',
    socket: 'det är en socket',
    device: 'det är en enhetsfil',
    EACCES: 'behörighet saknas',
    EPERM: 'behörighet saknas',
    EIO: 'läsfel på disken',
  };
  const hints: Record<string, string> = {
    permission: 'ge dig själv läsbehörighet (chmod u+r <fil>) eller be den som äger filen',
    other: 'ersätt den med en vanlig textfil eller flytta den ut ur ideas/',
  };
  const reason = reasons[String(detail)] ?? `systemfel ${String(detail ?? 'okänt')}`;
  return { message: `filen går inte att läsa: ${reason}`, hint: hints[detail === 'EACCES' || detail === 'EPERM' ? 'permission' : 'other']! };
}
