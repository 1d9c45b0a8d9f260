/** Writes inside the register never leave it: links, special files and `..` are refused; modes are kept. */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyRegisterPath, writeRegisterFile } from '../../src/adapters/fs/safe-write.js';
import { SlussError } from '../../src/core/errors.js';
import { tempDir } from '../helpers/registers.js';

async function refusal(promise: Promise<unknown>): Promise<SlussError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SlussError);
  return error as SlussError;
}

describe('writeRegisterFile', () => {
  it('refuses a final part that is a symbolic link and leaves its target untouched', async () => {
    const root = tempDir();
    const outside = join(tempDir(), 'victim.txt');
    writeFileSync(outside, 'keep me\n');
    mkdirSync(join(root, '.github'));
    symlinkSync(outside, join(root, '.github', 'CODEOWNERS'));
    const error = await refusal(writeRegisterFile(root, '.github/CODEOWNERS', 'owned\n', { mode: 'replace' }));
    expect(error.code).toBe('unsafe-path');
    expect(error.params).toMatchObject({ reason: 'symlink', part: '.github/CODEOWNERS' });
    expect(readFileSync(outside, 'utf8')).toBe('keep me\n');
    expect(lstatSync(join(root, '.github', 'CODEOWNERS')).isSymbolicLink()).toBe(true);
  });

  it('refuses a folder on the way that is a symbolic link, even when the file does not exist yet', async () => {
    const root = tempDir();
    const outsideDir = tempDir();
    symlinkSync(outsideDir, join(root, '.github'));
    const error = await refusal(writeRegisterFile(root, '.github/workflows/sluss.yml', 'x', { mode: 'new' }));
    expect(error.params).toMatchObject({ reason: 'symlink', part: '.github' });
    expect(readdirSync(outsideDir)).toEqual([]);
  });

  it('refuses a FIFO or a folder in place of the file, and a path with ..', async () => {
    const root = tempDir();
    execFileSync('mkfifo', [join(root, 'pipe.md')]);
    expect((await refusal(writeRegisterFile(root, 'pipe.md', 'x', { mode: 'replace' }))).params['reason']).toBe('not-a-file');
    expect(lstatSync(join(root, 'pipe.md')).isFIFO()).toBe(true);
    mkdirSync(join(root, 'dir.md'));
    expect((await refusal(writeRegisterFile(root, 'dir.md', 'x', { mode: 'replace' }))).params['reason']).toBe('not-a-file');
    expect((await refusal(writeRegisterFile(root, '../escape.md', 'x', { mode: 'new' }))).params['reason']).toBe('outside');
    expect((await refusal(writeRegisterFile(root, '/etc/escape.md', 'x', { mode: 'new' }))).params['reason']).toBe('outside');
    writeFileSync(join(root, 'file'), '');
    expect((await refusal(writeRegisterFile(root, 'file/below.md', 'x', { mode: 'new' }))).params['reason']).toBe('not-a-folder');
  });

  it('creates missing folders, never replaces in mode new, and keeps an existing file mode on replace', async () => {
    const root = tempDir();
    await writeRegisterFile(root, 'a/b/c.md', 'one\n', { mode: 'new' });
    expect(readFileSync(join(root, 'a/b/c.md'), 'utf8')).toBe('one\n');
    expect((await refusal(writeRegisterFile(root, 'a/b/c.md', 'two\n', { mode: 'new' }))).code).toBe('file-exists');
    chmodSync(join(root, 'a/b/c.md'), 0o600);
    await writeRegisterFile(root, 'a/b/c.md', 'three\n', { mode: 'replace' });
    expect(readFileSync(join(root, 'a/b/c.md'), 'utf8')).toBe('three\n');
    expect(statSync(join(root, 'a/b/c.md')).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(root, 'a/b')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('verifyRegisterPath accepts a path that does not exist yet', () => {
    const root = tempDir();
    expect(verifyRegisterPath(root, 'ideas/new.md')).toEqual({});
    expect(existsSync(join(root, 'ideas'))).toBe(false);
  });
});
