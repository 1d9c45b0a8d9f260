/** The errors sluss explains, in English: each a message and a hint that says what to do next. */
import type { ErrorCode, ErrorParams } from '../../../core/errors.js';
import type { Explained } from '../params.js';
import { list, scoreFlags } from '../params.js';
import { personalData } from './problems.js';
import { roles } from './roles.js';

type P = ErrorParams;

/** Usage errors that are a rule between flags, by `reason`. */
const USAGE_REASONS: Record<string, Explained> = {
  'branch-needs-commit': { message: '--branch and --pr cannot be combined with --no-commit.', hint: 'Leave out --no-commit to commit on a new branch, or --branch and --pr to only write the files.' },
  'one-link-kind': { message: 'Give exactly one of --duplicate-of <id> and --related <id>.', hint: 'For example: sluss link 0CQ-R77CM --related 0NX-80YA2.' },
  'consent-date-needed': { message: 'A submitter is only recorded with the date of consent: add --consent YYYY-MM-DD.', hint: 'Give the day the submitter consented, a date that exists in the calendar, for example --consent 2026-03-01.' },
};

const recovery = (p: P) => (p['recovery'] ? ` Your text is saved in ${p['recovery']}.` : '');
const costShare = (share: unknown) => (share === undefined ? '' : ` with a cost share of ${share} %`);
const roleName = (role: unknown) => (roles as Record<string, string>)[String(role)] ?? role;

/** Why sluss refuses a path (`unsafe-path`). */
function unsafeReason(p: P): string {
  const part = p['part'];
  const reasons: Record<string, string> = {
    symlink: `${part} is a symbolic link`,
    'not-a-folder': `${part} is not a folder`,
    'not-a-file': `${part} is not a regular file`,
    'not-owned': `${part} belongs to another user`,
  };
  return reasons[String(p['reason'])] ?? 'the path leads out of the register';
}

/** What to type instead, for each command that can miss an input; undefined for `add` (its own hint). */
/** What is wrong with the file `add --file` was given: a reason of sluss's own, or the system's or parser's words. */
function inputFileProblem(p: P): string {
  if (p['reason'] === 'not-object') return 'it holds no JSON object';
  if (p['reason'] === 'not-text') return `the field ${p['field']} must be text`;
  if (p['reason'] === 'submitter') return 'the submitter has no name or no date of consent (consent.date)';
  return String(p['detail']);
}

function missingInputHint(p: P): string | undefined {
  const id = String(p['id'] ?? '<id>');
  const terminal = ', or run the command in a terminal to choose';
  switch (p['command']) {
    case 'move':
      return `Give the stage: sluss move ${id} <stage>. Allowed stages from here: ${list(p['allowed']) || '–'}${terminal}.`;
    case 'move-duplicate':
      return `Name the idea that lives on: sluss move ${id} ${p['stage']} --duplicate-of <id>, or merge the ideas: sluss merge ${id} <id>.`;
    case 'join':
    case 'leave':
      return `Give the municipality: sluss ${p['command']} ${id} --municipality Hjo${terminal}.`;
    case 'join-update':
      return `Say what changes: sluss join ${id} --municipality Hjo --update --role co-funder and/or --share 30.`;
    case 'assess':
      return `Give a score 1–5 per criterion: sluss assess ${id} ${scoreFlags(p)}${terminal.replace('choose', 'be asked')}.`;
    default:
      return undefined;
  }
}

