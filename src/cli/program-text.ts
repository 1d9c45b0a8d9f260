/** Help texts of the command line, Swedish and English. Kept apart so --help loads nothing heavy. */
import type { Lang } from '../core/lang.js';

const sv = {
  program: 'Idéslussen: registrera idéer, hitta dubbletter innan de dyker upp och följ idéerna genom slussen.',
  register: 'mapp med idéregistret (annars letar sluss uppåt från aktuell mapp)',
  lang: 'språk för meddelanden: sv eller en',
  debug: 'visa tekniska detaljer vid fel',
  noColor: 'ingen färg i utskriften',
  version: 'visa versionen',
  help: 'visa hjälp',
  helpCommand: 'visa hjälp för ett kommando',
  json: 'skriv resultatet som JSON',
  add: 'lägg till en idé (kontrollerar först om den redan finns)',
  addTitle: 'rubrik på en rad',
  addProblem: 'problem/behov',
  addIdea: 'idé/lösning',
  addBenefit: 'nytta',
  addEffects: 'effekter',
  addFeasibility: 'genomförbarhet',
  addMunicipality: 'kommun där idén kom in (kod eller namn)',
  addCategory: 'verksamhetsområde (kod eller namn)',
  addTags: 'taggar, t.ex. a,b',
  addReceivedBy: 'delprojektledaren som tog emot idén (standard: ditt git-namn)',
  addSubmitter: 'idégivarens namn – bara med samtycke, se --consent',
  addSubmitterEmail: 'idégivarens e-post – bara med samtycke',
  addConsent: 'datum (ÅÅÅÅ-MM-DD) då idégivaren samtyckte till publicering',
  addFile: 'läs idén från en .md- eller .json-fil',
  addOnDuplicate: 'vid trolig dubblett utan terminal: abort (avbryt, kod 3), new, join eller related',
  addRole: 'roll vid anslutning: interested eller co-funder',
  addBranch: 'checka in på en ny gren idea/<id>-<slug> för en pull request',
  addPr: 'som --branch, och skicka grenen och öppna en pull request (ger en länk)',
  addNoCommit: 'skriv bara filen, checka inte in',
  addNoInput: 'fråga aldrig, även i en terminal',
  similar: 'visa befintliga idéer som liknar en text (samma kontroll som add)',
  similarText: 'text att jämföra; första raden räknas som rubrik',
  list: 'lista idéer',
  listStatus: 'steg (kod eller namn), kan upprepas',
  listKind: 'typ av steg: open, active, done, declined, duplicate, on-hold',
  listMunicipality: 'kommun som äger eller deltar i idén',
  listCategory: 'verksamhetsområde',
  listTag: 'tagg',
  listSince: 'skapade från och med datum ÅÅÅÅ-MM-DD',
  show: 'visa en idé',
  showId: 'idéns id (början räcker om den är unik)',
  search: 'sök idéer på ord',
  searchQuery: 'sökord',
  searchLimit: 'högst så många träffar',
  validate: 'kontrollera idéfilerna och sluss.yaml',
  validatePaths: 'bara dessa filer (standard: hela registret)',
  validateFormat: 'utskrift: text, json eller github',
  init: 'skapa ett nytt idéregister',
  initDir: 'mapp för registret',
  initName: 'registrets namn',
  initNoCommit: 'checka inte in de nya filerna',
  initCi: 'lägg till CI för granskning i pull requests: github eller gitlab',
  move: 'flytta en idé till nästa steg',
  moveStage: 'steget (kod eller namn); utan steg visas de tillåtna',
  moveDuplicateOf: 'till dubblettsteget: idén som lever vidare',
  note: 'kommentar till historiken',
  assess: 'gör första bedömningen: poäng 1–5 per kriterium',
  assessScore: 'poäng, t.ex. nytta=4 (upprepas per kriterium)',
  assessMotivation: 'kort motivering',
  assessReplace: 'ersätt en tidigare bedömning (den finns kvar i historiken)',
  join: 'låt en kommun delta i en idé och dela kostnaden',
  joinMunicipality: 'kommunen (kod eller namn)',
  joinRole: 'roll: interested (intresserad) eller co-funder (medfinansiär)',
  joinShare: 'kostnadsandel i procent',
  joinUpdate: 'ändra roll eller kostnadsandel för en kommun som redan deltar',
  leave: 'låt en kommun lämna en idé',
  link: 'länka en idé till en annan',
  unlink: 'ta bort en länk',
  linkDuplicateOf: 'idén är en dubblett av denna',
  linkRelated: 'idéerna hör ihop',
  merge: 'slå ihop en dubblett med idén som lever vidare',
  mergeDuplicate: 'dubbletten',
  mergeInto: 'idén som lever vidare',
  by: 'vem som gör ändringen (standard: ditt git-namn)',
  branch: 'checka in på en ny gren för en pull request',
  pr: 'skicka grenen och öppna en pull request (ger en länk)',
  noCommit: 'skriv bara filerna, checka inte in',
  noInput: 'fråga aldrig, även i en terminal',
  id: 'idéns id',
  notDuplicate: 'markera att två idéer inte är dubbletter, så paret aldrig flaggas igen',
  notDuplicateOther: 'den andra idén',
  duplicates: 'leta efter troliga dubbletter mellan kommunerna i hela registret',
  duplicatesSince: 'bara idéer som lagts till eller ändrats sedan denna git-referens (för pull requests)',
  duplicatesFormat: 'utskrift: text, markdown eller json',
  duplicatesFail: 'avsluta med kod 3 när troliga dubbletter hittas',
};

