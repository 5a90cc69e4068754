function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  alertsDir,
  linesBackwards,
  matchWebhook,
  openFileOutbox
} from "./chunk-RLKHWNUI.js";
import {
  definitionChangedEvent,
  definitionInvalidEvent,
  executionEvent,
  findingOpenedEvent,
  historyRewrittenEvent,
  stableEventId
} from "./chunk-J2KV253P.js";
import {
  parseJournalLine
} from "./chunk-44J7CKGR.js";
import {
  journalPaths,
  sortSegments
} from "./chunk-Q34KY2EY.js";
import {
  writeFileDurably
} from "./chunk-VR7KHDFB.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import {
  FileLockError,
  withFlock
} from "./chunk-75FD6FCD.js";

// src/alerts/alert-on-append.ts
import { createHash } from "node:crypto";
var EXECUTION_TYPES = ["execution.started", "execution.finished"];
function wantsExecutionEvents(webhooks) {
  return webhooks.some((w) => w.events.some((e) => EXECUTION_TYPES.includes(e)));
}
function fingerprint(webhooks) {
  const wanting = webhooks.filter((w) => w.events.some((e) => EXECUTION_TYPES.includes(e))).map((w) => `${w.id}:${[...w.events].sort().join(",")}`).sort();
  return createHash("sha256").update(wanting.join("\n")).digest("hex").slice(0, 16);
}
async function exclusive(outbox, fn) {
  let entered = false;
  try {
    return await outbox.exclusive((writer) => {
      entered = true;
      return fn(writer);
    });
  } catch (err) {
    if (entered || err instanceof OpsledgerError) throw err;
    if (err instanceof FileLockError && err.reason === "locked") {
      throw new OpsledgerError(
        "JOURNAL_LOCKED",
        `the alerts outbox is locked, so nothing was recorded: ${err.message}`,
        {
          cause: err
        }
      );
    }
    throw unavailable("cannot lock the alerts outbox, so nothing was recorded", err);
  }
}
function unavailable(what, err) {
  if (err instanceof OpsledgerError) return err;
  return new OpsledgerError("JOURNAL_UNAVAILABLE", `${what}: ${err.message}`, {
    cause: err,
    hint: 'Free space in the data dir (or make alerts/ writable), then retry. A record already in the journal gets its alert at the next append or when `opsledger serve` starts (docs/alerts.md, "Delivery").'
  });
}
function alertOnAppend(journal, options) {
  if (!wantsExecutionEvents(options.webhooks)) return journal;
  const print = fingerprint(options.webhooks);
  const eventsOf = (records) => records.map((r) => executionEvent(r, options.now())).filter((e) => options.webhooks.some((w) => matchWebhook(w, e)));
  const hooked = (append2) => exclusive(options.outbox, async (writer) => {
    let start;
    try {
      start = await startingMark(journal, writer, print);
    } catch (err) {
      throw unavailable("cannot write to the alerts outbox, so nothing was recorded", err);
    }
    const record = await append2();
    if (!record) return null;
    try {
      const owed = record.seq - 1 > start.mark.seq ? await options.recordsAfter(start.mark.seq) : [];
      const events = [
        ...eventsOf(owed.filter((r) => r.seq < record.seq)).filter((e) => !start.eventIdsAfter.has(e.id)),
        ...eventsOf([record])
      ];
      await writer.append(events, { seq: record.seq, hash: record.hash, webhooks: print });
    } catch (err) {
      throw Object.assign(
        unavailable(
          `run ${record.id} is recorded in the journal (seq ${record.seq}), but its alert could not be written to the alerts outbox`,
          err
        ),
        { recorded: record }
      );
    }
    options.onAppended?.();
    return record;
  });
  const append = journal.append.bind(journal);
  journal.append = async (input) => await hooked(() => append(input));
  const conditional = journal;
  if (typeof conditional.appendIf === "function") {
    const appendIf = conditional.appendIf.bind(journal);
    conditional.appendIf = (input, when) => hooked(() => appendIf(input, when));
  }
  return journal;
}
async function startingMark(journal, writer, print) {
  const last = await writer.lastMark();
  if (last && last.mark.webhooks === print) return last;
  await journal.refresh();
  const head = journal.head();
  const mark = { seq: head?.seq ?? 0, hash: head?.hash ?? "", webhooks: print };
  await writer.append([], mark);
  return { mark, eventIdsAfter: /* @__PURE__ */ new Set() };
}
async function levelOutbox(journal, options) {
  if (!wantsExecutionEvents(options.webhooks)) return 0;
  const print = fingerprint(options.webhooks);
  return exclusive(options.outbox, async (writer) => {
    const start = await startingMark(journal, writer, print);
    const owed = await options.recordsAfter(start.mark.seq);
    const last = owed[owed.length - 1];
    if (!last) return 0;
    const events = owed.map((r) => executionEvent(r, options.now())).filter((e) => options.webhooks.some((w) => matchWebhook(w, e)) && !start.eventIdsAfter.has(e.id));
    await writer.append(events, { seq: last.seq, hash: last.hash, webhooks: print });
    options.onAppended?.();
    return owed.length;
  });
}

