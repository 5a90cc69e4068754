function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  PSEUDONYM,
  assertExecutionInput,
  openPseudonymVault,
  parseJournalLine,
  parseRecordLines,
  pseudonymizeInput,
  summarize
} from "./chunk-44J7CKGR.js";
import {
  EXECUTION_STATUSES,
  TRIGGERS
} from "./chunk-G56DPNIV.js";
import {
  RETENTION_COLLECTION,
  chainBase,
  emptyRetention,
  iterateLineChunks,
  iterateLines,
  journalPaths,
  needsRollover,
  nextSegmentName,
  scanLines,
  sortSegments
} from "./chunk-Q34KY2EY.js";
import {
  GENESIS_HASH,
  sealRecord,
  sealedBytesMatch
} from "./chunk-XLWVCULI.js";
import {
  openState
} from "./chunk-2TXRGXLB.js";
import {
  fsyncDir
} from "./chunk-VR7KHDFB.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import {
  FileFlock,
  FileLockError
} from "./chunk-75FD6FCD.js";

// src/executions/open-journal.ts
import { statSync as statSync5 } from "node:fs";

// src/executions/file-journal/append-batch.ts
import { fdatasync, ftruncateSync, writeSync } from "node:fs";
import { promisify } from "node:util";
var fdatasyncAsync = promisify(fdatasync);
async function appendBatch(view, rollover, head, batch, latest) {
  const seg = rollover.active();
  const { fd } = rollover.fd;
  const known = view.segs[seg];
  const start = known.bytes;
  let prev = head ?? { seq: 0, hash: GENESIS_HASH };
  let offset = start;
  const inBatch = /* @__PURE__ */ new Map();
  const written = [];
  const results = [];
  try {
    for (const { stored, when } of batch) {
      if (when && !when(inBatch.get(stored.id) ?? latest(stored.id))) {
        results.push(null);
        continue;
      }
      const { record, line } = sealRecord(stored, prev);
      const bytes = Buffer.from(line, "utf8");
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      written.push({ record, offset, length: bytes.length });
      inBatch.set(record.id, record);
      results.push(record);
      prev = { seq: record.seq, hash: record.hash };
      offset += bytes.length;
    }
    known.bytes = offset;
    if (written.length > 0) await fdatasyncAsync(fd);
  } catch (err) {
    known.bytes = start;
    try {
      ftruncateSync(fd, start);
    } catch {
    }
    throw new OpsledgerError(
      "JOURNAL_UNAVAILABLE",
      `cannot write the execution journal: ${err.message}`,
      { cause: err }
    );
  }
  for (const w of written) view.added(w.record, { segment: seg, offset: w.offset, length: w.length - 1 });
  return results;
}

