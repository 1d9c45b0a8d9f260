/**
 * The saved form of an index: the finished arrays, so that loading is slicing.
 *
 * Layout: magic (u32), header length (u32), JSON header naming the sections,
 * then each section as a little-endian typed array starting at a multiple of 8
 * bytes. String columns are a UTF-8 blob plus offsets into the decoded text.
 */
import { ANALYSIS_VERSION } from './analyze.js';
import type { IndexData } from './index-data.js';
import type { ForwardTerms, Norms, Postings } from './postings.js';
import { PackedStrings, type Strings } from './strings.js';

/**
 * Format of `serialize()`; bumped whenever its layout changes. 2: postings,
 * norms and string columns as sections. 3: string offsets in bytes, so one
 * string decodes without the rest of its column. 4: a label in the header.
 */
export const INDEX_FORMAT_VERSION = 4;
const MAGIC = 0x49534c53; // "SLSI" little-endian

/** Thrown when serialised data is not an index of this format and analysis version. */
export class IndexFormatError extends Error {}

type Kind = 'u8' | 'u32' | 'i32' | 'f64';
type TypedArray = Uint8Array | Uint32Array | Int32Array | Float64Array;
const CONSTRUCTORS = { u8: Uint8Array, u32: Uint32Array, i32: Int32Array, f64: Float64Array } as const;

interface Header {
  format: number;
  analysisVersion: number;
  docCount: number;
  /** Whatever the saver wants to recognise the data by (a cache: the digest of what it holds). */
  label: string;
  sections: [name: string, kind: Kind, length: number][];
}

function kindOf(array: TypedArray): Kind {
  if (array instanceof Uint8Array) return 'u8';
  if (array instanceof Uint32Array) return 'u32';
  if (array instanceof Int32Array) return 'i32';
  return 'f64';
}

const align = (offset: number) => Math.ceil(offset / 8) * 8;

function sectionsOf(data: IndexData): [string, TypedArray][] {
  const sections: [string, TypedArray][] = [];
  const strings = (name: string, column: Strings) => {
    const packed = PackedStrings.pack(column);
    sections.push([`${name}.blob`, packed.blob], [`${name}.offsets`, packed.offsets]);
  };
  const postings = (name: string, value: Postings) => {
    sections.push(
      [`${name}.starts`, value.starts],
      [`${name}.docs`, value.docs],
      [`${name}.titleCounts`, value.titleCounts],
      [`${name}.textCounts`, value.textCounts],
      [`${name}.titleDf`, value.titleDf],
    );
  };
  const norms = (name: string, value: Norms) => {
    sections.push([`${name}.full`, value.full], [`${name}.title`, value.title]);
  };
  const forward = (name: string, value: ForwardTerms) => {
    sections.push([`${name}.starts`, value.starts], [`${name}.terms`, value.terms], [`${name}.titleCounts`, value.titleCounts], [`${name}.textCounts`, value.textCounts]);
  };
  strings('ids', data.ids);
  strings('fuzzyTitles', data.fuzzyTitles);
  strings('surfaces', data.surfaces);
  sections.push(['languages', data.languages], ['hasText', data.hasText]);
  strings('stemKeys', data.stemKeys);
  sections.push(['gramKeys', data.gramKeys]);
  postings('stems', data.stems);
  postings('grams', data.grams);
  norms('stemNorms', data.stemNorms);
  norms('gramNorms', data.gramNorms);
  forward('docStems', data.docStems);
  return sections;
}

/**
 * The saved form as consecutive pieces: the header, then each section (a view
 * of the index's own array, not a copy) with zero padding to 8-byte alignment.
 * Written piece by piece, a 100 MB index never needs a second copy in memory.
 */
