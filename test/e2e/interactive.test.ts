/** The interactive add, driven through a real pseudo-terminal as a person would type it. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIdeaFile, parseSections } from '../../src/core/format/idea-file.js';
import { runCli } from '../helpers/cli.js';
import { createRegister, git } from '../helpers/registers.js';
import { KEYS, Terminal } from '../helpers/terminal.js';

const { down: DOWN, up: UP, enter: ENTER } = KEYS;
const ideaFiles = (root: string) => readdirSync(join(root, 'ideas')).filter((n) => n.endsWith('.md'));
const ideaText = (root: string, includes: string) => readFileSync(join(root, 'ideas', ideaFiles(root).find((name) => name.includes(includes))!), 'utf8');

/** The likely duplicate of the sample idea 0ZZ-AAAA1, typed from Hjo. */
const LOCKS = {
  title: 'Digitala lås i hemtjänsten i stället för nycklar',
  problem: 'Hemtjänstens personal hanterar hundratals nycklar till brukarnas bostäder och nycklar kommer bort.',
};

/** Types the duplicate of 0ZZ-AAAA1 up to the question of what to do. */
async function typeDuplicate(terminal: Terminal): Promise<void> {
  await terminal.answer('Rubrik', `${LOCKS.title}${ENTER}`);
  await terminal.answer('Problem/behov', `${LOCKS.problem}${ENTER}${ENTER}`);
  await terminal.answer('Idé/lösning', ENTER);
  await terminal.answer('Nytta', ENTER);
  await terminal.answer('Verksamhetsområde', ENTER);
  await terminal.answer('samtyckt', ENTER);
  await terminal.waitFor('Vad vill du göra?');
}

