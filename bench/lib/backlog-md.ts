/**
 * The backlog.md side of the benchmark (not part of the product): install the npm
 * package `backlog.md` into a folder of its own, and build a backlog project holding
 * the same ideas as a sluss benchmark register, one task file per idea.
 *
 * backlog.md ships a thin Node launcher (`cli.js`, the `backlog` bin) and the real
 * program as a compiled platform binary in an optional dependency
 * (`backlog.md-linux-x64` …). The harness runs `node_modules/.bin/backlog`, what a user
 * runs after `npm install backlog.md`.
 *
 * Task files are written directly in the layout `backlog task create` writes
 * (`backlog/tasks/task-<n> - <Title>.md`, YAML front matter with id, title, status,
 * assignee, created_date, labels, dependencies, ordinal, and a Description section
 * between the SECTION markers) – much faster than N CLI calls. `backlog init` makes the
 * project and `backlog task list --plain` checks that backlog reads every task.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

export interface BacklogInstall {
  bin: string;
  version: string;
}

const run = (file: string, args: readonly string[], cwd: string, timeout = 300_000) =>
  execFileSync(file, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout, maxBuffer: 256 * 2 ** 20 });

/**
 * `npm install backlog.md@<spec>` into `dir` (reused when already installed with
 * `reuse`). Throws with the reason when it cannot be installed or does not start here.
 */
export function installBacklog(dir: string, spec: string, reuse: boolean): BacklogInstall {
  const bin = join(dir, 'node_modules', '.bin', 'backlog');
  if (!(reuse && existsSync(bin))) {
    mkdirSync(dir, { recursive: true });
    if (!existsSync(join(dir, 'package.json'))) {
      writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'sluss-bench-backlog', private: true }, null, 2)}\n`);
    }
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `backlog.md@${spec}`], dir);
  }
  const version = run(bin, ['--version'], dir).trim();
  return { bin, version };
}

export interface IdeaText {
  title: string;
  status: string;
  tags: string[];
  created: string;
  text: string;
}

/** Title, stage, tags, date and body text of every idea file of a sluss register, in file-name order. */
export function readIdeaTexts(registerDir: string): IdeaText[] {
  const ideasDir = join(registerDir, 'ideas');
  return readdirSync(ideasDir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => {
      const source = readFileSync(join(ideasDir, name), 'utf8');
      const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
      if (!match) throw new Error(`${name}: no front matter`);
      const data = parseYaml(match[1]!) as { title?: unknown; status?: unknown; tags?: unknown; created?: unknown };
      const text = match[2]!
        .split('\n')
        .filter((line) => !line.startsWith('#'))
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
      return {
        title: String(data.title ?? name),
        status: String(data.status ?? ''),
        tags: Array.isArray(data.tags) ? data.tags.map(String) : [],
        created: String(data.created ?? '2024-01-01'),
        text,
      };
    });
}

/** The sluss stage mapped onto backlog.md's default statuses. */
function backlogStatus(stage: string): string {
  if (['inkommen', 'forsta-bedomning'].includes(stage)) return 'To Do';
  if (['utredning', 'test', 'inforande'].includes(stage)) return 'In Progress';
  return 'Done';
}

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

function taskFile(n: number, idea: IdeaText): { name: string; content: string } {
  const slug = idea.title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  const labels = idea.tags.length === 0 ? 'labels: []' : `labels:\n${idea.tags.map((t) => `  - ${quote(t)}`).join('\n')}`;
  const content = [
    '---',
    `id: TASK-${n}`,
    `title: ${quote(idea.title)}`,
    `status: ${backlogStatus(idea.status)}`,
    'assignee: []',
    `created_date: ${quote(`${idea.created} 09:00`)}`,
    labels,
    'dependencies: []',
    `ordinal: ${n * 1000}`,
    '---',
    '',
    '## Description',
    '',
    '<!-- SECTION:DESCRIPTION:BEGIN -->',
    idea.text,
    '<!-- SECTION:DESCRIPTION:END -->',
    '',
  ].join('\n');
  return { name: `task-${n} - ${slug}.md`, content };
}

const GIT_ID = ['-c', 'user.name=sluss bench', '-c', 'user.email=bench@example.se'];

/**
 * A backlog project in `dir` (which must not exist yet) with one task per idea of
 * `registerDir`, committed to its own git repository. Returns the number of tasks
 * `backlog task list --plain` lists.
 */
export function createBacklogProject(install: BacklogInstall, registerDir: string, dir: string): number {
  if (existsSync(dir)) throw new Error(`${dir} already exists`);
  mkdirSync(dir, { recursive: true });
  run('git', ['init', '--quiet'], dir);
  run(
    install.bin,
    // Branch checks off and no remotes: the settings that make backlog.md fastest, so the comparison favours it.
    ['init', 'Benchmark', '--defaults', '--integration-mode', 'none', '--check-branches', 'false', '--include-remote', 'false', '--auto-open-browser', 'false'],
    dir,
  );
  const tasksDir = join(dir, 'backlog', 'tasks');
  if (!existsSync(tasksDir)) mkdirSync(tasksDir, { recursive: true });
  const ideas = readIdeaTexts(registerDir);
  ideas.forEach((idea, index) => {
    const { name, content } = taskFile(index + 1, idea);
    writeFileSync(join(tasksDir, name), content);
  });
  run('git', [...GIT_ID, 'add', '-A'], dir);
  run('git', [...GIT_ID, 'commit', '--quiet', '--no-verify', '-m', `Benchmark backlog, ${ideas.length} tasks`], dir);
  return countTasks(install, dir);
}

/** How many tasks `backlog task list --plain` shows (lines like `  [ ] TASK-12 - …` or `TASK-12 - …`). */
export function countTasks(install: BacklogInstall, dir: string): number {
  // Into a file, not a pipe: backlog.md exits before a large piped output is drained.
  const file = join(tmpdir(), `sluss-bench-task-list-${process.pid}.txt`);
  const fd = openSync(file, 'w');
  try {
    execFileSync(install.bin, ['task', 'list', '--plain'], { cwd: dir, stdio: ['ignore', fd, 'pipe'], timeout: 600_000 });
  } finally {
    closeSync(fd);
  }
  const out = readFileSync(file, 'utf8');
  rmSync(file, { force: true });
  return out.split('\n').filter((line) => /\bTASK-\d+\b/.test(line)).length;
}
