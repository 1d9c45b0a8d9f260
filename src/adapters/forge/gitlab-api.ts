/**
 * The few GitLab REST calls the merge-request pipeline makes (approvals,
 * the review note), with Node's own fetch: nothing to install on a runner.
 * The token never appears in an error or a log line.
 */
import { SlussError } from '../../core/errors.js';
import type { MergeRequestApi } from '../../app/ports/git.js';
export type { MergeRequestApi };

/** The merge request of the running pipeline, from GitLab's predefined variables; throws naming what is missing. */
export function mergeRequestFromEnv(env: NodeJS.ProcessEnv, token: string): MergeRequestApi {
  const names = ['CI_API_V4_URL', 'CI_PROJECT_ID', 'CI_MERGE_REQUEST_IID'] as const;
  const missing = names.filter((name) => !env[name]);
  if (missing.length > 0) throw new SlussError('ci-variables-missing', { variables: missing });
  return { apiUrl: env['CI_API_V4_URL']!.replace(/\/+$/, ''), projectId: env['CI_PROJECT_ID']!, iid: env['CI_MERGE_REQUEST_IID']!, token };
}

const TIMEOUT_MS = 30_000;

async function call(api: MergeRequestApi, method: string, path: string, body?: unknown): Promise<unknown> {
  const url = `${api.apiUrl}/projects/${encodeURIComponent(api.projectId)}/merge_requests/${encodeURIComponent(api.iid)}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { 'PRIVATE-TOKEN': api.token, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new SlussError('forge-api-failed', { url, detail: error instanceof Error ? error.message : String(error) }, { cause: error });
  }
  if (!response.ok) throw new SlussError('forge-api-failed', { url, detail: `HTTP ${response.status}` });
  return response.json();
}

/** User names of those who have approved the merge request. */
export async function approvedBy(api: MergeRequestApi): Promise<string[]> {
  const result = (await call(api, 'GET', '/approvals')) as { approved_by?: { user?: { username?: unknown } }[] };
  return (result.approved_by ?? []).map((entry) => entry.user?.username).filter((name): name is string => typeof name === 'string');
}

/**
 * Writes `body` as the merge request's note: edits the newest note that
 * carries `mark` (sluss's note from an earlier run), or adds a new one when
 * there is none or it may not be edited.
 */
export async function upsertNote(api: MergeRequestApi, body: string, mark: string): Promise<'created' | 'updated'> {
  const notes = (await call(api, 'GET', '/notes?sort=desc&order_by=updated_at&per_page=100')) as { id?: unknown; body?: unknown }[];
  const earlier = notes.find((note) => typeof note.body === 'string' && note.body.includes(mark) && typeof note.id === 'number');
  if (earlier) {
    try {
      await call(api, 'PUT', `/notes/${String(earlier.id)}`, { body });
      return 'updated';
    } catch (error) {
      // Someone else's note with the mark cannot be edited with this token: write a new one.
      if (!(error instanceof SlussError && error.params['detail'] === 'HTTP 403')) throw error;
    }
  }
  await call(api, 'POST', '/notes', { body });
  return 'created';
}
