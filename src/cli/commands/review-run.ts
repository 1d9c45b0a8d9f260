import { reviewBranch } from '../../app/review.js';
import type { ReviewReport } from '../../app/review.js';
import { displayName } from '../../core/config.js';
import { EXIT } from '../../core/errors.js';
import { explainProblem, formatProblem } from '../../core/messages.js';
import type { Lang } from '../../core/messages.js';
import { describeChange, describeReviewerStatus, describeRule, reviewText } from '../../ui/review-text.js';
import { ansiStyle, plainStyle } from '../../ui/render.js';
import type { Style } from '../../ui/render.js';
import type { CommandContext } from '../ports.js';
import type { ReviewFlags } from './review.js';

export async function runReview(ctx: CommandContext, flags: ReviewFlags): Promise<number> {
  const report = await reviewBranch(ctx, {
    base: flags.base,
    ...(flags.actor ? { actor: flags.actor } : {}),
    ...(flags.approvals ? { approvals: flags.approvals } : {}),
    failOnDuplicate: flags.failOnDuplicate ?? false,
  });
  switch (flags.format) {
    case 'json':
      ctx.output.json(reviewJson(report, ctx.lang));
      break;
    case 'markdown':
      ctx.output.print(renderReviewMarkdown(report, ctx.lang));
      break;
    case 'github':
      for (const line of renderReviewGithub(report, ctx.lang)) ctx.output.print(line);
      ctx.output.info(summary(report, ctx.lang));
      break;
    default:
      ctx.output.print(renderReviewText(report, ctx.lang, ctx.output.color ? ansiStyle : plainStyle));
  }
  return report.blocking ? EXIT.failure : EXIT.ok;
}

function blockingCount(report: ReviewReport): number {
  return (
    report.problems.length +
    report.rules.filter((r) => r.blocking).length +
    report.reviewersNeeded.filter((r) => r.blocking).length +
    report.duplicates.filter((d) => d.blocking).length
  );
}

function summary(report: ReviewReport, lang: Lang): string {
  const text = reviewText(lang);
  return report.blocking ? text.blocking(blockingCount(report)) : text.ok;
}

/**
 * The JSON of `review --json` / `--format json`:
 *
 * ```
 * { base: { ref, commit, mergeBase }, head: { commit },
 *   ideas: [{ id, title, path, previousPath?, change: 'added'|'changed'|'deleted',
 *             changes: [IdeaChange…], authors: [{ name, email }] }],
 *   problems: [{ file, line?, field?, code, params?, message, hint? }],      // as validate --json
 *   duplicates: [{ id, title, path, candidate: { id, title, municipality, status, score, path, isNew }, blocking }],
 *   rules: [{ rule: 'never-delete', id, path, ok: false, blocking: true, message }
 *         | { rule: 'workflow-move', id, path, from, to, ok: false, blocking: true, reason: 'transition'|'assessment', allowed: [..], message }
 *         | { rule: 'coordinator-move', id, path, from, to, ok, blocking, madeBy: [..], allowed: [..], message }],
 *   reviewersNeeded: [{ id, path, municipality, reviewers, approvedBy, status: 'approved'|'missing'|'unchecked'|'no-reviewers', blocking }],
 *   configChanged: boolean, blocking: boolean }
 * ```
 *
 * IdeaChange (`kind`): added, deleted, moved {from, to, date?, by?, authors?},
 * joined {municipality, role, share?}, left {municipality, role},
 * participant-changed {municipality, role?: {from, to}, share?: {from, to}},
 * link-added / link-removed {link: 'duplicate_of'|'related', target},
 * assessment-added / assessment-changed {by, date}, assessment-removed,
 * edited {field, from?, to?} (field: a front-matter key, `text.<section>`, `text`, `history` or `path`).
 */
export function reviewJson(report: ReviewReport, lang: Lang): unknown {
  const text = reviewText(lang);
  return {
    base: report.base,
    head: report.head,
    ideas: report.ideas.map((idea) => ({
      id: idea.id,
      title: idea.title,
      path: idea.path,
      ...(idea.previousPath ? { previousPath: idea.previousPath } : {}),
      change: idea.change,
      changes: idea.changes,
      authors: idea.authors,
    })),
    problems: report.problems.map((p) => ({ ...p, ...explainProblem(lang, p) })),
    duplicates: report.duplicates,
    rules: report.rules.map((rule) => ({ ...rule, message: describeRule(text, report.config, rule) })),
    reviewersNeeded: report.reviewersNeeded,
    configChanged: report.configChanged,
    blocking: report.blocking,
  };
}

