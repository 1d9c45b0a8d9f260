/**
 * Every sentence sluss says, in Swedish (default) and English. Each error and
 * problem has a message and a hint that says what to do next.
 */
import type { ErrorCode, ErrorParams } from './errors.js';
import type { Problem, ProblemCode } from './problems.js';
import { fileErrorsEn, fileErrorsSv, fileProblemsEn, fileProblemsSv } from './file-messages.js';
import { missingInputHint, workflowErrorsEn, workflowErrorsSv } from './workflow-messages.js';
import type { Lang } from './lang.js';

export type { Lang } from './lang.js';

type P = ErrorParams;
type Explained = { message: string; hint?: string };

const list = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));
const recoverySv = (p: P) => (p['recovery'] ? ` Din text är sparad i ${p['recovery']}.` : '');
const recoveryEn = (p: P) => (p['recovery'] ? ` Your text is saved in ${p['recovery']}.` : '');
const personalDataSv: Record<string, string> = { email: 'en e-postadress', phone: 'ett telefonnummer', personnummer: 'ett personnummer' };
const personalDataEn: Record<string, string> = { email: 'an e-mail address', phone: 'a phone number', personnummer: 'a personal identity number' };

const errorsSv: Record<ErrorCode, (p: P) => Explained> = {
  ...workflowErrorsSv,
  ...fileErrorsSv,
  usage: (p) => ({
    message: p['detail'] ? String(p['detail']) : `Ogiltigt värde för ${p['option']}: ${p['value']}.`,
    hint: p['hint'] ? String(p['hint']) : p['known'] ? `Möjliga värden: ${list(p['known'])}.` : 'Kör sluss --help för att se kommandon och flaggor.',
  }),
  'missing-required': (p) => ({
    message: `Uppgifter saknas: ${list(p['fields'])}.`,
    hint: missingInputHint('sv', p) ?? 'Ange dem som flaggor, till exempel --title "…" --problem "…" --municipality skovde, eller kör kommandot i en terminal för att få frågor.',
  }),
  'no-terminal': (p) => ({
    message: `Det går inte att fråga efter uppgifter utan terminal. Saknas: ${list(p['fields'])}.`,
    hint: 'Ange uppgifterna som flaggor (se sluss add --help) eller kör kommandot i en terminal.',
  }),
  'register-not-found': (p) => ({
    message: `Hittar inget idéregister (sluss.yaml) i ${p['dir']} eller någon mapp ovanför.`,
    hint: 'Gå till registrets mapp, ange den med -C <mapp>, eller skapa ett nytt register med sluss init.',
  }),
  'config-invalid': (p) => ({ message: `${p['file']} innehåller fel:`, hint: 'Rätta felen i filen och försök igen.' }),
  'config-missing': (p) => ({ message: `${p['file']} saknas.`, hint: 'Skapa registret med sluss init.' }),
  'unknown-municipality': (p) => ({ message: `Okänd kommun: ${p['value']}.`, hint: `Använd en kod eller ett namn ur sluss.yaml: ${list(p['known'])}.` }),
  'unknown-category': (p) => ({ message: `Okänt verksamhetsområde: ${p['value']}.`, hint: `Använd en kod eller ett namn ur sluss.yaml: ${list(p['known'])}.` }),
  'unknown-stage': (p) => ({ message: `Okänt steg: ${p['value']}.`, hint: `Använd en kod eller ett namn ur sluss.yaml: ${list(p['known'])}.` }),
  'idea-not-found': (p) => ({ message: `Hittar ingen idé med id ${p['id']}.`, hint: 'Kontrollera id:t med sluss list eller sluss search.' }),
  'idea-ambiguous': (p) => ({ message: `${p['id']} passar flera idéer: ${list(p['matches'])}.`, hint: 'Skriv hela id:t.' }),
  'idea-invalid': (p) => ({ message: `Idén blev ogiltig och sparades inte: ${list(p['details'])}.`, hint: 'Rätta uppgifterna och försök igen.' }),
  'idea-file-invalid': (p) => ({ message: `Idéfilen ${p['file']} går inte att läsa.`, hint: 'Kör sluss validate för att se vad som är fel.' }),
  'input-file-invalid': (p) => ({ message: `Filen ${p['file']} går inte att använda: ${p['detail']}.`, hint: 'Använd en .md-fil med front matter eller en .json-fil med fälten title, problem och municipality.' }),
  'file-exists': (p) => ({ message: `Filen ${p['file']} finns redan och skrivs inte över.`, hint: 'Försök igen; ett nytt id väljs.' }),
  'write-failed': (p) => ({
    message: `Kunde inte skriva ${p['file']}: ${p['detail']}.`,
    hint: p['recovery'] ? `Din text är sparad i ${p['recovery']}. Kontrollera diskutrymme och behörighet och försök igen.` : 'Kontrollera diskutrymme och behörighet och försök igen.',
  }),
  'duplicate-found': (p) => ({
    message: `Idén liknar ${p['count']} befintlig(a) idé(er) och lades inte till.`,
    hint: 'Välj med --on-duplicate join (anslut till den befintliga idén), related (lägg till och länka) eller new (lägg till ändå).',
  }),
  'git-missing': () => ({ message: 'Programmet git hittades inte.', hint: 'Installera git (https://git-scm.com) eller använd --no-commit för att bara skriva filen.' }),
  'not-a-git-repo': (p) => ({ message: `${p['dir']} är inget git-arkiv.`, hint: 'Kör sluss init i mappen, eller använd --no-commit för att bara skriva filen.' }),
  'git-locked': (p) => ({
    message: `Git är upptaget: ${p['lock'] ?? '.git/index.lock'} finns.${p['file'] ? ` Idén är sparad i ${p['file']} men inte incheckad.` : ''}`,
    hint: 'Vänta tills andra git-program är klara. Har inget program igång kan du ta bort låsfilen och försöka igen.',
  }),
  'commit-failed': (p) => ({
    message: `Incheckningen misslyckades${p['detail'] ? `: ${p['detail']}` : ''}. Idén är sparad i ${p['file']} men inte incheckad.`,
    hint: 'Rätta felet (till exempel en pre-commit-krok) och checka in filen, eller be en kollega om hjälp.',
  }),
  'branch-exists': (p) => ({ message: `Grenen ${p['branch']} finns redan.`, hint: 'Försök igen utan --branch, eller ta bort grenen först.' }),
  'git-failed': (p) => ({ message: `Git misslyckades: ${p['detail']}.`, hint: 'Kör med --debug för detaljer.' }),
  'target-not-empty': (p) => ({ message: `${p['dir']} har redan ett idéregister.`, hint: 'Välj en annan mapp.' }),
  'path-outside-register': (p) => ({ message: `${p['path']} ligger utanför registret ${p['root']}.`, hint: 'Ange filer inne i registret, till exempel ideas/<fil>.md.' }),
  interrupted: () => ({ message: 'Avbrutet. Inget ändrades i registret.' }),
  'control-character-refused': (p) =>
    p['lineBreak'] === 'yes'
      ? { message: `${p['field']} ska vara en enda rad men innehåller ${p['character']}, och sparades inte.`, hint: `Skriv texten på en rad och försök igen.${recoverySv(p)}` }
      : {
          message: `${p['field']} innehåller ett styrtecken, ${p['character']}, och sparades inte.`,
          hint: `Styrtecken kan styra terminalen hos alla som läser idén. Ta bort tecknet och försök igen.${recoverySv(p)}`,
        },
  'personal-data-refused': (p) => ({
    message: `${p['field']} innehåller ${personalDataSv[String(p['kind'])]} (${p['masked']}) och sparades inte: det som checkas in ligger kvar i registrets historik för alltid.`,
    hint: `Ta bort uppgiften. Idégivarens eget namn och e-post får bara registreras med samtycke, i idégivarens uppgifter: sluss add --submitter "Namn" --submitter-email … --consent ÅÅÅÅ-MM-DD (submitter.consent i filen).${recoverySv(p)}`,
  }),
  'missing-identity': () => ({ message: 'Vem gör ändringen? Inget namn är inställt i git.', hint: 'Ange --by "Förnamn Efternamn", eller ställ in namnet en gång: git config --global user.name "Förnamn Efternamn".' }),
  'no-remote': () => ({ message: 'Registret har ingen fjärrkopia (remote) att skicka grenen till.', hint: 'Be den som sköter registret lägga till en, eller använd --branch utan --pr.' }),
  'push-failed': (p) => ({ message: `Grenen ${p['branch']} kunde inte skickas: ${p['detail']}.`, hint: 'Kontrollera nätverket och din behörighet och försök igen; ändringen finns kvar på grenen.' }),
  'tool-unavailable': (p) => ({
    message: `sluss hittar inte sin egen fristående fil ${p['file']}, som registret ska få en kopia av.`,
    hint: 'Installera sluss på nytt från paketfilen sluss-<version>.tgz (se README, Installera), eller kör npm run build i sluss källkod.',
  }),
  'generated-not-committed': (p) => ({
    message: `Filerna är skrivna men kunde inte checkas in${p['detail'] ? ` (${p['detail']})` : ''}: ${list(p['files'])}.`,
    hint: 'Rätta felet (till exempel en pre-commit-krok) och checka in filerna med git add och git commit.',
  }),
  'forge-api-failed': (p) => ({ message: `Anropet till forgen misslyckades: ${p['url']}: ${p['detail']}.`, hint: 'Kontrollera att token i SLUSS_GITLAB_TOKEN gäller, har rollen Reporter och scope api, och att körarna når GitLab.' }),
  'ci-variables-missing': (p) => ({ message: `CI-variablerna ${list(p['variables'])} saknas.`, hint: 'Kommandot körs av GitLab-pipelinen för en merge request (se .gitlab-ci.yml), inte för hand.' }),
};

