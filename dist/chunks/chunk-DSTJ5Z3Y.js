function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  openPgSession
} from "./chunk-YJZVNYMG.js";
import {
  alertsDir
} from "./chunk-RLKHWNUI.js";
import {
  writeFileDurably
} from "./chunk-VR7KHDFB.js";
import {
  acquireFlock
} from "./chunk-75FD6FCD.js";

// src/alerts/delivery-state.ts
import { mkdirSync as mkdirSync2 } from "node:fs";
import path2 from "node:path";

// src/alerts/delivery-store.ts
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { open, readFile } from "node:fs/promises";
import path from "node:path";
var DELIVERY_STATUSES = ["delivered", "retrying", "dead", "disabled"];
var EMPTY = { cursor: 0, pending: null, retries: [], disabled: null };
function deliveryId(webhook, eventId) {
  return `dlv_${createHash("sha256").update(`${webhook}\0${eventId}`).digest("hex").slice(0, 16)}`;
}
function deliveryPaths(dataDir) {
  const dir = alertsDir(dataDir);
  return {
    dir,
    log: path.join(dir, "deliveries.jsonl"),
    state: (id) => path.join(dir, "webhooks", `${id}.json`),
    lock: (id) => path.join(dir, "webhooks", `${id}.lock`)
  };
}
function readWebhookState(dataDir, id) {
  try {
    return {
      ...EMPTY,
      ...JSON.parse(readFileSync(deliveryPaths(dataDir).state(id), "utf8"))
    };
  } catch {
    return { ...EMPTY, retries: [] };
  }
}
async function writeWebhookState(dataDir, id, state) {
  const file = deliveryPaths(dataDir).state(id);
  mkdirSync(path.dirname(file), { recursive: true, mode: 448 });
  await writeFileDurably(file, JSON.stringify(state));
}
async function appendDeliveries(dataDir, records) {
  if (records.length === 0) return;
  const { dir, log } = deliveryPaths(dataDir);
  mkdirSync(dir, { recursive: true, mode: 448 });
  const handle = await open(log, "a", 384);
  try {
    await handle.appendFile(records.map((r) => JSON.stringify(r) + "\n").join(""));
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
async function readDeliveries(dataDir) {
  let text;
  try {
    text = await readFile(deliveryPaths(dataDir).log, "utf8");
  } catch (err) {
    if (err.code === "ENOENT") return [];
    throw err;
  }
  const latest = /* @__PURE__ */ new Map();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    try {
      const record = JSON.parse(line);
      latest.delete(record.delivery_id);
      latest.set(record.delivery_id, record);
    } catch {
    }
  }
  return [...latest.values()].reverse();
}

// src/alerts/delivery-state.ts
function fileDeliveryState(dataDir) {
  const paths = deliveryPaths(dataDir);
  return {
    async tryLock(webhook) {
      mkdirSync2(path2.join(paths.dir, "webhooks"), { recursive: true, mode: 448 });
      try {
        const release = await acquireFlock(paths.lock(webhook), { timeoutMs: 0, what: `webhook ${webhook}` });
        return () => Promise.resolve(release());
      } catch {
        return null;
      }
    },
    read: (webhook) => Promise.resolve(readWebhookState(dataDir, webhook)),
    write: (webhook, state) => writeWebhookState(dataDir, webhook, state),
    append: (records) => appendDeliveries(dataDir, records),
    deliveries: () => readDeliveries(dataDir)
  };
}

// src/alerts/render-delivery.ts
import { Webhook } from "standardwebhooks";
function renderDelivery(webhook, event, secret, now) {
  if (webhook.format === "slack") {
    return {
      body: JSON.stringify({ text: describeEvent(event) }),
      headers: { "content-type": "application/json" }
    };
  }
  const body = JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data });
  const headers = {
    "content-type": "application/json",
    "webhook-id": event.id,
    "webhook-timestamp": String(Math.floor(now.getTime() / 1e3))
  };
  if (secret !== void 0) {
    const signer = secret.startsWith("whsec_") ? new Webhook(secret) : new Webhook(secret, { format: "raw" });
    headers["webhook-signature"] = signer.sign(event.id, now, body);
  }
  return { body, headers };
}
function describeEvent(event) {
  const d = event.data;
  switch (event.type) {
    case "definition.changed": {
      const e = d.event;
      const pointers = (d.diff ?? []).map((x) => x.pointer);
      const user = e.user.email;
      return `opsledger: ${String(e.auditable_type)} ${String(e.auditable_id)} ${String(e.action)}d (v${String(e.version)}) by ${user} in ${String(e.commit).slice(0, 12)}${pointers.length ? `: ${pointers.join(", ")}` : ""}`;
    }
    case "definition.invalid":
      return `opsledger: invalid definition ${String(d.invalid.path)} in ${String(d.invalid.commit).slice(0, 12)}`;
    case "history.rewritten":
      return `opsledger: branch ${String(d.rewrite.branch)} was rewritten; ${String(d.rewrite.events_lost)} audit event(s) left its history`;
    case "execution.started":
    case "execution.finished": {
      const x = d.execution;
      return `opsledger: run ${String(x.id)} of ${String(x.action_id)} ${event.type === "execution.started" ? "started" : `finished: ${String(x.status)}`}`;
    }
    case "runbook_run.waiting":
      return `opsledger: runbook run ${String(d.runbook_run.id)} waits for step ${String(d.runbook_run.step_id)}`;
    case "journal.tampered":
      return `opsledger: the execution journal failed verification (${event.data.problems.length} problem(s))`;
    case "finding.opened":
      return `opsledger: finding ${String(d.finding.code)} on ${String(d.finding.subject)}: ${String(d.finding.message)}`;
    default:
      return `opsledger: ${String(event.type)}`;
  }
}

