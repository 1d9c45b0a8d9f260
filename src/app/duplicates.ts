/** `sluss duplicates`: likely duplicate pairs across municipalities in the whole register. */
import type { CommandContext } from './ports.js';
import { IDEAS_DIR } from './ports/register-files.js';
import { duplicateIndexOf, groupPairs, scanDuplicatePairs } from '../core/duplicates.js';
import type { DuplicatePair } from '../core/duplicates.js';
import { ideaReader, loadIdeaRefs, openRegister } from './register.js';
import type { OpenRegister } from './register.js';
import { loadSimilarityIndex } from './similarity-index.js';

export interface DuplicateScan {
  register: OpenRegister;
  pairs: DuplicatePair[];
  groups: string[][];
  /** How many ideas were checked against the register (all, or those changed since --since). */
  checked: number;
}

export async function scanRegister(ctx: CommandContext, options: { since?: string | undefined }): Promise<DuplicateScan> {
  const register = await openRegister(ctx);
  // Summaries of every idea; the data of an idea is read only when it is in a pair.
  const { refs } = await loadIdeaRefs(register, { wholeRegister: true });
  let subject: Set<string> | undefined;
  if (options.since) {
    const changed = new Set(await ctx.adapters.git.repository(register.root, ctx.env).getChangedSince(options.since, `${IDEAS_DIR}/`));
    subject = new Set(refs.filter((ref) => changed.has(ref.path)).map((ref) => ref.id));
  }
  // The scan looks at the whole register whatever the look-back of add.
  const settings = { ...register.config.duplicates, lookback_days: null };
  const index = duplicateIndexOf(refs, settings, ctx.clock.today(), await loadSimilarityIndex(register, refs), ideaReader(register, refs));
  const pairs = scanDuplicatePairs(index, settings, subject);
  return { register, pairs, groups: groupPairs(pairs), checked: subject?.size ?? refs.length };
}
