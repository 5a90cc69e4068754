import {
  DEFINITION_ID
} from "./chunk-P4CNIMT5.js";
import {
  RETENTION_COLLECTION,
  chainBase,
  emptyRetention,
  iterateLines,
  scanLines
} from "./chunk-BU7YX4F2.js";
import {
  GENESIS_HASH,
  journalPaths,
  needsRollover,
  nextSegmentName,
  sealRecord,
  sealedBytesMatch,
  sortSegments
} from "./chunk-73BB7N5C.js";
import {
  openState
} from "./chunk-VJ2VJCG2.js";
import {
  fsyncDir
} from "./chunk-WFF4A6QU.js";
import {
  OpsledgerError
} from "./chunk-VDHVSJ3T.js";
import {
  FileFlock,
  FileLockError
} from "./chunk-E57XOVAZ.js";

// src/executions/open-journal.ts
import {
  closeSync as closeSync3,
  fchmodSync,
  fdatasyncSync,
  fstatSync as fstatSync2,
  fsyncSync as fsyncSync2,
  ftruncateSync as ftruncateSync2,
  mkdirSync as mkdirSync2,
  openSync as openSync3,
  readSync as readSync3,
  readdirSync,
  statSync as statSync3,
  writeSync as writeSync2
} from "node:fs";
import path3 from "node:path";

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

