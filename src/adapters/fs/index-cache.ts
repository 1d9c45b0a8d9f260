/**
 * The similarity index saved in `.sluss/cache/`, with a manifest of which
 * version of each idea's text it holds. A warm run loads it by slicing the
 * file; edited, added and removed ideas are applied as changes; an index from
 * another format or a corrupt file is rebuilt. Results never depend on it.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ANALYSIS_VERSION, deserializeSimilarityIndex, INDEX_FORMAT_VERSION } from '../../core/similarity/index.js';
import type { SimilarityIndex } from '../../core/similarity/index.js';
import { ensureSlussDir } from './register-store.js';

const INDEX_FILE = 'similarity-index.bin';
const MANIFEST_FILE = 'similarity-index.json';

interface Manifest {
  indexFormat: number;
  analysisVersion: number;
  /** Idea id → hash of the title and text the index holds for it. */
  docs: Record<string, string>;
}

export interface CachedIndex {
  index: SimilarityIndex;
  docs: Record<string, string>;
}

export async function loadCachedIndex(root: string): Promise<CachedIndex | undefined> {
  const dir = join(root, '.sluss', 'cache');
  try {
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as Partial<Manifest>;
    if (manifest.indexFormat !== INDEX_FORMAT_VERSION || manifest.analysisVersion !== ANALYSIS_VERSION || typeof manifest.docs !== 'object' || manifest.docs === null) return undefined;
    const bytes = await readFile(join(dir, INDEX_FILE));
    const index = deserializeSimilarityIndex(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return index.size === Object.keys(manifest.docs).length ? { index, docs: manifest.docs } : undefined;
  } catch {
    return undefined;
  }
}

/** Saves index and manifest; the manifest goes last, so a crash in between leaves a stale pair that is rebuilt. */
export async function saveCachedIndex(root: string, cached: CachedIndex): Promise<void> {
  const temps: string[] = [];
  const writeAtomically = async (path: string, data: string | Uint8Array) => {
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    temps.push(temp);
    await writeFile(temp, data);
    await rename(temp, path);
  };
  try {
    const dir = await ensureSlussDir(root, 'cache');
    await unlink(join(dir, MANIFEST_FILE)).catch(() => undefined);
    await writeAtomically(join(dir, INDEX_FILE), cached.index.serialize());
    const manifest: Manifest = { indexFormat: INDEX_FORMAT_VERSION, analysisVersion: ANALYSIS_VERSION, docs: cached.docs };
    await writeAtomically(join(dir, MANIFEST_FILE), JSON.stringify(manifest));
  } catch {
    for (const temp of temps) await unlink(temp).catch(() => undefined);
  }
}
