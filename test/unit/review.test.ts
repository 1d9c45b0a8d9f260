import { describe, expect, it } from 'vitest';
import { parseConfig, renderDefaultConfig } from '../../src/core/format/config-file.js';
import { renderBody } from '../../src/core/format/idea-file.js';
import type { IdeaData } from '../../src/core/idea.js';
import { diffIdeas, evaluateRules, findBranchDuplicates, matchesIdentity } from '../../src/core/review.js';
import type { IdeaChange, ReviewedIdea } from '../../src/core/review.js';

function idea(extra: Partial<IdeaData> = {}): IdeaData {
  return {
    id: '0ZZ-AAAA1',
    title: 'Digitala lås i hemtjänsten',
    status: 'inkommen',
    municipality: 'skovde',
    municipalities: [{ municipality: 'skovde', role: 'owner' }],
    category: 'vard-omsorg',
    created: '2026-01-15',
    received_by: 'Anna Lindqvist',
    history: [{ date: '2026-01-15', status: 'inkommen', by: 'Anna Lindqvist' }],
    ...extra,
  };
}

const moved = (from: string, to: string, by = 'Maria Holm', date = '2026-02-01'): Partial<IdeaData> => ({
  status: to,
  history: [
    { date: '2026-01-15', status: 'inkommen', by: 'Anna Lindqvist' },
    { date, from, status: to, by },
  ],
});

