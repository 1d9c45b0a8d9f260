/**
 * Ports for files outside the register: those the user names (`report --out`,
 * `add --from`, the note of `ci gitlab-note`, the site's folder, the folder
 * `init` makes) and those sluss ships with (its standalone file, the site's
 * browser scripts). Types only; the adapters are `src/adapters/fs/`
 * (`output-file.ts`, `site-folder.ts`, `user-files.ts`) and
 * `src/adapters/site-scripts.ts`, `src/adapters/tool-source.ts`.
 */

/** A file to write into a folder; `path` is relative to the folder, with forward slashes. */
export interface FolderFile {
  path: string;
  content: string | Uint8Array;
}

/** What use cases do with the user's own files and folders. */
export interface LocalFilePorts {
  /** A file's bytes; rejects with the file system's error, whose `code` says why. */
  readFile(path: string): Promise<Buffer>;
  /** The process's standard input, read to its end. */
  readStandardInput(): Promise<Uint8Array>;
  exists(path: string): boolean;
  /** Makes a folder and those above it; rejects with the file system's error. */
  makeFolder(path: string): Promise<void>;
  /** True when `path` names a folder: it ends with a slash or is an existing directory. */
  isDirectoryTarget(path: string): Promise<boolean>;
  /** Writes a file the user named (`--out`): a regular file atomically and keeping its mode, a FIFO or device in place. */
  writeOutputFile(path: string, content: string | Uint8Array): Promise<void>;
  /** Writes several files into a folder (made when missing), each as `writeOutputFile` does; the paths written. */
  writeOutputFiles(dir: string, files: readonly { name: string; content: string | Uint8Array }[]): Promise<string[]>;
  /**
   * Writes the site's folder (`shown` is the folder as the user named it, for
   * messages) and removes the files an earlier build wrote that `files` no
   * longer holds. `files` is read as it is written.
   */
  writeSiteFolder(dir: string, shown: string, files: Iterable<FolderFile>): Promise<{ written: number; removed: number }>;
}

/** A standalone sluss file: what `init` and `tool update` copy into a register. */
export interface ToolSource {
  version: string;
  content: Buffer;
}

export interface SiteScript {
  name: string;
  content: string | Uint8Array;
}

/** The files sluss ships with. */
export interface BundledFilePorts {
  /**
   * The site's scripts for the browser (none when they were never built) and
   * where they were looked for, for the message that says so.
   */
  siteScripts(): Promise<{ dir: string; scripts: SiteScript[] }>;
  /** The standalone file of the sluss that is running; `tool-unavailable` without one. */
  readRunningTool(): Promise<ToolSource>;
}
