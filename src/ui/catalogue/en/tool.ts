/** Words and sentences of `sluss init` and `sluss tool`, and of the files they write into a register, in English. */
import type { ToolText } from '../sv/tool.js';

export const tool: ToolText = {
  nodeTooOld: (version) => `sluss needs Node.js 20 or later; this is Node.js ${version}. Install a newer Node.js (https://nodejs.org) and try again.`,
  nodeMissing: 'Node.js is missing: install Node.js 20 or later (https://nodejs.org) and try again.',
  controlCharacter: 'Control characters (such as a line break or a tab) cannot be used here.',
  gitlabNoToken:
    'No SLUSS_GITLAB_TOKEN: sluss reads no approvals and writes no note (the review is in the job log and in the artifact sluss-review.md). Create a project access token (Settings > Access tokens, role Reporter, scope api) and save it as the masked CI/CD variable SLUSS_GITLAB_TOKEN.',
  gitlabNote: (outcome) => (outcome === 'created' ? 'The review is written as a note on the merge request.' : 'The note on the merge request is updated.'),
  initDone: (dir) => `New idea register in ${dir}.`,
  initNext: 'Add the first idea with: ./sluss add (or sluss add)',
  initCiDone: (files) => `Review of pull requests added: ${files}`,
  initCiNothing: (forge) => `The CI files for ${forge} are already up to date. Nothing needed to change.`,
  toolCopied: (version) => `The register's copy of sluss is version ${version}: after git clone, run ./sluss (or sluss.cmd on Windows) with nothing but Node.js and git installed.`,
  toolUpdated: (from, to, files) => `The register's copy of sluss ${from ? `updated from ${from} to ${to}` : `added (version ${to})`}: ${files}`,
  toolCurrent: (version) => `The register's copy of sluss is already version ${version}. Nothing needed to change.`,
  toolReview: "Have the change reviewed as a pull request before it reaches the main branch: CI runs the register's copy.",
  askCoordinators: 'Coordinators: @user names or e-mail addresses, separated by commas (they may move ideas out of the first assessment)',
  coordinatorsMissing: (ci) =>
    ci
      ? 'Note: sluss.yaml has no coordinators. With CI, every move out of the first assessment is blocked until you fill in coordinators (for example coordinators: ["@coordinator"]) and run sluss init --ci again.'
      : 'Fill in coordinators in sluss.yaml (coordinators: ["@coordinator"]): only they may move ideas out of the first assessment.',
  reviewersMissing: "Fill in each municipality's reviewers in sluss.yaml (municipalities: … reviewers: [\"@anna\"]) so sluss review can require their approval.",
  notCommitted: 'The files are written but not committed: set your name in git (git config --global user.name "First Last") and commit them.',
};
