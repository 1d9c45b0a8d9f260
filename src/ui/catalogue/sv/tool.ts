/** Words and sentences of `sluss init` and `sluss tool`, and of the files they write into a register, in Swedish. */
import type { Lang } from '../../../core/lang.js';

export const tool = {
  nodeTooOld: (version: string) => `sluss behöver Node.js 20 eller senare; här finns Node.js ${version}. Installera en nyare Node.js (https://nodejs.org) och försök igen.`,
  nodeMissing: 'Node.js saknas: installera Node.js 20 eller senare (https://nodejs.org) och prova igen.',
  controlCharacter: 'Styrtecken (som radbrytning eller tabb) går inte att använda här.',
  gitlabNoToken:
    'Ingen SLUSS_GITLAB_TOKEN: sluss läser inga godkännanden och skriver ingen kommentar (granskningen finns i jobbloggen och i artefakten sluss-review.md). Skapa en projekttoken (Settings > Access tokens, rollen Reporter, scope api) och spara den som maskerad CI/CD-variabel SLUSS_GITLAB_TOKEN.',
  gitlabNote: (outcome: 'created' | 'updated'): string => (outcome === 'created' ? 'Granskningen är skriven som kommentar på merge requesten.' : 'Kommentaren på merge requesten är uppdaterad.'),
  initDone: (dir: string) => `Nytt idéregister i ${dir}.`,
  initNext: 'Lägg till den första idén med: ./sluss add (eller sluss add)',
  initCiDone: (files: string) => `Granskning i pull requests tillagd: ${files}`,
  initCiNothing: (forge: string) => `CI-filerna för ${forge} är redan aktuella. Inget behövde ändras.`,
  toolCopied: (version: string) => `Registrets kopia av sluss är version ${version}: kör ./sluss (eller sluss.cmd i Windows) efter git clone, med bara Node.js och git installerade.`,
  toolUpdated: (from: string | undefined, to: string, files: string) => `Registrets kopia av sluss ${from ? `uppdaterad från ${from} till ${to}` : `tillagd (version ${to})`}: ${files}`,
  toolCurrent: (version: string) => `Registrets kopia av sluss är redan version ${version}. Inget behövde ändras.`,
  toolReview: 'Låt ändringen granskas som en pull request innan den når huvudgrenen: CI kör registrets kopia.',
  askCoordinators: 'Samordnare: @användarnamn eller e-post, åtskilda med komma (de får flytta idéer ut ur första bedömningen)',
  coordinatorsMissing: (ci: boolean): string =>
    ci
      ? 'Obs: sluss.yaml har inga samordnare. Med CI stoppas varje flytt ut ur första bedömningen tills du fyller i coordinators (till exempel coordinators: ["@samordnaren"]) och kör sluss init --ci igen.'
      : 'Fyll i samordnare i sluss.yaml (coordinators: ["@samordnaren"]): bara de får flytta idéer ut ur första bedömningen.',
  reviewersMissing: 'Fyll i varje kommuns granskare i sluss.yaml (municipalities: … reviewers: ["@anna"]) så kan sluss review kräva deras godkännande.',
  notCommitted: 'Filerna är skrivna men inte incheckade: ställ in ditt namn i git (git config --global user.name "Förnamn Efternamn") och checka in dem.',
};

export type ToolText = typeof tool;
