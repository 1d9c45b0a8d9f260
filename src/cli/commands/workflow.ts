/** The idea's journey: move, assess, join, leave, link, unlink, not-duplicate and merge. */
import type { Command } from 'commander';
import type { CliEnv } from '../cli-env.js';
import { addOptions } from '../options.js';
import type { HelpKey } from '../options.js';
import { COMMAND_OPTIONS, WORKFLOW_COMMANDS } from './flags.js';
import type { WorkflowCommand, WorkflowFlags } from './flags.js';

/** Each command's description and arguments, as keys of the help catalogue. */
const WORKFLOW_HELP: Record<WorkflowCommand, { description: HelpKey; arguments: [string, HelpKey][] }> = {
  move: { description: 'move', arguments: [['<id>', 'id'], ['[stage]', 'moveStage']] },
  assess: { description: 'assess', arguments: [['<id>', 'id']] },
  join: { description: 'join', arguments: [['<id>', 'id']] },
  leave: { description: 'leave', arguments: [['<id>', 'id']] },
  link: { description: 'link', arguments: [['<id>', 'id']] },
  unlink: { description: 'unlink', arguments: [['<id>', 'id']] },
  'not-duplicate': { description: 'notDuplicate', arguments: [['<id>', 'id'], ['<other>', 'notDuplicateOther']] },
  merge: { description: 'merge', arguments: [['<duplicate>', 'mergeDuplicate'], ['<into>', 'mergeInto']] },
};

export function workflowCommands(program: Command, env: CliEnv): void {
  const t = env.text;
  for (const name of WORKFLOW_COMMANDS) {
    const help = WORKFLOW_HELP[name];
    const command = program.command(name).description(t[help.description]);
    for (const [argument, description] of help.arguments) command.argument(argument, t[description]);
    addOptions(command, COMMAND_OPTIONS[name], t).action(async (...given: unknown[]) => {
      // commander hands the arguments, then the flags, then the command itself.
      const command = given.at(-1) as Command;
      const flags = command.opts<WorkflowFlags>();
      const module = await import('./workflow-run.js');
      await module.runWorkflow(name, await env.context(command, { interactive: flags.input && !flags.json }), flags, command.processedArgs);
    });
  }
}
