import { describe, expect, it } from 'vitest';
import { parseConfig, renderDefaultConfig } from '../../src/core/format/config-file.js';
import { validateIdeaSchema } from '../../src/core/format/schema.js';
import type { IdeaData } from '../../src/core/idea.js';
import { followDuplicates, incomingLinks, linkIdeas, markNotDuplicate, unlinkIdeas } from '../../src/core/links.js';
import { explainError } from '../../src/ui/messages.js';
import { joinIdea, leaveIdea, updateParticipant } from '../../src/core/participants.js';
import { ideaData } from '../helpers/registers.js';
import { refused } from '../helpers/refused.js';

const config = parseConfig(renderDefaultConfig('Test'));
const actor = { by: 'Maria Holm', today: '2026-12-01' };
const idea = (id: string, extra: Partial<IdeaData> = {}) => ({ ...ideaData({ id, title: `Idé ${id}`, municipality: 'skovde', problem: '' }), ...extra });

describe('joining and leaving', () => {
  it('keeps cost shares at 100 % or less', () => {
    const joined = joinIdea(config, idea('100-AAAAA'), { ...actor, municipality: 'Tibro', role: 'co-funder', share: 60 });
    expect(joined.municipalities.at(-1)).toEqual({ municipality: 'tibro', role: 'co-funder', share: 60, joined: '2026-12-01' });
    expect(joined.history.at(-1)).toMatchObject({ action: 'joined', municipality: 'tibro', role: 'co-funder', share: 60 });
    const error = refused(() => joinIdea(config, joined, { ...actor, municipality: 'hjo', role: 'co-funder', share: 50 }));
    expect(error.code).toBe('shares-over-100');
    expect(error.params['available']).toBe(40);
  });

  it('points a municipality that takes part already at --update', () => {
    const joined = joinIdea(config, idea('100-AAAAA'), { ...actor, municipality: 'tibro', role: 'interested' });
    const error = refused(() => joinIdea(config, joined, { ...actor, municipality: 'Tibro', role: 'co-funder' }));
    expect(explainError('sv', error.code, error.params).hint).toBe('Ändra roll eller kostnadsandel med sluss join 100-AAAAA --municipality tibro --update --role co-funder --share 30.');
  });

  it('lets a participant leave, recording who left, but not the owner or a stranger', () => {
    const joined = joinIdea(config, idea('100-AAAAA'), { ...actor, municipality: 'tibro', role: 'interested' });
    const left = leaveIdea(config, joined, { ...actor, municipality: 'Tibro', note: 'Ingen budget.' });
    expect(left.municipalities.map((p) => p.municipality)).toEqual(['skovde']);
    expect(left.history.at(-1)).toMatchObject({ action: 'left', municipality: 'tibro', role: 'interested', note: 'Ingen budget.' });
    expect(refused(() => leaveIdea(config, joined, { ...actor, municipality: 'skovde' })).code).toBe('owner-cannot-leave');
    expect(refused(() => leaveIdea(config, joined, { ...actor, municipality: 'vara' })).code).toBe('not-participant');
  });
});

describe("changing a participant's role or share", () => {
  const base = joinIdea(config, idea('100-AAAAA'), { ...actor, municipality: 'hjo', role: 'interested' });

  it('changes role and share, records the new values, and keeps the 100 % rule', () => {
    const changed = updateParticipant(config, base, { ...actor, municipality: 'Hjo', role: 'co-funder', share: 70 });
    expect(changed.municipalities.at(-1)).toEqual({ municipality: 'hjo', role: 'co-funder', share: 70, joined: '2026-12-01' });
    expect(changed.history.at(-1)).toMatchObject({ action: 'participant-changed', municipality: 'hjo', role: 'co-funder', share: 70 });
    expect(validateIdeaSchema(changed)).toEqual([]);
    const withOwnerShare = updateParticipant(config, changed, { ...actor, municipality: 'skovde', share: 30 });
    expect(withOwnerShare.municipalities[0]).toEqual({ municipality: 'skovde', role: 'owner', share: 30 });
    const over = refused(() => updateParticipant(config, withOwnerShare, { ...actor, municipality: 'skovde', share: 31 }));
    expect(over.code).toBe('shares-over-100');
    expect(over.params['available']).toBe(30);
    // Its own old share does not count against it.
    expect(updateParticipant(config, withOwnerShare, { ...actor, municipality: 'hjo', share: 65 }).municipalities.at(-1)!.share).toBe(65);
  });

  it('refuses to change the owner role, a change that changes nothing, a stranger, and no change at all', () => {
    expect(refused(() => updateParticipant(config, base, { ...actor, municipality: 'skovde', role: 'co-funder' })).code).toBe('owner-role-fixed');
    const same = refused(() => updateParticipant(config, base, { ...actor, municipality: 'hjo', role: 'interested' }));
    expect(same.code).toBe('participant-unchanged');
    expect(explainError('sv', same.code, same.params).message).toBe('Hjo deltar redan som intresserad i idé 100-AAAAA.');
    expect(refused(() => updateParticipant(config, base, { ...actor, municipality: 'vara', share: 10 })).code).toBe('not-participant');
    expect(refused(() => updateParticipant(config, base, { ...actor, municipality: 'hjo' })).code).toBe('missing-required');
  });
});

