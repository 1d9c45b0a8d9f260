/**
 * `sluss init [dir]`: a new register with the Skaraborg defaults and its own
 * copy of sluss; `sluss init --ci github|gitlab` adds (or brings up to date)
 * the CI files of a forge, also in an existing register. Every file goes
 * through the safe writer, and only what differs is written and committed:
 * run again with nothing to change, init changes nothing and succeeds.
 */
import { join, resolve } from 'node:path';
import type { CommandContext, Prompter } from './ports.js';
import { IDEAS_DIR } from './ports/register-files.js';
import type { GeneratedFile, RegisterFilePorts } from './ports/register-files.js';
import type { ToolSource } from './ports/local-files.js';
import type { RegisterConfig } from '../core/config.js';
import { SlussError } from '../core/errors.js';
import { CONFIG_FILE, parseConfig, renderDefaultConfig } from '../core/format/config-file.js';
import { CONFIG_SCHEMA, IDEA_SCHEMA } from '../core/format/schema.js';
import type { Forge } from '../core/forge.js';
import { hasControlCharacter } from '../core/format/escape.js';
import { TOOL_MANIFEST } from '../core/tool-manifest.js';
import { toolText } from '../ui/tool-text.js';
import { ciFiles, ciPaths, writeCiFiles } from './ci-files.js';
import { installTool, toolFiles, withToolAttributes } from './tool-copy.js';
import { commitGenerated, pathsHoldingGenerated, pathsToCommit } from './tool-update.js';

export const SCHEMA_FILES = { 'idea.schema.json': IDEA_SCHEMA, 'config.schema.json': CONFIG_SCHEMA } as const;

const GITATTRIBUTES = withToolAttributes(`# Idéfiler och inställningar sparas alltid med LF-radslut, på alla system.
* text=auto eol=lf
*.md text eol=lf
*.yaml text eol=lf
*.json text eol=lf
`);

const YAML_LANGUAGE_SERVER = (schemaPath: string) => `${JSON.stringify({ 'yaml.schemas': { [schemaPath]: [`${IDEAS_DIR}/*.md`] } }, null, 2)}\n`;

export interface InitOptions {
  dir: string;
  name: string;
  commit: boolean;
  ci?: Forge | undefined;
  /** `--coordinator`, repeatable; asked for on a terminal when not given. */
  coordinators?: readonly string[];
  /** The copy to write; the running sluss's own by default. */
  tool?: ToolSource;
}

export interface InitResult {
  dir: string;
  /** True when the register existed and only CI files (and a missing copy) were added. */
  existing: boolean;
  /** Paths created or changed; empty when there was nothing to do. */
  files: string[];
  gitInitialised: boolean;
  commit?: string;
  /** The files are written but not committed: git has no name to commit with. */
  noIdentity: boolean;
  /** Version of the register's copy of sluss. */
  toolVersion: string;
  coordinatorsMissing: boolean;
  reviewersMissing: boolean;
}

/** A name or entry that goes into sluss.yaml and from there into YAML, CODEOWNERS and Markdown: one line, no control characters. */
function checkConfiguredText(option: string, value: string): void {
  if (value.trim() === '' || hasControlCharacter(value)) throw new SlussError('usage', { option, value: JSON.stringify(value) });
}

