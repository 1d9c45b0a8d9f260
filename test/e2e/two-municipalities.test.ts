/**
 * The whole journey with a bare remote and two municipalities' clones, as the
 * issue describes it: both add similar ideas on branches, review flags the
 * duplicate, the second municipality joins instead, a coordinator takes the
 * idea to införande, and refused or unauthorised changes are stopped.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDefaultConfig } from '../../src/core/format/config-file.js';
import { runCli } from '../helpers/cli.js';
import { createRegister, git, tempDir } from '../helpers/registers.js';

function clone(remote: string, name: string, email: string): string {
  const dir = join(tempDir('sluss-clone-'), 'register');
  git(tempDir(), 'clone', '--quiet', remote, dir);
  git(dir, 'config', 'user.name', name);
  git(dir, 'config', 'user.email', email);
  return dir;
}

async function sluss(cwd: string, args: string[]) {
  const result = await runCli(args, { cwd, env: { SLUSS_TODAY: '2026-12-01' } });
  return { ...result, json: () => JSON.parse(result.stdout) };
}

/** What the forge does when a pull request is merged. */
function mergePullRequest(coordinator: string, branch: string): void {
  git(coordinator, 'fetch', '--quiet', 'origin');
  git(coordinator, 'switch', '--quiet', 'main');
  git(coordinator, 'pull', '--quiet', '--ff-only', 'origin', 'main');
  git(coordinator, 'merge', '--quiet', '--no-edit', `origin/${branch}`);
  git(coordinator, 'push', '--quiet', 'origin', 'main');
}

