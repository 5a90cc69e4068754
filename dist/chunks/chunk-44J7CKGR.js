function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  EXECUTION_STATUSES,
  INITIATOR_VIAS,
  TRIGGERS
} from "./chunk-G56DPNIV.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import {
  DEFINITION_ID
} from "./chunk-6O2CUPPL.js";

// src/executions/parse-instant.ts
function parseInstant(s) {
  const n = s.length;
  if (n < 20 || n > 30 || s.charCodeAt(n - 1) !== 90 || // Z
  s.charCodeAt(4) !== 45 || // -
  s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || // T
  s.charCodeAt(13) !== 58 || // :
  s.charCodeAt(16) !== 58)
    return Date.parse(s);
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  let ms = 0;
  if (n > 20) {
    if (s.charCodeAt(19) !== 46 || n === 21) return Date.parse(s);
    const fraction = digits(s, 20, n - 21);
    if (fraction < 0) return Date.parse(s);
    ms = n - 21 >= 3 ? digits(s, 20, 3) : fraction * (n - 21 === 1 ? 100 : 10);
  }
  if (year < 1e3 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return Date.parse(s);
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}
function digits(s, at, length) {
  let v = 0;
  for (let i = at; i < at + length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

// src/executions/parse-journal-line.ts
function parseJournalLine(line) {
  let value;
  try {
    value = JSON.parse(typeof line === "string" ? line : line.toString("utf8"));
  } catch {
    return null;
  }
  const startedMs = recordStart(value);
  if (startedMs === null) return null;
  const record = value;
  return { record, summary: summarize(record, startedMs) };
}
function* parseRecordLines(lines, afterSeq = 0, batch = 512) {
  let records = [];
  let at = 0;
  for (let nl = lines.indexOf(10); nl >= 0; nl = lines.indexOf(10, at)) {
    let value;
    try {
      value = JSON.parse(lines.toString("utf8", at, nl));
    } catch {
      value = null;
    }
    at = nl + 1;
    if (recordStart(value) !== null && value.seq > afterSeq) {
      if (records.push(value) >= batch) {
        yield records;
        records = [];
      }
    }
  }
  if (records.length > 0) yield records;
}
function recordStart(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const r = value;
  const startedMs = typeof r.started_at === "string" ? parseInstant(r.started_at) : NaN;
  if (typeof r.id !== "string" || typeof r.seq !== "number" || typeof r.hash !== "string" || typeof r.action_id !== "string" || typeof r.status !== "string" || typeof r.trigger !== "string" || Number.isNaN(startedMs) || typeof r.initiator?.user !== "string" || !Array.isArray(r.targets) || !r.targets.every((t) => typeof t === "string")) {
    return null;
  }
  return startedMs;
}
function summarize(record, startedMs = Date.parse(record.started_at)) {
  return {
    id: record.id,
    seq: record.seq,
    hash: record.hash,
    startedMs,
    status: record.status,
    trigger: record.trigger,
    action: record.action_id,
    user: record.initiator.user,
    targets: record.targets
  };
}

// src/state/pseudonym-vault.ts
import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
var VAULT_COLLECTION = "vault";
var emptyVault = () => ({ entries: {} });
var PSEUDONYM = /^(user|os)-[0-9a-f]{16}$/;
var keyOf = (identity, kind, linkedTo) => kind === "user" ? `user\0${identity.toLowerCase()}` : `os\0${(linkedTo ?? "").toLowerCase()}\0${identity}`;
async function openPseudonymVault(state, options = {}) {
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const make = options.makePseudonym ?? ((kind) => `${kind === "user" ? "user" : "os"}-${randomBytes(8).toString("hex")}`);
  const file = state.fileOf(VAULT_COLLECTION);
  let entries = {};
  let byKey = /* @__PURE__ */ new Map();
  let stamp = "";
  const stampOf = () => {
    const s = statSync(file, { throwIfNoEntry: false });
    return s ? `${s.ino}:${s.size}:${s.mtimeMs}` : "absent";
  };
  const adopt = (data) => {
    entries = data.entries;
    byKey = /* @__PURE__ */ new Map();
    for (const [pseudonym, e] of Object.entries(entries))
      byKey.set(keyOf(e.identity, e.kind, e.linked_to), pseudonym);
  };
  const reload = async () => {
    stamp = stampOf();
    adopt(await state.read(VAULT_COLLECTION, emptyVault));
  };
  await reload();
  return {
    lookup(identity, o = {}) {
      return byKey.get(keyOf(identity, o.kind ?? "user", o.linkedTo)) ?? null;
    },
    async pseudonymize(identity, o = {}) {
      const kind = o.kind ?? "user";
      const key = keyOf(identity, kind, o.linkedTo);
      const known = byKey.get(key);
      if (known) return known;
      const pseudonym = await state.update(VAULT_COLLECTION, emptyVault, (data) => {
        for (const [p2, e] of Object.entries(data.entries))
          if (keyOf(e.identity, e.kind, e.linked_to) === key) return p2;
        let p = make(kind);
        while (data.entries[p]) p = make(kind);
        const entry = {
          identity: kind === "user" ? identity.toLowerCase() : identity,
          kind,
          created_at: now().toISOString()
        };
        if (kind === "os_user" && o.linkedTo) entry.linked_to = o.linkedTo.toLowerCase();
        data.entries[p] = entry;
        return p;
      });
      await reload();
      return pseudonym;
    },
    resolve(stored) {
      const entry = entries[stored];
      return entry ? entry.identity : stored;
    },
    async forget(email) {
      const target = email.toLowerCase();
      const removed = await state.update(VAULT_COLLECTION, emptyVault, (data) => {
        const gone = [];
        for (const [p, e] of Object.entries(data.entries)) {
          if (e.kind === "user" && e.identity === target || e.linked_to === target) {
            delete data.entries[p];
            gone.push(p);
          }
        }
        return gone;
      });
      await reload();
      return removed;
    },
    async refreshIfChanged() {
      if (stampOf() !== stamp) await reload();
    }
  };
}

// src/executions/execution-id.ts
import { randomBytes as randomBytes2 } from "node:crypto";
var CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
var EXECUTION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
function newExecutionId(now, random = randomBytes2) {
  let time = now.getTime();
  let head = "";
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const bytes = random(10);
  let bits = 0;
  let value = 0;
  let tail = "";
  for (const byte of bytes) {
    value = value << 8 | byte;
    bits += 8;
    while (bits >= 5) {
      tail += CROCKFORD[value >>> bits - 5 & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return head + tail;
}

// src/executions/check-execution-input.ts
var ACTION_ID = DEFINITION_ID;
var ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
var CONTROL = new RegExp("\\p{Cc}", "u");
var isIso = (v) => typeof v === "string" && ISO.test(v) && !Number.isNaN(Date.parse(v));
function executionInputProblems(input) {
  const p = [];
  const i = input;
  if (typeof i.id !== "string" || !EXECUTION_ID.test(i.id)) p.push("id must be 1-64 letters, digits, _ or -");
  if (typeof i.action_id !== "string" || !ACTION_ID.test(i.action_id))
    p.push("action_id must be an action id");
  if (!TRIGGERS.includes(input.trigger)) p.push(`trigger must be one of ${TRIGGERS.join(", ")}`);
  if (!EXECUTION_STATUSES.includes(input.status))
    p.push(`status must be one of ${EXECUTION_STATUSES.join(", ")}`);
  if (!isIso(input.started_at)) p.push("started_at must be an ISO 8601 date-time");
  if (input.finished_at !== null && !isIso(input.finished_at)) p.push("finished_at must be null or ISO 8601");
  if (input.duration_ms !== null && !(typeof input.duration_ms === "number" && input.duration_ms >= 0)) {
    p.push("duration_ms must be null or a number >= 0");
  }
  if (input.exit_code !== null && !Number.isInteger(input.exit_code))
    p.push("exit_code must be null or an integer");
  const initiator = input.initiator;
  if (!initiator || typeof initiator.user !== "string" || initiator.user.trim() === "") {
    p.push("initiator.user must be a non-empty string");
  } else if (CONTROL.test(initiator.user)) {
    p.push("initiator.user must not contain control characters");
  }
  if (initiator && typeof initiator.os_user === "string" && CONTROL.test(initiator.os_user)) {
    p.push("initiator.os_user must not contain control characters");
  }
  if (initiator && !INITIATOR_VIAS.includes(initiator.via)) {
    p.push(`initiator.via must be one of ${INITIATOR_VIAS.join(", ")}`);
  }
  if (!Array.isArray(input.targets) || !input.targets.every((t) => typeof t === "string" && t.length > 0)) {
    p.push("targets must be an array of non-empty strings");
  } else if (input.targets.some((t) => CONTROL.test(t))) {
    p.push("targets must not contain control characters");
  }
  const params = input.parameters;
  if (params === null || typeof params !== "object" || Array.isArray(params)) {
    p.push("parameters must be an object");
  } else {
    for (const [name, v] of Object.entries(params)) {
      const scalar = typeof v === "string" || typeof v === "boolean" || typeof v === "number" && Number.isFinite(v);
      const redacted = v !== null && typeof v === "object" && v.redacted === true && !Array.isArray(v);
      if (!scalar && !redacted)
        p.push(`parameters.${name} must be a string, number, boolean or { "redacted": true }`);
    }
  }
  const d = input.definition;
  if (!d || typeof d !== "object" || typeof d.dirty !== "boolean")
    p.push("definition must be an object with dirty");
  return p;
}
function assertExecutionInput(input) {
  const problems = executionInputProblems(input);
  if (problems.length > 0) {
    throw new OpsledgerError("INPUT_INVALID", `execution record rejected: ${problems.join("; ")}`, {
      hint: "Records need the fields of docs/executions.md with their types; targets and user names hold no control characters (NUL, tab, newline, ESC, \u2026)."
    });
  }
}

// src/executions/pseudonymize-input.ts
function isStoredInput(input) {
  const { user, os_user: osUser } = input.initiator;
  return PSEUDONYM.test(user) && (osUser === void 0 || PSEUDONYM.test(osUser)) && (input.steps ?? []).every((s) => !s.decided_by || PSEUDONYM.test(s.decided_by.user)) && (!input.cancel_requested || PSEUDONYM.test(input.cancel_requested.user));
}
async function pseudonymizeInput(vault, input) {
  if (isStoredInput(input)) return input;
  const { user, os_user: osUser } = input.initiator;
  await vault.refreshIfChanged();
  const initiator = { ...input.initiator };
  if (!PSEUDONYM.test(user)) initiator.user = await vault.pseudonymize(user);
  if (osUser !== void 0 && !PSEUDONYM.test(osUser)) {
    const email = PSEUDONYM.test(user) ? vault.resolve(user) : user;
    initiator.os_user = await vault.pseudonymize(osUser, { kind: "os_user", linkedTo: email });
  }
  const steps = input.steps ? await Promise.all(
    input.steps.map(
      async (step) => step.decided_by && !PSEUDONYM.test(step.decided_by.user) ? {
        ...step,
        decided_by: { ...step.decided_by, user: await vault.pseudonymize(step.decided_by.user) }
      } : step
    )
  ) : void 0;
  const cancel = input.cancel_requested;
  const cancelRequested = cancel && !PSEUDONYM.test(cancel.user) ? { cancel_requested: { ...cancel, user: await vault.pseudonymize(cancel.user) } } : {};
  return { ...input, initiator, ...steps ? { steps } : {}, ...cancelRequested };
}

export {
  newExecutionId,
  parseInstant,
  parseJournalLine,
  parseRecordLines,
  summarize,
  VAULT_COLLECTION,
  PSEUDONYM,
  openPseudonymVault,
  assertExecutionInput,
  pseudonymizeInput
};