// src/executions/journal-index.ts
var STATUS_CODES = [
  "running",
  "succeeded",
  "failed",
  "timed_out",
  "cancelled",
  "denied",
  "abandoned",
  // Added by docs/runbooks.md and docs/schedules.md: new codes go at the end (snapshots store the code).
  "waiting",
  "missed",
  "skipped"
];
var TRIGGER_CODES = ["manual", "api", "schedule", "runbook", "external"];
var UNKNOWN = 255;
var StringTable = class {
  values = [];
  codes = /* @__PURE__ */ new Map();
  constructor(values = []) {
    for (const v of values) this.intern(v);
  }
  intern(value) {
    let code = this.codes.get(value);
    if (code === void 0) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }
  code(value) {
    return this.codes.get(value) ?? -1;
  }
};
var SortedList = class {
  items;
  length = 0;
  constructor(capacity = 16) {
    this.items = new Int32Array(capacity);
  }
  ensure(n) {
    if (n <= this.items.length) return;
    const next = new Int32Array(Math.max(n, this.items.length * 2));
    next.set(this.items.subarray(0, this.length));
    this.items = next;
  }
  insertAt(pos, value) {
    this.ensure(this.length + 1);
    if (pos < this.length) this.items.copyWithin(pos + 1, pos, this.length);
    this.items[pos] = value;
    this.length++;
  }
  removeValue(value) {
    const pos = this.items.subarray(0, this.length).indexOf(value);
    if (pos < 0) return;
    this.items.copyWithin(pos, pos + 1, this.length);
    this.length--;
  }
};
function grow(arr, need) {
  if (need <= arr.length) return arr;
  const Ctor = arr.constructor;
  const next = new Ctor(Math.max(need, arr.length * 2, 1024));
  next.set(arr);
  return next;
}
var JournalIndex = class _JournalIndex {
  n = 0;
  ids = [];
  idMap = null;
  started = new Float64Array(0);
  status = new Uint8Array(0);
  trigger = new Uint8Array(0);
  action = new Uint32Array(0);
  user = new Uint32Array(0);
  tgtStart = new Uint32Array(0);
  tgtLen = new Uint16Array(0);
  tgtPool = new Uint32Array(0);
  tgtPoolLen = 0;
  recCount = new Uint16Array(0);
  firstSeg = new Uint16Array(0);
  firstOff = new Float64Array(0);
  firstLen = new Uint32Array(0);
  lastSeg = new Uint16Array(0);
  lastOff = new Float64Array(0);
  lastLen = new Uint32Array(0);
  extra = /* @__PURE__ */ new Map();
  order = new SortedList(1024);
  byAction = /* @__PURE__ */ new Map();
  actions = new StringTable();
  users = new StringTable();
  targets = new StringTable();
  /** Number of executions. */
  get size() {
    return this.n;
  }
  /** Fold one record into the index (records must come in journal order). */
  add(r, loc) {
    const existing = this.lookup(r.id);
    const action = this.actions.intern(r.action);
    const user = this.users.intern(r.user);
    const statusCode = STATUS_CODES.indexOf(r.status);
    const triggerCode = TRIGGER_CODES.indexOf(r.trigger);
    if (existing < 0) {
      const e2 = this.n++;
      this.reserve(this.n);
      this.ids.push(r.id);
      this.idMap?.set(r.id, e2);
      this.started[e2] = r.startedMs;
      this.action[e2] = action;
      this.recCount[e2] = 1;
      this.firstSeg[e2] = loc.segment;
      this.firstOff[e2] = loc.offset;
      this.firstLen[e2] = loc.length;
      this.setLatest(e2, r, loc, user, statusCode, triggerCode);
      this.insertOrdered(this.order, e2);
      this.insertOrdered(this.actionList(action), e2);
      return;
    }
    const e = existing;
    const count = this.recCount[e];
    if (count >= 2) {
      const all = this.extra.get(e) ?? [this.locationOf(e, "first"), this.locationOf(e, "last")];
      all.push(loc);
      this.extra.set(e, all);
    }
    this.recCount[e] = Math.min(count + 1, 65535);
    const moved = this.started[e] !== r.startedMs || this.action[e] !== action;
    if (moved) {
      this.order.removeValue(e);
      this.actionList(this.action[e]).removeValue(e);
      this.started[e] = r.startedMs;
      this.action[e] = action;
    }
    this.setLatest(e, r, loc, user, statusCode, triggerCode);
    if (moved) {
      this.insertOrdered(this.order, e);
      this.insertOrdered(this.actionList(action), e);
    }
  }
  /** The execution number of an id, or -1. Builds the id map on first use (not needed to answer most queries). */
  lookup(id) {
    if (!this.idMap) {
      this.idMap = /* @__PURE__ */ new Map();
      for (let e = 0; e < this.n; e++) this.idMap.set(this.ids[e], e);
    }
    return this.idMap.get(id) ?? -1;
  }
  idOf(e) {
    return this.ids[e];
  }
  latest(e) {
    return this.locationOf(e, "last");
  }
  /** Every record location of one execution, in journal order. */
  all(e) {
    const count = this.recCount[e];
    if (count === 1) return [this.locationOf(e, "last")];
    return this.extra.get(e) ?? [this.locationOf(e, "first"), this.locationOf(e, "last")];
  }
  /** Executions matching the query, newest first, at most `limit`. */
  query(q) {
    const out = [];
    if (q.limit <= 0) return out;
    if (q.action === -1 || q.user === -1 || q.target === -1 || q.status === -1 || q.trigger === -1)
      return out;
    const list = q.action === void 0 ? this.order : this.byAction.get(q.action);
    if (!list) return out;
    const items = list.items;
    let pos = list.length;
    if (q.untilMs !== void 0) pos = this.upperBound(list, q.untilMs);
    if (q.before) pos = Math.min(pos, this.lowerBound(list, q.before.startedMs, q.before.id));
    const since = q.sinceMs ?? -Infinity;
    for (let i = pos - 1; i >= 0; i--) {
      const e = items[i];
      if (this.started[e] < since) break;
      if (q.status !== void 0 && this.status[e] !== q.status) continue;
      if (q.user !== void 0 && this.user[e] !== q.user) continue;
      if (q.trigger !== void 0 && this.trigger[e] !== q.trigger) continue;
      if (q.target !== void 0 && !this.hasTarget(e, q.target)) continue;
      out.push(e);
      if (out.length >= q.limit) break;
    }
    return out;
  }
  /** A copy of the columns, trimmed to size, for a snapshot. */
  columns() {
    const n = this.n;
    return {
      count: n,
      ids: this.ids,
      actions: this.actions.values,
      users: this.users.values,
      targets: this.targets.values,
      started: this.started.subarray(0, n),
      status: this.status.subarray(0, n),
      trigger: this.trigger.subarray(0, n),
      action: this.action.subarray(0, n),
      user: this.user.subarray(0, n),
      tgtStart: this.tgtStart.subarray(0, n),
      tgtLen: this.tgtLen.subarray(0, n),
      tgtPool: this.tgtPool.subarray(0, this.tgtPoolLen),
      recCount: this.recCount.subarray(0, n),
      firstSeg: this.firstSeg.subarray(0, n),
      firstOff: this.firstOff.subarray(0, n),
      firstLen: this.firstLen.subarray(0, n),
      lastSeg: this.lastSeg.subarray(0, n),
      lastOff: this.lastOff.subarray(0, n),
      lastLen: this.lastLen.subarray(0, n),
      order: this.order.items.subarray(0, this.order.length),
      extra: [...this.extra.entries()]
    };
  }
  /** An index from snapshot columns (the arrays are adopted, not copied). */
  static fromColumns(c) {
    const index = new _JournalIndex();
    index.n = c.count;
    index.ids = c.ids;
    for (const v of c.actions) index.actions.intern(v);
    for (const v of c.users) index.users.intern(v);
    for (const v of c.targets) index.targets.intern(v);
    index.started = c.started;
    index.status = c.status;
    index.trigger = c.trigger;
    index.action = c.action;
    index.user = c.user;
    index.tgtStart = c.tgtStart;
    index.tgtLen = c.tgtLen;
    index.tgtPool = c.tgtPool;
    index.tgtPoolLen = c.tgtPool.length;
    index.recCount = c.recCount;
    index.firstSeg = c.firstSeg;
    index.firstOff = c.firstOff;
    index.firstLen = c.firstLen;
    index.lastSeg = c.lastSeg;
    index.lastOff = c.lastOff;
    index.lastLen = c.lastLen;
    index.extra = new Map(c.extra);
    index.order = new SortedList(0);
    index.order.items = c.order;
    index.order.length = c.order.length;
    for (let i = 0; i < c.order.length; i++) {
      const e = c.order[i];
      const list = index.actionList(c.action[e]);
      if (list.length === list.items.length) {
        const next = new Int32Array(list.items.length * 2);
        next.set(list.items);
        list.items = next;
      }
      list.items[list.length++] = e;
    }
    return index;
  }
  locationOf(e, which) {
    return which === "first" ? { segment: this.firstSeg[e], offset: this.firstOff[e], length: this.firstLen[e] } : { segment: this.lastSeg[e], offset: this.lastOff[e], length: this.lastLen[e] };
  }
  setLatest(e, r, loc, user, statusCode, triggerCode) {
    this.status[e] = statusCode < 0 ? UNKNOWN : statusCode;
    this.trigger[e] = triggerCode < 0 ? UNKNOWN : triggerCode;
    this.user[e] = user;
    this.lastSeg[e] = loc.segment;
    this.lastOff[e] = loc.offset;
    this.lastLen[e] = loc.length;
    const codes = r.targets.map((t) => this.targets.intern(t));
    if (this.recCount[e] > 1 && this.sameTargets(e, codes)) return;
    this.tgtPool = grow(this.tgtPool, this.tgtPoolLen + codes.length);
    this.tgtStart[e] = this.tgtPoolLen;
    this.tgtLen[e] = codes.length;
    for (const c of codes) this.tgtPool[this.tgtPoolLen++] = c;
  }
  sameTargets(e, codes) {
    if (this.tgtLen[e] !== codes.length) return false;
    const start = this.tgtStart[e];
    return codes.every((c, i) => this.tgtPool[start + i] === c);
  }
  hasTarget(e, code) {
    const start = this.tgtStart[e];
    const end = start + this.tgtLen[e];
    for (let i = start; i < end; i++) if (this.tgtPool[i] === code) return true;
    return false;
  }
  reserve(n) {
    this.started = grow(this.started, n);
    this.status = grow(this.status, n);
    this.trigger = grow(this.trigger, n);
    this.action = grow(this.action, n);
    this.user = grow(this.user, n);
    this.tgtStart = grow(this.tgtStart, n);
    this.tgtLen = grow(this.tgtLen, n);
    this.recCount = grow(this.recCount, n);
    this.firstSeg = grow(this.firstSeg, n);
    this.firstOff = grow(this.firstOff, n);
    this.firstLen = grow(this.firstLen, n);
    this.lastSeg = grow(this.lastSeg, n);
    this.lastOff = grow(this.lastOff, n);
    this.lastLen = grow(this.lastLen, n);
  }
  actionList(action) {
    let list = this.byAction.get(action);
    if (!list) {
      list = new SortedList();
      this.byAction.set(action, list);
    }
    return list;
  }
  /** (started, id) order; ids break ties so the order is the same on every rebuild. */
  compare(a, startedMs, id) {
    const s = this.started[a];
    if (s !== startedMs) return s < startedMs ? -1 : 1;
    const other = this.ids[a];
    return other < id ? -1 : other > id ? 1 : 0;
  }
  insertOrdered(list, e) {
    const startedMs = this.started[e];
    const id = this.ids[e];
    if (list.length === 0 || this.compare(list.items[list.length - 1], startedMs, id) <= 0) {
      list.insertAt(list.length, e);
      return;
    }
    list.insertAt(this.lowerBound(list, startedMs, id), e);
  }
  /** First position whose (started, id) is not below the key. */
  lowerBound(list, startedMs, id) {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (this.compare(list.items[mid], startedMs, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /** First position whose started is above `startedMs` (ties included below). */
  upperBound(list, startedMs) {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (this.started[list.items[mid]] <= startedMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
};
function toIndexQuery(index, q, storedUser) {
  const out = { limit: q.limit ?? 100 };
  if (q.action !== void 0) out.action = index.actions.code(q.action);
  if (q.user !== void 0) out.user = storedUser ? index.users.code(storedUser) : -1;
  if (q.target !== void 0) out.target = index.targets.code(q.target);
  if (q.status !== void 0) out.status = STATUS_CODES.indexOf(q.status);
  if (q.trigger !== void 0) out.trigger = TRIGGER_CODES.indexOf(q.trigger);
  if (q.since !== void 0) out.sinceMs = Date.parse(q.since);
  if (q.until !== void 0) out.untilMs = Date.parse(q.until);
  if (q.before) out.before = { startedMs: Date.parse(q.before.started_at), id: q.before.id };
  return out;
}

// src/executions/check-execution-input.ts
var ACTION_ID = DEFINITION_ID;
var ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
var isIso = (v) => typeof v === "string" && ISO.test(v) && !Number.isNaN(Date.parse(v));
function executionInputProblems(input) {
  const p = [];
  const i = input;
  if (typeof i.id !== "string" || !EXECUTION_ID.test(i.id)) p.push("id must be 1-64 letters, digits, _ or -");
  if (typeof i.action_id !== "string" || !ACTION_ID.test(i.action_id))
    p.push("action_id must be an action id");
  if (!TRIGGER_CODES.includes(input.trigger)) p.push(`trigger must be one of ${TRIGGER_CODES.join(", ")}`);
  if (!STATUS_CODES.includes(input.status)) p.push(`status must be one of ${STATUS_CODES.join(", ")}`);
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
  }
  if (initiator && !["cli", "api", "scheduler"].includes(initiator.via)) {
    p.push("initiator.via must be cli, api or scheduler");
  }
  if (!Array.isArray(input.targets) || !input.targets.every((t) => typeof t === "string" && t.length > 0)) {
    p.push("targets must be an array of non-empty strings");
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
      hint: "Records need the fields of docs/executions.md with their types."
    });
  }
}

// src/executions/index-snapshot.ts
import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

// src/executions/parse-journal-line.ts
function parseJournalLine(line) {
  let value;
  try {
    value = JSON.parse(typeof line === "string" ? line : line.toString("utf8"));
  } catch {
    return null;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const r = value;
  const startedMs = typeof r.started_at === "string" ? Date.parse(r.started_at) : NaN;
  if (typeof r.id !== "string" || typeof r.seq !== "number" || typeof r.hash !== "string" || typeof r.action_id !== "string" || typeof r.status !== "string" || typeof r.trigger !== "string" || Number.isNaN(startedMs) || typeof r.initiator?.user !== "string" || !Array.isArray(r.targets) || !r.targets.every((t) => typeof t === "string")) {
    return null;
  }
  const record = value;
  return { record, summary: summarize(record, startedMs) };
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

// src/executions/index-snapshot.ts
var FORMAT = 2;
var MAGIC = `OLJIDX${String(FORMAT).padStart(2, "0")}`;
var TRAILER = 32 + 8;
var NUMERIC_COLUMNS = [
  ["started", Float64Array],
  ["status", Uint8Array],
  ["trigger", Uint8Array],
  ["action", Uint32Array],
  ["user", Uint32Array],
  ["tgtStart", Uint32Array],
  ["tgtLen", Uint16Array],
  ["tgtPool", Uint32Array],
  ["recCount", Uint16Array],
  ["firstSeg", Uint16Array],
  ["firstOff", Float64Array],
  ["firstLen", Uint32Array],
  ["lastSeg", Uint16Array],
  ["lastOff", Float64Array],
  ["lastLen", Uint32Array],
  ["order", Int32Array]
];
var pad8 = (n) => n + 7 & ~7;
function snapshotPath(executionsDir) {
  return path.join(executionsDir, "index", "journal-index.bin");
}
async function saveSnapshot(file, index, meta) {
  const c = index.columns();
  const idsBlob = Buffer.from(c.ids.slice(0, c.count).join("\n"), "utf8");
  const sections = [];
  const parts = [];
  for (const [name] of NUMERIC_COLUMNS) {
    const arr = c[name];
    const bytes = Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
    sections.push({ name, bytes: bytes.length });
    parts.push(bytes, Buffer.alloc(pad8(bytes.length) - bytes.length));
  }
  sections.push({ name: "ids", bytes: idsBlob.length });
  parts.push(idsBlob, Buffer.alloc(pad8(idsBlob.length) - idsBlob.length));
  const header = Buffer.from(
    JSON.stringify({
      format: FORMAT,
      meta,
      count: c.count,
      actions: c.actions,
      users: c.users,
      targets: c.targets,
      extra: c.extra,
      sections
    }),
    "utf8"
  );
  const prefix = Buffer.alloc(pad8(MAGIC.length + 4 + header.length));
  prefix.write(MAGIC, 0, "latin1");
  prefix.writeUInt32LE(header.length, MAGIC.length);
  header.copy(prefix, MAGIC.length + 4);
  const total = prefix.length + parts.reduce((n, p) => n + p.length, 0);
  const hash = createHash("sha256").update(prefix);
  for (const p of parts) hash.update(p);
  const trailer = Buffer.alloc(TRAILER);
  hash.digest().copy(trailer, 0);
  trailer.writeDoubleLE(total + TRAILER, 32);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temp, Buffer.concat([prefix, ...parts, trailer], total + TRAILER));
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
function loadSnapshot(file, onDamaged = () => void 0) {
  let buf;
  try {
    buf = readFileSync(file);
  } catch {
    return null;
  }
  const reason = checkEnvelope(buf);
  if (reason) {
    onDamaged(reason);
    return null;
  }
  const read = readBody(buf);
  if (!read) onDamaged("its content does not describe an index");
  return read;
}
function checkEnvelope(buf) {
  if (buf.length === 0) return "it is empty";
  const magic = buf.toString("latin1", 0, Math.min(buf.length, MAGIC.length));
  if (buf.length >= MAGIC.length && magic.startsWith("OLJIDX") && magic !== MAGIC)
    return `it is of format ${magic.slice(6)}, this opsledger reads format ${String(FORMAT).padStart(2, "0")}`;
  if (magic !== MAGIC) return "it does not start with the snapshot magic";
  if (buf.length < MAGIC.length + 4 + TRAILER) return "it is cut short";
  if (buf.readDoubleLE(buf.length - 8) !== buf.length)
    return "its length is not the one written (cut or extended)";
  const end = buf.length - TRAILER;
  const sum = createHash("sha256").update(buf.subarray(0, end)).digest();
  if (!sum.equals(buf.subarray(end, end + 32))) return "its checksum does not match its content";
  return null;
}
function readBody(buf) {
  try {
    const headerLength = buf.readUInt32LE(MAGIC.length);
    const header = JSON.parse(buf.toString("utf8", MAGIC.length + 4, MAGIC.length + 4 + headerLength));
    if (header.format !== FORMAT) return null;
    let offset = pad8(MAGIC.length + 4 + headerLength);
    const numeric = {};
    let ids = [];
    for (const section of header.sections) {
      const end = offset + section.bytes;
      if (end > buf.length - TRAILER) return null;
      const column = NUMERIC_COLUMNS.find(([name]) => name === section.name);
      if (column) {
        const bytes = buf.buffer.slice(buf.byteOffset + offset, buf.byteOffset + end);
        numeric[column[0]] = new column[1](bytes);
      } else if (section.name === "ids") {
        ids = header.count === 0 ? [] : buf.toString("utf8", offset, end).split("\n");
      }
      offset = pad8(end);
    }
    if (ids.length !== header.count) return null;
    const columns = {
      count: header.count,
      ids,
      actions: header.actions,
      users: header.users,
      targets: header.targets,
      extra: header.extra,
      ...numeric
    };
    for (const [name] of NUMERIC_COLUMNS) if (!columns[name]) return null;
    return { index: JournalIndex.fromColumns(columns), meta: header.meta };
  } catch {
    return null;
  }
}
function snapshotMatches(dir, segments, listed) {
  return segments.every((s, i) => {
    if (listed[i]?.name !== s.name) return false;
    let fd;
    try {
      fd = openSync(path.join(dir, s.name), "r");
      const st = fstatSync(fd);
      if (st.ino !== s.ino || st.size < s.bytes) return false;
      if (!s.last) return s.bytes === 0;
      const buf = Buffer.alloc(s.last.length);
      readSync(fd, buf, 0, s.last.length, s.last.offset);
      return parseJournalLine(buf)?.record.hash === s.last.hash;
    } catch {
      return false;
    } finally {
      if (fd !== void 0) closeSync(fd);
    }
  });
}

// src/executions/quarantine-tail.ts
import {
  closeSync as closeSync2,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync as openSync2,
  readSync as readSync2,
  statSync as statSync2,
  writeSync
} from "node:fs";
import path2 from "node:path";
function quarantineTail(dir, segment, from, now) {
  const file = path2.join(dir, segment);
  const size = statSync2(file).size;
  if (from >= size) return null;
  const fd = openSync2(file, "r+");
  try {
    const bytes = Buffer.alloc(size - from);
    readSync2(fd, bytes, 0, bytes.length, from);
    const qdir = path2.join(dir, "quarantine");
    mkdirSync(qdir, { recursive: true, mode: 448 });
    const stamp = now.toISOString().replace(/[:.]/g, "-");
    const qname = `${segment.replace(/\.jsonl$/, "")}-at-${from}-${stamp}.torn`;
    const qfd = openSync2(path2.join(qdir, qname), "wx", 384);
    try {
      writeSync(qfd, bytes);
      fsyncSync(qfd);
    } finally {
      closeSync2(qfd);
    }
    fsyncDir(qdir);
    ftruncateSync(fd, from);
    fsyncSync(fd);
    return { file: `quarantine/${qname}`, bytes: bytes.length, content: bytes };
  } finally {
    closeSync2(fd);
  }
}

// src/executions/open-journal.ts
var SEALED_MODE = 256;
var ACTIVE_MODE = 384;
async function openJournal(options) {
  const journal = new JournalFile(options);
  await journal.load();
  return journal;
}
var JournalFile = class {
  constructor(options) {
    this.options = options;
    const paths = journalPaths(options.dataDir);
    this.dir = paths.dir;
    this.now = options.now ?? (() => /* @__PURE__ */ new Date());
    this.flock = new FileFlock(paths.lockFile, "the execution journal");
    this.snapshotFile = snapshotPath(this.dir);
    this.state = openState(options.dataDir, { lockTimeoutMs: options.lockTimeoutMs });
  }
  options;
  dir;
  now;
  flock;
  snapshotFile;
  state;
  vault;
  index = new JournalIndex();
  segs = [];
  headRecord = null;
  base = null;
  recordTotal = 0;
  skipped = 0;
  foldedSinceSnapshot = 0;
  readFds = /* @__PURE__ */ new Map();
  /** Parsed records by `segment:offset` (a line never changes in place; a reload starts over). */
  recordCache = /* @__PURE__ */ new Map();
  appendFd = null;
  queue = Promise.resolve();
  moved = [];
  closed = false;
  async load() {
    this.vault = await openPseudonymVault(this.state, { now: this.now });
    this.base = chainBase(await this.state.read(RETENTION_COLLECTION, emptyRetention));
    this.reset();
    const listed = this.listSegments();
    let damaged = false;
    const snap = loadSnapshot(this.snapshotFile, (reason) => {
      damaged = true;
      this.warn(
        `journal: the index snapshot executions/index/journal-index.bin is not usable (${reason}); it is not trusted and is rebuilt from the segments`
      );
    });
    if (snap && snapshotMatches(this.dir, snap.meta.segments, listed)) {
      this.index = snap.index;
      this.segs = snap.meta.segments.map((s) => ({
        name: listed.find((l) => l.name === s.name),
        bytes: s.bytes,
        ino: s.ino,
        last: s.last
      }));
      this.headRecord = snap.meta.head;
      this.recordTotal = snap.meta.records;
      this.skipped = snap.meta.skipped;
    }
    this.foldNew(listed);
    await this.repairTail();
    if (damaged || this.foldedSinceSnapshot >= (this.options.snapshotEvery ?? 2e3))
      await this.saveSnapshot();
  }
  // ---- the port ----
  append(input) {
    return this.enqueue(input);
  }
  appendIf(input, when) {
    return this.enqueue(input, when);
  }
  query(query) {
    const stored = query.user === void 0 ? void 0 : this.storedUser(query.user);
    const found = this.index.query(toIndexQuery(this.index, query, stored));
    return this.readRecords(found.map((e) => ({ id: this.index.idOf(e), loc: this.index.latest(e) })));
  }
  count(query) {
    const stored = query.user === void 0 ? void 0 : this.storedUser(query.user);
    return this.index.query({ ...toIndexQuery(this.index, query, stored), limit: Number.MAX_SAFE_INTEGER }).length;
  }
  get(id) {
    const e = this.index.lookup(id);
    if (e < 0) return null;
    return this.readRecords([{ id, loc: this.index.latest(e) }])[0] ?? null;
  }
  records(id) {
    const e = this.index.lookup(id);
    if (e < 0) return [];
    return this.readRecords(this.index.all(e).map((loc) => ({ id, loc })));
  }
  async refresh() {
    await this.vault.refreshIfChanged();
    const listed = this.listSegments();
    const same = this.segs.every((s, i) => {
      const l = listed[i];
      if (!l || l.name !== s.name.name) return false;
      try {
        return statSync3(path3.join(this.dir, s.name.name)).ino === s.ino;
      } catch {
        return false;
      }
    });
    if (!same) await this.reload();
    else this.foldNew(listed);
  }
  head() {
    if (this.headRecord && this.base)
      return this.base.seq > this.headRecord.seq ? this.base : this.headRecord;
    return this.headRecord ?? this.base;
  }
  *scan() {
    const segs = this.segs.map((s, i) => ({ i, bytes: s.bytes }));
    for (const { i, bytes } of segs) {
      for (const { line } of iterateLines(this.readFd(i), 0, bytes)) {
        const parsed = parseJournalLine(line);
        if (parsed) yield parsed.record;
      }
    }
  }
  resolveUser(stored) {
    return this.vault.resolve(stored);
  }
  async close() {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    if (this.foldedSinceSnapshot >= (this.options.snapshotEvery ?? 2e3)) await this.saveSnapshot();
    this.closeFds();
  }
  recordCount() {
    return this.recordTotal;
  }
  skippedCount() {
    return this.skipped;
  }
  segmentNames() {
    return this.segs.map((s) => s.name.name);
  }
  quarantined() {
    return [...this.moved];
  }
  // ---- appending ----
  enqueue(input, when) {
    const run = this.queue.then(() => this.appendNow(input, when));
    this.queue = run.catch(() => void 0);
    return run;
  }
  async appendNow(input, when) {
    if (this.closed) throw new OpsledgerError("INTERNAL", "the journal is closed");
    assertExecutionInput(input);
    let stored;
    try {
      stored = this.isStored(input) ? input : await this.pseudonymize(input);
    } catch (err) {
      throw unavailable(`cannot record the initiator in the pseudonym vault: ${err.message}`, err);
    }
    this.catchUpActive();
    for (let attempt = 0; ; attempt++) {
      const release = await this.lock();
      let reload = false;
      try {
        reload = this.syncUnderLock() === "reload" && attempt < 3;
        if (!reload) return !when || when(this.get(stored.id)) ? this.writeRecord(stored) : null;
      } catch (err) {
        if (err instanceof OpsledgerError) throw err;
        throw unavailable(`cannot append to the execution journal: ${err.message}`, err);
      } finally {
        release();
      }
      await this.reload();
    }
  }
  async lock() {
    try {
      if (this.segs.length === 0) this.ensureDir();
      return await this.flock.acquire({ timeoutMs: this.options.lockTimeoutMs ?? 1e4 });
    } catch (err) {
      if (err instanceof FileLockError && err.reason === "locked") {
        throw new OpsledgerError("JOURNAL_LOCKED", `the execution journal is locked: ${err.message}`, {
          cause: err
        });
      }
      throw unavailable(`cannot lock the execution journal in ${this.dir}: ${err.message}`, err);
    }
  }
  /** With the lock held and the view current: chain, write one line, fdatasync, index it. */
  writeRecord(stored) {
    const seg = this.activeSegment();
    const { fd } = this.appendFd;
    const known = this.segs[seg];
    const { record, line } = sealRecord(stored, this.head() ?? { seq: 0, hash: GENESIS_HASH });
    const bytes = Buffer.from(line, "utf8");
    const offset = known.bytes;
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync2(fd, bytes, written, bytes.length - written);
      fdatasyncSync(fd);
    } catch (err) {
      try {
        ftruncateSync2(fd, offset);
      } catch {
      }
      throw unavailable(`cannot write the execution journal: ${err.message}`, err);
    }
    const loc = { segment: seg, offset, length: bytes.length - 1 };
    this.index.add(summarize(record), loc);
    known.bytes = offset + bytes.length;
    known.last = { ...loc, hash: record.hash };
    this.headRecord = { seq: record.seq, hash: record.hash };
    this.recordTotal++;
    this.foldedSinceSnapshot++;
    return record;
  }
  /** Forget everything and read the journal again (after segments were rewritten or removed). */
  async reload() {
    this.base = chainBase(await this.state.read(RETENTION_COLLECTION, emptyRetention));
    this.reset();
    this.foldNew(this.listSegments());
  }
  /** Whether the initiator is already in stored form (pseudonyms), as the recorder's end records are. */
  isStored(input) {
    const { user, os_user: osUser } = input.initiator;
    return PSEUDONYM.test(user) && (osUser === void 0 || PSEUDONYM.test(osUser)) && (input.steps ?? []).every((s) => !s.decided_by || PSEUDONYM.test(s.decided_by.user)) && (!input.cancel_requested || PSEUDONYM.test(input.cancel_requested.user));
  }
  async pseudonymize(input) {
    const { user, os_user: osUser } = input.initiator;
    await this.vault.refreshIfChanged();
    const initiator = { ...input.initiator };
    if (!PSEUDONYM.test(user)) initiator.user = await this.vault.pseudonymize(user);
    if (osUser !== void 0 && !PSEUDONYM.test(osUser)) {
      const email = PSEUDONYM.test(user) ? this.vault.resolve(user) : user;
      initiator.os_user = await this.vault.pseudonymize(osUser, { kind: "os_user", linkedTo: email });
    }
    const steps = input.steps ? await Promise.all(
      input.steps.map(
        async (step) => step.decided_by && !PSEUDONYM.test(step.decided_by.user) ? {
          ...step,
          decided_by: {
            ...step.decided_by,
            user: await this.vault.pseudonymize(step.decided_by.user)
          }
        } : step
      )
    ) : void 0;
    const cancel = input.cancel_requested;
    const cancelRequested = cancel && !PSEUDONYM.test(cancel.user) ? { cancel_requested: { ...cancel, user: await this.vault.pseudonymize(cancel.user) } } : {};
    return { ...input, initiator, ...steps ? { steps } : {}, ...cancelRequested };
  }
  /** Fold complete lines other processes appended to the active segment (no lock: only whole lines count). */
  catchUpActive() {
    const last = this.segs.length - 1;
    if (last < 0) return;
    const st = this.appendFd?.seg === last ? fstatSync2(this.appendFd.fd) : statSync3(path3.join(this.dir, this.segs[last].name.name), { throwIfNoEntry: false });
    if (st && st.size > this.segs[last].bytes) this.foldSegment(last, st.size);
  }
  /**
   * With the lock held: make the in-memory view the journal's true end. Fold what others appended (a new segment
   * shows as the active one being sealed), and quarantine a torn tail a crashed writer left.
   */
  syncUnderLock() {
    const last = this.segs.length - 1;
    if (this.appendFd && this.appendFd.seg === last) {
      const st = fstatSync2(this.appendFd.fd);
      const known = this.segs[last];
      if (st.nlink !== 0 && (st.mode & 128) !== 0 && st.size === known.bytes) return "ok";
      if (st.nlink === 0) return "reload";
    }
    const listed = this.listSegments();
    const changed = this.segs.some((s, i) => {
      if (listed[i]?.name !== s.name.name) return true;
      try {
        return statSync3(path3.join(this.dir, s.name.name)).ino !== s.ino;
      } catch {
        return true;
      }
    });
    if (changed) return "reload";
    this.foldNew(listed);
    this.quarantineTail();
    return "ok";
  }
  /** The segment to append to, opened for appending: the last one, or a new one when it is sealed, full or old. */
  activeSegment() {
    let last = this.segs.length - 1;
    if (last >= 0 && (!this.appendFd || this.appendFd.seg !== last)) {
      this.closeAppendFd();
      const file2 = path3.join(this.dir, this.segs[last].name.name);
      const st = statSync3(file2);
      if ((st.mode & 128) !== 0) this.appendFd = { seg: last, fd: openSync3(file2, "a") };
    }
    const active = last >= 0 ? this.segs[last] : null;
    const full = active !== null && needsRollover(active.name, active.bytes, this.now(), this.options.maxSegmentBytes ?? 64 * 1024 * 1024);
    if (active && this.appendFd && !full) return last;
    if (active && this.appendFd) {
      fchmodSync(this.appendFd.fd, SEALED_MODE);
      fsyncSync2(this.appendFd.fd);
      this.closeAppendFd();
    }
    const name = nextSegmentName(active?.name ?? null, this.now());
    const file = path3.join(this.dir, name);
    const fd = openSync3(file, "ax", ACTIVE_MODE);
    fsyncDir(this.dir);
    const parsed = sortSegments([name])[0];
    this.segs.push({ name: parsed, bytes: 0, ino: fstatSync2(fd).ino, last: null });
    last = this.segs.length - 1;
    this.appendFd = { seg: last, fd };
    return last;
  }
  /** Create `executions/` (and make its entry in the data dir durable). */
  ensureDir() {
    mkdirSync2(this.options.dataDir, { recursive: true });
    try {
      statSync3(this.dir);
    } catch {
      mkdirSync2(this.dir, { mode: 448 });
      fsyncDir(this.options.dataDir);
    }
  }
  // ---- reading ----
  reset() {
    this.closeFds();
    this.recordCache.clear();
    this.index = new JournalIndex();
    this.segs = [];
    this.headRecord = null;
    this.recordTotal = 0;
    this.skipped = 0;
    this.foldedSinceSnapshot = 0;
  }
  listSegments() {
    try {
      return sortSegments(readdirSync(this.dir));
    } catch (err) {
      if (err.code === "ENOENT") return [];
      throw unavailable(`cannot read ${this.dir}: ${err.message}`, err);
    }
  }
  /** Fold every segment of the listing past what is known (new bytes of known ones, then new ones). */
  foldNew(listed) {
    for (let i = 0; i < listed.length; i++) {
      const l = listed[i];
      let known = this.segs[i];
      if (!known) {
        let ino = 0;
        try {
          ino = statSync3(path3.join(this.dir, l.name)).ino;
        } catch {
          continue;
        }
        known = { name: l, bytes: 0, ino, last: null };
        this.segs.push(known);
      } else if (known.name.name !== l.name) {
        continue;
      }
      let size;
      try {
        size = statSync3(path3.join(this.dir, l.name)).size;
      } catch {
        continue;
      }
      if (size > known.bytes) this.foldSegment(i, size);
    }
  }
  /** Fold the complete lines of one segment from what is known up to `size`. */
  foldSegment(seg, size) {
    const known = this.segs[seg];
    const fd = this.readFd(seg);
    known.bytes = scanLines(fd, known.bytes, size, (line, offset) => {
      const parsed = parseJournalLine(line);
      if (!parsed) {
        this.skipped++;
        return;
      }
      const loc = { segment: seg, offset, length: line.length };
      this.index.add(parsed.summary, loc);
      known.last = { ...loc, hash: parsed.summary.hash };
      this.headRecord = { seq: parsed.summary.seq, hash: parsed.summary.hash };
      this.recordTotal++;
      this.foldedSinceSnapshot++;
    });
  }
  /** At open: the incomplete bytes after the last newline are moved aside under the lock (never fatal; reported). */
  async repairTail() {
    const last = this.segs[this.segs.length - 1];
    if (!last) return;
    let size = 0;
    try {
      size = statSync3(path3.join(this.dir, last.name.name)).size;
    } catch {
      return;
    }
    if (size === last.bytes) return;
    let release;
    try {
      release = await this.flock.acquire({ timeoutMs: this.options.lockTimeoutMs ?? 1e4 });
    } catch (err) {
      this.warn(
        `journal: the last line of ${last.name.name} is incomplete and could not be moved to quarantine (${err.message}); it is ignored`
      );
      return;
    }
    try {
      this.catchUpActive();
      this.quarantineTail();
    } catch (err) {
      this.warn(`journal: cannot quarantine the torn tail of ${last.name.name}: ${err.message}`);
    } finally {
      release();
    }
  }
  /**
   * With the lock held: move the bytes after the last newline (an append that never finished, so was never
   * acknowledged) into quarantine/ and cut them off the segment. Complete lines are never moved.
   */
  quarantineTail() {
    const last = this.segs[this.segs.length - 1];
    if (!last) return;
    const from = last.bytes;
    const moved = quarantineTail(this.dir, last.name.name, from, this.now());
    if (!moved) return;
    this.moved.push(moved.file);
    this.warn(
      `journal: moved ${moved.bytes} bytes after the last complete line of ${last.name.name} (offset ${from}) to executions/${moved.file}: ${describeTorn(moved.content)}`
    );
  }
  readRecords(items) {
    const out = [];
    const capacity = this.options.recordCache ?? 0;
    for (const { id, loc } of items) {
      const place = capacity > 0 ? `${loc.segment}:${loc.offset}` : "";
      const cached = capacity > 0 ? this.recordCache.get(place) : void 0;
      if (cached && cached.id === id) {
        out.push(cached);
        continue;
      }
      const buf = Buffer.alloc(loc.length);
      let ok = false;
      try {
        readSync3(this.readFd(loc.segment), buf, 0, loc.length, loc.offset);
        const parsed = parseJournalLine(buf);
        if (parsed && parsed.record.id === id) {
          out.push(parsed.record);
          if (capacity > 0) this.remember(place, parsed.record, capacity);
          ok = true;
        }
      } catch {
        ok = false;
      }
      if (!ok) {
        this.warn(`journal: the record of ${id} is no longer where the index says; run \`opsledger verify\``);
      }
    }
    return out;
  }
  remember(place, record, capacity) {
    if (this.recordCache.size >= capacity) {
      const oldest = this.recordCache.keys().next().value;
      if (oldest !== void 0) this.recordCache.delete(oldest);
    }
    this.recordCache.set(place, record);
  }
  readFd(seg) {
    let fd = this.readFds.get(seg);
    if (fd === void 0) {
      fd = openSync3(path3.join(this.dir, this.segs[seg].name.name), "r");
      this.readFds.set(seg, fd);
    }
    return fd;
  }
  storedUser(user) {
    if (PSEUDONYM.test(user)) return user;
    return this.vault.lookup(user) ?? (this.index.users.code(user) >= 0 ? user : null);
  }
  async saveSnapshot() {
    try {
      await saveSnapshot(this.snapshotFile, this.index, {
        segments: this.segs.map((s) => ({ name: s.name.name, bytes: s.bytes, ino: s.ino, last: s.last })),
        head: this.headRecord,
        records: this.recordTotal,
        skipped: this.skipped
      });
      this.foldedSinceSnapshot = 0;
    } catch {
    }
  }
  closeAppendFd() {
    if (this.appendFd) closeSync3(this.appendFd.fd);
    this.appendFd = null;
  }
  closeFds() {
    this.closeAppendFd();
    for (const fd of this.readFds.values()) closeSync3(fd);
    this.readFds.clear();
    this.flock.close();
  }
  warn(message) {
    this.options.onWarning?.(message);
  }
};
function describeTorn(bytes) {
  const parsed = parseJournalLine(bytes);
  if (!parsed)
    return "an unfinished line, a writer probably crashed mid-append; no acknowledged record is affected";
  const { seq, hash } = parsed.record;
  return sealedBytesMatch(bytes.toString("utf8"), hash) ? `a whole record (seq ${seq}) without its newline, so its append was never acknowledged` : `a whole record (seq ${seq}) without its newline that does not match its own hash: an edit, not a crash; run \`opsledger verify\``;
}
function unavailable(message, cause) {
  return new OpsledgerError("JOURNAL_UNAVAILABLE", message, { cause });
}

export {
  newExecutionId,
  openPseudonymVault,
  STATUS_CODES,
  TRIGGER_CODES,
  parseJournalLine,
  snapshotPath,
  openJournal
};