async function askCoordinators(prompter: Prompter, lang: CommandContext['lang']): Promise<string[]> {
  const answer = await prompter.input({
    message: toolText(lang).askCoordinators,
    validate: (value) => (hasControlCharacter(value) ? toolText(lang).controlCharacter : true),
  });
  return answer
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function baseFiles(name: string, coordinators: readonly string[]): GeneratedFile[] {
  const files: GeneratedFile[] = [
    { path: CONFIG_FILE, content: renderDefaultConfig(name, { coordinators }), replace: false },
    { path: '.gitattributes', content: GITATTRIBUTES, replace: false },
    // `sluss site` writes public/ by default: CI builds and publishes it, so it is never committed.
    { path: '.gitignore', content: '# Webbplatsen som sluss site skriver: CI bygger och publicerar den, den checkas inte in.\n/public/\n', replace: false },
    { path: `${IDEAS_DIR}/.gitkeep`, content: '', replace: false },
    { path: '.vscode/settings.json', content: YAML_LANGUAGE_SERVER('./schemas/idea.schema.json'), replace: false },
  ];
  for (const [file, schema] of Object.entries(SCHEMA_FILES)) files.push({ path: `schemas/${file}`, content: `${JSON.stringify(schema, null, 2)}\n`, replace: false });
  return files;
}

async function readConfig(files: RegisterFilePorts, dir: string): Promise<RegisterConfig> {
  const text = await files.readRegisterFile(dir, CONFIG_FILE);
  if (text === undefined) throw new SlussError('config-missing', { file: join(dir, CONFIG_FILE) });
  return parseConfig(text.toString('utf8'));
}

function commitMessage(ctx: CommandContext, options: InitOptions, existing: boolean): string {
  const en = ctx.lang === 'en';
  if (!existing) return en ? `New idea register: ${options.name}` : `Nytt idéregister: ${options.name}`;
  return en ? `Review of pull requests in ${options.ci} CI` : `Granskning av pull requests i ${options.ci}-CI`;
}

export async function initRegister(ctx: CommandContext, options: InitOptions): Promise<InitResult> {
  const dir = resolve(ctx.cwd, options.dir);
  const { files: registerFiles, local, bundled } = ctx.adapters;
  // An existing register may only add its CI files; anything else would overwrite it.
  const existing = local.exists(join(dir, CONFIG_FILE));
  if (existing && !options.ci) throw new SlussError('target-not-empty', { dir });
  checkConfiguredText('--name', options.name);
  for (const coordinator of options.coordinators ?? []) checkConfiguredText('--coordinator', coordinator);
  // Before anything is created: without its own standalone file sluss cannot give the register its copy.
  const source = options.tool ?? (await bundled.readRunningTool());
  await local.makeFolder(dir);
  // Every file this run may write, checked before the first is written (and before git init): a link among
  // the CI files refuses the run instead of leaving a register without them.
  const planned = [...baseFiles(options.name, []), ...toolFiles(source)].map((file) => file.path);
  registerFiles.verifyRegisterPaths(dir, options.ci ? [...planned, ...ciPaths(options.ci)] : planned);
  const git = ctx.adapters.git.repository(dir, ctx.env);
  await git.verifyGitInstalled();
  const gitInitialised = !(await git.isRepository());
  if (gitInitialised) await git.init();

  const coordinators = options.coordinators ?? (!existing && ctx.prompter ? await askCoordinators(ctx.prompter, ctx.lang) : []);
  const base = baseFiles(options.name, coordinators);
  const written = await registerFiles.syncRegisterFiles(dir, base);
  // Files that now hold what init generates: committed if they differ from HEAD, as an earlier run's commit may have been refused.
  const ensured = await pathsHoldingGenerated(registerFiles, dir, base);
  // An existing copy is updated by `sluss tool update`, as a change of its own; init only adds one missing from HEAD.
  if (!existing || (await registerFiles.readRegisterFile(dir, TOOL_MANIFEST)) === undefined || (await git.getUncommitted([TOOL_MANIFEST])).length > 0) {
    const installed = await installTool(registerFiles, dir, source);
    written.push(...installed.changed);
    ensured.push(...installed.paths);
  }
  const config = await readConfig(registerFiles, dir);
  if (options.ci) {
    written.push(...(await writeCiFiles(registerFiles, dir, config, options.ci)));
    ensured.push(...(await pathsHoldingGenerated(registerFiles, dir, ciFiles(config, options.ci))));
  }

  const files = options.commit ? await pathsToCommit(git, written, ensured) : [...new Set(written)];
  const committed = options.commit ? await commitGenerated(git, files, commitMessage(ctx, options, existing)) : { noIdentity: false };
  return {
    dir,
    existing,
    files,
    gitInitialised,
    ...committed,
    toolVersion: source.version,
    coordinatorsMissing: config.coordinators.length === 0,
    reviewersMissing: config.municipalities.every((m) => (m.reviewers ?? []).length === 0),
  };
}