export type ProgramText = typeof sv;

const en: ProgramText = {
  program: 'The idea sluice: register ideas, catch duplicates before they happen, and follow ideas through the sluice.',
  register: 'folder of the idea register (otherwise sluss looks upwards from the current folder)',
  lang: 'language of messages: sv or en',
  debug: 'show technical details on errors',
  noColor: 'no colour in the output',
  version: 'show the version',
  help: 'show help',
  helpCommand: 'show help for a command',
  json: 'print the result as JSON',
  add: 'add an idea (checks first whether it exists already)',
  addTitle: 'one-line title',
  addProblem: 'problem/need',
  addIdea: 'idea/solution',
  addBenefit: 'benefit',
  addEffects: 'effects',
  addFeasibility: 'feasibility',
  addMunicipality: 'municipality the idea came from (code or name)',
  addCategory: 'category (code or name)',
  addTags: 'tags, e.g. a,b',
  addReceivedBy: 'sub-project leader who received the idea (default: your git name)',
  addSubmitter: "submitter's name – only with consent, see --consent",
  addSubmitterEmail: "submitter's e-mail – only with consent",
  addConsent: 'date (YYYY-MM-DD) the submitter consented to publication',
  addFile: 'read the idea from a .md or .json file',
  addOnDuplicate: 'on a likely duplicate without a terminal: abort (exit 3), new, join or related',
  addRole: 'role when joining: interested or co-funder',
  addBranch: 'commit on a new branch idea/<id>-<slug> for a pull request',
  addPr: 'like --branch, then send the branch and open a pull request (prints a link)',
  addNoCommit: 'only write the file, do not commit',
  addNoInput: 'never ask, even on a terminal',
  similar: 'show existing ideas similar to a text (the check add runs)',
  similarText: 'text to compare; the first line counts as the title',
  list: 'list ideas',
  listStatus: 'stage (code or name), repeatable',
  listKind: 'kind of stage: open, active, done, declined, duplicate, on-hold',
  listMunicipality: 'municipality that owns or takes part in the idea',
  listCategory: 'category',
  listTag: 'tag',
  listSince: 'created on or after YYYY-MM-DD',
  show: 'show one idea',
  showId: "the idea's id (a unique beginning is enough)",
  search: 'search ideas by words',
  searchQuery: 'words to search for',
  searchLimit: 'at most this many results',
  validate: 'check the idea files and sluss.yaml',
  validatePaths: 'only these files (default: the whole register)',
  validateFormat: 'output: text, json or github',
  init: 'create a new idea register',
  initDir: 'folder for the register',
  initName: "the register's name",
  initNoCommit: 'do not commit the new files',
  initCi: 'add CI for reviews in pull requests: github or gitlab',
  move: 'move an idea to its next stage',
  moveStage: 'the stage (code or name); without it the allowed ones are offered',
  moveDuplicateOf: 'into the duplicate stage: the idea that lives on',
  note: 'a note for the history',
  assess: 'record the first assessment: a score 1–5 per criterion',
  assessScore: 'a score, e.g. nytta=4 (repeat per criterion)',
  assessMotivation: 'a short motivation',
  assessReplace: 'replace an earlier assessment (it stays in the history)',
  join: 'let a municipality take part in an idea and share its cost',
  joinMunicipality: 'the municipality (code or name)',
  joinRole: 'role: interested or co-funder',
  joinShare: 'cost share in percent',
  joinUpdate: 'change the role or cost share of a municipality that takes part',
  leave: 'let a municipality leave an idea',
  link: 'link an idea to another',
  unlink: 'remove a link',
  linkDuplicateOf: 'the idea is a duplicate of this one',
  linkRelated: 'the ideas belong together',
  merge: 'merge a duplicate into the idea that lives on',
  mergeDuplicate: 'the duplicate',
  mergeInto: 'the idea that lives on',
  by: 'who makes the change (default: your git name)',
  branch: 'commit on a new branch for a pull request',
  pr: 'send the branch and open a pull request (prints a link)',
  noCommit: 'only write the files, do not commit',
  noInput: 'never ask, even on a terminal',
  id: "the idea's id",
  notDuplicate: 'record that two ideas are not duplicates, so the pair is never flagged again',
  notDuplicateOther: 'the other idea',
  duplicates: 'look for likely duplicates between municipalities in the whole register',
  duplicatesSince: 'only ideas added or changed since this git reference (for pull requests)',
  duplicatesFormat: 'output: text, markdown or json',
  duplicatesFail: 'exit with code 3 when likely duplicates are found',
};

