/**
 * The example register shows the duplicate check at work from the first minute:
 * one pair of the same idea in two municipalities is still undecided, and the
 * pairs already decided (joined, merged, linked) are not reported again.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const exampleRegister = new URL('../..', import.meta.url).pathname;

interface DuplicatesJson {
  checked: number;
  pairs: { a: { id: string; municipality: string }; b: { id: string; municipality: string } }[];
}

describe('the example register', () => {
  it('duplicates finds the undecided pair across municipalities and nothing already decided', async () => {
    const result = await runCli(['duplicates', '--json'], { cwd: exampleRegister });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as DuplicatesJson;
    expect(report.pairs.map((pair) => [pair.a.id, pair.b.id].sort())).toEqual([['0S1-0HBA4', '112-9EPAH']]);
    expect(new Set(report.pairs.flatMap((pair) => [pair.a.municipality, pair.b.municipality]))).toEqual(new Set(['lidkoping', 'mariestad']));
  });

  it('a new text told in other words is flagged against the idea it repeats', async () => {
    const result = await runCli(['similar', 'Digitala nycklar i hemtjänsten\nPersonalen i hemtjänsten hanterar många nycklar till brukarnas bostäder. Nycklar kommer bort. Digitala lås som öppnas med mobilen.', '--json'], { cwd: exampleRegister });
    const [first] = (JSON.parse(result.stdout) as { candidates: { id: string; likelyDuplicate: boolean }[] }).candidates;
    expect(first).toMatchObject({ id: '0CQ-R77CM', likelyDuplicate: true });
  });

  it('two existing ideas linked as related count as one idea for the margin: a repeat of them is flagged', async () => {
    // 0C2-8DR64 and 0ZH-GQR0K (Götene, Essunga) are linked as related and both match; as rivals they made each other doubtful.
    const result = await runCli(['similar', 'Mäta matsvinnet i skolmatsalen\nEleverna slänger mycket mat.', '--json'], { cwd: exampleRegister });
    const [first] = (JSON.parse(result.stdout) as { candidates: { id: string; likelyDuplicate: boolean }[] }).candidates;
    expect(first).toMatchObject({ id: '0C2-8DR64', likelyDuplicate: true });
  });
});
