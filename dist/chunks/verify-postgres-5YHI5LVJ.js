function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  assertSchemaCurrent
} from "./chunk-I52HO53W.js";
import {
  readCheckpoints
} from "./chunk-GNUWZPRQ.js";
import {
  createPool,
  databaseError
} from "./chunk-N2NO6Y7I.js";
import "./chunk-QBPAMMMN.js";
import {
  LineCollector,
  verifyChain
} from "./chunk-VRQBZOCG.js";
import {
  ANCHORS_REF,
  readAnchors
} from "./chunk-GCS3STA7.js";
import "./chunk-GB75QTYU.js";
import "./chunk-AYTYQZ6H.js";
import "./chunk-XLWVCULI.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-RAK6EWF2.js";

// src/executions/postgres/verify-postgres.ts
import { hash as digest } from "node:crypto";
import pgCopy from "pg-copy-streams";

// src/executions/postgres/copy-binary.ts
var SIGNATURE = Buffer.from("PGCOPY\n\xFF\r\n\0", "latin1");
var CopyBinaryReader = class {
  constructor(onTuple) {
    this.onTuple = onTuple;
  }
  onTuple;
  rest = null;
  header = false;
  trailer = false;
  bounds = new Int32Array(8);
  push(chunk) {
    const buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    let off = 0;
    if (!this.header) {
      if (buf.length < 19) {
        this.rest = buf;
        return;
      }
      if (!buf.subarray(0, 11).equals(SIGNATURE)) throw new Error("not a binary COPY stream");
      off = 19 + buf.readUInt32BE(15);
      this.header = true;
    }
    const size = buf.length;
    while (!this.trailer && size - off >= 2) {
      const count = buf.readInt16BE(off);
      if (count === -1) {
        this.trailer = true;
        off += 2;
        break;
      }
      if (this.bounds.length < 2 * count) this.bounds = new Int32Array(2 * count);
      const bounds = this.bounds;
      let p = off + 2;
      let f = 0;
      for (; f < count && size - p >= 4; f++) {
        const len = buf.readInt32BE(p);
        p += 4;
        if (len === -1) {
          bounds[2 * f] = bounds[2 * f + 1] = -1;
          continue;
        }
        if (size - p < len) break;
        bounds[2 * f] = p;
        bounds[2 * f + 1] = p += len;
      }
      if (f < count) break;
      this.onTuple(buf, bounds, count);
      off = p;
    }
    this.rest = off < size ? buf.subarray(off) : null;
  }
  /** Throws when the stream stopped before its trailer (a cut-off read must not pass for a short journal). */
  end() {
    if (!this.trailer || this.rest) throw new Error("the COPY stream ended before its trailer");
  }
};

// src/executions/postgres/verify-postgres.ts
var TABLE = "journal_records";
var ROWS_SQL = `COPY (SELECT seq, hash, body FROM ${TABLE} ORDER BY seq, pos) TO STDOUT (FORMAT binary)`;
async function verifyPostgres(options) {
  const pool = createPool(options.url, 1);
  try {
    await assertSchemaCurrent(pool);
    const collector = new LineCollector();
    const seg = collector.startSegment(TABLE);
    const moved = [];
    let n = 0;
    const reader = new CopyBinaryReader((buf, b) => {
      n++;
      const rowSeq = Number(buf.readBigInt64BE(b[0]));
      const hash = buf.toString("latin1", b[2], b[3]);
      const sealed = sealedFields(buf, b[4], b[5], b[2], hash);
      if (sealed) collector.addSealed(seg, n, sealed.seq, hash, sealed.prev);
      else collector.add(seg, n, buf.subarray(b[4], b[5]));
      const claimed = collector.lastSeq();
      if (Number.isFinite(claimed) && claimed !== rowSeq) {
        moved.push({
          kind: "reordered",
          segment: TABLE,
          line: n,
          seq: claimed,
          message: `the row at seq ${rowSeq} holds the record of seq ${claimed}: rows were moved (their seq changed)`
        });
      }
    });
    const client = await pool.connect();
    let gaps;
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      for await (const chunk of client.query(pgCopy.to(ROWS_SQL))) reader.push(chunk);
      reader.end();
      gaps = await readCheckpoints(client);
      await client.query("COMMIT");
    } finally {
      client.release(true);
    }
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
var HASH_OPEN = Buffer.from(',"hash":"');
var HASH_CLOSE = Buffer.from('"}');
var SUFFIX_LENGTH = 75;
var PREV_KEY = Buffer.from('"prev_hash":"');
var SEQ_KEY = Buffer.from('"seq":');
var CLOSE_BRACE = 125;
function sealedFields(buf, start, stop, hashAt, rowHash) {
  const end = stop - SUFFIX_LENGTH;
  if (end <= start || buf.compare(HASH_OPEN, 0, 9, end, end + 9) !== 0 || buf.compare(buf, hashAt, hashAt + 64, end + 9, end + 73) !== 0 || buf.compare(HASH_CLOSE, 0, 2, end + 73, stop) !== 0) {
    return null;
  }
  const comma = buf[end];
  buf[end] = CLOSE_BRACE;
  const hash = digest("sha256", buf.subarray(start, end + 1), "hex");
  buf[end] = comma;
  if (rowHash !== hash) return null;
  const q = buf.lastIndexOf(SEQ_KEY, end);
  const p = q < start ? -1 : buf.lastIndexOf(PREV_KEY, q);
  if (p < start || p + 77 > end || !isLowerHex(buf, p + 13, p + 77)) return null;
  let seq = 0;
  let i = q + 6;
  for (; i < end && i < q + 22 && buf[i] >= 48 && buf[i] <= 57; i++) seq = seq * 10 + buf[i] - 48;
  const after = buf[i];
  if (i === q + 6 || after !== 44 && after !== CLOSE_BRACE) return null;
  const prev = buf.toString("latin1", p + 13, p + 77);
  return { seq, prev };
}
function isLowerHex(buf, from, to) {
  for (let i = from; i < to; i++) {
    const c = buf[i];
    if (!(c >= 48 && c <= 57 || c >= 97 && c <= 102)) return false;
  }
  return true;
}
export {
  TABLE,
  verifyPostgres
};
