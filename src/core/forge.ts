/**
 * Where to open a pull request, derived from the remote's address, so sub-project
 * leaders get a link to click instead of git commands.
 */

export type Forge = 'github' | 'gitlab';

export interface RemoteRepository {
  forge: Forge;
  host: string;
  /** `owner/name`, or a GitLab group path. */
  path: string;
}

/** Understands https://host/owner/name(.git), git@host:owner/name(.git) and ssh://git@host/owner/name. */
export function parseRemoteUrl(url: string): RemoteRepository | undefined {
  const match =
    /^(?:https?|ssh|git):\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/(.+?)(?:\.git)?\/?$/.exec(url.trim()) ??
    /^(?:[^@/]+@)?([^/:]+):(.+?)(?:\.git)?\/?$/.exec(url.trim());
  if (!match) return undefined;
  const host = match[1]!.toLowerCase();
  const path = match[2]!.replace(/^\/+/, '');
  if (!path.includes('/')) return undefined;
  if (host === 'github.com' || host.includes('github')) return { forge: 'github', host, path };
  if (host === 'gitlab.com' || host.includes('gitlab')) return { forge: 'gitlab', host, path };
  return undefined;
}

export function pullRequestUrl(remote: RemoteRepository, branch: string, base: string | undefined): string {
  const b = encodeURIComponent(branch);
  if (remote.forge === 'github') {
    return `https://${remote.host}/${remote.path}/compare/${base ? `${encodeURIComponent(base)}...` : ''}${b}?expand=1`;
  }
  const target = base ? `&merge_request%5Btarget_branch%5D=${encodeURIComponent(base)}` : '';
  return `https://${remote.host}/${remote.path}/-/merge_requests/new?merge_request%5Bsource_branch%5D=${b}${target}`;
}
