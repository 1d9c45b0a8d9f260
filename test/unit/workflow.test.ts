import { describe, expect, it } from 'vitest';
import { SlussError } from '../../src/core/errors.js';
import { parseConfig, renderDefaultConfig } from '../../src/core/format/config-file.js';
import type { IdeaData } from '../../src/core/idea.js';
import { allowedNextStages, assessIdea, joinIdea, leaveIdea, linkIdeas, mergeIdeas, moveIdea, unlinkIdeas } from '../../src/core/workflow.js';
import { ideaData } from '../helpers/registers.js';

const config = parseConfig(renderDefaultConfig('Test'));
const actor = { by: 'Maria Holm', today: '2026-12-01' };
const idea = (id: string, extra: Partial<IdeaData> = {}) => ({ ...ideaData({ id, title: `Idé ${id}`, municipality: 'skovde', problem: '' }), ...extra });

function refused(action: () => unknown): SlussError {
  try {
    action();
  } catch (error) {
    if (error instanceof SlussError) return error;
    throw error;
  }
  throw new Error('expected the change to be refused');
}

describe('moving an idea', () => {
  it('follows the allowed transitions and records from, to, who and a note', () => {
    const moved = moveIdea(config, idea('100-AAAAA'), { ...actor, to: 'Första bedömning', note: 'Till mötet' });
    expect(moved.status).toBe('forsta-bedomning');
    expect(moved.updated).toBe('2026-12-01');
    expect(moved.history.at(-1)).toEqual({ date: '2026-12-01', from: 'inkommen', status: 'forsta-bedomning', by: 'Maria Holm', note: 'Till mötet' });
  });

  it('refuses a transition sluss.yaml does not allow and lists the allowed next stages', () => {
    const error = refused(() => moveIdea(config, idea('100-AAAAA'), { ...actor, to: 'spridning' }));
    expect(error.code).toBe('transition-not-allowed');
    expect(error.params['allowed']).toEqual(['forsta-bedomning (Första bedömning)', 'avslagen (Avslagen)', 'parkerad (Parkerad)', 'dubblett (Dubblett)']);
  });

  it('needs an assessment to leave the first assessment, except as a duplicate', () => {
    const inAssessment = idea('100-AAAAA', { status: 'forsta-bedomning' });
    expect(refused(() => moveIdea(config, inAssessment, { ...actor, to: 'utredning' })).code).toBe('assessment-required');
    expect(refused(() => moveIdea(config, inAssessment, { ...actor, to: 'avslagen' })).code).toBe('assessment-required');
    expect(moveIdea(config, inAssessment, { ...actor, to: 'dubblett' }).status).toBe('dubblett');
    const assessed = assessIdea(config, inAssessment, { ...actor, scores: { nytta: 4, effekter: 3, genomforbarhet: 5 } });
    expect(moveIdea(config, assessed, { ...actor, to: 'utredning' }).status).toBe('utredning');
  });

  it('lists the allowed next stages', () => {
    expect(allowedNextStages(config, idea('100-AAAAA', { status: 'inforande' })).map((s) => s.code)).toEqual(['spridning', 'parkerad']);
  });
});

describe('assessing an idea', () => {
  it('records every criterion in the configured order, by name or code, with the motivation', () => {
    const assessed = assessIdea(config, idea('100-AAAAA'), { ...actor, scores: { genomforbarhet: 5, Nytta: 4, effekter: 3 }, motivation: ' Stor nytta ' });
    expect(assessed.assessment).toEqual({ date: '2026-12-01', by: 'Maria Holm', scores: { nytta: 4, effekter: 3, genomforbarhet: 5 }, motivation: 'Stor nytta' });
    expect(Object.keys(assessed.assessment!.scores)).toEqual(['nytta', 'effekter', 'genomforbarhet']);
    expect(assessed.history.at(-1)!.note).toBe('Nytta 4, Effekter 3, Genomförbarhet 5');
  });

  it('refuses scores outside 1–5, unknown criteria and missing ones', () => {
    expect(refused(() => assessIdea(config, idea('100-AAAAA'), { ...actor, scores: { nytta: 6, effekter: 3, genomforbarhet: 5 } })).code).toBe('invalid-score');
    expect(refused(() => assessIdea(config, idea('100-AAAAA'), { ...actor, scores: { kostnad: 3 } })).code).toBe('invalid-score');
    expect(refused(() => assessIdea(config, idea('100-AAAAA'), { ...actor, scores: { nytta: 3 } })).params['fields']).toEqual(['--score effekter=<1-5>', '--score genomforbarhet=<1-5>']);
  });
});

