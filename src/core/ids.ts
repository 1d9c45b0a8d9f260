/**
 * Idea ids: never "highest number + 1", so two clones can add ideas on
 * different branches and merge without a collision.
 *
 * An id is the creation day (3 characters) and 25 random bits (5 characters),
 * in Crockford's base32 (no I, L, O or U, so it reads over the phone), e.g.
 * `115-7M4QD`. The alphabet is in ASCII order, so ids sort by creation day.
 */

export const ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ID_SOURCE = '[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{5}';
export const ID_PATTERN = new RegExp(`^${ID_SOURCE}$`);
const FILE_NAME_PATTERN = new RegExp(`^(${ID_SOURCE})(?:-[a-z0-9-]*)?\\.md$`);
const EPOCH_UTC = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;
const RANDOM_CHARS = 5;

/** Days since 2024-01-01 in three base32 digits (covers about 89 years). */
export function dayPart(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const days = Math.max(0, Math.floor((Date.UTC(year, month - 1, day) - EPOCH_UTC) / DAY_MS));
  let part = '';
  for (let n = Math.min(days, 32 ** 3 - 1), i = 0; i < 3; i++, n = Math.floor(n / 32)) {
    part = ID_ALPHABET[n % 32] + part;
  }
  return part;
}

/**
 * @param randomBytes source of randomness (injected so tests are deterministic)
 * @param taken ids already in the register; a local clash is retried, a clash
 *   with another clone's unmerged idea has a chance of 1 in 33 million per pair
 *   created the same day.
 */
export function newIdeaId(isoDate: string, randomBytes: (n: number) => Uint8Array, taken: ReadonlySet<string> = new Set()): string {
  for (;;) {
    const bytes = randomBytes(RANDOM_CHARS);
    let random = '';
    for (const byte of bytes) random += ID_ALPHABET[byte & 31];
    const id = `${dayPart(isoDate)}-${random}`;
    if (!taken.has(id)) return id;
  }
}

/** Accepts what people type: lower case, no dash, and I/L for 1, O for 0. */
export function normalizeIdInput(input: string): string {
  const compact = input
    .trim()
    .toUpperCase()
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0')
    .replace(/[\s-]/g, '');
  return compact.length === 8 ? `${compact.slice(0, 3)}-${compact.slice(3)}` : input.trim().toUpperCase();
}

export function isIdeaId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/**
 * The id a file name (`<id>-<slug>.md`) claims, or undefined when the name does
 * not follow the pattern. Here rather than beside `slugify`: reading a register
 * needs it, and the transliteration table behind slugs (half a megabyte) is
 * loaded only by commands that name new files.
 */
export function idFromFileName(fileName: string): string | undefined {
  const match = FILE_NAME_PATTERN.exec(fileName);
  return match?.[1];
}
