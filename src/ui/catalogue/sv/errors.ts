/** The errors sluss explains, in Swedish: each a message and a hint that says what to do next. */
import type { ErrorCode, ErrorParams } from '../../../core/errors.js';
import type { Explained } from '../params.js';
import { list, scoreFlags } from '../params.js';
import { personalData } from './problems.js';
import { roles } from './roles.js';

type P = ErrorParams;

/** Usage errors that are a rule between flags, by `reason`. */
const USAGE_REASONS: Record<string, Explained> = {
  'branch-needs-commit': { message: '--branch och --pr går inte att kombinera med --no-commit.', hint: 'Ta bort --no-commit för att checka in på en ny gren, eller --branch och --pr för att bara skriva filerna.' },
  'one-link-kind': { message: 'Ange precis en av --duplicate-of <id> och --related <id>.', hint: 'Till exempel: sluss link 0CQ-R77CM --related 0NX-80YA2.' },
  'consent-date-needed': { message: 'Idégivaren registreras bara med datum för samtycke: lägg till --consent ÅÅÅÅ-MM-DD.', hint: 'Ange dagen idégivaren gav sitt samtycke, ett datum som finns i kalendern, till exempel --consent 2026-03-01.' },
};

const recovery = (p: P) => (p['recovery'] ? ` Din text är sparad i ${p['recovery']}.` : '');
const costShare = (share: unknown) => (share === undefined ? '' : ` med kostnadsandel ${share} %`);
const roleName = (role: unknown) => (roles as Record<string, string>)[String(role)] ?? role;

/** Why sluss refuses a path (`unsafe-path`). */
function unsafeReason(p: P): string {
  const part = p['part'];
  const reasons: Record<string, string> = {
    symlink: `${part} är en symbolisk länk`,
    'not-a-folder': `${part} är ingen mapp`,
    'not-a-file': `${part} är ingen vanlig fil`,
    'not-owned': `${part} ägs av en annan användare`,
  };
  return reasons[String(p['reason'])] ?? 'sökvägen leder ut ur registret';
}

/** What to type instead, for each command that can miss an input; undefined for `add` (its own hint). */
/** What is wrong with the file `add --file` was given: a reason of sluss's own, or the system's or parser's words. */
function inputFileProblem(p: P): string {
  if (p['reason'] === 'not-object') return 'den håller inget JSON-objekt';
  if (p['reason'] === 'not-text') return `fältet ${p['field']} ska vara text`;
  if (p['reason'] === 'submitter') return 'idégivaren (submitter) saknar namn eller datum för samtycke (consent.date)';
  return String(p['detail']);
}

function missingInputHint(p: P): string | undefined {
  const id = String(p['id'] ?? '<id>');
  const terminal = ', eller kör kommandot i en terminal för att välja';
  switch (p['command']) {
    case 'move':
      return `Ange steget: sluss move ${id} <steg>. Tillåtna steg härifrån: ${list(p['allowed']) || '–'}${terminal}.`;
    case 'move-duplicate':
      return `Ange idén som lever vidare: sluss move ${id} ${p['stage']} --duplicate-of <id>, eller slå ihop idéerna: sluss merge ${id} <id>.`;
    case 'join':
    case 'leave':
      return `Ange kommunen: sluss ${p['command']} ${id} --municipality Hjo${terminal}.`;
    case 'join-update':
      return `Ange vad som ändras: sluss join ${id} --municipality Hjo --update --role co-funder och/eller --share 30.`;
    case 'assess':
      return `Ange en poäng 1–5 per kriterium: sluss assess ${id} ${scoreFlags(p)}${terminal.replace('välja', 'få frågor')}.`;
    default:
      return undefined;
  }
}

