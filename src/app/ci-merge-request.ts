/**
 * `sluss ci gitlab-approvals` and `sluss ci gitlab-note <file>`: what the
 * GitLab pipeline asks of GitLab through the project access token in
 * SLUSS_GITLAB_TOKEN. Without a token both say how to set one and do
 * nothing else, so the pipeline still runs.
 */
import { resolve } from 'node:path';
import type { CommandContext } from './ports.js';
import { SlussError } from '../core/errors.js';
import { GITLAB_TOKEN_VARIABLE } from '../ui/ci/gitlab.js';

/** Ends sluss's note, so the next pipeline edits it instead of adding another. */
export const REVIEW_NOTE_MARK = '<!-- sluss review -->';

function token(ctx: CommandContext): string | undefined {
  const value = ctx.env[GITLAB_TOKEN_VARIABLE];
  return value === undefined || value === '' ? undefined : value;
}

/** Approvers' user names, or undefined when there is no token. */
export async function gitlabApprovals(ctx: CommandContext): Promise<string[] | undefined> {
  const secret = token(ctx);
  if (secret === undefined) return undefined;
  const { approvedBy, mergeRequestFromEnv } = ctx.adapters.forge;
  return approvedBy(mergeRequestFromEnv(ctx.env, secret));
}

/** Posts (or updates) the review in `file` as the merge request's note; undefined when there is no token. */
export async function gitlabNote(ctx: CommandContext, file: string): Promise<'created' | 'updated' | undefined> {
  const secret = token(ctx);
  if (secret === undefined) return undefined;
  let body: string;
  try {
    body = (await ctx.adapters.local.readFile(resolve(ctx.cwd, file))).toString('utf8');
  } catch (error) {
    throw new SlussError('input-file-invalid', { file, detail: (error as { code?: string }).code ?? String(error) }, { cause: error });
  }
  const { upsertNote, mergeRequestFromEnv } = ctx.adapters.forge;
  return upsertNote(mergeRequestFromEnv(ctx.env, secret), `${body.trimEnd()}\n\n${REVIEW_NOTE_MARK}\n`, REVIEW_NOTE_MARK);
}
