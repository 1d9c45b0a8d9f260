/**
 * The register's own copy of sluss: `.sluss/tool/sluss.cjs` (the standalone
 * build), its manifest, and the launchers `./sluss` and `sluss.cmd`, so a
 * clone runs sluss with nothing but Node.js and git, and CI runs the same
 * reviewed copy without installing anything.
 *
 * `.sluss/` also holds what stays on one computer (cache, lock, recovery
 * files). Its own .gitignore, which is committed, ignores everything there
 * except itself and tool/.
 */
import { createHash } from 'node:crypto';
import { SLUSS_DIR } from './ports/register-files.js';
import type { GeneratedFile, RegisterFilePorts } from './ports/register-files.js';
import { SlussError } from '../core/errors.js';
import { shQuoted } from '../core/format/escape.js';
import type { Problem } from '../core/problems.js';
import { compareVersions, LAUNCHER_CMD, LAUNCHER_SH, parseToolManifest, renderToolManifest, TOOL_FILE, TOOL_MANIFEST, toolManifest } from '../core/tool-manifest.js';
import { toolText } from '../ui/tool-text.js';
import type { ToolSource } from './ports/local-files.js';

export const SLUSS_DIR_GITIGNORE = `# sluss: cache, lås och återställningsfiler stannar på den här datorn.
# tool/ är registrets egen kopia av sluss och checkas in (sluss tool update).
/*
!/.gitignore
!/tool/
`;

/** The lines of the register's .gitattributes that concern the copy and the Windows launcher. */
export const TOOL_ATTRIBUTES = [
  '# Windows-startfilen sluss.cmd behöver CRLF-radslut.',
  `/${LAUNCHER_CMD} text eol=crlf`,
  '# Registrets kopia av sluss är genererad: binär för diffar, version och SHA-256 står i manifest.json.',
  `/${TOOL_FILE} binary linguist-generated gitlab-generated`,
];

function launcherSh(): string {
  const sv = toolText('sv');
  const en = toolText('en');
  return `#!/bin/sh
# Kör registrets egen kopia av sluss (.sluss/tool/sluss.cjs) med Node.js.
# Skapad av sluss; en nyare sluss skriver om den med: sluss tool update
# Bara skalets egna kommandon: PATH behöver inte ha mer än node.
case "$0" in */*) here=\${0%/*} ;; *) here=. ;; esac
root=$(CDPATH= cd -- "$here" && pwd -P) || exit 1
if ! command -v node >/dev/null 2>&1; then
  case "\${SLUSS_LANG:-\${LC_ALL:-\${LC_MESSAGES:-\${LANG:-}}}}" in
    en*) echo ${shQuoted(en.nodeMissing)} >&2 ;;
    *) echo ${shQuoted(sv.nodeMissing)} >&2 ;;
  esac
  exit 127
fi
exec node "$root/${TOOL_FILE}" "$@"
`;
}

