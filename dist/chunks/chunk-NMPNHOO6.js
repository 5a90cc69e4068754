function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  DEFINITION_ID
} from "./chunk-HLZRO4VS.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";

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

// src/executions/id-table.ts
var IdTable = class {
  constructor(ids, hash = fnv1a) {
    this.ids = ids;
    this.hash = hash;
    this.table = new Int32Array(capacityFor(ids.length)).fill(-1);
    this.mask = this.table.length - 1;
    for (let e = 0; e < ids.length && !this.map; e++) this.place(e);
  }
  ids;
  hash;
  table;
  mask;
  size = 0;
  map = null;
  /** Whether crafted (or unlucky) ids turned the table into a Map. */
  get degraded() {
    return this.map !== null;
  }
  /** The execution number of `id`, or -1. */
  get(id) {
    if (this.map) return this.map.get(id) ?? -1;
    const { table, mask, ids } = this;
    for (let i = this.hash(id) & mask; ; i = i + 1 & mask) {
      const e = table[i];
      if (e < 0) return -1;
      if (ids[e] === id) return e;
    }
  }
  /** Execution `e`, whose id the list now holds (appended as `ids[e]`). */
  add(e) {
    if (this.map) {
      this.map.set(this.ids[e], e);
      return;
    }
    if ((this.size + 1) * 2 > this.table.length) {
      this.table = new Int32Array(this.table.length * 2).fill(-1);
      this.mask = this.table.length - 1;
      this.size = 0;
      for (let k = 0; k < e && !this.map; k++) this.place(k);
      if (this.map) return;
    }
    this.place(e);
  }
  place(e) {
    const { table, mask } = this;
    let i = this.hash(this.ids[e]) & mask;
    for (let probes = 0; table[i] >= 0; probes++) {
      if (probes >= MAX_PROBE) {
        this.degrade();
        return;
      }
      i = i + 1 & mask;
    }
    table[i] = e;
    this.size += 1;
  }
  /** Every id so far (`ids` holds them all, including the one being placed) into a Map; the array is dropped. */
  degrade() {
    const map = /* @__PURE__ */ new Map();
    for (let k = 0; k < this.ids.length; k++) if (!map.has(this.ids[k])) map.set(this.ids[k], k);
    this.map = map;
    this.table = new Int32Array(0);
  }
};
var MAX_PROBE = 64;
function capacityFor(n) {
  let size = 1024;
  while (size < n * 2 + 2) size *= 2;
  return size;
}
function fnv1a(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h ^ h >>> 15) >>> 0;
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
      this.idMap?.add(e2);
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
    this.idMap ??= new IdTable(this.ids);
    return this.idMap.get(id);
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
  } else if (CONTROL.test(initiator.user)) {
    p.push("initiator.user must not contain control characters");
  }
  if (initiator && typeof initiator.os_user === "string" && CONTROL.test(initiator.os_user)) {
    p.push("initiator.os_user must not contain control characters");
  }
  if (initiator && !["cli", "api", "scheduler"].includes(initiator.via)) {
    p.push("initiator.via must be cli, api or scheduler");
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
  STATUS_CODES,
  TRIGGER_CODES,
  JournalIndex,
  toIndexQuery,
  assertExecutionInput,
  pseudonymizeInput
};