// src/executions/file-journal/append-queue.ts
var MAX_BATCH = 256;
var AppendQueue = class {
  constructor(drain) {
    this.drain = drain;
  }
  drain;
  pending = [];
  tail = Promise.resolve();
  push(input, when) {
    return new Promise((resolve, reject) => {
      this.pending.push({ input, when, resolve, reject });
      this.tail = this.tail.then(() => this.next());
    });
  }
  /** Settles once every append queued so far was handled. */
  idle() {
    return this.tail;
  }
  /** Drain what waits now (a later turn finds nothing left and returns at once). */
  async next() {
    const batch = this.pending.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    try {
      await this.drain(batch);
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }
};

// src/executions/file-journal/journal-lock.ts
import { mkdirSync, statSync } from "node:fs";
var JournalLock = class {
  constructor(lockFile, dir, dataDir, timeoutMs) {
    this.dir = dir;
    this.dataDir = dataDir;
    this.timeoutMs = timeoutMs;
    this.flock = new FileFlock(lockFile, "the execution journal");
  }
  dir;
  dataDir;
  timeoutMs;
  flock;
  /** For an append: creates `executions/` first when the journal has no segment yet. */
  async forAppend(journalIsNew) {
    try {
      if (journalIsNew) this.ensureDir();
      return await this.flock.acquire({ timeoutMs: this.timeoutMs });
    } catch (err) {
      if (err instanceof FileLockError && err.reason === "locked") {
        throw new OpsledgerError("JOURNAL_LOCKED", `the execution journal is locked: ${err.message}`, {
          cause: err
        });
      }
      throw new OpsledgerError(
        "JOURNAL_UNAVAILABLE",
        `cannot lock the execution journal in ${this.dir}: ${err.message}`,
        { cause: err }
      );
    }
  }
  /** For a repair at open: the lock, or the error that kept it (the caller reports it and goes on). */
  async forRepair() {
    return this.flock.acquire({ timeoutMs: this.timeoutMs }).catch((err) => err);
  }
  close() {
    this.flock.close();
  }
  /** Create `executions/` (and make its entry in the data dir durable). */
  ensureDir() {
    mkdirSync(this.dataDir, { recursive: true });
    try {
      statSync(this.dir);
    } catch {
      mkdirSync(this.dir, { mode: 448 });
      fsyncDir(this.dataDir);
    }
  }
};

// src/executions/file-journal/segment-rollover.ts
import { closeSync, fchmodSync, fstatSync, fsyncSync, openSync, statSync as statSync2 } from "node:fs";
import path from "node:path";
var SEALED_MODE = 256;
var ACTIVE_MODE = 384;
var SegmentRollover = class {
  constructor(view, maxSegmentBytes, now) {
    this.view = view;
    this.maxSegmentBytes = maxSegmentBytes;
    this.now = now;
  }
  view;
  maxSegmentBytes;
  now;
  fd = null;
  /** The segment number to append to, with `fd` open on it. Called with the journal lock held. */
  active() {
    const { view } = this;
    let last = view.segs.length - 1;
    if (last >= 0 && (!this.fd || this.fd.seg !== last)) {
      this.close();
      const file = view.fileOf(last);
      if ((statSync2(file).mode & 128) !== 0) this.fd = { seg: last, fd: openSync(file, "a") };
    }
    const active = last >= 0 ? view.segs[last] : null;
    const full = active !== null && needsRollover(active.name, active.bytes, this.now(), this.maxSegmentBytes);
    if (active && this.fd && !full) return last;
    if (active && this.fd) {
      fchmodSync(this.fd.fd, SEALED_MODE);
      fsyncSync(this.fd.fd);
      this.close();
    }
    const name = nextSegmentName(active?.name ?? null, this.now());
    const fd = openSync(path.join(view.dir, name), "ax", ACTIVE_MODE);
    fsyncDir(view.dir);
    view.segs.push({ name: sortSegments([name])[0], bytes: 0, ino: fstatSync(fd).ino, last: null });
    last = view.segs.length - 1;
    this.fd = { seg: last, fd };
    return last;
  }
  /**
   * With the lock held, the common case in one fstat: is the open segment still the journal's end (same file, not
   * sealed, nobody appended since)? `gone` when it was unlinked (a purge rewrote the files).
   */
  check() {
    const last = this.view.segs.length - 1;
    if (!this.fd || this.fd.seg !== last) return "unknown";
    const st = fstatSync(this.fd.fd);
    if (st.nlink === 0) return "gone";
    return (st.mode & 128) !== 0 && st.size === this.view.segs[last].bytes ? "current" : "unknown";
  }
  /** The size of the last segment, through the append descriptor when it is open on it. */
  lastSize() {
    const last = this.view.segs.length - 1;
    if (last < 0) return null;
    if (this.fd?.seg === last) return fstatSync(this.fd.fd).size;
    return statSync2(this.view.fileOf(last), { throwIfNoEntry: false })?.size ?? null;
  }
  close() {
    if (this.fd) closeSync(this.fd.fd);
    this.fd = null;
  }
};

// src/executions/file-journal/segment-view.ts
import { closeSync as closeSync2, openSync as openSync2, readSync, readdirSync, statSync as statSync3 } from "node:fs";
import path2 from "node:path";

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
    const statusCode = EXECUTION_STATUSES.indexOf(r.status);
    const triggerCode = TRIGGERS.indexOf(r.trigger);
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
  if (q.status !== void 0) out.status = EXECUTION_STATUSES.indexOf(q.status);
  if (q.trigger !== void 0) out.trigger = TRIGGERS.indexOf(q.trigger);
  if (q.since !== void 0) out.sinceMs = Date.parse(q.since);
  if (q.until !== void 0) out.untilMs = Date.parse(q.until);
  if (q.before) out.before = { startedMs: Date.parse(q.before.started_at), id: q.before.id };
  return out;
}

