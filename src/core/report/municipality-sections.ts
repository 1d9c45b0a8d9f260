/**
 * The report's sections about municipalities working together: municipality ×
 * stage, shared ideas and spread, duplicates caught and joins; and the
 * assessments.
 */
import { eventsWithAction } from '../history.js';
import { byId } from './cohort.js';
import type { Prepared, ReportContext } from './cohort.js';
import type { CaughtDuplicate, CriterionSummary, JoinEvent, MunicipalityStageRow, ParticipantShare, SharedIdea, SpreadIdea } from './model.js';
import { ownerShareOf } from './shares.js';
import { summarize } from './stage-sections.js';

export function municipalityStage(context: ReportContext, cohort: readonly Prepared[]): MunicipalityStageRow[] {
  const { config, municipalityCode } = context;
  const rows = new Map<string, MunicipalityStageRow>();
  for (const m of config.municipalities) {
    rows.set(m.code, { municipality: m.code, name: m.name, stages: Object.fromEntries(config.stages.map((s) => [s.code, 0])), owned: 0, participating: 0 });
  }
  for (const p of cohort) {
    const ownerCode = municipalityCode(p.data.municipality);
    const owner = rows.get(ownerCode);
    if (owner) {
      owner.stages[p.stage] = (owner.stages[p.stage] ?? 0) + 1;
      owner.owned += 1;
      owner.participating += 1;
    }
    const seen: string[] = [ownerCode];
    for (const x of p.data.municipalities) {
      const code = municipalityCode(x.municipality);
      if (seen.includes(code)) continue;
      seen.push(code);
      const row = rows.get(code);
      if (row) row.participating += 1;
    }
  }
  return [...rows.values()];
}

export function sharedAndSpread(context: ReportContext, cohort: readonly Prepared[]): { shared: SharedIdea[]; spread: SpreadIdea[] } {
  const { municipalityCode, municipalityName } = context;
  const shared: SharedIdea[] = [];
  const spread: SpreadIdea[] = [];
  for (const p of cohort) {
    const owner = municipalityCode(p.data.municipality);
    const participants: ParticipantShare[] = p.data.municipalities.map((x) => ({
      municipality: municipalityCode(x.municipality),
      name: municipalityName(municipalityCode(x.municipality)),
      role: x.role,
      ...(x.share !== undefined ? { share: x.share } : {}),
      ...(x.joined !== undefined ? { joined: x.joined } : {}),
    }));
    const distinct = new Set(participants.map((x) => x.municipality));
    distinct.add(owner);
    if (distinct.size >= 2) {
      const ownerShare = ownerShareOf(owner, participants);
      shared.push({ ...context.ref(p), participants, shareTotal: participants.reduce((sum, x) => sum + (x.share ?? 0), 0), ...(ownerShare !== undefined ? { ownerShare } : {}) });
    }
    const joinedBy = [...new Set(participants.filter((x) => x.role !== 'owner' && x.municipality !== owner).map((x) => x.municipality))];
    const reachedDone = p.first.done;
    if (reachedDone !== undefined || joinedBy.length > 0) spread.push({ ...context.ref(p), ...(reachedDone !== undefined ? { reachedDone } : {}), joinedBy });
  }
  shared.sort((a, b) => b.participants.length - a.participants.length || byId(a, b));
  spread.sort((a, b) => Number(b.reachedDone !== undefined) - Number(a.reachedDone !== undefined) || b.joinedBy.length - a.joinedBy.length || byId(a, b));
  return { shared, spread };
}

export function caughtDuplicates(context: ReportContext, cohort: readonly Prepared[]): CaughtDuplicate[] {
  const duplicates: CaughtDuplicate[] = [];
  for (const p of cohort) {
    const duplicateOf = p.data.links?.duplicate_of;
    if (p.kind !== 'duplicate' && duplicateOf === undefined) continue;
    const date = p.first.duplicate;
    duplicates.push({ ...context.ref(p), ...(duplicateOf !== undefined ? { duplicateOf } : {}), ...(date !== undefined ? { date } : {}) });
  }
  return duplicates;
}

/** Municipalities that joined an idea after it came in: participants with a `joined` date, and those that have left since, from the history's events. */
export function joins(context: ReportContext, cohort: readonly Prepared[]): JoinEvent[] {
  const { config, municipalityCode } = context;
  const found: JoinEvent[] = [];
  for (const p of cohort) {
    const owner = municipalityCode(p.data.municipality);
    const counted = new Set<string>();
    for (const x of p.data.municipalities) {
      const code = municipalityCode(x.municipality);
      if (x.joined === undefined || code === owner || counted.has(code)) continue;
      counted.add(code);
      found.push({ id: p.data.id, title: p.data.title, municipality: code, role: x.role, ...(x.share !== undefined ? { share: x.share } : {}), date: x.joined, source: 'participant' });
    }
    const current = new Set(p.data.municipalities.map((x) => municipalityCode(x.municipality)));
    // Municipalities that joined and have left since are only in the history.
    for (const event of eventsWithAction(config, p.data, 'joined')) {
      if (event.municipality === undefined) continue;
      const code = municipalityCode(event.municipality);
      if (code === owner || counted.has(code) || current.has(code)) continue;
      counted.add(code);
      found.push({ id: p.data.id, title: p.data.title, municipality: code, ...(event.role ? { role: event.role } : {}), ...(event.share !== undefined ? { share: event.share } : {}), date: event.date, source: 'history' });
    }
  }
  return found.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || byId(a, b) || a.municipality.localeCompare(b.municipality));
}

export function assessmentSummary(context: ReportContext, cohort: readonly Prepared[]): { assessed: number; criteria: CriterionSummary[] } {
  const assessedIdeas = cohort.filter((p) => p.data.assessment !== undefined);
  const criteria = context.config.assessment.criteria.map((c) => {
    const values = assessedIdeas.flatMap((p) => {
      const score = p.data.assessment!.scores[c.code];
      return typeof score === 'number' ? [score] : [];
    });
    const summary = summarize(values);
    return { criterion: c.code, name: c.name, count: values.length, mean: summary.mean, median: summary.median, min: summary.min, max: summary.max };
  });
  return { assessed: assessedIdeas.length, criteria };
}
