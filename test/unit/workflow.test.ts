import { describe, expect, it } from 'vitest';
import { parseConfig, renderDefaultConfig } from '../../src/core/format/config-file.js';
import { validateIdeaSchema } from '../../src/core/format/schema.js';
import { assessmentsOf } from '../../src/core/history.js';
import type { IdeaData } from '../../src/core/idea.js';
import { explainError } from '../../src/ui/messages.js';
import { allowedNextStages, assessIdea, coordinatorNeeded, mergeIdeas, moveIdea } from '../../src/core/workflow.js';
import { ideaData } from '../helpers/registers.js';
import { refused } from '../helpers/refused.js';

const config = parseConfig(renderDefaultConfig('Test'));
const actor = { by: 'Maria Holm', today: '2026-12-01' };
const idea = (id: string, extra: Partial<IdeaData> = {}) => ({ ...ideaData({ id, title: `Idé ${id}`, municipality: 'skovde', problem: '' }), ...extra });
const lookupIn = (...ideas: IdeaData[]) => (id: string) => ideas.find((i) => i.id === id);

describe('moving an idea', () => {
  it('follows the allowed transitions and records the move as data: from, to, who and a note', () => {
    const moved = moveIdea(config, idea('100-AAAAA'), { ...actor, to: 'Första bedömning', note: 'Till mötet' });
    expect(moved.status).toBe('forsta-bedomning');
    expect(moved.updated).toBe('2026-12-01');
    expect(moved.history.at(-1)).toEqual({ date: '2026-12-01', action: 'moved', from: 'inkommen', status: 'forsta-bedomning', by: 'Maria Holm', note: 'Till mötet' });
    expect(validateIdeaSchema(moved)).toEqual([]);
  });

  it('refuses a transition sluss.yaml does not allow and lists the allowed next stages', () => {
    const error = refused(() => moveIdea(config, idea('100-AAAAA'), { ...actor, to: 'spridning' }));
    expect(error.code).toBe('transition-not-allowed');
    expect(error.params['allowed']).toEqual(['forsta-bedomning (Första bedömning)', 'avslagen (Avslagen)', 'parkerad (Parkerad)', 'dubblett (Dubblett)']);
  });

  it('says a final stage is final instead of listing no stages', () => {
    const error = refused(() => moveIdea(config, idea('100-AAAAA', { status: 'spridning' }), { ...actor, to: 'parkerad' }));
    expect(error.params['final']).toBe('yes');
    expect(explainError('sv', error.code, error.params).hint).toBe('Spridning är ett slutsteg: idén flyttas inte vidare därifrån.');
    expect(explainError('en', error.code, error.params).hint).toBe('Spridning is a final stage: the idea does not move on from there.');
  });

  it('needs an assessment to leave the first assessment, except as a duplicate', () => {
    const inAssessment = idea('100-AAAAA', { status: 'forsta-bedomning' });
    expect(refused(() => moveIdea(config, inAssessment, { ...actor, to: 'utredning' })).code).toBe('assessment-required');
    expect(refused(() => moveIdea(config, inAssessment, { ...actor, to: 'avslagen' })).code).toBe('assessment-required');
    const survivor = idea('100-BBBBB');
    expect(moveIdea(config, inAssessment, { ...actor, to: 'dubblett', duplicateOf: survivor.id }, lookupIn(survivor)).status).toBe('dubblett');
    const assessed = assessIdea(config, inAssessment, { ...actor, scores: { nytta: 4, effekter: 3, genomforbarhet: 5 } });
    expect(moveIdea(config, assessed, { ...actor, to: 'utredning' }).status).toBe('utredning');
  });

  it('lists the allowed next stages', () => {
    expect(allowedNextStages(config, idea('100-AAAAA', { status: 'inforande' })).map((s) => s.code)).toEqual(['spridning', 'parkerad']);
  });
});