const errorsEn: Record<ErrorCode, (p: P) => Explained> = {
  ...workflowErrorsEn,
  ...fileErrorsEn,
  usage: (p) => ({
    message: p['detail'] ? String(p['detail']) : `Invalid value for ${p['option']}: ${p['value']}.`,
    hint: p['hint'] ? String(p['hint']) : p['known'] ? `Possible values: ${list(p['known'])}.` : 'Run sluss --help to see commands and options.',
  }),
  'missing-required': (p) => ({
    message: `Missing: ${list(p['fields'])}.`,
    hint: missingInputHint('en', p) ?? 'Give them as options, for example --title "…" --problem "…" --municipality skovde, or run the command in a terminal to be asked.',
  }),
  'no-terminal': (p) => ({
    message: `Cannot ask for input without a terminal. Missing: ${list(p['fields'])}.`,
    hint: 'Give the values as options (see sluss add --help) or run the command in a terminal.',
  }),
  'register-not-found': (p) => ({
    message: `No idea register (sluss.yaml) in ${p['dir']} or any folder above it.`,
    hint: 'Go to the register folder, name it with -C <dir>, or create a register with sluss init.',
  }),
  'config-invalid': (p) => ({ message: `${p['file']} has errors:`, hint: 'Fix them and try again.' }),
  'config-missing': (p) => ({ message: `${p['file']} is missing.`, hint: 'Create the register with sluss init.' }),
  'unknown-municipality': (p) => ({ message: `Unknown municipality: ${p['value']}.`, hint: `Use a code or name from sluss.yaml: ${list(p['known'])}.` }),
  'unknown-category': (p) => ({ message: `Unknown category: ${p['value']}.`, hint: `Use a code or name from sluss.yaml: ${list(p['known'])}.` }),
  'unknown-stage': (p) => ({ message: `Unknown stage: ${p['value']}.`, hint: `Use a code or name from sluss.yaml: ${list(p['known'])}.` }),
  'idea-not-found': (p) => ({ message: `No idea with id ${p['id']}.`, hint: 'Check the id with sluss list or sluss search.' }),
  'idea-ambiguous': (p) => ({ message: `${p['id']} matches several ideas: ${list(p['matches'])}.`, hint: 'Type the whole id.' }),
  'idea-invalid': (p) => ({ message: `The idea would be invalid and was not saved: ${list(p['details'])}.`, hint: 'Correct the input and try again.' }),
  'idea-file-invalid': (p) => ({ message: `The idea file ${p['file']} cannot be read.`, hint: 'Run sluss validate to see what is wrong.' }),
  'input-file-invalid': (p) => ({ message: `Cannot use ${p['file']}: ${p['detail']}.`, hint: 'Use a .md file with front matter or a .json file with the fields title, problem and municipality.' }),
  'file-exists': (p) => ({ message: `${p['file']} already exists and is not overwritten.`, hint: 'Try again; a new id is chosen.' }),
  'write-failed': (p) => ({
    message: `Could not write ${p['file']}: ${p['detail']}.`,
    hint: p['recovery'] ? `Your text is saved in ${p['recovery']}. Check disk space and permissions and try again.` : 'Check disk space and permissions and try again.',
  }),
  'duplicate-found': (p) => ({
    message: `The idea looks like ${p['count']} existing idea(s) and was not added.`,
    hint: 'Choose with --on-duplicate join (join the existing idea), related (add and link) or new (add anyway).',
  }),
  'git-missing': () => ({ message: 'The git program was not found.', hint: 'Install git (https://git-scm.com) or use --no-commit to only write the file.' }),
  'not-a-git-repo': (p) => ({ message: `${p['dir']} is not a git repository.`, hint: 'Run sluss init in the folder, or use --no-commit to only write the file.' }),
  'git-locked': (p) => ({
    message: `Git is busy: ${p['lock'] ?? '.git/index.lock'} exists.${p['file'] ? ` The idea is saved in ${p['file']} but not committed.` : ''}`,
    hint: 'Wait for other git programs to finish. If none is running, delete the lock file and try again.',
  }),
  'commit-failed': (p) => ({
    message: `The commit failed${p['detail'] ? `: ${p['detail']}` : ''}. The idea is saved in ${p['file']} but not committed.`,
    hint: 'Fix the cause (for example a pre-commit hook) and commit the file, or ask a colleague for help.',
  }),
  'branch-exists': (p) => ({ message: `The branch ${p['branch']} already exists.`, hint: 'Try again without --branch, or delete the branch first.' }),
  'git-failed': (p) => ({ message: `Git failed: ${p['detail']}.`, hint: 'Run with --debug for details.' }),
  'target-not-empty': (p) => ({ message: `${p['dir']} already has an idea register.`, hint: 'Choose another folder.' }),
  'path-outside-register': (p) => ({ message: `${p['path']} is outside the register ${p['root']}.`, hint: 'Name files inside the register, for example ideas/<file>.md.' }),
  interrupted: () => ({ message: 'Interrupted. Nothing in the register was changed.' }),
  'control-character-refused': (p) =>
    p['lineBreak'] === 'yes'
      ? { message: `${p['field']} must be a single line but contains ${p['character']}, and was not saved.`, hint: `Write the text on one line and try again.${recoveryEn(p)}` }
      : {
          message: `${p['field']} contains a control character, ${p['character']}, and was not saved.`,
          hint: `Control characters can take over the terminal of everyone who reads the idea. Remove the character and try again.${recoveryEn(p)}`,
        },
  'personal-data-refused': (p) => ({
    message: `${p['field']} contains ${personalDataEn[String(p['kind'])]} (${p['masked']}) and was not saved: what is committed stays in the register's history for ever.`,
    hint: `Remove it. The submitter's own name and e-mail may only be recorded with consent, in the submitter's details: sluss add --submitter "Name" --submitter-email … --consent YYYY-MM-DD (submitter.consent in the file).${recoveryEn(p)}`,
  }),
  'missing-identity': () => ({ message: 'Who makes the change? No name is set in git.', hint: 'Give --by "First Last", or set the name once: git config --global user.name "First Last".' }),
  'no-remote': () => ({ message: 'The register has no remote to send the branch to.', hint: 'Ask whoever runs the register to add one, or use --branch without --pr.' }),
  'push-failed': (p) => ({ message: `The branch ${p['branch']} could not be sent: ${p['detail']}.`, hint: 'Check the network and your access and try again; the change stays on the branch.' }),
  'tool-unavailable': (p) => ({
    message: `sluss cannot find its own standalone file ${p['file']}, which the register gets a copy of.`,
    hint: 'Install sluss again from the package file sluss-<version>.tgz (see the README, Install), or run npm run build in the sluss source.',
  }),
  'generated-not-committed': (p) => ({
    message: `The files are written but could not be committed${p['detail'] ? ` (${p['detail']})` : ''}: ${list(p['files'])}.`,
    hint: 'Fix the cause (for example a pre-commit hook) and commit the files with git add and git commit.',
  }),
  'forge-api-failed': (p) => ({ message: `The call to the forge failed: ${p['url']}: ${p['detail']}.`, hint: 'Check that the token in SLUSS_GITLAB_TOKEN is valid, has the role Reporter and the scope api, and that the runners reach GitLab.' }),
  'ci-variables-missing': (p) => ({ message: `The CI variables ${list(p['variables'])} are missing.`, hint: 'The GitLab pipeline runs this command for a merge request (see .gitlab-ci.yml); it is not meant to be run by hand.' }),
};

