/** `sluss ci gitlab-approvals` and `gitlab-note` against a stand-in for GitLab's REST API on this machine. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitlabApprovals, gitlabNote, REVIEW_NOTE_MARK } from '../../src/app/ci-merge-request.js';
import { testContext } from '../helpers/context.js';
import { tempDir, testEnv } from '../helpers/registers.js';

interface Call {
  method: string;
  url: string;
  token: string | undefined;
  body: string;
}

const calls: Call[] = [];
let notes: { id: number; body: string }[] = [];
let failWith: number | undefined;
let apiUrl = '';
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  request.on('end', () => {
    calls.push({ method: request.method!, url: request.url!, token: request.headers['private-token'] as string | undefined, body });
    const reply = (status: number, value: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (failWith) return reply(failWith, { message: 'nope' });
    const base = '/api/v4/projects/42/merge_requests/7';
    if (request.url === `${base}/approvals`) return reply(200, { approved_by: [{ user: { username: 'anna' } }, { user: { username: 'samordnaren' } }] });
    if (request.url?.startsWith(`${base}/notes?`)) return reply(200, notes);
    if (request.method === 'POST' && request.url === `${base}/notes`) {
      notes.unshift({ id: 5, body: (JSON.parse(body) as { body: string }).body });
      return reply(201, notes[0]);
    }
    if (request.method === 'PUT' && request.url === `${base}/notes/5`) return reply(200, { id: 5 });
    return reply(404, {});
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function ciContext(cwd: string, token: string | undefined) {
  const ctx = testContext({ cwd });
  return { ...ctx, env: testEnv({ CI_API_V4_URL: apiUrl, CI_PROJECT_ID: '42', CI_MERGE_REQUEST_IID: '7', ...(token ? { SLUSS_GITLAB_TOKEN: token } : {}) }) };
}

describe('the GitLab merge request, through a project access token', () => {
  it('reads who has approved', async () => {
    calls.length = 0;
    expect(await gitlabApprovals(ciContext(tempDir(), 'glpat-secret'))).toEqual(['anna', 'samordnaren']);
    expect(calls).toEqual([{ method: 'GET', url: '/api/v4/projects/42/merge_requests/7/approvals', token: 'glpat-secret', body: '' }]);
  });

  it('writes the review as a note the first time and edits that note the next time', async () => {
    calls.length = 0;
    notes = [];
    const dir = tempDir();
    writeFileSync(join(dir, 'sluss-review.md'), '## ✅ sluss review: Inget blockerar.\n');
    expect(await gitlabNote(ciContext(dir, 'glpat-secret'), 'sluss-review.md')).toBe('created');
    expect(JSON.parse(calls.at(-1)!.body)).toEqual({ body: `## ✅ sluss review: Inget blockerar.\n\n${REVIEW_NOTE_MARK}\n` });
    expect(await gitlabNote(ciContext(dir, 'glpat-secret'), 'sluss-review.md')).toBe('updated');
    expect(calls.map((c) => `${c.method} ${c.url.replace(/\?.*/, '')}`)).toEqual([
      'GET /api/v4/projects/42/merge_requests/7/notes',
      'POST /api/v4/projects/42/merge_requests/7/notes',
      'GET /api/v4/projects/42/merge_requests/7/notes',
      'PUT /api/v4/projects/42/merge_requests/7/notes/5',
    ]);
    expect(calls.every((c) => c.token === 'glpat-secret')).toBe(true);
  });

  it('does nothing without a token, so the pipeline still runs', async () => {
    calls.length = 0;
    expect(await gitlabApprovals(ciContext(tempDir(), undefined))).toBeUndefined();
    expect(await gitlabNote(ciContext(tempDir(), undefined), 'sluss-review.md')).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('names the call that failed, never the token', async () => {
    failWith = 401;
    try {
      const error = await gitlabApprovals(ciContext(tempDir(), 'glpat-secret')).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'forge-api-failed', params: { url: `${apiUrl}/projects/42/merge_requests/7/approvals`, detail: 'HTTP 401' } });
      expect(JSON.stringify(error)).not.toContain('glpat-secret');
    } finally {
      failWith = undefined;
    }
  });

  it('says which CI variables are missing outside a merge-request pipeline', async () => {
    const ctx = { ...testContext({ cwd: tempDir() }), env: testEnv({ SLUSS_GITLAB_TOKEN: 'glpat-secret' }) };
    await expect(gitlabApprovals(ctx)).rejects.toMatchObject({ code: 'ci-variables-missing', params: { variables: ['CI_API_V4_URL', 'CI_PROJECT_ID', 'CI_MERGE_REQUEST_IID'] } });
  });
});
