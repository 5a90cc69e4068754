function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/alerts/alert-event.ts
import { createHash, randomBytes } from "node:crypto";
var ALERT_EVENT_TYPES = [
  "definition.changed",
  "definition.invalid",
  "history.rewritten",
  "execution.started",
  "execution.finished",
  "runbook_run.waiting",
  "journal.tampered",
  "finding.opened"
];
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

export {
  ALERT_EVENT_TYPES,
  newEventId,
  stableEventId,
  definitionChangedEvent,
  definitionInvalidEvent,
  historyRewrittenEvent,
  executionEvent,
  journalTamperedEvent,
  findingOpenedEvent,
  subjectOf
};
