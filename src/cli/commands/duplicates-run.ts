import { scanRegister } from '../../app/duplicates.js';
import type { DuplicateScan } from '../../app/duplicates.js';
import { displayName } from '../../core/config.js';
import { confidenceBand, type DuplicatePair } from '../../core/duplicates.js';
import type { Idea } from '../../core/idea.js';
import { describeMatch, describeReasons } from '../../ui/render.js';
import { safeLine } from '../../ui/terminal-text.js';
import { ui, type UiText } from '../../ui/text.js';
import type { CommandContext } from '../../app/ports.js';
import type { DuplicatesFlags } from './flags.js';
import type { Outcome } from '../exit-codes.js';

export async function runDuplicates(ctx: CommandContext, flags: DuplicatesFlags): Promise<Outcome> {
  const scan = await scanRegister(ctx, { since: flags.since });
  if (flags.format === 'json') ctx.output.json(toJson(scan));
  else ctx.output.print(flags.format === 'markdown' ? toMarkdown(ctx, scan) : toText(ctx, scan));
  return flags.failOnFound && scan.pairs.length > 0 ? 'duplicates-found' : 'done';
}

const side = (idea: Idea) => ({ id: idea.data.id, title: idea.data.title, municipality: idea.data.municipality, status: idea.data.status, path: idea.path });

function toJson(scan: DuplicateScan) {
  return {
    checked: scan.checked,
    pairs: scan.pairs.map((pair) => ({ a: side(pair.a), b: side(pair.b), score: pair.score, confidence: pair.confidence, reasons: pair.reasons })),
    groups: scan.groups,
  };
}

function describe(scan: DuplicateScan, idea: Idea): string {
  const config = scan.register.config;
  return safeLine(`${idea.data.id} ${idea.data.title} (${displayName(config.municipalities, idea.data.municipality)}, ${displayName(config.stages, idea.data.status)})`);
}

function pairsOf(scan: DuplicateScan, group: readonly string[]): DuplicatePair[] {
  return scan.pairs.filter((pair) => group.includes(pair.a.data.id));
}

/** The ideas of a group, each once, in the group's order (by id). */
function ideasOf(scan: DuplicateScan, group: readonly string[]): Idea[] {
  const byId = new Map<string, Idea>();
  for (const pair of pairsOf(scan, group)) for (const idea of [pair.a, pair.b]) byId.set(idea.data.id, idea);
  return group.flatMap((id) => byId.get(id) ?? []);
}

/** A pair's label in words and the numbers behind it: "trolig dubblett – mycket lik · poäng 0,95 · säkerhet 0,97". */
function judged(text: UiText, pair: DuplicatePair): string {
  return `${text.bands[confidenceBand({ confidence: pair.confidence, likelyDuplicate: true })]} · ${describeMatch(text, pair)}`;
}

const ideaCount = (scan: DuplicateScan) => scan.groups.reduce((sum, group) => sum + group.length, 0);

function toText(ctx: CommandContext, scan: DuplicateScan): string {
  const text = ui(ctx.lang);
  if (scan.pairs.length === 0) return text.duplicatesNone;
  const lines = [text.duplicatesFound(ideaCount(scan), scan.groups.length)];
  scan.groups.forEach((group, index) => {
    lines.push('', text.duplicatesGroup(index + 1, group.length));
    for (const idea of ideasOf(scan, group)) lines.push(`  ${describe(scan, idea)}`);
    for (const pair of pairsOf(scan, group)) {
      lines.push(`    ${pair.a.data.id} ~ ${pair.b.data.id}: ${judged(text, pair)} · ${text.matchedOn}: ${describeReasons(text, pair)}`);
    }
  });
  lines.push('', text.duplicatesHint);
  return lines.join('\n');
}

function toMarkdown(ctx: CommandContext, scan: DuplicateScan): string {
  const text = ui(ctx.lang);
  const cell = (value: string) => value.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  if (scan.pairs.length === 0) return `### ${text.duplicatesNone}`;
  const lines = [`### ${text.duplicatesFound(ideaCount(scan), scan.groups.length)}`, ''];
  scan.groups.forEach((group, index) => {
    lines.push(`**${text.duplicatesGroup(index + 1, group.length)}**`, '');
    for (const idea of ideasOf(scan, group)) lines.push(`- ${cell(describe(scan, idea))}`);
    lines.push('', `| A | B | ${text.confidence} | ${text.matchedOn} |`, '|---|---|---|---|');
    for (const pair of pairsOf(scan, group)) {
      lines.push(`| ${pair.a.data.id} | ${pair.b.data.id} | ${cell(judged(text, pair))} | ${cell(describeReasons(text, pair))} |`);
    }
    lines.push('');
  });
  lines.push(text.duplicatesHint);
  return lines.join('\n');
}
