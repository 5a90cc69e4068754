function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  assertSchemaCurrent
} from "./chunk-I52HO53W.js";
import {
  readHead,
  streamRows
} from "./chunk-GNUWZPRQ.js";
import {
  LOCK_KEY_SQL,
  createPool,
  databaseError,
  queryRetried
} from "./chunk-N2NO6Y7I.js";
import "./chunk-QBPAMMMN.js";
import {
  PSEUDONYM,
  assertExecutionInput,
  parseJournalLine,
  pseudonymizeInput
} from "./chunk-44J7CKGR.js";
import "./chunk-G56DPNIV.js";
import {
  GENESIS_HASH,
  canonicalJson,
  sealRecord
} from "./chunk-XLWVCULI.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import "./chunk-6O2CUPPL.js";
import "./chunk-RAK6EWF2.js";

// src/executions/postgres/pg-append.ts
import { randomUUID } from "node:crypto";
var HEAD_SQL = `SELECT seq, hash FROM (
    (SELECT seq, hash FROM journal_records ORDER BY seq DESC, pos DESC LIMIT 1)
    UNION ALL
    (SELECT through_seq AS seq, last_hash AS hash FROM journal_checkpoints ORDER BY through_seq DESC LIMIT 1)
  ) h ORDER BY seq DESC LIMIT 1`;
