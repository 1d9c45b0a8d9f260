/**
 * Checks of idea files, one by one and across the register. Pure: the store
 * hands in file texts, this module says what is wrong with them.
 */
import { findCategory, findMunicipality, findStage } from './config.js';
import type { RegisterConfig } from './config.js';
import { lineOfField, MAX_IDEA_FILE_BYTES, parseIdeaFile, readIdeaFileFast } from './format/idea-file.js';
import type { ParsedIdeaFile } from './format/idea-file.js';
import { validateIdeaSchema } from './format/schema.js';
import type { Idea, IdeaData, IdeaLinks } from './idea.js';
import type { Problem, ProblemCode } from './problems.js';
import { fieldPath } from './problems.js';
import { idFromFileName } from './ids.js';
import { findPersonalData } from './personal-data.js';
import { followDuplicates } from './links.js';
import { foldCase } from './text.js';
import { controlCharacterProblems } from './unsafe-text.js';

/** An idea file as the store found it: its text, or why it could not be read. */
export type IdeaFileEntry = { path: string; text: string } | { path: string; readProblem: ProblemCode };

/**
 * An idea file read from git (a commit's tree, a branch under review) as the
 * register store reads one from disk: a link, a missing object, a file too
 * large, a NUL anywhere (no text file has one, not only in the first 8 KB) or
 * bytes that are not UTF-8 become problems. `mode` is git's (120000: a link).
 */