describe('diffIdeas', () => {
  it('lists an added and a deleted idea', () => {
    expect(diffIdeas(undefined, idea())).toEqual([{ kind: 'added' }]);
    expect(diffIdeas(idea(), undefined)).toEqual([{ kind: 'deleted' }]);
    expect(diffIdeas(undefined, undefined)).toEqual([]);
  });

  it('lists the moves in the history of an added idea', () => {
    const data = idea({
      status: 'utredning',
      history: [
        { date: '2026-01-15', status: 'inkommen', by: 'A' },
        { date: '2026-01-16', from: 'inkommen', status: 'forsta-bedomning', by: 'A' },
        { date: '2026-01-17', from: 'forsta-bedomning', status: 'utredning', by: 'A' },
      ],
    });
    expect(diffIdeas(undefined, data).filter((c) => c.kind === 'moved')).toMatchObject([
      { from: 'inkommen', to: 'forsta-bedomning' },
      { from: 'forsta-bedomning', to: 'utredning' },
    ]);
  });

  it('finds a stage move from a new history entry', () => {
    expect(diffIdeas(idea(), idea(moved('inkommen', 'forsta-bedomning')))).toEqual([
      { kind: 'moved', from: 'inkommen', to: 'forsta-bedomning', date: '2026-02-01', by: 'Maria Holm' },
    ]);
  });

  it('does not call a note in the history a move, even inserted before later entries', () => {
    const before = idea(moved('inkommen', 'forsta-bedomning'));
    const note = { date: '2026-01-20', status: 'inkommen', by: 'Maria Holm', note: 'Bedömd' };
    const after = idea({ ...moved('inkommen', 'forsta-bedomning'), history: [before.history[0]!, note, before.history[1]!] });
    expect(diffIdeas(before, after)).toEqual([]);
  });

  it('finds a changed status without a history entry', () => {
    expect(diffIdeas(idea(), idea({ status: 'utredning' }))).toEqual([{ kind: 'moved', from: 'inkommen', to: 'utredning' }]);
  });

  it('reports rewritten history as an edit, not a move', () => {
    const changes = diffIdeas(idea(), idea({ history: [{ date: '2026-01-15', status: 'inkommen', by: 'Someone Else' }] }));
    expect(changes).toEqual([{ kind: 'edited', field: 'history' }]);
  });

  it('finds joins, leaves and changed roles and shares', () => {
    const before = idea({
      municipalities: [
        { municipality: 'skovde', role: 'owner' },
        { municipality: 'hjo', role: 'interested' },
        { municipality: 'vara', role: 'co-funder', share: 20 },
      ],
    });
    const after = idea({
      municipalities: [
        { municipality: 'skovde', role: 'owner' },
        { municipality: 'hjo', role: 'co-funder', share: 10 },
        { municipality: 'tibro', role: 'co-funder', share: 30, joined: '2026-03-02' },
      ],
    });
    expect(diffIdeas(before, after)).toEqual<IdeaChange[]>([
      { kind: 'participant-changed', municipality: 'hjo', role: { from: 'interested', to: 'co-funder' }, share: { from: null, to: 10 } },
      { kind: 'joined', municipality: 'tibro', role: 'co-funder', share: 30 },
      { kind: 'left', municipality: 'vara', role: 'co-funder' },
    ]);
  });

  it('finds links added and removed', () => {
    const before = idea({ links: { related: ['0ZZ-BBBB1', '0ZZ-BBBB2'] } });
    const after = idea({ links: { duplicate_of: '0ZZ-CCCC1', related: ['0ZZ-BBBB2', '0ZZ-BBBB3'] } });
    expect(diffIdeas(before, after)).toEqual<IdeaChange[]>([
      { kind: 'link-added', link: 'duplicate_of', target: '0ZZ-CCCC1' },
      { kind: 'link-added', link: 'related', target: '0ZZ-BBBB3' },
      { kind: 'link-removed', link: 'related', target: '0ZZ-BBBB1' },
    ]);
  });

  it('finds an assessment added, changed and removed', () => {
    const assessed = idea({ assessment: { date: '2026-02-01', by: 'Maria Holm', scores: { nytta: 4, effekter: 3, genomforbarhet: 5 } } });
    const changedScore = idea({ assessment: { date: '2026-02-03', by: 'Maria Holm', scores: { nytta: 5, effekter: 3, genomforbarhet: 5 } } });
    expect(diffIdeas(idea(), assessed)).toEqual([{ kind: 'assessment-added', by: 'Maria Holm', date: '2026-02-01' }]);
    expect(diffIdeas(assessed, changedScore)).toEqual([{ kind: 'assessment-changed', by: 'Maria Holm', date: '2026-02-03' }]);
    expect(diffIdeas(assessed, idea())).toEqual([{ kind: 'assessment-removed' }]);
    expect(diffIdeas(assessed, assessed)).toEqual([]);
  });

  it('finds edits of the title, tags, text sections and hides the submitter', () => {
    const before = idea({ tags: ['nycklar'] });
    const after = idea({
      title: 'Digitala lås i hemtjänsten och LSS',
      tags: ['nycklar', 'lss'],
      submitter: { name: 'Eva', consent: { date: '2026-01-10' } },
      'x-diarienummer': 'KS 2026/12',
    });
    const changes = diffIdeas(before, after, { before: renderBody({ problem: 'Nycklar kommer bort.' }), after: renderBody({ problem: 'Nycklar kommer bort.', benefit: 'Tid sparas.' }) });
    expect(changes).toEqual<IdeaChange[]>([
      { kind: 'edited', field: 'title', from: 'Digitala lås i hemtjänsten', to: 'Digitala lås i hemtjänsten och LSS' },
      { kind: 'edited', field: 'tags', from: ['nycklar'], to: ['nycklar', 'lss'] },
      { kind: 'edited', field: 'submitter' },
      { kind: 'edited', field: 'x-diarienummer' },
      { kind: 'edited', field: 'text.benefit' },
    ]);
  });

  it('finds nothing when nothing changed, whatever the key order', () => {
    const a = idea({ links: { related: ['0ZZ-BBBB1'] } });
    const b = JSON.parse(JSON.stringify({ ...a, title: a.title })) as IdeaData;
    expect(diffIdeas(a, b, { before: 'x\n', after: 'x' })).toEqual([]);
  });
});

