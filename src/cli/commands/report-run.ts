import { resolve } from 'node:path';
import { makeReport } from '../../app/report.js';
import { SlussError } from '../../core/errors.js';
import { ansiStyle, plainStyle } from '../../ui/render.js';
import { renderCsv, renderCsvFiles } from '../../ui/report/render-csv.js';
import { renderHtml } from '../../ui/report/render-html.js';
import { renderMarkdown, renderText } from '../../ui/report/render-text.js';
import { reportDocument } from '../../ui/report/tables.js';
import { reportText } from '../../ui/report/text.js';
import type { CommandContext } from '../../app/ports.js';
import type { ReportFlags, ReportFormat } from './flags.js';

export async function runReport(ctx: CommandContext, flags: ReportFlags): Promise<void> {
  const format: ReportFormat = flags.json ? 'json' : flags.format;
  const t = reportText(ctx.lang);
  const out = flags.out === undefined ? undefined : resolve(ctx.cwd, flags.out);
  if (format === 'xlsx' && out === undefined) throw new SlussError('usage', { detail: `${t.xlsxNeedsOut} ${t.xlsxNeedsOutHint}` });
  const { local } = ctx.adapters;
  const toFolder = out !== undefined && (await local.isDirectoryTarget(flags.out!));
  if (toFolder && format !== 'csv') throw new SlussError('usage', { option: '--out', value: flags.out });

  const { report, config } = await makeReport(ctx, {
    period: flags.period,
    since: flags.since,
    until: flags.until,
    municipality: flags.municipality,
    category: flags.category,
    staleDays: flags.staleDays,
    interval: flags.interval,
    at: flags.at,
    asOf: flags.asOf,
    includePersonal: flags.includePersonal,
  });

  if (format === 'json') {
    if (out === undefined) {
      ctx.output.json(report);
      return;
    }
    await local.writeOutputFile(out, `${JSON.stringify(report, null, 2)}\n`);
  } else {
    const doc = reportDocument(report, config, ctx.lang);
    const excel = Boolean(flags.csvExcel || flags.excel);
    if (format === 'csv' && toFolder) {
      const written = await local.writeOutputFiles(out!, renderCsvFiles(doc, { excel }));
      ctx.output.info(t.wroteFiles(written.length, out!));
      return;
    }
    let content: string | Uint8Array;
    switch (format) {
      case 'text':
        content = renderText(doc, out === undefined && ctx.output.color ? ansiStyle : plainStyle);
        break;
      case 'md':
        content = renderMarkdown(doc);
        break;
      case 'html':
        content = renderHtml(doc);
        break;
      case 'csv':
        content = renderCsv(doc, { excel });
        break;
      case 'xlsx': {
        const { renderXlsx } = await import('../../ui/report/render-xlsx.js');
        content = await renderXlsx(doc, report);
        break;
      }
    }
    if (out === undefined) {
      ctx.output.print(typeof content === 'string' ? content.replace(/\n$/, '') : '');
      return;
    }
    await local.writeOutputFile(out, typeof content === 'string' && !content.endsWith('\n') ? `${content}\n` : content);
  }
  ctx.output.info(t.wrote(out!));
}
