import { reviewBranch } from '../../app/review.js';
import type { ReviewReport } from '../../app/review.js';
import { displayName } from '../../core/config.js';
import type { Outcome } from '../exit-codes.js';
import { explainProblem, formatProblem } from '../../ui/messages.js';
import type { Lang } from '../../core/lang.js';
import type { IdeaChange } from '../../core/review/diff.js';
import { ansiStyle, plainStyle } from '../../ui/render.js';
import type { Style } from '../../ui/render.js';
import { describeChange, describeDuplicate, describeReviewerStatus, describeRule } from '../../ui/review-render.js';
import { reviewText } from '../../ui/review-text.js';
import type { ReviewText } from '../../ui/review-text.js';
import { safeLine } from '../../ui/terminal-text.js';
import type { CommandContext } from '../../app/ports.js';
import type { ReviewFlags } from './flags.js';

export async function runReview(ctx: CommandContext, flags: ReviewFlags): Promise<Outcome> {
  const report = await reviewBranch(ctx, {
    base: flags.base,
    ...(flags.actor !== undefined ? { actor: flags.actor } : {}),
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
      ctx.output.info(reviewSummary(report, ctx.lang));
      break;
    default:
      ctx.output.print(renderReviewText(report, ctx.lang, ctx.output.color ? ansiStyle : plainStyle));
  }
  return report.blocking ? 'review-blocked' : 'done';
}

/**
 * The JSON of `review --json` / `--format json`:
 *
 * ```
 * { base: { ref, commit, mergeBase }, head: { commit },
 *   trust: { mode: 'forge'|'local', actor?, approvals? },      // approvals without the actor
 *   ideas: [{ id, title, path, previousPath?, change: 'added'|'changed'|'deleted',
 *             changes: [IdeaChange…], authors: [{ name, email }] }],
 *   problems: [{ file, line?, field?, code, params?, message, hint? }],      // as validate --json, plus stray-file
 *   duplicates: [{ id, title, path, change: 'added'|'changed',
 *                  candidate: { id, title, municipality, status, path, isNew, score?, confidence? },
 *                  decision: 'undecided'|'not-duplicate',
 *                  declared?: { by, date?, source: 'history'|'git' },
 *                  approval?: { needed, approvers: [..], approvedBy: [..] }, blocking, message }],
 *   rules: [{ rule: 'never-delete', id, path, ok: false, blocking: true, message }
 *         | { rule: 'history-append-only', id, path, entries, ok: false, blocking: true, message }
 *         | { rule: 'workflow-move', id, path, from, to, ok: false, blocking: true, reason: 'transition'|'assessment', allowed: [..], message }
 *         | { rule: 'coordinator-move', id, path, from, to, ok, blocking, madeBy: [..], actor?,
 *             confirmedBy?: { who, how: 'actor'|'approval'|'git-author' }, allowed: [..], mode, message }],
 *   reviewersNeeded: [{ id, path, municipality, reviewers, approvedBy, status: 'approved'|'missing'|'unchecked'|'no-reviewers', blocking }],
 *   configChanged: boolean, blocking: boolean }
 * ```
 *
 * IdeaChange (`kind`): added {municipality, category, problem}, deleted,
 * moved {from, to, date?, by?, authors?}, joined {municipality, role, share?},
 * left {municipality, role}, participant-changed {municipality, role?: {from, to}, share?: {from, to}},
 * link-added / link-removed {link: 'duplicate_of'|'related'|'not_duplicates', target},
 * assessment-added / assessment-changed {by, date}, assessment-removed,
 * history-rewritten {entries}, edited {field, from?, to?} (field: a front-matter key, `text.<section>`, `text` or `path`).
 */
export function reviewJson(report: ReviewReport, lang: Lang): unknown {
  const text = reviewText(lang);
  return {
    base: report.base,
    head: report.head,
    trust: report.trust,
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
    duplicates: report.duplicates.map((d) => {
      const { pair, status } = describeDuplicate(text, report.config, lang, d);
      return { ...d, message: `${pair}: ${status}` };
    }),
    rules: report.rules.map((rule) => ({ ...rule, message: describeRule(text, report.config, rule) })),
    reviewersNeeded: report.reviewersNeeded,
    configChanged: report.configChanged,
    blocking: report.blocking,
  };
}

function blockingCount(report: ReviewReport): number {
  return (
    report.problems.length +
    report.rules.filter((r) => r.blocking).length +
    report.reviewersNeeded.filter((r) => r.blocking).length +
    report.duplicates.filter((d) => d.blocking).length
  );
}

export function reviewSummary(report: ReviewReport, lang: Lang): string {
  const text = reviewText(lang);
  return report.blocking ? text.blocking(blockingCount(report)) : text.ok;
}

function trustLine(text: ReviewText, report: ReviewReport): string {
  return report.trust.mode === 'forge' ? text.trustForge(report.trust.actor ?? text.noActor) : text.trustLocal;
}

/** The changes listed under an idea: the header already says it was deleted. */
function listedChanges(changes: readonly IdeaChange[]): IdeaChange[] {
  return changes.filter((c) => c.kind !== 'deleted');
}

export function renderReviewText(report: ReviewReport, lang: Lang, style: Style = plainStyle): string {
  const text = reviewText(lang);
  const config = report.config;
  const out: string[] = [style.bold(text.heading(safeLine(report.base.ref), report.base.mergeBase, report.head.commit)), style.dim(safeLine(trustLine(text, report)))];
  if (report.configChanged) out.push(style.warn(text.configChanged));
  out.push('');
  if (report.ideas.length === 0) out.push(text.noChanges);
  else {
    out.push(style.bold(text.ideasHeading(report.ideas.length)));
    for (const idea of report.ideas) {
      const mark = idea.change === 'added' ? '+' : idea.change === 'deleted' ? '-' : '~';
      out.push(`  ${mark} ${style.bold(safeLine(idea.id))} ${safeLine(idea.title)} ${style.dim(`[${text.change[idea.change]}] ${safeLine(idea.path)}`)}`);
      for (const change of listedChanges(idea.changes)) out.push(`      ${safeLine(describeChange(text, config, change))}`);
    }
  }
  if (report.problems.length > 0) {
    out.push('', style.bold(text.problemsHeading(report.problems.length)));
    for (const problem of report.problems) out.push(`  ${safeLine(formatProblem(lang, problem))}`);
  }
  if (report.duplicates.length > 0) {
    out.push('', style.warn(style.bold(text.duplicatesHeading(report.duplicates.length))));
    for (const d of report.duplicates) {
      const { pair, status } = describeDuplicate(text, config, lang, d);
      out.push(`  ${d.blocking ? style.warn('✗') : '·'} ${safeLine(pair)}`, `      ${safeLine(status)}`);
    }
    out.push(`  ${style.dim(text.duplicateHint)}`);
  }
  if (report.rules.length > 0) {
    out.push('', style.bold(text.rulesHeading));
    for (const rule of report.rules) out.push(`  ${rule.ok ? '✓' : style.warn('✗')} ${safeLine(describeRule(text, config, rule))}`);
  }
  if (report.reviewersNeeded.length > 0) {
    out.push('', style.bold(text.reviewersHeading));
    for (const need of report.reviewersNeeded) {
      const line = text.reviewerLine(need.id, displayName(config.municipalities, need.municipality), need.reviewers.join(', ') || text.none, describeReviewerStatus(text, need));
      out.push(`  ${need.blocking ? style.warn('✗') : need.status === 'approved' ? '✓' : '·'} ${safeLine(line)}`);
    }
  }
  out.push('', report.blocking ? style.warn(style.bold(text.blocking(blockingCount(report)))) : text.ok);
  return out.join('\n');
}

/** Text from the files (titles, names) cannot break the table, start a mention, inject markup or act on a terminal. */
function md(value: string): string {
  return safeLine(value.replace(/\r?\n/g, ' ')).replace(/([\\`*_{}[\]<>|#@!~])/g, '\\$1');
}

export function renderReviewMarkdown(report: ReviewReport, lang: Lang): string {
  const text = reviewText(lang);
  const config = report.config;
  const out: string[] = [
    `## ${report.blocking ? '❌' : '✅'} sluss review: ${md(reviewSummary(report, lang))}`,
    '',
    md(text.heading(report.base.ref, report.base.mergeBase, report.head.commit)),
    '',
    `_${md(trustLine(text, report))}_`,
  ];
  if (report.configChanged) out.push('', `> ${md(text.configChanged)}`);
  out.push('');
  if (report.ideas.length === 0) out.push(md(text.noChanges));
  else {
    out.push(`| ${text.columns.id} | ${text.columns.title} | ${text.columns.change} | ${text.columns.what} |`, '|---|---|---|---|');
    for (const idea of report.ideas) {
      const what = listedChanges(idea.changes).map((c) => md(describeChange(text, config, c)));
      out.push(`| \`${md(idea.id)}\` | ${md(idea.title)} | ${text.change[idea.change]} | ${what.join('<br>') || text.none} |`);
    }
  }
  if (report.problems.length > 0) {
    out.push('', `### ${text.problemsHeading(report.problems.length).replace(/:$/, '')}`, '');
    for (const problem of report.problems) {
      const { message, hint } = explainProblem(lang, problem);
      out.push(`- \`${md(problem.file)}${problem.line ? `:${problem.line}` : ''}\`${problem.field ? ` \`${md(problem.field)}\`` : ''}: ${md(message)}${hint ? ` – ${md(hint)}` : ''}`);
    }
  }
  if (report.duplicates.length > 0) {
    out.push('', `### ${text.duplicatesHeading(report.duplicates.length).replace(/:$/, '')}`, '');
    for (const d of report.duplicates) {
      const { pair, status } = describeDuplicate(text, config, lang, d);
      const mark = d.blocking ? '❌' : d.decision === 'not-duplicate' ? '✅' : '⚠️';
      out.push(`- ${mark} ${md(pair)}: ${md(status)}`);
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
      out.push(`| \`${md(need.id)}\` | ${md(displayName(config.municipalities, need.municipality))} | ${reviewers} | ${mark} ${md(describeReviewerStatus(text, need))} |`);
    }
  }
  return out.join('\n');
}

const escapeData = (s: string) => safeLine(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** A GitHub Actions workflow command, escaped as in `validate --format github`; GitHub's log would run an ESC sequence, so none passes. */
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
    const line = rule.rule === 'never-delete' ? undefined : report.lineOf(rule.path, [rule.rule === 'history-append-only' ? 'history' : 'status']);
    lines.push(annotation('error', rule.path, line, rule.rule, describeRule(text, config, rule)));
  }
  for (const d of report.duplicates) {
    const { pair, status } = describeDuplicate(text, config, lang, d);
    const field = d.decision === 'not-duplicate' ? ['links', 'not_duplicates'] : ['title'];
    lines.push(annotation(d.blocking ? 'error' : 'warning', d.path, report.lineOf(d.path, field), 'duplicate', `${pair}: ${status}. ${text.duplicateHint}`));
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
