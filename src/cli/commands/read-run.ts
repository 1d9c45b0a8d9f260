import { ideaJson, listIdeas, searchIdeas, showIdea, similarIdeas } from '../../app/read.js';
import type { ReadResult } from '../../app/read.js';
import { displayName } from '../../core/config.js';
import { SlussError } from '../../core/errors.js';
import { contactOf } from '../../core/idea.js';
import { SECTIONS } from '../../core/idea.js';
import { ansiStyle, describeReasons, plainStyle, renderCandidates } from '../../ui/render.js';
import { fitTable } from '../../ui/table.js';
import { assessmentsOf, eventsOf } from '../../core/history.js';
import { describeAssessment, describeEvent } from '../../ui/history-text.js';
import { safeLine, safeText } from '../../ui/terminal-text.js';
import { roleName, ui } from '../../ui/text.js';
import type { CommandContext } from '../../app/ports.js';
import type { ListFlags, SearchFlags, ShowFlags, SimilarFlags } from './flags.js';

function warnSkipped(ctx: CommandContext, result: ReadResult<unknown>): void {
  if (result.skipped > 0) ctx.output.info(ui(ctx.lang).skippedFiles(result.skipped));
}

export async function runSimilar(ctx: CommandContext, query: string, flags: SimilarFlags): Promise<void> {
  const result = await similarIdeas(ctx, query);
  warnSkipped(ctx, result);
  if (flags.json) {
    ctx.output.json({ candidates: result.value });
    return;
  }
  const text = ui(ctx.lang);
  ctx.output.print(result.value.length === 0 ? text.noCandidates : renderCandidates(text, ctx.output.color ? ansiStyle : plainStyle, result.register.config, result.value));
}

export async function runList(ctx: CommandContext, flags: ListFlags): Promise<void> {
  const result = await listIdeas(ctx, flags);
  warnSkipped(ctx, result);
  const { ideas, total } = result.value;
  if (flags.json) {
    ctx.output.jsonArray(ideas, ideaJson);
    return;
  }
  const text = ui(ctx.lang);
  const config = result.register.config;
  if (ideas.length === 0) {
    ctx.output.print(text.noIdeas);
    return;
  }
  const c = text.columns;
  ctx.output.print(
    fitTable(
      [{ header: c.id }, { header: c.created }, { header: c.status }, { header: c.municipality }, { header: c.title, shrink: 1 }],
      ideas.map((idea) => [
        idea.data.id,
        idea.data.created,
        displayName(config.stages, idea.data.status),
        displayName(config.municipalities, idea.data.municipality) + (idea.data.municipalities.length > 1 ? ` +${idea.data.municipalities.length - 1}` : ''),
        idea.data.title,
      ]),
      ctx.output.width,
    ),
  );
  ctx.output.info(text.ideasCount(ideas.length, total));
}

export async function runShow(ctx: CommandContext, id: string, flags: ShowFlags): Promise<void> {
  const result = await showIdea(ctx, id);
  const { idea, sections, incoming } = result.value;
  const config = result.register.config;
  const data = idea.data;
  const events = eventsOf(config, data);
  const assessments = assessmentsOf(config, data);
  if (flags.json) {
    // The history as events: old entries read from their sentences, so every entry has its action.
    ctx.output.json({ ...ideaJson(idea), history: events, assessments, incoming, sections });
    return;
  }
  const text = ui(ctx.lang);
  const l = text.labels;
  const style = ctx.output.color ? ansiStyle : plainStyle;
  const participants = data.municipalities
    .map((p) => `${displayName(config.municipalities, p.municipality)} (${roleName(text, p.role)}${p.share !== undefined ? `, ${l.share} ${p.share} %` : ''})`)
    .join(', ');
  const related = [...new Set([...(data.links?.related ?? []), ...incoming.related])];
  const rows: [string, string | undefined][] = [
    [l.status, displayName(config.stages, data.status)],
    [l.municipality, displayName(config.municipalities, data.municipality)],
    [l.participants, participants],
    [l.category, displayName(config.categories, data.category)],
    [l.tags, data.tags?.join(', ')],
    [l.created, data.created],
    [l.updated, data.updated],
    [l.receivedBy, data.received_by],
    [l.contact, contactOf(data)],
    [l.duplicateOf, data.links?.duplicate_of],
    [l.duplicates, incoming.duplicates.join(', ')],
    [l.related, related.join(', ')],
    [l.notDuplicates, data.links?.not_duplicates?.join(', ')],
    [l.file, idea.path],
  ];
  const shown = rows.filter(([, value]) => value);
  const width = Math.max(...shown.map(([label]) => label.length));
  // Everything from the file is shown with its control characters escaped: a file can hold an ESC sequence.
  const lines = [style.bold(safeLine(`${data.id}  ${data.title}`)), ''];
  for (const [label, value] of shown) lines.push(`${style.dim(label.padEnd(width))}  ${safeLine(value!)}`);
  for (const { key, heading } of SECTIONS) {
    if (sections[key]) lines.push('', style.bold(heading), safeText(sections[key]));
  }
  const current = data.assessment;
  if (current) {
    lines.push('', style.bold(l.assessment), `  ${safeLine(describeAssessment(ctx.lang, config, current))}`);
    if (current.motivation) lines.push(`  ${l.motivation}: ${safeText(current.motivation)}`);
    const earlier = assessments.slice(0, -1);
    if (earlier.length > 0) lines.push(`  ${l.earlierAssessments}:`, ...earlier.map((a) => `    ${safeLine(describeAssessment(ctx.lang, config, a))}${a.motivation ? ` – ${safeText(a.motivation)}` : ''}`));
  }
  lines.push('', style.bold(l.history));
  for (const event of events) {
    lines.push(`  ${safeLine(`${event.date}  ${describeEvent(ctx.lang, config, event)}  (${event.by})`)}${event.note ? ` – ${safeText(event.note)}` : ''}`);
  }
  ctx.output.print(lines.join('\n'));
}

export async function runSearch(ctx: CommandContext, query: string, flags: SearchFlags): Promise<void> {
  if (!Number.isInteger(flags.limit) || flags.limit < 1) throw new SlussError('usage', { option: '--limit', value: String(flags.limit) });
  const result = await searchIdeas(ctx, query, flags.limit);
  warnSkipped(ctx, result);
  if (flags.json) {
    ctx.output.json({
      results: result.value.map((hit) => ({
        id: hit.idea.data.id,
        title: hit.idea.data.title,
        score: hit.score,
        municipality: hit.idea.data.municipality,
        status: hit.idea.data.status,
        reasons: hit.reasons,
        path: hit.idea.path,
      })),
    });
    return;
  }
  const text = ui(ctx.lang);
  if (result.value.length === 0) {
    ctx.output.print(text.searchNone);
    return;
  }
  const config = result.register.config;
  const c = text.columns;
  ctx.output.print(
    fitTable(
      [{ header: c.id }, { header: c.status }, { header: c.municipality }, { header: c.title, shrink: 2 }, { header: c.why, shrink: 1 }],
      result.value.map((hit) => [
        hit.idea.data.id,
        displayName(config.stages, hit.idea.data.status),
        displayName(config.municipalities, hit.idea.data.municipality),
        hit.idea.data.title,
        describeReasons(text, hit),
      ]),
      ctx.output.width,
    ),
  );
}
