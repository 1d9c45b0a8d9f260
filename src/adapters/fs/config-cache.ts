/**
 * sluss.yaml as checked configuration, kept in `.sluss/cache/` under a hash
 * of its text, so a command whose ideas all come from caches never loads the
 * YAML parser. An invalid sluss.yaml is never cached: it is parsed (and
 * reported) every time. A cached configuration is believed only when it still
 * matches the checksum saved with it; an edited one is made again.
 */
import type { RegisterConfig } from '../../core/config.js';
import { CONFIG_FILE, parseConfig } from '../../core/format/config-file.js';
import { CONFIG_SCHEMA } from '../../core/format/schema.js';
import { PACKAGE_VERSION } from '../../package-version.js';
import { checksumOf, contentHash, readCacheJson, writeCacheFile } from './cache-files.js';

/** Bumped whenever parsing sluss.yaml changes what it gives, or this file's layout changes. */
const CONFIG_CACHE_FORMAT = 2;
const CACHE_FILE = 'config.json';

interface CachedConfig {
  fingerprint: string;
  /** `checksumOf` the JSON of `config`. */
  checksum: string;
  config: RegisterConfig;
}

export async function checkedConfig(root: string, text: string): Promise<RegisterConfig> {
  const fingerprint = contentHash(`${PACKAGE_VERSION}\0${CONFIG_CACHE_FORMAT}\0${JSON.stringify(CONFIG_SCHEMA)}\0${text}`);
  const cached = readCacheJson(root, CACHE_FILE) as Partial<CachedConfig> | undefined;
  if (cached?.fingerprint === fingerprint && typeof cached.config === 'object' && cached.config !== null && checksumOf(JSON.stringify(cached.config)) === cached.checksum) {
    return cached.config;
  }
  const config = parseConfig(text, CONFIG_FILE);
  await writeCacheFile(root, CACHE_FILE, JSON.stringify({ fingerprint, checksum: checksumOf(JSON.stringify(config)), config } satisfies CachedConfig));
  return config;
}
