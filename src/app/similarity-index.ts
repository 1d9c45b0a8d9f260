/**
 * The register's similarity index, from the cache when it can be. The cache
 * remembers the content hash of each idea file it holds, so a warm run needs
 * no idea text at all; edited, added and removed ideas are applied as changes,
 * and only their files are read again.
 */
import { createHash } from 'node:crypto';
import type { SavedIndexFiles } from './ports/register-files.js';
import { similarityDoc } from '../core/duplicates.js';
import { titleAndBodyOf } from '../core/format/idea-file.js';
import { analyzeDoc, createSimilarityIndexBuilder } from '../core/similarity/index.js';
import type { AnalyzedDoc, SimilarityIndex } from '../core/similarity/index.js';
import type { OpenRegister } from './register.js';

/** An idea file as the index knows it: the version of its text is its content hash. */
export interface IndexedFile {
  id: string;
  path: string;
  hash: string;
}

/** `readAhead`: the saved index's files, when the command started reading them early (`readSavedIndexAhead`). */
export async function loadSimilarityIndex(register: OpenRegister, files: readonly IndexedFile[], readAhead?: Promise<SavedIndexFiles | undefined>): Promise<SimilarityIndex> {
  const { loadCachedIndex, saveCachedIndex } = register.adapters.files;
  const byId = new Map<string, IndexedFile>();
  for (const file of files) byId.set(file.id, file);
  // One call into the hash for all files: 10,000 small updates cost more than hashing the text they make.
  const currentDigest = createHash('sha1')
    .update(files.map((file) => `${file.id}\0${file.hash}\n`).join(''))
    .digest('hex');
  const analyzed = (id: string): AnalyzedDoc => {
    const entry = register.store.readIdeaFile(byId.get(id)!.path);
    const { title, body } = 'text' in entry ? titleAndBodyOf(entry.text) : { title: '', body: '' };
    return analyzeDoc(similarityDoc(id, title, body));
  };
  const versions = () => Object.fromEntries([...byId].map(([id, file]) => [id, file.hash]));

  const cached = await loadCachedIndex(register.root, readAhead);
  // The common case: nothing changed since the index was saved, told by one digest.
  if (cached?.digest === currentDigest) return cached.index;
  if (cached) {
    const docs = cached.docs();
    const changed = [...byId.values()].filter((file) => docs[file.id] !== file.hash).map((file) => file.id);
    const removed = Object.keys(docs).filter((id) => !byId.has(id));
    // Many changes (a pull of a busy week, a branch switch) are cheaper to rebuild than to merge.
    if (changed.length + removed.length < Math.max(50, byId.size / 10)) {
      const index = changed.length + removed.length === 0 ? cached.index : cached.index.withChanges({ add: changed.map(analyzed), remove: removed });
      await saveCachedIndex(register.root, index, currentDigest, versions());
      return index;
    }
  }
  const build = () => {
    // One doc at a time: the analyses of 50,000 ideas never have to be in memory together.
    const builder = createSimilarityIndexBuilder();
    for (const id of byId.keys()) builder.add(analyzed(id));
    return builder.finish();
  };
  const unsaved = await buildAndSave(build, (index) => saveCachedIndex(register.root, index, currentDigest, versions()));
  if (unsaved) return unsaved;
  // The index as saved, not as built: the built one keeps every title and word form as a string of its
  // own, the saved one packs them into its single buffer. At 50,000 ideas a cold `duplicates` peaked
  // ~20 MiB lower this way (296-303 -> 281 MiB). The built one is garbage by the time this read starts.
  const saved = await loadCachedIndex(register.root);
  if (saved?.digest === currentDigest) return saved.index;
  // Another run saved its own index in between, or the saved one could not be read back: this run
  // builds one again and keeps it in memory only. Correct, at the cost of a second build.
  return build();
}

/** Returns the built index only when it could not be saved, so that a saved one is not kept alive by the caller. */
async function buildAndSave(build: () => SimilarityIndex, save: (index: SimilarityIndex) => Promise<boolean>): Promise<SimilarityIndex | undefined> {
  const index = build();
  return (await save(index)) ? undefined : index;
}