// src/executions/journal-tail.ts
var PROBE = 64 * 1024;
var SCAN_BELOW = 256 * 1024;
function locateAfterSeq(sizes, read, afterSeq) {
  let segment = 0;
  for (let i = sizes.length - 1; i >= 0; i--) {
    const first = seqOfLineAt(read, i, 0, sizes[i]);
    if (first !== null && first <= afterSeq) {
      segment = i;
      break;
    }
  }
  let lo = 0;
  let hi = sizes[segment] ?? 0;
  while (hi - lo > SCAN_BELOW) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const start = nextLineStart(read, segment, mid, hi);
    const seq = start === null ? null : seqOfLineAt(read, segment, start, hi);
    if (start !== null && seq !== null && seq <= afterSeq) lo = start;
    else hi = mid;
  }
  return { segment, offset: lo };
}
function nextLineStart(read, segment, from, to) {
  const buf = Buffer.allocUnsafe(PROBE);
  for (let at = from; at < to; at += PROBE) {
    const got = read(segment, buf, at, Math.min(PROBE, to - at));
    if (got <= 0) return null;
    const nl = buf.subarray(0, got).indexOf(10);
    if (nl >= 0) return at + nl + 1 < to ? at + nl + 1 : null;
  }
  return null;
}
function seqOfLineAt(read, segment, offset, to) {
  let size = PROBE;
  for (; ; ) {
    const buf = Buffer.allocUnsafe(Math.min(size, to - offset));
    if (buf.length === 0) return null;
    const got = read(segment, buf, offset, buf.length);
    const nl = buf.subarray(0, got).indexOf(10);
    if (nl >= 0) {
      try {
        const value = JSON.parse(buf.subarray(0, nl).toString("utf8"));
        return typeof value?.seq === "number" ? value.seq : null;
      } catch {
        return null;
      }
    }
    if (got < buf.length || offset + got >= to) return null;
    size *= 4;
  }
}

