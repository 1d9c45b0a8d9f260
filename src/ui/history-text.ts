/**
 * History events and assessments as sentences, in the reader's language. The
 * register stores only the facts (core/history.ts), so a Swedish and an
 * English reader of one register each read the history in their own words.
 */
import { displayName, findStage } from '../core/config.js';
import type { RegisterConfig } from '../core/config.js';
import type { HistoryEvent } from '../core/history.js';
import type { Assessment } from '../core/idea.js';
import type { Lang } from '../core/messages.js';
import { roleName, ui } from './text.js';

const sv = {
  created: (stage: string) => `Kom in (${stage})`,
  movedToDuplicate: (move: string, other: string) => `${move}, dubblett av ${other}`,
  movedFromDuplicate: (move: string, other: string) => `${move}, inte längre dubblett av ${other}`,
  assessed: (scores: string) => `Bedömd: ${scores}`,
  replaced: (date: string, by: string, scores: string) => `ersätter bedömningen ${date} av ${by} (${scores})`,
  joined: (municipality: string, role: string) => `${municipality} anslöt som ${role}`,
  viaMerge: (id: string) => `via sammanslagningen med ${id}`,
  left: (municipality: string) => `${municipality} lämnade idén`,
  participantChanged: (municipality: string, role: string) => `${municipality} deltar nu som ${role}`,
  share: (share: number) => `kostnadsandel ${share} %`,
  linkedRelated: (id: string) => `Länkad som relaterad till ${id}`,
  linkedDuplicate: (id: string) => `Markerad som dubblett av ${id}`,
  unlinkedRelated: (id: string) => `Länken till den relaterade idén ${id} togs bort`,
  unlinkedDuplicate: (id: string) => `Inte längre markerad som dubblett av ${id}`,
  mergedInto: (id: string, move: string) => `Sammanslagen med ${id} (${move})`,
  mergedFrom: (id: string) => `${id} slogs ihop med denna idé`,
  notDuplicate: (id: string) => `Inte en dubblett av ${id}`,
  note: 'Kommentar',
  assessmentLine: (date: string, by: string, scores: string) => `${date} av ${by}: ${scores}`,
};

type HistoryText = typeof sv;

const en: HistoryText = {
  created: (stage) => `Came in (${stage})`,
  movedToDuplicate: (move, other) => `${move}, duplicate of ${other}`,
  movedFromDuplicate: (move, other) => `${move}, no longer a duplicate of ${other}`,
  assessed: (scores) => `Assessed: ${scores}`,
  replaced: (date, by, scores) => `replaces the assessment of ${date} by ${by} (${scores})`,
  joined: (municipality, role) => `${municipality} joined as ${role}`,
  viaMerge: (id) => `through the merge with ${id}`,
  left: (municipality) => `${municipality} left the idea`,
  participantChanged: (municipality, role) => `${municipality} now takes part as ${role}`,
  share: (share) => `cost share ${share} %`,
  linkedRelated: (id) => `Linked as related to ${id}`,
  linkedDuplicate: (id) => `Marked as a duplicate of ${id}`,
  unlinkedRelated: (id) => `Link to the related idea ${id} removed`,
  unlinkedDuplicate: (id) => `No longer marked as a duplicate of ${id}`,
  mergedInto: (id, move) => `Merged into ${id} (${move})`,
  mergedFrom: (id) => `${id} was merged into this idea`,
  notDuplicate: (id) => `Not a duplicate of ${id}`,
  note: 'Note',
  assessmentLine: (date, by, scores) => `${date} by ${by}: ${scores}`,
};

function historyText(lang: Lang): HistoryText {
  return lang === 'en' ? en : sv;
}

/** `Nytta 4, Effekter 3, Genomförbarhet 5`, in the order of sluss.yaml; criteria it no longer has follow by code. */
export function describeScores(config: RegisterConfig, scores: Readonly<Record<string, number>>): string {
  const known = config.assessment.criteria.filter((c) => scores[c.code] !== undefined).map((c) => `${c.name} ${scores[c.code]}`);
  const other = Object.keys(scores)
    .filter((code) => !config.assessment.criteria.some((c) => c.code === code))
    .map((code) => `${code} ${scores[code]}`);
  return [...known, ...other].join(', ');
}

export function describeAssessment(lang: Lang, config: RegisterConfig, assessment: Assessment): string {
  return historyText(lang).assessmentLine(assessment.date, assessment.by, describeScores(config, assessment.scores));
}

/** What happened, as one sentence without the note: `Inkommen → Första bedömning`, `Hjo anslöt som medfinansiär, kostnadsandel 30 %`. */
export function describeEvent(lang: Lang, config: RegisterConfig, event: HistoryEvent): string {
  const t = historyText(lang);
  const stage = (code: string) => displayName(config.stages, code);
  const municipality = (code: string | undefined) => displayName(config.municipalities, code ?? '?');
  const role = (value: string | undefined) => roleName(ui(lang), value ?? 'interested');
  const withShare = (text: string) => (event.share !== undefined ? `${text}, ${t.share(event.share)}` : text);
  const move = event.from !== undefined ? `${stage(event.from)} → ${stage(event.status)}` : stage(event.status);
  const other = event.other ?? '?';
  switch (event.action) {
    case 'created':
      return t.created(stage(event.status));
    case 'moved':
      if (event.other === undefined) return move;
      return findStage(config, event.status)?.kind === 'duplicate' ? t.movedToDuplicate(move, other) : t.movedFromDuplicate(move, other);
    case 'assessed': {
      const replaced = event.replaced ? `; ${t.replaced(event.replaced.date, event.replaced.by, describeScores(config, event.replaced.scores))}` : '';
      return t.assessed(describeScores(config, event.scores ?? {})) + replaced;
    }
    case 'joined':
      return withShare(t.joined(municipality(event.municipality), role(event.role))) + (event.other ? ` (${t.viaMerge(event.other)})` : '');
    case 'left':
      return t.left(municipality(event.municipality));
    case 'participant-changed':
      return withShare(t.participantChanged(municipality(event.municipality), role(event.role)));
    case 'linked':
      return event.link === 'duplicate_of' ? t.linkedDuplicate(other) : t.linkedRelated(other);
    case 'unlinked':
      return event.link === 'duplicate_of' ? t.unlinkedDuplicate(other) : t.unlinkedRelated(other);
    case 'merged-into':
      return t.mergedInto(other, move);
    case 'merged-from':
      return t.mergedFrom(other);
    case 'not-duplicate':
      return t.notDuplicate(other);
    case 'note':
      return t.note;
  }
}
