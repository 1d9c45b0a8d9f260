/**
 * The .gitlab-ci.yml that `sluss init --ci gitlab` writes, executed by a local
 * GitLab runner (gitlab-ci-local, shell executor) on a real register with a
 * bare remote, without network access: merge-request pipelines for a good
 * branch (green), a branch with an invalid idea and one with a move only a
 * coordinator may make (both red, with the reason), and the default branch's
 * pipeline that builds the web site, the report a page of it, for GitLab Pages.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CiRegister } from '../helpers/ci-register.js';
import { createCiRegister, WAITING_IDEA } from '../helpers/ci-register.js';
import { git, testEnv } from '../helpers/registers.js';
import { expectPublishedSite } from '../helpers/site-published.js';

const RUNNER = fileURLToPath(new URL('../../node_modules/.bin/gitlab-ci-local', import.meta.url));
const hasRsync = spawnSync('rsync', ['--version']).status === 0;
/** A network namespace of its own (root, Linux): the pipeline cannot reach anything outside. */
const noNetwork = spawnSync('unshare', ['-n', 'true']).status === 0 ? ['unshare', '-n'] : undefined;
const missing = !existsSync(RUNNER) ? 'gitlab-ci-local is not installed (npm ci)' : !hasRsync ? 'rsync is missing: node scripts/ensure-debian-tools.mjs rsync' : !noNetwork ? 'unshare -n is not allowed here, so the run cannot be cut off from the network' : undefined;

interface PipelineRun {
  code: number | null;
  log: string;
}

/** Runs the pipeline (or the named jobs) for the checked-out branch, as a merge request into main unless `push`. */
function runPipeline(root: string, options: { jobs?: string[]; push?: boolean; schemaCheck?: boolean } = {}): PipelineRun {
  const mergeRequest = options.push
    ? []
    : ['CI_PIPELINE_SOURCE=merge_request_event', 'CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main', 'CI_MERGE_REQUEST_IID=7', 'GITLAB_USER_LOGIN=anna'].flatMap((v) => ['--variable', v]);
  // GitLab's JSON schema for .gitlab-ci.yml is checked once (it takes seconds); the file is the same in every run.
  const schema = options.schemaCheck ? [] : ['--no-json-schema-validation'];
  const args = [...noNetwork!, RUNNER, '--force-shell-executor', '--no-color', ...schema, '--ignore-predefined-vars', 'CI_PIPELINE_SOURCE,GITLAB_USER_LOGIN', ...mergeRequest, ...(options.jobs ?? [])];
  const result = spawnSync(args[0]!, args.slice(1), { cwd: root, env: testEnv({ SLUSS_TODAY: '2026-11-27' }), encoding: 'utf8', timeout: 240_000 });
  return { code: result.status, log: `${result.stdout}${result.stderr}` };
}

describe.skipIf(missing !== undefined)(`the generated GitLab pipeline under gitlab-ci-local${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let register: CiRegister;
  beforeAll(() => {
    register = createCiRegister('gitlab');
  }, 120_000);

  it('passes a merge request with a good new idea: every job green, and the log says how to get the note', () => {
    git(register.root, 'switch', '--quiet', 'ny-ide');
    const run = runPipeline(register.root, { schemaCheck: true });
    expect(run.log).toMatch(/json schema validated/);
    expect(run.log).toMatch(/PASS\s+sluss\b/);
    expect(run.log).toMatch(/PASS\s+sluss-kommentar/);
    expect(run.log).not.toContain('FAIL');
    expect(run.log).toContain('Inga fel i 2 idéfil(er) och sluss.yaml.');
    expect(run.log).toContain('sluss review: Inget blockerar.');
    expect(run.log).toContain('Bokbuss till byarna');
    expect(run.log).toContain('Ingen SLUSS_GITLAB_TOKEN');
    expect(run.log).toContain('Settings > Access tokens');
    expect(run.code).toBe(0);
  }, 240_000);

  /** The log of the review job for a merge request from `branch`, which must fail. */
  function failedReview(branch: string): string {
    git(register.root, 'switch', '--quiet', branch);
    const run = runPipeline(register.root, { jobs: ['sluss'] });
    expect(run.code).not.toBe(0);
    expect(run.log).toMatch(/FAIL\s+sluss\b/);
    return run.log;
  }

  it('fails a merge request with an invalid idea, naming the file and the problem', () => {
    expect(failedReview('ogiltig')).toMatch(/ideas\/0ZZ-CCCC1-[^:]*\.md:\d+: municipality: okänd kommun "atlantis"/);
  }, 240_000);

  it('fails a merge request where someone who is no coordinator moves an idea out of the first assessment', () => {
    const log = failedReview('flytt');
    expect(log).toContain('Inga fel i 1 idéfil(er) och sluss.yaml.');
    expect(log).toContain('sluss review: Blockerar: 1 sak(er) att åtgärda.');
    expect(log).toContain(`${WAITING_IDEA}: flytten Första bedömning → Utredning ska göras eller godkännas av en samordnare (\\@samordnaren); ändringen öppnades av \\@anna och ingen samordnare har godkänt den`);
  }, 240_000);

  it('publishes the web site, the report a page of it, from the default branch for GitLab Pages', () => {
    git(register.root, 'switch', '--quiet', 'main');
    const run = runPipeline(register.root, { push: true });
    expect(run.log).toMatch(/PASS\s+pages/);
    expect(run.log).not.toMatch(/\bsluss-kommentar\b/);
    expect(run.code).toBe(0);
    const published = join(register.root, '.gitlab-ci-local', 'artifacts', 'pages', 'public');
    expectPublishedSite(published);
    // GitLab Pages compresses nothing itself: the job writes the gzip file it sends beside each file.
    for (const file of ['index.html', 'assets/check.js', 'search/ideas.json', 'search/words.bin']) {
      expect(gunzipSync(readFileSync(join(published, `${file}.gz`))).equals(readFileSync(join(published, file))), file).toBe(true);
    }
  }, 240_000);
});