var LOCK = LOCK_KEY_SQL("journal");
var WAIT = LOCK_KEY_SQL("journal.wait");
var ATTEMPTS = 3;
var LATEST_SQL = `SELECT r.body FROM journal_latest l JOIN journal_records r ON r.pos = l.pos WHERE l.id = $1`;
async function appendBatch(pool, batch) {
  if (batch.some((item) => item.when)) return appendDirectly(pool, batch);
  return appendStaged(
    pool,
    batch.map((item) => ({ token: randomUUID(), input: item.stored }))
  );
}
async function appendStaged(pool, staged) {
  const message = (client) => {
    const lit = (v) => client.escapeLiteral(v);
    const values = staged.map(({ token, input: r }) => {
      const [beforePrev, beforeSeq, afterSeq] = sealTemplate(r);
      return `(${lit(token)}::uuid, pg_backend_pid(), ${lit(r.id)}, ${lit(beforePrev)}, ${lit(beforeSeq)}, ${lit(afterSeq)}, ${lit(r.action_id)}, ${lit(r.status)}, ${lit(r.trigger)}, ${lit(r.initiator.user)}, ARRAY[${r.targets.map(lit).join(",")}]::text[], ${startedMs(r.started_at)}::bigint)`;
    });
    const tokens = `ARRAY[${staged.map((s) => lit(s.token)).join(",")}]::uuid[]`;
    return `BEGIN; SET LOCAL synchronous_commit = off;
      INSERT INTO journal_pending (token, backend_pid, id, before_prev, before_seq, after_seq, action_id, status,
        trigger, user_stored, targets, started_ms) VALUES ${values.join(",")}
        ON CONFLICT (token) DO UPDATE SET backend_pid = excluded.backend_pid;
      COMMIT;
      BEGIN; SET LOCAL synchronous_commit = on; SELECT journal_settle(${tokens}, ${LOCK}, ${WAIT});
      SELECT staged::text AS staged, body FROM journal_records
        WHERE id = ANY(ARRAY[${staged.map((s) => lit(s.input.id)).join(",")}]::text[]) AND staged = ANY(${tokens});
      COMMIT`;
  };
  let failure;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const client = await checkOut(pool);
    let broken;
    try {
      const res = await client.query(message(client));
      const rows = res[7]?.rows ?? [];
      const byToken = new Map(rows.map((r) => [r.staged, r.body]));
      const results = staged.map((s) => {
        const body = byToken.get(s.token);
        return body === void 0 ? null : parse(body);
      });
      if (results.every((r) => r !== null)) return { results, head: headOf(results) };
      throw new Error("a staged record was not chained");
    } catch (err) {
      broken = err;
      failure = err;
    } finally {
      client.release(broken);
    }
  }
  throw failure;
}
function sealTemplate(input) {
  const obj = input;
  const keys = Object.keys(obj).filter(
    (k) => k !== "seq" && k !== "prev_hash" && k !== "hash" && obj[k] !== void 0
  );
  const parts = ["{", "", ""];
  let at = 0;
  let first = true;
  for (const key of [...keys, "prev_hash", "seq"].sort()) {
    const sep = first ? "" : ",";
    first = false;
    if (key === "prev_hash") {
      parts[at] += `${sep}"prev_hash":"`;
      at = 1;
      parts[1] += '"';
    } else if (key === "seq") {
      parts[at] += `${sep}"seq":`;
      at = 2;
    } else {
      parts[at] += `${sep}${JSON.stringify(key)}:${canonicalJson(obj[key])}`;
    }
  }
  parts[2] += "}";
  return parts;
}
var NothingWritten = class extends Error {
  constructor(failure) {
    super("the append failed before its COMMIT");
    this.failure = failure;
  }
  failure;
};
async function appendDirectly(pool, batch) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withClient(pool, (client) => appendDirect(client, batch));
    } catch (err) {
      if (!(err instanceof NothingWritten)) throw err;
      if (attempt >= ATTEMPTS) throw err.failure;
    }
  }
}
async function appendDirect(client, batch) {
  const started = await client.query(
    `BEGIN; SET LOCAL synchronous_commit = on; SELECT pg_advisory_xact_lock(${LOCK}), pg_advisory_xact_lock(${WAIT});
     SELECT journal_chain_pending('{}'::uuid[]); ${HEAD_SQL}`
  ).catch((err) => {
    throw new NothingWritten(err);
  });
  let open = true;
  try {
    const top = started[4]?.rows[0];
    let head = top ? { seq: Number(top.seq), hash: top.hash } : null;
    const results = [];
    const rows = [];
    const written = /* @__PURE__ */ new Map();
    for (const item of batch) {
      if (item.when) {
        const latest = written.get(item.stored.id) ?? await latestOf(client, item.stored.id);
        if (!item.when(latest)) {
          results.push(null);
          continue;
        }
      }
      const { line } = sealRecord(item.stored, head ?? { seq: 0, hash: GENESIS_HASH });
      const body = line.slice(0, -1);
      const record = parse(body);
      rows.push({ record, body });
      written.set(record.id, record);
      results.push(record);
      head = { seq: record.seq, hash: record.hash };
    }
    if (rows.length > 0) await insertAndCommit(client, rows);
    else await client.query("COMMIT");
    open = false;
    return { results, head };
  } finally {
    if (open) await client.query("ROLLBACK").catch(() => void 0);
  }
}
async function latestOf(client, id) {
  const res = await client.query(LATEST_SQL, [id]);
  const body = res.rows[0]?.body;
  return body === void 0 ? null : parseJournalLine(Buffer.from(body))?.record ?? null;
}
async function insertAndCommit(client, rows) {
  const lit = (v) => client.escapeLiteral(v);
  const latest = /* @__PURE__ */ new Map();
  for (const { record } of rows) latest.set(record.id, record);
  const values = rows.map(({ record: r, body }) => `(${r.seq}, ${lit(r.id)}, ${lit(r.hash)}, ${lit(body)})`).join(",");
  const states = [...latest.values()].map(
    (r) => `(${r.seq}::bigint, ${lit(r.id)}, ${lit(r.action_id)}, ${lit(r.status)}, ${lit(r.trigger)}, ${lit(r.initiator.user)}, ARRAY[${r.targets.map(lit).join(",")}]::text[], ${startedMs(r.started_at)}::bigint)`
  ).join(",");
  await client.query(
    `WITH ins AS (INSERT INTO journal_records (seq, id, hash, body) VALUES ${values} RETURNING pos, seq)
     INSERT INTO journal_latest (id, seq, pos, action_id, status, trigger, user_stored, targets, started_ms)
     SELECT v.id, v.seq, ins.pos, v.action_id, v.status, v.trigger, v.user_stored, v.targets, v.started_ms
     FROM (VALUES ${states}) AS v(seq, id, action_id, status, trigger, user_stored, targets, started_ms)
     JOIN ins ON ins.seq = v.seq
     ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, pos = excluded.pos, action_id = excluded.action_id,
       status = excluded.status, trigger = excluded.trigger, user_stored = excluded.user_stored,
       targets = excluded.targets, started_ms = excluded.started_ms;
     COMMIT`
  );
}
var heard = /* @__PURE__ */ new WeakSet();
async function checkOut(pool) {
  const client = await pool.connect();
  if (!heard.has(client)) {
    heard.add(client);
    client.on("error", () => void 0);
  }
  return client;
}
async function withClient(pool, fn) {
  const client = await checkOut(pool);
  let broken;
  try {
    return await fn(client);
  } catch (err) {
    broken = err;
    throw err;
  } finally {
    client.release(broken);
  }
}
function headOf(records) {
  let head = null;
  for (const r of records) if (r && (!head || r.seq > head.seq)) head = { seq: r.seq, hash: r.hash };
  return head;
}
function parse(body) {
  return JSON.parse(body);
}
function startedMs(startedAt) {
  const ms = Date.parse(startedAt);
  return Number.isNaN(ms) ? 0 : ms;
}