// src/alerts/pg-delivery-state.ts
var EMPTY2 = { cursor: 0, pending: null, retries: [], disabled: null };
var lockKey = `hashtextextended(current_schema() || '.opsledger.webhook.' || $1, 0)`;
function openPgDeliveryState(pool, url) {
  const sessions = /* @__PURE__ */ new Map();
  const sessionOf = (webhook) => {
    let s = sessions.get(webhook);
    if (!s) sessions.set(webhook, s = openPgSession(url));
    return s;
  };
  return {
    async tryLock(webhook) {
      const session = sessionOf(webhook);
      const got = await session.use(async (c) => {
        const res = await c.query(`SELECT pg_try_advisory_lock(${lockKey}) AS ok`, [
          webhook
        ]);
        return res.rows[0]?.ok === true;
      });
      if (!got) return null;
      return () => session.use((c) => c.query(`SELECT pg_advisory_unlock(${lockKey})`, [webhook])).then(
        () => void 0,
        () => void 0
      );
    },
    async read(webhook) {
      const res = await pool.query(
        "SELECT state FROM webhook_state WHERE webhook = $1",
        [webhook]
      );
      return { ...EMPTY2, retries: [], ...res.rows[0]?.state };
    },
    async write(webhook, state) {
      await pool.query(
        `INSERT INTO webhook_state (webhook, state) VALUES ($1, $2)
         ON CONFLICT (webhook) DO UPDATE SET state = EXCLUDED.state`,
        [webhook, JSON.stringify(state)]
      );
    },
    async append(records) {
      if (records.length === 0) return;
      await pool.query(
        `INSERT INTO webhook_deliveries (delivery_id, record)
         SELECT r->>'delivery_id', r FROM unnest($1::jsonb[]) AS r`,
        [records.map((r) => JSON.stringify(r))]
      );
    },
    async deliveries() {
      const res = await pool.query(
        `SELECT record FROM (SELECT DISTINCT ON (delivery_id) record, pos FROM webhook_deliveries
         ORDER BY delivery_id, pos DESC) latest ORDER BY pos DESC`
      );
      return res.rows.map((r) => r.record);
    },
    async close() {
      await Promise.all([...sessions.values()].map((s) => s.close()));
    }
  };
}

export {
  DELIVERY_STATUSES,
  deliveryId,
  readDeliveries,
  fileDeliveryState,
  renderDelivery,
  openPgDeliveryState
};