export const errors: Record<ErrorCode, (p: P) => Explained> = {
  'transition-not-allowed': (p) => ({
    message: p['to'] === undefined ? `Idea ${p['id']} is in ${p['from']} and cannot move.` : `Idea ${p['id']} cannot move from ${p['from']} to ${p['to']}.`,
    hint: p['final'] ? `${p['from']} is a final stage: the idea does not move on from there.` : `Allowed next stages: ${list(p['allowed'])}.`,
  }),
  'assessment-required': (p) => ({ message: `Idea ${p['id']} needs an assessment before it leaves ${p['stage']}.`, hint: `Assess it first: sluss assess ${p['id']} ${scoreFlags(p)} --motivation "…"` }),
  'invalid-score': (p) => {
    if (p['reason'] === 'criterion') return { message: `Unknown criterion: ${p['value']}.`, hint: `The criteria in sluss.yaml are ${list(p['known'])}; give --score criterion=1–5 for each.` };
    if (p['reason'] === 'repeated') return { message: `The criterion ${p['value']} was scored twice.`, hint: 'Give one --score per criterion.' };
    if (p['reason'] === 'range') return { message: `Invalid score: ${p['value']}.`, hint: 'A score is a whole number from 1 to 5.' };
    return { message: `Invalid score: ${p['value']}.`, hint: `Write criterion=score with a whole number 1–5, one --score per criterion, for example ${scoreFlags({ criteria: p['known'] })}.` };
  },
  'shares-over-100': (p) => ({ message: `The cost shares of idea ${p['id']} would add up to ${p['total']} %.`, hint: `${p['available']} % is left to share; give a smaller --share.` }),
  'not-participant': (p) => ({ message: `${p['municipality']} does not take part in idea ${p['id']}.`, hint: `See the participants with sluss show ${p['id']}.` }),
  'owner-cannot-leave': (p) => ({ message: `${p['municipality']} owns idea ${p['id']} and cannot leave it.`, hint: 'Put the idea on hold or decline it with sluss move instead.' }),
  'link-invalid': (p) => ({ message: `Idea ${p['id']} cannot be linked to itself.`, hint: 'Name two different ideas.' }),
  'already-linked': (p) => ({ message: `Idea ${p['id']} is already linked to ${p['other']}.`, hint: 'Nothing needed to change.' }),
  'not-linked': (p) => ({ message: `Idea ${p['id']} has no such link to ${p['other']}.`, hint: `See the links with sluss show ${p['id']}.` }),
  'already-participant': (p) => ({
    message: `${p['municipality']} already takes part in idea ${p['id']} (${roleName(p['role'])}).`,
    hint: `Change its role or cost share with sluss join ${p['id']} --municipality ${p['code'] ?? p['municipality']} --update --role co-funder --share 30.`,
  }),
  'already-assessed': (p) => ({
    message: `Idea ${p['id']} is already assessed (${p['date']} by ${p['by']}).`,
    hint: 'To replace the assessment, add --replace; the old one stays in the history.',
  }),
  'already-merged': (p) =>
    p['same']
      ? { message: `Idea ${p['id']} is already merged into ${p['other']}.`, hint: 'Nothing needed to change.' }
      : {
          message: `Idea ${p['id']} is already a duplicate (${p['stage']}) of ${p['other']} and cannot be merged into ${p['target']} as well.`,
          hint: `Does it belong to ${p['target']} instead? Move it back first (sluss move ${p['id']}), then merge it: sluss merge ${p['id']} ${p['target']}.`,
        },
  'duplicate-needs-target': (p) => ({
    message: `Idea ${p['id']} is in the duplicate stage ${p['stage']} and must point at the idea that lives on (${p['other']}).`,
    hint: `If the idea lives on: move it out of the duplicate stage with sluss move ${p['id']} <stage> (${list(p['next'])}). If it duplicates another idea: sluss link ${p['id']} --duplicate-of <id>.`,
  }),
  'target-is-duplicate': (p) => ({
    message: `Idea ${p['other']} is itself a duplicate and cannot take in ${p['id']}.`,
    hint: p['survivor'] ? `The idea that lives on is ${p['survivor']}: sluss merge ${p['id']} ${p['survivor']}.` : `No live idea was found behind ${p['other']}; correct its link (sluss validate shows it).`,
  }),
  'duplicate-cycle': (p) => ({ message: `That would make a circle of duplicates: ${list(p['chain']).replace(/, /g, ' → ')}.`, hint: 'Choose the idea that lives on and merge the others into it.' }),
  'owner-role-fixed': (p) => ({ message: `${p['municipality']} owns idea ${p['id']}; the owner's role does not change.`, hint: 'Change the cost share with --share, or move the idea with sluss move.' }),
  'participant-unchanged': (p) => ({ message: `${p['municipality']} already takes part in idea ${p['id']} as ${roleName(p['role'])}${costShare(p['share'])}.`, hint: 'Nothing needed to change.' }),
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
  'no-merge-base': (p) => ({
    message: `${p['ref']} (${p['option']}) and HEAD share no history in this clone, so sluss cannot see what the branch changes.`,
    hint:
      p['shallow'] === 'yes'
        ? 'The clone is shallow and lacks the history where the branch left the base. Fetch it with git fetch --unshallow (in GitHub Actions: fetch-depth: 0 in actions/checkout).'
        : `Give the branch the change is to go into, such as --base origin/main; git merge-base ${p['ref']} HEAD must find a common commit.`,
  }),
  'output-refused': (p) => ({ message: `sluss does not write to ${p['file']}: ${p['reason'] === 'block-device' ? 'it is a block device (a disk)' : 'it is a link to a file that does not exist'}.`, hint: 'Give a regular file or a folder with --out.' }),
  'unsafe-path': (p) => ({
    message: `sluss does not ${p['access'] === 'read' ? 'read' : 'write'} ${p['file']}: ${unsafeReason(p)}.`,
    hint: String(p['part'] ?? '').startsWith('.sluss')
      ? ".sluss is sluss's own working folder (caches, lock, recovery files) and must be a plain folder you own. Remove what is there (rm -r .sluss) and sluss makes the folder again."
      : 'A link or special file in the register could lead reads and writes out of it. Replace it with a regular file or folder (git rm and add it back), or ask whoever maintains the register.',
  }),
  usage: (p) => USAGE_REASONS[String(p['reason'])] ?? ({
    message: p['detail'] ? String(p['detail']) : `Invalid value for ${p['option']}: ${p['value']}.`,
    hint: p['hint'] ? String(p['hint']) : p['expects'] === 'date' ? 'Give a date that exists in the calendar, as YYYY-MM-DD, for example 2026-03-01.' : p['known'] ? `Possible values: ${list(p['known'])}.` : 'Run sluss --help to see commands and options.',
  }),
  'missing-required': (p) => ({
    message: `Missing: ${list(p['fields'])}.`,
    hint: missingInputHint(p) ?? 'Give them as options, for example --title "…" --problem "…" --municipality skovde, or run the command in a terminal to be asked.',
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
  'input-file-invalid': (p) => ({
    message: `Cannot use ${p['file']}: ${inputFileProblem(p)}.`,
    hint:
      p['reason'] === 'submitter'
        ? 'A submitter is only kept with consent: give submitter with name and consent: { date: YYYY-MM-DD }, or remove submitter from the file.'
        : 'Use a .md file with front matter or a .json file with the fields title, problem and municipality.',
  }),
  'input-file-field': (p) => ({
    message: `${p['file']} has the field ${p['field']}, which sluss add does not take; the idea was not added, so nothing in the file is lost.`,
    hint: 'Remove the field from the file and run the command again. A field of your own (x-…) can go into the idea file once the idea is saved; personal data does not belong in the register.',
  }),
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
      ? { message: `${p['field']} must be a single line but contains ${p['character']}, and was not saved.`, hint: `Write the text on one line and try again.${recovery(p)}` }
      : {
          message: `${p['field']} contains a control character, ${p['character']}, and was not saved.`,
          hint: `Control characters can take over the terminal of everyone who reads the idea. Remove the character and try again.${recovery(p)}`,
        },
  'personal-data-refused': (p) => ({
    message: `${p['field']} contains ${personalData[String(p['kind'])]} (${p['masked']}) and was not saved: what is committed stays in the register's history for ever.`,
    hint: `Remove it. The submitter's own name and e-mail may only be recorded with consent, in the submitter's details: sluss add --submitter "Name" --submitter-email … --consent YYYY-MM-DD (submitter.consent in the file).${recovery(p)}`,
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
