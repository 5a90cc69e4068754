import {
  alertsDir,
  definitionChangedEvent,
  definitionInvalidEvent,
  executionEvent,
  findingOpenedEvent,
  historyRewrittenEvent,
  matchWebhook,
  openFileOutbox,
  stableEventId
} from "./chunk-H6W2RROV.js";
import {
  writeFileDurably
} from "./chunk-WFF4A6QU.js";
import {
  withFlock
} from "./chunk-E57XOVAZ.js";

// src/executions/present-execution.ts
function presentExecution(record, resolveUser, pseudonymize = false) {
  if (pseudonymize) return record;
  const { user, os_user: osUser } = record.initiator;
  const initiator = {
    ...record.initiator,
    user: resolveUser(user),
    pseudonym: user
  };
  if (osUser !== void 0) initiator.os_user = resolveUser(osUser);
  return { ...record, initiator };
}
function formatDuration(ms) {
  if (ms === null) return "-";
  if (ms < 1e3) return `${ms}ms`;
  if (ms < 6e4) return `${(ms / 1e3).toFixed(1)}s`;
  const m = Math.floor(ms / 6e4);
  const s = Math.round(ms % 6e4 / 1e3);
  return `${m}m${String(s).padStart(2, "0")}s`;
}

// src/alerts/alert-on-append.ts
function alertOnAppend(journal, emitter, now) {
  const append = journal.append.bind(journal);
  journal.append = async (input) => {
    const record = await append(input);
    await emitter.emit([executionEvent(record, now())]);
    return record;
  };
  const conditional = journal;
  if (typeof conditional.appendIf === "function") {
    const appendIf = conditional.appendIf.bind(journal);
    conditional.appendIf = async (input, when) => {
      const record = await appendIf(input, when);
      if (record) await emitter.emit([executionEvent(record, now())]);
      return record;
    };
  }
  return journal;
}

// src/alerts/open-alerts.ts
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

// src/alerts/collect-finding-alerts.ts
function findingKey(f) {
  return stableEventId(f.kind, f.subject.type, f.subject.id ?? "", f.at, f.summary);
}
function collectFindingAlerts(groups, seen, now) {
  const known = new Set(seen ?? []);
  const events = [];
  for (const group of groups) {
    for (const f of group.items) {
      const key = findingKey(f);
      if (seen !== null && !known.has(key)) {
        events.push(
          findingOpenedEvent(
            {
              code: f.kind,
              subject: f.subject.id === null ? f.subject.type : `${f.subject.type}:${f.subject.id}`,
              message: f.summary,
              severity: f.severity,
              at: f.at,
              evidence: f.evidence
            },
            now
          )
        );
      }
      known.add(key);
    }
  }
  return { events, seen: [...known] };
}

// src/alerts/alert-emitter.ts
function createAlertEmitter(options) {
  return {
    async emit(events) {
      const wanted = events.filter((e) => options.webhooks.some((w) => matchWebhook(w, e)));
      if (wanted.length === 0) return;
      try {
        await options.outbox().append(wanted);
        options.onAppended?.();
      } catch (err) {
        options.onWarning(
          `cannot write ${wanted.map((e) => e.type).join(", ")} to the alerts outbox: ${err.message}`
        );
      }
    }
  };
}

// src/alerts/collect-history-alerts.ts
function collectHistoryAlerts(history, cursor, now) {
  const commits = history.commits();
  const last = commits[commits.length - 1];
  const next = {
    tip: history.tip(),
    tip_at: last?.created_at ?? null,
    rewrites: history.rewrites().map((r) => r.id)
  };
  if (cursor === null || cursor.tip === next.tip) {
    return { events: [], cursor: cursor === null ? next : { ...next, rewrites: cursor.rewrites } };
  }
  const at = cursor.tip === null ? -1 : commits.findIndex((c) => c.sha === cursor.tip);
  const fresh = at !== -1 || cursor.tip === null ? commits.slice(at + 1) : commits.filter((c) => cursor.tip_at === null || c.created_at > cursor.tip_at);
  const shas = new Set(fresh.map((c) => c.sha));
  const told = new Set(cursor.rewrites);
  const events = [
    ...history.rewrites().filter((r) => !told.has(r.id)).map((r) => historyRewrittenEvent(r, now)),
    ...history.events().filter((e) => shas.has(e.commit)).map((e) => definitionChangedEvent(e, now)),
    ...history.invalid().filter((e) => shas.has(e.commit)).map((e) => definitionInvalidEvent(e, now))
  ];
  return { events, cursor: next };
}

// src/alerts/open-alerts.ts
function openAlerts(options) {
  let outbox = null;
  const getOutbox = () => outbox ??= openFileOutbox(options.dataDir, options.onWarning);
  const emitter = createAlertEmitter({
    outbox: getOutbox,
    webhooks: options.config.webhooks,
    onWarning: options.onWarning,
    ...options.onAppended ? { onAppended: options.onAppended } : {}
  });
  const dir = alertsDir(options.dataDir);
  const cursorFile = path.join(dir, "history-cursor.json");
  const findingsFile = path.join(dir, "findings-seen.json");
  return {
    emitter,
    outbox: getOutbox,
    async emitFindingAlerts(groups) {
      if (!options.config.webhooks.some((w) => w.events.includes("finding.opened"))) return;
      mkdirSync(dir, { recursive: true, mode: 448 });
      await withFlock(path.join(dir, "findings-seen.lock"), { what: "the finding alerts" }, async () => {
        let seen = null;
        try {
          seen = JSON.parse(readFileSync(findingsFile, "utf8"));
        } catch {
          seen = null;
        }
        const next = collectFindingAlerts(groups, seen, options.now());
        await emitter.emit(next.events);
        await writeFileDurably(findingsFile, JSON.stringify(next.seen));
      });
    },
    async emitHistoryAlerts(history) {
      if (options.config.webhooks.length === 0) return;
      mkdirSync(dir, { recursive: true, mode: 448 });
      await withFlock(
        path.join(dir, "history-cursor.lock"),
        { what: "the history alerts cursor" },
        async () => {
          let cursor = null;
          try {
            cursor = JSON.parse(readFileSync(cursorFile, "utf8"));
          } catch {
            cursor = null;
          }
          const { events, cursor: next } = collectHistoryAlerts(history, cursor, options.now());
          await emitter.emit(events);
          if (JSON.stringify(next) !== JSON.stringify(cursor))
            await writeFileDurably(cursorFile, JSON.stringify(next));
        }
      );
    }
  };
}

export {
  presentExecution,
  formatDuration,
  alertOnAppend,
  openAlerts
};
