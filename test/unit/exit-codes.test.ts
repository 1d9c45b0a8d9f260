/**
 * The README's exit-code table against the one table in the code
 * (src/cli/exit-codes.ts): the same codes, each outcome's command named in
 * its row, and every error code mapped on purpose.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFUSAL_CODES } from '../../src/core/errors.js';
import type { ErrorCode } from '../../src/core/errors.js';
import { EXIT, EXIT_BY_ERROR, exitCodeForError, exitCodeForOutcome, exitCodeForSignal, OUTCOME_EXITS } from '../../src/cli/exit-codes.js';
import type { Outcome } from '../../src/cli/exit-codes.js';

/** Rows of the table under a heading of the README: exit code → meaning. */
function readmeExitTable(heading: string): Map<number, string> {
  const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start, `README has a "${heading}" section`).toBeGreaterThan(-1);
  const section = readme.slice(start + heading.length + 2);
  const rows = new Map<number, string>();
  for (const line of section.split('\n')) {
    if (line.startsWith('#')) break;
    const row = /^\|\s*(\d+)\s*\|\s*(.+?)\s*\|$/.exec(line);
    if (row) rows.set(Number(row[1]), row[2]!);
  }
  return rows;
}

const readme = readmeExitTable('### Exit codes');

describe('exit codes: the README against src/cli/exit-codes.ts', () => {
  it('lists exactly the exit codes the module has, each once', () => {
    expect([...readme.keys()].sort((a, b) => a - b)).toEqual(Object.values(EXIT).sort((a, b) => a - b));
  });

  it('uses every exit code of the module for some error, outcome or signal', () => {
    const used = new Set<number>([...Object.values(EXIT_BY_ERROR), ...Object.values(OUTCOME_EXITS), exitCodeForSignal('SIGINT'), exitCodeForSignal('SIGTERM')]);
    expect([...used].sort((a, b) => a - b)).toEqual(Object.values(EXIT).sort((a, b) => a - b));
  });

  it("names each outcome's command in the row of its exit code", () => {
    const commandOf: Record<Exclude<Outcome, 'done'>, string> = {
      'validate-problems': '`validate`',
      'review-blocked': '`review`',
      'add-duplicate-aborted': '`add`',
      'duplicates-found': '`duplicates --fail-on-found`',
    };
    for (const [outcome, command] of Object.entries(commandOf) as [Exclude<Outcome, 'done'>, string][]) {
      expect(readme.get(exitCodeForOutcome(outcome)), outcome).toContain(command);
    }
    expect(readme.get(exitCodeForOutcome('done'))).toBe('done');
  });

  it('names the signal in the rows of 130 and 143', () => {
    expect(readme.get(exitCodeForSignal('SIGINT'))).toContain('SIGINT');
    expect(readme.get(exitCodeForSignal('SIGTERM'))).toContain('SIGTERM');
  });

  it('gives every workflow refusal 6 and the usage errors the README lists 2', () => {
    for (const code of REFUSAL_CODES) expect(exitCodeForError(code), code).toBe(6);
    const usage: ErrorCode[] = ['usage', 'unknown-municipality', 'unknown-category', 'unknown-stage', 'idea-not-found', 'idea-ambiguous', 'unknown-ref', 'no-merge-base', 'control-character-refused', 'personal-data-refused', 'missing-identity', 'ci-variables-missing', 'output-refused'];
    for (const code of usage) expect(exitCodeForError(code), code).toBe(2);
  });

  it('keeps the codes that fell to 1 before the table at 1, now on purpose', () => {
    for (const code of ['idea-unreadable', 'idea-invalid', 'idea-file-invalid', 'file-exists', 'write-failed', 'tool-unavailable', 'forge-api-failed', 'target-not-empty'] as const) {
      expect(exitCodeForError(code), code).toBe(1);
    }
  });

  it('maps register, git and duplicate errors as the README says', () => {
    expect(['register-not-found', 'unsafe-path', 'config-invalid', 'config-missing'].map((code) => exitCodeForError(code as ErrorCode))).toEqual([4, 4, 4, 4]);
    expect(['git-missing', 'not-a-git-repo', 'git-locked', 'git-read-only', 'register-locked', 'commit-failed', 'push-failed', 'no-remote', 'generated-not-committed'].map((code) => exitCodeForError(code as ErrorCode))).toEqual([5, 5, 5, 5, 5, 5, 5, 5, 5]);
    expect(exitCodeForError('duplicate-found')).toBe(3);
  });
});