/** cmd.exe reads a batch file in the console's code page: the text is ASCII, and CRLF as .gitattributes keeps it. */
function launcherCmd(): string {
  const lines = [
    '@echo off',
    'rem Startar registrets egen kopia av sluss (.sluss\\tool\\sluss.cjs) med Node.js.',
    'where node >nul 2>nul || goto nonode',
    `node "%~dp0${TOOL_FILE.replace(/\//g, '\\')}" %*`,
    'exit /b %errorlevel%',
    ':nonode',
    'if /i "%SLUSS_LANG%"=="en" goto nonode_en',
    `echo ${toolText('sv').nodeMissing} 1>&2`,
    'exit /b 127',
    ':nonode_en',
    `echo ${toolText('en').nodeMissing} 1>&2`,
    'exit /b 127',
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** The files of the copy: always replaced by the running sluss's own. */
export function toolFiles(source: ToolSource): GeneratedFile[] {
  const sha256 = createHash('sha256').update(source.content).digest('hex');
  return [
    { path: `${SLUSS_DIR}/.gitignore`, content: SLUSS_DIR_GITIGNORE, replace: true },
    { path: TOOL_FILE, content: source.content, replace: true },
    { path: TOOL_MANIFEST, content: renderToolManifest(toolManifest(source.version, sha256, source.content.length)), replace: true },
    { path: LAUNCHER_SH, content: launcherSh(), replace: true, fileMode: 0o755 },
    { path: LAUNCHER_CMD, content: launcherCmd(), replace: true },
  ];
}

/** `existing` .gitattributes with the copy's lines added where missing. */
export function withToolAttributes(existing: string): string {
  const have = new Set(existing.split('\n').map((line) => line.trim()));
  const missing = TOOL_ATTRIBUTES.filter((line) => !have.has(line));
  if (missing.length === 0) return existing;
  return `${existing}${existing === '' || existing.endsWith('\n') ? '' : '\n'}${missing.join('\n')}\n`;
}

/**
 * `existing` root .gitignore without a line that ignores all of `.sluss/`
 * (as registers made before the copy had): git never looks inside an
 * ignored folder, so tool/ could not be committed. .sluss/.gitignore keeps
 * the rest of the folder out of git.
 */
export function withoutWholeSlussIgnore(existing: string): string {
  const lines = existing.split('\n');
  const kept = lines.filter((line, i) => !/^\/?\.sluss\/?$/.test(line.trim()) && !(line.trim() === '# sluss cache och återställningsfiler' && /^\/?\.sluss\/?$/.test(lines[i + 1]?.trim() ?? '')));
  return kept.join('\n');
}

/** The .gitattributes and .gitignore changes an existing register needs for the copy. */
async function settingsFiles(files: RegisterFilePorts, root: string): Promise<GeneratedFile[]> {
  const { readRegisterFile } = files;
  const settings: GeneratedFile[] = [];
  const attributes = (await readRegisterFile(root, '.gitattributes'))?.toString('utf8') ?? '';
  settings.push({ path: '.gitattributes', content: withToolAttributes(attributes), replace: true });
  const ignore = await readRegisterFile(root, '.gitignore');
  if (ignore !== undefined) settings.push({ path: '.gitignore', content: withoutWholeSlussIgnore(ignore.toString('utf8')), replace: true });
  return settings;
}

export interface InstalledTool {
  /** Paths created or changed, in the order written. */
  changed: string[];
  /** Every file of the copy and the settings it needs, changed or not: what must be committed for the copy to be whole. */
  paths: string[];
  /** The copy's version before, when there was one. */
  previous?: string;
}

/** Writes (only what differs of) the copy, its manifest, the launchers and the settings they need. */
export async function installTool(files: RegisterFilePorts, root: string, source: ToolSource): Promise<InstalledTool> {
  const before = await files.readRegisterFile(root, TOOL_MANIFEST);
  const previous = before === undefined ? undefined : parseToolManifest(before.toString('utf8'))?.version;
  const wanted = [...(await settingsFiles(files, root)), ...toolFiles(source)];
  const changed = await files.syncRegisterFiles(root, wanted);
  return { changed, paths: wanted.map((file) => file.path), ...(previous === undefined ? {} : { previous }) };
}

async function readForCheck(files: RegisterFilePorts, root: string, path: string, problems: Problem[]): Promise<Buffer | undefined> {
  try {
    return await files.readRegisterFile(root, path);
  } catch (error) {
    if (error instanceof SlussError && error.code === 'unsafe-path') {
      problems.push({ file: path, code: 'symlink' });
      return undefined;
    }
    throw error;
  }
}

export interface ToolCheck {
  problems: Problem[];
  warnings: Problem[];
}

/**
 * What `validate` says about the copy: nothing when the register has none;
 * an error when the copy or its manifest is missing, the manifest is not
 * one, or the copy's SHA-256 differs from the manifest's (it was changed by
 * hand); a warning when the copy is older or newer than the running sluss.
 */
export async function checkToolCopy(files: RegisterFilePorts, root: string, runningVersion: string): Promise<ToolCheck> {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const manifestBytes = await readForCheck(files, root, TOOL_MANIFEST, problems);
  const tool = await readForCheck(files, root, TOOL_FILE, problems);
  if (problems.length > 0 || (manifestBytes === undefined && tool === undefined)) return { problems, warnings };
  if (manifestBytes === undefined) return { problems: [{ file: TOOL_MANIFEST, code: 'tool-manifest-missing' }], warnings };
  const manifest = parseToolManifest(manifestBytes.toString('utf8'));
  if (manifest === undefined) return { problems: [{ file: TOOL_MANIFEST, code: 'tool-manifest-invalid' }], warnings };
  if (tool === undefined) return { problems: [{ file: TOOL_FILE, code: 'tool-missing' }], warnings };
  const actual = createHash('sha256').update(tool).digest('hex');
  if (actual !== manifest.sha256) problems.push({ file: TOOL_FILE, code: 'tool-tampered', params: { expected: manifest.sha256, actual } });
  const order = compareVersions(manifest.version, runningVersion);
  if (order !== 0) warnings.push({ file: TOOL_MANIFEST, code: order < 0 ? 'tool-outdated' : 'tool-newer', params: { version: manifest.version, running: runningVersion } });
  return { problems, warnings };
}