describe('evaluateRules', () => {
  const config = parseConfig(renderDefaultConfig('Test', { coordinators: ['Maria Holm', '@samordnaren'] }));
  const reviewed = (data: { before?: IdeaData; after?: IdeaData; authors?: { name: string; email: string }[]; change?: ReviewedIdea['change'] }): ReviewedIdea => ({
    id: '0ZZ-AAAA1',
    title: 'x',
    path: 'ideas/0ZZ-AAAA1-x.md',
    change: data.change ?? 'changed',
    ...(data.before ? { before: data.before } : {}),
    ...(data.after ? { after: data.after } : {}),
    changes: diffIdeas(data.before, data.after),
    authors: data.authors ?? [{ name: 'Test Coach', email: 'coach@example.se' }],
  });
  const assessment = { date: '2026-01-20', by: 'Maria Holm', scores: { nytta: 4, effekter: 3, genomforbarhet: 4 } };
  const assessedMove = (to: string) => idea({ ...moved('forsta-bedomning', to), status: to, assessment });
  const inFirst = idea({ status: 'forsta-bedomning' });

  it('blocks a move out of a coordinator stage by someone else', () => {
    const { rules } = evaluateRules(config, [reviewed({ before: inFirst, after: assessedMove('utredning') })]);
    expect(rules).toEqual([
      expect.objectContaining({ rule: 'coordinator-move', from: 'forsta-bedomning', to: 'utredning', ok: false, blocking: true, madeBy: ['Test Coach <coach@example.se>'] }),
    ]);
  });

  it('allows it by a coordinator, by name or e-mail, in any case', () => {
    for (const author of [{ name: 'maria holm', email: 'm@example.se' }, { name: 'M', email: 'MARIA@example.se' }]) {
      const cfg = parseConfig(renderDefaultConfig('Test', { coordinators: ['Maria Holm', 'maria@example.se'] }));
      const { rules } = evaluateRules(cfg, [reviewed({ before: inFirst, after: assessedMove('utredning'), authors: [author] })]);
      expect(rules[0]).toMatchObject({ ok: true, blocking: false });
    }
  });

  it('matches an @user coordinator only through the actor', () => {
    expect(matchesIdentity('@samordnaren', [{ name: '@samordnaren', email: 'x@example.se' }])).toBe(false);
    expect(matchesIdentity('@samordnaren', [], '@Samordnaren')).toBe(true);
    expect(matchesIdentity('@samordnaren', [], 'samordnaren')).toBe(true);
    const { rules } = evaluateRules(config, [reviewed({ before: inFirst, after: assessedMove('utredning') })], { actor: '@samordnaren' });
    expect(rules[0]).toMatchObject({ ok: true });
  });

  it('lets anyone move an idea to a stage of kind duplicate, and out of other stages', () => {
    const { rules } = evaluateRules(config, [
      reviewed({ before: inFirst, after: assessedMove('dubblett') }),
      reviewed({ before: idea(), after: idea(moved('inkommen', 'forsta-bedomning')) }),
    ]);
    expect(rules).toEqual([]);
  });

  it('holds hand-edited moves to the workflow: allowed transitions and the assessment', () => {
    const skipped = evaluateRules(config, [reviewed({ before: idea(), after: idea(moved('inkommen', 'inforande')) })]).rules;
    expect(skipped).toEqual([
      expect.objectContaining({ rule: 'workflow-move', from: 'inkommen', to: 'inforande', reason: 'transition', allowed: ['forsta-bedomning', 'avslagen', 'parkerad', 'dubblett'], blocking: true }),
    ]);
    const unassessed = idea({ ...moved('forsta-bedomning', 'utredning'), status: 'utredning' });
    const rules = evaluateRules(config, [reviewed({ before: inFirst, after: unassessed, authors: [{ name: 'Maria Holm', email: 'm@example.se' }] })]).rules;
    expect(rules.map((r) => [r.rule, r.ok, 'reason' in r ? r.reason : ''])).toEqual([
      ['workflow-move', false, 'assessment'],
      ['coordinator-move', true, ''],
    ]);
  });

  it('blocks a deleted idea', () => {
    const { rules } = evaluateRules(config, [reviewed({ before: idea(), change: 'deleted' })]);
    expect(rules).toEqual([{ rule: 'never-delete', id: '0ZZ-AAAA1', path: 'ideas/0ZZ-AAAA1-x.md', ok: false, blocking: true }]);
  });

  describe('municipality reviewers', () => {
    const withReviewers = parseConfig(renderDefaultConfig('Test'));
    withReviewers.municipalities.find((m) => m.code === 'skovde')!.reviewers = ['@anna', 'anna@skovde.se'];
    withReviewers.municipalities.find((m) => m.code === 'tibro')!.reviewers = ['@tore'];
    const joined = idea({ municipalities: [{ municipality: 'skovde', role: 'owner' }, { municipality: 'tibro', role: 'co-funder', share: 30 }] });
    const change = reviewed({ before: idea(), after: joined });

    it('lists the reviewers of every municipality, informational without approvals', () => {
      const { reviewersNeeded } = evaluateRules(withReviewers, [change]);
      expect(reviewersNeeded.map((r) => [r.municipality, r.reviewers, r.status, r.blocking])).toEqual([
        ['skovde', ['@anna', 'anna@skovde.se'], 'unchecked', false],
        ['tibro', ['@tore'], 'unchecked', false],
      ]);
    });

    it('blocks a missing approval when approvals are given', () => {
      const { reviewersNeeded } = evaluateRules(withReviewers, [change], { approvals: ['anna'] });
      expect(reviewersNeeded.map((r) => [r.municipality, r.status, r.approvedBy, r.blocking])).toEqual([
        ['skovde', 'approved', ['@anna'], false],
        ['tibro', 'missing', [], true],
      ]);
      const all = evaluateRules(withReviewers, [change], { approvals: ['ANNA@skovde.se', '@tore'] }).reviewersNeeded;
      expect(all.every((r) => r.status === 'approved')).toBe(true);
    });

    it('counts the actor as an approval of their own municipality', () => {
      const { reviewersNeeded } = evaluateRules(withReviewers, [change], { approvals: ['@tore'], actor: '@anna' });
      expect(reviewersNeeded.every((r) => r.status === 'approved')).toBe(true);
    });

    it('warns, without blocking, when a municipality lists no reviewers', () => {
      const leaving = reviewed({ before: idea({ municipalities: [{ municipality: 'skovde', role: 'owner' }, { municipality: 'vara', role: 'interested' }] }), after: idea() });
      const vara = evaluateRules(withReviewers, [leaving], { approvals: ['anna'] }).reviewersNeeded.find((r) => r.municipality === 'vara');
      expect(vara).toMatchObject({ status: 'no-reviewers', blocking: false });
    });

    it('needs nothing when municipality_reviewers is off', () => {
      const off = { ...withReviewers, review: { ...withReviewers.review, municipality_reviewers: false } };
      expect(evaluateRules(off, [change], { approvals: [] }).reviewersNeeded).toEqual([]);
    });
  });
});