export function ideaFileEntryOfBytes(path: string, mode: string | undefined, bytes: Uint8Array | undefined): IdeaFileEntry {
  if (mode === '120000') return { path, readProblem: 'symlink' };
  if (!bytes) return { path, readProblem: 'unreadable' };
  if (bytes.length > MAX_IDEA_FILE_BYTES) return { path, readProblem: 'too-large' };
  if (bytes.includes(0)) return { path, readProblem: 'binary' };
  try {
    return { path, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { path, readProblem: 'not-utf8' };
  }
}

export interface CheckedIdeaFile {
  path: string;
  /** Present when the file parsed and passed the schema. */
  idea?: Idea;
  /** The idea's Markdown body, when `idea` is present. */
  body?: string;
  /** The YAML document, when the file needed the full parser or `keepDocument` asked for it. */
  parsed?: ParsedIdeaFile;
  problems: Problem[];
}

/**
 * At most this many schema or personal-data problems are reported per file.
 * Finding the line of each is a walk through the YAML, so 80,000 unknown
 * fields would otherwise take minutes; the first ones are enough to act on.
 */
export const MAX_PROBLEMS_PER_CHECK = 50;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export interface CheckOptions {
  /** Always build the YAML document, for callers that need line numbers or an edit that keeps comments. */
  keepDocument?: boolean;
  /**
   * Problems without line numbers will do (showing an idea, not reporting on
   * it): a file the fast reader reads whose only problems are of the
   * register's rules is not parsed again for lines, which would load the YAML
   * library (~40 ms) to show one candidate of `similar`.
   */
  withoutLines?: boolean;
}

/** Parses one file and checks it against the schema and the register's configuration. */
export function checkIdeaFile(config: RegisterConfig, entry: IdeaFileEntry, options: CheckOptions = {}): CheckedIdeaFile {
  const file = entry.path;
  if ('readProblem' in entry) return { path: file, problems: [{ file, code: entry.readProblem }] };
  if (!options.keepDocument) {
    // Files in the form sluss writes are read without a YAML document; any
    // problem sends the file through the full parser, whose lines the report needs.
    const fast = readIdeaFileFast(entry.text);
    const problems = fast ? dataProblems(config, file, fast.data, fast.body, (path) => ({ file, field: fieldPath(path) })) : [];
    if (fast && (problems.length === 0 || (options.withoutLines && !problems.some((p) => p.code === 'schema')))) {
      return { path: file, problems, idea: { data: fast.data as IdeaData, path: file }, body: fast.body };
    }
  }
  const result = parseIdeaFile(entry.text);
  if (!result.ok) {
    return { path: file, problems: result.problems.map((p) => ({ file, line: p.line, code: p.kind, params: { detail: p.detail } })) };
  }
  const parsed = result.file;
  const problems: Problem[] = parsed.problems.map((p) => ({ file, line: p.line, code: p.kind, params: { detail: p.detail } }));
  problems.push(...dataProblems(config, file, parsed.data, parsed.body, (path) => ({ file, line: lineOfField(parsed, path), field: fieldPath(path) })));
  if (problems.some((p) => p.code === 'schema')) return { path: file, parsed, problems };
  return { path: file, parsed, problems, idea: { data: parsed.data as IdeaData, path: file }, body: parsed.body };
}

type Locate = (path: (string | number)[]) => Omit<Problem, 'code'>;

/**
 * What is wrong with an idea's data and body: the schema, then the register's
 * configuration. Every check runs even when the schema found problems (each
 * looks only at fields of the right type), so one run reports everything.
 */
function dataProblems(config: RegisterConfig, file: string, value: unknown, body: string, at: Locate): Problem[] {
  const problems: Problem[] = [];
  for (const schemaProblem of validateIdeaSchema(value).slice(0, MAX_PROBLEMS_PER_CHECK)) {
    problems.push({ ...at(schemaProblem.path), code: 'schema', params: { keyword: schemaProblem.keyword, ...schemaProblem.params } });
  }
  const claimedId = idFromFileName(baseName(file));
  if (claimedId === undefined) problems.push({ file, code: 'file-name' });
  if (!isRecord(value)) return problems;
  const data = value as Loose<IdeaData>;
  if (claimedId !== undefined && typeof data.id === 'string' && claimedId !== data.id) {
    problems.push({ ...at(['id']), code: 'id-mismatch', params: { id: data.id, fileId: claimedId } });
  }
  problems.push(...stageProblems(config, data, at), ...participantProblems(config, data, at));
  if (typeof data.category === 'string' && !findCategory(config, data.category)) problems.push({ ...at(['category']), code: 'unknown-category', params: { value: data.category } });
  const links = isRecord(data.links) ? (data.links as Loose<IdeaLinks>) : {};
  const linked = [links.duplicate_of, ...(Array.isArray(links.related) ? links.related : []), ...(Array.isArray(links.not_duplicates) ? links.not_duplicates : [])];
  if (typeof data.id === 'string' && linked.includes(data.id)) problems.push({ ...at(['links']), code: 'self-link', params: { id: data.id } });
  if (!(isRecord(data.submitter) && isRecord(data.submitter['consent']))) problems.push(...personalDataProblems(data, body, at));
  problems.push(...controlCharacterProblems(data, body, at));
  return problems;
}

/** A value read from a file that may not have the type it should: every field is checked before use. */
type Loose<T> = { [K in keyof T]?: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function records(value: unknown): [Record<string, unknown>, number][] {
  return Array.isArray(value) ? value.flatMap((item, index) => (isRecord(item) ? [[item, index] as [Record<string, unknown>, number]] : [])) : [];
}

/** Known stages in `status` and the history, the history in date order, and a duplicate that names its survivor. */
function stageProblems(config: RegisterConfig, data: Loose<IdeaData>, at: Locate): Problem[] {
  const problems: Problem[] = [];
  const stage = typeof data.status === 'string' ? findStage(config, data.status) : undefined;
  if (typeof data.status === 'string' && !stage) problems.push({ ...at(['status']), code: 'unknown-stage', params: { value: data.status } });
  const links = isRecord(data.links) ? data.links : {};
  if (stage?.kind === 'duplicate' && typeof links['duplicate_of'] !== 'string') problems.push({ ...at(['status']), code: 'duplicate-without-target', params: { value: stage.name } });
  // A survivor named from a live stage: every list would show the duplicate as alive (a hand edit; `link --duplicate-of` moves the stage too).
  const duplicateStage = config.stages.find((s) => s.kind === 'duplicate');
  if (stage && stage.kind !== 'duplicate' && duplicateStage && typeof links['duplicate_of'] === 'string') {
    problems.push({ ...at(['links', 'duplicate_of']), code: 'duplicate-link-without-stage', params: { value: stage.name, stage: duplicateStage.name, code: duplicateStage.code, id: links['duplicate_of'] } });
  }
  let previousDate: unknown;
  for (const [entry, index] of records(data.history)) {
    for (const key of ['status', 'from'] as const) {
      const value = entry[key];
      if (typeof value === 'string' && !findStage(config, value)) problems.push({ ...at(['history', index, key]), code: 'unknown-stage', params: { value } });
    }
    const municipality = entry['municipality'];
    if (typeof municipality === 'string' && !findMunicipality(config, municipality)) {
      problems.push({ ...at(['history', index, 'municipality']), code: 'unknown-municipality', params: { value: municipality } });
    }
    if (typeof previousDate === 'string' && typeof entry['date'] === 'string' && previousDate > entry['date']) {
      problems.push({ ...at(['history', index, 'date']), code: 'history-order', params: { value: entry['date'] } });
    }
    previousDate = entry['date'];
  }
  return problems;
}

/** Known municipalities, each once, exactly one owner (the origin), and cost shares of at most 100 %. */
function participantProblems(config: RegisterConfig, data: Loose<IdeaData>, at: Locate): Problem[] {
  const problems: Problem[] = [];
  const origin = typeof data.municipality === 'string' ? data.municipality : undefined;
  if (origin !== undefined && !findMunicipality(config, origin)) problems.push({ ...at(['municipality']), code: 'unknown-municipality', params: { value: origin } });
  const participants = records(data.municipalities);
  const seen = new Set<string>();
  let owners = 0;
  let shares = 0;
  for (const [participant, index] of participants) {
    const input = participant['municipality'];
    if (typeof input === 'string') {
      const code = findMunicipality(config, input)?.code;
      if (!code) problems.push({ ...at(['municipalities', index, 'municipality']), code: 'unknown-municipality', params: { value: input } });
      if (seen.has(code ?? input)) problems.push({ ...at(['municipalities', index, 'municipality']), code: 'participant-repeated', params: { value: input } });
      seen.add(code ?? input);
    }
    if (participant['role'] === 'owner') owners += 1;
    if (typeof participant['share'] === 'number') shares += participant['share'];
  }
  if (participants.length > 0 && owners !== 1) problems.push({ ...at(['municipalities']), code: 'owner-count', params: { count: owners } });
  if (shares > 100) problems.push({ ...at(['municipalities']), code: 'shares-over-100', params: { value: shares } });
  const originCode = origin === undefined ? undefined : findMunicipality(config, origin)?.code;
  if (originCode && participants.length > 0 && !seen.has(originCode)) problems.push({ ...at(['municipalities']), code: 'owner-not-participant', params: { value: origin } });
  return problems;
}

/** Calls `visit` with every text of an idea; the path array is reused, so a caller keeps a copy. A plain walk: every file `validate` reads goes through it. */
function forEachText(value: unknown, path: (string | number)[], visit: (text: string, path: (string | number)[]) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      path.push(index);
      forEachText(value[index], path, visit);
      path.pop();
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      path.push(key);
      forEachText((value as Record<string, unknown>)[key], path, visit);
      path.pop();
    }
  }
}

