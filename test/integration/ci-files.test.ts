import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ciFiles, renderCodeowners, writeCiFiles } from '../../src/app/ci-files.js';
import { PINNED_ACTIONS } from '../../src/ui/ci/github.js';
import type { RegisterConfig } from '../../src/core/config.js';
import { parseConfig, renderDefaultConfig } from '../../src/core/format/config-file.js';
import { tempDir } from '../helpers/registers.js';
import { realAdapters } from '../../src/cli/container.js';
import { runCli } from '../helpers/cli.js';

function configWithReviewers(): RegisterConfig {
  const config = parseConfig(renderDefaultConfig('X', { coordinators: ['Maria Holm', '@samordnaren', 'maria@skaraborg.se'] }));
  config.municipalities.find((m) => m.code === 'skovde')!.reviewers = ['@anna', 'anna@skovde.se'];
  config.municipalities.find((m) => m.code === 'tibro')!.reviewers = ['@tore', '@anna', 'Tore utan konto'];
  return config;
}

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; if?: string; env?: Record<string, string> };
type Job = { permissions: Record<string, string>; needs?: string; if?: string; steps: Step[]; env?: Record<string, string> };
type Workflow = { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> };

function githubWorkflow(root: string): Workflow {
  return parse(readFileSync(join(root, '.github/workflows/sluss.yml'), 'utf8')) as Workflow;
}

describe('the GitHub workflow', () => {
  it('runs the register’s copy of sluss, with permissions per job and the token only where no pull-request code runs', async () => {
    const root = tempDir();
    expect(await writeCiFiles(realAdapters.files, root, configWithReviewers(), 'github')).toEqual(['.github/workflows/sluss.yml', '.github/pull_request_template.md', '.github/CODEOWNERS']);
    const workflow = githubWorkflow(root);
    expect(Object.keys(workflow.on)).toEqual(['pull_request', 'pull_request_review', 'push']);
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs['approvals']!.permissions).toEqual({ 'pull-requests': 'read' });
    expect(workflow.jobs['check']!.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs['comment']!.permissions).toEqual({ 'pull-requests': 'write' });
    expect(workflow.jobs['site']!.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs['pages']!.permissions).toEqual({ pages: 'write', 'id-token': 'write' });

    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((s) => s.run ?? '')).join('\n');
    expect(runs).toContain('node .sluss/tool/sluss.cjs validate --format github');
    expect(runs).toContain('node .sluss/tool/sluss.cjs review --base "origin/$BASE_REF" --format github --actor "@$PR_AUTHOR" --approvals "$APPROVALS"');
    expect(runs).toContain('node .sluss/tool/sluss.cjs site --out _site');
    expect(runs).not.toContain('report --format html');
    // Event values reach the scripts through the environment only.
    expect(runs).not.toContain('${{');

    // The token: only in the steps of the two jobs that run no file from the pull request.
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const tokenSteps = job.steps.filter((s) => JSON.stringify(s.env ?? {}).includes('github.token'));
      expect(JSON.stringify(job.env ?? {}), name).not.toContain('token');
      if (name === 'approvals' || name === 'comment') {
        expect(tokenSteps, name).toHaveLength(1);
        expect(job.steps.some((s) => s.uses?.startsWith('actions/checkout')), name).toBe(false);
      } else {
        expect(tokenSteps, name).toEqual([]);
      }
    }
    // Every action pinned to a full commit, and checkout leaves no credentials behind.
    const uses = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((s) => (s.uses ? [s.uses] : [])));
    expect(uses.length).toBeGreaterThanOrEqual(7);
    for (const action of uses) expect(action).toMatch(/^actions\/[a-z-]+@[0-9a-f]{40}$/);
    expect(Object.values(PINNED_ACTIONS).map((a) => a.split(' ')[0])).toEqual(expect.arrayContaining(uses));
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps.filter((s) => s.uses?.startsWith('actions/checkout'))) expect(step.with).toEqual({ 'fetch-depth': 0, 'persist-credentials': false });
    }
    expect(workflow.jobs['site']!.if).toBe("github.event_name == 'push' && github.ref_name == github.event.repository.default_branch");
    expect(workflow.jobs['site']!.needs).toBe('check');
    expect(workflow.jobs['pages']!.needs).toBe('site');
  });

  it('writes a request template that names the coordinators, escaped for Markdown', async () => {
    const config = parseConfig(renderDefaultConfig('X', { coordinators: ['@samordnaren', 'Maria *Holm* <img src=x>'] }));
    const template = ciFiles(config, 'github').find((f) => f.path === '.github/pull_request_template.md')!.content as string;
    expect(template).toContain('Samordnare enligt sluss.yaml: @samordnaren, Maria \\*Holm\\* \\<img src=x\\>.');
    expect(template).not.toMatch(/[^\\]<img/);
  });
});

