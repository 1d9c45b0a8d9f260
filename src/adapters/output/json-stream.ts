/**
 * JSON written to a stream in pieces, exactly as `JSON.stringify(value, null, 2)`
 * would print it: the output adapter behind `Output.json` and `Output.jsonArray`.
 */
const JSON_BATCH_ITEMS = 500;
/** Pieces are gathered into writes of about this many characters. */
const JSON_WRITE_CHARS = 1 << 16;
/** Arrays longer than this are written item by item at any depth; shorter ones below the top two levels in one piece. */
const JSON_WALK_ITEMS = 64;

/**
 * Writes `value` exactly as `JSON.stringify(value, null, 2)` and a newline,
 * in pieces: a report on 50,000 ideas is some 19 MB of JSON, which as one
 * string (two bytes a character once it holds an "å") and its copies took
 * more memory at the end of the command than everything before it.
 */
export function writeJson(stdout: NodeJS.WritableStream, value: unknown): void {
  let pending = '';
  for (const piece of jsonPieces(value, '', 0)) {
    pending += piece;
    if (pending.length >= JSON_WRITE_CHARS) {
      stdout.write(pending);
      pending = '';
    }
  }
  stdout.write(`${pending}\n`);
}

/** Arrays and plain objects, which are walked; anything else (a Date, an object with toJSON) is written whole, as JSON.stringify writes it. */
const isPlainContainer = (value: unknown): value is object =>
  Array.isArray(value) ||
  (typeof value === 'object' &&
    value !== null &&
    [Object.prototype, null].includes(Object.getPrototypeOf(value)) &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function');

/** Values JSON leaves out of an object, and writes as null in an array. */
const isUnwritable = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

function* jsonPieces(value: unknown, indent: string, depth: number): Generator<string> {
  const walk = isPlainContainer(value) && (depth < 2 || (Array.isArray(value) && value.length > JSON_WALK_ITEMS));
  if (!walk) {
    const text = JSON.stringify(value, null, 2);
    yield indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[\n';
    for (let index = 0; index < value.length; index += 1) {
      yield inner;
      const item: unknown = value[index];
      if (isUnwritable(item)) yield 'null';
      else yield* jsonPieces(item, inner, depth + 1);
      yield index < value.length - 1 ? ',\n' : '\n';
    }
    yield `${indent}]`;
    return;
  }
  const entries = Object.entries(value).filter(([, field]) => !isUnwritable(field));
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{\n';
  for (let index = 0; index < entries.length; index += 1) {
    const [key, field] = entries[index] as [string, unknown];
    yield `${inner}${JSON.stringify(key)}: `;
    yield* jsonPieces(field, inner, depth + 1);
    yield index < entries.length - 1 ? ',\n' : '\n';
  }
  yield `${indent}}`;
}

export function writeJsonArray<T>(stdout: NodeJS.WritableStream, items: readonly T[], toJson: (item: T) => unknown): void {
  if (items.length === 0) {
    stdout.write('[]\n');
    return;
  }
  stdout.write('[\n');
  for (let start = 0; start < items.length; start += JSON_BATCH_ITEMS) {
    const batch = items.slice(start, start + JSON_BATCH_ITEMS).map(toJson);
    // A batch printed as an array is the items already indented one level: only its brackets go.
    const inner = JSON.stringify(batch, null, 2).slice(2, -2);
    stdout.write(start + JSON_BATCH_ITEMS < items.length ? `${inner},\n` : `${inner}\n`);
  }
  stdout.write(']\n');
}
