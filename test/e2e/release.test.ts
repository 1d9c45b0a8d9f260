/** npm run release: the package and the standalone file, with checksums that check. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/registers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run release', () => {
  it('writes the tarball and the standalone file with SHA-256 sums that sha256sum accepts, the same file as in the tarball', () => {
    const out = tempDir('sluss-release-');
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'release.mjs'), '--no-build', '--out', out], { cwd: ROOT, stdio: 'pipe' });
    expect(readdirSync(out).sort()).toEqual(['SHA256SUMS', `sluss-${version}.cjs`, `sluss-${version}.tgz`]);
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' })).toBe(`sluss-${version}.tgz: OK\nsluss-${version}.cjs: OK\n`);
    const packed = execFileSync('tar', ['-xzOf', `sluss-${version}.tgz`, 'package/dist/sluss.cjs'], { cwd: out, maxBuffer: 64 << 20 });
    const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    expect(sha(packed)).toBe(sha(readFileSync(join(out, `sluss-${version}.cjs`))));
  }, 120_000);
});
