function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/executions/postgres/pg-rows.ts
async function readHead(pool) {
  const res = await pool.query(
    `SELECT r.seq, r.hash, c.through_seq AS base, c.last_hash FROM
       (SELECT 1) one
       LEFT JOIN LATERAL (SELECT seq, hash FROM journal_records ORDER BY seq DESC, pos DESC LIMIT 1) r ON true
       LEFT JOIN LATERAL (SELECT through_seq, last_hash FROM journal_checkpoints ORDER BY through_seq DESC LIMIT 1) c
         ON true`
  );
  const row = res.rows[0];
  const base = row.base === null ? 0 : Number(row.base);
  if (row.seq !== null && Number(row.seq) >= base)
    return { head: { seq: Number(row.seq), hash: row.hash }, base };
  return { head: row.base === null ? null : { seq: base, hash: row.last_hash }, base };
}
async function readCheckpoints(db) {
  const res = await db.query(
    "SELECT from_seq, through_seq, last_hash, purged_at, reason FROM journal_checkpoints ORDER BY through_seq"
  );
  return res.rows.map((r) => ({
    from_seq: Number(r.from_seq),
    through_seq: Number(r.through_seq),
    last_hash: r.last_hash,
    purged_at: r.purged_at,
    reason: r.reason,
    records: Number(r.through_seq) - Number(r.from_seq) + 1
  }));
}
async function* streamRows(pool, batch = 5e3, afterSeq = 0) {
  const after = Number.isSafeInteger(afterSeq) && afterSeq > 0 ? afterSeq : 0;
  const client = await pool.connect();
  let open = false;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    open = true;
    await client.query(
      `DECLARE journal_rows NO SCROLL CURSOR FOR SELECT pos, seq, hash, body FROM journal_records${after > 0 ? ` WHERE seq > ${after}` : ""} ORDER BY seq, pos`
    );
    for (; ; ) {
      const res = await client.query(`FETCH ${batch} FROM journal_rows`);
      for (const row of res.rows) yield row;
      if (res.rows.length < batch) break;
    }
    await client.query("COMMIT");
    open = false;
  } finally {
    if (open) await client.query("ROLLBACK").catch(() => void 0);
    client.release();
  }
}

export {
  readHead,
  readCheckpoints,
  streamRows
};
