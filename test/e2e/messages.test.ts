/** What the user reads from bin/sluss: Swedish all the way, suggestions, JSON errors for scripts, tables that fit. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createRegister, git } from '../helpers/registers.js';

const exampleRegister = new URL('../..', import.meta.url).pathname;
const ENGLISH_IN_HELP = /\b(Usage|Options|Arguments|Commands|default|choices|options|command)\b|<(dir|name|code|date|query|stage|role|action)\b/;

describe('Swedish all the way', () => {
  it('commander errors in Swedish: an invalid choice, a missing argument, a missing value', async () => {
    const choice = await runCli(['add', '--role', 'sponsor'], { cwd: exampleRegister });
    expect(choice.code).toBe(2);
    expect(choice.stderr).toBe('fel: Ogiltigt värde för --role: sponsor.\n  gör så här: Möjliga värden: interested, co-funder.\n');
    const missing = await runCli(['search'], { cwd: exampleRegister });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('fel: Argumentet <sökord> saknas.');
    expect(missing.stderr).toContain('sluss search [flaggor] <sökord...>');
    const value = await runCli(['list', '--since'], { cwd: exampleRegister });
    expect(value.stderr).toContain('fel: Flaggan --since behöver ett värde.');
    for (const result of [choice, missing, value]) expect(result.stderr).not.toMatch(/Allowed|argument|missing|option '/);
  });

  it('help pages in Swedish, ending with examples; in English with --lang en', async () => {
    const main = await runCli(['--help'], { cwd: exampleRegister });
    expect(main.stdout).toContain('Användning: sluss [flaggor] [kommando]');
    expect(main.stdout).toContain('search [flaggor] <sökord...>');
    expect(main.stdout).not.toMatch(ENGLISH_IN_HELP);
    const init = await runCli(['init', '--help'], { cwd: exampleRegister });
    expect(init.stdout).toContain('mapp för registret (standard: ".")');
    expect(init.stdout).not.toMatch(ENGLISH_IN_HELP);
    expect(init.stdout.trimEnd()).toMatch(/Exempel:\n  Skapa ett register i en ny mapp:\n    sluss init idesluss --name "Idéslussen Skaraborg"\n[\s\S]*sluss init idesluss --ci github\n[\s\S]*--coordinator @maria\.holm --coordinator @johan\.ek$/);
    const english = await runCli(['--lang', 'en', 'list', '--help'], { cwd: exampleRegister });
    expect(english.stdout).toContain('Usage: sluss list|ls [options]');
    expect(english.stdout).toContain('Examples:\n  Every idea Skövde owns or takes part in:\n    sluss list --municipality skovde');
  });

  it('a mistyped command or option gets a suggestion in the user’s language', async () => {
    const sv = await runCli(['lst'], { cwd: exampleRegister });
    expect(sv.code).toBe(2);
    expect(sv.stderr).toContain('fel: Okänt kommando: lst. Menade du sluss list?');
    const en = await runCli(['--lang', 'en', 'serch', 'x'], { cwd: exampleRegister });
    expect(en.stderr).toContain('error: Unknown command: serch. Did you mean sluss search?');
    const option = await runCli(['list', '--statuss', 'x'], { cwd: exampleRegister });
    expect(option.stderr).toContain('fel: Okänd flagga: --statuss. Menade du --status?');
    expect(option.stderr).toContain('gör så här: Kör sluss list --help för att se flaggorna och exempel.');
    const far = await runCli(['rapportera'], { cwd: exampleRegister });
    expect(far.stderr).not.toContain('Menade du');
  });
});

describe('errors for scripts', () => {
  it('with --json an error is also JSON on stdout, with the same exit code', async () => {
    const plain = await runCli(['show', '0ZZ-NOPE1'], { cwd: exampleRegister });
    const json = await runCli(['show', '0ZZ-NOPE1', '--json'], { cwd: exampleRegister });
    expect(plain.stdout).toBe('');
    expect(json.code).toBe(plain.code);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'idea-not-found', message: 'Hittar ingen idé med id 0ZZ-NOPE1.', hint: expect.any(String) } });
    const usage = await runCli(['list', '--json', '--statuss', 'x', '--lang', 'en'], { cwd: exampleRegister });
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout).error).toEqual({ code: 'usage', message: 'Unknown option: --statuss. Did you mean --status?', hint: 'Run sluss list --help to see its options and examples.' });
    const report = await runCli(['validate', '--format', 'json', '-C', '/nonexistent'], { cwd: exampleRegister });
    expect(JSON.parse(report.stdout).error.code).toBe('register-not-found');
  });
});

describe('add checks its flags before any other work', () => {
  it('a too short title: exit 2 at once, before the duplicate check', async () => {
    const root = createRegister();
    const result = await runCli(['add', '--title', 'no', '--problem', 'Nycklar kommer bort', '--municipality', 'hjo'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('fel: --title: värdet är för kort (minst 3 tecken)');
    expect(result.stderr).not.toContain('liknande');
    expect(existsSync(join(root, '.sluss', 'cache', 'similarity-index.bin'))).toBe(false);
  });

  it('--consent or --submitter-email without --submitter is refused with a hint, exit 2', async () => {
    const root = createRegister();
    const consent = await runCli(['add', '--title', 'Bokbuss till byarna', '--problem', 'Långt till biblioteket', '--municipality', 'hjo', '--consent', '2026-11-01'], { cwd: root });
    expect(consent.code).toBe(2);
    expect(consent.stderr).toContain('fel: --consent gäller idégivaren, men --submitter saknas.');
    expect(consent.stderr).toContain('--submitter "Förnamn Efternamn"');
    const email = await runCli(['add', '--title', 'Bokbuss till byarna', '--problem', 'Långt till biblioteket', '--municipality', 'hjo', '--submitter-email', 'a@b.se'], { cwd: root });
    expect(email.code).toBe(2);
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('--branch says how to get the branch reviewed', async () => {
    const root = createRegister();
    const result = await runCli(['add', '--title', 'Bokbuss till byarna', '--problem', 'Långt till biblioteket', '--municipality', 'tidaholm', '--branch'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    const branch = /Sparad på grenen (\S+),/.exec(result.stdout)?.[1];
    expect(branch).toMatch(/^idea\//);
    expect(result.stdout).toContain(`git push -u origin ${branch}`);
    expect(result.stdout).toContain('--pr nästa gång');
  });
});

describe('tables fit the terminal', () => {
  const long = (id: string, title: string, municipality: string) => ({ id, title, municipality, problem: 'Text.' });
  const ideas = [
    long('0ZZ-AAAA1', 'Gemensam digital plattform för felanmälan av gatubelysning, vägskador och nedskräpning i alla kommuner', 'skovde'),
    long('0ZZ-AAAA2', 'Samordnad upphandling av elcyklar för hemtjänstens personal i glesbygden', 'falkoping'),
    long('0ZZ-AAAA3', 'Kort', 'vara'),
  ];

  for (const [command, args] of [['list', []], ['search', ['digital', 'upphandling', 'hemtjänstens']]] as const) {
    it(`${command} at 80 columns: no line wider, titles cut between words`, async () => {
      const root = createRegister({ ideas });
      const result = await runCli([command, ...args], { cwd: root, env: { COLUMNS: '80' } });
      expect(result.code, result.stderr).toBe(0);
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines.length).toBeGreaterThan(2);
      for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
      // The title cell of each row, by where its header starts and the next one begins.
      const [header] = lines as [string];
      const start = header.indexOf('Rubrik');
      const end = header.indexOf('Varför') === -1 ? undefined : header.indexOf('Varför');
      const titles = lines.slice(2).map((line) => line.slice(start, end).trim());
      const cut = titles.filter((title) => title.endsWith('…')).map((title) => title.slice(0, -1));
      expect(cut.length).toBeGreaterThan(0);
      for (const shown of cut) {
        const full = ideas.find((idea) => idea.title.startsWith(shown))!.title;
        expect(full[shown.length], `${shown} | ${full}`).toBe(' ');
      }
      const wide = await runCli([command, ...args], { cwd: root, env: { COLUMNS: '200' } });
      expect(wide.stdout).toContain(ideas[0]!.title);
    });
  }
});