describe('CODEOWNERS', () => {
  it('gives the settings, the copy of sluss and the CI files to the coordinators and ideas/ to the reviewers a forge understands', () => {
    const text = renderCodeowners(configWithReviewers(), 'github');
    const rules = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    const owners = '@samordnaren maria@skaraborg.se';
    expect(rules).toEqual([
      `/sluss.yaml ${owners}`,
      `/schemas/ ${owners}`,
      `/.sluss/ ${owners}`,
      `/sluss ${owners}`,
      `/sluss.cmd ${owners}`,
      `/.gitattributes ${owners}`,
      `/.github/ ${owners}`,
      '/ideas/ @anna anna@skovde.se @tore',
    ]);
    expect(text).toContain('sluss review');
    expect(text).toContain('Maria Holm, Tore utan konto');
    expect(renderCodeowners(configWithReviewers(), 'gitlab')).toContain(`/.gitlab-ci.yml ${owners}\n/.gitlab/ ${owners}`);
  });

  it('writes a commented file explaining what to add when nobody is listed', () => {
    const text = renderCodeowners(parseConfig(renderDefaultConfig('X')), 'gitlab');
    expect(text.split('\n').every((line) => line === '' || line.startsWith('#'))).toBe(true);
    expect(text).toContain('reviewers: ["@anna", "anna@skovde.se"]');
    expect(text).toContain('sluss init --ci gitlab');
  });

  it('never lets a configured value start a line of its own, even one that bypassed the schema', () => {
    const config = configWithReviewers();
    config.coordinators.push('Eva\n/ideas/ @mallory', '@eve\n* @mallory', 'x#y@example.se');
    const lines = renderCodeowners(config, 'github').split('\n');
    expect(lines.filter((line) => line.includes('mallory')).every((line) => line.startsWith('#'))).toBe(true);
    expect(lines.filter((line) => !line.startsWith('#') && line !== '').every((line) => /^\/\S* (@[\w./-]+|[\w.%+-]+@[\w.-]+)( (@[\w./-]+|[\w.%+-]+@[\w.-]+))*$/.test(line))).toBe(true);
    expect(lines.join('\n')).toContain('Eva\\u000a/ideas/ @mallory');
  });
});

