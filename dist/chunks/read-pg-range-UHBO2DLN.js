function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  streamRows
} from "./chunk-GNUWZPRQ.js";
import {
  createPool,
  databaseError
} from "./chunk-N2NO6Y7I.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-RAK6EWF2.js";

// src/export/read-pg-range.ts
async function readPgJournalRange(url, afterSeq) {
  const pool = createPool(url, 1);
  try {
    const lines = [];
    let first = null;
    let last = null;
    for await (const row of streamRows(pool, 5e3, afterSeq)) {
      lines.push(`${row.body}
`);
      first ??= { seq: Number(row.seq), prev_hash: prevHashOf(row.body) };
      last = { seq: Number(row.seq), hash: row.hash };
    }
    if (first === null || last === null) return null;
    return {
      text: lines.join(""),
      records: lines.length,
      first_seq: first.seq,
      last_seq: last.seq,
      prev_hash: first.prev_hash,
      head_hash: last.hash
    };
  } catch (err) {
    throw databaseError(url, err);
  } finally {
    await pool.end().catch(() => void 0);
  }
}
function prevHashOf(body) {
  try {
    const value = JSON.parse(body);
    return String(value.prev_hash);
  } catch {
    return "undefined";
  }
}
export {
  readPgJournalRange
};
