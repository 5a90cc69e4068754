import { readAnchors, ANCHORS_REF } from '../anchors.js';
import { LineCollector } from '../collect-lines.js';
import { sealedBytesMatch } from '../record-hash.js';
import type { VerifyProblem, VerifyReport } from '../types.js';
import { verifyChain, type Anchor } from '../verify-chain.js';
import { assertSchemaCurrent } from './migrate.js';
import { createPool, databaseError } from './pg-pool.js';
import { readCheckpoints, streamRows } from './pg-rows.js';

export const TABLE = 'journal_records';

/**
 * `opsledger verify` on PostgreSQL, in the same phases as on files: read (rows streamed in seq order through a
 * cursor, each checked against its own hash), chain, checkpoints, anchors, report. A table has no file order, so the
 * reordered check is the rows' own: a row whose `seq` column differs from the seq its hashed body claims was moved
 * (two rows' seqs swapped, say), and is named by both seqs. Places are `journal_records:<n>`, n the row's place in
 * seq order.
 */
export async function verifyPostgres(options: {
  url: string;
  repo?: string;
  anchorsRef?: string;
}): Promise<VerifyReport & { quarantined: string[] }> {
  const pool = createPool(options.url, 2);
  try {
    await assertSchemaCurrent(pool);
    const collector = new LineCollector();
    const seg = collector.startSegment(TABLE);
    const moved: VerifyProblem[] = [];
    let n = 0;
    for await (const row of streamRows(pool)) {
      n++;
      const sealed = sealedFields(row.body, row.hash);
      if (sealed) collector.addSealed(seg, n, sealed.seq, row.hash, sealed.prev);
      else collector.add(seg, n, row.body);
      const claimed = collector.lastSeq();
      if (Number.isFinite(claimed) && claimed !== Number(row.seq)) {
        moved.push({
          kind: 'reordered',
          segment: TABLE,
          line: n,
          seq: claimed,
          message: `the row at seq ${row.seq} holds the record of seq ${claimed}: rows were moved (their seq changed)`,
        });
      }
    }
    const gaps = await readCheckpoints(pool);
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

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * The fast path of the read phase: a body that hashes to the hash it ends with is a record exactly as the journal
 * sealed it (canonical JSON, keys sorted), so its top-level `seq` and `prev_hash` are the last occurrences of those
 * keys (no key sorted after them nests one; a quote inside a string value is always escaped). Anything else (null)
 * takes the full parse.
 */
function sealedFields(body: string, hash: string): { seq: number; prev: string } | null {
  if (!HEX64.test(hash) || !sealedBytesMatch(body, hash)) return null;
  const p = body.lastIndexOf('"prev_hash":"');
  const q = body.lastIndexOf('"seq":');
  if (p < 0 || q < 0) return null;
  const prev = body.slice(p + 13, p + 77);
  const m = /^(\d+)[,}]/.exec(body.slice(q + 6, q + 30));
  if (!m || !HEX64.test(prev)) return null;
  return { seq: Number(m[1]), prev };
}
