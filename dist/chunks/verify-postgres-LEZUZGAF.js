import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  assertSchemaCurrent
} from "./chunk-4XVA3HRS.js";
import {
  readCheckpoints,
  streamRows
} from "./chunk-QCTYBKLQ.js";
import {
  createPool,
  databaseError
} from "./chunk-JMSCZSHR.js";
import "./chunk-DDF5DXL4.js";
import {
  LineCollector,
  verifyChain
} from "./chunk-ZYTS3B2F.js";
import {
  ANCHORS_REF,
  readAnchors
} from "./chunk-ZADHN2UJ.js";
import "./chunk-GJDZF65N.js";
import "./chunk-LCEW6A7X.js";
import {
  sealedBytesMatch
} from "./chunk-ALQRSEFI.js";
import "./chunk-ZXXAURYE.js";
import "./chunk-5HJ3J6EK.js";

// src/executions/postgres/verify-postgres.ts
var TABLE = "journal_records";
async function verifyPostgres(options) {
  const pool = createPool(options.url, 2);
  try {
    await assertSchemaCurrent(pool);
    const collector = new LineCollector();
    const seg = collector.startSegment(TABLE);
    const moved = [];
    let n = 0;
    for await (const row of streamRows(pool)) {
      n++;
      const sealed = sealedFields(row.body, row.hash);
      if (sealed) collector.addSealed(seg, n, sealed.seq, row.hash, sealed.prev);
      else collector.add(seg, n, row.body);
      const claimed = collector.lastSeq();
      if (Number.isFinite(claimed) && claimed !== Number(row.seq)) {
        moved.push({
          kind: "reordered",
          segment: TABLE,
          line: n,
          seq: claimed,
          message: `the row at seq ${row.seq} holds the record of seq ${claimed}: rows were moved (their seq changed)`
        });
      }
    }
    const gaps = await readCheckpoints(pool);
    const anchors = options.repo ? await readAnchors(options.repo, options.anchorsRef ?? ANCHORS_REF) : [];
    const report = verifyChain(collector.finish(), gaps, anchors, { placeOrder: false });
    const problems = [...report.problems, ...moved].sort(
      (a, b) => (a.line ?? Infinity) - (b.line ?? Infinity)
    );
    return { ...report, ok: problems.length === 0, problems, quarantined: [] };
  } catch (err) {
    throw databaseError(options.url, err);
  } finally {
    await pool.end().catch(() => void 0);
  }
}
var HEX64 = /^[0-9a-f]{64}$/;
function sealedFields(body, hash) {
  if (!HEX64.test(hash) || !sealedBytesMatch(body, hash)) return null;
  const p = body.lastIndexOf('"prev_hash":"');
  const q = body.lastIndexOf('"seq":');
  if (p < 0 || q < 0) return null;
  const prev = body.slice(p + 13, p + 77);
  const m = /^(\d+)[,}]/.exec(body.slice(q + 6, q + 30));
  if (!m || !HEX64.test(prev)) return null;
  return { seq: Number(m[1]), prev };
}
export {
  TABLE,
  verifyPostgres
};
