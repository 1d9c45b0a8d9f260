import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliEnv } from '../../src/cli/cli-env.js';
import { reviewCommand } from '../../src/cli/commands/review.js';
import { completionCommand, completionScript, SHELLS } from '../../src/cli/completion.js';
import type { Shell } from '../../src/cli/completion.js';
import { buildProgram } from '../../src/cli/program.js';
import { programText } from '../../src/cli/program-text.js';
import { testContext } from '../helpers/context.js';

const context = testContext({ cwd: tmpdir() });
const env: CliEnv = { lang: 'sv', text: programText('sv'), context: async () => context, setOutcome: () => undefined };

/** The real program, with review and completion added when program.ts does not wire them yet. */
function program(): Command {
  const built = buildProgram('sv', { context: env.context, setOutcome: env.setOutcome });
  const names = new Set(built.commands.map((c) => c.name()));
  if (!names.has('review')) reviewCommand(built, env);
  if (!names.has('completion')) completionCommand(built, env);
  return built;
}

function hasShell(shell: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${shell}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'sluss-completion-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('completionScript', () => {
  const built = program();
  const commandNames = built.commands.map((c) => c.name());

  it.each(SHELLS)('%s: names every command and their flags', (shell) => {
    const script = completionScript(built, shell);
    for (const name of [...commandNames, 'help']) expect(script).toContain(name);
    for (const command of built.commands) {
      // Hidden aliases (report's --excel for --csv-excel) are left out of completion on purpose.
      for (const option of command.options.filter((o) => !o.hidden)) {
        const long = option.long!;
        expect(script, `${command.name()} ${long}`).toContain(shell === 'fish' ? `-l ${long.slice(2)}` : long);
      }
    }
    expect(script).toContain(shell === 'fish' ? '-l on-duplicate' : '--on-duplicate');
    expect(script).toContain(shell === 'fish' ? '-l base' : '--base');
    expect(script).toMatch(/text json github|text markdown github json|\(text json github\)/);
  });

  for (const shell of SHELLS) {
    // A shell that is not installed is a visible skip, never a pass.
    it.skipIf(!hasShell(shell))(`${shell}: the script parses${hasShell(shell) ? '' : ` (skipped: ${shell} is not installed)`}`, () => {
      const file = join(dir, `sluss.${shell}`);
      writeFileSync(file, completionScript(built, shell));
      execFileSync(shell, ['-n', file], { stdio: 'pipe' });
    });
  }

  it('bash completes commands, flags and choices', () => {
    const file = join(dir, 'sluss.bash');
    writeFileSync(file, completionScript(built, 'bash'));
    const complete = (...words: string[]) =>
      execFileSync('bash', ['-c', `source "${file}"; COMP_WORDS=(sluss ${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length}; _sluss; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' })
        .split('\n')
        .filter((w) => w !== '');
    expect(complete('rev')).toEqual(['review']);
    expect(complete('add', '--on-d')).toEqual(['--on-duplicate']);
    expect(complete('add', '--on-duplicate', '')).toEqual(['abort', 'new', 'join', 'related']);
    expect(complete('review', '--format', 'm')).toEqual(['markdown', 'md']);
    expect(complete('-C', 'x', 'valid')).toEqual(['validate']);
    expect(complete('completion', '')).toEqual(['bash', 'zsh', 'fish']);
  });

  it.skipIf(!hasShell('fish'))(`fish completes commands and choices${hasShell('fish') ? '' : ' (skipped: fish is not installed)'}`, () => {
    const file = join(dir, 'sluss.fish');
    writeFileSync(file, completionScript(built, 'fish'));
    const complete = (line: string) =>
      execFileSync('fish', ['-c', `source ${file}; complete -C '${line}'`], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => l.split('\t')[0]);
    expect(complete('sluss rev')).toEqual(['review']);
    // Every choice the table declares; `md` was missing here, unseen while a missing fish passed in silence.
    expect(complete('sluss review --format ').sort()).toEqual(['github', 'json', 'markdown', 'md', 'text']);
    expect(complete('sluss add --on-d')).toEqual(['--on-duplicate']);
  });

  it('the completion command prints the script', async () => {
    context.captured.stdout.length = 0;
    await built.parseAsync(['completion', 'bash'], { from: 'user' });
    expect(context.captured.stdout.join('\n')).toContain('complete -o default -F _sluss sluss');
  });
});
