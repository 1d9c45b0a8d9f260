/** Every command's help: examples in both languages that the real parser accepts, and Swedish placeholders. */
import { CommanderError } from 'commander';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { translatePlaceholders } from '../../src/cli/help-format.js';
import { buildProgram } from '../../src/cli/program.js';
import { PLACEHOLDERS_SV } from '../../src/cli/program-text.js';
import { closest, editDistance } from '../../src/cli/usage-errors.js';
import type { Lang } from '../../src/core/lang.js';
import { commandsWithExamples, helpExamples } from '../../src/ui/help-examples.js';

const LANGS: Lang[] = ['sv', 'en'];

/** The program with every action replaced by nothing: parsing only. */
function parsingProgram(lang: Lang): Command {
  const program = buildProgram(lang, {
    context: () => {
      throw new Error('no command runs while examples are parsed');
    },
    setOutcome: () => undefined,
  });
  for (const command of [program, ...program.commands]) {
    command.exitOverride().configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
    if (command !== program) command.action(() => undefined);
  }
  return program;
}

/** The commands a user sees in the help; `ci` is hidden, only the generated pipelines run it. */
const userCommands = (program: Command) => program.commands.filter((c) => !(c as unknown as { _hidden: boolean })._hidden).map((c) => c.name()).filter((name) => name !== 'help');

/** A command line as the shell splits it: double quotes group words; a redirection ends the command. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const match of line.matchAll(/"([^"]*)"|(\S+)/g)) {
    const word = match[1] ?? match[2]!;
    if (match[2] !== undefined && /^(>>?|\|)$/.test(word)) break;
    words.push(word);
  }
  return words;
}

describe('help examples', () => {
  for (const lang of LANGS) {
    it(`every command has 2–4 examples in ${lang}, and the catalogue names no other command`, () => {
      const commands = userCommands(parsingProgram(lang));
      expect(commands).toHaveLength(21);
      for (const name of commands) expect(helpExamples(lang, name).length, name).toBeGreaterThanOrEqual(2);
      for (const name of commands) expect(helpExamples(lang, name).length, name).toBeLessThanOrEqual(4);
      expect(commandsWithExamples(lang).sort()).toEqual([...commands].sort());
    });

    it(`every ${lang} example is accepted by the program's parser`, async () => {
      for (const name of commandsWithExamples(lang)) {
        for (const example of helpExamples(lang, name)) {
          const [sluss, ...args] = shellWords(example.line);
          expect(sluss).toBe('sluss');
          expect(args[0], example.line).toBe(name);
          const parsed = await parsingProgram(lang)
            .parseAsync(args, { from: 'user' })
            .then(() => 'ok', (error: unknown) => (error instanceof CommanderError ? `${error.code}: ${error.message}` : String(error)));
          expect(parsed, example.line).toBe('ok');
        }
      }
    });
  }

  it('the parse check would catch a wrong example', async () => {
    const parsed = await parsingProgram('sv')
      .parseAsync(shellWords('sluss list --statuss inkommen').slice(1), { from: 'user' })
      .then(() => 'ok', (error: CommanderError) => error.code);
    expect(parsed).toBe('commander.unknownOption');
  });
});

describe('Swedish placeholders', () => {
  it('every placeholder of every command, its options and arguments has a Swedish name', () => {
    const program = parsingProgram('sv');
    const terms = [program, ...program.commands].flatMap((command) => [command.usage(), ...command.options.map((o) => o.flags), ...command.registeredArguments.map((a) => `<${a.name()}>`)]);
    const names = terms.flatMap((term) => [...term.matchAll(/[<[]([^<>[\]]+?)(?:\.\.\.)?[>\]]/g)].map((m) => m[1]!));
    expect(names.length).toBeGreaterThan(30);
    expect(names.filter((name) => PLACEHOLDERS_SV[name] === undefined)).toEqual([]);
  });

  it('translates placeholders and keeps the rest', () => {
    expect(translatePlaceholders('search [options] <query...>', 'sv')).toBe('search [flaggor] <sökord...>');
    expect(translatePlaceholders('-C, --register <dir>', 'sv')).toBe('-C, --register <mapp>');
    expect(translatePlaceholders('search [options] <query...>', 'en')).toBe('search [options] <query...>');
  });
});

describe('did you mean', () => {
  it('counts a swap of two letters as one edit', () => {
    expect(editDistance('lsit', 'list')).toBe(1);
    expect(editDistance('lst', 'list')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests the closest command once, an alias as its command, and nothing for a word far from all', () => {
    const commands = new Map([
      ['list', 'list'],
      ['ls', 'list'],
      ['search', 'search'],
      ['show', 'show'],
    ]);
    expect(closest('lst', commands)).toBe('list');
    expect(closest('serch', commands)).toBe('search');
    expect(closest('rapport', commands)).toBeUndefined();
  });
});
