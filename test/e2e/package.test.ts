/** What users install: `npm pack` gives a package that installs globally, with nothing to fetch, and runs. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/registers.js';

const root = new URL('../..', import.meta.url).pathname;

describe('the npm package', () => {
  it('installs globally from the packed tarball and runs sluss --help and validate', () => {
    const packDir = tempDir('sluss-pack-');
    const prefix = tempDir('sluss-prefix-');
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], { cwd: root, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
    const files = packed!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['bin/sluss', 'dist/sluss.cjs', 'schemas/idea.schema.json', 'schemas/config.schema.json']));
    expect(files.filter((f) => f.startsWith('dist/') && !f.startsWith('dist/site/'))).toEqual(['dist/sluss.cjs']);
    expect(files.some((f) => f.startsWith('test/') || f.startsWith('src/') || f.startsWith('ideas/'))).toBe(false);

    execFileSync('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(packDir, packed!.filename)], { encoding: 'utf8', stdio: 'pipe' });
    // bin/sluss runs the bundled program file: the package depends on nothing.
    const installed = join(prefix, 'lib', 'node_modules', 'sluss');
    expect(readdirSync(installed)).toContain('bin');
    expect(existsSync(join(installed, 'node_modules'))).toBe(false);
    expect(readdirSync(join(prefix, 'lib', 'node_modules'))).toEqual(['sluss']);
    const help = execFileSync(join(prefix, 'bin', 'sluss'), ['--help'], { encoding: 'utf8' });
    expect(help).toContain('Användning: sluss');
    const validate = execFileSync(join(prefix, 'bin', 'sluss'), ['validate', '-C', root], { encoding: 'utf8', stdio: 'pipe' });
    expect(validate).toBe('');
  }, 180_000);
});