describe('writeCiFiles', () => {
  it('writes nothing the second time, keeps a file the user took over, and brings sluss’s own files up to date', async () => {
    const root = tempDir();
    await writeCiFiles(realAdapters.files, root, parseConfig(renderDefaultConfig('X')), 'github');
    expect(await writeCiFiles(realAdapters.files, root, parseConfig(renderDefaultConfig('X')), 'github')).toEqual([]);

    writeFileSync(join(root, '.github/workflows/sluss.yml'), '# mitt eget arbetsflöde\n');
    writeFileSync(join(root, '.github/pull_request_template.md'), '<!-- Skapad av sluss init --ci github. gammal mall -->\n');
    expect(await writeCiFiles(realAdapters.files, root, configWithReviewers(), 'github')).toEqual(['.github/pull_request_template.md', '.github/CODEOWNERS']);
    expect(readFileSync(join(root, '.github/workflows/sluss.yml'), 'utf8')).toBe('# mitt eget arbetsflöde\n');
    expect(readFileSync(join(root, '.github/CODEOWNERS'), 'utf8')).toContain('/ideas/ @anna');
  });

  it('replaces the workflow of registers made before the copy of sluss, which ran an npm package that does not exist', async () => {
    const root = tempDir();
    mkdirSync(join(root, '.github/workflows'), { recursive: true });
    writeFileSync(join(root, '.github/workflows/sluss.yml'), '# Skapad av sluss init --ci github. Kontrollerar varje pull request\njobs:\n  review:\n    steps:\n      - run: npx --yes sluss@0.1.0 validate\n');
    expect(await writeCiFiles(realAdapters.files, root, configWithReviewers(), 'github')).toContain('.github/workflows/sluss.yml');
    expect(readFileSync(join(root, '.github/workflows/sluss.yml'), 'utf8')).not.toContain('npx');
  });

  it('refuses CODEOWNERS committed as a link to a file outside the register and leaves that file untouched', async () => {
    const root = tempDir();
    const outside = join(tempDir(), 'passwd');
    writeFileSync(outside, 'root:x:0:0\n');
    mkdirSync(join(root, '.github'));
    symlinkSync(outside, join(root, '.github/CODEOWNERS'));
    await expect(writeCiFiles(realAdapters.files, root, configWithReviewers(), 'github')).rejects.toMatchObject({ code: 'unsafe-path', params: { file: '.github/CODEOWNERS', reason: 'symlink' } });
    expect(readFileSync(outside, 'utf8')).toBe('root:x:0:0\n');
    // Refused as a whole: the files written before CODEOWNERS are not left behind either.
    expect(readdirSync(join(root, '.github'))).toEqual(['CODEOWNERS']);
  });

  it('refuses a CI folder that is a link out of the register', async () => {
    const root = tempDir();
    const outside = tempDir();
    symlinkSync(outside, join(root, '.gitlab'));
    await expect(writeCiFiles(realAdapters.files, root, configWithReviewers(), 'gitlab')).rejects.toMatchObject({ code: 'unsafe-path', params: { reason: 'symlink', part: '.gitlab' } });
    expect(existsSync(join(outside, 'CODEOWNERS'))).toBe(false);
  });

  it('refuses a first init --ci whose CI folder is a link before it writes anything, git init included', async () => {
    const dir = tempDir();
    const outside = tempDir();
    symlinkSync(outside, join(dir, '.github'));
    const run = await runCli(['init', '--ci', 'github', '--name', 'Test', '--coordinator', '@samordnaren'], { cwd: dir });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('.github');
    // No half-made register: neither sluss.yaml nor the copy of sluss nor a repository, and nothing outside.
    expect(readdirSync(dir)).toEqual(['.github']);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('writes the GitLab pipeline: merge requests and the default branch, the note only with a token, Pages from the default branch', async () => {
    const root = tempDir();
    expect(await writeCiFiles(realAdapters.files, root, configWithReviewers(), 'gitlab')).toEqual(['.gitlab-ci.yml', '.gitlab/merge_request_templates/Idé.md', '.gitlab/CODEOWNERS']);
    const pipeline = parse(readFileSync(join(root, '.gitlab-ci.yml'), 'utf8')) as Record<string, { script: string[]; rules: { if: string; when?: string }[]; needs?: unknown; artifacts?: { paths: string[]; when?: string } }> & {
      workflow: { rules: { if: string }[] };
      variables: Record<string, unknown>;
    };
    expect(pipeline.workflow.rules.map((r) => r.if)).toEqual(['$CI_PIPELINE_SOURCE == "merge_request_event"', '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH']);
    expect(pipeline.variables['GIT_DEPTH']).toBe('0');
    const review = pipeline['sluss']!;
    expect(review.script.join('\n')).toContain('node .sluss/tool/sluss.cjs review --base "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" --format markdown --actor "@$GITLAB_USER_LOGIN" "$@" > sluss-review.md');
    expect(review.artifacts).toMatchObject({ when: 'always', paths: ['sluss-review.md'] });
    expect(pipeline['sluss-kommentar']!.script).toEqual(['node .sluss/tool/sluss.cjs ci gitlab-note sluss-review.md']);
    expect(pipeline['sluss-kommentar']!.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"', when: 'always' }]);
    expect(pipeline['pages']!.script).toEqual([
      'node .sluss/tool/sluss.cjs validate',
      'node .sluss/tool/sluss.cjs site --out public',
      "find public -type f \\( -name '*.html' -o -name '*.css' -o -name '*.js' -o -name '*.json' -o -name '*.bin' \\) -exec gzip -9 -k -f {} +",
    ]);
    expect(pipeline['pages']!.artifacts!.paths).toEqual(['public']);
    expect(pipeline['pages']!.rules[0]!.if).toBe('$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH');
    expect(readFileSync(join(root, '.gitlab/CODEOWNERS'), 'utf8')).toContain('/ideas/ @anna anna@skovde.se @tore');
  });
});
