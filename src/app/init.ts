/** `sluss init [dir]`: a new register with the Skaraborg defaults. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GitRepository } from '../adapters/git/git-repository.js';
import type { CommandContext } from '../cli/ports.js';
import { SlussError } from '../core/errors.js';
import { CONFIG_FILE, parseConfig, renderDefaultConfig } from '../core/format/config-file.js';
import type { Forge } from '../core/forge.js';
import { writeCiFiles } from './ci-files.js';

/** The package's own schemas (same relative path from src/app and dist/app). */
const PACKAGE_SCHEMAS = fileURLToPath(new URL('../../schemas/', import.meta.url));
export const SCHEMA_FILES = ['idea.schema.json', 'config.schema.json'] as const;

const GITATTRIBUTES = `# Idéfiler och inställningar sparas alltid med LF-radslut, på alla system.
* text=auto eol=lf
*.md text eol=lf
*.yaml text eol=lf
*.json text eol=lf
`;

const GITIGNORE = `# sluss cache och återställningsfiler
.sluss/
`;

const YAML_LANGUAGE_SERVER = (schemaPath: string) => JSON.stringify({ 'yaml.schemas': { [schemaPath]: ['ideas/*.md'] } }, null, 2) + '\n';

export interface InitResult {
  dir: string;
  /** True when the register existed and only CI files were added. */
  existing: boolean;
  files: string[];
  gitInitialised: boolean;
  commit?: string;
}

export async function initRegister(ctx: CommandContext, options: { dir: string; name: string; commit: boolean; ci?: Forge | undefined }): Promise<InitResult> {
  const dir = resolve(ctx.cwd, options.dir);
  // An existing register may only add its CI files; anything else would overwrite it.
  const existing = existsSync(join(dir, CONFIG_FILE));
  if (existing && !options.ci) throw new SlussError('target-not-empty', { dir });
  await mkdir(dir, { recursive: true });
  const git = new GitRepository(dir, ctx.env);
  await git.verifyGitInstalled();
  for (const folder of ['ideas', 'schemas', '.vscode']) await mkdir(join(dir, folder), { recursive: true });
  const gitInitialised = !(await git.isRepository());
  if (gitInitialised) await git.init();

  const files: Record<string, string> = {
    [CONFIG_FILE]: renderDefaultConfig(options.name),
    '.gitattributes': GITATTRIBUTES,
    '.gitignore': GITIGNORE,
    'ideas/.gitkeep': '',
    '.vscode/settings.json': YAML_LANGUAGE_SERVER('./schemas/idea.schema.json'),
  };
  for (const schema of SCHEMA_FILES) files[`schemas/${schema}`] = await readFile(join(PACKAGE_SCHEMAS, schema), 'utf8');
  const written: string[] = [];
  for (const [path, content] of Object.entries(files)) {
    // An existing register that only lacks some files keeps what it has.
    if (existsSync(join(dir, path))) continue;
    await writeFile(join(dir, path), content, { flag: 'wx' });
    written.push(path);
  }
  if (options.ci) {
    const config = parseConfig(await readFile(join(dir, CONFIG_FILE), 'utf8'));
    written.push(...(await writeCiFiles(dir, config, options.ci)));
  }
  const result: InitResult = { dir, existing, files: written, gitInitialised };
  // Without a git identity the first commit is left to the user; the files are there either way.
  if (options.commit && written.length > 0 && (await git.getIdentity()).name) {
    const en = ctx.lang === 'en';
    const message = existing ? (en ? `Review of pull requests in ${options.ci} CI` : `Granskning av pull requests i ${options.ci}-CI`) : en ? `New idea register: ${options.name}` : `Nytt idéregister: ${options.name}`;
    result.commit = await git.commitPaths(written, message);
  }
  return result;
}
