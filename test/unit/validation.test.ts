import { describe, expect, it } from 'vitest';
import { parseConfig, renderDefaultConfig } from '../../src/core/format/config-file.js';
import { renderBody, serializeIdea } from '../../src/core/format/idea-file.js';
import type { IdeaData } from '../../src/core/idea.js';
import { formatProblem } from '../../src/ui/messages.js';
import { checkAcrossFiles, checkDuplicateChains, checkIdeaFile } from '../../src/core/validation.js';
import { ideaData } from '../helpers/registers.js';

const config = parseConfig(renderDefaultConfig('Test'));
const base = ideaData({ id: '115-7M4QD', title: 'Digital felanmälan', municipality: 'skovde', problem: '' });
const file = (data: IdeaData) => serializeIdea(data, renderBody({ problem: 'text' }));
const check = (path: string, text: string) => checkIdeaFile(config, { path, text });
const codes = (path: string, text: string) => check(path, text).problems.map((p) => p.code);

describe('checking one idea file', () => {
  it('passes a valid file and returns the idea', () => {
    const result = check('ideas/115-7M4QD-digital-felanmalan.md', file(base));
    expect(result.problems).toEqual([]);
    expect(result.idea?.data.id).toBe('115-7M4QD');
  });

  it('to show an idea, a problem of the register\'s rules needs no second, full parse for its line; validate still gets the line', () => {
    const text = file({ ...base, status: 'kommer-inte-finnas' });
    const path = 'ideas/115-7M4QD-x.md';
    const shown = checkIdeaFile(config, { path, text }, { withoutLines: true });
    expect(shown.idea?.data.title).toBe('Digital felanmälan');
    expect(shown.parsed, 'no YAML document was built').toBeUndefined();
    expect(shown.problems.map((p) => [p.code, p.line])).toEqual([['unknown-stage', undefined]]);
    const validated = check(path, text);
    expect(validated.parsed).toBeDefined();
    expect(validated.problems.map((p) => [p.code, p.line])).toEqual([['unknown-stage', text.split('\n').findIndex((l) => l.startsWith('status:')) + 1]]);
  });

  it('names the field and line of a schema problem, in both languages', () => {
    const text = file(base).replace('created: "2026-01-15"', 'created: "2026-02-30"');
    const [problem] = check('ideas/115-7M4QD-x.md', text).problems;
    expect(problem).toMatchObject({ file: 'ideas/115-7M4QD-x.md', field: 'created', code: 'schema' });
    expect(problem!.line).toBe(text.split('\n').findIndex((l) => l.startsWith('created:')) + 1);
    expect(formatProblem('sv', problem!)).toMatch(/^ideas\/115-7M4QD-x\.md:\d+: created: inget giltigt datum — skriv/);
    expect(formatProblem('en', problem!)).toMatch(/created: not a valid date — write/);
  });

  it('catches an id that does not match the file name, and a file name without an id', () => {
    expect(codes('ideas/115-7M4QE-digital.md', file(base))).toEqual(['id-mismatch']);
    expect(codes('ideas/felanmalan.md', file(base))).toEqual(['file-name']);
  });

  it('catches unknown stages, municipalities and categories, and shares over 100 %', () => {
    const data: IdeaData = {
      ...base,
      status: 'klar',
      category: 'rymden',
      municipalities: [
        { municipality: 'skovde', role: 'owner', share: 60 },
        { municipality: 'oslo', role: 'co-funder', share: 50 },
      ],
    };
    expect(codes('ideas/115-7M4QD-x.md', file(data)).sort()).toEqual(['shares-over-100', 'unknown-category', 'unknown-municipality', 'unknown-stage']);
  });

  it('reports every problem in one run: a bad date does not hide an unknown stage and category', () => {
    const text = file({ ...base, status: 'klar', category: 'rymden' }).replace('created: "2026-01-15"', 'created: "2026-13-45"');
    expect(codes('ideas/115-7M4QD-x.md', text).sort()).toEqual(['schema', 'unknown-category', 'unknown-stage']);
  });

  it('catches a municipality listed twice, two owners and no owner', () => {
    const twice = { ...base, municipalities: [{ municipality: 'skovde', role: 'owner' as const }, { municipality: 'Skövde', role: 'interested' as const }] };
    expect(codes('ideas/115-7M4QD-x.md', file(twice))).toEqual(['participant-repeated']);
    const twoOwners = { ...base, municipalities: [{ municipality: 'skovde', role: 'owner' as const }, { municipality: 'hjo', role: 'owner' as const }] };
    const [problem] = check('ideas/115-7M4QD-x.md', file(twoOwners)).problems;
    expect(problem).toMatchObject({ code: 'owner-count', params: { count: 2 } });
    expect(formatProblem('sv', problem!)).toContain('2 deltagare har rollen owner');
    const noOwner = { ...base, municipalities: [{ municipality: 'skovde', role: 'co-funder' as const }] };
    expect(codes('ideas/115-7M4QD-x.md', file(noOwner))).toEqual(['owner-count']);
  });

  it('needs the idea that lives on for an idea in a stage of kind duplicate', () => {
    expect(codes('ideas/115-7M4QD-x.md', file({ ...base, status: 'dubblett' }))).toEqual(['duplicate-without-target']);
    expect(codes('ideas/115-7M4QD-x.md', file({ ...base, status: 'dubblett', links: { duplicate_of: '115-8M4QD' } }))).toEqual([]);
  });

  it('checks the facts of history events: known municipality, and the fields each action needs', () => {
    const joined = { ...base, history: [...base.history, { date: '2026-02-01', action: 'joined' as const, status: 'inkommen', by: 'A', municipality: 'oslo', role: 'interested' as const }] };
    expect(check('ideas/115-7M4QD-x.md', file(joined)).problems.map((p) => [p.code, p.field])).toEqual([['unknown-municipality', 'history.1.municipality']]);
    const incomplete = { ...base, history: [...base.history, { date: '2026-02-01', action: 'joined' as const, status: 'inkommen', by: 'A' }] };
    expect(check('ideas/115-7M4QD-x.md', file(incomplete)).problems.map((p) => [p.code, p.field]).sort()).toEqual([
      ['schema', 'history.1.municipality'],
      ['schema', 'history.1.role'],
    ]);
  });

  it('accepts display names in the file', () => {
    expect(codes('ideas/115-7M4QD-x.md', file({ ...base, status: 'Första bedömning', municipality: 'Skövde', municipalities: [{ municipality: 'Skövde', role: 'owner' }] }))).toEqual([]);
  });

  it('flags personal data without recorded consent, and allows it with consent', () => {
    const leaky = serializeIdea({ ...base, history: [{ ...base.history[0]!, note: 'Ring Kalle på 070-123 45 67' }] }, renderBody({ problem: 'Kontakta kalle@example.se, pnr 121212-1212' }));
    const problems = check('ideas/115-7M4QD-x.md', leaky).problems;
    expect(problems.map((p) => [p.code, p.field, p.params?.['kind']])).toEqual([
      ['personal-data', 'history.0.note', 'phone'],
      ['personal-data', 'body', 'email'],
      ['personal-data', 'body', 'personnummer'],
    ]);
    expect(formatProblem('sv', problems[1]!)).not.toContain('kalle@example.se');
    const consented = serializeIdea({ ...base, submitter: { name: 'Kalle', email: 'kalle@example.se', consent: { date: '2026-01-10' } } }, renderBody({ problem: 'Kontakta kalle@example.se' }));
    expect(codes('ideas/115-7M4QD-x.md', consented)).toEqual([]);
  });

  it('turns unreadable input into problems, never exceptions', () => {
    expect(checkIdeaFile(config, { path: 'ideas/x.md', readProblem: 'binary' }).problems.map((p) => p.code)).toEqual(['binary']);
    for (const text of ['', '---', '---\n: : :\n---\n', '---\n[\n---\n', '\u0000\u0001', '---\ntitle: [unclosed\n---\n']) {
      expect(check('ideas/115-7M4QD-x.md', text).problems.length).toBeGreaterThan(0);
    }
  });
});

