/**
 * `sluss report`: loads the register (the working tree, or a commit with
 * --at), settles the options (the reference date is always explicit) and
 * builds the report. Writing a report file is here too: atomically, a temp
 * file beside the target and a rename.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { readTreeAt } from '../adapters/git/git-tree.js';
import type { CommandContext } from '../cli/ports.js';
import { resolveCategory, resolveMunicipality } from '../core/config.js';
import type { RegisterConfig } from '../core/config.js';
import { SlussError } from '../core/errors.js';
import { parseConfig } from '../core/format/config-file.js';
import type { Idea } from '../core/idea.js';
import { buildReport } from '../core/report/build.js';
import type { Report, ReportSource } from '../core/report/model.js';
import { INTERVALS, isIsoDate, resolveWindow } from '../core/report/periods.js';
import type { Interval } from '../core/report/periods.js';
import { checkIdeaFile } from '../core/validation.js';
import { loadIdeas, openRegister } from './register.js';

export interface ReportRequest {
  period?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  municipality?: readonly string[] | undefined;
  category?: readonly string[] | undefined;
  staleDays?: number | string | undefined;
  interval?: string | undefined;
  /** A git ref: report on the register as it was at that commit. */
  at?: string | undefined;
  /** YYYY-MM-DD; default: the commit date with --at, else today from the context's clock. */
  asOf?: string | undefined;
  includePersonal?: boolean | undefined;
}

export interface MadeReport {
  report: Report;
  config: RegisterConfig;
  root: string;
}

export const DEFAULT_STALE_DAYS = 90;

function parseStaleDays(value: number | string | undefined): number {
  if (value === undefined) return DEFAULT_STALE_DAYS;
  const text = String(value).trim();
  if (!/^\d{1,6}$/.test(text)) throw new SlussError('usage', { option: '--stale-days', value: text });
  return Number(text);
}

function parseInterval(value: string | undefined): Interval {
  if (value === undefined) return 'month';
  if (!(INTERVALS as readonly string[]).includes(value)) throw new SlussError('usage', { option: '--interval', value, known: [...INTERVALS] });
  return value as Interval;
}

export async function makeReport(ctx: CommandContext, request: ReportRequest): Promise<MadeReport> {
  // Options first, so a typo fails before anything is read.
  const window = resolveWindow(request);
  const staleDays = parseStaleDays(request.staleDays);
  const interval = parseInterval(request.interval);
  if (request.asOf !== undefined && !isIsoDate(request.asOf)) throw new SlussError('usage', { option: '--as-of', value: request.asOf, known: ['YYYY-MM-DD'] });

  const register = await openRegister(ctx);
  let config = register.config;
  let ideas: Idea[];
  let skipped: number;
  let source: ReportSource = { kind: 'working-tree' };
  let asOf: string;
  if (request.at !== undefined) {
    const tree = await readTreeAt(register.root, request.at, ctx.env);
    if (tree.configText !== undefined) config = parseConfig(tree.configText);
    const checked = tree.ideaFiles.map((entry) => checkIdeaFile(config, entry));
    ideas = checked.flatMap((c) => (c.idea ? [c.idea] : []));
    skipped = checked.length - ideas.length;
    source = { kind: 'commit', ref: request.at, commit: tree.commit, commitDate: tree.commitDate };
    asOf = request.asOf ?? tree.commitDate;
  } else {
    const loaded = await loadIdeas(register, undefined, { wholeRegister: true });
    ideas = loaded.ideas;
    skipped = loaded.unreadable;
    asOf = request.asOf ?? ctx.clock.today();
  }
  const municipalities = [...new Set((request.municipality ?? []).map((m) => resolveMunicipality(config, m).code))];
  const categories = [...new Set((request.category ?? []).map((c) => resolveCategory(config, c).code))];
  const report = buildReport(
    config,
    ideas,
    { asOf, window, municipalities, categories, staleDays, interval, includePersonal: request.includePersonal ?? false },
    source,
    skipped,
  );
  return { report, config, root: register.root };
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** Writes a file in one step: a temp file in the same folder, flushed, then renamed over the target. */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const target = resolve(path);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new SlussError('write-failed', { file: path, detail: errorCode(error) ?? String(error) }, { cause: error });
  }
}

/** True when `path` names a folder: it ends with a slash or is an existing directory. */
export async function isDirectoryTarget(path: string): Promise<boolean> {
  if (/[\\/]$/.test(path)) return true;
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Writes several files into a folder (created when missing), each atomically. */
export async function writeFilesAtomic(dir: string, files: readonly { name: string; content: string | Uint8Array }[]): Promise<string[]> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new SlussError('write-failed', { file: dir, detail: errorCode(error) ?? String(error) }, { cause: error });
  }
  const written: string[] = [];
  for (const file of files) {
    const path = join(dir, file.name);
    await writeFileAtomic(path, file.content);
    written.push(path);
  }
  return written;
}
