import { hash as digest } from 'node:crypto';
import pgCopy from 'pg-copy-streams';
import { readAnchors, ANCHORS_REF } from '../anchors.js';
import { LineCollector } from '../collect-lines.js';
import type { VerifyProblem, VerifyReport } from '../types.js';
import { verifyChain, type Anchor } from '../verify-chain.js';
import { CopyBinaryReader } from './copy-binary.js';
import { assertSchemaCurrent } from './migrate.js';
import { createPool, databaseError } from './pg-pool.js';
import { readCheckpoints } from './pg-rows.js';

export const TABLE = 'journal_records';

/** Every row in seq order, as raw bytes: no row objects, no strings, no text-format escapes to undo. */
const ROWS_SQL = `COPY (SELECT seq, hash, body FROM ${TABLE} ORDER BY seq, pos) TO STDOUT (FORMAT binary)`;

/**
 * `opsledger verify` on PostgreSQL, in the same phases as on files: read, chain, checkpoints, anchors, report. The
 * read is one `COPY … TO STDOUT (FORMAT binary)` of the rows in seq order with the checkpoints, in one read-only
 * snapshot; each row's body is checked against its own hash on its bytes as they arrive (docs/postgres.md). A table
 * has no file order, so the reordered check is the rows' own: a row whose `seq` column differs from the seq its
 * hashed body claims was moved (two rows' seqs swapped, say), and is named by both seqs. Places are
 * `journal_records:<n>`, n the row's place in seq order.
 */
export async function verifyPostgres(options: {
  url: string;
  repo?: string;
  anchorsRef?: string;
}): Promise<VerifyReport & { quarantined: string[] }> {
  const pool = createPool(options.url, 1);
  try {
    await assertSchemaCurrent(pool);
    const collector = new LineCollector();
    const seg = collector.startSegment(TABLE);
    const moved: VerifyProblem[] = [];
    let n = 0;
    const reader = new CopyBinaryReader((buf, b) => {
      n++;
      const rowSeq = Number(buf.readBigInt64BE(b[0]!));
      const hash = buf.toString('latin1', b[2]!, b[3]!);
      const sealed = sealedFields(buf, b[4]!, b[5]!, b[2]!, hash);
      if (sealed) collector.addSealed(seg, n, sealed.seq, hash, sealed.prev);
      else collector.add(seg, n, buf.subarray(b[4]!, b[5]!));
      const claimed = collector.lastSeq();
      if (Number.isFinite(claimed) && claimed !== rowSeq) {
        moved.push({
          kind: 'reordered',
          segment: TABLE,
          line: n,
          seq: claimed,
          message: `the row at seq ${rowSeq} holds the record of seq ${claimed}: rows were moved (their seq changed)`,
        });
      }
    });
    const client = await pool.connect();
    let gaps;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      for await (const chunk of client.query(pgCopy.to(ROWS_SQL))) reader.push(chunk as Buffer);
      reader.end();
      gaps = await readCheckpoints(client);
      await client.query('COMMIT');
    } finally {
      // A failed read leaves the transaction aborted: the connection is dropped, not pooled.
      client.release(true);
    }
    const anchors: Anchor[] = options.repo
      ? await readAnchors(options.repo, options.anchorsRef ?? ANCHORS_REF)
      : [];
    const report = verifyChain(collector.finish(), gaps, anchors, { placeOrder: false });
    const problems = [...report.problems, ...moved].sort(
      (a, b) => (a.line ?? Infinity) - (b.line ?? Infinity),
    );
    return { ...report, ok: problems.length === 0, problems, quarantined: [] };
  } catch (err) {
    throw databaseError(options.url, err);
  } finally {
    await pool.end().catch(() => undefined);
  }
}

/** How every sealed body ends: `,"hash":"<64 hex>"}`. */
const HASH_OPEN = Buffer.from(',"hash":"');
const HASH_CLOSE = Buffer.from('"}');
const SUFFIX_LENGTH = 75;
const PREV_KEY = Buffer.from('"prev_hash":"');
const SEQ_KEY = Buffer.from('"seq":');
const CLOSE_BRACE = 0x7d;

/**
 * The fast path of the read phase, on the row's bytes where they arrived (`buf[start, stop)`, the hash column at
 * `hashAt`): a body that ends with its row's hash and hashes to it is a record exactly as the journal sealed it
 * (canonical JSON, keys sorted; the hashed bytes are the body without its `,"hash":"…"` member), so its top-level
 * `seq` and `prev_hash` are the last occurrences of those keys (no key sorted after them nests one; a quote inside a
 * string value is always escaped). Anything else (null) takes the full parse.
 */
function sealedFields(
  buf: Buffer,
  start: number,
  stop: number,
  hashAt: number,
  rowHash: string,
): { seq: number; prev: string } | null {
  const end = stop - SUFFIX_LENGTH;
  if (
    end <= start ||
    buf.compare(HASH_OPEN, 0, 9, end, end + 9) !== 0 ||
    buf.compare(buf, hashAt, hashAt + 64, end + 9, end + 73) !== 0 ||
    buf.compare(HASH_CLOSE, 0, 2, end + 73, stop) !== 0
  ) {
    return null;
  }
  // Hash in place: the comma that opens the hash member is the object's closing brace for the call.
  const comma = buf[end]!;
  buf[end] = CLOSE_BRACE;
  const hash = digest('sha256', buf.subarray(start, end + 1), 'hex');
  buf[end] = comma;
  // The digest is lowercase hex: equal, the row's hash is well-formed too.
  if (rowHash !== hash) return null;
  const q = buf.lastIndexOf(SEQ_KEY, end);
  const p = q < start ? -1 : buf.lastIndexOf(PREV_KEY, q);
  if (p < start || p + 77 > end || !isLowerHex(buf, p + 13, p + 77)) return null;
  let seq = 0;
  let i = q + 6;
  for (; i < end && i < q + 22 && buf[i]! >= 0x30 && buf[i]! <= 0x39; i++) seq = seq * 10 + buf[i]! - 0x30;
  const after = buf[i];
  if (i === q + 6 || (after !== 0x2c && after !== CLOSE_BRACE)) return null;
  const prev = buf.toString('latin1', p + 13, p + 77);
  return { seq, prev };
}

/** `buf[from, to)` is lowercase hex digits only. */
function isLowerHex(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = buf[i]!;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}
