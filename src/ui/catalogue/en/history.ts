/** Sentences of an idea's history, in English. */
import type { HistoryText } from '../sv/history.js';

export const history: HistoryText = {
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
