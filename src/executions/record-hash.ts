import { hash as digest } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { ExecutionInput, ExecutionRecord } from './types.js';

/** `prev_hash` of the first record of a journal that never had a retention purge. */
export const GENESIS_HASH = '0'.repeat(64);

/** sha256 (hex) of the canonical JSON of a record without its `hash` member (docs/executions.md). */
export function hashRecord(record: Omit<ExecutionRecord, 'hash'> | ExecutionRecord): string {
  const { hash: _hash, ...rest } = record as ExecutionRecord;
  return digest('sha256', canonicalJson(rest), 'hex');
}

/**
 * Chain an input onto the head: add `seq` and `prev_hash`, hash it, and render the journal line. The line is the
 * canonical JSON of the record without `hash`, with `"hash"` appended as its last member, and a newline.
 */
export function sealRecord(
  input: ExecutionInput,
  head: { seq: number; hash: string },
): { record: ExecutionRecord; line: string } {
  const record = { ...input, seq: head.seq + 1, prev_hash: head.hash } as ExecutionRecord;
  // An input that is really a record (re-posted) must not carry its old hash into the new one.
  if ('hash' in record) delete (record as Partial<ExecutionRecord>).hash;
  const body = canonicalJson(record);
  // One-shot sha256 (no Hash object): this runs under the journal lock for every append.
  record.hash = digest('sha256', body, 'hex');
  return { record, line: `${body.slice(0, -1)},"hash":"${record.hash}"}\n` };
}

/**
 * Fast check of a journal line as `sealRecord` wrote it: the bytes before the trailing `,"hash":"…"}` are the
 * canonical JSON that was hashed, so hashing them directly skips re-serialising the record. A match proves the line
 * is the sealed original; anything else (hand-edited, re-formatted) falls back to the canonical check.
 */
export function sealedBytesMatch(line: string, hash: string): boolean {
  const end = line.endsWith('\n') ? line.length - 1 : line.length;
  const suffix = `,"hash":"${hash}"}`;
  if (end < suffix.length || line.slice(end - suffix.length, end) !== suffix) return false;
  return digest('sha256', `${line.slice(0, end - suffix.length)}}`, 'hex') === hash;
}

/** The bytes of `,"hash":"` ending a sealed line before its hash and `"}`. */
const HASH_KEY = Buffer.from(',"hash":"', 'latin1');

/**
 * sealedBytesMatch on the line's bytes (a chunk of a segment being read): the hash is taken of the bytes in place
 * (sealedHashHolds), so no line is decoded into a string or copied for it (a million lines: `opsledger verify`).
 */
export function sealedLineMatches(line: Buffer, hash: string): boolean {
  const end = line.length;
  const at = end - HASH_KEY.length - hash.length - 2;
  if (hash.length !== 64 || at < 1 || line[end - 1] !== 0x7d || line[end - 2] !== 0x22) return false;
  if (line.compare(HASH_KEY, 0, HASH_KEY.length, at, at + HASH_KEY.length) !== 0) return false;
  for (let k = 0; k < hash.length; k++)
    if (line[at + HASH_KEY.length + k] !== hash.charCodeAt(k)) return false;
  return sealedHashHolds(line, at + HASH_KEY.length);
}

/**
 * Whether the 64 characters at `hashAt` of a line that ends `,"hash":"<them>"}` (the caller checked that form) are
 * the sha256 of what was sealed: the line's bytes up to the comma before `"hash"`, that comma made the closing brace
 * for the time of the hash and put back.
 */
export function sealedHashHolds(line: Buffer, hashAt: number): boolean {
  const comma = hashAt - HASH_KEY.length;
  line[comma] = 0x7d;
  let sha: string;
  try {
    sha = digest('sha256', line.subarray(0, comma + 1), 'hex');
  } finally {
    line[comma] = 0x2c;
  }
  // Compared with the stored characters: a Buffer for the digest costs more than its hex (~0.4 µs a line).
  for (let k = 0; k < 64; k++) if (line[hashAt + k] !== sha.charCodeAt(k)) return false;
  return true;
}