function personalDataProblems(data: unknown, body: string, at: Locate): Problem[] {
  const problems: Problem[] = [];
  forEachText(data, [], (text, path) => {
    for (const hit of findPersonalData(text)) {
      if (problems.length < MAX_PROBLEMS_PER_CHECK) problems.push({ ...at([...path]), code: 'personal-data', params: { ...hit } });
    }
  });
  for (const hit of findPersonalData(body).slice(0, Math.max(0, MAX_PROBLEMS_PER_CHECK - problems.length))) {
    problems.push({ file: at([]).file, field: 'body', code: 'personal-data', params: { ...hit } });
  }
  return problems;
}

/**
 * Checks across files: unique ids, file names that would clash on a
 * case-insensitive or Unicode-normalising file system, and links to ideas
 * that do not exist. `all` is the whole register; problems are reported for
 * the files in `subject` only (all of them when omitted).
 */
export function checkAcrossFiles(all: readonly CheckedIdeaFile[], subject: ReadonlySet<string> = new Set(all.map((f) => f.path))): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map<string, string[]>();
  const byFoldedName = new Map<string, string[]>();
  for (const checked of all) {
    const id = checked.idea?.data.id;
    if (id) byId.set(id, [...(byId.get(id) ?? []), checked.path]);
    const folded = foldCase(checked.path);
    byFoldedName.set(folded, [...(byFoldedName.get(folded) ?? []), checked.path]);
  }
  for (const checked of all) {
    if (!subject.has(checked.path)) continue;
    const file = checked.path;
    const parsed = checked.parsed;
    const at = (path: (string | number)[]) => ({ file, line: parsed ? lineOfField(parsed, path) : undefined, field: fieldPath(path) });
    const id = checked.idea?.data.id;
    const sameId = id ? (byId.get(id) ?? []).filter((p) => p !== file) : [];
    if (id && sameId.length > 0) problems.push({ ...at(['id']), code: 'duplicate-id', params: { id, others: sameId } });
    const clashes = (byFoldedName.get(foldCase(file)) ?? []).filter((p) => p !== file);
    if (clashes.length > 0) problems.push({ file, code: 'file-name-clash', params: { others: clashes } });
    const links = checked.idea?.data.links;
    if (links?.duplicate_of && !byId.has(links.duplicate_of)) {
      problems.push({ ...at(['links', 'duplicate_of']), code: 'broken-link', params: { id: links.duplicate_of } });
    }
    links?.related?.forEach((related, index) => {
      if (!byId.has(related)) problems.push({ ...at(['links', 'related', index]), code: 'broken-link', params: { id: related } });
    });
  }
  return problems;
}

/**
 * `duplicate_of` chains that reach no live idea: a circle (A → B → A), a
 * duplicate that points nowhere, or an idea further on that does not exist
 * (a missing direct target is a broken link, reported by checkAcrossFiles).
 */
export function checkDuplicateChains(config: RegisterConfig, all: readonly CheckedIdeaFile[], subject: ReadonlySet<string> = new Set(all.map((f) => f.path))): Problem[] {
  const byId = new Map<string, IdeaData>();
  for (const checked of all) if (checked.idea) byId.set(checked.idea.data.id, checked.idea.data);
  const problems: Problem[] = [];
  for (const checked of all) {
    const data = checked.idea?.data;
    if (!data?.links?.duplicate_of || !subject.has(checked.path)) continue;
    const end = followDuplicates(config, data.id, (id) => byId.get(id));
    if (end.kind === 'live' || (end.kind === 'missing' && end.chain.length <= 2)) continue;
    const parsed = checked.parsed;
    const field = ['links', 'duplicate_of'];
    problems.push({ file: checked.path, line: parsed ? lineOfField(parsed, field) : undefined, field: fieldPath(field), code: 'duplicate-chain', params: { chain: end.chain, kind: end.kind } });
  }
  return problems;
}
