import {
  alertsDir
} from "./chunk-H6W2RROV.js";
import {
  writeFileDurably
} from "./chunk-WFF4A6QU.js";

// src/alerts/delivery-store.ts
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { open, readFile } from "node:fs/promises";
import path from "node:path";
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

export {
  deliveryId,
  deliveryPaths,
  readWebhookState,
  writeWebhookState,
  appendDeliveries,
  readDeliveries,
  renderDelivery
};
