import { describe, expect, it } from 'vitest';
import { commentText, hasControlCharacter, markdownText, shQuoted, yamlQuoted } from '../../src/core/format/escape.js';
import { parseYaml, toPlainData } from '../../src/core/format/yaml-front-matter.js';
import { compareVersions, parseToolManifest, renderToolManifest, toolManifest } from '../../src/core/tool-manifest.js';
import { execFileSync } from 'node:child_process';

describe('compareVersions', () => {
  it('orders releases and pre-releases as semantic versioning does', () => {
    const ordered = ['0.1.0', '0.1.1', '0.2.0-alpha', '0.2.0-alpha.1', '0.2.0-alpha.beta', '0.2.0-beta.2', '0.2.0-beta.11', '0.2.0', '0.10.0', '1.0.0'];
    for (let i = 0; i < ordered.length - 1; i++) {
      expect(compareVersions(ordered[i]!, ordered[i + 1]!), `${ordered[i]} < ${ordered[i + 1]}`).toBeLessThan(0);
      expect(compareVersions(ordered[i + 1]!, ordered[i]!)).toBeGreaterThan(0);
    }
    expect(compareVersions('1.2.3', '1.2.3+build.5')).toBe(0);
  });
});

describe('the manifest', () => {
  it('reads back what it writes and refuses anything else', () => {
    const manifest = toolManifest('1.2.3', 'a'.repeat(64), 1000);
    expect(parseToolManifest(renderToolManifest(manifest))).toEqual(manifest);
    for (const bad of ['', 'null', '[]', '{"tool":"sluss"}', renderToolManifest({ ...manifest, sha256: 'abc' }), renderToolManifest({ ...manifest, file: '../x.cjs' }), renderToolManifest({ ...manifest, version: 'latest' })]) {
      expect(parseToolManifest(bad), bad).toBeUndefined();
    }
  });
});

describe('escaping configured values', () => {
  const hostile = ['rad ett\nrad två', 'ESC \u001b]0;titel\u0007', 'tab\there', 'NEL\u0085x', 'LS\u2028x', 'RLO\u202ex', 'citat " och \\ bakstreck', "apostrof ' här", 'Åsa Öberg'];

  it('a YAML double-quoted scalar reads back as the same text, on one line', () => {
    for (const text of hostile) {
      const quoted = yamlQuoted(text);
      expect(quoted.includes('\n')).toBe(false);
      const { parsed } = parseYaml(`name: ${quoted}\n`);
      expect((toPlainData(parsed!.document) as { name: string }).name).toBe(text);
    }
  });

  it('comment and Markdown text stay on one line with no control character', () => {
    for (const text of hostile) {
      expect(hasControlCharacter(commentText(text))).toBe(false);
      expect(hasControlCharacter(markdownText(text))).toBe(false);
    }
    expect(markdownText('*fet* <b>[länk](x)</b> `kod` a|b')).toBe('\\*fet\\* \\<b\\>\\[länk\\](x)\\</b\\> \\`kod\\` a\\|b');
  });

  it('a sh single-quoted word is read back by the shell as the same text', () => {
    for (const text of hostile.filter((t) => !t.includes('\u0000'))) {
      expect(execFileSync('sh', ['-c', `printf %s ${shQuoted(text)}`], { encoding: 'utf8' })).toBe(text);
    }
  });
});