// src/executions/file-journal/segment-view.ts
var SegmentView = class {
  constructor(dir, cacheCapacity, warn) {
    this.dir = dir;
    this.cacheCapacity = cacheCapacity;
    this.warn = warn;
  }
  dir;
  cacheCapacity;
  warn;
  index = new JournalIndex();
  segs = [];
  headRecord = null;
  recordTotal = 0;
  skipped = 0;
  foldedSinceSnapshot = 0;
  readFds = /* @__PURE__ */ new Map();
  /** Parsed records by `segment:offset` (a line never changes in place; a reload starts over). */
  cache = /* @__PURE__ */ new Map();
  /** Forget everything (after segments were rewritten or removed). */
  reset() {
    this.closeReaders();
    this.cache.clear();
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
      throw new OpsledgerError("JOURNAL_UNAVAILABLE", `cannot read ${this.dir}: ${err.message}`, {
        cause: err
      });
    }
  }
  /** Whether a known segment was renamed, removed or replaced (a retention purge rewrites files). */
  rewritten(listed) {
    return this.segs.some((s, i) => {
      if (listed[i]?.name !== s.name.name) return true;
      try {
        return statSync3(this.fileOf(i)).ino !== s.ino;
      } catch {
        return true;
      }
    });
  }
  fileOf(seg) {
    return path2.join(this.dir, this.segs[seg].name.name);
  }
  /** Fold every segment of the listing past what is known (new bytes of known ones, then new ones). */
  foldNew(listed) {
    for (let i = 0; i < listed.length; i++) {
      const l = listed[i];
      let known = this.segs[i];
      if (!known) {
        const st2 = statSync3(path2.join(this.dir, l.name), { throwIfNoEntry: false });
        if (!st2) continue;
        known = { name: l, bytes: 0, ino: st2.ino, last: null };
        this.segs.push(known);
      } else if (known.name.name !== l.name) {
        continue;
      }
      const st = statSync3(path2.join(this.dir, l.name), { throwIfNoEntry: false });
      if (st && st.size > known.bytes) this.foldSegment(i, st.size);
    }
  }
  /** Fold the complete lines of one segment from what is known up to `size`. */
  foldSegment(seg, size) {
    const known = this.segs[seg];
    known.bytes = scanLines(this.readFd(seg), known.bytes, size, (line, offset) => {
      const parsed = parseJournalLine(line);
      if (!parsed) {
        this.skipped++;
        return;
      }
      this.note(
        parsed.summary.seq,
        parsed.summary.hash,
        { segment: seg, offset, length: line.length },
        () => this.index.add(parsed.summary, { segment: seg, offset, length: line.length })
      );
    });
  }
  /** Index a record this process just wrote at `loc`. */
  added(record, loc) {
    this.note(record.seq, record.hash, loc, () => this.index.add(summarize(record), loc));
    this.segs[loc.segment].bytes = loc.offset + loc.length + 1;
  }
  note(seq, hash, loc, add) {
    add();
    this.segs[loc.segment].last = { ...loc, hash };
    this.headRecord = { seq, hash };
    this.recordTotal++;
    this.foldedSinceSnapshot++;
  }
  /** Records by location, checked against the id the index gave (a line moved by a purge is reported, not served). */
  readRecords(items) {
    const out = [];
    const capacity = this.cacheCapacity;
    for (const { id, loc } of items) {
      const place = capacity > 0 ? `${loc.segment}:${loc.offset}` : "";
      const cached = capacity > 0 ? this.cache.get(place) : void 0;
      if (cached && cached.id === id) {
        out.push(cached);
        continue;
      }
      const record = this.readAt(loc);
      if (record && record.id === id) {
        out.push(record);
        if (capacity > 0) this.remember(place, record, capacity);
      } else {
        this.warn(`journal: the record of ${id} is no longer where the index says; run \`opsledger verify\``);
      }
    }
    return out;
  }
  readAt(loc) {
    try {
      const buf = Buffer.alloc(loc.length);
      readSync(this.readFd(loc.segment), buf, 0, loc.length, loc.offset);
      return parseJournalLine(buf)?.record ?? null;
    } catch {
      return null;
    }
  }
  remember(place, record, capacity) {
    if (this.cache.size >= capacity) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== void 0) this.cache.delete(oldest);
    }
    this.cache.set(place, record);
  }
  /**
   * Every record of the folded segments in file order; with `afterSeq`, only the later ones, found by bisecting on
   * byte offsets rather than by reading what comes before (an incremental report).
   */
  *scan(afterSeq = 0) {
    for (const { i, from, bytes } of this.ranges(afterSeq)) {
      for (const { line } of iterateLines(this.readFd(i), from, bytes)) {
        const parsed = parseJournalLine(line);
        if (parsed && parsed.record.seq > afterSeq) yield parsed.record;
      }
    }
  }
  /**
   * The records `scan` gives, in arrays of a few hundred, each line decoded and parsed straight from a chunk of a
   * segment read at once (a full fold: docs/reports.md, *The run cache*).
   */
  *scanBatches(afterSeq = 0) {
    for (const { i, from, bytes } of this.ranges(afterSeq)) {
      for (const lines of iterateLineChunks(this.readFd(i), from, bytes))
        yield* parseRecordLines(lines, afterSeq);
    }
  }
  /** The byte ranges of the folded segments to read for the records after `afterSeq`. */
  ranges(afterSeq) {
    const segs = this.segs.map((s, i) => ({ i, bytes: s.bytes }));
    const start = afterSeq > 0 ? locateAfterSeq(
      segs.map((s) => s.bytes),
      (seg, buf, pos, len) => readSync(this.readFd(seg), buf, 0, len, pos),
      afterSeq
    ) : { segment: 0, offset: 0 };
    return segs.slice(start.segment).map(({ i, bytes }) => ({ i, from: i === start.segment ? start.offset : 0, bytes }));
  }
  readFd(seg) {
    let fd = this.readFds.get(seg);
    if (fd === void 0) {
      fd = openSync2(this.fileOf(seg), "r");
      this.readFds.set(seg, fd);
    }
    return fd;
  }
  closeReaders() {
    for (const fd of this.readFds.values()) closeSync2(fd);
    this.readFds.clear();
  }
};

