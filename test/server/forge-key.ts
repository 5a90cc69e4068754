import { randomBytes } from 'node:crypto';
import { generateApiKey, parseApiKey } from '../../src/access/api-key.js';

/** A well-formed key (good checksum) with the id of `key` and a wrong secret: what a guesser of that key sends. */
export function forgeKey(key: string): string {
  const id = parseApiKey(key)?.id as string;
  return generateApiKey((n) => (n === 8 ? Buffer.from(id, 'hex') : randomBytes(n))).key;
}