export function programText(lang: Lang): ProgramText {
  return lang === 'en' ? en : sv;
}

export const HELP_TITLES: Record<Lang, Record<string, string>> = {
  sv: { 'Usage:': 'Användning:', 'Options:': 'Flaggor:', 'Commands:': 'Kommandon:', 'Arguments:': 'Argument:', 'Global Options:': 'Globala flaggor:' },
  en: {},
};

/**
 * Swedish names of the placeholders commander prints in usage lines, option
 * terms and errors (`<dir>`, `[options]`). A test checks that every
 * placeholder of every command is here, so a new English one cannot slip in.
 */
export const PLACEHOLDERS_SV: Readonly<Record<string, string>> = {
  options: 'flaggor',
  command: 'kommando',
  dir: 'mapp',
  lang: 'språk',
  text: 'text',
  code: 'kod',
  'a,b': 'a,b',
  name: 'namn',
  email: 'e-post',
  date: 'datum',
  'idea.md|idea.json': 'idé.md|idé.json',
  action: 'åtgärd',
  file: 'fil',
  role: 'roll',
  stage: 'steg',
  kind: 'typ',
  tag: 'tagg',
  n: 'antal',
  id: 'id',
  query: 'sökord',
  paths: 'filer',
  format: 'format',
  forge: 'tjänst',
  'criterion=1-5': 'kriterium=1-5',
  percent: 'procent',
  ref: 'ref',
  path: 'sökväg',
  period: 'period',
  days: 'dagar',
  interval: 'intervall',
  list: 'lista',
  who: 'vem',
  duplicate: 'dubblett',
  into: 'till',
  other: 'annan',
  shell: 'skal',
};

/** Commander's help words that are not titles: the extra facts after an option's description. */
export const HELP_FACTS: Record<Lang, { choices: string; default: string; examples: string }> = {
  sv: { choices: 'val', default: 'standard', examples: 'Exempel:' },
  en: { choices: 'choices', default: 'default', examples: 'Examples:' },
};

