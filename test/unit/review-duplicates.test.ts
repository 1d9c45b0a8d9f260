/** The duplicate part of `sluss review`: the engine's candidates, and the decision the review takes on them. */
import { describe, expect, it } from 'vitest';
import { parseConfig, renderDefaultConfig } from '../../src/core/format/config-file.js';
import { renderBody } from '../../src/core/format/idea-file.js';
import type { IdeaData, IdeaWithBody } from '../../src/core/idea.js';
import { diffIdeas } from '../../src/core/review/diff.js';
import type { ReviewedIdea } from '../../src/core/review/diff.js';
import { decideBranchDuplicates, likelyDuplicates } from '../../src/core/review/duplicates.js';
import type { EngineCandidate, OtherIdea } from '../../src/core/review/duplicates.js';
import { reviewTrust } from '../../src/core/review/rules.js';

const config = parseConfig(renderDefaultConfig('Test', { coordinators: ['@samordnaren'] }));
config.municipalities.find((m) => m.code === 'skovde')!.reviewers = ['@anna'];
config.municipalities.find((m) => m.code === 'tibro')!.reviewers = ['@tore'];
const local = reviewTrust({ ci: false });

function data(id: string, municipality: string, extra: Partial<IdeaData> = {}): IdeaData {
  return {
    id,
    title: 'Digitala lås i hemtjänsten',
    status: 'inkommen',
    municipality,
    municipalities: [{ municipality, role: 'owner' }],
    category: 'vard-omsorg',
    created: '2026-11-20',
    received_by: 'Tove Coach',
    history: [{ date: '2026-11-20', status: 'inkommen', by: 'Tove Coach' }],
    ...extra,
  };
}

function reviewed(after: IdeaData, before?: IdeaData): ReviewedIdea {
  return {
    id: after.id,
    title: after.title,
    path: `ideas/${after.id}-x.md`,
    change: before ? 'changed' : 'added',
    ...(before ? { before } : {}),
    after,
    changes: diffIdeas(before, after),
    authors: [{ name: 'Tove Coach', email: 'tove@tibro.se' }],
  };
}

/** The register as it is now: ids to ideas, with the branch's new ones marked. */
function registerOf(ideas: readonly IdeaData[], newIds: readonly string[] = []): (id: string) => OtherIdea | undefined {
  const byId = new Map(ideas.map((d) => [d.id, d]));
  return (id) => (byId.has(id) ? { data: byId.get(id)!, path: `ideas/${id}-x.md`, isNew: newIds.includes(id) } : undefined);
}

const likely = (id: string, score = 0.91): EngineCandidate => ({ id, score, confidence: 0.95, likelyDuplicate: true });

describe('likelyDuplicates (the engine, on real text)', () => {
  const problem = 'Hemtjänstens personal hanterar hundratals fysiska nycklar till brukarnas bostäder och nycklar kommer bort.';
  const withBody = (d: IdeaData, text: string): IdeaWithBody => ({ data: d, body: renderBody({ problem: text }), path: `ideas/${d.id}-x.md` });
  const register = [
    withBody(data('0ZZ-AAAA1', 'skovde'), problem),
    withBody(data('0ZZ-AAAA2', 'vara', { title: 'Solceller på förskolornas tak' }), 'Förskolorna har stora platta tak och höga elkostnader.'),
  ];

  it('finds a new copy of an idea at the base, and not the unrelated one', () => {
    const found = likelyDuplicates(register, [withBody(data('100-BBBB1', 'tibro'), problem)], config.duplicates, '2026-11-27');
    expect(found.get('100-BBBB1')!.map((c) => c.id)).toEqual(['0ZZ-AAAA1']);
    expect(found.get('100-BBBB1')![0]!.score).toBeGreaterThan(0.65);
  });

  it('compares an edited idea as it is at HEAD, never with its own base version', () => {
    const edited = withBody(data('0ZZ-AAAA1', 'skovde', { title: 'Digitala lås i hemtjänsten och LSS' }), problem);
    expect(likelyDuplicates(register, [edited], config.duplicates, '2026-11-27').get('0ZZ-AAAA1')).toEqual([]);
  });
});