describe('checking across files', () => {
  it('finds duplicate ids, file names that clash when case is folded, and broken links', () => {
    const a = check('ideas/115-7M4QD-a.md', file(base));
    const b = check('ideas/115-7M4QD-A.md', file(base));
    const linked = check('ideas/115-8M4QD-c.md', file({ ...base, id: '115-8M4QD', links: { related: ['115-9ZZZZ'] } }));
    const problems = checkAcrossFiles([a, b, linked]);
    expect(problems.map((p) => [p.file, p.code])).toEqual([
      ['ideas/115-7M4QD-a.md', 'duplicate-id'],
      ['ideas/115-7M4QD-a.md', 'file-name-clash'],
      ['ideas/115-7M4QD-A.md', 'duplicate-id'],
      ['ideas/115-7M4QD-A.md', 'file-name-clash'],
      ['ideas/115-8M4QD-c.md', 'broken-link'],
    ]);
  });

  it('reports only for the files asked about, but compares with all', () => {
    const a = check('ideas/115-7M4QD-a.md', file(base));
    const b = check('ideas/115-7M4QD-b.md', file(base));
    expect(checkAcrossFiles([a, b], new Set(['ideas/115-7M4QD-b.md'])).map((p) => p.file)).toEqual(['ideas/115-7M4QD-b.md']);
  });

  it('reports duplicate chains that reach no live idea: circles and dead ends', () => {
    const at = (id: string, extra: Partial<IdeaData>) => check(`ideas/${id}-x.md`, file({ ...base, id, ...extra }));
    const circle = [at('115-1AAAA', { status: 'dubblett', links: { duplicate_of: '115-2AAAA' } }), at('115-2AAAA', { status: 'dubblett', links: { duplicate_of: '115-1AAAA' } })];
    const problems = checkDuplicateChains(config, circle);
    expect(problems.map((p) => [p.file, p.code, p.params?.['kind']])).toEqual([
      ['ideas/115-1AAAA-x.md', 'duplicate-chain', 'cycle'],
      ['ideas/115-2AAAA-x.md', 'duplicate-chain', 'cycle'],
    ]);
    expect(formatProblem('sv', problems[0]!)).toContain('115-1AAAA → 115-2AAAA → 115-1AAAA går i cirkel');
    const deadEnd = [at('115-1AAAA', { links: { duplicate_of: '115-2AAAA' } }), at('115-2AAAA', { status: 'dubblett' })];
    expect(checkDuplicateChains(config, deadEnd).map((p) => p.params?.['kind'])).toEqual(['dead-end']);
    const live = [at('115-1AAAA', { status: 'dubblett', links: { duplicate_of: '115-2AAAA' } }), at('115-2AAAA', {})];
    expect(checkDuplicateChains(config, live)).toEqual([]);
  });

  it('treats names that differ only in Unicode normalisation as a clash', () => {
    const nfc = check('ideas/115-7M4QD-å.md', file(base));
    const nfd = check('ideas/115-7M4QD-å.md'.normalize('NFD'), file({ ...base, id: '115-7M4QD' }));
    expect(checkAcrossFiles([nfc, nfd]).map((p) => p.code)).toContain('file-name-clash');
  });
});