// src/executions/postgres/pg-queries.ts
function whereOf(query, storedUser) {
  const params = [];
  const conds = [];
  const add = (cond, value) => {
    params.push(value);
    conds.push(cond(`$${params.length}`));
  };
  const byTarget = query.target !== void 0;
  const k = byTarget ? "t" : "l";
  const values = [query.action, query.status, query.trigger, query.target, query.user];
  if (values.some((v) => typeof v === "string" && v.includes("\0"))) conds.push("false");
  else {
    if (query.target !== void 0) add((p) => `t.target = ${p}`, query.target);
    if (query.action !== void 0) add((p) => `${k}.action_id = ${p}`, query.action);
    if (query.status !== void 0) add((p) => `l.status = ${p}`, query.status);
    if (query.trigger !== void 0) add((p) => `l.trigger = ${p}`, query.trigger);
    if (query.user !== void 0) {
      if (storedUser === null) conds.push("false");
      else add((p) => `l.user_stored = ${p}`, storedUser);
    }
  }
  if (query.since !== void 0) add((p) => `${k}.started_ms >= ${p}`, Date.parse(query.since));
  if (query.until !== void 0) add((p) => `${k}.started_ms <= ${p}`, Date.parse(query.until));
  if (query.before) {
    params.push(Date.parse(query.before.started_at), query.before.id);
    conds.push(`(${k}.started_ms, ${k}.id) < ($${params.length - 1}, $${params.length})`);
  }
  return {
    // Whether a condition reads journal_latest (a count by target and action, say, need not join it).
    latestNeeded: !byTarget || conds.some((c) => c.includes("l.")),
    from: byTarget ? "journal_targets t JOIN journal_latest l ON l.id = t.id" : "journal_latest l",
    where: conds.length ? `WHERE ${conds.join(" AND ")}` : "",
    params,
    order: `${k}.started_ms DESC, ${k}.id DESC`
  };
}
function selectSql(query, storedUser) {
  const { from, where, params, order } = whereOf(query, storedUser);
  params.push(Math.min(query.limit ?? 100, Number.MAX_SAFE_INTEGER));
  return {
    text: `SELECT r.body FROM ${from} JOIN journal_records r ON r.pos = l.pos ${where}
           ORDER BY ${order} LIMIT $${params.length}`,
    values: params
  };
}
function countSql(query, storedUser) {
  const { from, where, params, latestNeeded } = whereOf(query, storedUser);
  const source = latestNeeded ? from : "journal_targets t";
  return { text: `SELECT count(*)::bigint AS n FROM ${source} ${where}`, values: params };
}

// src/executions/postgres/pg-vault.ts
import { randomBytes } from "node:crypto";
var keyOf = (identity, kind, linkedTo = "") => kind === "user" ? `user\0${identity.toLowerCase()}` : `os\0${linkedTo.toLowerCase()}\0${identity}`;
async function openPgVault(pool, now = () => /* @__PURE__ */ new Date()) {
  let byPseudonym = /* @__PURE__ */ new Map();
  let byKey = /* @__PURE__ */ new Map();
  const reload = async () => {
    const res = await queryRetried(
      pool,
      "SELECT pseudonym, identity, kind, linked_to FROM pseudonym_vault"
    );
    byPseudonym = new Map(res.rows.map((r) => [r.pseudonym, r]));
    byKey = new Map(res.rows.map((r) => [keyOf(r.identity, r.kind, r.linked_to), r.pseudonym]));
  };
  await reload();
  return {
    lookup(identity, o = {}) {
      return byKey.get(keyOf(identity, o.kind ?? "user", o.linkedTo)) ?? null;
    },
    async pseudonymize(identity, o = {}) {
      const kind = o.kind ?? "user";
      const known = byKey.get(keyOf(identity, kind, o.linkedTo));
      if (known) return known;
      const stored = kind === "user" ? identity.toLowerCase() : identity;
      const linked = kind === "os_user" ? (o.linkedTo ?? "").toLowerCase() : "";
      const pseudonym = `${kind === "user" ? "user" : "os"}-${randomBytes(8).toString("hex")}`;
      await pool.query(
        `INSERT INTO pseudonym_vault (pseudonym, identity, kind, linked_to, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind, identity, linked_to) DO NOTHING`,
        [pseudonym, stored, kind, linked, now().toISOString()]
      );
      const res = await pool.query(
        "SELECT pseudonym FROM pseudonym_vault WHERE kind = $1 AND identity = $2 AND linked_to = $3",
        [kind, stored, linked]
      );
      await reload();
      return res.rows[0].pseudonym;
    },
    resolve(stored) {
      return byPseudonym.get(stored)?.identity ?? stored;
    },
    async forget(email) {
      const target = email.toLowerCase();
      const res = await pool.query(
        `DELETE FROM pseudonym_vault WHERE (kind = 'user' AND identity = $1) OR linked_to = $1 RETURNING pseudonym`,
        [target]
      );
      await reload();
      return res.rows.map((r) => r.pseudonym).sort();
    },
    refreshIfChanged: reload
  };
}

