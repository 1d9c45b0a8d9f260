import { Option } from 'commander';
import type { Command } from 'commander';
import type { CliEnv } from '../cli-env.js';
import type { AddFlags } from './flags.js';

export function addCommand(program: Command, env: CliEnv): void {
  const t = env.text;
  program
    .command('add')
    .description(t.add)
    .option('--title <text>', t.addTitle)
    .option('--problem <text>', t.addProblem)
    .option('--idea <text>', t.addIdea)
    .option('--benefit <text>', t.addBenefit)
    .option('--effects <text>', t.addEffects)
    .option('--feasibility <text>', t.addFeasibility)
    .option('--municipality <code>', t.addMunicipality)
    .option('--category <code>', t.addCategory)
    .option('--tags <a,b>', t.addTags)
    .option('--received-by <name>', t.addReceivedBy)
    .option('--submitter <name>', t.addSubmitter)
    .option('--submitter-email <email>', t.addSubmitterEmail)
    .option('--consent <date>', t.addConsent)
    .option('--file <idea.md|idea.json>', t.addFile)
    // site: `add --from` (issue 18).
    .option('--from <file>', env.lang === 'en' ? "a submission from the site's form: a saved e-mail (.eml or text), a downloaded file or an issue's text; - reads standard input" : 'en idé från webbplatsens formulär: ett sparat e-postmeddelande (.eml eller text), en nedladdad fil eller ett ärendes text; - läser standard in')
    .addOption(new Option('--on-duplicate <action>', t.addOnDuplicate).choices(['abort', 'new', 'join', 'related']).default('abort'))
    .addOption(new Option('--role <role>', t.addRole).choices(['interested', 'co-funder']).default('interested'))
    .option('--branch', t.addBranch)
    .option('--pr', t.addPr)
    .option('--no-commit', t.addNoCommit)
    .option('--no-input', t.addNoInput)
    .option('--json', t.json)
    .action(async (flags: AddFlags, command: Command) => {
      const { runAdd } = await import('./add-run.js');
      env.setOutcome(await runAdd(await env.context(command, { interactive: flags.input && !flags.json }), flags));
    });
}

