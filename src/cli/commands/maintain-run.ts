import { gitlabApprovals, gitlabNote } from '../../app/ci-merge-request.js';
import { initRegister } from '../../app/init.js';
import type { GeneratedCommit } from '../../app/tool-update.js';
import { updateTool } from '../../app/tool-update.js';
import { validateRegister } from '../../app/validate.js';
import { SlussError } from '../../core/errors.js';
import type { Outcome } from '../exit-codes.js';
import { explainProblem, formatProblem } from '../../ui/messages.js';
import type { Problem } from '../../core/problems.js';
import { TOOL_FILE } from '../../core/tool-manifest.js';
import { safeLine } from '../../ui/terminal-text.js';
import { toolText } from '../../ui/tool-text.js';
import { ui } from '../../ui/text.js';
import type { CommandContext } from '../../app/ports.js';
import type { InitFlags, ToolFlags, ValidateFlags } from './flags.js';

export async function runValidate(ctx: CommandContext, paths: string[], format: ValidateFlags['format']): Promise<Outcome> {
  const report = await validateRegister(ctx, paths);
  const text = ui(ctx.lang);
  const problemFiles = new Set(report.problems.map((p) => p.file)).size;
  if (format === 'json') {
    const explained = (problems: readonly Problem[]) => problems.map((p) => ({ ...p, ...explainProblem(ctx.lang, p) }));
    ctx.output.json({ ok: report.problems.length === 0, files: report.files, problems: explained(report.problems), warnings: explained(report.warnings) });
  } else {
    for (const problem of report.problems) ctx.output.print(format === 'github' ? githubAnnotation(ctx, problem, 'error') : safeLine(formatProblem(ctx.lang, problem)));
    // Warnings never fail validate; on stderr, so a script reading the problems is not misled.
    for (const warning of report.warnings) ctx.output.info(format === 'github' ? githubAnnotation(ctx, warning, 'warning') : safeLine(formatProblem(ctx.lang, warning)));
    ctx.output.info(report.problems.length === 0 ? text.validateOk(report.files) : text.validateProblems(report.problems.length, problemFiles));
  }
  return report.problems.length === 0 ? 'done' : 'validate-problems';
}

/** A GitHub Actions workflow command, so problems show on the pull request's lines. */
function githubAnnotation(ctx: CommandContext, problem: Problem, level: 'error' | 'warning'): string {
  const { message, hint } = explainProblem(ctx.lang, problem);
  const escapeData = (s: string) => safeLine(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
  const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const properties = [`file=${escapeProperty(problem.file)}`, ...(problem.line ? [`line=${problem.line}`] : []), `title=${escapeProperty(`sluss: ${problem.field ?? problem.code}`)}`];
  return `::${level} ${properties.join(',')}::${escapeData(`${message}${hint ? ` — ${hint}` : ''}`)}`;
}

export async function runInit(ctx: CommandContext, dir: string, flags: InitFlags): Promise<void> {
  const result = await initRegister(ctx, { dir, name: flags.name, commit: flags.commit, ci: flags.ci, ...(flags.coordinator ? { coordinators: flags.coordinator } : {}) });
  if (flags.json) {
    ctx.output.json(result);
    return;
  }
  const text = toolText(ctx.lang);
  if (!result.existing) ctx.output.print(text.initDone(result.dir));
  else ctx.output.print(result.files.length > 0 ? text.initCiDone(result.files.join(', ')) : text.initCiNothing(flags.ci ?? ''));
  if (result.files.includes(TOOL_FILE)) ctx.output.print(text.toolCopied(result.toolVersion));
  printCommit(ctx, result);
  if (result.coordinatorsMissing) ctx.output.print(text.coordinatorsMissing(Boolean(flags.ci)));
  if (result.reviewersMissing) ctx.output.print(text.reviewersMissing);
  if (!result.existing) ctx.output.print(text.initNext);
}

function printCommit(ctx: CommandContext, result: GeneratedCommit): void {
  if (result.commit) ctx.output.print(ui(ctx.lang).committed(result.commit));
  if (result.noIdentity) ctx.output.print(toolText(ctx.lang).notCommitted);
}

export async function runToolUpdate(ctx: CommandContext, flags: ToolFlags): Promise<void> {
  const result = await updateTool(ctx, { commit: flags.commit });
  if (flags.json) {
    ctx.output.json(result);
    return;
  }
  const text = toolText(ctx.lang);
  if (result.files.length === 0) {
    ctx.output.print(text.toolCurrent(result.version));
    return;
  }
  ctx.output.print(text.toolUpdated(result.previous, result.version, result.files.join(', ')));
  printCommit(ctx, result);
  ctx.output.print(text.toolReview);
}

export async function runCi(ctx: CommandContext, action: 'gitlab-approvals' | 'gitlab-note', file: string | undefined): Promise<void> {
  const text = toolText(ctx.lang);
  if (action === 'gitlab-approvals') {
    const approvals = await gitlabApprovals(ctx);
    if (approvals === undefined) ctx.output.info(text.gitlabNoToken);
    else ctx.output.print(approvals.join(','));
    return;
  }
  if (file === undefined) throw new SlussError('usage', { option: 'gitlab-note <file>', value: '–' });
  const outcome = await gitlabNote(ctx, file);
  ctx.output.info(outcome === undefined ? text.gitlabNoToken : text.gitlabNote(outcome));
}
