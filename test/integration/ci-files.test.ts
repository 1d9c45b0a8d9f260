import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderCodeowners, writeCiFiles } from '../../src/app/ci-files.js';
import type { RegisterConfig } from '../../src/core/config.js';
import { parseConfig, renderDefaultConfig } from '../../src/core/format/config-file.js';
import { tempDir } from '../helpers/registers.js';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function configWithReviewers(): RegisterConfig {
  const config = parseConfig(renderDefaultConfig('X', { coordinators: ['Maria Holm', '@samordnaren', 'maria@skaraborg.se'] }));
  config.municipalities.find((m) => m.code === 'skovde')!.reviewers = ['@anna', 'anna@skovde.se'];
  config.municipalities.find((m) => m.code === 'tibro')!.reviewers = ['@tore', '@anna', 'Tore utan konto'];
  return config;
}

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; if?: string };

describe('writeCiFiles', () => {
  it('writes the GitHub workflow, template and CODEOWNERS', async () => {
    const root = tempDir();
    const written = await writeCiFiles(root, configWithReviewers(), 'github');
    expect(written).toEqual(['.github/workflows/sluss.yml', '.github/pull_request_template.md', '.github/CODEOWNERS']);
    const workflow = parse(readFileSync(join(root, '.github/workflows/sluss.yml'), 'utf8')) as {
      on: Record<string, unknown>;
      permissions: Record<string, string>;
      jobs: { review: { steps: Step[]; env: Record<string, string> } };
    };
    expect(Object.keys(workflow.on)).toContain('pull_request');
    expect(workflow.permissions['pull-requests']).toBe('write');
    const steps = workflow.jobs.review.steps;
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout'))?.with).toEqual({ 'fetch-depth': 0 });
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node'))?.with).toEqual({ 'node-version': 20 });
    const runs = steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain(`npx --yes sluss@${version} validate --format github`);
    expect(runs).toContain(`npx --yes sluss@${version} review --base "origin/$BASE_REF" --format github --actor "@$PR_AUTHOR" --approvals "$APPROVALS"`);
    expect(runs).toContain('--format markdown');
    expect(runs).toContain('gh pr comment "$PR_NUMBER" --edit-last --body-file sluss-review.md || gh pr comment "$PR_NUMBER" --body-file sluss-review.md');
    expect(runs).toContain('gh api --paginate');
    // Event values reach the scripts through the environment only.
    expect(runs).not.toContain('${{');
    expect(workflow.jobs.review.env['PR_AUTHOR']).toBe('${{ github.event.pull_request.user.login }}');
    expect(readFileSync(join(root, '.github/pull_request_template.md'), 'utf8')).toContain('- [ ]');
    for (const step of steps) if (step.run) execFileSync('bash', ['-n'], { input: step.run });
  });

  it('generates CODEOWNERS from coordinators and reviewers that a forge understands', () => {
    const text = renderCodeowners(configWithReviewers(), 'github');
    const rules = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    expect(rules).toEqual([
      '/sluss.yaml @samordnaren maria@skaraborg.se',
      '/schemas/ @samordnaren maria@skaraborg.se',
      '/ideas/ @anna anna@skovde.se @tore',
    ]);
    expect(text).toContain('sluss review');
    expect(text).toContain('Maria Holm, Tore utan konto');
  });

  it('writes a commented CODEOWNERS explaining what to add when nobody is listed', () => {
    const text = renderCodeowners(parseConfig(renderDefaultConfig('X')), 'gitlab');
    expect(text.split('\n').every((line) => line === '' || line.startsWith('#'))).toBe(true);
    expect(text).toContain('reviewers: ["@anna", "anna@skovde.se"]');
    expect(text).toContain('sluss init --ci gitlab');
  });

  it('keeps existing files but regenerates CODEOWNERS', async () => {
    const root = tempDir();
    await writeCiFiles(root, parseConfig(renderDefaultConfig('X')), 'github');
    writeFileSync(join(root, '.github/workflows/sluss.yml'), '# mitt eget\n');
    const written = await writeCiFiles(root, configWithReviewers(), 'github');
    expect(written).toEqual(['.github/CODEOWNERS']);
    expect(readFileSync(join(root, '.github/workflows/sluss.yml'), 'utf8')).toBe('# mitt eget\n');
    expect(readFileSync(join(root, '.github/CODEOWNERS'), 'utf8')).toContain('/ideas/ @anna');
  });

  it('writes the GitLab pipeline, merge request template and .gitlab/CODEOWNERS', async () => {
    const root = tempDir();
    const written = await writeCiFiles(root, configWithReviewers(), 'gitlab');
    expect(written).toEqual(['.gitlab-ci.yml', '.gitlab/merge_request_templates/Idé.md', '.gitlab/CODEOWNERS']);
    expect(existsSync(join(root, '.gitlab/merge_request_templates/Idé.md'))).toBe(true);
    const pipeline = parse(readFileSync(join(root, '.gitlab-ci.yml'), 'utf8')) as {
      workflow: { rules: { if: string }[] };
      sluss: { image: string; script: string[]; variables: Record<string, unknown>; artifacts: { paths: string[]; when: string } };
    };
    expect(pipeline.workflow.rules[0]!.if).toContain('merge_request_event');
    expect(pipeline.sluss.variables['GIT_DEPTH']).toBe(0);
    const script = pipeline.sluss.script.join('\n');
    expect(script).toContain(`npx --yes sluss@${version} validate`);
    expect(script).toContain(`npx --yes sluss@${version} review --base "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" --format markdown`);
    execFileSync('sh', ['-n'], { input: script });
    expect(pipeline.sluss.artifacts).toMatchObject({ when: 'always', paths: ['sluss-review.md'] });
    expect(readFileSync(join(root, '.gitlab/CODEOWNERS'), 'utf8')).toContain('/ideas/ @anna anna@skovde.se @tore');
  });
});
