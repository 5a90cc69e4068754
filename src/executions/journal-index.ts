import {
  EXECUTION_STATUSES,
  TRIGGERS,
  type ExecutionQuery,
  type ExecutionStatus,
  type Trigger,
} from './types.js';
import { IdTable } from './id-table.js';

/** Where one journal line lives: segment number (position in the index's segment list), byte offset, length. */
export interface RecordLocation {
  segment: number;
  offset: number;
  length: number;
}

/** The few fields of a record the index keeps (everything else is read from the line when a query returns it). */
export interface RecordSummary {
  id: string;
  seq: number;
  hash: string;
  startedMs: number;
  status: string;
  trigger: string;
  action: string;
  user: string;
  targets: readonly string[];
}

const UNKNOWN = 255;

/** Index-space filters: strings already turned into codes by the caller (a code of -1 matches nothing). */
export interface IndexQuery {
  action?: number;
  user?: number;
  status?: number;
  target?: number;
  trigger?: number;
  sinceMs?: number;
  untilMs?: number;
  limit: number;
  before?: { startedMs: number; id: string };
}

/** A table of distinct strings (action ids, users, targets) numbered in first-seen order. */
export class StringTable {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  constructor(values: readonly string[] = []) {
    for (const v of values) this.intern(v);
  }

  intern(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  code(value: string): number {
    return this.codes.get(value) ?? -1;
  }
}

/** A growable list of int32 kept sorted by the index's execution order. */
class SortedList {
  items: Int32Array<ArrayBufferLike>;
  length = 0;
  constructor(capacity = 16) {
    this.items = new Int32Array(capacity);
  }
  private ensure(n: number): void {
    if (n <= this.items.length) return;
    const next = new Int32Array(Math.max(n, this.items.length * 2));
    next.set(this.items.subarray(0, this.length));
    this.items = next;
  }
  insertAt(pos: number, value: number): void {
    this.ensure(this.length + 1);
    if (pos < this.length) this.items.copyWithin(pos + 1, pos, this.length);
    this.items[pos] = value;
    this.length++;
  }
  removeValue(value: number): void {
    const pos = this.items.subarray(0, this.length).indexOf(value);
    if (pos < 0) return;
    this.items.copyWithin(pos, pos + 1, this.length);
    this.length--;
  }
}

function grow<T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(arr: T, need: number): T {
  if (need <= arr.length) return arr;
  const Ctor = arr.constructor as new (n: number) => T;
  const next = new Ctor(Math.max(need, arr.length * 2, 1024));
  next.set(arr);
  return next;
}

/** Everything a snapshot must carry to rebuild an index without reading the journal again. */
export interface IndexColumns {
  count: number;
  ids: string[];
  actions: string[];
  users: string[];
  targets: string[];
  started: Float64Array;
  status: Uint8Array;
  trigger: Uint8Array;
  action: Uint32Array;
  user: Uint32Array;
  tgtStart: Uint32Array;
  tgtLen: Uint16Array;
  tgtPool: Uint32Array;
  recCount: Uint16Array;
  firstSeg: Uint16Array;
  firstOff: Float64Array;
  firstLen: Uint32Array;
  lastSeg: Uint16Array;
  lastOff: Float64Array;
  lastLen: Uint32Array;
  order: Int32Array;
  extra: [number, RecordLocation[]][];
}

/**
 * The in-memory index of the journal: one row per execution (its latest state), in columns of typed arrays so a
 * million records cost tens of megabytes, an order by (started_at, id) and one such order per action. Queries walk
 * an order from the newest end and stop at `limit`, so they never scan the journal.
 */
export class JournalIndex {
  private n = 0;
  private ids: string[] = [];
  private idMap: IdTable | null = null;
  private started: Float64Array = new Float64Array(0);
  private status: Uint8Array = new Uint8Array(0);
  private trigger: Uint8Array = new Uint8Array(0);
  private action: Uint32Array = new Uint32Array(0);
  private user: Uint32Array = new Uint32Array(0);
  private tgtStart: Uint32Array = new Uint32Array(0);
  private tgtLen: Uint16Array = new Uint16Array(0);
  private tgtPool: Uint32Array = new Uint32Array(0);
  private tgtPoolLen = 0;
  private recCount: Uint16Array = new Uint16Array(0);
  private firstSeg: Uint16Array = new Uint16Array(0);
  private firstOff: Float64Array = new Float64Array(0);
  private firstLen: Uint32Array = new Uint32Array(0);
  private lastSeg: Uint16Array = new Uint16Array(0);
  private lastOff: Float64Array = new Float64Array(0);
  private lastLen: Uint32Array = new Uint32Array(0);
  private extra = new Map<number, RecordLocation[]>();
  private order = new SortedList(1024);
  private byAction = new Map<number, SortedList>();
  readonly actions = new StringTable();
  readonly users = new StringTable();
  readonly targets = new StringTable();