describe('moving an idea to the duplicate stage', () => {
  const survivor = idea('100-BBBBB');

  it('needs the idea that lives on, and says how to give it', () => {
    const error = refused(() => moveIdea(config, idea('100-AAAAA'), { ...actor, to: 'dubblett' }));
    expect(error.code).toBe('missing-required');
    expect(explainError('sv', error.code, error.params).hint).toContain('sluss move 100-AAAAA dubblett --duplicate-of <id>');
  });

  it('points at the survivor and records it in the move', () => {
    const moved = moveIdea(config, idea('100-AAAAA'), { ...actor, to: 'dubblett', duplicateOf: survivor.id }, lookupIn(survivor));
    expect(moved.links).toEqual({ duplicate_of: '100-BBBBB' });
    expect(moved.history.at(-1)).toMatchObject({ action: 'moved', from: 'inkommen', status: 'dubblett', other: '100-BBBBB' });
  });

  it('refuses a survivor that is itself a duplicate, naming the one that lives on, and refuses circles', () => {
    const dead = idea('100-CCCCC', { status: 'dubblett', links: { duplicate_of: survivor.id } });
    const error = refused(() => moveIdea(config, idea('100-AAAAA'), { ...actor, to: 'dubblett', duplicateOf: dead.id }, lookupIn(survivor, dead)));
    expect(error.code).toBe('target-is-duplicate');
    expect(error.params['survivor']).toBe('100-BBBBB');
    const pointsBack = idea('100-DDDDD', { links: { duplicate_of: '100-AAAAA' } });
    const cycle = refused(() => moveIdea(config, idea('100-AAAAA'), { ...actor, to: 'dubblett', duplicateOf: pointsBack.id }, lookupIn(pointsBack)));
    expect(cycle.code).toBe('duplicate-cycle');
    expect(cycle.params['chain']).toEqual(['100-AAAAA', '100-DDDDD', '100-AAAAA']);
  });

  it('moving out of the duplicate stage brings the idea back to life without the link', () => {
    const duplicate = idea('100-AAAAA', { status: 'dubblett', links: { duplicate_of: survivor.id, related: ['100-EEEEE'] } });
    const back = moveIdea(config, duplicate, { ...actor, to: 'forsta-bedomning' });
    expect(back.links).toEqual({ related: ['100-EEEEE'] });
    expect(back.history.at(-1)).toMatchObject({ action: 'moved', from: 'dubblett', status: 'forsta-bedomning', other: '100-BBBBB' });
  });
});

