import { readAnchors, ANCHORS_REF } from '../anchors.js';
import { LineCollector } from '../collect-lines.js';
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
      collector.add(seg, n, row.body);
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
