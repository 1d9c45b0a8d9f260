/**
 * Every option of the command line, declared once: one table per command
 * (src/cli/options.ts says what a declaration holds). The command definitions
 * (`add.ts`, …) register these tables; the runners (`add-run.ts`, …) take the
 * flags' types derived from them. The tables live apart from both, so that a
 * definition can load its runner lazily and the runner can name its flags
 * without importing the definition back.
 */
import type { Role } from '../../core/idea.js';
import type { Lang } from '../../core/lang.js';
import type { FlagsOf, OptionSpec, OptionTable } from '../options.js';

const LANGS = ['sv', 'en'] as const satisfies readonly Lang[];

/** The roles a municipality can join an idea with; `owner` comes only with `add`. */
const JOIN_ROLES = ['interested', 'co-funder'] as const satisfies readonly Role[];

export const ON_DUPLICATE = ['abort', 'new', 'join', 'related'] as const;
export const REPORT_FORMATS = ['text', 'md', 'html', 'csv', 'xlsx', 'json'] as const;
/** What `--format` takes on duplicates and review; `md` is short for `markdown`. */
const DUPLICATES_FORMATS = ['text', 'markdown', 'md', 'json'] as const;
const REVIEW_FORMATS = ['text', 'markdown', 'md', 'github', 'json'] as const;

const JSON_FLAG = { flag: '--json', help: 'json' } as const satisfies OptionSpec;

/** Options every command that changes ideas shares (the workflow commands; add has its own help for them). */
const CHANGE = [
  { flag: '--by', value: 'name', help: 'by' },
  { flag: '--branch', help: 'branch' },
  { flag: '--pr', help: 'pr' },
  { flag: '--no-commit', help: 'noCommit' },
  { flag: '--no-input', help: 'noInput' },
  JSON_FLAG,
] as const satisfies OptionTable;

const NOTE = { flag: '--note', value: 'text', help: 'note' } as const satisfies OptionSpec;

/** The options every command takes, given before or after the command's name. */
export const GLOBAL_OPTIONS = [
  { short: '-C', flag: '--register', value: 'dir', help: 'register' },
  { flag: '--lang', value: 'lang', help: 'lang', choices: LANGS },
  { flag: '--debug', help: 'debug' },
  { flag: '--no-color', help: 'noColor' },
] as const satisfies OptionTable;

