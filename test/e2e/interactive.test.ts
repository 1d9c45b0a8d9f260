/** The interactive add, driven through a real pseudo-terminal as a person would type it. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegister, git } from '../helpers/registers.js';
import { DOWN, ENTER, Terminal } from '../helpers/terminal.js';

const ideaFiles = (root: string) => readdirSync(join(root, 'ideas')).filter((n) => n.endsWith('.md'));

describe('sluss add on a terminal', () => {
  it('asks for each field, checks for duplicates and commits the idea', async () => {
    const root = createRegister();
    const terminal = new Terminal(root, ['add']);
    await terminal.answer('Rubrik', `Bokbuss till byarna${ENTER}`);
    await terminal.answer('Problem/behov', `Långt till biblioteket på landsbygden${ENTER}`);
    await terminal.answer('Idé/lösning', `En bokbuss med fast tur${ENTER}`);
    await terminal.answer('Nytta', ENTER);
    await terminal.answer('Kommun där idén kom in', `${DOWN.repeat(12)}${ENTER}`);
    await terminal.answer('Verksamhetsområde', ENTER);
    await terminal.answer('Taggar', `bibliotek, landsbygd${ENTER}`);
    await terminal.answer('Mottagen av', ENTER);
    await terminal.answer('samtyckt', `n${ENTER}`);
    expect(await terminal.exited).toBe(0);
    expect(terminal.transcript).toContain('tillagd: ideas/');
    const added = ideaFiles(root).find((name) => name.includes('bokbuss'))!;
    const text = readFileSync(join(root, 'ideas', added), 'utf8');
    expect(text).toContain('municipality: tidaholm');
    expect(text).toContain('  - bibliotek\n  - landsbygd');
    expect(text).toContain('received_by: Test Coach');
    expect(text).not.toContain('submitter');
    expect(git(root, 'log', '-1', '--format=%s')).toContain('Bokbuss till byarna (Tidaholm)');
  });

  it('offers to join a likely duplicate, and Ctrl-C leaves nothing behind', async () => {
    const root = createRegister();
    const terminal = new Terminal(root, ['add', '--municipality', 'hjo', '--tags', 'lås', '--received-by', 'Kim']);
    await terminal.answer('Rubrik', `Digitala lås i hemtjänsten i stället för nycklar${ENTER}`);
    await terminal.answer('Problem/behov', `Hemtjänstens personal hanterar hundratals nycklar till brukarnas bostäder och nycklar kommer bort.${ENTER}`);
    await terminal.answer('Idé/lösning', ENTER);
    await terminal.answer('Nytta', ENTER);
    await terminal.answer('Verksamhetsområde', ENTER);
    await terminal.answer('samtyckt', ENTER);
    await terminal.answer('Vad vill du göra?', '\u0003');
    expect(await terminal.exited).toBe(130);
    expect(terminal.transcript).toContain('0ZZ-AAAA1 Digitala lås i hemtjänsten');
    expect(terminal.transcript).toContain('Anslut kommunen till 0ZZ-AAAA1');
    expect(git(root, 'status', '--porcelain')).toBe('');
    expect(ideaFiles(root)).toHaveLength(3);
  });
});
