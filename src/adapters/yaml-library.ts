/**
 * The Node build's stand-in for src/core/format/yaml-library.ts (see
 * scripts/build.mjs): the same function, but the YAML library loads the first
 * time it is asked for rather than with every start.
 */
import { createRequire } from 'node:module';
import type { YamlLibrary } from '../core/format/yaml-library.js';

let library: YamlLibrary | undefined;

export function yamlLibrary(): YamlLibrary {
  library ??= createRequire(import.meta.url)('yaml') as YamlLibrary;
  return library;
}