describe('sluss add on a terminal', () => {
  it('asks for each field, checks for duplicates and commits the idea', async () => {
    const root = createRegister();
    const terminal = new Terminal(root, ['add']);
    await terminal.answer('Rubrik', `Bokbuss till byarna${ENTER}`);
    await terminal.answer('Problem/behov', `Långt till biblioteket på landsbygden${ENTER}${ENTER}`);
    await terminal.answer('Idé/lösning', `En bokbuss med fast tur${ENTER}${ENTER}`);
    await terminal.answer('Nytta', ENTER);
    await terminal.answer('Kommun där idén kom in', `${DOWN.repeat(12)}${ENTER}`);
    await terminal.answer('Verksamhetsområde', ENTER);
    await terminal.answer('Taggar', `bibliotek, landsbygd${ENTER}`);
    await terminal.answer('Mottagen av', ENTER);
    await terminal.answer('samtyckt', `n${ENTER}`);
    expect((await terminal.exited).exitCode).toBe(0);
    expect(terminal.plainTranscript()).toContain('tillagd: ideas/');
    const text = ideaText(root, 'bokbuss');
    expect(text).toContain('municipality: tidaholm');
    expect(text).toContain('  - bibliotek\n  - landsbygd');
    expect(text).toContain('received_by: Test Coach');
    expect(text).not.toContain('submitter');
    expect(git(root, 'log', '-1', '--format=%s')).toContain('Bokbuss till byarna (Tidaholm)');
  });

  it('speaks Swedish: key hints, j/N, and ja/nej as answers; anything else is asked again', async () => {
    const root = createRegister();
    const terminal = new Terminal(root, ['add', '--problem', 'Långt till biblioteket', '--idea', 'Bokbuss', '--benefit', 'Fler lånar', '--tags', 'bibliotek', '--received-by', 'Kim']);
    await terminal.answer('Rubrik', `Bokbuss till byarna${ENTER}`);
    await terminal.waitFor('Kommun där idén kom in');
    await terminal.answer('↑↓ flytta • ⏎ välj', `${DOWN.repeat(12)}${ENTER}`);
    await terminal.answer('Verksamhetsområde', ENTER);
    await terminal.waitFor('samtyckt');
    await terminal.answer('(j/N)', `kanske${ENTER}`);
    await terminal.answer('Svara ja eller nej (j/n).', `ja${ENTER}`);
    await terminal.answer('Idégivarens namn', `Göran Ek${ENTER}`);
    await terminal.answer('e-post', ENTER);
    expect((await terminal.exited).exitCode).toBe(0);
    const screen = terminal.plainTranscript();
    expect(screen).toContain('samtyckt till att namnet publiceras? ja');
    for (const english of ['navigate', 'select', 'y/N', 'Y/n', ' Yes', ' No', 'You must']) expect(screen).not.toContain(english);
    expect(ideaText(root, 'bokbuss')).toContain('name: Göran Ek');
  });

  it('asks again for an e-mail address the idea file would not accept, and keeps every other answer', async () => {
    const root = createRegister();
    const terminal = new Terminal(root, ['add', '--title', 'Bokbuss till byarna', '--municipality', 'tidaholm', '--tags', '', '--received-by', 'Kim']);
    await terminal.answer('Problem/behov', `Långt till biblioteket${ENTER}${ENTER}`);
    await terminal.answer('Idé/lösning', ENTER);
    await terminal.answer('Nytta', ENTER);
    await terminal.answer('Verksamhetsområde', ENTER);
    await terminal.answer('samtyckt', `j${ENTER}`);
    await terminal.answer('Idégivarens namn', `Göran Ek${ENTER}`);
    await terminal.answer('e-post', `goran@example${ENTER}`);
    await terminal.waitFor('skriv en giltig e-postadress');
    // The wrong answer stays on the line to be corrected.
    terminal.process.write(`.se${ENTER}`);
    expect((await terminal.exited).exitCode).toBe(0);
    const text = ideaText(root, 'bokbuss');
    expect(text).toContain('email: goran@example.se');
    expect(text).toContain('title: Bokbuss till byarna');
  });

  it('Ctrl-C in the middle of a several-line answer keeps the lines typed so far, the unfinished one too', async () => {
    const root = createRegister();
    const terminal = new Terminal(root, ['add', '--tags', '', '--received-by', 'Kim']);
    await terminal.answer('Rubrik', `Bokbuss till byarna${ENTER}`);
    await terminal.answer('Problem/behov', `Långt till biblioteket.${ENTER}`);
    await terminal.waitFor('Långt till biblioteket.');
    terminal.process.write('Bussen går sällan');
    await terminal.waitFor('Bussen går sällan');
    terminal.process.write(KEYS.ctrlC);
    expect((await terminal.exited).exitCode).toBe(130);
    const screen = terminal.plainTranscript();
    expect(git(root, 'status', '--porcelain')).toBe('');
    const kept = /dina svar: sparade i (\S+)\. /.exec(screen)?.[1];
    expect(kept, screen).toBeDefined();
    const resumed = await runCli(['add', '--file', kept!, '--municipality', 'tidaholm', '--received-by', 'Kim', '--on-duplicate', 'new', '--json'], { cwd: root });
    expect(resumed.code, resumed.stderr).toBe(0);
    const parsed = parseIdeaFile(ideaText(root, 'bokbuss'));
    expect(parsed.ok && parseSections(parsed.file.body).problem).toBe('Långt till biblioteket.\nBussen går sällan');
  });

  it('a personal identity number in a text answer is refused as it is typed and asked again, never committed', async () => {
    const root = createRegister();
    const terminal = new Terminal(root, ['add', '--title', 'Bokbuss till byarna', '--municipality', 'tidaholm', '--category', 'ovrigt', '--tags', '', '--received-by', 'Kim']);
    const personal = ' Ring 19121212-1212.';
    await terminal.answer('Problem/behov', `Långt till biblioteket.${personal}${ENTER}${ENTER}`);
    await terminal.waitFor('Svaret innehåller ett personnummer');
    // The answer stays to be corrected: back into its line, then the number out.
    terminal.process.write(KEYS.backspace.repeat(1 + personal.length));
    terminal.process.write(`${ENTER}${ENTER}`);
    await terminal.answer('Idé/lösning', ENTER);
    await terminal.answer('Nytta', ENTER);
    await terminal.answer('samtyckt', ENTER);
    expect((await terminal.exited).exitCode).toBe(0);
    const parsed = parseIdeaFile(ideaText(root, 'bokbuss'));
    expect(parsed.ok && parseSections(parsed.file.body).problem).toBe('Långt till biblioteket.');
    expect(git(root, 'log', '-p', '--all')).not.toContain('1212-1212');
  });

  it('takes pasted text with several lines, empty ones included, and says when lines are joined into a one-line answer', async () => {
    const root = createRegister();
    const terminal = new Terminal(root, ['add', '--municipality', 'tidaholm', '--category', 'ovrigt', '--tags', '', '--received-by', 'Kim']);
    await terminal.answer('Rubrik', `${KEYS.paste('Bokbuss\rtill byarna')}${ENTER}`);
    await terminal.waitFor('2 inklistrade rader slogs ihop till en rad.');
    await terminal.answer('avsluta med en tom rad', `${KEYS.paste('Långt till biblioteket.\r\rBussen går sällan.\r')}${ENTER}`);
    // A terminal without bracketed paste: the lines come as one burst of keys.
    await terminal.answer('Idé/lösning', `En bokbuss\r\rmed fast tur\r${ENTER}`);
    await terminal.answer('Nytta', ENTER);
    await terminal.answer('samtyckt', ENTER);
    expect((await terminal.exited).exitCode).toBe(0);
    const parsed = parseIdeaFile(ideaText(root, 'bokbuss'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.file.data).toMatchObject({ title: 'Bokbuss till byarna' });
    const sections = parseSections(parsed.file.body);
    expect(sections.problem).toBe('Långt till biblioteket.\n\nBussen går sällan.');
    expect(sections.idea).toBe('En bokbuss\n\nmed fast tur');
  });
});

describe('choosing what to do with a likely duplicate', () => {
  it('the preselected answer is not to join: Enter adds nothing and keeps the answers in a file add --file reads back', async () => {
    const root = createRegister();
    const terminal = new Terminal(root, ['add', '--municipality', 'hjo', '--tags', 'lås', '--received-by', 'Kim']);
    await typeDuplicate(terminal);
    terminal.process.write(ENTER);
    expect((await terminal.exited).exitCode).toBe(0);
    const screen = terminal.plainTranscript();
    expect(screen).toContain('Anslut Hjo till 0ZZ-AAAA1');
    expect(screen).toContain('Avbrutet. Ingen idé lades till.');
    expect(git(root, 'status', '--porcelain')).toBe('');
    expect(ideaFiles(root)).toHaveLength(3);
    const kept = /Dina svar är sparade i (\S+)\. /.exec(screen)?.[1];
    expect(kept, screen).toBeDefined();
    expect(readFileSync(join(root, kept!), 'utf8')).toContain(LOCKS.problem);
    const resumed = await runCli(['add', '--file', kept!, '--on-duplicate', 'new', '--json'], { cwd: root });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ action: 'added', title: LOCKS.title });
  });

  it('joining needs a second yes naming the idea, its municipality and stage; the typed text goes into its history', async () => {
    const root = createRegister();
    const terminal = new Terminal(root, ['add', '--municipality', 'hjo', '--tags', 'lås', '--received-by', 'Kim']);
    await typeDuplicate(terminal);
    // The cursor starts on Avbryt, the last choice; the join is two up.
    terminal.process.write(`${UP}${UP}${ENTER}`);
    await terminal.answer('Anslut Hjo till idé 0ZZ-AAAA1 «Digitala lås i hemtjänsten» (Skövde, steg: Inkommen)?', `nej${ENTER}`);
    await terminal.answer('Vad vill du göra?', `${UP}${UP}${ENTER}`);
    await terminal.answer('Anslut Hjo till idé 0ZZ-AAAA1', `j${ENTER}`);
    expect((await terminal.exited).exitCode).toBe(0);
    const screen = terminal.plainTranscript();
    expect(screen).toContain('Hjo deltar nu i idé 0ZZ-AAAA1');
    // Where the typed text went, and how to see it there.
    expect(screen).toContain('Din text finns kvar i idéns historik: sluss show 0ZZ-AAAA1');
    const joined = ideaText(root, '0ZZ-AAAA1');
    expect(joined).toContain('municipality: hjo');
    expect(joined).toContain('Hemtjänstens personal hanterar hundratals nycklar');
    expect(ideaFiles(root)).toHaveLength(3);
  });

  it('Ctrl-C at the question changes nothing in the register and keeps the answers', async () => {
    const root = createRegister();
    const terminal = new Terminal(root, ['add', '--municipality', 'hjo', '--tags', 'lås', '--received-by', 'Kim']);
    await typeDuplicate(terminal);
    terminal.process.write(KEYS.ctrlC);
    expect((await terminal.exited).exitCode).toBe(130);
    const screen = terminal.plainTranscript();
    expect(screen).toContain('0ZZ-AAAA1 Digitala lås i hemtjänsten');
    expect(git(root, 'status', '--porcelain')).toBe('');
    expect(ideaFiles(root)).toHaveLength(3);
    const kept = /dina svar: sparade i (\S+)\. /.exec(screen)?.[1];
    expect(kept, screen).toBeDefined();
    expect(existsSync(join(root, kept!))).toBe(true);
  });
});
