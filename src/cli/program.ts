/** The command line: commander wiring only. Each command's work is loaded when it runs. */
import { Command } from 'commander';
import type { Lang } from '../core/lang.js';
import type { CliEnv } from './cli-env.js';
import { addCommand } from './commands/add.js';
import { duplicatesCommand } from './commands/duplicates.js';
import { ciCommand, initCommand, toolCommand, validateCommand } from './commands/maintain.js';
import { listCommand, searchCommand, showCommand, similarCommand } from './commands/read.js';
import { reportCommand } from './commands/report.js';
import { reviewCommand } from './commands/review.js';
// site: hook for `sluss site` (issue 18).
import { siteCommand } from './commands/site.js';
import { workflowCommands } from './commands/workflow.js';
import { GLOBAL_OPTIONS } from './commands/flags.js';
import { completionCommand } from './completion.js';
import { attachExamples, translatedHelp } from './help-format.js';
import { addOptions } from './options.js';
import { programText } from './program-text.js';
import { PACKAGE_VERSION } from '../package-version.js';


export function buildProgram(lang: Lang, env: Omit<CliEnv, 'text' | 'lang'>): Command {
  const text = programText(lang);
  const cliEnv: CliEnv = { ...env, lang, text };
  const helpConfiguration = translatedHelp(lang);
  const program = new Command('sluss')
    .description(text.program)
    .version(PACKAGE_VERSION, '-V, --version', text.version)
    .helpOption('-h, --help', text.help)
    .helpCommand('help [command]', text.helpCommand)
    // sluss suggests in the user's language itself (usage-errors.ts).
    .showSuggestionAfterError(false)
    .configureHelp(helpConfiguration);
  addOptions(program, GLOBAL_OPTIONS, text);

  // completion last, so its scripts cover every command defined before it.
  for (const define of [addCommand, similarCommand, listCommand, showCommand, searchCommand, duplicatesCommand, workflowCommands, reportCommand, siteCommand, validateCommand, reviewCommand, initCommand, toolCommand, ciCommand, completionCommand]) {
    define(program, cliEnv);
  }
  for (const command of program.commands) {
    command.helpOption('-h, --help', text.help).configureHelp(helpConfiguration).showSuggestionAfterError(false);
  }
  attachExamples(program, lang);
  return program;
}
