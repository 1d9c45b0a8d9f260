/**
 * The register's similarity index, from the cache when it can be: unchanged
 * ideas are not analysed again, changed ones are applied to the saved index.
 */
import { contentHash } from '../adapters/fs/parsed-file-cache.js';
import { loadCachedIndex, saveCachedIndex } from '../adapters/fs/index-cache.js';
import { buildDuplicateIndex, similarityDocOf } from '../core/duplicates.js';
import type { DuplicateIndex } from '../core/duplicates.js';
import type { Idea } from '../core/idea.js';
import { analyzeDoc, buildSimilarityIndex } from '../core/similarity/index.js';
import type { SimilarityIndex } from '../core/similarity/index.js';
import type { OpenRegister } from './register.js';

export async function loadSimilarityIndex(register: OpenRegister, ideas: readonly Idea[]): Promise<SimilarityIndex> {
  const docs = new Map(ideas.map((idea) => [idea.data.id, similarityDocOf(idea)]));
  const hashes: Record<string, string> = {};
  for (const [id, doc] of docs) hashes[id] = contentHash(`${doc.title}\u0000${doc.text}`);

  const cached = await loadCachedIndex(register.root);
  if (cached) {
    const changed = [...docs.keys()].filter((id) => cached.docs[id] !== hashes[id]);
    const removed = Object.keys(cached.docs).filter((id) => !docs.has(id));
    if (changed.length === 0 && removed.length === 0) return cached.index;
    // Many changes (a pull of a busy week, a branch switch) are cheaper to rebuild than to merge.
    if (changed.length + removed.length < Math.max(50, docs.size / 10)) {
      const index = cached.index.withChanges({ add: changed.map((id) => analyzeDoc(docs.get(id)!)), remove: removed });
      await saveCachedIndex(register.root, { index, docs: hashes });
      return index;
    }
  }
  const index = buildSimilarityIndex([...docs.values()].map(analyzeDoc));
  await saveCachedIndex(register.root, { index, docs: hashes });
  return index;
}

export async function loadDuplicateIndex(register: OpenRegister, ideas: readonly Idea[], today: string): Promise<DuplicateIndex> {
  return buildDuplicateIndex(ideas, register.config.duplicates, today, await loadSimilarityIndex(register, ideas));
}