export function renderReviewText(report: ReviewReport, lang: Lang, style: Style = plainStyle): string {
  const text = reviewText(lang);
  const config = report.config;
  const out: string[] = [style.bold(text.heading(report.base.ref, report.base.mergeBase, report.head.commit))];
  if (report.configChanged) out.push(style.warn(text.configChanged));
  out.push('');
  if (report.ideas.length === 0) out.push(text.noChanges);
  else {
    out.push(style.bold(text.ideasHeading(report.ideas.length)));
    for (const idea of report.ideas) {
      const mark = idea.change === 'added' ? '+' : idea.change === 'deleted' ? '-' : '~';
      out.push(`  ${mark} ${style.bold(idea.id)} ${idea.title} ${style.dim(`[${text.change[idea.change]}] ${idea.path}`)}`);
      for (const change of idea.changes.filter((c) => c.kind !== 'added' && c.kind !== 'deleted')) out.push(`      ${describeChange(text, config, change)}`);
    }
  }
  if (report.problems.length > 0) {
    out.push('', style.bold(text.problemsHeading(report.problems.length)));
    for (const problem of report.problems) out.push(`  ${formatProblem(lang, problem)}`);
  }
  if (report.duplicates.length > 0) {
    out.push('', style.warn(style.bold(text.duplicatesHeading(report.duplicates.length))));
    for (const d of report.duplicates) {
      out.push(`  ${text.duplicate(d.id, d.title, d.candidate.id, d.candidate.title, displayName(config.municipalities, d.candidate.municipality), displayName(config.stages, d.candidate.status), d.candidate.score.toFixed(2), d.candidate.isNew)}`);
    }
    out.push(`  ${style.dim(text.duplicateHint)}`);
  }
  if (report.rules.length > 0) {
    out.push('', style.bold(text.rulesHeading));
    for (const rule of report.rules) out.push(`  ${rule.ok ? '✓' : style.warn('✗')} ${describeRule(text, config, rule)}`);
  }
  if (report.reviewersNeeded.length > 0) {
    out.push('', style.bold(text.reviewersHeading));
    for (const need of report.reviewersNeeded) {
      const line = text.reviewerLine(need.id, displayName(config.municipalities, need.municipality), need.reviewers.join(', ') || text.none, describeReviewerStatus(text, need));
      out.push(`  ${need.blocking ? style.warn('✗') : need.status === 'approved' ? '✓' : '·'} ${line}`);
    }
  }
  out.push('', report.blocking ? style.warn(style.bold(text.blocking(blockingCount(report)))) : text.ok);
  return out.join('\n');
}

