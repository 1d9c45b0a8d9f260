/**
 * The examples at the end of every command's help, in Swedish. The ids are
 * ideas of the example register in this repository, so each example can be
 * tried there. A test parses every example with the real program.
 */

/** One example: what it does, in words, and the command line as it is typed. */
export interface HelpExample {
  text: string;
  line: string;
}

export const help: HelpExamples = {
  add: [
    { text: 'Lägg till en idé och svara på frågorna i terminalen', line: 'sluss add' },
    { text: 'Lägg till utan frågor; anslut kommunen om idén redan finns', line: 'sluss add --title "Bokbuss till byarna" --problem "Långt till biblioteket på landsbygden" --municipality tidaholm --on-duplicate join' },
    { text: 'Fortsätt med svaren som sluss sparade när du avbröt', line: 'sluss add --file .sluss/recovery/bokbuss-till-byarna-2026-11-27-3fa2c1.md' },
    { text: 'Lägg till på en egen gren och öppna en pull request för granskning', line: 'sluss add --title "Bokbuss till byarna" --problem "Långt till biblioteket" --municipality tidaholm --pr' },
  ],
  similar: [
    { text: 'Finns idén redan? Samma kontroll som add gör', line: 'sluss similar "Digitala lås i hemtjänsten"' },
    { text: 'Rubrik och beskrivning, som JSON för ett skript', line: 'sluss similar --json "Snöröjning på karta" "Se var plogbilarna har kört"' },
  ],
  list: [
    { text: 'Alla idéer som Skövde äger eller deltar i', line: 'sluss list --municipality skovde' },
    { text: 'Idéer i utredning eller test, skapade i år', line: 'sluss list --status utredning,test --since 2026-01-01' },
    { text: 'Alla avslagna idéer som JSON', line: 'sluss list --kind declined --json' },
  ],
  show: [
    { text: 'Visa en idé', line: 'sluss show 0CQ-R77CM' },
    { text: 'Början av id:t räcker när den är unik', line: 'sluss show 0cq' },
    { text: 'Idén som JSON, med texten', line: 'sluss show 0CQ-R77CM --json' },
  ],
  search: [
    { text: 'Sök på ord i rubrik och text', line: 'sluss search snöröjning' },
    { text: 'Högst fem träffar', line: 'sluss search digitala lås --limit 5' },
  ],
  duplicates: [
    { text: 'Troliga dubbletter mellan kommunerna i hela registret', line: 'sluss duplicates' },
    { text: 'Bara idéer ändrade på grenen, avsluta med kod 3 om något hittas (för CI)', line: 'sluss duplicates --since origin/main --fail-on-found' },
    { text: 'Som Markdown, för en kommentar i en pull request', line: 'sluss duplicates --format markdown' },
  ],
  move: [
    { text: 'Välj nästa steg bland de tillåtna', line: 'sluss move 10V-YANWF' },
    { text: 'Flytta till första bedömning med en kommentar', line: 'sluss move 10V-YANWF forsta-bedomning --note "Tas upp i styrgruppen"' },
  ],
  assess: [
    { text: 'Gör första bedömningen med poäng och motivering', line: 'sluss assess 0YN-XVG3N --score nytta=4 --score effekter=3 --score genomforbarhet=5 --motivation "Stor nytta, enkel att införa"' },
    { text: 'Svara på frågorna i terminalen', line: 'sluss assess 0YN-XVG3N' },
  ],
  join: [
    { text: 'Hjo deltar som intresserad', line: 'sluss join 0YN-XVG3N --municipality hjo' },
    { text: 'Vara deltar som medfinansiär och står för 25 % av kostnaden', line: 'sluss join 0YN-XVG3N --municipality vara --role co-funder --share 25' },
  ],
  leave: [
    { text: 'Hjo lämnar idén', line: 'sluss leave 0CQ-R77CM --municipality hjo' },
    { text: 'Med en kommentar till historiken', line: 'sluss leave 0CQ-R77CM --municipality hjo --note "Ingen budget i år"' },
  ],
  link: [
    { text: 'Länka två idéer som hör ihop', line: 'sluss link 0P5-CBV8A --related 0WG-RK61F' },
    { text: 'Markera en idé som dubblett av en annan', line: 'sluss link 10D-W05V3 --duplicate-of 0NX-80YA2' },
  ],
  unlink: [
    { text: 'Ta bort en länk mellan två idéer', line: 'sluss unlink 0MC-KNV0Y --related 0EF-XRBB2' },
    { text: 'Ta bort en felaktig dubblettlänk', line: 'sluss unlink 0K3-DT2RH --duplicate-of 0CQ-R77CM' },
  ],
  'not-duplicate': [
    { text: 'Två idéer liknar varandra men är olika: flagga aldrig paret igen', line: 'sluss not-duplicate 0CQ-R77CM 0DT-1KKS2' },
    { text: 'Med en motivering', line: 'sluss not-duplicate 0CQ-R77CM 0DT-1KKS2 --note "Olika målgrupper"' },
  ],
  merge: [
    { text: 'Slå ihop en dubblett med idén som lever vidare', line: 'sluss merge 10D-W05V3 0NX-80YA2' },
    { text: 'Som en pull request i stället för direkt på grenen', line: 'sluss merge 10D-W05V3 0NX-80YA2 --pr' },
  ],
  report: [
    { text: 'Rapporten på skärmen', line: 'sluss report' },
    { text: 'En webbsida för ledningsgruppen, för tredje kvartalet', line: 'sluss report --format html --period 2026Q3 --out rapport.html' },
    { text: 'En Excel-fil för en kommun', line: 'sluss report --format xlsx --municipality skovde --out skovde.xlsx' },
  ],
  validate: [
    { text: 'Kontrollera hela registret', line: 'sluss validate' },
    { text: 'Bara en fil', line: 'sluss validate ideas/0CQ-R77CM-digitala-las-i-hemtjansten.md' },
    { text: 'Med anmärkningar i GitHub Actions', line: 'sluss validate --format github' },
  ],
  review: [
    { text: 'Granska grenens ändringar mot main', line: 'sluss review --base main' },
    { text: 'I CI: som Markdown, och stoppa vid troliga dubbletter', line: 'sluss review --base origin/main --format markdown --fail-on-duplicate' },
  ],
  init: [
    { text: 'Skapa ett register i en ny mapp', line: 'sluss init idesluss --name "Idéslussen Skaraborg"' },
    { text: 'Med granskning i pull requests på GitHub', line: 'sluss init idesluss --ci github' },
    { text: 'Ange samordnarna direkt (deras @användarnamn på GitHub eller GitLab)', line: 'sluss init idesluss --ci gitlab --coordinator @maria.holm --coordinator @johan.ek' },
  ],
  tool: [
    { text: 'Uppdatera registrets kopia av sluss till den version du kör, som en vanlig incheckning', line: 'sluss tool update' },
    { text: 'Skriv kopian utan att checka in, för att granska ändringen först', line: 'sluss tool update --no-commit' },
  ],
  site: [
    { text: 'Webbplatsen i public/, för forgens Pages', line: 'sluss site' },
    { text: 'På engelska, i en egen mapp', line: 'sluss site --lang en --out public/en' },
  ],
  completion: [
    { text: 'Flikkomplettering i bash', line: 'sluss completion bash >> ~/.bashrc' },
    { text: 'Flikkomplettering i zsh', line: 'sluss completion zsh > ~/.zsh/completions/_sluss' },
  ],
};

export type HelpExamples = Record<string, readonly HelpExample[]>;
