/** The idea's journey: move, assess, join, leave, link, unlink and merge. */
import { Option } from 'commander';
import type { Command } from 'commander';
import type { CliEnv } from '../cli-env.js';
import type { WorkflowFlags } from './flags.js';

/** Each --score is one value: `nytta=4,5` is a mistake to point out, not two scores. */
function repeatable(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Options every workflow command shares. */
function changeOptions(command: Command, env: CliEnv): Command {
  const t = env.text;
  return command
    .option('--by <name>', t.by)
    .option('--branch', t.branch)
    .option('--pr', t.pr)
    .option('--no-commit', t.noCommit)
    .option('--no-input', t.noInput)
    .option('--json', t.json);
}

export function workflowCommands(program: Command, env: CliEnv): void {
  const t = env.text;
  const run = async (name: string, command: Command, ...args: unknown[]) => {
    const flags = command.opts<WorkflowFlags>();
    const module = await import('./workflow-run.js');
    await module.runWorkflow(name, await env.context(command, { interactive: flags.input && !flags.json }), flags, args);
  };

  changeOptions(
    program.command('move').description(t.move).argument('<id>', t.id).argument('[stage]', t.moveStage).option('--duplicate-of <id>', t.moveDuplicateOf).option('--note <text>', t.note),
    env,
  ).action(
    async (id: string, stage: string | undefined, _flags: unknown, command: Command) => run('move', command, id, stage),
  );
  changeOptions(
    program
      .command('assess')
      .description(t.assess)
      .argument('<id>', t.id)
      .option('--score <criterion=1-5>', t.assessScore, repeatable)
      .option('--motivation <text>', t.assessMotivation)
      .option('--replace', t.assessReplace),
    env,
  ).action(async (id: string, _flags: unknown, command: Command) => run('assess', command, id));
  changeOptions(
    program
      .command('join')
      .description(t.join)
      .argument('<id>', t.id)
      .option('--municipality <code>', t.joinMunicipality)
      .addOption(new Option('--role <role>', t.joinRole).choices(['interested', 'co-funder']))
      .option('--share <percent>', t.joinShare)
      .option('--update', t.joinUpdate),
    env,
  ).action(async (id: string, _flags: unknown, command: Command) => run('join', command, id));
  changeOptions(program.command('leave').description(t.leave).argument('<id>', t.id).option('--municipality <code>', t.joinMunicipality).option('--note <text>', t.note), env).action(
    async (id: string, _flags: unknown, command: Command) => run('leave', command, id),
  );
  for (const name of ['link', 'unlink'] as const) {
    changeOptions(
      program
        .command(name)
        .description(name === 'link' ? t.link : t.unlink)
        .argument('<id>', t.id)
        .option('--duplicate-of <id>', t.linkDuplicateOf)
        .option('--related <id>', t.linkRelated),
      env,
    ).action(async (id: string, _flags: unknown, command: Command) => run(name, command, id));
  }
  changeOptions(program.command('not-duplicate').description(t.notDuplicate).argument('<id>', t.id).argument('<other>', t.notDuplicateOther).option('--note <text>', t.note), env).action(
    async (id: string, other: string, _flags: unknown, command: Command) => run('not-duplicate', command, id, other),
  );
  changeOptions(program.command('merge').description(t.merge).argument('<duplicate>', t.mergeDuplicate).argument('<into>', t.mergeInto).option('--note <text>', t.note), env).action(
    async (duplicate: string, into: string, _flags: unknown, command: Command) => run('merge', command, duplicate, into),
  );
}