// src/executions/index-snapshot.ts
import { createHash } from "node:crypto";
import { closeSync as closeSync3, fstatSync as fstatSync2, openSync as openSync3, readFileSync, readSync as readSync2 } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path3 from "node:path";
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
  return path3.join(executionsDir, "index", "journal-index.bin");
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
  await mkdir(path3.dirname(file), { recursive: true });
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
      fd = openSync3(path3.join(dir, s.name), "r");
      const st = fstatSync2(fd);
      if (st.ino !== s.ino || st.size < s.bytes) return false;
      if (!s.last) return s.bytes === 0;
      const buf = Buffer.alloc(s.last.length);
      readSync2(fd, buf, 0, s.last.length, s.last.offset);
      return parseJournalLine(buf)?.record.hash === s.last.hash;
    } catch {
      return false;
    } finally {
      if (fd !== void 0) closeSync3(fd);
    }
  });
}

// src/executions/file-journal/snapshot-store.ts
var SnapshotStore = class {
  constructor(view, warn) {
    this.view = view;
    this.warn = warn;
    this.file = snapshotPath(view.dir);
  }
  view;
  warn;
  file;
  /** Adopt the snapshot into the view when it matches the listing; returns whether it was damaged (rewrite it). */
  loadInto(listed) {
    let damaged = false;
    const snap = loadSnapshot(this.file, (reason) => {
      damaged = true;
      this.warn(
        `journal: the index snapshot executions/index/journal-index.bin is not usable (${reason}); it is not trusted and is rebuilt from the segments`
      );
    });
    if (snap && snapshotMatches(this.view.dir, snap.meta.segments, listed)) {
      const { view } = this;
      view.index = snap.index;
      view.segs = snap.meta.segments.map((s) => ({
        name: listed.find((l) => l.name === s.name),
        bytes: s.bytes,
        ino: s.ino,
        last: s.last
      }));
      view.headRecord = snap.meta.head;
      view.recordTotal = snap.meta.records;
      view.skipped = snap.meta.skipped;
    }
    return { damaged };
  }
  async save() {
    const { view } = this;
    try {
      await saveSnapshot(this.file, view.index, {
        segments: view.segs.map((s) => ({ name: s.name.name, bytes: s.bytes, ino: s.ino, last: s.last })),
        head: view.headRecord,
        records: view.recordTotal,
        skipped: view.skipped
      });
      view.foldedSinceSnapshot = 0;
    } catch {
    }
  }
};

// src/executions/quarantine-tail.ts
import {
  closeSync as closeSync4,
  fsyncSync as fsyncSync2,
  ftruncateSync as ftruncateSync2,
  mkdirSync as mkdirSync2,
  openSync as openSync4,
  readSync as readSync3,
  statSync as statSync4,
  writeSync as writeSync2
} from "node:fs";
import path4 from "node:path";
function quarantineTail(dir, segment, from, now) {
  const file = path4.join(dir, segment);
  const size = statSync4(file).size;
  if (from >= size) return null;
  const fd = openSync4(file, "r+");
  try {
    const bytes = Buffer.alloc(size - from);
    readSync3(fd, bytes, 0, bytes.length, from);
    const qdir = path4.join(dir, "quarantine");
    mkdirSync2(qdir, { recursive: true, mode: 448 });
    const stamp = now.toISOString().replace(/[:.]/g, "-");
    const qname = `${segment.replace(/\.jsonl$/, "")}-at-${from}-${stamp}.torn`;
    const qfd = openSync4(path4.join(qdir, qname), "wx", 384);
    try {
      writeSync2(qfd, bytes);
      fsyncSync2(qfd);
    } finally {
      closeSync4(qfd);
    }
    fsyncDir(qdir);
    ftruncateSync2(fd, from);
    fsyncSync2(fd);
    return { file: `quarantine/${qname}`, bytes: bytes.length, content: bytes };
  } finally {
    closeSync4(fd);
  }
}

