/** The workflow as a user meets it through bin/sluss: its own hints, refusals that say what to do, show, list and report. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createRegister, git, SAMPLE_IDEAS } from '../helpers/registers.js';
import { KEYS, Terminal } from '../helpers/terminal.js';

const { down: DOWN, enter: ENTER, backspace: BACKSPACE } = KEYS;

const exampleRegister = new URL('../..', import.meta.url).pathname;
const AAAA1 = 'ideas/0ZZ-AAAA1-digitala-las-i-hemtjansten.md';

describe('each workflow command gives its own hint', () => {
  it('move, join and assess without what they need, and without a terminal, exit 2 with their own example', async () => {
    const root = createRegister();
    const move = await runCli(['move', '0ZZ-AAAA1'], { cwd: root });
    expect(move.code).toBe(2);
    expect(move.stderr).toContain('sluss move 0ZZ-AAAA1 <steg>. Tillåtna steg härifrån: forsta-bedomning, avslagen, parkerad, dubblett');
    const join_ = await runCli(['join', '0ZZ-AAAA1'], { cwd: root });
    expect(join_.stderr).toContain('sluss join 0ZZ-AAAA1 --municipality Hjo');
    const assess = await runCli(['assess', '0ZZ-AAAA1', '--score', 'nytta=4'], { cwd: root });
    expect(assess.stderr).toContain('sluss assess 0ZZ-AAAA1 --score nytta=4 --score effekter=3 --score genomforbarhet=5');
    for (const result of [move, join_, assess]) {
      expect(result.code).toBe(2);
      expect(result.stderr).not.toContain('--title');
    }
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('says what is wrong with a score: out of range, not one number, twice, or no criterion', async () => {
    const root = createRegister();
    const six = await runCli(['assess', '0ZZ-AAAA1', '--score', 'nytta=6', '--score', 'effekter=3', '--score', 'genomforbarhet=3'], { cwd: root });
    expect(six.code).toBe(2);
    expect(six.stderr).toContain('Ogiltig poäng: nytta=6.');
    expect(six.stderr).toContain('Poängen är ett heltal från 1 till 5.');
    expect(six.stderr).not.toContain('kriterierna 1, 2');
    const comma = await runCli(['--lang', 'en', 'assess', '0ZZ-AAAA1', '--score', 'nytta=4,5'], { cwd: root });
    expect(comma.stderr).toContain('Invalid score: nytta=4,5.');
    expect(comma.stderr).toContain('Write criterion=score with a whole number 1–5, one --score per criterion, for example --score nytta=4 --score effekter=3 --score genomforbarhet=5.');
    const twice = await runCli(['assess', '0ZZ-AAAA1', '--score', 'nytta=4', '--score', 'nytta=5'], { cwd: root });
    expect(twice.stderr).toContain('Kriteriet nytta har fått poäng två gånger.');
    const proto = await runCli(['assess', '0ZZ-AAAA1', '--score', '__proto__=3', '--score', 'nytta=4', '--score', 'effekter=3', '--score', 'genomforbarhet=3'], { cwd: root });
    expect(proto.code).toBe(2);
    expect(proto.stderr).toContain('Okänt kriterium: __proto__.');
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('an unknown id is a usage error (exit 2), and a final stage says it is final', async () => {
    const root = createRegister({ ideas: [{ ...SAMPLE_IDEAS[0]!, status: 'spridning' }, SAMPLE_IDEAS[1]!] });
    for (const args of [['show', '0ZZ-ZZZZZ'], ['move', '0ZZ-ZZZZZ', 'test']]) {
      const result = await runCli(args, { cwd: root });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Hittar ingen idé med id 0ZZ-ZZZZZ.');
    }
    const final = await runCli(['move', '0ZZ-AAAA1', 'parkerad'], { cwd: root });
    expect(final.code).toBe(6);
    expect(final.stderr).toContain('Spridning är ett slutsteg: idén flyttas inte vidare därifrån.');
    expect(final.stderr).not.toContain('–.');
    const merge = await runCli(['merge', '0ZZ-AAAA1', '0ZZ-AAAA2'], { cwd: root });
    expect(merge.code).toBe(6);
    expect(merge.stderr).toContain('kan inte flyttas från Spridning till Dubblett');
  });

  it('list --since refuses days that do not exist, as report --since does', async () => {
    for (const since of ['2026-13-01', '2026-02-30']) {
      const list = await runCli(['list', '--since', since], { cwd: exampleRegister });
      const report = await runCli(['report', '--since', since, '--format', 'json'], { cwd: exampleRegister });
      expect([list.code, report.code]).toEqual([2, 2]);
      expect(list.stderr).toContain(`Ogiltigt värde för --since: ${since}.`);
      for (const result of [list, report]) expect(result.stderr).toContain('Ange ett datum som finns i kalendern, som ÅÅÅÅ-MM-DD');
    }
  });

  it('rules between flags say which flags and what to do, in the reader\'s language', async () => {
    const root = createRegister();
    const link = await runCli(['link', '0ZZ-AAAA1'], { cwd: root });
    expect([link.code, link.stderr]).toEqual([2, 'fel: Ange precis en av --duplicate-of <id> och --related <id>.\n  gör så här: Till exempel: sluss link 0CQ-R77CM --related 0NX-80YA2.\n']);
    const branch = await runCli(['--lang', 'en', 'move', '0ZZ-AAAA1', 'forsta-bedomning', '--branch', '--no-commit'], { cwd: root });
    expect(branch.code).toBe(2);
    expect(branch.stderr).toContain('--branch and --pr cannot be combined with --no-commit.');
    expect(branch.stderr).toContain('Leave out --no-commit');
    const consent = await runCli(['add', '--no-input', '--title', 'Bokbuss', '--municipality', 'hjo', '--submitter', 'Eva', '--consent', '2026-02-31'], { cwd: root });
    expect(consent.code).toBe(2);
    expect(consent.stderr).toContain('Idégivaren registreras bara med datum för samtycke');
    expect(git(root, 'status', '--porcelain')).toBe('');
  });
});

describe('merges and duplicates from the command line', () => {
  it('refuses to merge into a duplicate and names the survivor; an already merged idea gets a clear message', async () => {
    const root = createRegister();
    expect((await runCli(['merge', '0ZZ-AAAA1', '0ZZ-AAAA2'], { cwd: root })).code).toBe(0);
    const intoDead = await runCli(['merge', '0ZZ-AAAA3', '0ZZ-AAAA1'], { cwd: root });
    expect(intoDead.code).toBe(6);
    expect(intoDead.stderr).toContain('Idén som lever vidare är 0ZZ-AAAA2: sluss merge 0ZZ-AAAA3 0ZZ-AAAA2.');
    const again = await runCli(['merge', '0ZZ-AAAA1', '0ZZ-AAAA3'], { cwd: root });
    expect(again.code).toBe(6);
    expect(again.stderr).toContain('Idé 0ZZ-AAAA1 är redan en dubblett (Dubblett) av 0ZZ-AAAA2');
    expect(again.stderr).not.toContain('Inget behövde ändras');
    const move = await runCli(['move', '0ZZ-AAAA3', 'dubblett', '--duplicate-of', '0ZZ-AAAA2', '--note', 'Samma sak'], { cwd: root });
    expect(move.code).toBe(0);
    const shown = await runCli(['show', '0ZZ-AAAA2'], { cwd: root });
    expect(shown.stdout).toMatch(/Dubbletter av denna {2}0ZZ-AAAA1, 0ZZ-AAAA3/);
    expect(shown.stdout).toContain('0ZZ-AAAA1 slogs ihop med denna idé');
    expect((await runCli(['validate'], { cwd: root })).code).toBe(0);
  });

  it('validate requires the survivor of an idea in the duplicate stage, and reports all problems of a file at once', async () => {
    const root = createRegister();
    const text = readFileSync(join(root, AAAA1), 'utf8');
    writeFileSync(join(root, AAAA1), text.replace('status: inkommen', 'status: dubblett').replace('created: "2026-01-15"', 'created: "2026-13-45"').replace('category: ovrigt', 'category: rymden'));
    const result = await runCli(['validate'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('inget giltigt datum');
    expect(result.stdout).toContain('okänt verksamhetsområde "rymden"');
    expect(result.stdout).toContain('står i dubblettsteget Dubblett men pekar inte på idén som lever vidare');
  });
});

describe('link and unlink write both ends and their history', () => {
  it('link --related and unlink: each idea lists the other, each history says so (in the reader\'s language), one commit per step with both files', async () => {
    const root = createRegister();
    const [a, b] = ['0ZZ-AAAA1', '0ZZ-AAAA2'];
    expect((await runCli(['link', a, '--related', b], { cwd: root })).code).toBe(0);
    expect(git(root, 'show', '--name-only', '--format=', 'HEAD').split('\n')).toHaveLength(2);
    const showA = await runCli(['show', a], { cwd: root });
    const showB = await runCli(['show', b], { cwd: root });
    expect(showA.stdout).toMatch(new RegExp(`Länkad som relaterad till ${b}`));
    expect(showB.stdout).toMatch(new RegExp(`Länkad som relaterad till ${a}`));
    expect((await runCli(['--lang', 'en', 'show', b], { cwd: root })).stdout).toMatch(new RegExp(`Linked as related to ${a}`));
    const relatedOf = async (id: string) => (JSON.parse((await runCli(['show', id, '--json'], { cwd: root })).stdout) as { links?: { related?: string[] } }).links?.related ?? [];
    expect(await relatedOf(a)).toEqual([b]);
    expect(await relatedOf(b)).toEqual([a]);

    expect((await runCli(['unlink', b, '--related', a], { cwd: root })).code).toBe(0);
    expect(git(root, 'show', '--name-only', '--format=', 'HEAD').split('\n')).toHaveLength(2);
    for (const [id, other] of [
      [a, b],
      [b, a],
    ] as const) {
      expect(await relatedOf(id)).not.toContain(other);
      expect((await runCli(['show', id], { cwd: root })).stdout).toContain(`Länken till den relaterade idén ${other} togs bort`);
    }
    expect(git(root, 'status', '--porcelain')).toBe('');
  });
});

describe('link --duplicate-of is the same step as move to the duplicate stage', () => {
  it('moves an idea in Inkommen to Dubblett with its survivor, is refused where move is, and unlink cannot leave a duplicate without survivor', async () => {
    const root = createRegister();
    const linked = await runCli(['link', '0ZZ-AAAA1', '--duplicate-of', '0ZZ-AAAA3', '--json'], { cwd: root });
    expect(linked.code, linked.stderr).toBe(0);
    const text = readFileSync(join(root, AAAA1), 'utf8');
    expect(text).toContain('status: dubblett');
    expect(text).toContain('links:\n  duplicate_of: 0ZZ-AAAA3');
    expect((await runCli(['validate'], { cwd: root })).code).toBe(0);
    expect((await runCli(['show', '0ZZ-AAAA1'], { cwd: root })).stdout).toMatch(/Inkommen → Dubblett/);

    const unlinked = await runCli(['unlink', '0ZZ-AAAA1', '--duplicate-of', '0ZZ-AAAA3'], { cwd: root });
    expect(unlinked.code).toBe(6);
    expect(unlinked.stderr).toContain('står i dubblettsteget Dubblett och måste peka på idén som lever vidare');
    expect(unlinked.stderr).toContain('sluss move 0ZZ-AAAA1 <steg>');
    // Pointed at another survivor: the stage stays, the target changes.
    expect((await runCli(['link', '0ZZ-AAAA1', '--duplicate-of', '0ZZ-AAAA2'], { cwd: root })).code).toBe(0);
    expect(readFileSync(join(root, AAAA1), 'utf8')).toContain('duplicate_of: 0ZZ-AAAA2');
  });

  it('validate reports a survivor named from a live stage (a hand edit)', async () => {
    const root = createRegister();
    const text = readFileSync(join(root, AAAA1), 'utf8');
    writeFileSync(join(root, AAAA1), text.replace('status: inkommen', 'status: inkommen\nlinks:\n  duplicate_of: 0ZZ-AAAA3'));
    const result = await runCli(['validate'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('pekar på 0ZZ-AAAA3 som idén som lever vidare men står i Inkommen');
  });
});

describe('show, in the reader’s language', () => {
  it('shows the assessment (scores, motivation, who, when), earlier ones, and the history in Swedish or English', async () => {
    const root = createRegister();
    const assess = ['assess', '0ZZ-AAAA1', '--score', 'nytta=5', '--score', 'effekter=4', '--score', 'genomforbarhet=4'];
    expect((await runCli([...assess, '--motivation', 'Stor tidsvinst', '--by', 'Eva Berg'], { cwd: root })).code).toBe(0);
    const refusedAgain = await runCli([...assess, '--motivation', 'Om'], { cwd: root });
    expect(refusedAgain.code).toBe(6);
    expect(refusedAgain.stderr).toContain('lägg till --replace');
    expect((await runCli([...assess.slice(0, 3), 'nytta=3', ...assess.slice(4), '--motivation', 'Om', '--replace'], { cwd: root })).code).toBe(0);
    expect((await runCli(['join', '0ZZ-AAAA1', '--municipality', 'Hjo', '--role', 'co-funder', '--share', '30'], { cwd: root })).code).toBe(0);

    const sv = await runCli(['show', '0ZZ-AAAA1'], { cwd: root });
    expect(sv.stdout).toContain('Bedömning\n  2026-11-27 av Test Coach: Nytta 3, Effekter 4, Genomförbarhet 4\n  Motivering: Om\n  Tidigare bedömningar:\n    2026-11-27 av Eva Berg: Nytta 5, Effekter 4, Genomförbarhet 4 – Stor tidsvinst');
    expect(sv.stdout).toContain('Hjo anslöt som medfinansiär, kostnadsandel 30 %  (Test Coach)');
    const en = await runCli(['--lang', 'en', 'show', '0ZZ-AAAA1'], { cwd: root });
    expect(en.stdout).toContain('Hjo joined as co-funder, cost share 30 %  (Test Coach)');
    expect(en.stdout).toContain('Earlier assessments:');

    const json = JSON.parse((await runCli(['show', '0ZZ-AAAA1', '--json'], { cwd: root })).stdout);
    expect(json.assessments.map((a: { by: string }) => a.by)).toEqual(['Eva Berg', 'Test Coach']);
    expect(json.history.map((e: { action: string }) => e.action)).toEqual(['created', 'assessed', 'assessed', 'joined']);
    expect(json.incoming).toEqual({ duplicates: [], related: [] });
  });

  it('reads the example register’s older history entries and shows them as events', async () => {
    const sv = await runCli(['show', '0CQ-R77CM'], { cwd: exampleRegister });
    expect(sv.code).toBe(0);
    expect(sv.stdout).toContain('Bedömning\n  2025-03-18 av Maria Holm: Nytta 5, Effekter 4, Genomförbarhet 4');
    expect(sv.stdout).toMatch(/Dubbletter av denna +0K3-DT2RH/);
    const en = await runCli(['--lang', 'en', 'show', '0CQ-R77CM'], { cwd: exampleRegister });
    expect(en.stdout).toContain('2025-03-18  Assessed: Nytta 5, Effekter 4, Genomförbarhet 4  (Maria Holm)');
    const report = JSON.parse((await runCli(['report', '--format', 'json', '--as-of', '2026-11-27'], { cwd: exampleRegister })).stdout);
    expect(report.totals.ideas).toBe(Object.values(report.totals.byKind as Record<string, number>).reduce((a, b) => a + b, 0));
  });
});

describe('report with ideas in stages sluss.yaml does not have', () => {
  it('lists them and keeps the totals adding up', async () => {
    const root = createRegister();
    writeFileSync(join(root, AAAA1), readFileSync(join(root, AAAA1), 'utf8').replace('status: inkommen', 'status: klar'));
    const report = await runCli(['report', '--format', 'json'], { cwd: root });
    expect(report.code).toBe(0);
    const data = JSON.parse(report.stdout);
    expect(data.unknownStage).toEqual([{ id: '0ZZ-AAAA1', stage: 'klar' }]);
    expect(data.totals.ideas).toBe(2);
    expect(Object.values(data.totals.byKind as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(2);
    const text = await runCli(['report'], { cwd: root });
    expect(text.stdout).toContain('0ZZ-AAAA1 (klar)');
  });
});

describe('the coordinator rule, before the pull request', () => {
  it('warns on stderr when a move will need a coordinator', async () => {
    const root = createRegister({ ideas: [{ ...SAMPLE_IDEAS[0]!, status: 'forsta-bedomning', extra: { assessment: { date: '2026-01-20', by: 'Eva', scores: { nytta: 3, effekter: 3, genomforbarhet: 3 } } } }] });
    const result = await runCli(['move', '0ZZ-AAAA1', 'utredning'], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Obs: bara samordnare får flytta idéer ut ur Första bedömning, och sluss.yaml har inga samordnare');
  });
});

describe('join on a terminal', () => {
  it('asks which municipality joins (never the owner), its role and its share', async () => {
    const root = createRegister();
    const terminal = new Terminal(root, ['join', '0ZZ-AAAA1']);
    await terminal.answer('Vilken kommun ansluter till idé 0ZZ-AAAA1?', `${DOWN.repeat(5)}${ENTER}`);
    await terminal.answer('Roll', `${DOWN}${ENTER}`);
    await terminal.answer('Kostnadsandel i procent', `25${ENTER}`);
    expect((await terminal.exited).exitCode).toBe(0);
    expect(terminal.transcript).not.toContain('Kommun där idén kom in');
    const text = readFileSync(join(root, AAAA1), 'utf8');
    expect(text).toContain('  - municipality: hjo\n    role: co-funder\n    share: 25');
    expect(git(root, 'log', '-1', '--format=%s')).toBe('Hjo ansluter till idé 0ZZ-AAAA1: Digitala lås i hemtjänsten');
  });

  it('move to the duplicate stage asks for the idea that lives on, and asks again for one that cannot', async () => {
    const root = createRegister();
    expect((await runCli(['merge', '0ZZ-AAAA2', '0ZZ-AAAA3'], { cwd: root })).code).toBe(0);
    const terminal = new Terminal(root, ['move', '0ZZ-AAAA1']);
    await terminal.answer('Vilket steg ska idé 0ZZ-AAAA1 flyttas till?', `${DOWN.repeat(3)}${ENTER}`);
    await terminal.answer('Vilken idé är 0ZZ-AAAA1 en dubblett av?', `0ZZ-AAAA2${ENTER}`);
    await terminal.answer('0ZZ-AAAA2 är ingen idé som kan leva vidare', `${BACKSPACE.repeat(9)}0zz-aaaa3${ENTER}`);
    await terminal.answer('Kommentar till historiken', ENTER);
    expect((await terminal.exited).exitCode).toBe(0);
    expect(readFileSync(join(root, AAAA1), 'utf8')).toContain('links:\n  duplicate_of: 0ZZ-AAAA3');
  });
});
