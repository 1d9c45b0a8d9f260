import { describe, expect, it } from 'vitest';
import { parseConfig, renderDefaultConfig } from '../../src/core/format/config-file.js';
import { renderBody } from '../../src/core/format/idea-file.js';
import type { IdeaData } from '../../src/core/idea.js';
import { diffIdeas, reviewableData } from '../../src/core/review/diff.js';
import type { IdeaChange, ReviewedIdea } from '../../src/core/review/diff.js';
import { evaluateRules, namesAccount, namesCommitAuthor, reviewTrust } from '../../src/core/review/rules.js';

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
  it('lists an added idea with what it is about, and a deleted idea', () => {
    expect(diffIdeas(undefined, idea(), { after: renderBody({ problem: 'Nycklar kommer bort.' }) })).toEqual([
      { kind: 'added', municipality: 'skovde', category: 'vard-omsorg', problem: 'Nycklar kommer bort.' },
    ]);
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

  it('reports rewritten history, not a move, and counts the entries gone or edited', () => {
    const changes = diffIdeas(idea(), idea({ history: [{ date: '2026-01-15', status: 'inkommen', by: 'Someone Else' }] }));
    expect(changes).toEqual([{ kind: 'history-rewritten', entries: 1 }]);
    const before = idea(moved('inkommen', 'forsta-bedomning'));
    expect(diffIdeas(before, { ...before, history: before.history.slice(1) })).toEqual([{ kind: 'history-rewritten', entries: 1 }]);
    expect(diffIdeas(before, { ...before, history: [] })).toEqual([{ kind: 'history-rewritten', entries: 2 }]);
  });

  it('does not list the bookkeeping field updated', () => {
    expect(diffIdeas(idea(), idea({ updated: '2026-03-01' }))).toEqual([]);
  });

  it('lists a not-duplicate decision as a link', () => {
    expect(diffIdeas(idea(), idea({ links: { not_duplicates: ['0ZZ-BBBB1'] } }))).toEqual([{ kind: 'link-added', link: 'not_duplicates', target: '0ZZ-BBBB1' }]);
  });

  it('shows a hand edit that breaks the schema as a change, as far as the file parses', () => {
    const before = idea({ municipalities: [{ municipality: 'skovde', role: 'owner' }, { municipality: 'hjo', role: 'co-funder', share: 30 }] });
    const raw = { ...before, municipalities: [{ municipality: 'skovde', role: 'owner' }, { municipality: 'hjo', role: 'co-funder', share: '50 %' }], history: 'gone' };
    const after = reviewableData(raw)!;
    expect(diffIdeas(before, after)).toContainEqual({ kind: 'participant-changed', municipality: 'hjo', share: { from: 30, to: '50 %' } });
    expect(diffIdeas(before, after)).toContainEqual({ kind: 'history-rewritten', entries: 1 });
    expect(reviewableData('not a map')).toBeUndefined();
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
  const local = reviewTrust({ ci: false });
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
    const { rules } = evaluateRules(config, [reviewed({ before: inFirst, after: assessedMove('utredning') })], local);
    expect(rules).toEqual([
      expect.objectContaining({ rule: 'coordinator-move', from: 'forsta-bedomning', to: 'utredning', ok: false, blocking: true, madeBy: ['Test Coach <coach@example.se>'], mode: 'local' }),
    ]);
  });

  it('locally, believes a commit author named as coordinator, by name or e-mail, in any case', () => {
    for (const author of [{ name: 'maria holm', email: 'm@example.se' }, { name: 'M', email: 'MARIA@example.se' }]) {
      const cfg = parseConfig(renderDefaultConfig('Test', { coordinators: ['Maria Holm', 'maria@example.se'] }));
      const { rules } = evaluateRules(cfg, [reviewed({ before: inFirst, after: assessedMove('utredning'), authors: [author] })], local);
      expect(rules[0]).toMatchObject({ ok: true, blocking: false, confirmedBy: { how: 'git-author' } });
    }
  });

  it('in forge mode, never believes a commit author: a forged coordinator author with actor @mallory blocks', () => {
    const forged = reviewed({ before: inFirst, after: assessedMove('utredning'), authors: [{ name: 'Maria Holm', email: 'maria@example.se' }] });
    const { rules } = evaluateRules(config, [forged], reviewTrust({ actor: '@mallory', ci: true }));
    expect(rules[0]).toMatchObject({ ok: false, blocking: true, actor: '@mallory', madeBy: ['Maria Holm <maria@example.se>'], mode: 'forge' });
    expect(rules[0]).not.toHaveProperty('confirmedBy');
    // The CI variable alone is forge mode too: without an actor nothing identifies anyone.
    expect(evaluateRules(config, [forged], reviewTrust({ ci: true })).rules[0]).toMatchObject({ ok: false, mode: 'forge' });
  });

  it('in forge mode, accepts the move when a coordinator opened it or approved it', () => {
    const move = reviewed({ before: inFirst, after: assessedMove('utredning') });
    expect(evaluateRules(config, [move], reviewTrust({ actor: '@Samordnaren', ci: true })).rules[0]).toMatchObject({ ok: true, confirmedBy: { who: '@Samordnaren', how: 'actor' } });
    expect(evaluateRules(config, [move], reviewTrust({ actor: '@mallory', approvals: ['samordnaren'], ci: true })).rules[0]).toMatchObject({
      ok: true,
      confirmedBy: { who: '@samordnaren', how: 'approval' },
    });
  });

  it('matches forge accounts with or without @, and commit authors only by name or e-mail', () => {
    expect(namesAccount('@samordnaren', 'Samordnaren')).toBe(true);
    expect(namesAccount('Maria Holm', '@maria')).toBe(false);
    expect(namesCommitAuthor('@samordnaren', [{ name: '@samordnaren', email: 'x@example.se' }])).toBe(false);
    expect(namesCommitAuthor('maria@example.se', [{ name: 'M', email: 'Maria@Example.se' }])).toBe(true);
  });

  it('lets anyone move an idea to a stage of kind duplicate, and out of other stages', () => {
    const { rules } = evaluateRules(config, [
      reviewed({ before: inFirst, after: assessedMove('dubblett') }),
      reviewed({ before: idea(), after: idea(moved('inkommen', 'forsta-bedomning')) }),
    ], local);
    expect(rules).toEqual([]);
  });

  it('holds hand-edited moves to the workflow: allowed transitions and the assessment', () => {
    const skipped = evaluateRules(config, [reviewed({ before: idea(), after: idea(moved('inkommen', 'inforande')) })], local).rules;
    expect(skipped).toEqual([
      expect.objectContaining({ rule: 'workflow-move', from: 'inkommen', to: 'inforande', reason: 'transition', allowed: ['forsta-bedomning', 'avslagen', 'parkerad', 'dubblett'], blocking: true }),
    ]);
    const unassessed = idea({ ...moved('forsta-bedomning', 'utredning'), status: 'utredning' });
    const rules = evaluateRules(config, [reviewed({ before: inFirst, after: unassessed, authors: [{ name: 'Maria Holm', email: 'm@example.se' }] })], local).rules;
    expect(rules.map((r) => [r.rule, r.ok, 'reason' in r ? r.reason : ''])).toEqual([
      ['workflow-move', false, 'assessment'],
      ['coordinator-move', true, ''],
    ]);
  });

  it('blocks a deleted idea', () => {
    const { rules } = evaluateRules(config, [reviewed({ before: idea(), change: 'deleted' })], local);
    expect(rules).toEqual([{ rule: 'never-delete', id: '0ZZ-AAAA1', path: 'ideas/0ZZ-AAAA1-x.md', ok: false, blocking: true }]);
  });

  it('blocks deleted or edited history entries: the history is append-only', () => {
    const before = idea(moved('inkommen', 'forsta-bedomning'));
    const { rules } = evaluateRules(config, [reviewed({ before, after: { ...before, history: before.history.slice(0, 1) } })], local);
    expect(rules).toEqual([{ rule: 'history-append-only', id: '0ZZ-AAAA1', path: 'ideas/0ZZ-AAAA1-x.md', entries: 1, ok: false, blocking: true }]);
  });

  describe('municipality reviewers', () => {
    const withReviewers = parseConfig(renderDefaultConfig('Test'));
    withReviewers.municipalities.find((m) => m.code === 'skovde')!.reviewers = ['@anna', 'anna@skovde.se'];
    withReviewers.municipalities.find((m) => m.code === 'tibro')!.reviewers = ['@tore'];
    const joined = idea({ municipalities: [{ municipality: 'skovde', role: 'owner' }, { municipality: 'tibro', role: 'co-funder', share: 30 }] });
    const change = reviewed({ before: idea(), after: joined });

    it('lists the reviewers of every municipality, informational without approvals', () => {
      const { reviewersNeeded } = evaluateRules(withReviewers, [change], local);
      expect(reviewersNeeded.map((r) => [r.municipality, r.reviewers, r.status, r.blocking])).toEqual([
        ['skovde', ['@anna', 'anna@skovde.se'], 'unchecked', false],
        ['tibro', ['@tore'], 'unchecked', false],
      ]);
    });

    it('blocks a missing approval when approvals are given', () => {
      const { reviewersNeeded } = evaluateRules(withReviewers, [change], reviewTrust({ approvals: ['anna'], ci: false }));
      expect(reviewersNeeded.map((r) => [r.municipality, r.status, r.approvedBy, r.blocking])).toEqual([
        ['skovde', 'approved', ['@anna'], false],
        ['tibro', 'missing', [], true],
      ]);
      const all = evaluateRules(withReviewers, [change], reviewTrust({ approvals: ['ANNA@skovde.se', '@tore'], ci: false })).reviewersNeeded;
      expect(all.every((r) => r.status === 'approved')).toBe(true);
    });

    it('never counts the actor as an approval: a reviewer does not approve their own pull request', () => {
      const own = evaluateRules(withReviewers, [change], reviewTrust({ approvals: ['@tore'], actor: '@anna', ci: true })).reviewersNeeded;
      expect(own.map((r) => [r.municipality, r.status, r.blocking])).toEqual([
        ['skovde', 'missing', true],
        ['tibro', 'approved', false],
      ]);
      // Even when the forge lists the author among the approvals.
      const listed = evaluateRules(withReviewers, [change], reviewTrust({ approvals: ['anna', '@tore'], actor: '@anna', ci: true })).reviewersNeeded;
      expect(listed.find((r) => r.municipality === 'skovde')).toMatchObject({ status: 'missing', approvedBy: [] });
    });

    it('warns, without blocking, when a municipality lists no reviewers', () => {
      const leaving = reviewed({ before: idea({ municipalities: [{ municipality: 'skovde', role: 'owner' }, { municipality: 'vara', role: 'interested' }] }), after: idea() });
      const vara = evaluateRules(withReviewers, [leaving], reviewTrust({ approvals: ['anna'], ci: false })).reviewersNeeded.find((r) => r.municipality === 'vara');
      expect(vara).toMatchObject({ status: 'no-reviewers', blocking: false });
    });

    it('needs nothing when municipality_reviewers is off', () => {
      const off = { ...withReviewers, review: { ...withReviewers.review, municipality_reviewers: false } };
      expect(evaluateRules(off, [change], reviewTrust({ approvals: [], ci: false })).reviewersNeeded).toEqual([]);
    });
  });
});
