/**
 * The only module that talks to the YAML parser. Front matter is read with the
 * YAML 1.2 core schema (so `no` stays a string and `2026-11-27` stays text),
 * aliases are refused, and strings are written quoted whenever a YAML 1.1
 * reader such as PyYAML would take them for something else.
 */
import type { Document, LineCounter, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { yamlLibrary as yaml } from './yaml-library.js';

const isMap = (node: unknown): node is YAMLMap => yaml().isMap(node);
const isSeq = (node: unknown): node is YAMLSeq => yaml().isSeq(node);
const isScalar = (node: unknown): node is import('yaml').Scalar => yaml().isScalar(node);

export interface YamlProblem {
  kind: 'yaml-syntax' | 'yaml-alias' | 'yaml-duplicate-key' | 'yaml-not-a-map';
  line: number;
  detail: string;
}

export interface ParsedYaml {
  document: Document;
  lineCounter: LineCounter;
}

const PARSE_OPTIONS = {
  schema: 'core',
  version: '1.2',
  // The parser's own duplicate check compares every key with every other one
  // (50,000 keys took 90 s); structureProblems below does it in one pass.
  uniqueKeys: false,
  prettyErrors: false,
  strict: true,
  // Warnings (unknown tags) become problems below; the library must not also print them.
  logLevel: 'error',
} as const;

/** Parses YAML text into a document; returns problems instead of throwing. */
export function parseYaml(text: string, firstLine = 1): { parsed?: ParsedYaml; problems: YamlProblem[] } {
  const { LineCounter, parseDocument, visit } = yaml();
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { ...PARSE_OPTIONS, lineCounter, keepSourceTokens: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? firstLine : lineCounter.linePos(offset).line + firstLine - 1);
  const problems: YamlProblem[] = [];
  const reported = new Set<string>();
  for (const error of document.errors) {
    // A stack overflow in deep nesting is reported once per level; once is enough.
    const key = `${lineOf(error.pos[0])}:${error.message.split('\n')[0]}`;
    if (reported.has(key)) continue;
    reported.add(key);
    problems.push({
      kind: error.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax',
      line: lineOf(error.pos[0]),
      detail: error.message.split('\n')[0] ?? error.code,
    });
  }
  // Warnings are things the parser guessed around, such as an unknown tag
  // (`!!js/function`, `!!binary`): the value would silently become text, so refuse it.
  for (const warning of document.warnings) {
    problems.push({ kind: 'yaml-syntax', line: lineOf(warning.pos[0]), detail: warning.message.split('\n')[0] ?? warning.code });
  }
  if (problems.length > 0) return { problems };
  problems.push(...structureProblems(document, lineOf));
  if (problems.length > 0) return { problems };
  let aliasLine: number | undefined;
  visit(document, {
    Alias(_, node) {
      aliasLine = lineOf(node.range?.[0]);
      return visit.BREAK;
    },
  });
  if (aliasLine !== undefined) {
    return { problems: [{ kind: 'yaml-alias', line: aliasLine, detail: 'alias' }] };
  }
  if (!isMap(document.contents)) {
    return { problems: [{ kind: 'yaml-not-a-map', line: firstLine, detail: 'front matter is not a mapping' }] };
  }
  return { parsed: { document, lineCounter }, problems };
}

/** Tags of the core schema. Others (`!!binary`, `!!timestamp`, `!!set`) would turn text into objects. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => `tag:yaml.org,2002:${name}`));

/**
 * Keys that appear twice in one mapping, keys that are not plain values
 * (`? [a, b]`, which would turn into odd strings) and tags outside the core
 * schema. One pass, with a set per map.
 */
function structureProblems(document: Document, lineOf: (offset: number | undefined) => number): YamlProblem[] {
  const { visit } = yaml();
  const problems: YamlProblem[] = [];
  const checkTag = (node: Node) => {
    if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) problems.push({ kind: 'yaml-syntax', line: lineOf(node.range?.[0]), detail: `unsupported tag ${node.tag}` });
  };
  visit(document, {
    Scalar(_, node) {
      checkTag(node);
    },
    Seq(_, node) {
      checkTag(node);
    },
    Map(_, map) {
      checkTag(map);
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key as Node | null;
        if (key !== null && !isScalar(key)) {
          problems.push({ kind: 'yaml-syntax', line: lineOf(key.range?.[0]), detail: 'a key must be a plain value' });
          continue;
        }
        const value = isScalar(key) ? key.value : key;
        if (seen.has(value)) problems.push({ kind: 'yaml-duplicate-key', line: lineOf(key?.range?.[0]), detail: String(value) });
        seen.add(value);
      }
    },
  });
  return problems;
}

export function toPlainData(document: Document): unknown {
  return document.toJS({ maxAliasCount: 0 });
}

