/**
 * V8's code cache for the modules of dist/sluss.cjs. scripts/build-standalone.mjs
 * writes this function's source into the file's loader, so it must stand
 * alone: it uses its arguments and Node's globals, nothing else.
 *
 * Compiling sluss's modules is a fixed part of every command: about 25 ms of
 * a warm `similar` at 10,000 ideas (docs/BENCHMARKS.md). V8 can save what it
 * compiled and take it back on the next start; Node.js 22 does this for its
 * own module loader (`module.enableCompileCache()`), Node.js 20 does not, so
 * the loader compiles each module as a `vm.Script` with the saved data.
 *
 * - Where: the user's own cache folder (`$XDG_CACHE_HOME` or `~/.cache` on
 *   Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows), in
 *   `sluss/code/<build>-node<version>-<arch>/`. Never in the register: the
 *   data is the user's machine's, not the register's, and a shared folder
 *   such as /tmp would let another user hand sluss compiled code to run.
 * - When: a module compiled without usable data is saved when the process
 *   exits, so that the functions the command ran are in it; temporary file
 *   and rename, so a concurrent sluss reads a whole file or none.
 * - Trust: `build` is a hash of the modules' code, so a new build never
 *   reads an old build's data; V8 itself rejects data from another V8 version
 *   or other flags, and then the module is compiled from source as if there
 *   were no cache. The build's folder is read and written only when it is a
 *   real folder (not a link) of the user's own that no one else may write
 *   to: a HOME of /tmp would otherwise make it a shared folder. Every
 *   failure to read or write is silent: the cache only saves time, and
 *   `SLUSS_CODE_CACHE=0` turns it off.
 * - Size: 0.7 MB per build after the everyday commands, about 2 MB once
 *   every command has run; a new build's folder replaces all but the three
 *   most recent others.
 */
export function slussCodeCache(require, build, env, platform) {
  const fs = require('node:fs');
  const path = require('node:path');
  const vm = require('node:vm');
  const KEEP_OTHER_BUILDS = 3;
  const home = env.HOME || env.USERPROFILE;
  const xdg = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : home && path.join(home, '.cache');
  const base = platform === 'win32' ? env.LOCALAPPDATA : platform === 'darwin' ? home && path.join(home, 'Library', 'Caches') : xdg;
  const buildsDir = env.SLUSS_CODE_CACHE !== '0' && base && path.isAbsolute(base) ? path.join(base, 'sluss', 'code') : undefined;
  const dir = buildsDir && path.join(buildsDir, `${build}-node${process.versions.node}-${process.arch}`);
  const fresh = [];
  let isOwnChecked;

  /** Whether `dir` is a folder of this user's that only this user may change (checked once). */
  function isOwnFolder() {
    if (isOwnChecked !== undefined) return isOwnChecked;
    try {
      const info = fs.lstatSync(dir);
      const mine = process.getuid === undefined || (info.uid === process.getuid() && (info.mode & 0o022) === 0);
      isOwnChecked = info.isDirectory() && mine;
    } catch {
      return false;
    }
    return isOwnChecked;
  }

  /**
   * A data file's bytes, or undefined (none yet: compiled from source, saved
   * at exit). Only a regular file, opened without following a link and
   * without waiting: a FIFO in its place would block the read, and with it
   * the whole process, beyond the reach of Ctrl-C.
   */
  function readData(file) {
    const { O_RDONLY, O_NOFOLLOW = 0, O_NONBLOCK = 0 } = fs.constants;
    let fd;
    try {
      fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
      return fs.fstatSync(fd).isFile() ? fs.readFileSync(fd) : undefined;
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /** Compiles `source` (one module's function expression) and returns its value. */
  function compile(name, source, filename) {
    const file = dir && path.join(dir, `${name}.v8`);
    let cachedData;
    if (file && isOwnFolder()) cachedData = readData(file);
    const script = new vm.Script(source, { filename, cachedData });
    if (file && (cachedData === undefined || script.cachedDataRejected)) {
      if (fresh.length === 0) process.once('exit', save);
      fresh.push({ file, script });
    }
    return script.runInThisContext();
  }

  function save() {
    if (fresh.length === 0) return;
    try {
      const created = fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (!isOwnFolder()) return;
      for (const { file, script } of fresh.splice(0)) {
        const temporary = `${file}.${process.pid}.tmp`;
        try {
          fs.writeFileSync(temporary, script.createCachedData(), { flag: 'wx', mode: 0o600 });
          fs.renameSync(temporary, file);
        } catch {
          fs.rmSync(temporary, { force: true });
        }
      }
      if (created !== undefined) pruneOtherBuilds();
    } catch {
      // no cache folder: the next start compiles from source again
    }
  }

  function pruneOtherBuilds() {
    const others = fs
      .readdirSync(buildsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && path.join(buildsDir, entry.name) !== dir)
      .map((entry) => ({ where: path.join(buildsDir, entry.name), at: fs.statSync(path.join(buildsDir, entry.name)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const { where } of others.slice(KEEP_OTHER_BUILDS)) fs.rmSync(where, { recursive: true, force: true });
  }

  return { compile, save, dir };
}
