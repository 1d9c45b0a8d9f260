/**
 * Limits of the idea-file format, in a module of their own: the sentence
 * catalogue names them in its messages and is loaded at every start, and
 * importing them from idea-file.ts pulled the YAML library into every start
 * (`sluss --help` 3 ms slower, found on 2026-12-06).
 */

/** Files larger than this are refused before parsing, so a huge file cannot stall a command. */
export const MAX_IDEA_FILE_BYTES = 1_000_000;
