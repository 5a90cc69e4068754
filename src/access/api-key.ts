import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * API keys look like `olk_<id>_<secret>_<checksum>`:
 * - `olk_` makes them recognizable (secret scanners, logs, a reader of a config file);
 * - `<id>` (16 hex) names the key in `keys list` and the access log, and finds its record without scanning;
 * - `<secret>` is 256 random bits in base62 (43 chars); only its sha256 is stored (a fast hash is enough for a
 *   256-bit random secret: there is nothing to brute-force, so no salt or slow KDF is needed);
 * - `<checksum>` is the CRC32 of everything before it in base62 (6 chars), so a mistyped or truncated key is refused
 *   before any lookup.
 */
export const API_KEY_PREFIX = 'olk';
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY_RE = /^olk_([0-9a-f]{16})_([0-9A-Za-z]{43})_([0-9A-Za-z]{6})$/;

export interface ParsedApiKey {
  id: string;
  secret: string;
}

function toBase62(value: bigint, width: number): string {
  let out = '';
  let v = value;
  while (v > 0n) {
    out = ALPHABET[Number(v % 62n)] + out;
    v /= 62n;
  }
  return out.padStart(width, '0');
}

function checksumOf(body: string): string {
  return toBase62(BigInt(crc32(body)), 6);
}

/** Make a new key: its id, the full key text (shown once) and the hash to store. */
export function generateApiKey(random: (n: number) => Buffer = randomBytes): {
  id: string;
  key: string;
  hash: string;
} {
  const id = random(8).toString('hex');
  const secret = toBase62(BigInt(`0x${random(32).toString('hex')}`), 43);
  const body = `${API_KEY_PREFIX}_${id}_${secret}`;
  return { id, key: `${body}_${checksumOf(body)}`, hash: hashSecret(secret) };
}

/** Split a key into id and secret; null when it is not a well-formed opsledger key or its checksum is wrong. */
export function parseApiKey(text: string): ParsedApiKey | null {
  const m = KEY_RE.exec(text);
  if (!m) return null;
  const [, id, secret, checksum] = m as unknown as [string, string, string, string];
  if (checksumOf(`${API_KEY_PREFIX}_${id}_${secret}`) !== checksum) return null;
  return { id, secret };
}

/** The stored form of a secret: hex sha256. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compare a presented secret with a stored hash in constant time. */
export function verifySecret(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}
