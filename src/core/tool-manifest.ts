/**
 * The register's own copy of sluss: where it lives and the manifest beside
 * it (`.sluss/tool/manifest.json`), which records the copy's version and
 * SHA-256 so `validate` can tell a tampered or stale copy from a good one.
 */

export const TOOL_DIR = '.sluss/tool';
export const TOOL_FILE = `${TOOL_DIR}/sluss.cjs`;
export const TOOL_MANIFEST = `${TOOL_DIR}/manifest.json`;
/** The launchers at the register's root: `./sluss` (POSIX sh) and `sluss.cmd` (Windows). */
export const LAUNCHER_SH = 'sluss';
export const LAUNCHER_CMD = 'sluss.cmd';

export interface ToolManifest {
  tool: 'sluss';
  version: string;
  /** The file's name in TOOL_DIR. */
  file: string;
  sha256: string;
  bytes: number;
  node: string;
}

export function toolManifest(version: string, sha256: string, bytes: number): ToolManifest {
  return { tool: 'sluss', version, file: TOOL_FILE.slice(TOOL_DIR.length + 1), sha256, bytes, node: '>=20' };
}

export function renderToolManifest(manifest: ToolManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The manifest in `text`, or undefined when it is not one (wrong JSON, fields missing or of the wrong form). */
export function parseToolManifest(text: string): ToolManifest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  const ok =
    m['tool'] === 'sluss' &&
    typeof m['version'] === 'string' &&
    parseVersion(m['version']) !== undefined &&
    m['file'] === TOOL_FILE.slice(TOOL_DIR.length + 1) &&
    typeof m['sha256'] === 'string' &&
    /^[0-9a-f]{64}$/.test(m['sha256']) &&
    typeof m['bytes'] === 'number' &&
    typeof m['node'] === 'string';
  return ok ? (m as unknown as ToolManifest) : undefined;
}

/** `1.2.3` or `1.2.3-beta.1` as numbers; a pre-release sorts before its release. */
function parseVersion(version: string): { core: [number, number, number]; pre: string | undefined } | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(version);
  if (!match) return undefined;
  return { core: [Number(match[1]), Number(match[2]), Number(match[3])], pre: match[4] };
}

function comparePre(a: string, b: string): number {
  const partsA = a.split('.');
  const partsB = b.split('.');
  for (let i = 0; i < Math.max(partsA.length, partsB.length); i++) {
    const x = partsA[i];
    const y = partsB[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x === y) continue;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    if (numeric) return Number(x) - Number(y);
    if (/^\d+$/.test(x) !== /^\d+$/.test(y)) return /^\d+$/.test(x) ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Semantic-version order: negative when `a` is older than `b`, 0 when equal, positive when newer. */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) return a === b ? 0 : a < b ? -1 : 1;
  for (let i = 0; i < 3; i++) if (x.core[i] !== y.core[i]) return x.core[i]! - y.core[i]!;
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined || y.pre === undefined) return x.pre === undefined ? 1 : -1;
  return comparePre(x.pre, y.pre);
}
