import { initRegister } from '../../app/init.js';
import { validateRegister } from '../../app/validate.js';
import { EXIT } from '../../core/errors.js';
import { explainProblem, formatProblem } from '../../core/messages.js';
import type { Problem } from '../../core/problems.js';
import { safeLine } from '../../ui/terminal-text.js';
import { ui } from '../../ui/text.js';
import type { CommandContext } from '../ports.js';

export async function runValidate(ctx: CommandContext, paths: string[], format: 'text' | 'json' | 'github'): Promise<number> {
  const report = await validateRegister(ctx, paths);
  const text = ui(ctx.lang);
  const problemFiles = new Set(report.problems.map((p) => p.file)).size;
  if (format === 'json') {
    ctx.output.json({
      ok: report.problems.length === 0,
      files: report.files,
      problems: report.problems.map((p) => ({ ...p, ...explainProblem(ctx.lang, p) })),
    });
  } else if (format === 'github') {
    for (const problem of report.problems) ctx.output.print(githubAnnotation(ctx, problem));
    ctx.output.info(report.problems.length === 0 ? text.validateOk(report.files) : text.validateProblems(report.problems.length, problemFiles));
  } else {
    for (const problem of report.problems) ctx.output.print(safeLine(formatProblem(ctx.lang, problem)));
    ctx.output.info(report.problems.length === 0 ? text.validateOk(report.files) : text.validateProblems(report.problems.length, problemFiles));
  }
  return report.problems.length === 0 ? EXIT.ok : EXIT.failure;
}

/** A GitHub Actions workflow command, so problems show on the pull request's lines. */
function githubAnnotation(ctx: CommandContext, problem: Problem): string {
  const { message, hint } = explainProblem(ctx.lang, problem);
  const escapeData = (s: string) => safeLine(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
  const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const properties = [`file=${escapeProperty(problem.file)}`, ...(problem.line ? [`line=${problem.line}`] : []), `title=${escapeProperty(`sluss: ${problem.field ?? problem.code}`)}`];
  return `::error ${properties.join(',')}::${escapeData(`${message}${hint ? ` — ${hint}` : ''}`)}`;
}

export async function runInit(ctx: CommandContext, dir: string, flags: { name: string; commit: boolean; ci?: 'github' | 'gitlab'; json?: boolean }): Promise<void> {
  const result = await initRegister(ctx, { dir, name: flags.name, commit: flags.commit, ci: flags.ci });
  if (flags.json) {
    ctx.output.json(result);
    return;
  }
  const text = ui(ctx.lang);
  ctx.output.print(result.existing ? text.initCiDone(result.files.join(', ') || '–') : text.initDone(result.dir));
  if (result.commit) ctx.output.print(text.committed(result.commit));
  if (!result.existing) ctx.output.print(text.initNext);
}