describe('joining and leaving', () => {
  it('keeps cost shares at 100 % or less', () => {
    const joined = joinIdea(config, idea('100-AAAAA'), { ...actor, municipality: 'Tibro', role: 'co-funder', share: 60, note: 'Tibro anslöt.' });
    expect(joined.municipalities.at(-1)).toEqual({ municipality: 'tibro', role: 'co-funder', share: 60, joined: '2026-12-01' });
    const error = refused(() => joinIdea(config, joined, { ...actor, municipality: 'hjo', role: 'co-funder', share: 50, note: '' }));
    expect(error.code).toBe('shares-over-100');
    expect(error.params['available']).toBe(40);
  });

  it('lets a participant leave, but not the owner or a stranger', () => {
    const joined = joinIdea(config, idea('100-AAAAA'), { ...actor, municipality: 'tibro', role: 'interested', note: '' });
    expect(leaveIdea(config, joined, { ...actor, municipality: 'Tibro', note: 'Tibro lämnade.' }).municipalities.map((p) => p.municipality)).toEqual(['skovde']);
    expect(refused(() => leaveIdea(config, joined, { ...actor, municipality: 'skovde', note: '' })).code).toBe('owner-cannot-leave');
    expect(refused(() => leaveIdea(config, joined, { ...actor, municipality: 'vara', note: '' })).code).toBe('not-participant');
  });
});

describe('links and merges', () => {
  it('links related ideas both ways and unlinks them again', () => {
    const { data, other } = linkIdeas(idea('100-AAAAA'), idea('100-BBBBB'), 'related');
    expect(data.links).toEqual({ related: ['100-BBBBB'] });
    expect(other.links).toEqual({ related: ['100-AAAAA'] });
    const unlinked = unlinkIdeas(data, other, 'related');
    expect(unlinked.data.links).toBeUndefined();
    expect(unlinked.other.links).toBeUndefined();
  });

  it('marks a duplicate one way and refuses links to itself or twice', () => {
    const { data, other } = linkIdeas(idea('100-AAAAA'), idea('100-BBBBB'), 'duplicate_of');
    expect(data.links).toEqual({ duplicate_of: '100-BBBBB' });
    expect(other.links).toBeUndefined();
    expect(refused(() => linkIdeas(data, other, 'duplicate_of')).code).toBe('already-linked');
    expect(refused(() => linkIdeas(data, data, 'related')).code).toBe('link-invalid');
    expect(refused(() => unlinkIdeas(idea('100-AAAAA'), other, 'duplicate_of')).code).toBe('not-linked');
  });

  it('merges a duplicate: it moves to the duplicate stage, its municipalities and tags move over, nothing is lost', () => {
    const duplicate = idea('100-BBBBB', { municipality: 'hjo', municipalities: [{ municipality: 'hjo', role: 'owner' }, { municipality: 'vara', role: 'co-funder', share: 20 }], tags: ['lås'], status: 'utredning' });
    const into = idea('100-AAAAA', { tags: ['hemtjänst'] });
    const merged = mergeIdeas(config, duplicate, into, { ...actor, survivorNote: (names) => `Från ${duplicate.id}: ${names.join(', ')}`, duplicateNote: `Dubblett av ${into.id}.` });
    expect(merged.duplicate.status).toBe('dubblett');
    expect(merged.duplicate.links).toEqual({ duplicate_of: '100-AAAAA' });
    expect(merged.duplicate.history.at(-1)).toMatchObject({ from: 'utredning', status: 'dubblett', note: 'Dubblett av 100-AAAAA.' });
    expect(merged.into.municipalities).toEqual([
      { municipality: 'skovde', role: 'owner' },
      { municipality: 'hjo', role: 'interested', joined: '2026-12-01' },
      { municipality: 'vara', role: 'co-funder', share: 20, joined: '2026-12-01' },
    ]);
    expect(merged.into.tags).toEqual(['hemtjänst', 'lås']);
    expect(merged.into.history.at(-1)!.note).toBe('Från 100-BBBBB: Hjo, Vara');
    expect(refused(() => mergeIdeas(config, merged.duplicate, into, { ...actor, survivorNote: () => '', duplicateNote: '' })).code).toBe('already-linked');
  });
});
