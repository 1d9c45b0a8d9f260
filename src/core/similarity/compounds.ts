/**
 * Compound splitting driven by the register's own vocabulary: Swedish writes
 * "hemtjänst", "simhall" or "skateboardtrick" as one word, and two ideas that
 * share a part of such words ("simhall" / "simbassäng") share meaning that
 * whole stems miss. A word is split where both parts are stems the register
 * knows, so no word list ships with sluss and a register's own terms count.
 */

/** Shorter parts ("in", "er") are mostly inflections or syllables, not words. */
const MIN_MODIFIER_LENGTH = 3;
const MIN_HEAD_LENGTH = 4;
/**
 * Linking letters between the parts: "arbets|plats" (s), "gatu|belysning" (a
 * stem "gat" + u), "kyrko|gård" (o). Stripped from the modifier before it is
 * looked up.
 */
const LINKING_LETTERS = ['s', 'u', 'o', 'e', 'a'];

/**
 * The modifier and the head of a two-part compound, or [] when no split has
 * both parts known. The longest known head wins: in Swedish the last part
 * carries the meaning ("hem|tjänst" is a kind of "tjänst").
 */
export function splitCompound(word: string, isKnown: (part: string) => boolean): string[] {
  const chars = Array.from(word);
  for (let at = MIN_MODIFIER_LENGTH; at <= chars.length - MIN_HEAD_LENGTH; at += 1) {
    const head = chars.slice(at).join('');
    if (!isKnown(head)) continue;
    const modifier = chars.slice(0, at).join('');
    if (isKnown(modifier)) return [modifier, head];
    const last = chars[at - 1] as string;
    if (at - 1 >= MIN_MODIFIER_LENGTH && LINKING_LETTERS.includes(last)) {
      const stripped = chars.slice(0, at - 1).join('');
      if (isKnown(stripped)) return [stripped, head];
    }
  }
  return [];
}
