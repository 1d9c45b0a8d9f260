/**
 * The user's own files and folders, outside the register: a file named on the
 * command line read whole, standard input, and folders made. Errors are the
 * file system's own; the use case says which file they were about.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';

export function readUserFile(path: string): Promise<Buffer> {
  return readFile(path);
}

export async function readStandardInput(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

export function exists(path: string): boolean {
  return existsSync(path);
}

export async function makeFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true });
}
