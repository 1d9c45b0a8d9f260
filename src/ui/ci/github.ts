/**
 * The GitHub Actions workflow of `sluss init --ci github`: every pull request
 * checked, and on the default branch the web site (`sluss site`, the report a
 * page of it) published on GitHub Pages. It runs the
 * register's own copy of sluss (nothing is installed or downloaded), gives
 * each job only the permissions it needs, hands the token only to the jobs
 * that read approvals and write the comment (neither runs code from the
 * pull request), and pins every action to a commit.
 */
import { GENERATED_MARK, TOOL_COMMAND } from './shared.js';

/** Actions pinned to the commit of a release; the comment names the release. */
export const PINNED_ACTIONS = {
  checkout: 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
  setupNode: 'actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0',
  uploadArtifact: 'actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2',
  downloadArtifact: 'actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0',
  uploadPagesArtifact: 'actions/upload-pages-artifact@56afc609e74202658d3ffba0e8f6dda462b719fa # v3.0.1',
  deployPages: 'actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e # v4.0.5',
} as const;

const CHECKOUT_AND_NODE = `      - uses: ${PINNED_ACTIONS.checkout}
        with:
          # Hela historiken: review jämför med merge-basen mot målgrenen.
          fetch-depth: 0
          # Ingen nyckel sparas i arkivet: stegen efter kör registrets filer.
          persist-credentials: false
      - uses: ${PINNED_ACTIONS.setupNode}
        with:
          node-version: 20`;

const PULL_REQUEST = "github.event_name != 'push'";
const DEFAULT_BRANCH_PUSH = "github.event_name == 'push' && github.ref_name == github.event.repository.default_branch";

const sluss = TOOL_COMMAND;

/** What the workflow is for, when it runs, and the job that reads approvals with the token. */
function headerAndApprovals(): string {
  return `# ${GENERATED_MARK} github. Kör kommandot igen så skrivs filen om;
# ta bort den här raden om du vill behålla egna ändringar.
#
# Kontrollerar varje pull request mot registrets regler med registrets egen kopia
# av sluss (.sluss/tool/sluss.cjs, version och SHA-256 i manifest.json): idéfilerna
# valideras, nya idéer jämförs med befintliga (dubblettkontroll) och reglerna i
# sluss.yaml (samordnare, kommunernas granskare) tillämpas. På huvudgrenen byggs
# webbplatsen (sluss site: idéerna, formuläret "Har någon redan haft idén?" och
# rapporten, på svenska och engelska) och publiceras på GitHub Pages (Settings >
# Pages > Source: GitHub Actions), gratis och utan server.
#
# Behörigheter: varje jobb har bara det det behöver. Nyckeln (GITHUB_TOKEN) når bara
# jobben som läser godkännanden och skriver kommentaren, och inget av dem kör filer
# ur pull requesten; jobbet som kör sluss får bara läsa. Actions är låsta till en
# commit.
name: sluss

on:
  pull_request:
  # Körs igen när någon godkänner, så att granskarregeln ser godkännandet.
  pull_request_review:
    types: [submitted, dismissed]
  push:

permissions: {}

concurrency:
  group: sluss-\${{ github.event.pull_request.number || github.ref }}
  cancel-in-progress: true

jobs:
  approvals:
    name: Godkännanden
    if: ${PULL_REQUEST}
    runs-on: ubuntu-latest
    permissions:
      pull-requests: read
    outputs:
      list: \${{ steps.approvals.outputs.list }}
    steps:
      - name: Hämta godkännanden
        id: approvals
        env:
          # Värden från händelsen går via miljön, aldrig direkt in i skripten.
          GH_TOKEN: \${{ github.token }}
          GH_REPO: \${{ github.repository }}
          PR_NUMBER: \${{ github.event.pull_request.number }}
        run: |
          # Den senaste granskningen per person räknas; godkända användarnamn, kommaseparerade.
          list=$(gh api --paginate "repos/$GH_REPO/pulls/$PR_NUMBER/reviews" \\
            --jq '.[] | select(.state != "COMMENTED") | "\\(.user.login) \\(.state)"' \\
            | awk '{ state[$1] = $2 } END { for (user in state) if (state[user] == "APPROVED") print user }' \\
            | sort | paste -sd, -)
          echo "list=$list" >> "$GITHUB_OUTPUT"

`;
}

/** Validation and review with the register's copy, read-only; the markdown report leaves as an artifact. */
function checkJob(): string {
  return `  check:
    name: Kontrollera registret
    needs: approvals
    # Pull requests, och huvudgrenen efter varje sammanslagning.
    if: \${{ !cancelled() && (${PULL_REQUEST} || github.ref_name == github.event.repository.default_branch) }}
    runs-on: ubuntu-latest
    permissions:
      contents: read
    env:
      BASE_REF: \${{ github.event.pull_request.base.ref }}
      PR_AUTHOR: \${{ github.event.pull_request.user.login }}
      APPROVALS: \${{ needs.approvals.outputs.list }}
    steps:
${CHECKOUT_AND_NODE}
      - name: Validera idéfilerna
        run: ${sluss} validate --format github
      - name: Skriv granskningen
        if: \${{ !cancelled() && ${PULL_REQUEST} }}
        run: ${sluss} review --base "origin/$BASE_REF" --format markdown --actor "@$PR_AUTHOR" --approvals "$APPROVALS" > sluss-review.md || true
      - uses: ${PINNED_ACTIONS.uploadArtifact}
        if: \${{ !cancelled() && ${PULL_REQUEST} }}
        with:
          name: sluss-review
          path: sluss-review.md
          retention-days: 7
      - name: Granska ändringarna
        if: \${{ !cancelled() && ${PULL_REQUEST} }}
        run: ${sluss} review --base "origin/$BASE_REF" --format github --actor "@$PR_AUTHOR" --approvals "$APPROVALS"

`;
}

/** Posts the report with the token, in a job that checks out nothing. */
function commentJob(): string {
  return `  comment:
    name: Kommentar på pull requesten
    needs: check
    # En pull request från en fork får ingen skrivrätt; där räcker kontrollen.
    if: \${{ !cancelled() && ${PULL_REQUEST} && github.event.pull_request.head.repo.full_name == github.repository }}
    runs-on: ubuntu-latest
    permissions:
      pull-requests: write
    steps:
      - uses: ${PINNED_ACTIONS.downloadArtifact}
        with:
          name: sluss-review
      - name: Skriv kommentaren
        env:
          GH_TOKEN: \${{ github.token }}
          GH_REPO: \${{ github.repository }}
          PR_NUMBER: \${{ github.event.pull_request.number }}
        run: gh pr comment "$PR_NUMBER" --edit-last --body-file sluss-review.md || gh pr comment "$PR_NUMBER" --body-file sluss-review.md

`;
}

/** On the default branch: the web site with the report as a page of it, built read-only, deployed by a job of its own. */
function pagesJobs(): string {
  return `  site:
    name: Webbplatsen
    needs: check
    if: ${DEFAULT_BRANCH_PUSH}
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
${CHECKOUT_AND_NODE}
      - name: Bygg webbplatsen
        run: ${sluss} site --out _site
      - uses: ${PINNED_ACTIONS.uploadPagesArtifact}
        with:
          path: _site

  pages:
    name: Publicera på GitHub Pages
    needs: site
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    concurrency:
      group: sluss-pages
      cancel-in-progress: false
    steps:
      - name: Publicera
        id: deployment
        uses: ${PINNED_ACTIONS.deployPages}
`;
}

export function githubWorkflow(): string {
  return [headerAndApprovals(), checkJob(), commentJob(), pagesJobs()].join('');
}