describe('assessing an idea', () => {
  it('records every criterion in the configured order, by name or code, with the motivation, and the scores in the history', () => {
    const assessed = assessIdea(config, idea('100-AAAAA'), { ...actor, scores: { genomforbarhet: 5, Nytta: 4, effekter: 3 }, motivation: ' Stor nytta ' });
    expect(assessed.assessment).toEqual({ date: '2026-12-01', by: 'Maria Holm', scores: { nytta: 4, effekter: 3, genomforbarhet: 5 }, motivation: 'Stor nytta' });
    expect(Object.keys(assessed.assessment!.scores)).toEqual(['nytta', 'effekter', 'genomforbarhet']);
    expect(assessed.history.at(-1)).toEqual({ date: '2026-12-01', action: 'assessed', status: 'inkommen', by: 'Maria Holm', scores: { nytta: 4, effekter: 3, genomforbarhet: 5 } });
  });

  it('never replaces an earlier assessment silently: it needs replace, and the old one stays whole in the history', () => {
    const first = assessIdea(config, idea('100-AAAAA'), { by: 'Eva Berg', today: '2025-03-18', scores: { nytta: 5, effekter: 4, genomforbarhet: 4 }, motivation: 'Original' });
    const error = refused(() => assessIdea(config, first, { ...actor, scores: { nytta: 2, effekter: 2, genomforbarhet: 2 } }));
    expect(error.code).toBe('already-assessed');
    expect(explainError('sv', error.code, error.params).message).toBe('Idé 100-AAAAA är redan bedömd (2025-03-18 av Eva Berg).');
    const second = assessIdea(config, first, { ...actor, scores: { nytta: 2, effekter: 2, genomforbarhet: 2 }, replace: true });
    expect(second.assessment).toMatchObject({ by: 'Maria Holm', scores: { nytta: 2, effekter: 2, genomforbarhet: 2 } });
    expect(second.history.at(-1)!.replaced).toEqual(first.assessment);
    expect(assessmentsOf(config, second).map((a) => a.by)).toEqual(['Eva Berg', 'Maria Holm']);
    expect(validateIdeaSchema(second)).toEqual([]);
  });

  it('refuses scores outside 1–5, unknown criteria, a criterion twice and missing ones, each with its own hint', () => {
    const range = refused(() => assessIdea(config, idea('100-AAAAA'), { ...actor, scores: { nytta: 6, effekter: 3, genomforbarhet: 5 } }));
    expect(range.code).toBe('invalid-score');
    expect(explainError('sv', range.code, range.params)).toEqual({ message: 'Ogiltig poäng: nytta=6.', hint: 'Poängen är ett heltal från 1 till 5.' });
    const unknown = refused(() => assessIdea(config, idea('100-AAAAA'), { ...actor, scores: { kostnad: 3 } }));
    expect(explainError('en', unknown.code, unknown.params).message).toBe('Unknown criterion: kostnad.');
    expect(refused(() => assessIdea(config, idea('100-AAAAA'), { ...actor, scores: { ['__proto__']: 3 } })).params['reason']).toBe('criterion');
    expect(refused(() => assessIdea(config, idea('100-AAAAA'), { ...actor, scores: { nytta: 3, Nytta: 4 } })).params['reason']).toBe('repeated');
    const missing = refused(() => assessIdea(config, idea('100-AAAAA'), { ...actor, scores: { nytta: 3 } }));
    expect(missing.params['fields']).toEqual(['--score effekter=<1-5>', '--score genomforbarhet=<1-5>']);
    expect(explainError('sv', missing.code, missing.params).hint).toContain('sluss assess 100-AAAAA --score nytta=4 --score effekter=3 --score genomforbarhet=5');
  });
});

