import {
  matchGlob
} from "./chunk-QOFQ2H35.js";
import {
  canonicalJson
} from "./chunk-BPYPOP7L.js";
import {
  withFlock
} from "./chunk-E57XOVAZ.js";

// src/alerts/alert-event.ts
import { createHash, randomBytes } from "node:crypto";
function newEventId() {
  return `msg_${randomBytes(12).toString("hex")}`;
}
function stableEventId(...parts) {
  return `msg_${createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 24)}`;
}
function definitionChangedEvent(event, now) {
  const diff = event.action === "update" ? Object.entries(event.audited_changes).map(([pointer, pair]) => {
    const [from, to] = pair;
    return { pointer, from, to };
  }) : [];
  return {
    id: stableEventId("definition.changed", event.id),
    type: "definition.changed",
    timestamp: now.toISOString(),
    data: { event, diff }
  };
}
function definitionInvalidEvent(entry, now) {
  return {
    id: stableEventId("definition.invalid", entry.id),
    type: "definition.invalid",
    timestamp: now.toISOString(),
    data: { invalid: entry }
  };
}
function historyRewrittenEvent(rewrite, now) {
  const { events, ...summary } = rewrite;
  return {
    id: stableEventId("history.rewritten", rewrite.id),
    type: "history.rewritten",
    timestamp: now.toISOString(),
    data: { rewrite: { ...summary, lost_event_ids: events.map((e) => e.id) } }
  };
}
function executionEvent(record, now) {
  const type = record.status === "running" ? "execution.started" : "execution.finished";
  const { results, ...rest } = record;
  const execution = {
    ...rest,
    results: results?.map(({ stdout_tail: _o, stderr_tail: _e, ...r }) => r)
  };
  return {
    id: stableEventId(type, record.id, record.hash),
    type,
    timestamp: now.toISOString(),
    data: { execution, status: record.status }
  };
}
function journalTamperedEvent(report, now) {
  const key = report.problems.map((p) => `${p.kind}:${p.segment}:${p.line}:${p.seq}`).join("|");
  return {
    id: stableEventId("journal.tampered", key),
    type: "journal.tampered",
    timestamp: now.toISOString(),
    data: { records: report.records, problems: report.problems }
  };
}
function findingOpenedEvent(finding, now) {
  return {
    id: stableEventId("finding.opened", finding.code, finding.subject),
    type: "finding.opened",
    timestamp: now.toISOString(),
    data: { finding }
  };
}
function subjectOf(event) {
  const d = event.data;
  switch (event.type) {
    case "definition.changed": {
      const e = d.event;
      const pointers = e.action === "update" ? Object.keys(e.audited_changes) : [];
      return { kind: e.auditable_type, id: e.auditable_id, pointers };
    }
    case "definition.invalid": {
      const e = d.invalid;
      return { kind: e.auditable_type, ...e.auditable_id ? { id: e.auditable_id } : {} };
    }
    case "execution.started":
    case "execution.finished": {
      const x = d.execution;
      return { kind: "Action", id: x.action_id, status: x.status, trigger: x.trigger };
    }
    case "runbook_run.waiting": {
      const r = d.runbook_run;
      return { kind: "Runbook", id: r.runbook_id, status: "waiting" };
    }
    default:
      return {};
  }
}

