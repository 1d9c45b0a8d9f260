/**
 * Where the YAML library comes from. Imported statically here, so the core
 * runs as it is anywhere: in tests, in scripts and bundled for a browser.
 *
 * The Node build (scripts/build.mjs) puts src/adapters/yaml-library.ts in
 * this module's place, which loads the library on first use instead: it is
 * dozens of files, and a warm run served from the caches (or a file the
 * canonical reader takes) never needs it.
 */
import * as YAML from 'yaml';

export type YamlLibrary = typeof YAML;

export function yamlLibrary(): YamlLibrary {
  return YAML;
}
