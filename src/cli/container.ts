/**
 * Wiring in one place: the real adapters (files, git, forges), clock,
 * randomness, terminal and output for a command. This is the only module that
 * constructs adapters; use cases receive them through their CommandContext.
 * Tests build a CommandContext of their own (with these adapters or others).
 */
import { createPullRequest, isGithubCliReady } from '../adapters/forge/github-cli.js';
import { approvedBy, mergeRequestFromEnv, upsertNote } from '../adapters/forge/gitlab-api.js';
import { isDirectoryTarget, writeFileAtomic, writeFilesAtomic } from '../adapters/fs/output-file.js';
import { contentHash } from '../adapters/fs/cache-files.js';
import { checkedConfig } from '../adapters/fs/config-cache.js';
import { readSavedIndexAhead } from '../adapters/fs/index-files.js';
import { ParsedFileCache } from '../adapters/fs/parsed-file-cache.js';
import { readRegisterFile, syncRegisterFiles, verifyRegisterPaths } from '../adapters/fs/register-file-sync.js';
import { withRegisterLock } from '../adapters/fs/register-lock.js';
import { findRegisterRoot, RegisterStore, saveRecoveryFile } from '../adapters/fs/register-store.js';
import { SiteFolder, writeSiteFolder } from '../adapters/fs/site-folder.js';
import { exists, makeFolder, readStandardInput, readUserFile } from '../adapters/fs/user-files.js';
import { GitHistory } from '../adapters/git/git-history.js';
import { GitRepository } from '../adapters/git/git-repository.js';
import { countSkippedBySparseCheckout } from '../adapters/git/git-sparse.js';
import { readTreeAt } from '../adapters/git/git-tree.js';
import { writeJson, writeJsonArray } from '../adapters/output/json-stream.js';
import { createInquirerPrompter } from '../adapters/prompt/inquirer-prompter.js';
import { tightenHeapForLargeRegister } from '../adapters/runtime/heap.js';
import { readRunningTool } from '../adapters/tool-source.js';
import type { Adapters, Clock, CommandContext, Output } from '../app/ports.js';
import type { Lang } from '../core/lang.js';
import { DEFAULT_WIDTH } from '../ui/table.js';
import { promptText } from '../ui/prompt-text.js';

export interface Streams {
  stdin: NodeJS.ReadStream | { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
}

/** The terminal's width; without a terminal, COLUMNS; without that, 80. */
export function outputWidth(streams: Streams, env: NodeJS.ProcessEnv): number {
  if (streams.stdout.isTTY && streams.stdout.columns && streams.stdout.columns > 0) return streams.stdout.columns;
  const columns = Number.parseInt(env['COLUMNS'] ?? '', 10);
  return Number.isInteger(columns) && columns > 0 ? columns : DEFAULT_WIDTH;
}

/** Today in local time, or SLUSS_TODAY (YYYY-MM-DD) so scripts and tests can fix the date. */
export function systemClock(env: NodeJS.ProcessEnv): Clock {
  return {
    today() {
      const fixed = env['SLUSS_TODAY'];
      if (fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
      const now = new Date();
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    },
  };
}

export function streamOutput(streams: Streams, color: boolean, width: number = DEFAULT_WIDTH): Output {
  return {
    width,
    print: (text) => void streams.stdout.write(`${text}\n`),
    info: (text) => void streams.stderr.write(`${text}\n`),
    json: (value) => writeJson(streams.stdout, value),
    jsonArray: (items, toJson) => writeJsonArray(streams.stdout, items, toJson),
    color,
  };
}

/** The real adapters behind the application's ports. */
export const realAdapters: Adapters = {
  files: {
    findRegisterRoot,
    openStore: (root) => new RegisterStore(root),
    checkedConfig,
    openParsedFiles: (root, configText) => ParsedFileCache.open(root, configText),
    contentHash,
    withRegisterLock,
    saveRecoveryFile,
    readRegisterFile,
    syncRegisterFiles,
    verifyRegisterPaths,
    // Loaded when an index is: the cache module reads the engine's format, and list, show or validate need neither.
    loadCachedIndex: async (...args) => (await import('../adapters/fs/index-cache.js')).loadCachedIndex(...args),
    saveCachedIndex: async (...args) => (await import('../adapters/fs/index-cache.js')).saveCachedIndex(...args),
    readSavedIndexAhead,
    tightenHeapForLargeRegister,
  },
  local: {
    readFile: readUserFile,
    readStandardInput,
    exists,
    makeFolder,
    isDirectoryTarget,
    writeOutputFile: writeFileAtomic,
    writeOutputFiles: writeFilesAtomic,
    writeSiteFolder: (dir, shown, files) => writeSiteFolder(new SiteFolder(dir, shown), files),
  },
  bundled: {
    // Loaded by `sluss site` alone: in the standalone file this module holds the scripts themselves, some 350 kB.
    siteScripts: async () => {
      const { SITE_SCRIPTS_DIR, siteScripts } = await import('../adapters/site-scripts.js');
      return { dir: SITE_SCRIPTS_DIR, scripts: siteScripts() };
    },
    readRunningTool: () => readRunningTool(),
  },
  git: {
    repository: (dir, env) => new GitRepository(dir, env),
    history: (dir, env) => new GitHistory(dir, env),
    readTreeAt,
    countSkippedBySparseCheckout,
  },
  forge: { isGithubCliReady, createPullRequest, mergeRequestFromEnv, approvedBy, upsertNote },
};

export function wantsColor(streams: Streams, env: NodeJS.ProcessEnv, disabled: boolean): boolean {
  if (disabled || env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return Boolean(streams.stdout.isTTY) && env['TERM'] !== 'dumb';
}

export function createContext(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  lang: Lang;
  streams: Streams;
  registerDir: string | undefined;
  color: boolean;
  interactive: boolean;
}): CommandContext {
  const { streams } = options;
  // Inquirer would wait forever on a pipe that stays open; only a real terminal gets questions.
  const hasTerminal = Boolean(streams.stdin.isTTY) && Boolean(streams.stdout.isTTY);
  return {
    cwd: options.cwd,
    env: options.env,
    lang: options.lang,
    clock: systemClock(options.env),
    // Web Crypto, global in Node: node:crypto would load at every start, even for --help.
    randomBytes: (size) => crypto.getRandomValues(new Uint8Array(size)),
    output: streamOutput(streams, options.color, outputWidth(streams, options.env)),
    prompter: hasTerminal && options.interactive ? createInquirerPrompter(promptText(options.lang)) : undefined,
    registerDir: options.registerDir,
    adapters: realAdapters,
  };
}
