/**
 * The owner's cost share of a shared idea. Ideas seldom declare it: the owner
 * pays what the others do not, so it is 100 % minus the other participants'
 * declared shares. A share the owner declared itself wins.
 */

export interface DeclaredShare {
  municipality: string;
  share?: number;
}

/** Percent, two decimals at most; undefined when no participant declares a share. */
export function ownerShareOf(owner: string, participants: readonly DeclaredShare[]): number | undefined {
  const own = participants.find((p) => p.municipality === owner && p.share !== undefined);
  if (own) return own.share;
  const others = participants.filter((p) => p.municipality !== owner && p.share !== undefined);
  if (others.length === 0) return undefined;
  const rest = 100 - others.reduce((sum, p) => sum + p.share!, 0);
  return Math.round(Math.max(0, rest) * 100) / 100;
}