export function explainError(lang: Lang, code: ErrorCode, params: P): Explained {
  return (lang === 'en' ? errorsEn : errorsSv)[code](params);
}

// ---- Validation problems --------------------------------------------------

type Q = Record<string, unknown>;

const problemsSv: Record<ProblemCode, (p: Q) => Explained> = {
  ...fileProblemsSv,
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
  'too-large': (p) => ({ message: `filen är för stor (${p['bytes']} byte, högst ${p['max']})`, hint: 'korta texten eller lägg bilagor utanför ideas/' }),
  symlink: () => ({ message: 'filen är en symbolisk länk', hint: 'ersätt länken med en vanlig fil' }),
  schema: (p) => schemaSv(p),
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
  'duplicate-chain': (p) => ({ message: `dubblettkedjan ${list(p['chain']).replace(/, /g, ' → ')} ${p['kind'] === 'cycle' ? 'går i cirkel' : p['kind'] === 'missing' ? 'pekar på en idé som inte finns' : 'slutar i en dubblett'} och når ingen levande idé`, hint: 'låt links.duplicate_of peka på idén som lever vidare' }),
  'personal-data': (p) => ({
    message: `innehåller ${personalDataSv[String(p['kind'])]} (${p['masked']}) utan registrerat samtycke`,
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

const problemsEn: Record<ProblemCode, (p: Q) => Explained> = {
  ...fileProblemsEn,
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
  'too-large': (p) => ({ message: `the file is too large (${p['bytes']} bytes, at most ${p['max']})`, hint: 'shorten the text or keep attachments outside ideas/' }),
  symlink: () => ({ message: 'the file is a symbolic link', hint: 'replace the link with a regular file' }),
  schema: (p) => schemaEn(p),
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
  'duplicate-chain': (p) => ({ message: `the duplicate chain ${list(p['chain']).replace(/, /g, ' → ')} ${p['kind'] === 'cycle' ? 'goes round in a circle' : p['kind'] === 'missing' ? 'points at an idea that does not exist' : 'ends in a duplicate'} and reaches no live idea`, hint: 'let links.duplicate_of point at the idea that lives on' }),
  'personal-data': (p) => ({
    message: `contains ${personalDataEn[String(p['kind'])]} (${p['masked']}) without recorded consent`,
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

/** The `text` definition of schemas/config.schema.json: one line, no control characters. */
function isNoControlPattern(p: Q): boolean {
  return p['keyword'] === 'pattern' && String(p['pattern']).startsWith('^[^\\u0000-\\u001f\\u007f-\\u009f');
}

function schemaSv(p: Q): Explained {
  switch (p['keyword']) {
    case 'required':
      return { message: `fältet ${p['missingProperty']} saknas`, hint: `lägg till ${p['missingProperty']}` };
    case 'additionalProperties':
      return { message: `okänt fält ${p['additionalProperty']}`, hint: 'ta bort fältet eller rätta stavningen; egna fält ska börja med x-' };
    case 'type':
      return { message: `fel typ, ska vara ${typeSv(String(p['type']))}`, hint: 'rätta värdet' };
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

function schemaEn(p: Q): Explained {
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

function typeSv(type: string): string {
  return ({ string: 'text', number: 'ett tal', integer: 'ett heltal', array: 'en lista', object: 'en samling fält', boolean: 'sant/falskt', null: 'tomt' } as Record<string, string>)[type] ?? type;
}

/** Whether a code read from outside (a cache file) is one of sluss's problem codes. */
export function isKnownProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(problemsSv, code);
}

export function explainProblem(lang: Lang, problem: Problem): Explained {
  return (lang === 'en' ? problemsEn : problemsSv)[problem.code](problem.params ?? {});
}

/** `ideas/x.md:12: history.2.date: inget giltigt datum — skriv …` */
export function formatProblem(lang: Lang, problem: Problem): string {
  const { message, hint } = explainProblem(lang, problem);
  const where = `${problem.file}${problem.line ? `:${problem.line}` : ''}`;
  return `${where}: ${problem.field ? `${problem.field}: ` : ''}${message}${hint ? ` — ${hint}` : ''}`;
}