describe('decideBranchDuplicates', () => {
  const existing = data('0ZZ-AAAA1', 'skovde', { created: '2026-01-15', history: [{ date: '2026-01-15', status: 'inkommen', by: 'Anna' }] });

  it('blocks an undecided likely duplicate of a new idea', () => {
    const copy = data('100-BBBB1', 'tibro');
    const found = decideBranchDuplicates([reviewed(copy)], new Map([['100-BBBB1', [likely('0ZZ-AAAA1')]]]), registerOf([existing, copy], ['100-BBBB1']), { config, trust: local, strict: false });
    expect(found).toEqual([
      expect.objectContaining({ id: '100-BBBB1', change: 'added', candidate: expect.objectContaining({ id: '0ZZ-AAAA1', municipality: 'skovde', isNew: false, score: 0.91 }), decision: 'undecided', blocking: true }),
    ]);
  });

  it('blocks a fourth copy when the engine flags the three that exist (same idea in three municipalities)', () => {
    const copies = ['skovde', 'vara', 'hjo'].map((m, i) => data(`0ZZ-AAAA${i + 1}`, m));
    const fourth = data('100-BBBB1', 'tibro');
    const candidates = new Map([['100-BBBB1', copies.map((c) => likely(c.id, 1))]]);
    const found = decideBranchDuplicates([reviewed(fourth)], candidates, registerOf([...copies, fourth], ['100-BBBB1']), { config, trust: local, strict: false });
    expect(found.map((d) => [d.candidate.id, d.decision, d.blocking])).toEqual([
      ['0ZZ-AAAA1', 'undecided', true],
      ['0ZZ-AAAA2', 'undecided', true],
      ['0ZZ-AAAA3', 'undecided', true],
    ]);
  });

  it('leaves out pairs already linked, on either side, and pairs separated before the branch', () => {
    const related = data('100-BBBB1', 'tibro', { links: { related: ['0ZZ-AAAA1'] } });
    const candidates = new Map([['100-BBBB1', [likely('0ZZ-AAAA1')]]]);
    expect(decideBranchDuplicates([reviewed(related)], candidates, registerOf([existing, related]), { config, trust: local, strict: false })).toEqual([]);
    const back = { ...existing, links: { duplicate_of: '100-BBBB1' } };
    const copy = data('100-BBBB1', 'tibro');
    expect(decideBranchDuplicates([reviewed(copy)], candidates, registerOf([back, copy]), { config, trust: local, strict: false })).toEqual([]);
    const separated = data('100-BBBB1', 'tibro', { links: { not_duplicates: ['0ZZ-AAAA1'] } });
    const edited = { ...separated, tags: ['lås'] };
    expect(decideBranchDuplicates([reviewed(edited, separated)], candidates, registerOf([existing, edited]), { config, trust: local, strict: false })).toEqual([]);
  });

  it('warns about an undecided duplicate of an edited idea, and blocks it with --fail-on-duplicate', () => {
    const before = data('100-BBBB1', 'tibro', { created: '2026-02-01' });
    const after = { ...before, title: 'Digitala lås i hemtjänsten och LSS' };
    const candidates = new Map([['100-BBBB1', [likely('0ZZ-AAAA1')]]]);
    const decide = (strict: boolean) => decideBranchDuplicates([reviewed(after, before)], candidates, registerOf([existing, after]), { config, trust: local, strict });
    expect(decide(false)).toEqual([expect.objectContaining({ change: 'changed', decision: 'undecided', blocking: false })]);
    expect(decide(true)[0]!.blocking).toBe(true);
  });

  it('reports a pair of two new ideas once, as blocking', () => {
    const a = data('100-BBBB1', 'tibro');
    const b = data('100-BBBB2', 'hjo');
    const candidates = new Map([
      ['100-BBBB1', [likely('100-BBBB2')]],
      ['100-BBBB2', [likely('100-BBBB1')]],
    ]);
    const found = decideBranchDuplicates([reviewed(a), reviewed(b)], candidates, registerOf([a, b], [a.id, b.id]), { config, trust: local, strict: false });
    expect(found).toEqual([expect.objectContaining({ id: '100-BBBB1', candidate: expect.objectContaining({ id: '100-BBBB2', isNew: true }), blocking: true })]);
  });

  describe('overrides (declared not duplicates on the branch)', () => {
    // `add --on-duplicate new` writes the decision into the new idea when it creates it.
    const override = data('100-BBBB1', 'tibro', { links: { not_duplicates: ['0ZZ-AAAA1'] } });
    const candidates = new Map([['100-BBBB1', [likely('0ZZ-AAAA1')]]]);
    const decide = (trust = local, cfg = config) => decideBranchDuplicates([reviewed(override)], candidates, registerOf([existing, override], ['100-BBBB1']), { config: cfg, trust, strict: false });

    it('lists the override with who declared it and when, and blocks without an approval', () => {
      expect(decide()).toEqual([
        expect.objectContaining({
          id: '100-BBBB1',
          candidate: expect.objectContaining({ id: '0ZZ-AAAA1', score: 0.91 }),
          decision: 'not-duplicate',
          declared: { by: 'Tove Coach', date: '2026-11-20', source: 'history' },
          approval: { needed: true, approvers: ['@samordnaren', '@tore', '@anna'], approvedBy: [] },
          blocking: true,
        }),
      ]);
    });

    it('is approved by a coordinator or a reviewer of either municipality, never by the actor', () => {
      expect(decide(reviewTrust({ actor: '@tore', approvals: ['samordnaren'], ci: true }))[0]).toMatchObject({ approval: { approvedBy: ['@samordnaren'] }, blocking: false });
      expect(decide(reviewTrust({ actor: '@tove', approvals: ['anna'], ci: true }))[0]).toMatchObject({ approval: { approvedBy: ['@anna'] }, blocking: false });
      expect(decide(reviewTrust({ actor: '@tore', approvals: ['tore'], ci: true }))[0]).toMatchObject({ approval: { approvedBy: [] }, blocking: true });
      expect(decide(reviewTrust({ actor: '@tove', approvals: ['someone'], ci: true }))[0]!.blocking).toBe(true);
    });

    it('is listed without blocking when sluss.yaml turns the approval off', () => {
      const relaxed = { ...config, duplicates: { ...config.duplicates, override_needs_approval: false } };
      expect(decide(local, relaxed)).toEqual([expect.objectContaining({ decision: 'not-duplicate', approval: expect.objectContaining({ needed: false }), blocking: false })]);
    });

    it('is listed even when the engine no longer finds the pair likely', () => {
      const found = decideBranchDuplicates([reviewed(override)], new Map(), registerOf([existing, override]), { config, trust: local, strict: false });
      expect(found).toEqual([expect.objectContaining({ decision: 'not-duplicate', blocking: true })]);
      expect(found[0]!.candidate).not.toHaveProperty('score');
    });

    it('takes who and when of a not-duplicate on an edited idea from the history entry that names the other idea', () => {
      const before = data('100-BBBB1', 'tibro', { created: '2026-02-01', history: [{ date: '2026-02-01', status: 'inkommen', by: 'Tove Coach' }] });
      const after = {
        ...before,
        links: { not_duplicates: ['0ZZ-AAAA1'] },
        history: [...before.history, { date: '2026-11-22', status: 'inkommen', by: 'Sven Ek', note: 'Inte en dubblett av 0ZZ-AAAA1.' }],
      };
      const found = decideBranchDuplicates([reviewed(after, before)], candidates, registerOf([existing, after]), { config, trust: local, strict: false });
      expect(found[0]).toMatchObject({ decision: 'not-duplicate', declared: { by: 'Sven Ek', date: '2026-11-22', source: 'history' } });
      // Without such an entry (a hand edit), the commit authors are named, as git's claim.
      const handEdited = decideBranchDuplicates([reviewed({ ...after, history: before.history }, before)], candidates, registerOf([existing, after]), { config, trust: local, strict: false });
      expect(handEdited[0]!.declared).toEqual({ by: 'Tove Coach', source: 'git' });
    });
  });
});
