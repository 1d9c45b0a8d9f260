/** What the CI files of both forges share. */
import { TOOL_FILE } from '../../core/tool-manifest.js';

/** How CI runs sluss: the register's own, reviewed copy, with the runner's Node.js and nothing installed. */
export const TOOL_COMMAND = `node ${TOOL_FILE}`;

/**
 * Opens the first line of every CI file sluss writes, followed by the forge
 * (`… --ci github.`). A file that still has it is sluss's and is written
 * again when `init --ci` runs; remove the line to keep a file as edited.
 * Files from before the register had its own copy start the same way, so
 * they are brought up to date too.
 */
export const GENERATED_MARK = 'Skapad av sluss init --ci';

export function isSlussGenerated(existing: string): boolean {
  return existing.split('\n', 3).some((line) => line.includes(GENERATED_MARK));
}
