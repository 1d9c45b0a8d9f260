import { describe, expect, it } from 'vitest';
import { parseRemoteUrl, pullRequestUrl } from '../../src/core/forge.js';

describe('pull request links from the remote address', () => {
  it('understands GitHub over https and ssh', () => {
    for (const url of ['https://github.com/skaraborg/idesluss.git', 'git@github.com:skaraborg/idesluss.git', 'ssh://git@github.com/skaraborg/idesluss', 'https://token@github.com/skaraborg/idesluss/']) {
      expect(parseRemoteUrl(url)).toEqual({ forge: 'github', host: 'github.com', path: 'skaraborg/idesluss' });
    }
    const remote = parseRemoteUrl('git@github.com:skaraborg/idesluss.git')!;
    expect(pullRequestUrl(remote, 'idea/115-7M4QD-bokbuss', 'main')).toBe('https://github.com/skaraborg/idesluss/compare/main...idea%2F115-7M4QD-bokbuss?expand=1');
  });

  it('understands GitLab, also self-hosted and with subgroups', () => {
    const remote = parseRemoteUrl('https://gitlab.skaraborg.se/kommuner/innovation/idesluss.git')!;
    expect(remote).toEqual({ forge: 'gitlab', host: 'gitlab.skaraborg.se', path: 'kommuner/innovation/idesluss' });
    expect(pullRequestUrl(remote, 'idea/x', 'main')).toBe(
      'https://gitlab.skaraborg.se/kommuner/innovation/idesluss/-/merge_requests/new?merge_request%5Bsource_branch%5D=idea%2Fx&merge_request%5Btarget_branch%5D=main',
    );
  });

  it('gives no link for remotes it cannot tell, such as a folder on disk', () => {
    expect(parseRemoteUrl('/srv/git/idesluss.git')).toBeUndefined();
    expect(parseRemoteUrl('https://git.example.se/idesluss.git')).toBeUndefined();
  });
});