describe('links', () => {
  it('links related ideas both ways with an event in each history, and unlinks them the same way', () => {
    const { data, other } = linkIdeas(idea('100-AAAAA'), idea('100-BBBBB'), 'related', actor);
    expect(data.links).toEqual({ related: ['100-BBBBB'] });
    expect(other.links).toEqual({ related: ['100-AAAAA'] });
    expect(data.history.at(-1)).toMatchObject({ action: 'linked', link: 'related', other: '100-BBBBB' });
    expect(other.history.at(-1)).toMatchObject({ action: 'linked', link: 'related', other: '100-AAAAA' });
    const unlinked = unlinkIdeas(data, other, 'related', actor);
    expect(unlinked.data.links).toBeUndefined();
    expect(unlinked.other.links).toBeUndefined();
    expect([unlinked.data, unlinked.other].map((d) => d.history.at(-1)!.action)).toEqual(['unlinked', 'unlinked']);
  });

  it('completes a related link a hand edit left on one end only', () => {
    const oneEnd = idea('100-AAAAA', { links: { related: ['100-BBBBB'] } });
    const { other } = linkIdeas(oneEnd, idea('100-BBBBB'), 'related', actor);
    expect(other.links).toEqual({ related: ['100-AAAAA'] });
  });

  it('marks a duplicate one way and refuses links to itself or twice', () => {
    const { data, other } = linkIdeas(idea('100-AAAAA'), idea('100-BBBBB'), 'duplicate_of', actor);
    expect(data.links).toEqual({ duplicate_of: '100-BBBBB' });
    expect(data.history.at(-1)).toMatchObject({ action: 'linked', link: 'duplicate_of', other: '100-BBBBB' });
    expect(other.links).toBeUndefined();
    expect(refused(() => linkIdeas(data, other, 'duplicate_of', actor)).code).toBe('already-linked');
    expect(refused(() => linkIdeas(data, data, 'related', actor)).code).toBe('link-invalid');
    expect(refused(() => unlinkIdeas(idea('100-AAAAA'), other, 'duplicate_of', actor)).code).toBe('not-linked');
  });

  it('records a not-duplicate decision as an event', () => {
    const marked = markNotDuplicate(idea('100-AAAAA'), idea('100-BBBBB'), { ...actor, note: 'Olika målgrupper' });
    expect(marked.links).toEqual({ not_duplicates: ['100-BBBBB'] });
    expect(marked.history.at(-1)).toMatchObject({ action: 'not-duplicate', other: '100-BBBBB', note: 'Olika målgrupper' });
  });

  it('finds the ideas that point at one: its duplicates and who lists it as related', () => {
    const all = [idea('100-AAAAA'), idea('100-BBBBB', { links: { duplicate_of: '100-AAAAA' } }), idea('100-CCCCC', { links: { related: ['100-AAAAA'] } })];
    expect(incomingLinks('100-AAAAA', all)).toEqual({ duplicates: ['100-BBBBB'], related: ['100-CCCCC'] });
  });

  it('follows duplicate chains to the live idea, or names the circle or dead end', () => {
    const ideas = new Map<string, IdeaData>();
    const add = (data: IdeaData) => ideas.set(data.id, data);
    add(idea('100-AAAAA', { status: 'dubblett', links: { duplicate_of: '100-BBBBB' } }));
    add(idea('100-BBBBB', { status: 'dubblett', links: { duplicate_of: '100-CCCCC' } }));
    add(idea('100-CCCCC'));
    expect(followDuplicates(config, '100-AAAAA', (id) => ideas.get(id))).toEqual({ kind: 'live', id: '100-CCCCC' });
    add(idea('100-CCCCC', { status: 'dubblett', links: { duplicate_of: '100-AAAAA' } }));
    expect(followDuplicates(config, '100-AAAAA', (id) => ideas.get(id))).toEqual({ kind: 'cycle', chain: ['100-AAAAA', '100-BBBBB', '100-CCCCC', '100-AAAAA'] });
    add(idea('100-CCCCC', { status: 'dubblett' }));
    expect(followDuplicates(config, '100-AAAAA', (id) => ideas.get(id))).toEqual({ kind: 'dead-end', chain: ['100-AAAAA', '100-BBBBB', '100-CCCCC'] });
  });
});
