import { scanRegister } from '../../app/duplicates.js';
import type { DuplicateScan } from '../../app/duplicates.js';
import { displayName } from '../../core/config.js';
import type { DuplicatePair } from '../../core/duplicates.js';
import { EXIT } from '../../core/errors.js';
import type { Idea } from '../../core/idea.js';
import { describeReasons } from '../../ui/render.js';
import { safeLine } from '../../ui/terminal-text.js';
import { ui } from '../../ui/text.js';
import type { CommandContext } from '../ports.js';
import type { DuplicatesFlags } from './duplicates.js';

export async function runDuplicates(ctx: CommandContext, flags: DuplicatesFlags): Promise<number> {
  const scan = await scanRegister(ctx, { since: flags.since });
  if (flags.format === 'json') ctx.output.json(toJson(scan));
  else ctx.output.print(flags.format === 'markdown' ? toMarkdown(ctx, scan) : toText(ctx, scan));
  return flags.failOnFound && scan.pairs.length > 0 ? EXIT.duplicateFound : EXIT.ok;
}

const side = (idea: Idea) => ({ id: idea.data.id, title: idea.data.title, municipality: idea.data.municipality, status: idea.data.status, path: idea.path });

function toJson(scan: DuplicateScan) {
  return {
    checked: scan.checked,
    pairs: scan.pairs.map((pair) => ({ a: side(pair.a), b: side(pair.b), score: pair.score, confidence: pair.confidence, reasons: pair.reasons })),
    groups: scan.groups,
  };
}

function describe(ctx: CommandContext, scan: DuplicateScan, idea: Idea): string {
  const config = scan.register.config;
  return safeLine(`${idea.data.id} ${idea.data.title} (${displayName(config.municipalities, idea.data.municipality)}, ${displayName(config.stages, idea.data.status)})`);
}

function pairsOf(scan: DuplicateScan, group: readonly string[]): DuplicatePair[] {
  return scan.pairs.filter((pair) => group.includes(pair.a.data.id));
}

function toText(ctx: CommandContext, scan: DuplicateScan): string {
  const text = ui(ctx.lang);
  if (scan.pairs.length === 0) return text.duplicatesNone;
  const lines = [text.duplicatesFound(scan.pairs.length, scan.groups.length)];
  scan.groups.forEach((group, index) => {
    lines.push('', text.duplicatesGroup(index + 1));
    for (const pair of pairsOf(scan, group)) {
      lines.push(`  ${describe(ctx, scan, pair.a)}`, `  ~ ${describe(ctx, scan, pair.b)}`, `    ${text.score} ${pair.score.toFixed(2)} · ${text.matchedOn}: ${describeReasons(text, pair)}`);
    }
  });
  lines.push('', text.duplicatesHint);
  return lines.join('\n');
}

function toMarkdown(ctx: CommandContext, scan: DuplicateScan): string {
  const text = ui(ctx.lang);
  const cell = (value: string) => value.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  if (scan.pairs.length === 0) return `### ${text.duplicatesNone}`;
  const lines = [`### ${text.duplicatesFound(scan.pairs.length, scan.groups.length)}`, ''];
  scan.groups.forEach((group, index) => {
    lines.push(`**${text.duplicatesGroup(index + 1)}**`, '', `| A | B | ${text.score} | ${text.matchedOn} |`, '|---|---|---|---|');
    for (const pair of pairsOf(scan, group)) {
      lines.push(`| ${cell(describe(ctx, scan, pair.a))} | ${cell(describe(ctx, scan, pair.b))} | ${pair.score.toFixed(2)} | ${cell(describeReasons(text, pair))} |`);
    }
    lines.push('');
  });
  lines.push(text.duplicatesHint);
  return lines.join('\n');
}