describe('two municipalities, one idea', () => {
  it('from two similar ideas to one shared idea in införande, with every step reviewed', async () => {
    const seed = createRegister({ ideas: [] });
    writeFileSync(join(seed, 'sluss.yaml'), renderDefaultConfig('Skaraborg', { coordinators: ['Maria Holm'] }));
    git(seed, 'commit', '--quiet', '-am', 'Samordnare');
    const remote = join(tempDir('sluss-remote-'), 'register.git');
    git(tempDir(), 'clone', '--quiet', '--bare', seed, remote);
    const skovde = clone(remote, 'Anna Lindqvist', 'anna@skovde.se');
    const hjo = clone(remote, 'Mats Holmberg', 'mats@hjo.se');
    const coordinator = clone(remote, 'Maria Holm', 'maria@skaraborg.se');

    // 1. Both add a similar idea on a branch and push it for a pull request.
    const first = (await sluss(skovde, ['add', '--pr', '--json', '--title', 'Digitala lås i hemtjänsten', '--problem', 'Hemtjänstens personal hanterar hundratals fysiska nycklar till brukarnas bostäder och nycklar kommer bort.', '--municipality', 'Skövde'])).json();
    expect(first).toMatchObject({ action: 'added', pushed: true, branch: expect.stringMatching(/^idea\//) });
    const second = (await sluss(hjo, ['add', '--pr', '--json', '--title', 'Digitala lås i stället för nycklar i hemtjänsten', '--problem', 'Personalen i hemtjänsten bär på massor av nycklar till brukarnas bostäder och ibland kommer nycklar bort.', '--municipality', 'Hjo'])).json();
    expect(second).toMatchObject({ action: 'added', pushed: true });
    expect(git(remote, 'branch', '--list', 'idea/*').split('\n')).toHaveLength(2);

    // 2. Skövde's pull request is merged first; review of Hjo's branch flags it as a likely duplicate.
    mergePullRequest(coordinator, first.branch);
    git(hjo, 'fetch', '--quiet', 'origin');
    git(hjo, 'switch', '--quiet', second.branch);
    const review = await sluss(hjo, ['review', '--base', 'origin/main', '--json']);
    const reviewed = review.json();
    expect(reviewed.ideas.map((i: { id: string; change: string }) => [i.id, i.change])).toEqual([[second.id, 'added']]);
    expect(reviewed.duplicates).toEqual([expect.objectContaining({ id: second.id, candidate: expect.objectContaining({ id: first.id, municipality: 'skovde' }) })]);
    expect((await sluss(hjo, ['review', '--base', 'origin/main', '--fail-on-duplicate'])).code).toBe(1);
    const comment = await sluss(hjo, ['review', '--base', 'origin/main', '--format', 'markdown']);
    expect(comment.stdout).toContain(first.id);

    // 3. Hjo joins Skövde's idea instead and shares the cost; its own idea is merged into it as a duplicate.
    git(hjo, 'switch', '--quiet', 'main');
    git(hjo, 'pull', '--quiet', '--ff-only', 'origin', 'main');
    const joined = (await sluss(hjo, ['join', first.id, '--municipality', 'Hjo', '--role', 'co-funder', '--share', '30', '--pr', '--json'])).json();
    expect(joined).toMatchObject({ action: 'join', pushed: true });
    mergePullRequest(coordinator, joined.branch);
    mergePullRequest(coordinator, second.branch);
    const merged = await sluss(coordinator, ['merge', second.id, first.id]);
    expect(merged.code).toBe(0);

    // 4. A refused transition and an unauthorised move get clear messages and non-zero exits.
    const refused = await sluss(coordinator, ['move', first.id, 'inforande']);
    expect(refused.code).toBe(6);
    expect(refused.stderr).toContain('Tillåtna nästa steg: forsta-bedomning (Första bedömning)');
    git(coordinator, 'push', '--quiet', 'origin', 'main');
    git(hjo, 'pull', '--quiet', '--ff-only', 'origin', 'main');
    expect((await sluss(hjo, ['move', first.id, 'forsta-bedomning'])).code).toBe(0);
    expect((await sluss(hjo, ['assess', first.id, '--score', 'nytta=4', '--score', 'effekter=4', '--score', 'genomforbarhet=3', '--motivation', 'Sparar tid'])).code).toBe(0);
    expect((await sluss(hjo, ['move', first.id, 'utredning', '--branch'])).code).toBe(0);
    git(hjo, 'switch', '--quiet', `idea/${first.id}-utredning-digitala-las-i-hemtjansten`);
    const unauthorised = await sluss(hjo, ['review', '--base', 'origin/main']);
    expect(unauthorised.code).toBe(1);
    expect(unauthorised.stdout + unauthorised.stderr).toContain('Maria Holm');

    // 5. The coordinator takes the idea through to införande; review lets it pass.
    git(coordinator, 'switch', '--quiet', '-c', 'framat');
    expect((await sluss(coordinator, ['move', first.id, 'Första bedömning'])).code).toBe(0);
    const noAssessment = await sluss(coordinator, ['move', first.id, 'utredning']);
    expect(noAssessment.code).toBe(6);
    expect(noAssessment.stderr).toContain('behöver en bedömning');
    expect((await sluss(coordinator, ['assess', first.id, '--score', 'nytta=5', '--score', 'effekter=4', '--score', 'genomforbarhet=4', '--motivation', 'Båda kommunerna vinner tid'])).code).toBe(0);
    for (const stage of ['utredning', 'test', 'inforande']) expect((await sluss(coordinator, ['move', first.id, stage])).code).toBe(0);
    expect((await sluss(coordinator, ['review', '--base', 'origin/main'])).code).toBe(0);
    git(coordinator, 'switch', '--quiet', 'main');
    git(coordinator, 'merge', '--quiet', '--no-edit', 'framat');

    // 6. The history is complete and the merged register is valid.
    const shown = (await sluss(coordinator, ['show', first.id, '--json'])).json();
    expect(shown.status).toBe('inforande');
    expect(shown.municipalities).toEqual([
      { municipality: 'skovde', role: 'owner' },
      { municipality: 'hjo', role: 'co-funder', share: 30, joined: '2026-12-01' },
    ]);
    expect(shown.history.map((h: { from?: string; status: string; by: string }) => `${h.from ?? ''}>${h.status} ${h.by}`)).toEqual([
      '>inkommen Anna Lindqvist',
      '>inkommen Mats Holmberg',
      '>inkommen Maria Holm',
      'inkommen>forsta-bedomning Maria Holm',
      '>forsta-bedomning Maria Holm',
      'forsta-bedomning>utredning Maria Holm',
      'utredning>test Maria Holm',
      'test>inforande Maria Holm',
    ]);
    const duplicate = (await sluss(coordinator, ['show', second.id, '--json'])).json();
    expect(duplicate).toMatchObject({ status: 'dubblett', links: { duplicate_of: first.id } });
    expect((await sluss(coordinator, ['validate'])).code).toBe(0);
  }, 120_000);
});
