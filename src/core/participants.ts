/**
 * The municipalities taking part in an idea: joining, leaving, and changing a
 * participant's role or cost share, with the cost shares never above 100 %.
 * Pure: data in, changed data out, or a SlussError that says why not.
 */
import { displayName, findMunicipality, resolveMunicipality } from './config.js';
import type { RegisterConfig } from './config.js';
import { SlussError } from './errors.js';
import { recordEvent } from './history.js';
import type { Actor, NewEvent } from './history.js';
import type { IdeaData, Participant, Role } from './idea.js';

export type JoiningRole = Exclude<Role, 'owner'>;

export function shareTotal(participants: readonly Participant[]): number {
  return participants.reduce((sum, p) => sum + (p.share ?? 0), 0);
}

function checkShare(share: number | undefined): void {
  if (share !== undefined && (!Number.isFinite(share) || share < 0 || share > 100)) {
    throw new SlussError('usage', { option: '--share', value: String(share), known: ['0–100'] });
  }
}

function findParticipant(config: RegisterConfig, data: IdeaData, code: string): Participant | undefined {
  return data.municipalities.find((p) => (findMunicipality(config, p.municipality)?.code ?? p.municipality) === code);
}

/** The event of a participant joining or changing: who, in which role and share afterwards, and through which merge. */
export function participantEvent(action: 'joined' | 'participant-changed', participant: Participant, note?: string, via?: string): NewEvent {
  return {
    action,
    municipality: participant.municipality,
    role: participant.role,
    ...(participant.share !== undefined ? { share: participant.share } : {}),
    ...(via ? { other: via } : {}),
    ...(note ? { note } : {}),
  };
}

/** A municipality joins an idea (and may share its cost) instead of starting its own copy. */
export function joinIdea(
  config: RegisterConfig,
  data: IdeaData,
  join: Actor & { municipality: string; role: JoiningRole; share?: number | undefined; note?: string | undefined },
): IdeaData {
  const code = resolveMunicipality(config, join.municipality).code;
  const existing = findParticipant(config, data, code);
  if (existing) throw new SlussError('already-participant', { id: data.id, municipality: displayName(config.municipalities, code), code, role: existing.role });
  checkShare(join.share);
  const participant: Participant = { municipality: code, role: join.role, ...(join.share !== undefined ? { share: join.share } : {}), joined: join.today };
  const municipalities = [...data.municipalities, participant];
  const total = shareTotal(municipalities);
  if (total > 100) throw new SlussError('shares-over-100', { id: data.id, total, available: 100 - shareTotal(data.municipalities) });
  return recordEvent({ ...data, municipalities }, join, participantEvent('joined', participant, join.note));
}

export function leaveIdea(config: RegisterConfig, data: IdeaData, leave: Actor & { municipality: string; note?: string | undefined }): IdeaData {
  const code = resolveMunicipality(config, leave.municipality).code;
  const participant = findParticipant(config, data, code);
  if (!participant) throw new SlussError('not-participant', { id: data.id, municipality: displayName(config.municipalities, code) });
  if (participant.role === 'owner') throw new SlussError('owner-cannot-leave', { id: data.id, municipality: displayName(config.municipalities, code) });
  const municipalities = data.municipalities.filter((p) => p !== participant);
  return recordEvent({ ...data, municipalities }, leave, { action: 'left', municipality: code, role: participant.role, ...(leave.note ? { note: leave.note } : {}) });
}

/** Changes a participant's role or cost share (`join --update`); the owner stays the owner. */
export function updateParticipant(
  config: RegisterConfig,
  data: IdeaData,
  update: Actor & { municipality: string; role?: JoiningRole | undefined; share?: number | undefined; note?: string | undefined },
): IdeaData {
  const code = resolveMunicipality(config, update.municipality).code;
  const name = displayName(config.municipalities, code);
  const participant = findParticipant(config, data, code);
  if (!participant) throw new SlussError('not-participant', { id: data.id, municipality: name });
  if (update.role === undefined && update.share === undefined) throw new SlussError('missing-required', { fields: ['--role', '--share'], command: 'join-update', id: data.id });
  if (participant.role === 'owner' && update.role !== undefined) throw new SlussError('owner-role-fixed', { id: data.id, municipality: name });
  checkShare(update.share);
  const changed: Participant = { ...participant, ...(update.role !== undefined ? { role: update.role } : {}), ...(update.share !== undefined ? { share: update.share } : {}) };
  if (changed.role === participant.role && changed.share === participant.share) {
    throw new SlussError('participant-unchanged', { id: data.id, municipality: name, role: changed.role, share: changed.share });
  }
  const others = data.municipalities.filter((p) => p !== participant);
  const total = shareTotal(others) + (changed.share ?? 0);
  if (total > 100) throw new SlussError('shares-over-100', { id: data.id, total, available: 100 - shareTotal(others) });
  const municipalities = data.municipalities.map((p) => (p === participant ? changed : p));
  return recordEvent({ ...data, municipalities }, update, participantEvent('participant-changed', changed, update.note));
}
