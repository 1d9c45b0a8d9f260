/**
 * Changing ideas that are already in the register, for the workflow commands
 * and for `add` (joining an idea, linking a new one as related).
 *
 * A command first opens a session: the register, who acts, and a snapshot of
 * the ideas to resolve ids and ask questions with. The change itself runs
 * under the register lock: the files it changes are read again there, the
 * pure change is applied to what they say now, and the result is written and
 * committed before the lock is let go. Reading outside the lock would let two
 * commands at once on one idea each start from the same file, and the second
 * commit would silently drop the first one's history entry or participant.
 */
import type { CommandContext } from './ports.js';
import type { GitRepositoryPort } from './ports/git.js';
import type { RegisterConfig } from '../core/config.js';
import { SlussError } from '../core/errors.js';
import { serializeIdeaEdit } from '../core/format/idea-file.js';
import type { ParsedIdeaFile } from '../core/format/idea-file.js';
import { validateIdeaSchema } from '../core/format/schema.js';
import type { Actor } from '../core/history.js';
import type { Idea, IdeaData } from '../core/idea.js';
import { checkIdeaFile } from '../core/validation.js';
import { ui } from '../ui/text.js';
import type { UiText } from '../ui/text.js';
import { loadIdeas, lockRegister, openRegister, requireIdea } from './register.js';
import type { IdeaLocation, OpenRegister } from './register.js';
import { saveChanges } from './save.js';
import type { FileWrite, SaveResult } from './save.js';

export interface ChangeOptions {
  commit: boolean;
  branch: boolean;
  pr: boolean;
  /** Who makes the change; default the git identity. */
  by?: string | undefined;
}

/** `ideas` holds whole ideas for the workflow commands; `add` needs only where each idea lives. */
export interface Session<T extends IdeaLocation = Idea> {
  ctx: CommandContext;
  register: OpenRegister;
  git: GitRepositoryPort;
  config: RegisterConfig;
  /** The ideas as they were when the command started: for ids and questions, never as the base of a change. */
  ideas: readonly T[];
  actor: Actor;
  /** The git e-mail address, when set: part of who the user is for the coordinator rule. */
  email?: string | undefined;
  options: ChangeOptions;
}

export async function openSession(ctx: CommandContext, options: ChangeOptions, identity: { fallbackBy?: string | undefined } = {}): Promise<Session> {
  const register = await openRegister(ctx);
  const git = ctx.adapters.git.repository(register.root, ctx.env);
  if (options.commit) {
    await git.verifyGitInstalled();
    await git.verifyRepository();
  }
  const gitIdentity = await git.getIdentity().catch(() => ({}) as { name?: string; email?: string });
  const by = options.by?.trim() || gitIdentity.name || identity.fallbackBy;
  if (!by) throw new SlussError('missing-identity');
  const { ideas } = await loadIdeas(register);
  return { ctx, register, git, config: register.config, ideas, actor: { by, today: ctx.clock.today() }, email: gitIdentity.email, options };
}

/** The register as it is now, under the lock. */
export interface Fresh {
  /** The idea a typed id names, read from its file now. */
  read(input: string): Idea;
  /** Another idea by its exact id, read now; undefined when there is none. */
  lookup(id: string): IdeaData | undefined;
}

export interface Planned {
  changes: { idea: Idea; data: IdeaData }[];
  /** New idea files written in the same commit. */
  newFiles?: FileWrite[];
  /** What was done, in a language: the commit message in the register's, the summary in the user's. */
  describe: (text: UiText) => string;
  /** Branch name for --branch/--pr. */
  branch: string;
}

export interface Applied extends SaveResult {
  planned: Planned;
  /** The commit message, in the register's language. */
  message: string;
}

/** Reads, changes, writes and commits under the register lock; `plan` is pure work on the fresh data (no questions). */
export async function applyChange(session: Session<IdeaLocation>, action: string, plan: (fresh: Fresh) => Planned): Promise<Applied> {
  const { register, options } = session;
  return lockRegister(register, async () => {
    const parsed = new Map<string, ParsedIdeaFile>();
    const pathOf = new Map(session.ideas.map((idea) => [idea.data.id, idea.path]));
    const readPath = (path: string): Idea => {
      const checked = checkIdeaFile(session.config, register.store.readIdeaFile(path), { keepDocument: true });
      if (!checked.idea || !checked.parsed) throw new SlussError('idea-file-invalid', { file: path });
      parsed.set(path, checked.parsed);
      return checked.idea;
    };
    const fresh: Fresh = {
      read: (input) => readPath(requireIdea(session.ideas, input).path),
      lookup: (id) => {
        const path = pathOf.get(id);
        return path === undefined ? undefined : readPath(path).data;
      },
    };
    const planned = plan(fresh);
    const edits = planned.changes.map(({ idea, data }): FileWrite => {
      verifyValid(data);
      const original = parsed.get(idea.path);
      // Every change starts from the file as read under the lock; anything else would be a stale base.
      if (!original) throw new Error(`${idea.path} was changed without being read under the register lock`);
      return { path: idea.path, content: serializeIdeaEdit(original, data), isNew: false, recoveryName: `${data.id}-${action}.md` };
    });
    // Commit messages are written in the register's language, whoever makes the change.
    const message = planned.describe(ui(session.config.language));
    const saved = await saveChanges(register, session.git, [...(planned.newFiles ?? []), ...edits], {
      commit: options.commit,
      branch: options.branch || options.pr ? planned.branch : undefined,
      pr: options.pr,
      message,
      env: session.ctx.env,
      lockHeld: true,
    });
    return { ...saved, planned, message };
  });
}

/** Refuses to write data the schema would reject, naming what is wrong. */
export function verifyValid(data: IdeaData): void {
  const problems = validateIdeaSchema(data);
  if (problems.length > 0) {
    throw new SlussError('idea-invalid', { details: problems.map((p) => `${p.path.join('.')}: ${String(p.params['schemaMessage'] ?? p.keyword)}`) });
  }
}