describe('merging', () => {
  const merge = (duplicate: IdeaData, into: IdeaData, ...others: IdeaData[]) => mergeIdeas(config, duplicate, into, { ...actor, note: 'Samma sak' }, lookupIn(duplicate, into, ...others));

  it('moves the duplicate to the duplicate stage and its municipalities and tags over, each as an event', () => {
    const duplicate = idea('100-BBBBB', { municipality: 'hjo', municipalities: [{ municipality: 'hjo', role: 'owner' }, { municipality: 'vara', role: 'co-funder', share: 20 }], tags: ['lås'], status: 'utredning' });
    const into = idea('100-AAAAA', { tags: ['hemtjänst'] });
    const merged = merge(duplicate, into);
    expect(merged.duplicate.status).toBe('dubblett');
    expect(merged.duplicate.links).toEqual({ duplicate_of: '100-AAAAA' });
    expect(merged.duplicate.history.at(-1)).toMatchObject({ action: 'merged-into', from: 'utredning', status: 'dubblett', other: '100-AAAAA', note: 'Samma sak' });
    expect(merged.into.municipalities).toEqual([
      { municipality: 'skovde', role: 'owner' },
      { municipality: 'hjo', role: 'interested', joined: '2026-12-01' },
      { municipality: 'vara', role: 'co-funder', share: 20, joined: '2026-12-01' },
    ]);
    expect(merged.into.tags).toEqual(['hemtjänst', 'lås']);
    expect(merged.into.history.slice(1).map((e) => [e.action, e.municipality ?? e.other])).toEqual([
      ['merged-from', '100-BBBBB'],
      ['joined', 'hjo'],
      ['joined', 'vara'],
    ]);
    expect(validateIdeaSchema(merged.into)).toEqual([]);
  });

  it('obeys the same stage rules as move: an idea in a final stage is not merged', () => {
    const error = refused(() => merge(idea('100-BBBBB', { status: 'spridning' }), idea('100-AAAAA')));
    expect(error.code).toBe('transition-not-allowed');
    expect(refused(() => merge(idea('100-BBBBB', { status: 'test' }), idea('100-AAAAA'))).code).toBe('transition-not-allowed');
  });

  it('refuses a survivor that is a duplicate, naming the idea that lives on', () => {
    const live = idea('100-CCCCC');
    const dead = idea('100-AAAAA', { status: 'dubblett', links: { duplicate_of: live.id } });
    const error = refused(() => merge(idea('100-BBBBB'), dead, live));
    expect(error.code).toBe('target-is-duplicate');
    expect(explainError('sv', error.code, error.params).hint).toBe('Idén som lever vidare är 100-CCCCC: sluss merge 100-BBBBB 100-CCCCC.');
  });

  it('says clearly that an idea already merged cannot be merged again, into the same or another idea', () => {
    const merged = idea('100-BBBBB', { status: 'dubblett', links: { duplicate_of: '100-AAAAA' } });
    const same = refused(() => merge(merged, idea('100-AAAAA')));
    expect(explainError('sv', same.code, same.params).message).toBe('Idé 100-BBBBB är redan sammanslagen med 100-AAAAA.');
    const other = refused(() => merge(merged, idea('100-CCCCC')));
    expect(other.code).toBe('already-merged');
    expect(explainError('sv', other.code, other.params).message).toBe('Idé 100-BBBBB är redan en dubblett (Dubblett) av 100-AAAAA och kan inte slås ihop med 100-CCCCC också.');
    expect(explainError('sv', other.code, other.params).hint).not.toContain('Inget behövde ändras');
  });

  it('refuses the merges that would leave ideas without a survivor (A into B, B into A, C into A)', () => {
    const a = idea('100-AAAAA');
    const b = idea('100-BBBBB');
    const first = merge(a, b);
    expect(refused(() => merge(b, first.duplicate)).code).toBe('duplicate-cycle');
    const c = idea('100-CCCCC');
    const error = refused(() => merge(c, first.duplicate, first.into));
    expect(error.params['survivor']).toBe('100-BBBBB');
  });
});

describe('the coordinator rule, before review', () => {
  const withCoordinators = { ...config, coordinators: ['Maria Holm', 'samordnare@skaraborg.se'] };
  const inAssessment = idea('100-AAAAA', { status: 'forsta-bedomning' });

  it('names the stage and the coordinators when someone else moves an idea out of a coordinator stage', () => {
    expect(coordinatorNeeded(withCoordinators, inAssessment, 'utredning', { name: 'Anna Lindqvist', email: 'anna@hjo.se' })).toEqual({ stage: 'Första bedömning', coordinators: ['Maria Holm', 'samordnare@skaraborg.se'] });
    expect(coordinatorNeeded(config, inAssessment, 'utredning', { name: 'Anna Lindqvist' })).toEqual({ stage: 'Första bedömning', coordinators: [] });
  });

  it('says nothing to a coordinator (by name or e-mail), into the duplicate stage, or outside coordinator stages', () => {
    expect(coordinatorNeeded(withCoordinators, inAssessment, 'utredning', { name: 'maria holm' })).toBeUndefined();
    expect(coordinatorNeeded(withCoordinators, inAssessment, 'utredning', { name: 'M', email: 'samordnare@skaraborg.se' })).toBeUndefined();
    expect(coordinatorNeeded(withCoordinators, inAssessment, 'dubblett', { name: 'Anna' })).toBeUndefined();
    expect(coordinatorNeeded(withCoordinators, idea('100-AAAAA'), 'forsta-bedomning', { name: 'Anna' })).toBeUndefined();
  });
});
