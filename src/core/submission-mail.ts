/**
 * The text of a submission as it arrives: a saved e-mail (.eml, MIME with
 * quoted-printable or base64, multipart, format=flowed) or plain text (an
 * issue body, a downloaded file). The e-mail's first text/plain part is its
 * text; anything else is read as UTF-8.
 */

type Headers = Map<string, string>;

interface Part {
  headers: Headers;
  body: Uint8Array;
}

const latin1 = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);
const bytesOf = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

/** Where the header block ends: the first empty line. -1 when the text does not start with headers. */
function headerEnd(raw: string): number {
  if (!/^[A-Za-z][A-Za-z0-9-]*:/.test(raw)) return -1;
  const match = /\r?\n\r?\n/.exec(raw);
  return match ? match.index : -1;
}

function parseHeaders(block: string): Headers {
  const headers: Headers = new Map();
  // A line starting with white space continues the header above it (RFC 5322 folding).
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function parameter(header: string | undefined, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header ?? '');
  return match ? (match[1] ?? match[2]) : undefined;
}

function splitPart(raw: string): Part {
  const end = headerEnd(raw);
  if (end < 0) return { headers: new Map(), body: bytesOf(raw) };
  const body = raw.slice(end).replace(/^\r?\n\r?\n/, '');
  return { headers: parseHeaders(raw.slice(0, end)), body: bytesOf(body) };
}

/** The first text/plain part, looking inside multipart parts in order. */
function plainPart(part: Part): Part | undefined {
  const type = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
  if (!type.startsWith('multipart/')) return type.startsWith('text/plain') ? part : undefined;
  const boundary = parameter(part.headers.get('content-type'), 'boundary');
  if (!boundary) return undefined;
  const pieces = latin1(part.body).split(`--${boundary}`).slice(1);
  for (const piece of pieces) {
    if (piece.startsWith('--')) break;
    const found = plainPart(splitPart(piece.replace(/^\r?\n/, '')));
    if (found) return found;
  }
  return undefined;
}

function decodeTransfer(part: Part): Uint8Array {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  const text = latin1(part.body);
  if (encoding === 'base64') return bytesOf(atob(text.replace(/[^A-Za-z0-9+/=]/g, '')));
  if (encoding === 'quoted-printable') {
    return bytesOf(text.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))));
  }
  return part.body;
}

/** RFC 3676: a line ending in a space continues on the next line; a leading space was added for stuffing. */
function unflow(text: string, deleteSpace: boolean): string {
  const lines = text.split(/\r?\n/).map((line) => (line.startsWith(' ') ? line.slice(1) : line));
  let result = '';
  for (const line of lines) {
    const soft = line.endsWith(' ') && line !== '-- ';
    result += soft ? (deleteSpace ? line.slice(0, -1) : line) : `${line}\n`;
  }
  return result.replace(/\n$/, '');
}

function decodeText(bytes: Uint8Array, charset: string): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes).replace(/^\uFEFF/, '');
}

/** The submission's text: the plain text of an e-mail, or the input itself. Undefined for an e-mail without a plain-text part. */
export function submissionText(input: Uint8Array): string | undefined {
  const raw = latin1(input);
  if (headerEnd(raw) < 0) return decodeText(input, 'utf-8');
  const message = splitPart(raw);
  const looksLikeMail = ['from', 'subject', 'content-type', 'mime-version', 'to'].some((name) => message.headers.has(name));
  if (!looksLikeMail) return decodeText(input, 'utf-8');
  const part = plainPart(message);
  if (!part) return undefined;
  const contentType = part.headers.get('content-type');
  const text = decodeText(decodeTransfer(part), parameter(contentType, 'charset') ?? 'utf-8');
  return parameter(contentType, 'format')?.toLowerCase() === 'flowed' ? unflow(text, parameter(contentType, 'delsp')?.toLowerCase() === 'yes') : text;
}
