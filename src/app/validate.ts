/** `sluss validate [paths]`: every problem in the register, or in the named files. */
import { resolve } from 'node:path';
import type { CommandContext } from './ports.js';
import type { Problem } from '../core/problems.js';
import { lineOfField, parseIdeaFile } from '../core/format/idea-file.js';
import { checkAcrossFiles, checkDuplicateChains } from '../core/validation.js';
import { SlussError } from '../core/errors.js';
import { PACKAGE_VERSION } from '../package-version.js';
import { loadIdeas, openRegister } from './register.js';
import { checkToolCopy } from './tool-copy.js';
import type { OpenRegister } from './register.js';

export interface ValidationReport {
  files: number;
  problems: Problem[];
  /** Findings that do not fail validate: a copy of sluss older or newer than the one running. */
  warnings: Problem[];
}

export async function validateRegister(ctx: CommandContext, paths: readonly string[]): Promise<ValidationReport> {
  let register;
  try {
    register = await openRegister(ctx);
  } catch (error) {
    // An invalid sluss.yaml is itself the report: every problem in it, exit 1.
    if (error instanceof SlussError && error.code === 'config-invalid') return { files: 1, problems: [...error.problems], warnings: [] };
    throw error;
  }
  const all = await loadIdeas(register);
  let subject: Set<string> | undefined;
  if (paths.length > 0) {
    subject = new Set();
    const extra: string[] = [];
    for (const path of paths) {
      const relative = register.store.relativePath(resolve(ctx.cwd, path));
      if (relative === undefined) throw new SlussError('path-outside-register', { path, root: register.root });
      subject.add(relative);
      if (!all.checked.some((c) => c.path === relative)) extra.push(relative);
    }
    // Files named on the command line that are not where ideas live are checked too.
    if (extra.length > 0) all.checked.push(...(await loadIdeas(register, extra)).checked);
  }
  const checked = subject ? all.checked.filter((c) => subject.has(c.path)) : all.checked;
  const acrossFiles = await withLines(register, [...checkAcrossFiles(all.checked, subject), ...checkDuplicateChains(register.config, all.checked, subject)]);
  // The register's copy of sluss is checked with the whole register, not when files are named.
  const tool = paths.length === 0 ? await checkToolCopy(register.adapters.files, register.root, PACKAGE_VERSION) : { problems: [], warnings: [] };
  const problems = [...checked.flatMap((c) => c.problems), ...acrossFiles, ...tool.problems];
  problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  return { files: checked.length, problems, warnings: tool.warnings };
}

/**
 * Files that came from the cache have no parsed document to find lines in;
 * the few files with problems across files are parsed again for that.
 */
async function withLines(register: OpenRegister, problems: Problem[]): Promise<Problem[]> {
  return Promise.all(
    problems.map(async (problem) => {
      if (problem.line !== undefined || problem.field === undefined) return problem;
      const entry = register.store.readIdeaFile(problem.file);
      const parsed = 'text' in entry ? parseIdeaFile(entry.text) : undefined;
      if (!parsed?.ok) return problem;
      const path = problem.field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
      const line = lineOfField(parsed.file, path);
      return line === undefined ? problem : { ...problem, line };
    }),
  );
}