// src/executions/read-records-after.ts
import { closeSync, fstatSync, openSync, readdirSync } from "node:fs";
import path from "node:path";
function readRecordsAfter(dataDir, afterSeq) {
  const { dir } = journalPaths(dataDir);
  let names;
  try {
    names = readdirSync(dir);
  } catch (err) {
    if (err.code === "ENOENT") return [];
    throw err;
  }
  const newestFirst = [];
  for (const seg of sortSegments(names).reverse()) {
    const fd = openSync(path.join(dir, seg.name), "r");
    try {
      for (const line of linesBackwards(fd, fstatSync(fd).size)) {
        const parsed = parseJournalLine(line);
        if (!parsed) continue;
        if (parsed.record.seq <= afterSeq) return newestFirst.reverse();
        newestFirst.push(parsed.record);
      }
    } finally {
      closeSync(fd);
    }
  }
  return newestFirst.reverse();
}
async function scanRecordsAfter(journal, afterSeq) {
  const records = [];
  for await (const record of journal.scan({ afterSeq })) records.push(record);
  return records;
}

// src/alerts/open-alerts.ts
import { mkdirSync, readFileSync } from "node:fs";
import path2 from "node:path";

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
  const write = async (events, once) => {
    const wanted = events.filter((e) => options.webhooks.some((w) => matchWebhook(w, e)));
    if (wanted.length === 0) return;
    try {
      if (once) await options.outbox().appendOnce(wanted);
      else await options.outbox().append(wanted);
    } catch (err) {
      throw new OpsledgerError(
        "JOURNAL_UNAVAILABLE",
        `cannot write ${wanted.map((e) => e.type).join(", ")} to the alerts outbox: ${err.message}`,
        {
          cause: err,
          hint: "Free space in the data dir (or make alerts/ writable); the events are told again next time."
        }
      );
    }
    options.onAppended?.();
  };
  return {
    emit: (events) => write(events, false),
    emitOnce: (events) => write(events, true)
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
  if (cursor === null) return { events: [], cursor: next };
  const told = new Set(cursor.rewrites);
  const rewritten = history.rewrites().filter((r) => !told.has(r.id)).map((r) => historyRewrittenEvent(r, now));
  if (cursor.tip === next.tip) return { events: rewritten, cursor: next };
  const at = cursor.tip === null ? -1 : commits.findIndex((c) => c.sha === cursor.tip);
  const fresh = at !== -1 || cursor.tip === null ? commits.slice(at + 1) : commits.filter((c) => cursor.tip_at === null || c.created_at > cursor.tip_at);
  const shas = new Set(fresh.map((c) => c.sha));
  const events = [
    ...rewritten,
    ...history.events().filter((e) => shas.has(e.commit)).map((e) => definitionChangedEvent(e, now)),
    ...history.invalid().filter((e) => shas.has(e.commit)).map((e) => definitionInvalidEvent(e, now))
  ];
  return { events, cursor: next };
}

// src/alerts/open-alerts.ts
function openAlerts(options) {
  let outbox = options.outbox ?? null;
  const getOutbox = () => outbox ??= openFileOutbox(options.dataDir, options.onWarning);
  const emitter = createAlertEmitter({
    outbox: getOutbox,
    webhooks: options.config.webhooks,
    ...options.onAppended ? { onAppended: options.onAppended } : {}
  });
  const dir = alertsDir(options.dataDir);
  const cursorFile = path2.join(dir, "history-cursor.json");
  const findingsFile = path2.join(dir, "findings-seen.json");
  return {
    emitter,
    outbox: getOutbox,
    journalAlerts: (recordsAfter) => ({
      outbox: getOutbox(),
      webhooks: options.config.webhooks,
      now: options.now,
      recordsAfter: recordsAfter ?? ((seq) => readRecordsAfter(options.dataDir, seq)),
      ...options.onAppended ? { onAppended: options.onAppended } : {}
    }),
    async emitFindingAlerts(groups) {
      if (!options.config.webhooks.some((w) => w.events.includes("finding.opened"))) return;
      mkdirSync(dir, { recursive: true, mode: 448 });
      await withFlock(path2.join(dir, "findings-seen.lock"), { what: "the finding alerts" }, async () => {
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
        path2.join(dir, "history-cursor.lock"),
        { what: "the history alerts cursor" },
        async () => {
          let cursor = null;
          try {
            cursor = JSON.parse(readFileSync(cursorFile, "utf8"));
          } catch {
            cursor = null;
          }
          const { events, cursor: next } = collectHistoryAlerts(history, cursor, options.now());
          await emitter.emitOnce(events);
          if (JSON.stringify(next) !== JSON.stringify(cursor))
            await writeFileDurably(cursorFile, JSON.stringify(next));
        }
      );
    }
  };
}

// src/executions/recorded-via.ts
function recordedVia(record) {
  return record.recorded_via ?? (record.initiator.via === "cli" ? "local" : "server");
}
function stampRecordedVia(journal, via) {
  const append = journal.append.bind(journal);
  journal.append = (input) => append({ ...input, recorded_via: input.recorded_via ?? via });
  const conditional = journal;
  if (typeof conditional.appendIf === "function") {
    const appendIf = conditional.appendIf.bind(journal);
    conditional.appendIf = (input, when) => appendIf({ ...input, recorded_via: input.recorded_via ?? via }, when);
  }
  return journal;
}

export {
  alertOnAppend,
  levelOutbox,
  scanRecordsAfter,
  openAlerts,
  recordedVia,
  stampRecordedVia
};
