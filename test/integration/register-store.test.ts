/** The register store stats idea files by a path relative to the working directory where it can. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RegisterStore } from '../../src/adapters/fs/register-store.js';
import { MAX_IDEA_FILE_BYTES } from '../../src/core/format/idea-file.js';
import { tempDir } from '../helpers/registers.js';

function stampOfNewIdea(root: string): { stamp: ReturnType<RegisterStore['stampOf']>; size: number } {
  mkdirSync(join(root, 'ideas'), { recursive: true });
  writeFileSync(join(root, 'ideas', 'a.md'), 'innehåll\n');
  return { stamp: new RegisterStore(root).stampOf('ideas/a.md'), size: statSync(join(root, 'ideas', 'a.md')).size };
}

describe('RegisterStore.stampOf', () => {
  it('stats the register at the working directory', () => {
    const name = readdirSync(join(process.cwd(), 'ideas')).find((file) => file.endsWith('.md'))!;
    const stamp = new RegisterStore(process.cwd()).stampOf(`ideas/${name}`);
    expect(stamp?.key.split(':')[0]).toBe(String(statSync(join(process.cwd(), 'ideas', name)).size));
  });

  it('stats a register below the working directory and one outside it', () => {
    // `.sluss/` is ignored by git, so a failed clean-up leaves nothing to commit.
    mkdirSync(join(process.cwd(), '.sluss'), { recursive: true });
    const below = mkdtempSync(join(process.cwd(), '.sluss', 'store-test-'));
    try {
      const { stamp, size } = stampOfNewIdea(below);
      const info = statSync(join(below, 'ideas', 'a.md'));
      expect(stamp).toEqual({ key: `${size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}:${info.dev}`, changedMs: Math.max(info.ctimeMs, info.mtimeMs) });
    } finally {
      rmSync(below, { recursive: true, force: true });
    }
    const outside = tempDir();
    const { stamp, size } = stampOfNewIdea(outside);
    expect(stamp?.key.split(':')[0]).toBe(String(size));
    expect(new RegisterStore(outside).stampOf('ideas/saknas.md')).toBeUndefined();
  });
});

describe('RegisterStore.readIdeaFile', () => {
  it('gives each file its own bytes, a short one after a long one, up to the size limit and not one byte past it', () => {
    const root = tempDir();
    mkdirSync(join(root, 'ideas'));
    const texts: [string, string][] = [
      ['long.md', `${'å'.repeat(40_000)}\n`],
      ['short.md', 'kort\n'],
      ['empty.md', ''],
      ['limit.md', 'x'.repeat(MAX_IDEA_FILE_BYTES)],
      ['after-limit.md', 'efter\n'],
    ];
    for (const [name, text] of texts) writeFileSync(join(root, 'ideas', name), text);
    writeFileSync(join(root, 'ideas', 'over.md'), 'x'.repeat(MAX_IDEA_FILE_BYTES + 1));
    const store = new RegisterStore(root);
    for (const [name, text] of texts) {
      const read = store.readIdeaFile(`ideas/${name}`);
      expect('text' in read && read.text === text, name).toBe(true);
    }
    expect(store.readIdeaFile('ideas/over.md')).toEqual({ path: 'ideas/over.md', readProblem: 'too-large' });
    expect(store.readIdeaFile('ideas/short.md')).toMatchObject({ text: 'kort\n' });
  });
});
