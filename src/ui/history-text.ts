/**
 * History events and assessments as sentences, in the reader's language. The
 * register stores only the facts (core/history.ts), so a Swedish and an
 * English reader of one register each read the history in their own words.
 */
import { displayName, findStage } from '../core/config.js';
import type { RegisterConfig } from '../core/config.js';
import type { HistoryEvent } from '../core/history.js';
import type { Assessment } from '../core/idea.js';
import type { Lang } from '../core/lang.js';
import { history as en } from './catalogue/en/history.js';
import { history as sv } from './catalogue/sv/history.js';
import type { HistoryText } from './catalogue/sv/history.js';
import { roleName, ui } from './text.js';

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
