/**
 * The similarity index saved in `.sluss/cache/`, with a manifest of which
 * version of each idea's text it holds. A warm run loads it by slicing the
 * file; edited, added and removed ideas are applied as changes; an index from
 * another format or a corrupt file is rebuilt. Results never depend on it.
 */
import { readFile, unlink } from 'node:fs/promises';
import { ANALYSIS_VERSION, deserializeSimilarityIndex, INDEX_FORMAT_VERSION } from '../../core/similarity/index.js';
import type { SimilarityIndex } from '../../core/similarity/index.js';
import { cacheFilePath, readCacheJson, writeCacheFile } from './cache-files.js';

const INDEX_FILE = 'similarity-index.bin';
const MANIFEST_FILE = 'similarity-index.json';

interface Manifest {
  indexFormat: number;
  analysisVersion: number;
  /** Idea id → content hash of the idea file whose text the index holds. */
  docs: Record<string, string>;
}

export interface CachedIndex {
  index: SimilarityIndex;
  docs: Record<string, string>;
}

export async function loadCachedIndex(root: string): Promise<CachedIndex | undefined> {
  const manifest = (await readCacheJson(root, MANIFEST_FILE)) as Partial<Manifest> | undefined;
  if (manifest?.indexFormat !== INDEX_FORMAT_VERSION || manifest.analysisVersion !== ANALYSIS_VERSION || typeof manifest.docs !== 'object' || manifest.docs === null) return undefined;
  try {
    const bytes = await readFile(cacheFilePath(root, INDEX_FILE));
    const index = deserializeSimilarityIndex(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return index.size === Object.keys(manifest.docs).length ? { index, docs: manifest.docs } : undefined;
  } catch {
    return undefined;
  }
}

/** Saves index and manifest; the manifest goes last, so a crash in between leaves a stale pair that is rebuilt. */
export async function saveCachedIndex(root: string, cached: CachedIndex): Promise<void> {
  await unlink(cacheFilePath(root, MANIFEST_FILE)).catch(() => undefined);
  if (!(await writeCacheFile(root, INDEX_FILE, cached.index.serialize()))) return;
  const manifest: Manifest = { indexFormat: INDEX_FORMAT_VERSION, analysisVersion: ANALYSIS_VERSION, docs: cached.docs };
  await writeCacheFile(root, MANIFEST_FILE, JSON.stringify(manifest));
}
