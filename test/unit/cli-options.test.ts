/**
 * Every option is declared once, in the tables of src/cli/commands/flags.ts:
 * the built program has exactly the tables' options (nothing registered beside
 * them, nothing in them left out), their help is in both catalogues, the
 * flags' types follow from them, and completion and the README's command
 * table name only what they declare.
 */
import { readFileSync } from 'node:fs';
import type { Command, Option } from 'commander';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { COMMAND_OPTIONS, GLOBAL_OPTIONS } from '../../src/cli/commands/flags.js';
import type { AddFlags, CommandName, GlobalFlags, InitFlags, ListFlags, ReportFlags, ReviewFlags, SearchFlags, WorkflowFlags } from '../../src/cli/commands/flags.js';
import { completionScript } from '../../src/cli/completion.js';
import { commanderOption, optionFlags, spellings } from '../../src/cli/options.js';
import type { OptionTable } from '../../src/cli/options.js';
import { buildProgram } from '../../src/cli/program.js';
import { programText } from '../../src/cli/program-text.js';
import type { Lang } from '../../src/core/lang.js';

const LANGS: Lang[] = ['sv', 'en'];
const TABLES: Record<string, OptionTable> = COMMAND_OPTIONS;

function program(lang: Lang): Command {
  return buildProgram(lang, {
    context: () => {
      throw new Error('no command runs here');
    },
    setOutcome: () => undefined,
  });
}

/** What commander does with an option: all of it, so a change made beside the table shows. */
function described(option: Option) {
  return { flags: option.flags, description: option.description, default: option.defaultValue as unknown, choices: option.argChoices, mandatory: option.mandatory, hidden: option.hidden, parser: option.parseArg?.name };
}

/** Where the built program and the tables disagree, one line each; none when every option is declared once, in its table. */
function undeclared(built: Command, lang: Lang): string[] {
  const text = programText(lang);
  const compare = (where: string, options: readonly Option[], table: OptionTable): string[] => {
    const registered = options.map(described);
    const declared = table.map((spec) => described(commanderOption(spec, text)));
    return [
      ...registered.filter((option) => !declared.some((d) => JSON.stringify(d) === JSON.stringify(option))).map((option) => `${where} ${option.flags}: registered, not as declared`),
      ...declared.filter((option) => !registered.some((r) => JSON.stringify(r) === JSON.stringify(option))).map((option) => `${where} ${option.flags}: declared, not registered`),
      ...(registered.map((o) => o.flags).join() === declared.map((o) => o.flags).join() ? [] : [`${where}: not in the table's order`]),
    ];
  };
  // The version flag is commander's own (`.version()`), like the help flag, which is not among the options.
  const globals = built.options.filter((option) => option.attributeName() !== 'version');
  const names = built.commands.map((command) => command.name());
  return [
    ...compare('sluss', globals, GLOBAL_OPTIONS),
    ...names.filter((name) => !(name in TABLES)).map((name) => `${name}: a command without a table`),
    ...Object.keys(TABLES).filter((name) => !names.includes(name)).map((name) => `${name}: a table without a command`),
    ...built.commands.flatMap((command) => compare(command.name(), command.options, TABLES[command.name()] ?? [])),
  ];
}

describe('one declaration per option', () => {
  for (const lang of LANGS) {
    it(`the ${lang} program registers exactly the tables' options, in their order, with what they declare`, () => {
      const built = program(lang);
      expect(built.commands.length).toBe(Object.keys(TABLES).length);
      expect(built.commands.flatMap((command) => command.options).length).toBeGreaterThan(100);
      expect(undeclared(built, lang)).toEqual([]);
    });
  }

  it('an option added beside the tables, or one of theirs left out, is caught', () => {
    const added = program('sv');
    added.commands.find((command) => command.name() === 'list')!.option('--extra', 'beside the table');
    expect(undeclared(added, 'sv')).toContain('list --extra: registered, not as declared');

    const dropped = program('sv');
    const add = dropped.commands.find((command) => command.name() === 'add')!;
    (add.options as Option[]).splice(add.options.findIndex((option) => option.long === '--title'), 1);
    expect(undeclared(dropped, 'sv')).toContain('add --title <text>: declared, not registered');

    const changed = program('sv');
    changed.commands.find((command) => command.name() === 'report')!.options.find((option) => option.long === '--interval')!.default('quarter');
    expect(undeclared(changed, 'sv')).toContain('report --interval <interval>: registered, not as declared');
  });

  it('no command declares a flag twice', () => {
    for (const [name, table] of Object.entries<OptionTable>({ sluss: GLOBAL_OPTIONS, ...TABLES })) {
      const typed = table.flatMap(spellings);
      expect(typed, name).toEqual([...new Set(typed)]);
    }
  });
});

describe('help from the catalogue', () => {
  const specs = [...GLOBAL_OPTIONS, ...Object.values(TABLES).flat()] as OptionTable;

  for (const lang of LANGS) {
    it(`every option's help key has a sentence in the ${lang} catalogue`, () => {
      const text = programText(lang);
      const missing = specs.filter((spec) => typeof text[spec.help] !== 'string' || text[spec.help].trim() === '').map((spec) => `${spec.flag}: ${spec.help}`);
      expect(missing).toEqual([]);
    });

    it(`every sentence of the ${lang} catalogue is shown by the program (no key is left over)`, () => {
      const built = program(lang);
      const shown = [built, ...built.commands].flatMap((command) => [
        command.description(),
        ...command.options.map((option) => option.description),
        ...command.registeredArguments.map((argument) => argument.description),
      ]);
      const text = programText(lang);
      // The help flag, the version flag and the help command are commander's, given their words in program.ts.
      const own = ['help', 'helpCommand'];
      const unused = Object.entries(text).filter(([key, sentence]) => !own.includes(key) && !shown.some((s) => s.includes(sentence))).map(([key]) => key);
      expect(unused).toEqual([]);
    });
  }

  it('the English help differs from the Swedish for every option that has words to translate', () => {
    const same = specs.filter((spec) => programText('sv')[spec.help] === programText('en')[spec.help]).map((spec) => spec.help);
    expect(same).toEqual([]);
  });
});