/** The line (1-based, in the YAML text) of the node at a data path, or of its nearest parent. */
export function lineOfPath(parsed: ParsedYaml, path: readonly (string | number)[], firstLine = 1): number | undefined {
  let node: unknown = parsed.document.contents;
  let best: number | undefined;
  const rangeStart = (n: unknown) => (n && typeof n === 'object' && 'range' in n ? (n as Node).range?.[0] : undefined);
  const start = rangeStart(node);
  if (start !== undefined) best = start;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
      if (!pair) break;
      const keyStart = rangeStart(pair.key);
      if (keyStart !== undefined) best = keyStart;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      const itemStart = rangeStart(node);
      if (itemStart !== undefined) best = itemStart;
    } else {
      break;
    }
  }
  return best === undefined ? undefined : parsed.lineCounter.linePos(best).line + firstLine - 1;
}

/**
 * Brings a parsed document in line with new data while touching as little as
 * possible: unchanged nodes keep their comments and formatting, unknown keys
 * stay, changed values are replaced, and map keys follow `keyOrder`.
 */
export function syncDocument(document: Document, data: Record<string, unknown>, keyOrder: KeyOrder): void {
  const contents = document.contents;
  if (!isMap(contents)) {
    document.contents = document.createNode(data) as Node as never;
  } else {
    syncMap(document, contents, data, []);
  }
  orderKeys(document.contents, [], keyOrder);
}

/** Orders map keys: listed keys first in their order, the rest after in their existing order. */
export type KeyOrder = (path: readonly string[]) => readonly string[] | undefined;

export function newDocument(data: Record<string, unknown>, keyOrder: KeyOrder): Document {
  const document = new (yaml().Document)(null, { ...PARSE_OPTIONS });
  document.contents = document.createNode(data) as never;
  orderKeys(document.contents, [], keyOrder);
  return document;
}

export function stringifyYaml(document: Document): string {
  quoteAmbiguousStrings(document);
  return document.toString({
    lineWidth: 0,
    indent: 2,
    indentSeq: true,
    defaultStringType: 'PLAIN',
    defaultKeyType: 'PLAIN',
    blockQuote: 'literal',
  });
}

function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

function syncMap(document: Document, map: YAMLMap, data: Record<string, unknown>, path: string[]): void {
  for (const pair of [...map.items]) {
    const key = keyOf(pair);
    if (typeof key !== 'string' || !(key in data) || data[key] === undefined) map.delete(pair.key);
  }
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    const pair = map.items.find((item) => keyOf(item) === key);
    if (!pair) {
      map.add(document.createPair(key, value));
      continue;
    }
    pair.value = syncValue(document, pair.value, value, [...path, key]);
  }
}

function syncValue(document: Document, node: unknown, value: unknown, path: string[]): unknown {
  if (isPlainObject(value) && isMap(node)) {
    syncMap(document, node, value, path);
    return node;
  }
  if (Array.isArray(value) && isSeq(node)) {
    syncSeq(document, node, value, path);
    return node;
  }
  if (isScalar(node) && !isPlainObject(value) && !Array.isArray(value) && node.value === value) return node;
  return document.createNode(value);
}

function syncSeq(document: Document, seq: YAMLSeq, values: unknown[], path: string[]): void {
  seq.items.length = Math.min(seq.items.length, values.length);
  values.forEach((value, index) => {
    seq.items[index] = index < seq.items.length ? (syncValue(document, seq.items[index], value, path) as never) : (document.createNode(value) as never);
  });
}

function orderKeys(node: unknown, path: string[], keyOrder: KeyOrder): void {
  if (isMap(node)) {
    const order = keyOrder(path);
    if (order) {
      const rank = (pair: Pair) => {
        const index = order.indexOf(String(keyOf(pair)));
        return index === -1 ? order.length : index;
      };
      const ranked = node.items.map((pair, position) => ({ pair, position }));
      ranked.sort((a, b) => rank(a.pair) - rank(b.pair) || a.position - b.position);
      node.items = ranked.map((r) => r.pair);
    }
    for (const pair of node.items) orderKeys(pair.value, [...path, String(keyOf(pair))], keyOrder);
  } else if (isSeq(node)) {
    for (const item of node.items) orderKeys(item, path, keyOrder);
  }
}

/**
 * YAML 1.1 readers turn `2026-11-27` into a date, `no` into false and `0042`
 * into 34. Such strings are written in double quotes so every reader sees text.
 */
function quoteAmbiguousStrings(document: Document): void {
  const { Scalar, visit } = yaml();
  visit(document, {
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'string') return;
      if (node.type !== undefined && node.type !== Scalar.PLAIN) return;
      if (node.value.includes('\n')) return;
      if (readsAsOtherThanString(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
}

const MAYBE_AMBIGUOUS = /^[\s\d.+\-:~_<=]|^(y|yes|n|no|true|false|on|off|null)$/i;

function readsAsOtherThanString(value: string): boolean {
  if (value === '') return true;
  if (!MAYBE_AMBIGUOUS.test(value) || value.length > 64) return false;
  for (const version of ['1.1', '1.2'] as const) {
    try {
      if (yaml().parse(value, { version, logLevel: 'silent' }) !== value) return true;
    } catch {
      return true;
    }
  }
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

