/** Words and sentences of `sluss review`, in Swedish. */
import { roles } from './roles.js';

const fields: Record<string, string> = {
  id: 'id',
  title: 'rubrik',
  municipality: 'ursprungskommun',
  category: 'verksamhetsområde',
  tags: 'taggar',
  created: 'skapad',
  received_by: 'mottagen av',
  submitter: 'idégivarens uppgifter',
  path: 'filnamn',
  text: 'texten',
  'text.problem': 'texten Problem/behov',
  'text.idea': 'texten Idé/lösning',
  'text.benefit': 'texten Nytta',
  'text.effects': 'texten Effekter',
  'text.feasibility': 'texten Genomförbarhet',
};

export const review = {
  heading: (ref: string, base: string, head: string) => `Granskning mot ${ref} (bas ${base.slice(0, 7)}, HEAD ${head.slice(0, 7)})`,
  trustForge: (actor: string) => `CI-läge: bara den som öppnade ändringen (${actor}) och godkännandena räknas; namn i git är uppgifter, inte bevis.`,
  trustLocal: 'Lokal granskning: författarna i git tas på orden. I CI räknas bara --actor och --approvals.',
  noActor: 'ingen angiven (--actor saknas)',
  noChanges: 'Grenen ändrar inga idéer.',
  ideasHeading: (count: number) => `Ändrade idéer (${count}):`,
  change: { added: 'ny', changed: 'ändrad', deleted: 'borttagen' } as Record<string, string>,
  problemsHeading: (count: number) => `Fel i filerna (${count}):`,
  duplicatesHeading: (count: number) => `Troliga dubbletter och undantag (${count}):`,
  duplicate: (id: string, title: string, other: string, facts: string) => `${id} ${title} liknar ${other} (${facts})`,
  duplicateFacts: { isNew: 'också ny på grenen', score: (score: string) => `poäng ${score}` },
  undecided: 'inte avgjord: anslut, länka eller markera som ej dubblett',
  declared: (by: string, date: string | undefined) => `markerad som ej dubblett av ${by}${date ? `, ${date}` : ''}`,
  declaredByGit: (by: string) => `markerad som ej dubblett (enligt git av ${by})`,
  overrideApproved: (by: string) => `godkänt av ${by}`,
  overrideNeeded: (approvers: string) => `måste godkännas av en samordnare eller granskare: ${approvers}`,
  overrideNotNeeded: 'godkännande krävs inte (duplicates.override_needs_approval: false)',
  duplicateHint:
    'En ny idé som liknar en befintlig blockerar tills den avgjorts: anslut kommunen (sluss join), länka idéerna (sluss link --related / --duplicate-of) eller markera paret som ej dubblett (sluss not-duplicate), vilket en samordnare eller granskare sedan godkänner.',
  rulesHeading: 'Regler:',
  reviewersHeading: 'Granskare som behövs:',
  configChanged: 'sluss.yaml ändras på grenen; reglerna tillämpas enligt basens version.',
  blocking: (count: number) => `Blockerar: ${count} sak(er) att åtgärda.`,
  ok: 'Inget blockerar.',
  nobody: 'ingen',
  columns: { id: 'Idé', title: 'Rubrik', change: 'Ändring', what: 'Vad', municipality: 'Kommun', reviewers: 'Granskare', status: 'Status' },
  reviewerStatus: {
    approved: (by: string) => `godkänd av ${by}`,
    missing: 'godkännande saknas',
    unchecked: 'behöver godkänna',
    'no-reviewers': 'inga granskare i sluss.yaml',
  },
  reviewerLine: (id: string, municipality: string, reviewers: string, status: string) => `${id} ${municipality}: ${reviewers} (${status})`,
  noReviewersHint: (municipality: string) => `Lägg till reviewers för ${municipality} i sluss.yaml.`,
  missingApproval: (id: string, municipality: string, reviewers: string) => `${id} behöver godkännande av en granskare för ${municipality}: ${reviewers}.`,
  rule: {
    neverDelete: (id: string) => `${id} är borttagen. Idéer tas aldrig bort; flytta den till ett avslaget steg eller markera den som dubblett.`,
    historyAppendOnly: (id: string, entries: number) =>
      `${id}: historiken får bara växa, men ${entries} tidigare post(er) är borttagna eller ändrade. Återställ dem och lägg till en ny post i stället.`,
    transitionRefused: (id: string, from: string, to: string, allowed: string) => `${id}: ${from} → ${to} är inte tillåtet i sluss.yaml. Tillåtna nästa steg: ${allowed}.`,
    assessmentMissing: (id: string, from: string, to: string) => `${id}: ${from} → ${to} kräver en bedömning (sluss assess ${id}).`,
    coordinatorByActor: (id: string, from: string, to: string, who: string) => `${id}: flytten ${from} → ${to} är gjord av samordnaren ${who}, som öppnade ändringen.`,
    coordinatorByApproval: (id: string, from: string, to: string, who: string) => `${id}: flytten ${from} → ${to} är godkänd av samordnaren ${who}.`,
    coordinatorByGit: (id: string, from: string, to: string, who: string) => `${id}: flytten ${from} → ${to} är gjord av samordnaren ${who} enligt git (i CI räknas det inte).`,
    coordinatorMissingForge: (id: string, from: string, to: string, actor: string, allowed: string) =>
      `${id}: flytten ${from} → ${to} ska göras eller godkännas av en samordnare (${allowed}); ändringen öppnades av ${actor} och ingen samordnare har godkänt den.`,
    coordinatorMissingLocal: (id: string, from: string, to: string, by: string, allowed: string) =>
      `${id}: flytten ${from} → ${to} får bara göras av en samordnare (${allowed}); den är gjord av ${by}.`,
    gitClaims: (authors: string) => ` Git anger ${authors} som författare; det räknas inte som bevis.`,
    noCoordinators: 'inga samordnare i sluss.yaml',
  },
  changes: {
    added: (municipality: string, category: string, problem: string) => `ny idé från ${municipality} (${category})${problem ? `: ${problem}` : ''}`,
    deleted: 'borttagen',
    moved: (from: string, to: string, by: string) => `flyttad ${from} → ${to}${by ? ` (${by})` : ''}`,
    joined: (municipality: string, role: string, share?: number) => `${municipality} ansluter som ${role}${share !== undefined ? ` (${share} %)` : ''}`,
    left: (municipality: string) => `${municipality} lämnar idén`,
    participantChanged: (municipality: string, detail: string) => `${municipality}: ${detail}`,
    role: (from: string, to: string) => `roll ${from} → ${to}`,
    share: (from: string, to: string) => `andel ${from} → ${to}`,
    linkAdded: (link: string, target: string) =>
      link === 'duplicate_of' ? `markerad som dubblett av ${target}` : link === 'not_duplicates' ? `markerad som ej dubblett av ${target}` : `länkad som relaterad till ${target}`,
    linkRemoved: (link: string, target: string) =>
      link === 'duplicate_of' ? `inte längre dubblett av ${target}` : link === 'not_duplicates' ? `inte längre markerad som ej dubblett av ${target}` : `länken till ${target} borttagen`,
    assessmentAdded: (by: string, date: string) => `bedömd av ${by} ${date}`,
    assessmentChanged: (by: string, date: string) => `bedömningen ändrad (${by} ${date})`,
    assessmentRemoved: 'bedömningen borttagen',
    historyRewritten: (entries: number) => `historiken omskriven: ${entries} tidigare post(er) borttagna eller ändrade`,
    edited: (field: string) => `${field} ändrad`,
    editedValue: (field: string, from: string, to: string) => `${field}: ${from} → ${to}`,
  },
  fields,
  roles: roles as Record<string, string>,
  none: '–',
};

export type ReviewText = typeof review;
