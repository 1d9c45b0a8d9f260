/**
 * `sluss add --from <file|->`: a submission from the site's form (a saved
 * e-mail, a downloaded file or an issue body) read back into add's fields,
 * so that `add` runs as if they had been typed: the duplicate check, the
 * questions for what is missing, everything. The employee's name and e-mail
 * become the submitter only with a date of consent (`--consent`).
 */
import { resolve } from 'node:path';
import type { CommandContext } from './ports.js';
import { SlussError } from '../core/errors.js';
import { submissionText } from '../core/submission-mail.js';
import { parseSubmissionBody, SUBMISSION_FIELDS } from '../core/submission.js';
import { siteText } from '../ui/site/text.js';

/** add's flags, as far as a submission fills them. */
export interface SubmissionFlags {
  title?: string;
  problem?: string;
  idea?: string;
  benefit?: string;
  municipality?: string;
  submitter?: string;
  submitterEmail?: string;
}

export async function readSubmission(ctx: CommandContext, source: string, options: { consent?: string | undefined }): Promise<SubmissionFlags> {
  const t = siteText(ctx.lang);
  const shown = source === '-' ? t.standardInput : source;
  const { local } = ctx.adapters;
  let bytes: Uint8Array;
  try {
    bytes = source === '-' ? await local.readStandardInput() : await local.readFile(resolve(ctx.cwd, source));
  } catch (error) {
    throw new SlussError('input-file-invalid', { file: shown, detail: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  const text = submissionText(bytes);
  if (text === undefined) throw new SlussError('usage', { detail: t.submissionNoText(shown), hint: t.submissionHint });
  const { fields } = parseSubmissionBody(text);
  if (SUBMISSION_FIELDS.every((key) => fields[key] === '')) throw new SlussError('usage', { detail: t.submissionEmpty(shown), hint: t.submissionHint });
  const flags: SubmissionFlags = {};
  for (const key of ['title', 'problem', 'idea', 'benefit', 'municipality'] as const) if (fields[key] !== '') flags[key] = fields[key];
  if (fields.name !== '' && options.consent !== undefined) {
    flags.submitter = fields.name;
    if (fields.email !== '') flags.submitterEmail = fields.email;
  } else if (fields.name !== '' || fields.email !== '') {
    ctx.output.info(t.submitterNotKept);
  }
  return flags;
}
