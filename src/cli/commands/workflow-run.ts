import { assessCommand, joinCommand, leaveCommand, linkCommand, mergeCommand, moveCommand, notDuplicateCommand } from '../../app/workflow.js';
import type { ChangeOptions, ChangeResult } from '../../app/workflow.js';
import { ideaJson } from '../../app/read.js';
import { SlussError } from '../../core/errors.js';
import { safeLine } from '../../ui/terminal-text.js';
import { ui } from '../../ui/text.js';
import type { CommandContext } from '../ports.js';
import type { ChangeFlags } from './workflow.js';

export interface WorkflowFlags extends ChangeFlags {
  note?: string;
  score?: string[];
  motivation?: string;
  municipality?: string;
  role: 'interested' | 'co-funder';
  share?: string;
  duplicateOf?: string;
  related?: string;
}

export async function runWorkflow(name: string, ctx: CommandContext, flags: WorkflowFlags, args: unknown[]): Promise<void> {
  const options: ChangeOptions = { commit: flags.commit, branch: Boolean(flags.branch), pr: Boolean(flags.pr), by: flags.by };
  if ((flags.branch || flags.pr) && !flags.commit) {
    throw new SlussError('usage', { detail: ctx.lang === 'en' ? '--branch and --pr cannot be combined with --no-commit.' : '--branch och --pr går inte att kombinera med --no-commit.' });
  }
  const id = String(args[0]);
  let result: ChangeResult;
  switch (name) {
    case 'move':
      result = await moveCommand(ctx, { ...options, id, stage: args[1] as string | undefined, note: flags.note });
      break;
    case 'assess':
      result = await assessCommand(ctx, { ...options, id, scores: parseScores(flags.score ?? []), motivation: flags.motivation });
      break;
    case 'join':
      result = await joinCommand(ctx, { ...options, id, municipality: flags.municipality, role: flags.role, share: parseShare(flags.share) });
      break;
    case 'leave':
      result = await leaveCommand(ctx, { ...options, id, municipality: flags.municipality, note: flags.note });
      break;
    case 'link':
    case 'unlink': {
      if (Boolean(flags.duplicateOf) === Boolean(flags.related)) {
        throw new SlussError('usage', { detail: ctx.lang === 'en' ? 'Give exactly one of --duplicate-of <id> and --related <id>.' : 'Ange precis en av --duplicate-of <id> och --related <id>.' });
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

function parseScores(values: string[]): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const value of values) {
    const match = /^([^=]+)=(\d+)$/.exec(value.trim());
    if (!match) throw new SlussError('invalid-score', { value, known: ['nytta=4'] });
    scores[match[1]!.trim()] = Number(match[2]);
  }
  return scores;
}

function parseShare(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const share = Number(value.replace(',', '.').replace(/%$/, ''));
  if (!Number.isFinite(share)) throw new SlussError('usage', { option: '--share', value, known: ['0–100'] });
  return share;
}

function print(ctx: CommandContext, result: ChangeResult, json: boolean): void {
  if (json) {
    ctx.output.json({ ...result, ideas: result.ideas.map((idea) => ideaJson({ data: idea.data, path: idea.path })) });
    return;
  }
  const text = ui(ctx.lang);
  ctx.output.print(safeLine(result.message));
  ctx.output.print(text.changed(result.ideas.map((i) => i.path).join(', ')));
  if (result.branch) ctx.output.print(text.onBranch(result.branch));
  else if (result.commit) ctx.output.print(text.committed(result.commit));
  else if (!result.committed) ctx.output.print(text.notCommitted);
  if (result.pushed && result.branch) ctx.output.print(text.pushed(result.branch));
  if (result.pullRequest) ctx.output.print(text.openPullRequest(result.pullRequest));
}
