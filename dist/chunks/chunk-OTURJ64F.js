function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  REWRITES_FORMAT,
  appendRewrite
} from "./chunk-APAI45OA.js";
import {
  decodeDefinitionFile,
  generationDir,
  idsIn,
  readRecord,
  readTable
} from "./chunk-FBEO4PPA.js";
import {
  stableId
} from "./chunk-O7JP4MY6.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import {
  DEFINITION_KINDS
} from "./chunk-6O2CUPPL.js";

// src/history/record-rewrite.ts
function recordRewrite(historyDir, check) {
  const { previous, chain } = check;
  if (previous.tip === null || previous.branch !== check.branch) return null;
  if (previous.definitionsDir !== check.definitionsDir) return null;
  const kept = new Set(chain.map((c) => c.sha));
  if (kept.has(previous.tip)) return null;
  const { events, complete } = readLostEvents(historyDir, previous, kept);
  const newHead = chain.at(-1)?.sha ?? "";
  const record = {
    format: REWRITES_FORMAT,
    record: "history_rewritten",
    id: stableId(check.branch, previous.tip, newHead),
    branch: check.branch,
    old_head: previous.tip,
    new_head: newHead,
    detected_at: new Date(check.now()).toISOString(),
    events_lost: events.length,
    events,
    complete
  };
  try {
    appendRewrite(historyDir, record);
  } catch (cause) {
    throw new OpsledgerError(
      "STATE_UNAVAILABLE",
      `cannot record the rewrite of ${check.branch}: ${String(cause)}`,
      {
        cause,
        hint: "Check that <data-dir>/history is writable and has free space, then run the command again."
      }
    );
  }
  return record;
}
function readLostEvents(historyDir, meta, kept) {
  const genDir = generationDir(historyDir, meta.generation);
  const table = readTable(genDir, meta.seq);
  if (!table) return { events: [], complete: false };
  const lost = [];
  let complete = true;
  for (const kind of DEFINITION_KINDS) {
    for (const id of idsIn(table, kind)) {
      try {
        const text = readRecord(genDir, table, kind, id);
        if (text === null) continue;
        for (const e of decodeDefinitionFile(text).events) {
          if (e.seq <= meta.seq && !kept.has(e.event.commit)) lost.push(e);
        }
      } catch {
        complete = false;
      }
    }
  }
  lost.sort((a, b) => a.seq - b.seq || a.ord - b.ord);
  return { events: lost.map((e) => e.event), complete };
}

export {
  recordRewrite
};
