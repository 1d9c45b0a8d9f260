import { assessCommand, joinCommand, leaveCommand, linkCommand, mergeCommand, moveCommand, notDuplicateCommand, parseShare } from '../../app/workflow.js';
import type { ChangeOptions, ChangeResult } from '../../app/workflow.js';
import { ideaJson } from '../../app/read.js';
import { SlussError } from '../../core/errors.js';
import { safeLine } from '../../ui/terminal-text.js';
import { ui } from '../../ui/text.js';
import type { CommandContext } from '../../app/ports.js';
import type { WorkflowCommand, WorkflowFlags } from './flags.js';

export async function runWorkflow(name: WorkflowCommand, ctx: CommandContext, flags: WorkflowFlags, args: unknown[]): Promise<void> {
  const options: ChangeOptions = { commit: flags.commit, branch: Boolean(flags.branch), pr: Boolean(flags.pr), by: flags.by };
  if ((flags.branch || flags.pr) && !flags.commit) {
    throw new SlussError('usage', { reason: 'branch-needs-commit' });
  }
  const id = String(args[0]);
  let result: ChangeResult;
  switch (name) {
    case 'move':
      result = await moveCommand(ctx, { ...options, id, stage: args[1] as string | undefined, note: flags.note, duplicateOf: flags.duplicateOf });
      break;
    case 'assess':
      result = await assessCommand(ctx, { ...options, id, scores: parseScores(flags.score ?? []), motivation: flags.motivation, replace: Boolean(flags.replace) });
      break;
    case 'join':
      result = await joinCommand(ctx, { ...options, id, municipality: flags.municipality, role: flags.role, share: shareOption(flags.share), update: Boolean(flags.update) });
      break;
    case 'leave':
      result = await leaveCommand(ctx, { ...options, id, municipality: flags.municipality, note: flags.note });
      break;
    case 'link':
    case 'unlink': {
      if (Boolean(flags.duplicateOf) === Boolean(flags.related)) {
        throw new SlussError('usage', { reason: 'one-link-kind' });
      }
      const kind = flags.duplicateOf ? 'duplicate_of' : 'related';
      result = await linkCommand(ctx, { ...options, id, other: (flags.duplicateOf ?? flags.related)!, kind, remove: name === 'unlink' });
      break;
    }
    case 'not-duplicate':
      result = await notDuplicateCommand(ctx, { ...options, id, other: String(args[1]), note: flags.note });
      break;
    default:
      result = await mergeCommand(ctx, { ...options, duplicate: id, into: String(args[1]), note: flags.note });
  }
  print(ctx, result, Boolean(flags.json));
}

/**
 * `--score nytta=4` per criterion. Kept in a Map until every value is read, so
 * a name such as `__proto__` stays a name (and is refused as no criterion),
 * and a criterion given twice is refused rather than silently overwritten.
 */
export function parseScores(values: readonly string[]): Record<string, number> {
  const scores = new Map<string, number>();
  for (const value of values) {
    const match = /^([^=]+)=\s*(\d+)$/.exec(value.trim());
    if (!match) throw new SlussError('invalid-score', { reason: 'form', value });
    const criterion = match[1]!.trim();
    if ([...scores.keys()].some((key) => key.toLowerCase() === criterion.toLowerCase())) throw new SlussError('invalid-score', { reason: 'repeated', value: criterion });
    scores.set(criterion, Number(match[2]));
  }
  return Object.fromEntries(scores);
}

function shareOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const share = parseShare(value);
  if (share === undefined) throw new SlussError('usage', { option: '--share', value, known: ['0–100'] });
  return share;
}

function print(ctx: CommandContext, result: ChangeResult, json: boolean): void {
  const text = ui(ctx.lang);
  for (const warning of result.warnings) ctx.output.info(text.coordinatorNeeded(warning.stage, warning.by, warning.coordinators.join(', ')));
  if (json) {
    ctx.output.json({ ...result, ideas: result.ideas.map((idea) => ideaJson({ data: idea.data, path: idea.path })) });
    return;
  }
  ctx.output.print(safeLine(result.summary));
  ctx.output.print(text.changed(result.ideas.map((i) => i.path).join(', ')));
  if (result.branch) ctx.output.print(text.onBranch(result.branch));
  else if (result.commit) ctx.output.print(text.committed(result.commit));
  else if (!result.committed) ctx.output.print(text.notCommitted);
  if (result.pushed && result.branch) ctx.output.print(text.pushed(result.branch));
  if (result.pullRequest) ctx.output.print(text.openPullRequest(result.pullRequest));
}
