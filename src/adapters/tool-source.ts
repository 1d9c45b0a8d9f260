/**
 * The program file of the sluss that is running, which `init` and
 * `tool update` copy into a register: the file itself when it runs (its
 * import.meta.url is the file, see scripts/build-standalone.mjs), as it does
 * through bin/sluss and ./sluss; run from source (tests), the package's
 * dist/sluss.cjs, two levels above src/adapters/.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ToolSource } from '../app/ports/local-files.js';
import { SlussError } from '../core/errors.js';

export function runningToolPath(): string {
  const self = fileURLToPath(import.meta.url);
  return self.endsWith('.cjs') ? self : fileURLToPath(new URL('../../dist/sluss.cjs', import.meta.url));
}

/** The version in the standalone file's opening comment (` * sluss 1.2.3: …`). */
export function standaloneVersion(content: Buffer): string | undefined {
  return /^ \* sluss (\S+): /m.exec(content.subarray(0, 600).toString('latin1'))?.[1];
}

export async function readRunningTool(path = runningToolPath()): Promise<ToolSource> {
  let content: Buffer;
  try {
    content = await readFile(path);
  } catch (error) {
    throw new SlussError('tool-unavailable', { file: path }, { cause: error });
  }
  const version = standaloneVersion(content);
  if (version === undefined) throw new SlussError('tool-unavailable', { file: path });
  return { version, content };
}
