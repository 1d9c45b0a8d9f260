/** review: a branch's changes to the register, checked as a pull request should be. */
import { Option } from 'commander';
import type { Command } from 'commander';
import { reviewText } from '../../ui/review-text.js';
import { collect } from '../cli-env.js';
import type { CliEnv } from '../cli-env.js';
import type { ReviewFlags, ReviewFormat } from './flags.js';

export function reviewCommand(program: Command, env: CliEnv): void {
  const t = reviewText(env.lang).help;
  program
    .command('review')
    .description(t.review)
    .requiredOption('--base <ref>', t.base)
    .addOption(new Option('--format <format>', t.format).choices(['text', 'markdown', 'md', 'github', 'json']).default('text'))
    // An empty --approvals "" (nobody has approved yet) is an empty list, not a missing flag.
    .option('--approvals <list>', t.approvals, collect)
    .option('--actor <who>', t.actor)
    .option('--fail-on-duplicate', t.failOnDuplicate)
    .option('--json', env.text.json)
    .action(async (flags: Omit<ReviewFlags, 'format'> & { format: ReviewFormat | 'md' }, command: Command) => {
      const { runReview } = await import('./review-run.js');
      const format = flags.json ? 'json' : flags.format === 'md' ? 'markdown' : flags.format;
      env.setOutcome(await runReview(await env.context(command, { interactive: false }), { ...flags, format }));
    });
}
