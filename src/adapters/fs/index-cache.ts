/**
 * The similarity index saved in `.sluss/cache/`, with a manifest of which
 * version of each idea's text it holds. A warm run loads it by slicing the
 * file; edited, added and removed ideas are applied as changes; an index from
 * another format, a corrupt file or one whose bytes no longer match the
 * checksums its manifest names is rebuilt. Results never depend on it.
 */
import { unlink } from 'node:fs/promises';
import { ANALYSIS_VERSION, deserializeSimilarityIndex, INDEX_FORMAT_VERSION, serializedIndexVersion } from '../../core/similarity/index.js';
import type { SimilarityIndex } from '../../core/similarity/index.js';
import { closeSync, fstatSync } from 'node:fs';
import { cacheFilePath, checksumOf, openCacheFile, writeCacheFile } from './cache-files.js';
import { isRacy, isSettled, stampOfStats } from './file-stamp.js';
import { INDEX_FILE, MANIFEST_FILE, readSavedIndexFiles } from './index-files.js';
import type { SavedIndexFiles } from './index-files.js';
import type { CachedIndex } from '../../app/ports/register-files.js';
export type { CachedIndex };

/** Bumped whenever the manifest's layout changes. */
const MANIFEST_FORMAT = 4;

/** First line of the manifest; the second is the JSON of `docs`, parsed only when the digest differs. */
interface ManifestHeader {
  manifestFormat: number;
  indexFormat: number;
  analysisVersion: number;
  /** Checksums of the index file and of the manifest's second line (`Checksum`). */
  indexChecksum: string;
  docsChecksum: string;
  /** The index file's stamp (`FileStamp.key`) right after it was written. */
  indexStamp: string;
  /** A hash of all (id, content hash) pairs the index holds, in the order they were given. */
  digest: string;
  count: number;
}

/** The manifest's first line, when it is of this format and analysis version. */
function manifestHeaderOf(manifest: string): ManifestHeader | undefined {
  try {
    const header = JSON.parse(manifest.slice(0, manifest.indexOf('\n'))) as Partial<ManifestHeader>;
    const current = header.manifestFormat === MANIFEST_FORMAT && header.indexFormat === INDEX_FORMAT_VERSION && header.analysisVersion === ANALYSIS_VERSION;
    const complete = [header.digest, header.indexChecksum, header.docsChecksum, header.indexStamp].every((field) => typeof field === 'string') && typeof header.count === 'number';
    return current && complete ? (header as ManifestHeader) : undefined;
  } catch {
    return undefined;
  }
}

/** `readAhead`: the files, when the command started reading them earlier (`readSavedIndexAhead`). */
export async function loadCachedIndex(root: string, readAhead?: Promise<SavedIndexFiles | undefined>): Promise<CachedIndex | undefined> {
  // An index of another format is not read at all.
  const files = await (readAhead ?? readSavedIndexFiles(root, (manifest) => manifestHeaderOf(manifest) !== undefined));
  if (files === undefined) return undefined;
  const { manifest, index: bytes } = files;
  try {
    const headerEnd = manifest.indexOf('\n');
    const header = manifestHeaderOf(manifest);
    // The index carries the digest of its manifest: a pair from two different saves (another run saved
    // between this run's two reads) is told apart and rebuilt.
    if (header === undefined || serializedIndexVersion(bytes)?.label !== header.digest) return undefined;
    // An index edited or damaged on disk (offsets out of range, bogus postings) is never read: the reader trusts its
    // offsets. An index file with the stamp it had when it was saved (and not racy) is unchanged, as git would take it;
    // only another one is checked byte by byte, which at 10,000 ideas costs a pass over 20 MB.
    const { indexStamp } = files;
    const sameStamp = indexStamp.key === header.indexStamp;
    const racy = isRacy(indexStamp.changedMs, files.manifestWrittenMs);
    const docsText = manifest.slice(headerEnd + 1);
    if (((!sameStamp || racy) && checksumOf(bytes) !== header.indexChecksum) || checksumOf(docsText) !== header.docsChecksum) return undefined;
    // Racy only because the manifest was written right after the index: once the index is older than the racy
    // margin and its bytes have just been checked, the manifest is written again so later runs trust the stamp.
    if (sameStamp && racy && isSettled(indexStamp.changedMs, files.manifestWrittenMs)) await writeCacheFile(root, MANIFEST_FILE, manifest);
    const index = deserializeSimilarityIndex(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (index.size !== header.count) return undefined;
    // Parsed only when something changed: at 50,000 ideas it is a few megabytes of JSON.
    const docs = () => {
      const parsed = JSON.parse(docsText) as unknown;
      const valid = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.values(parsed).every((hash) => typeof hash === 'string');
      // Not a map of ids to hashes: every idea counts as changed, so the index is rebuilt.
      return valid ? (parsed as Record<string, string>) : {};
    };
    return { index, digest: header.digest, docs };
  } catch {
    return undefined;
  }
}

/**
 * Saves index and manifest; the manifest goes last, so a crash in between leaves a stale pair that is rebuilt.
 * False when the cache could not be written (the index then lives only in this run).
 */
export async function saveCachedIndex(root: string, index: SimilarityIndex, digest: string, docs: Record<string, string>): Promise<boolean> {
  await unlink(cacheFilePath(root, MANIFEST_FILE)).catch(() => undefined);
  const parts = index.serializedParts(digest);
  if (!(await writeCacheFile(root, INDEX_FILE, parts))) return false;
  const indexStamp = stampOfCacheFile(root, INDEX_FILE);
  if (indexStamp === undefined) return false;
  const docsText = JSON.stringify(docs);
  const header: ManifestHeader = {
    manifestFormat: MANIFEST_FORMAT,
    indexFormat: INDEX_FORMAT_VERSION,
    analysisVersion: ANALYSIS_VERSION,
    indexChecksum: checksumOf(...parts),
    docsChecksum: checksumOf(docsText),
    indexStamp,
    digest,
    count: Object.keys(docs).length,
  };
  return writeCacheFile(root, MANIFEST_FILE, `${JSON.stringify(header)}\n${docsText}`);
}

/** The stamp key of a cache file as it is now, or undefined when it cannot be opened safely. */
function stampOfCacheFile(root: string, name: string): string | undefined {
  const fd = openCacheFile(root, name);
  if (fd === undefined) return undefined;
  try {
    return stampOfStats(fstatSync(fd)).key;
  } finally {
    closeSync(fd);
  }
}