describe('findBranchDuplicates', () => {
  const settings = parseConfig(renderDefaultConfig('Test')).duplicates;
  const make = (id: string, title: string, problem: string, extra: Partial<IdeaData> = {}) => ({
    data: idea({ id, title, ...extra }),
    body: renderBody({ problem }),
    path: `ideas/${id}-x.md`,
  });
  const base = [
    make('0ZZ-AAAA1', 'Digitala lås i hemtjänsten', 'Hemtjänstens personal hanterar hundratals fysiska nycklar till brukarnas bostäder och nycklar kommer bort.'),
    make('0ZZ-AAAA2', 'Solceller på förskolornas tak', 'Förskolorna har stora platta tak och höga elkostnader.', { municipality: 'vara' }),
  ];
  const copy = make('100-BBBB1', 'Digitala lås i hemtjänsten', 'Hemtjänstens personal hanterar hundratals fysiska nycklar till brukarnas bostäder och nycklar kommer bort.', { municipality: 'tibro' });

  it('flags a new idea like one at the base, with candidate, municipality and score', () => {
    const found = findBranchDuplicates(base, [copy], settings, '2026-11-27');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id: '100-BBBB1', candidate: { id: '0ZZ-AAAA1', municipality: 'skovde', isNew: false }, blocking: false });
    expect(found[0]!.candidate.score).toBeGreaterThan(0.65);
  });

  it('does not flag a candidate the idea already links to', () => {
    const linked = { ...copy, data: { ...copy.data, links: { related: ['0ZZ-AAAA1'] } } };
    expect(findBranchDuplicates(base, [linked], settings, '2026-11-27')).toEqual([]);
  });

  it('flags two new ideas alike once, and blocks with the option', () => {
    const twin = { ...copy, data: { ...copy.data, id: '100-CCCC1' }, path: 'ideas/100-CCCC1-x.md' };
    const found = findBranchDuplicates([base[1]!], [copy, twin], settings, '2026-11-27', { blocking: true });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ candidate: { isNew: true }, blocking: true });
  });
});
