/**
 * The duplicate check of `sluss add` and `sluss similar`: which existing ideas
 * look like a new one, and why. The ranking itself is the similarity engine's.
 */
import type { DuplicateSettings } from './config.js';
import { parseSections } from './format/idea-file.js';
import type { Idea } from './idea.js';
import { SECTIONS } from './idea.js';
import type { IdeaSections } from './idea.js';
import { analyzeDoc, buildSimilarityIndex } from './similarity/index.js';
import type { AnalyzedDoc, MatchReason, SimilarityDoc, SimilarityIndex } from './similarity/index.js';

export interface DuplicateCandidate {
  id: string;
  title: string;
  score: number;
  /** How sure the engine is that this is the same idea; `likelyDuplicate` is confidence ≥ threshold. */
  confidence: number;
  likelyDuplicate: boolean;
  municipality: string;
  status: string;
  reasons: MatchReason[];
  path: string;
}

export function sectionsText(sections: Partial<IdeaSections>): string {
  return SECTIONS.map(({ key }) => sections[key] ?? '')
    .filter((text) => text.trim() !== '')
    .join('\n\n');
}

export function similarityDocOf(idea: Idea): SimilarityDoc {
  return { id: idea.data.id, title: idea.data.title, text: sectionsText(parseSections(idea.body)) };
}

/** The earliest creation date still compared, or undefined when the look-back is unlimited. */
export function lookbackStart(settings: DuplicateSettings, today: string): string | undefined {
  if (settings.lookback_days === null) return undefined;
  const start = new Date(`${today}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - settings.lookback_days);
  return start.toISOString().slice(0, 10);
}

export interface DuplicateIndex {
  index: SimilarityIndex;
  ideas: ReadonlyMap<string, Idea>;
}

/**
 * Indexes every idea within the look-back, closed and declined ones included:
 * a declined idea is exactly what a municipality should hear about before
 * starting again. `analyzed` lets a cache supply already analysed documents.
 */
export function buildDuplicateIndex(
  ideas: readonly Idea[],
  settings: DuplicateSettings,
  today: string,
  analyzed: (idea: Idea) => AnalyzedDoc = (idea) => analyzeDoc(similarityDocOf(idea)),
): DuplicateIndex {
  const start = lookbackStart(settings, today);
  const compared = start === undefined ? ideas : ideas.filter((idea) => idea.data.created >= start);
  return {
    index: buildSimilarityIndex(compared.map(analyzed)),
    ideas: new Map(compared.map((idea) => [idea.data.id, idea])),
  };
}

export function findDuplicateCandidates(
  duplicateIndex: DuplicateIndex,
  draft: { title: string; text: string },
  settings: DuplicateSettings,
  exclude?: ReadonlySet<string>,
): DuplicateCandidate[] {
  const found = duplicateIndex.index.findSimilar(draft, {
    limit: settings.max_candidates,
    threshold: settings.threshold,
    ...(exclude ? { exclude } : {}),
  });
  return found
    .filter((candidate) => candidate.score >= settings.show_from || candidate.likelyDuplicate)
    .flatMap((candidate) => {
      const idea = duplicateIndex.ideas.get(candidate.id);
      if (!idea) return [];
      return [
        {
          id: candidate.id,
          title: idea.data.title,
          score: candidate.score,
          confidence: candidate.confidence,
          likelyDuplicate: candidate.likelyDuplicate,
          municipality: idea.data.municipality,
          status: idea.data.status,
          reasons: candidate.reasons,
          path: idea.path,
        },
      ];
    });
}
