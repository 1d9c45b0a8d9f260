/** sluss's own version, from package.json (inlined by the build). */
import packageJson from '../package.json' with { type: 'json' };

export const PACKAGE_VERSION: string = packageJson.version;
