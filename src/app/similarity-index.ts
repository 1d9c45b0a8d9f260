/**
 * The register's similarity index, from the cache when it can be. The cache
 * remembers the content hash of each idea file it holds, so a warm run needs
 * no idea text at all; edited, added and removed ideas are applied as changes,
 * and only their files are read again.
 */
import { loadCachedIndex, saveCachedIndex } from '../adapters/fs/index-cache.js';
import { buildDuplicateIndex, similarityDocOf } from '../core/duplicates.js';
import type { DuplicateIndex } from '../core/duplicates.js';
import type { Idea } from '../core/idea.js';
import { analyzeDoc, buildSimilarityIndex } from '../core/similarity/index.js';
import type { AnalyzedDoc, SimilarityIndex } from '../core/similarity/index.js';
import { readIdeaWithBody } from './register.js';
import type { LoadedIdeas, OpenRegister } from './register.js';

type IndexedIdeas = Pick<LoadedIdeas, 'ideas' | 'hashes'>;

export async function loadSimilarityIndex(register: OpenRegister, loaded: IndexedIdeas): Promise<SimilarityIndex> {
  const versions: Record<string, string> = {};
  const byId = new Map<string, Idea>();
  for (const idea of loaded.ideas) {
    byId.set(idea.data.id, idea);
    versions[idea.data.id] = loaded.hashes.get(idea.path) ?? '';
  }
  const analyzed = (id: string): AnalyzedDoc => analyzeDoc(similarityDocOf(readIdeaWithBody(register, byId.get(id)!)));

  const cached = await loadCachedIndex(register.root);
  if (cached) {
    const changed = [...byId.keys()].filter((id) => cached.docs[id] !== versions[id]);
    const removed = Object.keys(cached.docs).filter((id) => !byId.has(id));
    if (changed.length === 0 && removed.length === 0) return cached.index;
    // Many changes (a pull of a busy week, a branch switch) are cheaper to rebuild than to merge.
    if (changed.length + removed.length < Math.max(50, byId.size / 10)) {
      const index = cached.index.withChanges({ add: changed.map(analyzed), remove: removed });
      await saveCachedIndex(register.root, { index, docs: versions });
      return index;
    }
  }
  const index = buildSimilarityIndex([...byId.keys()].map(analyzed));
  await saveCachedIndex(register.root, { index, docs: versions });
  return index;
}

export async function loadDuplicateIndex(register: OpenRegister, loaded: IndexedIdeas, today: string): Promise<DuplicateIndex> {
  return buildDuplicateIndex(loaded.ideas, register.config.duplicates, today, await loadSimilarityIndex(register, loaded));
}
