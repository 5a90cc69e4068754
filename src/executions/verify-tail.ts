import { hashRecord, sealedBytesMatch } from './record-hash.js';
import type { ChainHead, ExecutionRecord } from './types.js';

/**
 * Walk the chain over the lines appended after `from` (a head already verified) up to `until`: each line a record that
 * matches its own hash, seqs one after another, each `prev_hash` the hash before it. Returns how many records that
 * was, or null at the first line that is anything else, or when the lines end before `until`: the caller then
 * verifies the whole journal, which names the problem and its place. Lines after `until` are not read.
 */
export function verifyTail(
  lines: Iterable<Buffer | string>,
  from: ChainHead,
  until: ChainHead,
): number | null {
  if (until.seq === from.seq) return until.hash === from.hash ? 0 : null;
  let head = from;
  let count = 0;
  for (const line of lines) {
    const text = typeof line === 'string' ? line : line.toString('utf8');
    let r: ExecutionRecord;
    try {
      r = JSON.parse(text) as ExecutionRecord;
    } catch {
      return null;
    }
    if (r === null || typeof r !== 'object' || typeof r.hash !== 'string') return null;
    if (r.seq !== head.seq + 1 || r.prev_hash !== head.hash) return null;
    if (!sealedBytesMatch(text, r.hash) && hashRecord(r) !== r.hash) return null;
    head = { seq: r.seq, hash: r.hash };
    count++;
    if (head.seq === until.seq) return head.hash === until.hash ? count : null;
  }
  return null;
}