export function indexDataParts(data: IndexData, label = ''): Uint8Array[] {
  const sections = sectionsOf(data);
  const header: Header = {
    format: INDEX_FORMAT_VERSION,
    analysisVersion: ANALYSIS_VERSION,
    docCount: data.docCount,
    label,
    sections: sections.map(([name, array]) => [name, kindOf(array), array.length]),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const start = new Uint8Array(align(8 + headerBytes.length));
  const view = new DataView(start.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, headerBytes.length, true);
  start.set(headerBytes, 8);
  const parts: Uint8Array[] = [start];
  for (const [, array] of sections) {
    parts.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    const padding = align(array.byteLength) - array.byteLength;
    if (padding > 0) parts.push(new Uint8Array(padding));
  }
  return parts;
}

export function writeIndexData(data: IndexData, label = ''): Uint8Array {
  const parts = indexDataParts(data, label);
  const bytes = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

function readHeader(data: Uint8Array): Header {
  if (data.byteLength < 8) throw new IndexFormatError('not a similarity index');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new IndexFormatError('not a similarity index');
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > data.byteLength) throw new IndexFormatError('truncated similarity index');
  try {
    return JSON.parse(new TextDecoder().decode(data.subarray(8, 8 + headerLength))) as Header;
  } catch {
    throw new IndexFormatError('not a similarity index');
  }
}

/** Reads the format, analysis version and label of serialised data, so a cache can tell whether it is stale. */
export function serializedIndexVersion(data: Uint8Array): { format: number; analysisVersion: number; label: string } | undefined {
  try {
    const header = readHeader(data);
    return { format: header.format, analysisVersion: header.analysisVersion, label: typeof header.label === 'string' ? header.label : '' };
  } catch {
    return undefined;
  }
}

export function readIndexData(input: Uint8Array): IndexData {
  // Typed-array views need aligned offsets; a Buffer from a pool may not have them.
  const data = input.byteOffset % 8 === 0 ? input : input.slice();
  const header = readHeader(data);
  if (header.format !== INDEX_FORMAT_VERSION || header.analysisVersion !== ANALYSIS_VERSION) {
    throw new IndexFormatError(`similarity index format ${header.format}/${header.analysisVersion}, expected ${INDEX_FORMAT_VERSION}/${ANALYSIS_VERSION}`);
  }
  const headerLength = new DataView(data.buffer, data.byteOffset, 8).getUint32(4, true);
  const sections = new Map<string, TypedArray>();
  let offset = align(8 + headerLength);
  for (const [name, kind, length] of header.sections) {
    const Constructor = CONSTRUCTORS[kind];
    if (Constructor === undefined || offset + length * Constructor.BYTES_PER_ELEMENT > data.byteLength) {
      throw new IndexFormatError('truncated similarity index');
    }
    sections.set(name, new Constructor(data.buffer as ArrayBuffer, data.byteOffset + offset, length));
    offset = align(offset + length * Constructor.BYTES_PER_ELEMENT);
  }
  if (offset !== data.byteLength) throw new IndexFormatError('truncated similarity index');
  const get = <T extends TypedArray>(name: string, kind: new (...args: never[]) => T): T => {
    const section = sections.get(name);
    if (!(section instanceof kind)) throw new IndexFormatError(`similarity index without ${name}`);
    return section;
  };
  const strings = (name: string, remember = true) => new PackedStrings(get(`${name}.blob`, Uint8Array), get(`${name}.offsets`, Uint32Array), remember);
  const postings = (name: string): Postings => ({
    starts: get(`${name}.starts`, Int32Array),
    docs: get(`${name}.docs`, Int32Array),
    titleCounts: get(`${name}.titleCounts`, Uint8Array),
    textCounts: get(`${name}.textCounts`, Uint8Array),
    titleDf: get(`${name}.titleDf`, Int32Array),
  });
  const norms = (name: string): Norms => ({ full: get(`${name}.full`, Float64Array), title: get(`${name}.title`, Float64Array) });
  const docCount = header.docCount;
  const result: IndexData = {
    docCount,
    ids: strings('ids'),
    fuzzyTitles: strings('fuzzyTitles'),
    surfaces: strings('surfaces', false),
    languages: get('languages', Uint8Array),
    hasText: get('hasText', Uint8Array),
    stemKeys: strings('stemKeys'),
    gramKeys: get('gramKeys', Int32Array),
    stems: postings('stems'),
    grams: postings('grams'),
    stemNorms: norms('stemNorms'),
    gramNorms: norms('gramNorms'),
    docStems: {
      starts: get('docStems.starts', Int32Array),
      terms: get('docStems.terms', Int32Array),
      titleCounts: get('docStems.titleCounts', Uint8Array),
      textCounts: get('docStems.textCounts', Uint8Array),
    },
  };
  const consistent =
    result.ids.length === docCount &&
    result.fuzzyTitles.length === docCount &&
    result.surfaces.length === docCount &&
    result.languages.length === docCount &&
    result.hasText.length === docCount &&
    result.stemNorms.full.length === docCount &&
    result.gramNorms.full.length === docCount &&
    result.docStems.starts.length === docCount + 1 &&
    result.stems.starts.length === result.stemKeys.length + 1 &&
    result.grams.starts.length === result.gramKeys.length + 1;
  if (!consistent) throw new IndexFormatError('inconsistent similarity index');
  return result;
}
