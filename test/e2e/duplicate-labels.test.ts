/**
 * The duplicate check's label through bin/sluss on real registers: a fresh
 * register with two ideas, and one holding the same idea in 3 and in 5
 * municipalities (identical and reworded).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { LOCKS, REWORDED_LOCKS as REWORDED } from '../helpers/near-copies.js';
import { commitAs } from '../helpers/branches.js';
import { createRegister, git, writeIdea, type SampleIdea } from '../helpers/registers.js';

const MUNICIPALITIES = ['skovde', 'hjo', 'vara', 'skara', 'tibro'];
/** Each case runs bin/sluss up to eight times; a busy machine must not fail it (speed is measured in npm run bench). */
const E2E_TIMEOUT = 180_000;

const UNRELATED: SampleIdea[] = [
  { id: '0ZZ-CCCC1', title: 'Karta över snöröjningen i realtid', municipality: 'falkoping', problem: 'Invånare ringer växeln för att fråga när deras gata plogas.' },
  { id: '0ZZ-CCCC2', title: 'Solceller på förskolornas tak', municipality: 'gotene', problem: 'Förskolorna har stora platta tak och höga elkostnader.' },
];

const copiesOf = (texts: readonly { title: string; problem: string }[]): SampleIdea[] =>
  texts.map((text, i) => ({ id: `0ZZ-DDDD${i + 1}`, municipality: MUNICIPALITIES[i] as string, ...text }));

describe('the likely-duplicate label through bin/sluss', () => {
  it('a two-idea register: a match on one shared word is not flagged, not shown below show_from, and add adds', { timeout: E2E_TIMEOUT }, async () => {
    const root = createRegister({
      ideas: [
        { id: '0ZZ-EEEE1', title: 'Digital anslagstavla i skolan', municipality: 'skara', problem: 'Information till elever och vårdnadshavare visas på en skärm i entrén.' },
        { id: '0ZZ-EEEE2', title: 'Karta över snöröjningen i realtid', municipality: 'falkoping', problem: 'Invånare ringer växeln för att fråga när deras gata plogas.' },
      ],
    });
    const query = 'Nya lekplatser i skolan\nBarnen har för lite att göra på rasterna';
    const similar = await runCli(['similar', query], { cwd: root });
    expect(similar.code).toBe(0);
    expect(similar.stdout).not.toContain('trolig dubblett');
    expect(similar.stdout).not.toContain('0ZZ-EEEE1');
    // Below show_from (0.3 in the default sluss.yaml) a candidate is never shown, also not in JSON.
    const json = JSON.parse((await runCli(['similar', '--json', query], { cwd: root })).stdout) as { candidates: { score: number }[] };
    expect(json.candidates.every((candidate) => candidate.score >= 0.3)).toBe(true);
    const added = await runCli(['add', '--no-input', '--title', 'Nya lekplatser i skolan', '--problem', 'Barnen har för lite att göra på rasterna', '--municipality', 'vara'], { cwd: root });
    expect(added.code).toBe(0);
    expect(git(root, 'log', '-1', '--format=%s')).toContain('Nya lekplatser i skolan');
  });

  for (const count of [3, 5]) {
    for (const [kind, texts] of [['identical', Array.from({ length: count }, () => LOCKS)], ['reworded', REWORDED.slice(0, count)]] as const) {
      it(`the same idea in ${count} municipalities (${kind}): similar flags every copy, duplicates finds one group, add refuses, review blocks`, { timeout: E2E_TIMEOUT }, async () => {
        const copies = copiesOf(texts);
        const ids = copies.map((copy) => copy.id).sort();
        const root = createRegister({ ideas: [...copies, ...UNRELATED] });
        const query = `${LOCKS.title}\n${LOCKS.problem}`;

        const similar = JSON.parse((await runCli(['similar', '--json', query], { cwd: root })).stdout) as {
          candidates: { id: string; likelyDuplicate: boolean; score: number; confidence: number }[];
        };
        expect(similar.candidates.filter((candidate) => candidate.likelyDuplicate).map((candidate) => candidate.id).sort()).toEqual(ids);
        for (const candidate of similar.candidates) expect(candidate.confidence).toEqual(expect.any(Number));
        const text = await runCli(['similar', query], { cwd: root });
        expect(text.stdout.match(/\[trolig dubblett/g)).toHaveLength(count);
        // Swedish numbers with a decimal comma.
        expect(text.stdout).toMatch(/poäng \d,\d\d · säkerhet \d,\d\d/);

        const duplicates = JSON.parse((await runCli(['duplicates', '--json'], { cwd: root })).stdout) as { groups: string[][] };
        expect(duplicates.groups).toEqual([ids]);
        const failing = await runCli(['duplicates', '--fail-on-found'], { cwd: root });
        expect(failing.code).toBe(3);
        expect(failing.stdout).toContain(`${count} idéer i 1 grupp(er)`);

        const head = git(root, 'rev-parse', 'HEAD');
        const add = await runCli(['add', '--no-input', '--title', LOCKS.title, '--problem', LOCKS.problem, '--municipality', 'mariestad'], { cwd: root });
        expect(add.code).toBe(3);
        expect(git(root, 'rev-parse', 'HEAD')).toBe(head);

        // The same idea entered once more on a branch, as a pull request would bring it.
        git(root, 'switch', '--quiet', '-c', 'idea/mariestad');
        writeIdea(root, { id: '0ZZ-FFFF1', municipality: 'mariestad', ...LOCKS });
        commitAs(root, 'Mia Coach', 'mia@mariestad.se', 'Ny idé');
        const review = await runCli(['review', '--base', 'main', '--format', 'json'], { cwd: root });
        expect(review.code).toBe(1);
        const reviewed = JSON.parse(review.stdout) as { blocking: boolean; duplicates: { id: string; candidate: { id: string }; blocking: boolean }[] };
        expect(reviewed.blocking).toBe(true);
        // Every copy is named, each blocking.
        expect(reviewed.duplicates.map((found) => found.candidate.id).sort()).toEqual(ids);
        for (const found of reviewed.duplicates) expect(found).toMatchObject({ id: '0ZZ-FFFF1', blocking: true });
      });
    }
  }
});