describe('the flags types come from the tables', () => {
  it('follow commander: a --no- switch is always set, a default or a required option too, a repeated one is a list', () => {
    expectTypeOf<AddFlags['onDuplicate']>().toEqualTypeOf<'abort' | 'new' | 'join' | 'related'>();
    expectTypeOf<AddFlags['role']>().toEqualTypeOf<'interested' | 'co-funder'>();
    expectTypeOf<AddFlags['commit']>().toEqualTypeOf<boolean>();
    expectTypeOf<AddFlags['submitterEmail']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<AddFlags>().not.toHaveProperty('noCommit');
    expectTypeOf<ListFlags['status']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<SearchFlags['limit']>().toEqualTypeOf<number>();
    expectTypeOf<ReportFlags['format']>().toEqualTypeOf<'text' | 'md' | 'html' | 'csv' | 'xlsx' | 'json'>();
    expectTypeOf<ReportFlags['staleDays']>().toEqualTypeOf<string>();
    expectTypeOf<ReportFlags['interval']>().toEqualTypeOf<'month' | 'quarter'>();
    expectTypeOf<ReviewFlags['base']>().toEqualTypeOf<string>();
    expectTypeOf<ReviewFlags['format']>().toEqualTypeOf<'text' | 'markdown' | 'github' | 'json'>();
    expectTypeOf<InitFlags['ci']>().toEqualTypeOf<'github' | 'gitlab' | undefined>();
    expectTypeOf<WorkflowFlags['score']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<WorkflowFlags['input']>().toEqualTypeOf<boolean>();
    expectTypeOf<GlobalFlags['register']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<GlobalFlags['color']>().toEqualTypeOf<boolean>();
  });

  it('name each flag as commander names its attribute', () => {
    // The types' names are checked above for the hard cases; at run time the parsed keys must be the same.
    const parsed: Record<string, unknown> = {};
    const built = program('sv');
    built.commands.find((command) => command.name() === 'add')!.action((flags: AddFlags) => {
      Object.assign(parsed, flags);
    });
    built.parse(['add', '--submitter-email', 'a@b.se', '--received-by', 'x', '--no-commit', '--on-duplicate', 'new'], { from: 'user' });
    const expected: Partial<AddFlags> = { submitterEmail: 'a@b.se', receivedBy: 'x', commit: false, onDuplicate: 'new', role: 'interested', input: true };
    expect(parsed).toEqual(expected);
  });
});

describe('other lists of flags follow the tables', () => {
  const built = program('sv');
  const withChoices = Object.entries(TABLES).flatMap(([name, table]) => table.filter((spec) => spec.choices && !spec.hidden).map((spec) => ({ name, spec })));

  it('bash completion offers every declared choice of every option', () => {
    const script = completionScript(built, 'bash');
    expect(withChoices.length).toBeGreaterThan(8);
    for (const { name, spec } of withChoices) expect(script, `${name} ${spec.flag}`).toContain(`${spec.flag}) COMPREPLY=($(compgen -W '${spec.choices!.join(' ')}'`);
  });

  it("zsh completion offers files and folders where the option's value says so", () => {
    const script = completionScript(built, 'zsh');
    expect(script).toContain("'(-C --register)'{-C,--register}'[mapp med idéregistret (annars letar sluss uppåt från aktuell mapp)]:value:_files -/'");
    expect(script).toMatch(/'--file\[[^\]]*\]:value:_files'/);
    expect(script).toMatch(/'--title\[[^\]]*\]:value: '/);
  });

  it("the README's command table names only flags and values the tables declare", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const rows = readme.split('\n').filter((line) => line.startsWith('| `sluss '));
    expect(rows.length).toBeGreaterThan(15);
    const wrong: string[] = [];
    let checked = 0;
    for (const row of rows) {
      const [, commandsCell = '', rest = ''] = row.split(/(?<!\\)\|/);
      const names = [...commandsCell.matchAll(/`sluss ([a-z-]+)/g)].map((m) => m[1]!).filter((name): name is CommandName => name in TABLES);
      const specs = [...GLOBAL_OPTIONS, ...names.flatMap((name) => TABLES[name]!)] as OptionTable;
      for (const [, flag, values] of `${commandsCell} ${rest}`.matchAll(/(--[a-z][a-z-]*)(?: ((?:[a-z-]+\\\|)+[a-z-]+))?/g)) {
        checked++;
        const spec = specs.find((s) => s.flag === flag);
        if (!spec) wrong.push(`${names.join('/')}: ${flag}`);
        for (const value of values?.split('\\|') ?? []) if (spec && !spec.choices?.includes(value)) wrong.push(`${names.join('/')}: ${flag} ${value}`);
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(wrong).toEqual([]);
  });

  it('the commander spelling of an option is its flag, short alias and placeholder', () => {
    expect(optionFlags({ short: '-o', flag: '--out', value: 'path', help: 'reportOut' })).toBe('-o, --out <path>');
    expect(optionFlags({ flag: '--no-commit', help: 'noCommit' })).toBe('--no-commit');
  });
});