// src/alerts/file-outbox.ts
import { createHash as createHash2 } from "node:crypto";
import { mkdirSync } from "node:fs";
import { open, stat } from "node:fs/promises";
import path from "node:path";
function alertsDir(dataDir) {
  return path.join(dataDir, "alerts");
}
var READ_CHUNK = 1 << 20;
function checksumEvent(event) {
  return createHash2("sha256").update(canonicalJson(event)).digest("hex").slice(0, 16);
}
function openFileOutbox(dataDir, onWarning = () => void 0) {
  const dir = alertsDir(dataDir);
  const file = path.join(dir, "outbox.jsonl");
  const lock = path.join(dir, "outbox.lock");
  const warned = /* @__PURE__ */ new Set();
  async function size() {
    try {
      return (await stat(file)).size;
    } catch (err) {
      if (err.code === "ENOENT") return 0;
      throw err;
    }
  }
  async function read(offset, limit) {
    const entries = [];
    let handle;
    try {
      handle = await open(file, "r");
    } catch (err) {
      if (err.code === "ENOENT") return entries;
      throw err;
    }
    try {
      let pos = offset;
      let carry = Buffer.alloc(0);
      let carryAt = offset;
      while (entries.length < limit) {
        const buf = Buffer.alloc(READ_CHUNK);
        const { bytesRead } = await handle.read(buf, 0, READ_CHUNK, pos);
        if (bytesRead === 0) break;
        pos += bytesRead;
        let data = Buffer.concat([carry, buf.subarray(0, bytesRead)]);
        let start = 0;
        for (let nl = data.indexOf(10, start); nl !== -1 && entries.length < limit; nl = data.indexOf(10, start)) {
          const lineAt = carryAt + start;
          const entry = parseLine(data.subarray(start, nl), lineAt, lineAt + nl - start + 1);
          if (entry) entries.push(entry);
          start = nl + 1;
        }
        carryAt += start;
        data = data.subarray(start);
        carry = data;
        if (entries.length >= limit) break;
      }
    } finally {
      await handle.close();
    }
    return entries;
  }
  function parseLine(line, offset, end) {
    try {
      const parsed = JSON.parse(line.toString("utf8"));
      if (parsed.sum === checksumEvent(parsed.event)) return { offset, end, event: parsed.event };
    } catch {
    }
    if (!warned.has(offset)) {
      warned.add(offset);
      onWarning(`the alerts outbox ${file} has a damaged line at byte ${offset}; it is skipped`);
    }
    return { offset, end, event: { id: "", type: "journal.tampered", timestamp: "", data: {} } };
  }
  return {
    size,
    read: async (offset, limit) => (await read(offset, limit)).filter((e) => e.event.id !== ""),
    async at(offset) {
      const [entry] = await read(offset, 1);
      return entry && entry.event.id !== "" ? entry : null;
    },
    async append(events) {
      if (events.length === 0) return;
      mkdirSync(dir, { recursive: true, mode: 448 });
      const text = events.map((event) => JSON.stringify({ event, sum: checksumEvent(event) }) + "\n").join("");
      await withFlock(lock, { what: "the alerts outbox", timeoutMs: 1e4 }, async () => {
        const handle = await open(file, "a+", 384);
        try {
          const { size: bytes } = await handle.stat();
          let prefix = "";
          if (bytes > 0) {
            const last = Buffer.alloc(1);
            await handle.read(last, 0, 1, bytes - 1);
            if (last[0] !== 10) prefix = "\n";
          }
          await handle.appendFile(prefix + text);
          await handle.datasync();
        } finally {
          await handle.close();
        }
      });
    }
  };
}

// src/alerts/match-webhook.ts
function matchWebhook(webhook, event) {
  if (!webhook.events.includes(event.type)) return false;
  const filter = webhook.filter;
  if (!filter) return true;
  const s = subjectOf(event);
  if (filter.type !== void 0 && s.kind !== void 0 && s.kind !== filter.type) return false;
  if (filter.id !== void 0 && s.id !== void 0 && !matchGlob(filter.id, s.id)) return false;
  if (filter.trigger !== void 0 && s.trigger !== void 0 && s.trigger !== filter.trigger) return false;
  if (filter.status !== void 0 && s.status !== void 0) {
    const wanted = Array.isArray(filter.status) ? filter.status : [filter.status];
    if (!wanted.includes(s.status)) return false;
  }
  if (filter.pointer !== void 0 && s.pointers !== void 0 && s.pointers.length > 0) {
    const prefix = filter.pointer;
    if (!s.pointers.some((p) => p === prefix || p.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`)))
      return false;
  }
  return true;
}

export {
  newEventId,
  stableEventId,
  definitionChangedEvent,
  definitionInvalidEvent,
  historyRewrittenEvent,
  executionEvent,
  journalTamperedEvent,
  findingOpenedEvent,
  matchWebhook,
  alertsDir,
  openFileOutbox
};