/** What sluss says when commander cannot make sense of the command line. */
export interface UsageText {
  unknownCommand(name: string): string;
  unknownOption(flag: string): string;
  didYouMean(suggestion: string): string;
  missingArgument(name: string): string;
  optionNeedsValue(flag: string): string;
  optionRequired(flag: string): string;
  invalidOptionValue(flag: string, value: string): string;
  invalidArgumentValue(name: string, value: string): string;
  allowedValues(values: string): string;
  tooManyArguments(expected: number, got: number): string;
  unreadable(detail: string): string;
  seeCommands: string;
  seeHelp(command: string): string;
  usageOf(usage: string, command: string): string;
  unexpected: string;
  unexpectedHint: string;
  error: string;
  hint: string;
  answers: string;
  answersKept(path: string): string;
}

const usageSv: UsageText = {
  unknownCommand: (name) => `Okänt kommando: ${name}.`,
  unknownOption: (flag) => `Okänd flagga: ${flag}.`,
  didYouMean: (suggestion) => `Menade du ${suggestion}?`,
  missingArgument: (name) => `Argumentet <${name}> saknas.`,
  optionNeedsValue: (flag) => `Flaggan ${flag} behöver ett värde.`,
  optionRequired: (flag) => `Flaggan ${flag} måste anges.`,
  invalidOptionValue: (flag, value) => `Ogiltigt värde för ${flag}: ${value}.`,
  invalidArgumentValue: (name, value) => `Ogiltigt värde för <${name}>: ${value}.`,
  allowedValues: (values) => `Möjliga värden: ${values}.`,
  tooManyArguments: (expected, got) => `För många argument: ${got} angavs, kommandot tar ${expected}.`,
  unreadable: (detail) => `Kommandoraden går inte att tolka (${detail}).`,
  seeCommands: 'Kör sluss --help för att se alla kommandon.',
  seeHelp: (command) => `Kör sluss ${command} --help för att se flaggorna och exempel.`,
  usageOf: (usage, command) => `Skriv: ${usage} (se sluss ${command} --help).`,
  unexpected: 'Något oväntat gick fel.',
  unexpectedHint: 'Kör igen med --debug och rapportera utskriften.',
  error: 'fel',
  hint: 'gör så här',
  answers: 'dina svar',
  answersKept: (path) => `sparade i ${path}. Fortsätt senare med: sluss add --file ${path}`,
};

const usageEn: UsageText = {
  unknownCommand: (name) => `Unknown command: ${name}.`,
  unknownOption: (flag) => `Unknown option: ${flag}.`,
  didYouMean: (suggestion) => `Did you mean ${suggestion}?`,
  missingArgument: (name) => `The argument <${name}> is missing.`,
  optionNeedsValue: (flag) => `The option ${flag} needs a value.`,
  optionRequired: (flag) => `The option ${flag} is required.`,
  invalidOptionValue: (flag, value) => `Invalid value for ${flag}: ${value}.`,
  invalidArgumentValue: (name, value) => `Invalid value for <${name}>: ${value}.`,
  allowedValues: (values) => `Possible values: ${values}.`,
  tooManyArguments: (expected, got) => `Too many arguments: ${got} given, the command takes ${expected}.`,
  unreadable: (detail) => `The command line cannot be read (${detail}).`,
  seeCommands: 'Run sluss --help to see all commands.',
  seeHelp: (command) => `Run sluss ${command} --help to see its options and examples.`,
  usageOf: (usage, command) => `Type: ${usage} (see sluss ${command} --help).`,
  unexpected: 'Something unexpected went wrong.',
  unexpectedHint: 'Run again with --debug and report the output.',
  error: 'error',
  hint: 'what to do',
  answers: 'your answers',
  answersKept: (path) => `kept in ${path}. Continue later with: sluss add --file ${path}`,
};

export function usageText(lang: Lang): UsageText {
  return lang === 'en' ? usageEn : usageSv;
}