  /** Number of executions. */
  get size(): number {
    return this.n;
  }

  /** Fold one record into the index (records must come in journal order). */
  add(r: RecordSummary, loc: RecordLocation): void {
    const existing = this.lookup(r.id);
    const action = this.actions.intern(r.action);
    const user = this.users.intern(r.user);
    // A record's status and trigger are stored as their place in these lists (types.ts: new ones go at the end).
    const statusCode = EXECUTION_STATUSES.indexOf(r.status as ExecutionStatus);
    const triggerCode = TRIGGERS.indexOf(r.trigger as Trigger);
    if (existing < 0) {
      const e = this.n++;
      this.reserve(this.n);
      this.ids.push(r.id);
      this.idMap?.add(e);
      this.started[e] = r.startedMs;
      this.action[e] = action;
      this.recCount[e] = 1;
      this.firstSeg[e] = loc.segment;
      this.firstOff[e] = loc.offset;
      this.firstLen[e] = loc.length;
      this.setLatest(e, r, loc, user, statusCode, triggerCode);
      this.insertOrdered(this.order, e);
      this.insertOrdered(this.actionList(action), e);
      return;
    }
    const e = existing;
    const count = this.recCount[e]!;
    if (count >= 2) {
      const all = this.extra.get(e) ?? [this.locationOf(e, 'first'), this.locationOf(e, 'last')];
      all.push(loc);
      this.extra.set(e, all);
    }
    this.recCount[e] = Math.min(count + 1, 65535);
    const moved = this.started[e] !== r.startedMs || this.action[e] !== action;
    if (moved) {
      this.order.removeValue(e);
      this.actionList(this.action[e]!).removeValue(e);
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
  lookup(id: string): number {
    this.idMap ??= new IdTable(this.ids);
    return this.idMap.get(id);
  }

  idOf(e: number): string {
    return this.ids[e]!;
  }

  latest(e: number): RecordLocation {
    return this.locationOf(e, 'last');
  }

  /** Every record location of one execution, in journal order. */
  all(e: number): RecordLocation[] {
    const count = this.recCount[e]!;
    if (count === 1) return [this.locationOf(e, 'last')];
    return this.extra.get(e) ?? [this.locationOf(e, 'first'), this.locationOf(e, 'last')];
  }

  /** Executions matching the query, newest first, at most `limit`. */
  query(q: IndexQuery): number[] {
    const out: number[] = [];
    if (q.limit <= 0) return out;
    if (q.action === -1 || q.user === -1 || q.target === -1 || q.status === -1 || q.trigger === -1)
      return out;
    const list = q.action === undefined ? this.order : this.byAction.get(q.action);
    if (!list) return out;
    const items = list.items;
    let pos = list.length;
    if (q.untilMs !== undefined) pos = this.upperBound(list, q.untilMs);
    if (q.before) pos = Math.min(pos, this.lowerBound(list, q.before.startedMs, q.before.id));
    const since = q.sinceMs ?? -Infinity;
    for (let i = pos - 1; i >= 0; i--) {
      const e = items[i]!;
      if (this.started[e]! < since) break;
      if (q.status !== undefined && this.status[e] !== q.status) continue;
      if (q.user !== undefined && this.user[e] !== q.user) continue;
      if (q.trigger !== undefined && this.trigger[e] !== q.trigger) continue;
      if (q.target !== undefined && !this.hasTarget(e, q.target)) continue;
      out.push(e);
      if (out.length >= q.limit) break;
    }
    return out;
  }

  /** A copy of the columns, trimmed to size, for a snapshot. */
  columns(): IndexColumns {
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
      extra: [...this.extra.entries()],
    };
  }

  /** An index from snapshot columns (the arrays are adopted, not copied). */
  static fromColumns(c: IndexColumns): JournalIndex {
    const index = new JournalIndex();
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
    // Per-action orders are the global order filtered, so they need not be stored.
    for (let i = 0; i < c.order.length; i++) {
      const e = c.order[i]!;
      const list = index.actionList(c.action[e]!);
      if (list.length === list.items.length) {
        const next = new Int32Array(list.items.length * 2);
        next.set(list.items);
        list.items = next;
      }
      list.items[list.length++] = e;
    }
    return index;
  }

  private locationOf(e: number, which: 'first' | 'last'): RecordLocation {
    return which === 'first'
      ? { segment: this.firstSeg[e]!, offset: this.firstOff[e]!, length: this.firstLen[e]! }
      : { segment: this.lastSeg[e]!, offset: this.lastOff[e]!, length: this.lastLen[e]! };
  }

  private setLatest(
    e: number,
    r: RecordSummary,
    loc: RecordLocation,
    user: number,
    statusCode: number,
    triggerCode: number,
  ): void {
    this.status[e] = statusCode < 0 ? UNKNOWN : statusCode;
    this.trigger[e] = triggerCode < 0 ? UNKNOWN : triggerCode;
    this.user[e] = user;
    this.lastSeg[e] = loc.segment;
    this.lastOff[e] = loc.offset;
    this.lastLen[e] = loc.length;
    const codes = r.targets.map((t) => this.targets.intern(t));
    if (this.recCount[e]! > 1 && this.sameTargets(e, codes)) return;
    this.tgtPool = grow(this.tgtPool, this.tgtPoolLen + codes.length);
    this.tgtStart[e] = this.tgtPoolLen;
    this.tgtLen[e] = codes.length;
    for (const c of codes) this.tgtPool[this.tgtPoolLen++] = c;
  }

  private sameTargets(e: number, codes: readonly number[]): boolean {
    if (this.tgtLen[e] !== codes.length) return false;
    const start = this.tgtStart[e]!;
    return codes.every((c, i) => this.tgtPool[start + i] === c);
  }

  private hasTarget(e: number, code: number): boolean {
    const start = this.tgtStart[e]!;
    const end = start + this.tgtLen[e]!;
    for (let i = start; i < end; i++) if (this.tgtPool[i] === code) return true;
    return false;
  }

  private reserve(n: number): void {
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

  private actionList(action: number): SortedList {
    let list = this.byAction.get(action);
    if (!list) {
      list = new SortedList();
      this.byAction.set(action, list);
    }
    return list;
  }

  /** (started, id) order; ids break ties so the order is the same on every rebuild. */
  private compare(a: number, startedMs: number, id: string): number {
    const s = this.started[a]!;
    if (s !== startedMs) return s < startedMs ? -1 : 1;
    const other = this.ids[a]!;
    return other < id ? -1 : other > id ? 1 : 0;
  }

  private insertOrdered(list: SortedList, e: number): void {
    const startedMs = this.started[e]!;
    const id = this.ids[e]!;
    // Appends nearly always arrive in order: check the end first.
    if (list.length === 0 || this.compare(list.items[list.length - 1]!, startedMs, id) <= 0) {
      list.insertAt(list.length, e);
      return;
    }
    list.insertAt(this.lowerBound(list, startedMs, id), e);
  }

  /** First position whose (started, id) is not below the key. */
  private lowerBound(list: SortedList, startedMs: number, id: string): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(list.items[mid]!, startedMs, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First position whose started is above `startedMs` (ties included below). */
  private upperBound(list: SortedList, startedMs: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.started[list.items[mid]!]! <= startedMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Turn a port query into index codes against the index's tables (`user` already mapped to its stored form). */
export function toIndexQuery(index: JournalIndex, q: ExecutionQuery, storedUser?: string | null): IndexQuery {
  const out: IndexQuery = { limit: q.limit ?? 100 };
  if (q.action !== undefined) out.action = index.actions.code(q.action);
  if (q.user !== undefined) out.user = storedUser ? index.users.code(storedUser) : -1;
  if (q.target !== undefined) out.target = index.targets.code(q.target);
  if (q.status !== undefined) out.status = EXECUTION_STATUSES.indexOf(q.status);
  if (q.trigger !== undefined) out.trigger = TRIGGERS.indexOf(q.trigger);
  if (q.since !== undefined) out.sinceMs = Date.parse(q.since);
  if (q.until !== undefined) out.untilMs = Date.parse(q.until);
  if (q.before) out.before = { startedMs: Date.parse(q.before.started_at), id: q.before.id };
  return out;
}
