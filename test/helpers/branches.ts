/** Editing and committing idea files on a branch of a test register, as a person would by hand. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIdeaFile, serializeIdeaEdit } from '../../src/core/format/idea-file.js';
import type { IdeaData } from '../../src/core/idea.js';
import { git } from './registers.js';

export function pathOf(root: string, id: string): string {
  const name = (git(root, 'ls-files', '--', 'ideas/').split('\n').find((p) => p.startsWith(`ideas/${id}-`)) ?? '').trim();
  if (!name) throw new Error(`no file for ${id}`);
  return name;
}

export function edit(root: string, id: string, change: (data: IdeaData) => IdeaData): string {
  const path = pathOf(root, id);
  const parsed = parseIdeaFile(readFileSync(join(root, path), 'utf8'));
  if (!parsed.ok) throw new Error('unparsable');
  writeFileSync(join(root, path), serializeIdeaEdit(parsed.file, change(parsed.file.data as IdeaData)));
  return path;
}

export function move(data: IdeaData, to: string, by: string, date = '2026-11-20'): IdeaData {
  return { ...data, status: to, history: [...data.history, { date, from: data.status, status: to, by }] };
}

/** Commits everything as the given author: git takes any name and e-mail it is told. */
export function commitAs(root: string, name: string, email: string, message: string): void {
  git(root, 'add', '-A');
  git(root, '-c', `user.name=${name}`, '-c', `user.email=${email}`, 'commit', '--quiet', '-m', message);
}