// src/executions/postgres/open-postgres-journal.ts
async function openPostgresJournal(options) {
  const pool = createPool(options.url, options.poolSize ?? 4);
  try {
    await assertSchemaCurrent(pool);
    const vault = await openPgVault(pool, options.now);
    const journal = new PgJournal(options, pool, vault);
    await journal.refresh();
    return journal;
  } catch (err) {
    await pool.end().catch(() => void 0);
    throw databaseError(options.url, err);
  }
}
var PgJournal = class {
  constructor(options, pool, vault) {
    this.options = options;
    this.pool = pool;
    this.vault = vault;
    this.url = options.url;
  }
  options;
  pool;
  vault;
  backend = "postgres";
  url;
  headNow = null;
  base = 0;
  pending = [];
  draining = null;
  drainRunning = false;
  closed = false;
  append(input) {
    return this.enqueue(input);
  }
  appendIf(input, when) {
    return this.enqueue(input, when);
  }
  async query(query) {
    const res = await this.run(selectSql(query, this.storedUser(query.user)));
    return res.rows.map((r) => parse2(r.body));
  }
  async count(query) {
    const res = await this.run(countSql(query, this.storedUser(query.user)));
    return Number(res.rows[0]?.n ?? 0);
  }
  async get(id) {
    const res = await this.run({
      text: "SELECT r.body FROM journal_latest l JOIN journal_records r ON r.pos = l.pos WHERE l.id = $1",
      values: [id]
    });
    const body = res.rows[0]?.body;
    return body === void 0 ? null : parse2(body);
  }
  async records(id) {
    const res = await this.run({
      text: "SELECT body FROM journal_records WHERE id = $1 ORDER BY seq, pos",
      values: [id]
    });
    return res.rows.map((r) => parse2(r.body));
  }
  async *scan(options = {}) {
    for await (const row of streamRows(this.pool, 5e3, options.afterSeq ?? 0)) {
      const parsed = parseJournalLine(Buffer.from(row.body));
      if (parsed) yield parsed.record;
    }
  }
  async refresh() {
    try {
      await this.vault.refreshIfChanged();
      const { head, base } = await readHead(this.pool);
      this.headNow = head;
      this.base = base;
    } catch (err) {
      throw databaseError(this.url, err);
    }
  }
  head() {
    return this.headNow;
  }
  recordCount() {
    return Math.max(0, (this.headNow?.seq ?? 0) - this.base);
  }
  resolveUser(stored) {
    return this.vault.resolve(stored);
  }
  async close() {
    if (this.closed) return;
    this.closed = true;
    await this.draining;
    await this.pool.end();
  }
  enqueue(input, when) {
    if (this.closed) return Promise.reject(new OpsledgerError("INTERNAL", "the journal is closed"));
    return new Promise((resolve, reject) => {
      try {
        assertExecutionInput(input);
      } catch (err) {
        reject(err);
        return;
      }
      this.pending.push({ stored: input, ...when ? { when } : {}, resolve, reject });
      if (!this.drainRunning) {
        this.drainRunning = true;
        this.draining = this.drain();
      }
    });
  }
  /** Commit what is queued, a batch per transaction, in queue order (so one process's appends keep their order). */
  async drain() {
    for (; ; ) {
      if (this.pending.length === 0) {
        this.drainRunning = false;
        return;
      }
      const batch = this.pending.splice(0, this.options.maxBatch ?? 64);
      try {
        for (const item of batch) item.stored = await pseudonymizeInput(this.vault, item.stored);
        const { results, head } = await appendBatch(this.pool, batch);
        if (head && head.seq > (this.headNow?.seq ?? 0)) this.headNow = head;
        batch.forEach((item, i) => item.resolve(results[i] ?? null));
      } catch (err) {
        const error = err instanceof OpsledgerError ? err : new OpsledgerError(
          "JOURNAL_UNAVAILABLE",
          `cannot append to the PostgreSQL journal: ${err.message}`,
          { cause: err, hint: "Check that PostgreSQL is up and reachable, then retry." }
        );
        for (const item of batch) item.reject(error);
      }
    }
  }
  async run(q) {
    try {
      return await queryRetried(this.pool, q.text, q.values);
    } catch (err) {
      throw databaseError(this.url, err);
    }
  }
  storedUser(user) {
    if (user === void 0) return void 0;
    return PSEUDONYM.test(user) ? user : this.vault.lookup(user) ?? user;
  }
};
function parse2(body) {
  return JSON.parse(body);
}
export {
  openPostgresJournal
};
