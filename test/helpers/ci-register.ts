/**
 * A register as a forge would host it, for the tests that run its generated
 * CI files: made by the built `sluss init --ci <forge>`, pushed to a bare
 * remote on disk, with an idea waiting in the first assessment and three
 * branches a pull/merge request could come from:
 *
 * - `ny-ide`: a new idea added with the register's own `./sluss add` (passes);
 * - `ogiltig`: an idea file with a municipality sluss.yaml does not know (validate fails);
 * - `flytt`: the waiting idea moved out of the first assessment by Anna, who is
 *   no coordinator (review fails: only coordinators may do that).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Forge } from '../../src/core/forge.js';
import { BIN } from './cli.js';
import { git, tempDir, testEnv, writeIdea } from './registers.js';

export const WAITING_IDEA = '0ZZ-BBBB1';
export const COORDINATOR = '@samordnaren';

function sluss(dir: string, args: string[]): string {
  return execFileSync(process.execPath, [BIN, ...args], { cwd: dir, env: testEnv({ SLUSS_TODAY: '2026-11-27' }), encoding: 'utf8' });
}

/** Runs the register's own copy, as a user of a clone would. */
function ownSluss(dir: string, args: string[]): string {
  return execFileSync(join(dir, 'sluss'), args, { cwd: dir, env: testEnv({ SLUSS_TODAY: '2026-11-27' }), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** An empty git repository in `dir` (a new temporary folder by default) with an identity of its own: where `sluss init` runs. */
export function emptyRepository(dir = tempDir()): string {
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'config', 'user.name', 'Anna Andersson');
  git(dir, 'config', 'user.email', 'anna@skovde.se');
  return dir;
}

export interface CiRegister {
  root: string;
  remote: string;
}

export function createCiRegister(forge: Forge): CiRegister {
  const root = emptyRepository(tempDir('sluss-ci-'));
  const remote = join(tempDir('sluss-remote-'), 'register.git');
  git(root, 'config', 'commit.gpgsign', 'false');
  sluss(root, ['init', '--ci', forge, '--name', 'Testslussen', '--coordinator', COORDINATOR]);
  writeIdea(root, {
    id: WAITING_IDEA,
    title: 'Digitala lås i hemtjänsten',
    municipality: 'skovde',
    problem: 'Hemtjänstens personal hanterar hundratals fysiska nycklar.',
    status: 'forsta-bedomning',
    extra: { assessment: { date: '2026-01-20', by: 'Maria Holm', scores: { nytta: 4, effekter: 3, genomforbarhet: 5 }, motivation: 'Stor nytta.' } },
  });
  git(root, 'add', 'ideas');
  git(root, 'commit', '--quiet', '-m', 'En idé i första bedömningen');
  execFileSync('git', ['init', '--quiet', '--bare', remote], { env: testEnv() });
  git(root, 'remote', 'add', 'origin', remote);
  git(root, 'push', '--quiet', 'origin', 'main');
  git(root, 'remote', 'set-head', 'origin', 'main');

  git(root, 'switch', '--quiet', '-c', 'ny-ide', 'main');
  ownSluss(root, ['add', '--title', 'Bokbuss till byarna', '--problem', 'Långt till biblioteket på landsbygden.', '--municipality', 'tibro', '--on-duplicate', 'new']);

  git(root, 'switch', '--quiet', '-c', 'ogiltig', 'main');
  writeIdea(root, { id: '0ZZ-CCCC1', title: 'Idé från en okänd kommun', municipality: 'atlantis', problem: 'Ett behov.' });
  git(root, 'add', 'ideas');
  git(root, 'commit', '--quiet', '-m', 'Ogiltig idé');

  git(root, 'switch', '--quiet', '-c', 'flytt', 'main');
  ownSluss(root, ['move', WAITING_IDEA, 'utredning', '--by', 'Anna Andersson']);

  for (const branch of ['ny-ide', 'ogiltig', 'flytt']) git(root, 'push', '--quiet', 'origin', branch);
  git(root, 'switch', '--quiet', 'main');
  return { root, remote };
}

/** Files that sluss init --ci wrote into the register: everything committed on main except the ideas. */
export function generatedFiles(root: string): string[] {
  return git(root, '-c', 'core.quotePath=false', 'ls-tree', '-r', '--name-only', 'main')
    .split('\n')
    .filter((path) => path !== '' && !path.startsWith('ideas/'));
}