/** Each command's options, by the command's name, in the order the help lists them. */
export const COMMAND_OPTIONS = {
  add: [
    { flag: '--title', value: 'text', help: 'addTitle' },
    { flag: '--problem', value: 'text', help: 'addProblem' },
    { flag: '--idea', value: 'text', help: 'addIdea' },
    { flag: '--benefit', value: 'text', help: 'addBenefit' },
    { flag: '--effects', value: 'text', help: 'addEffects' },
    { flag: '--feasibility', value: 'text', help: 'addFeasibility' },
    { flag: '--municipality', value: 'code', help: 'addMunicipality' },
    { flag: '--category', value: 'code', help: 'addCategory' },
    { flag: '--tags', value: 'a,b', help: 'addTags' },
    { flag: '--received-by', value: 'name', help: 'addReceivedBy' },
    { flag: '--submitter', value: 'name', help: 'addSubmitter' },
    { flag: '--submitter-email', value: 'email', help: 'addSubmitterEmail' },
    { flag: '--consent', value: 'date', help: 'addConsent' },
    { flag: '--file', value: 'idea.md|idea.json', help: 'addFile' },
    // A submission from the site's form (src/app/site-submission.ts).
    { flag: '--from', value: 'file', help: 'addFrom' },
    { flag: '--on-duplicate', value: 'action', help: 'addOnDuplicate', choices: ON_DUPLICATE, default: 'abort' },
    { flag: '--role', value: 'role', help: 'addRole', choices: JOIN_ROLES, default: 'interested' },
    { flag: '--branch', help: 'addBranch' },
    { flag: '--pr', help: 'addPr' },
    { flag: '--no-commit', help: 'addNoCommit' },
    { flag: '--no-input', help: 'addNoInput' },
    JSON_FLAG,
  ],
  similar: [JSON_FLAG],
  list: [
    { flag: '--status', value: 'stage', help: 'listStatus', repeat: 'split' },
    { flag: '--kind', value: 'kind', help: 'listKind', repeat: 'split' },
    { flag: '--municipality', value: 'code', help: 'listMunicipality', repeat: 'split' },
    { flag: '--category', value: 'code', help: 'listCategory', repeat: 'split' },
    { flag: '--tag', value: 'tag', help: 'listTag', repeat: 'split' },
    { flag: '--since', value: 'date', help: 'listSince' },
    JSON_FLAG,
  ],
  show: [JSON_FLAG],
  search: [{ flag: '--limit', value: 'n', help: 'searchLimit', integer: true, default: 20 }, JSON_FLAG],
  duplicates: [
    { flag: '--since', value: 'ref', help: 'duplicatesSince' },
    { flag: '--format', value: 'format', help: 'duplicatesFormat', choices: DUPLICATES_FORMATS, default: 'text' },
    JSON_FLAG,
    { flag: '--fail-on-found', help: 'duplicatesFail' },
  ],
  move: [{ flag: '--duplicate-of', value: 'id', help: 'moveDuplicateOf' }, NOTE, ...CHANGE],
  assess: [
    { flag: '--score', value: 'criterion=1-5', help: 'assessScore', repeat: 'each' },
    { flag: '--motivation', value: 'text', help: 'assessMotivation' },
    { flag: '--replace', help: 'assessReplace' },
    ...CHANGE,
  ],
  join: [
    { flag: '--municipality', value: 'code', help: 'joinMunicipality' },
    { flag: '--role', value: 'role', help: 'joinRole', choices: JOIN_ROLES },
    { flag: '--share', value: 'percent', help: 'joinShare' },
    { flag: '--update', help: 'joinUpdate' },
    ...CHANGE,
  ],
  leave: [{ flag: '--municipality', value: 'code', help: 'joinMunicipality' }, NOTE, ...CHANGE],
  link: [{ flag: '--duplicate-of', value: 'id', help: 'linkDuplicateOf' }, { flag: '--related', value: 'id', help: 'linkRelated' }, ...CHANGE],
  unlink: [{ flag: '--duplicate-of', value: 'id', help: 'linkDuplicateOf' }, { flag: '--related', value: 'id', help: 'linkRelated' }, ...CHANGE],
  'not-duplicate': [NOTE, ...CHANGE],
  merge: [NOTE, ...CHANGE],
  report: [
    // `markdown` is taken for `md`, as everywhere a format is given.
    { flag: '--format', value: 'format', help: 'reportFormat', choices: [...REPORT_FORMATS, 'markdown'], default: 'text' },
    { flag: '--json', help: 'reportJson' },
    { short: '-o', flag: '--out', value: 'path', help: 'reportOut' },
    { flag: '--period', value: 'period', help: 'reportPeriod' },
    { flag: '--since', value: 'date', help: 'reportSince' },
    { flag: '--until', value: 'date', help: 'reportUntil' },
    { flag: '--municipality', value: 'code', help: 'reportMunicipality', repeat: 'split' },
    { flag: '--category', value: 'code', help: 'reportCategory', repeat: 'split' },
    { flag: '--stale-days', value: 'days', help: 'reportStaleDays', default: '90' },
    { flag: '--interval', value: 'interval', help: 'reportInterval', choices: ['month', 'quarter'], default: 'month' },
    { flag: '--at', value: 'ref', help: 'reportAt' },
    { flag: '--as-of', value: 'date', help: 'reportAsOf' },
    { flag: '--csv-excel', help: 'reportCsvExcel' },
    { flag: '--excel', help: 'reportExcel', hidden: true },
    { flag: '--include-personal', help: 'reportIncludePersonal' },
  ],
  site: [
    { short: '-o', flag: '--out', value: 'dir', help: 'siteOut' },
    { flag: '--base-url', value: 'text', help: 'siteBaseUrl' },
  ],
  validate: [{ flag: '--format', value: 'format', help: 'validateFormat', choices: ['text', 'json', 'github'], default: 'text' }, JSON_FLAG],
  review: [
    { flag: '--base', value: 'ref', help: 'reviewBase', required: true },
    { flag: '--format', value: 'format', help: 'reviewFormat', choices: REVIEW_FORMATS, default: 'text' },
    // An empty --approvals "" (nobody has approved yet) is an empty list, not a missing flag.
    { flag: '--approvals', value: 'list', help: 'reviewApprovals', repeat: 'split' },
    { flag: '--actor', value: 'who', help: 'reviewActor' },
    { flag: '--fail-on-duplicate', help: 'reviewFailOnDuplicate' },
    JSON_FLAG,
  ],
  init: [
    { flag: '--name', value: 'name', help: 'initName', default: 'Idéslussen' },
    { flag: '--coordinator', value: 'who', help: 'initCoordinator', repeat: 'split' },
    { flag: '--no-commit', help: 'initNoCommit' },
    { flag: '--ci', value: 'forge', help: 'initCi', choices: ['github', 'gitlab'] },
    JSON_FLAG,
  ],
  tool: [{ flag: '--no-commit', help: 'toolNoCommit' }, JSON_FLAG],
  ci: [],
  completion: [],
} as const satisfies Record<string, OptionTable>;

export type CommandName = keyof typeof COMMAND_OPTIONS;
/** A command's flags as commander parses them. */
export type CommandFlags<Name extends CommandName> = FlagsOf<(typeof COMMAND_OPTIONS)[Name]>;

/** A runner sees one spelling of each format: `md` and `markdown` are made one before it runs. */
type OneFormat<Flags extends { format: string }, Spelling extends string> = Omit<Flags, 'format'> & { format: Exclude<Flags['format'], Spelling> };

export type GlobalFlags = FlagsOf<typeof GLOBAL_OPTIONS>;
export type AddFlags = CommandFlags<'add'>;
export type SimilarFlags = CommandFlags<'similar'>;
export type ListFlags = CommandFlags<'list'>;
export type ShowFlags = CommandFlags<'show'>;
export type SearchFlags = CommandFlags<'search'>;
export type DuplicatesFlags = OneFormat<CommandFlags<'duplicates'>, 'md'>;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export type ReportFlags = OneFormat<CommandFlags<'report'>, 'markdown'>;
export type ValidateFlags = CommandFlags<'validate'>;
export type ReviewFlags = OneFormat<CommandFlags<'review'>, 'md'>;
export type ReviewFormat = ReviewFlags['format'];
export type InitFlags = CommandFlags<'init'>;
export type ToolFlags = CommandFlags<'tool'>;
export type SiteFlags = CommandFlags<'site'>;

/** The workflow commands, which share one runner (workflow-run.ts). */
export const WORKFLOW_COMMANDS = ['move', 'assess', 'join', 'leave', 'link', 'unlink', 'not-duplicate', 'merge'] as const;
export type WorkflowCommand = (typeof WORKFLOW_COMMANDS)[number];
/** The flags of any workflow command: the shared ones are always there, each command's own may be. */
export type WorkflowFlags = FlagsOf<(typeof COMMAND_OPTIONS)[WorkflowCommand]>;
