/**
 * Real temporary registers for integration and end-to-end tests: a git
 * repository with sluss.yaml and a few ideas, an identity of its own, and a
 * clean-up that runs after each test file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { renderDefaultConfig } from '../../src/core/format/config-file.js';
import { renderBody, serializeIdea } from '../../src/core/format/idea-file.js';
import type { IdeaData } from '../../src/core/idea.js';
import { ideaFileName } from '../../src/core/slug.js';

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'sluss-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

let emptyHome: string | undefined;

/** Environment for git and sluss in tests: an empty home, so no user config leaks in. */
export function testEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  emptyHome ??= tempDir('sluss-home-');
  return { PATH: process.env['PATH'], HOME: emptyHome, LANG: 'C', ...extra };
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: testEnv(), encoding: 'utf8' }).trim();
}

export interface SampleIdea {
  id: string;
  title: string;
  municipality: string;
  problem: string;
  status?: string;
  created?: string;
  extra?: Partial<IdeaData>;
}

export function ideaData(sample: SampleIdea): IdeaData {
  const created = sample.created ?? '2026-01-15';
  const status = sample.status ?? 'inkommen';
  return {
    id: sample.id,
    title: sample.title,
    status,
    municipality: sample.municipality,
    municipalities: [{ municipality: sample.municipality, role: 'owner' }],
    category: 'ovrigt',
    created,
    received_by: 'Test Coach',
    history: [{ date: created, status, by: 'Test Coach' }],
    ...sample.extra,
  };
}

export function writeIdea(root: string, sample: SampleIdea): string {
  const data = ideaData(sample);
  const path = `ideas/${ideaFileName(data.id, data.title)}`;
  writeFileSync(join(root, path), serializeIdea(data, renderBody({ problem: sample.problem })));
  return path;
}

export const SAMPLE_IDEAS: readonly SampleIdea[] = [
  {
    id: '0ZZ-AAAA1',
    title: 'Digitala lås i hemtjänsten',
    municipality: 'skovde',
    problem: 'Hemtjänstens personal hanterar hundratals fysiska nycklar till brukarnas bostäder och nycklar kommer bort.',
  },
  {
    id: '0ZZ-AAAA2',
    title: 'Karta över snöröjningen i realtid',
    municipality: 'falkoping',
    problem: 'Invånare ringer växeln för att fråga när deras gata plogas.',
  },
  {
    id: '0ZZ-AAAA3',
    title: 'Solceller på förskolornas tak',
    municipality: 'vara',
    problem: 'Förskolorna har stora platta tak och höga elkostnader.',
  },
];

/** A committed register with the default sluss.yaml and the sample ideas. */
export function createRegister(options: { ideas?: readonly SampleIdea[]; commit?: boolean } = {}): string {
  const root = tempDir();
  git(root, 'init', '--quiet', '--initial-branch=main');
  git(root, 'config', 'user.name', 'Test Coach');
  git(root, 'config', 'user.email', 'coach@example.se');
  git(root, 'config', 'commit.gpgsign', 'false');
  writeFileSync(join(root, 'sluss.yaml'), renderDefaultConfig('Testregister'));
  mkdirSync(join(root, 'ideas'));
  for (const sample of options.ideas ?? SAMPLE_IDEAS) writeIdea(root, sample);
  if (options.commit ?? true) {
    git(root, 'add', '-A');
    git(root, 'commit', '--quiet', '-m', 'Testregister');
  }
  return root;
}
