/** Sentences of an idea's history, in Swedish. */

export const history = {
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

export type HistoryText = typeof history;