export const errors: Record<ErrorCode, (p: P) => Explained> = {
  'transition-not-allowed': (p) => ({
    message: p['to'] === undefined ? `Idé ${p['id']} står i ${p['from']} och kan inte flyttas.` : `Idé ${p['id']} kan inte flyttas från ${p['from']} till ${p['to']}.`,
    hint: p['final'] ? `${p['from']} är ett slutsteg: idén flyttas inte vidare därifrån.` : `Tillåtna nästa steg: ${list(p['allowed'])}.`,
  }),
  'assessment-required': (p) => ({ message: `Idé ${p['id']} behöver en bedömning innan den lämnar ${p['stage']}.`, hint: `Gör bedömningen först: sluss assess ${p['id']} ${scoreFlags(p)} --motivation "…"` }),
  'invalid-score': (p) => {
    if (p['reason'] === 'criterion') return { message: `Okänt kriterium: ${p['value']}.`, hint: `Kriterierna i sluss.yaml är ${list(p['known'])}; ange --score kriterium=1–5 för vart och ett.` };
    if (p['reason'] === 'repeated') return { message: `Kriteriet ${p['value']} har fått poäng två gånger.`, hint: 'Ange en --score per kriterium.' };
    if (p['reason'] === 'range') return { message: `Ogiltig poäng: ${p['value']}.`, hint: 'Poängen är ett heltal från 1 till 5.' };
    return { message: `Ogiltig poäng: ${p['value']}.`, hint: `Skriv kriterium=poäng med ett heltal 1–5, en --score per kriterium, till exempel ${scoreFlags({ criteria: p['known'] })}.` };
  },
  'shares-over-100': (p) => ({ message: `Kostnadsandelarna i idé ${p['id']} skulle bli ${p['total']} %.`, hint: `Det finns ${p['available']} % kvar att fördela; ange en mindre --share.` }),
  'not-participant': (p) => ({ message: `${p['municipality']} deltar inte i idé ${p['id']}.`, hint: `Se deltagarna med sluss show ${p['id']}.` }),
  'owner-cannot-leave': (p) => ({ message: `${p['municipality']} äger idé ${p['id']} och kan inte lämna den.`, hint: 'Parkera eller avslå idén med sluss move i stället.' }),
  'link-invalid': (p) => ({ message: `Idé ${p['id']} kan inte länkas till sig själv.`, hint: 'Ange två olika idéer.' }),
  'already-linked': (p) => ({ message: `Idé ${p['id']} är redan länkad till ${p['other']}.`, hint: 'Inget behövde ändras.' }),
  'not-linked': (p) => ({ message: `Idé ${p['id']} har ingen sådan länk till ${p['other']}.`, hint: `Se länkarna med sluss show ${p['id']}.` }),
  'already-participant': (p) => ({
    message: `${p['municipality']} deltar redan i idé ${p['id']} (${roleName(p['role'])}).`,
    hint: `Ändra roll eller kostnadsandel med sluss join ${p['id']} --municipality ${p['code'] ?? p['municipality']} --update --role co-funder --share 30.`,
  }),
  'already-assessed': (p) => ({
    message: `Idé ${p['id']} är redan bedömd (${p['date']} av ${p['by']}).`,
    hint: `Vill du ersätta bedömningen, lägg till --replace; den gamla finns kvar i historiken.`,
  }),
  'already-merged': (p) =>
    p['same']
      ? { message: `Idé ${p['id']} är redan sammanslagen med ${p['other']}.`, hint: 'Inget behövde ändras.' }
      : {
          message: `Idé ${p['id']} är redan en dubblett (${p['stage']}) av ${p['other']} och kan inte slås ihop med ${p['target']} också.`,
          hint: `Hör den hellre till ${p['target']}? Flytta först tillbaka den (sluss move ${p['id']}) och slå sedan ihop den: sluss merge ${p['id']} ${p['target']}.`,
        },
  'duplicate-needs-target': (p) => ({
    message: `Idé ${p['id']} står i dubblettsteget ${p['stage']} och måste peka på idén som lever vidare (${p['other']}).`,
    hint: `Ska idén leva vidare: flytta den ur dubblettsteget med sluss move ${p['id']} <steg> (${list(p['next'])}). Är den en dubblett av en annan idé: sluss link ${p['id']} --duplicate-of <id>.`,
  }),
  'target-is-duplicate': (p) => ({
    message: `Idé ${p['other']} är själv en dubblett och kan inte ta emot ${p['id']}.`,
    hint: p['survivor'] ? `Idén som lever vidare är ${p['survivor']}: sluss merge ${p['id']} ${p['survivor']}.` : `Ingen levande idé hittades bakom ${p['other']}; rätta dess länk (sluss validate visar den).`,
  }),
  'duplicate-cycle': (p) => ({ message: `Det skulle bli en cirkel av dubbletter: ${list(p['chain']).replace(/, /g, ' → ')}.`, hint: 'Välj idén som ska leva vidare och slå ihop de andra med den.' }),
  'owner-role-fixed': (p) => ({ message: `${p['municipality']} äger idé ${p['id']}; ägarens roll ändras inte.`, hint: 'Ändra kostnadsandelen med --share, eller flytta idén med sluss move.' }),
  'participant-unchanged': (p) => ({ message: `${p['municipality']} deltar redan som ${roleName(p['role'])}${costShare(p['share'])} i idé ${p['id']}.`, hint: 'Inget behövde ändras.' }),
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
  'no-merge-base': (p) => ({
    message: `${p['ref']} (${p['option']}) och HEAD har ingen gemensam historik i klonen, så sluss kan inte se vad grenen ändrar.`,
    hint:
      p['shallow'] === 'yes'
        ? 'Klonen är grund (shallow) och saknar historiken där grenen lämnade basen. Hämta den med git fetch --unshallow (i GitHub Actions: fetch-depth: 0 i actions/checkout).'
        : `Ange grenen som ändringen ska in i, till exempel --base origin/main; git merge-base ${p['ref']} HEAD ska hitta en gemensam commit.`,
  }),
  'output-refused': (p) => ({ message: `sluss skriver inte till ${p['file']}: ${p['reason'] === 'block-device' ? 'det är en blockenhet (en disk)' : 'det är en länk till en fil som inte finns'}.`, hint: 'Ange en vanlig fil eller en mapp med --out.' }),
  'unsafe-path': (p) => ({
    message: `sluss ${p['access'] === 'read' ? 'läser' : 'skriver'} inte ${p['file']}: ${unsafeReason(p)}.`,
    hint: String(p['part'] ?? '').startsWith('.sluss')
      ? '.sluss är sluss egen arbetsmapp (cache, lås, återställningsfiler) och ska vara en vanlig mapp som du äger. Ta bort det som ligger där (rm -r .sluss), så skapar sluss mappen igen.'
      : 'En länk eller specialfil i registret kan leda läsning och skrivning ut ur det. Ersätt den med en vanlig fil eller mapp (git rm och lägg tillbaka), eller be den som sköter registret om hjälp.',
  }),
  usage: (p) => USAGE_REASONS[String(p['reason'])] ?? ({
    message: p['detail'] ? String(p['detail']) : `Ogiltigt värde för ${p['option']}: ${p['value']}.`,
    hint: p['hint'] ? String(p['hint']) : p['expects'] === 'date' ? 'Ange ett datum som finns i kalendern, som ÅÅÅÅ-MM-DD, till exempel 2026-03-01.' : p['known'] ? `Möjliga värden: ${list(p['known'])}.` : 'Kör sluss --help för att se kommandon och flaggor.',
  }),
  'missing-required': (p) => ({
    message: `Uppgifter saknas: ${list(p['fields'])}.`,
    hint: missingInputHint(p) ?? 'Ange dem som flaggor, till exempel --title "…" --problem "…" --municipality skovde, eller kör kommandot i en terminal för att få frågor.',
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
  'input-file-invalid': (p) => ({
    message: `Filen ${p['file']} går inte att använda: ${inputFileProblem(p)}.`,
    hint:
      p['reason'] === 'submitter'
        ? 'Idégivaren sparas bara med samtycke: ange submitter med name och consent: { date: ÅÅÅÅ-MM-DD }, eller ta bort submitter ur filen.'
        : 'Använd en .md-fil med front matter eller en .json-fil med fälten title, problem och municipality.',
  }),
  'input-file-field': (p) => ({
    message: `Filen ${p['file']} har fältet ${p['field']}, som sluss add inte tar emot; idén lades inte till, så att inget i filen går förlorat.`,
    hint: 'Ta bort fältet ur filen och kör kommandot igen. Ett eget fält (x-…) kan läggas i idéfilen när idén är sparad; personuppgifter hör inte hemma i registret.',
  }),
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
      ? { message: `${p['field']} ska vara en enda rad men innehåller ${p['character']}, och sparades inte.`, hint: `Skriv texten på en rad och försök igen.${recovery(p)}` }
      : {
          message: `${p['field']} innehåller ett styrtecken, ${p['character']}, och sparades inte.`,
          hint: `Styrtecken kan styra terminalen hos alla som läser idén. Ta bort tecknet och försök igen.${recovery(p)}`,
        },
  'personal-data-refused': (p) => ({
    message: `${p['field']} innehåller ${personalData[String(p['kind'])]} (${p['masked']}) och sparades inte: det som checkas in ligger kvar i registrets historik för alltid.`,
    hint: `Ta bort uppgiften. Idégivarens eget namn och e-post får bara registreras med samtycke, i idégivarens uppgifter: sluss add --submitter "Namn" --submitter-email … --consent ÅÅÅÅ-MM-DD (submitter.consent i filen).${recovery(p)}`,
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