/** Text from the files (titles, names) cannot break the table, start a mention or inject markup. */
function md(value: string): string {
  return value.replace(/\r?\n/g, ' ').replace(/([\\`*_{}[\]<>|#@!~])/g, '\\$1');
}

export function renderReviewMarkdown(report: ReviewReport, lang: Lang): string {
  const text = reviewText(lang);
  const config = report.config;
  const out: string[] = [
    `## ${report.blocking ? '❌' : '✅'} sluss review: ${report.blocking ? md(text.blocking(blockingCount(report))) : md(text.ok)}`,
    '',
    md(text.heading(report.base.ref, report.base.mergeBase, report.head.commit)),
  ];
  if (report.configChanged) out.push('', `> ${md(text.configChanged)}`);
  out.push('');
  if (report.ideas.length === 0) out.push(md(text.noChanges));
  else {
    out.push(`| ${text.columns.id} | ${text.columns.title} | ${text.columns.change} | ${text.columns.what} |`, '|---|---|---|---|');
    for (const idea of report.ideas) {
      const what = idea.changes.filter((c) => c.kind !== 'added' && c.kind !== 'deleted').map((c) => md(describeChange(text, config, c)));
      out.push(`| \`${idea.id}\` | ${md(idea.title)} | ${text.change[idea.change]} | ${what.join('<br>') || text.none} |`);
    }
  }
  if (report.problems.length > 0) {
    out.push('', `### ${text.problemsHeading(report.problems.length).replace(/:$/, '')}`, '');
    for (const problem of report.problems) {
      const { message, hint } = explainProblem(lang, problem);
      out.push(`- \`${problem.file}${problem.line ? `:${problem.line}` : ''}\`${problem.field ? ` \`${problem.field}\`` : ''}: ${md(message)}${hint ? ` – ${md(hint)}` : ''}`);
    }
  }
  if (report.duplicates.length > 0) {
    out.push('', `### ${text.duplicatesHeading(report.duplicates.length).replace(/:$/, '')}`, '');
    for (const d of report.duplicates) {
      out.push(`- ${d.blocking ? '❌' : '⚠️'} ${md(text.duplicate(d.id, d.title, d.candidate.id, d.candidate.title, displayName(config.municipalities, d.candidate.municipality), displayName(config.stages, d.candidate.status), d.candidate.score.toFixed(2), d.candidate.isNew))}`);
    }
    out.push('', md(text.duplicateHint));
  }
  if (report.rules.length > 0) {
    out.push('', `### ${text.rulesHeading.replace(/:$/, '')}`, '');
    for (const rule of report.rules) out.push(`- ${rule.ok ? '✅' : '❌'} ${md(describeRule(text, config, rule))}`);
  }
  if (report.reviewersNeeded.length > 0) {
    out.push('', `### ${text.reviewersHeading.replace(/:$/, '')}`, '');
    out.push(`| ${text.columns.id} | ${text.columns.municipality} | ${text.columns.reviewers} | ${text.columns.status} |`, '|---|---|---|---|');
    for (const need of report.reviewersNeeded) {
      const mark = need.blocking ? '❌' : need.status === 'approved' ? '✅' : need.status === 'no-reviewers' ? '⚠️' : '⏳';
      // Reviewers are written as they are, so a forge handle mentions the reviewer.
      const reviewers = need.reviewers.map((r) => (/^@[\w.-]+(\/[\w.-]+)?$/.test(r) ? r : md(r))).join(', ') || text.none;
      out.push(`| \`${need.id}\` | ${md(displayName(config.municipalities, need.municipality))} | ${reviewers} | ${mark} ${md(describeReviewerStatus(text, need))} |`);
    }
  }
  return out.join('\n');
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** A GitHub Actions workflow command, escaped as in `validate --format github`. */
function annotation(level: 'error' | 'warning' | 'notice', file: string, line: number | undefined, title: string, message: string): string {
  const properties = [`file=${escapeProperty(file)}`, ...(line ? [`line=${line}`] : []), `title=${escapeProperty(`sluss: ${title}`)}`];
  return `::${level} ${properties.join(',')}::${escapeData(message)}`;
}

export function renderReviewGithub(report: ReviewReport, lang: Lang): string[] {
  const text = reviewText(lang);
  const config = report.config;
  const lines: string[] = [];
  for (const problem of report.problems) {
    const { message, hint } = explainProblem(lang, problem);
    lines.push(annotation('error', problem.file, problem.line, problem.field ?? problem.code, `${message}${hint ? ` — ${hint}` : ''}`));
  }
  for (const rule of report.rules) {
    if (rule.ok) continue;
    const line = rule.rule === 'never-delete' ? undefined : report.lineOf(rule.path, ['status']);
    lines.push(annotation('error', rule.path, line, rule.rule, describeRule(text, config, rule)));
  }
  for (const d of report.duplicates) {
    const message = `${text.duplicate(d.id, d.title, d.candidate.id, d.candidate.title, displayName(config.municipalities, d.candidate.municipality), displayName(config.stages, d.candidate.status), d.candidate.score.toFixed(2), d.candidate.isNew)} ${text.duplicateHint}`;
    lines.push(annotation(d.blocking ? 'error' : 'warning', d.path, report.lineOf(d.path, ['title']), 'duplicate', message));
  }
  for (const need of report.reviewersNeeded) {
    const municipality = displayName(config.municipalities, need.municipality);
    const line = report.lineOf(need.path, ['municipalities']);
    if (need.status === 'missing') lines.push(annotation('error', need.path, line, 'reviewers', text.missingApproval(need.id, municipality, need.reviewers.join(', '))));
    else if (need.status === 'no-reviewers') lines.push(annotation('warning', need.path, line, 'reviewers', text.noReviewersHint(municipality)));
    else if (need.status === 'unchecked') lines.push(annotation('notice', need.path, line, 'reviewers', text.missingApproval(need.id, municipality, need.reviewers.join(', '))));
  }
  return lines;
}
