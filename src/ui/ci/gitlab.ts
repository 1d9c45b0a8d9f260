/**
 * The GitLab pipeline of `sluss init --ci gitlab`: merge requests are
 * validated and reviewed by the register's own copy of sluss (nothing is
 * installed or downloaded), the review is posted as a note when a project
 * access token is set, and the default branch publishes the web site
 * (`sluss site`, the report a page of it) on GitLab Pages.
 */
import { GENERATED_MARK, TOOL_COMMAND } from './shared.js';

/** The CI/CD variable with a project access token (role Reporter, scope api). */
export const GITLAB_TOKEN_VARIABLE = 'SLUSS_GITLAB_TOKEN';

export function gitlabPipeline(): string {
  const sluss = TOOL_COMMAND;
  const target = '$CI_MERGE_REQUEST_TARGET_BRANCH_NAME';
  return `# ${GENERATED_MARK} gitlab. Kör kommandot igen så skrivs filen om;
# ta bort den här raden om du vill behålla egna ändringar.
#
# Kontrollerar varje merge request mot registrets regler med registrets egen kopia
# av sluss (.sluss/tool/sluss.cjs, version och SHA-256 i manifest.json): idéfilerna
# valideras, nya idéer jämförs med befintliga (dubblettkontroll) och reglerna i
# sluss.yaml (samordnare, kommunernas granskare) tillämpas. På huvudgrenen byggs
# webbplatsen (sluss site: idéerna, formuläret "Har någon redan haft idén?" och
# rapporten, på svenska och engelska) och publiceras på GitLab Pages, gratis och
# utan server.
#
# Jobben behöver en körare med Node.js 20 eller senare och git; inget installeras
# eller hämtas. Med Docker-körare körs de i avbildningen SLUSS_NODE_IMAGE nedan:
# byt den mot er egen om körarna inte når den.
#
# Godkännanden och kommentar: skapa en projekttoken (Settings > Access tokens,
# rollen Reporter, scope api) och spara den som maskerad CI/CD-variabel
# ${GITLAB_TOKEN_VARIABLE}. Utan den räknas inga godkännanden och granskningen syns bara
# i jobbloggen och som artefakten sluss-review.md. Den som kan skapa en gren kan
# ändra den här filen i sin merge request och läsa variabeln: ge den därför inte
# mer än rollen Reporter.
workflow:
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH

variables:
  SLUSS_NODE_IMAGE: node:20-bookworm-slim
  # Hela historiken: review jämför med merge-basen mot målgrenen.
  GIT_DEPTH: "0"

default:
  image: $SLUSS_NODE_IMAGE

sluss:
  stage: test
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  script:
    - ${sluss} validate
    - git fetch --quiet origin "+refs/heads/${target}:refs/remotes/origin/${target}"
    - |
      set --
      if [ -n "\${${GITLAB_TOKEN_VARIABLE}:-}" ]; then
        approvals=$(${sluss} ci gitlab-approvals)
        set -- --approvals "$approvals"
      else
        ${sluss} ci gitlab-approvals
      fi
      status=0
      ${sluss} review --base "origin/${target}" --format markdown --actor "@$GITLAB_USER_LOGIN" "$@" > sluss-review.md || status=$?
      cat sluss-review.md
      exit $status
  artifacts:
    when: always
    expose_as: "sluss review"
    paths:
      - sluss-review.md

sluss-kommentar:
  stage: .post
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
      when: always
  needs:
    - job: sluss
      artifacts: true
  script:
    - ${sluss} ci gitlab-note sluss-review.md

pages:
  stage: deploy
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - ${sluss} validate
    - ${sluss} site --out public
    # GitLab Pages compresses nothing itself: it sends x.gz for x to a browser that accepts gzip.
    - find public -type f \\( -name '*.html' -o -name '*.css' -o -name '*.js' -o -name '*.json' -o -name '*.bin' \\) -exec gzip -9 -k -f {} +
  artifacts:
    paths:
      - public
`;
}