// src/executions/file-journal/torn-tail.ts
function quarantineTornTail(view, now, warn) {
  const last = view.segs[view.segs.length - 1];
  if (!last) return null;
  const from = last.bytes;
  const moved = quarantineTail(view.dir, last.name.name, from, now);
  if (!moved) return null;
  warn(
    `journal: moved ${moved.bytes} bytes after the last complete line of ${last.name.name} (offset ${from}) to executions/${moved.file}: ${describeTorn(moved.content)}`
  );
  return moved.file;
}
function describeTorn(bytes) {
  const parsed = parseJournalLine(bytes);
  if (!parsed)
    return "an unfinished line, a writer probably crashed mid-append; no acknowledged record is affected";
  const { seq, hash } = parsed.record;
  return sealedBytesMatch(bytes.toString("utf8"), hash) ? `a whole record (seq ${seq}) without its newline, so its append was never acknowledged` : `a whole record (seq ${seq}) without its newline that does not match its own hash: an edit, not a crash; run \`opsledger verify\``;
}

// src/executions/open-journal.ts
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
    this.lock = new JournalLock(paths.lockFile, this.dir, options.dataDir, options.lockTimeoutMs ?? 1e4);
    this.state = openState(options.dataDir, { lockTimeoutMs: options.lockTimeoutMs });
    const warn = (m) => options.onWarning?.(m);
    this.view = new SegmentView(this.dir, options.recordCache ?? 0, warn);
    this.rollover = new SegmentRollover(this.view, options.maxSegmentBytes ?? 64 * 1024 * 1024, this.now);
    this.snapshots = new SnapshotStore(this.view, warn);
  }
  options;
  dir;
  now;
  lock;
  state;
  view;
  rollover;
  snapshots;
  vault;
  base = null;
  queue = new AppendQueue((batch) => this.commit(batch));
  moved = [];
  closed = false;
  async load() {
    this.vault = await openPseudonymVault(this.state, { now: this.now });
    this.base = chainBase(await this.state.read(RETENTION_COLLECTION, emptyRetention));
    this.reset();
    const listed = this.view.listSegments();
    const { damaged } = this.snapshots.loadInto(listed);
    this.view.foldNew(listed);
    await this.repairTail();
    if (damaged || this.view.foldedSinceSnapshot >= (this.options.snapshotEvery ?? 2e3))
      await this.snapshots.save();
  }
  // ---- the port: reading ----
  async query(query) {
    const { index } = this.view;
    const found = index.query(toIndexQuery(index, query, this.storedUser(query.user)));
    return this.view.readRecords(found.map((e) => ({ id: index.idOf(e), loc: index.latest(e) })));
  }
  async count(query) {
    const { index } = this.view;
    const q = toIndexQuery(index, query, this.storedUser(query.user));
    return index.query({ ...q, limit: Number.MAX_SAFE_INTEGER }).length;
  }
  async get(id) {
    return this.getNow(id);
  }
  async records(id) {
    const e = this.view.index.lookup(id);
    if (e < 0) return [];
    return this.view.readRecords(this.view.index.all(e).map((loc) => ({ id, loc })));
  }
  async *scan(options = {}) {
    yield* this.view.scan(options.afterSeq ?? 0);
  }
  async *scanBatches(options = {}) {
    yield* this.view.scanBatches(options.afterSeq ?? 0);
  }
  async refresh() {
    await this.vault.refreshIfChanged();
    const listed = this.view.listSegments();
    if (this.view.rewritten(listed)) await this.reload();
    else this.view.foldNew(listed);
  }
  head() {
    const last = this.view.headRecord;
    if (last && this.base) return this.base.seq > last.seq ? this.base : last;
    return last ?? this.base;
  }
  recordCount() {
    return this.view.recordTotal;
  }
  resolveUser(stored) {
    return this.vault.resolve(stored);
  }
  skippedCount() {
    return this.view.skipped;
  }
  segmentNames() {
    return this.view.segs.map((s) => s.name.name);
  }
  quarantined() {
    return [...this.moved];
  }
  async close() {
    if (this.closed) return;
    this.closed = true;
    await this.queue.idle();
    if (this.view.foldedSinceSnapshot >= (this.options.snapshotEvery ?? 2e3)) await this.snapshots.save();
    this.closeFds();
  }
  // ---- the port: appending ----
  append(input) {
    return this.queue.push(input);
  }
  appendIf(input, when) {
    return this.queue.push(input, when);
  }
  /**
   * Group commit: the appends waiting together are written in order under one lock and made durable by one
   * fdatasync (`file-journal/append-batch.ts`); each is acknowledged only after that sync.
   */
  async commit(batch) {
    const ready = [];
    for (const p of batch) {
      try {
        ready.push({ ...p, stored: await this.prepare(p.input) });
      } catch (err) {
        p.reject(err);
      }
    }
    if (ready.length === 0) return;
    this.catchUpActive();
    for (let attempt = 0; ; attempt++) {
      const release = await this.lock.forAppend(this.view.segs.length === 0);
      let reload = false;
      try {
        reload = this.syncUnderLock() === "reload" && attempt < 3;
        if (!reload) {
          const results = await appendBatch(
            this.view,
            this.rollover,
            this.head(),
            ready,
            (id) => this.getNow(id)
          );
          ready.forEach((p, i) => p.resolve(results[i] ?? null));
          return;
        }
      } catch (err) {
        if (err instanceof OpsledgerError) throw err;
        throw unavailable(`cannot append to the execution journal: ${err.message}`, err);
      } finally {
        release();
      }
      await this.reload();
    }
  }
  /** An append checked and in stored form (pseudonyms); refused once the journal is closed. */
  async prepare(input) {
    if (this.closed) throw new OpsledgerError("INTERNAL", "the journal is closed");
    assertExecutionInput(input);
    try {
      return await pseudonymizeInput(this.vault, input);
    } catch (err) {
      throw unavailable(`cannot record the initiator in the pseudonym vault: ${err.message}`, err);
    }
  }
  getNow(id) {
    const e = this.view.index.lookup(id);
    if (e < 0) return null;
    return this.view.readRecords([{ id, loc: this.view.index.latest(e) }])[0] ?? null;
  }
  /** Forget everything and read the journal again (after segments were rewritten or removed). */
  async reload() {
    this.base = chainBase(await this.state.read(RETENTION_COLLECTION, emptyRetention));
    this.reset();
    this.view.foldNew(this.view.listSegments());
  }
  reset() {
    this.rollover.close();
    this.lock.close();
    this.view.reset();
  }
  /** Fold complete lines other processes appended to the active segment (no lock: only whole lines count). */
  catchUpActive() {
    const last = this.view.segs.length - 1;
    const size = this.rollover.lastSize();
    if (size !== null && size > this.view.segs[last].bytes) this.view.foldSegment(last, size);
  }
  /**
   * With the lock held: make the in-memory view the journal's true end. Fold what others appended (a new segment
   * shows as the active one being sealed), and quarantine a torn tail a crashed writer left.
   */
  syncUnderLock() {
    const check = this.rollover.check();
    if (check !== "unknown") return check === "current" ? "ok" : "reload";
    const listed = this.view.listSegments();
    if (this.view.rewritten(listed)) return "reload";
    this.view.foldNew(listed);
    this.quarantineTail();
    return "ok";
  }
  /** At open: the incomplete bytes after the last newline are moved aside under the lock (never fatal; reported). */
  async repairTail() {
    const last = this.view.segs[this.view.segs.length - 1];
    if (!last) return;
    const size = statSync5(this.view.fileOf(this.view.segs.length - 1), { throwIfNoEntry: false })?.size ?? 0;
    if (size === last.bytes || size === 0) return;
    const release = await this.lock.forRepair();
    if (release instanceof Error) {
      this.warn(
        `journal: the last line of ${last.name.name} is incomplete and could not be moved to quarantine (${release.message}); it is ignored`
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
  quarantineTail() {
    const moved = quarantineTornTail(this.view, this.now(), (m) => this.warn(m));
    if (moved) this.moved.push(moved);
  }
  storedUser(user) {
    if (user === void 0) return void 0;
    if (PSEUDONYM.test(user)) return user;
    return this.vault.lookup(user) ?? (this.view.index.users.code(user) >= 0 ? user : null);
  }
  closeFds() {
    this.rollover.close();
    this.view.closeReaders();
    this.lock.close();
  }
  warn(message) {
    this.options.onWarning?.(message);
  }
};
function unavailable(message, cause) {
  return new OpsledgerError("JOURNAL_UNAVAILABLE", message, { cause });
}

export {
  locateAfterSeq,
  snapshotPath,
  openJournal
};
