function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  recordedVia
} from "./chunk-E6QTRHM3.js";
import {
  LineCollector,
  UNFINISHED,
  UNPARSEABLE
} from "./chunk-LWBR7UDM.js";
import {
  parseInstant,
  recordStart
} from "./chunk-LSPDTQJD.js";
import {
  iterateLineChunks
} from "./chunk-MAQSCYAI.js";

// src/reports/read-journal-part.ts
import { closeSync, openSync, readSync } from "node:fs";

// src/reports/ascii-json.ts
function asciiJson(value) {
  return JSON.stringify(value).replace(NON_ASCII, escape);
}
var NON_ASCII = /[\u0080-\uffff]/g;
function escape(c) {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

// src/reports/run-block.ts
var NUMBER_COLUMNS = 7;
var REF_COLUMNS = 11;
var FLAG_COLUMNS = 2;
var Num = {
  Seq: 0,
  Started: 1,
  Duration: 2,
  Version: 3,
  Planned: 4,
  Missed: 5,
  Attempt: 6
};
var Ref = {
  Action: 0,
  Status: 1,
  User: 2,
  Trigger: 3,
  Targets: 4,
  Commit: 5,
  DefinitionStatus: 6,
  RunbookId: 7,
  RunbookStep: 8,
  RunbookRun: 9,
  Kind: 10
};
var RunBlock = class _RunBlock {
  constructor(count, columns, idEncoding, strings, targetLists) {
    this.count = count;
    this.idEncoding = idEncoding;
    this.strings = strings;
    this.targetLists = targetLists;
    const inMemory = "numbers" in columns;
    this.cols = inMemory ? columns : null;
    this.source = inMemory ? null : columns;
  }
  count;
  idEncoding;
  strings;
  targetLists;
  cols;
  source;
  /** Every column in memory (read from the file first if they are not). */
  loaded() {
    if (this.cols) return this.cols;
    this.cols = this.source.load();
    this.source = null;
    return this.cols;
  }
  /** Let go of the file the columns are read from, if any (the columns already read stay). */
  close() {
    this.source?.close();
  }
  /** The raw columns (hot loops: run-owners.ts): `numbers[c * count + i]`, `refs[c * count + i]`. */
  columns() {
    const { numbers, refs } = this.loaded();
    return { numbers, refs };
  }
  seq(i) {
    return this.loaded().numbers[Num.Seq * this.count + i];
  }
  started(i) {
    return this.loaded().numbers[Num.Started * this.count + i];
  }
  /** How many rows started at or before `ms` (rows are in start order: a binary search). */
  startedBy(ms) {
    if (this.source) return this.source.startedBy(ms);
    const { numbers } = this.loaded();
    let lo = 0;
    let hi = this.count;
    const base = Num.Started * this.count;
    while (lo < hi) {
      const mid = lo + hi >> 1;
      if (numbers[base + mid] <= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  planned(i) {
    return nullable(this.loaded().numbers[Num.Planned * this.count + i]);
  }
  missed(i) {
    return nullable(this.loaded().numbers[Num.Missed * this.count + i]);
  }
  /** The reference (index into `strings`) of a string field: action, status, user, trigger, commit, runbook id or run. */
  ref(field, i) {
    return this.loaded().refs[REF_OF[field] * this.count + i];
  }
  /** The rows whose `field` refers to one of the strings `test` accepts, ascending. */
  rowsWith(field, test) {
    const flagged = flagStrings(this.strings, test);
    if (!flagged.includes(1)) return [];
    const column2 = REF_OF[field];
    if (this.source) return this.source.rowsWith(column2, flagged);
    const { refs } = this.loaded();
    const rows = [];
    for (let i = 0, at = column2 * this.count; i < this.count; i++) {
      const r = refs[at + i];
      if (r !== -1 && flagged[r] === 1) rows.push(i);
    }
    return rows;
  }
  str(ref) {
    return ref === -1 ? null : this.strings[ref];
  }
  id(i) {
    const { idBytes, idOffsets } = this.loaded();
    return idBytes.toString(this.idEncoding, idOffsets[i], idOffsets[i + 1]);
  }
  /** The rows whose id is one of `ids` (compared as stored bytes: no id decoded but the candidates'). */
  find(ids) {
    const wanted = /* @__PURE__ */ new Map();
    for (const id of ids) {
      const bytes = Buffer.from(id, this.idEncoding);
      let byLength = wanted.get(bytes.length);
      if (!byLength) wanted.set(bytes.length, byLength = /* @__PURE__ */ new Map());
      byLength.set(id, bytes);
    }
    const found = /* @__PURE__ */ new Map();
    if (wanted.size === 0) return found;
    if (this.source) return this.source.find(wanted);
    const { idOffsets, idBytes } = this.loaded();
    for (let i = 0; i < this.count; i++) {
      const start = idOffsets[i];
      const byLength = wanted.get(idOffsets[i + 1] - start);
      if (!byLength) continue;
      for (const [id, bytes] of byLength)
        if (idBytes.compare(bytes, 0, bytes.length, start, start + bytes.length) === 0) found.set(id, i);
    }
    return found;
  }
  /**
   * Rows `rows` as objects, in that order: from the columns in memory, or read from the file (those rows alone, a
   * chunk at a time: a report that builds one action's part reads its 3,000 rows, not the 60 MB of all 500,000).
   */
  runs(rows) {
    if (!this.source) return rows.map((i) => this.run(i));
    const wanted = [...new Set(rows)].sort((a, b) => a - b);
    const part = new _RunBlock(
      wanted.length,
      this.source.gather(wanted),
      this.idEncoding,
      this.strings,
      this.targetLists
    );
    const at = new Map(wanted.map((row, k) => [row, k]));
    return rows.map((i) => part.run(at.get(i)));
  }
  /** Row `i` as the object foldRuns makes (`point` -1: the model sets it). */
  run(i) {
    const n = this.count;
    const { numbers, refs, flags } = this.loaded();
    const strings = this.strings;
    const runbook = refs[Ref.RunbookId * n + i];
    const commit = refs[Ref.Commit * n + i];
    const definitionStatus = refs[Ref.DefinitionStatus * n + i];
    const kind = refs[Ref.Kind * n + i];
    let step = null;
    let run = null;
    if (runbook !== -1) {
      const s = refs[Ref.RunbookStep * n + i];
      const r = refs[Ref.RunbookRun * n + i];
      step = s === -1 ? "" : strings[s];
      run = r === -1 ? "" : strings[r];
    }
    return {
      id: this.id(i),
      seq: numbers[i],
      action: strings[refs[Ref.Action * n + i]],
      started: numbers[Num.Started * n + i],
      duration: nullable(numbers[Num.Duration * n + i]),
      status: strings[refs[Ref.Status * n + i]],
      user: strings[refs[Ref.User * n + i]],
      trigger: strings[refs[Ref.Trigger * n + i]],
      targets: this.targetLists[refs[Ref.Targets * n + i]],
      version: nullable(numbers[Num.Version * n + i]),
      commit: commit === -1 ? null : strings[commit],
      definitionStatus: definitionStatus === -1 ? null : strings[definitionStatus],
      dirty: flags[i] === 1,
      runbook: runbook === -1 ? null : { id: strings[runbook], step, run },
      local: flags[n + i] === 1,
      kind: kind !== -1 && strings[kind] === "runbook_run" ? "runbook_run" : null,
      planned: nullable(numbers[Num.Planned * n + i]),
      missed: nullable(numbers[Num.Missed * n + i]),
      attempt: nullable(numbers[Num.Attempt * n + i]),
      point: -1
    };
  }
};
var REF_OF = {
  action: Ref.Action,
  status: Ref.Status,
  user: Ref.User,
  trigger: Ref.Trigger,
  commit: Ref.Commit,
  runbook: Ref.RunbookId,
  run: Ref.RunbookRun,
  kind: Ref.Kind
};
function flagStrings(strings, test) {
  const flags = new Uint8Array(strings.length);
  for (let i = 0; i < strings.length; i++) if (test(strings[i])) flags[i] = 1;
  return flags;
}
function nullable(v) {
  return Number.isNaN(v) ? null : v;
}

// src/reports/block-layout.ts
var DamagedRunCache = class extends Error {
  constructor(what) {
    super(`damaged run cache: ${what}`);
    this.name = "DamagedRunCache";
  }
};
function parseBlockHead(head, bodyLength) {
  if (head.length < 4) throw new DamagedRunCache("no head");
  const jsonLength = head.readUInt32LE(0);
  if (4 + jsonLength > head.length || 4 + jsonLength > bodyLength) throw new DamagedRunCache("short head");
  let section;
  try {
    section = JSON.parse(head.toString("latin1", 4, 4 + jsonLength));
  } catch {
    throw new DamagedRunCache("head is not JSON");
  }
  const { count, strings, ids } = section;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 0) throw new DamagedRunCache("count");
  if (!Array.isArray(strings) || !strings.every((s) => typeof s === "string"))
    throw new DamagedRunCache("strings");
  if (!Array.isArray(section.targets) || ids !== "latin1" && ids !== "utf16le")
    throw new DamagedRunCache("targets or id encoding");
  const targets = section.targets.map((list) => {
    if (!Array.isArray(list)) throw new DamagedRunCache("target list");
    return list.map((i) => {
      const s = Number.isInteger(i) ? strings[i] : void 0;
      if (s === void 0) throw new DamagedRunCache("target");
      return s;
    });
  });
  const numbersAt = pad8(4 + jsonLength);
  const refsAt = numbersAt + 8 * NUMBER_COLUMNS * count;
  const offsetsAt = refsAt + 4 * REF_COLUMNS * count;
  const flagsAt = offsetsAt + 4 * (count + 1);
  const idsAt = flagsAt + FLAG_COLUMNS * count;
  if (idsAt > bodyLength) throw new DamagedRunCache("shorter than its columns");
  return {
    count,
    strings,
    targets,
    ids,
    numbersAt,
    refsAt,
    offsetsAt,
    flagsAt,
    idsAt,
    bodyLength
  };
}
function checkColumns(count, columns, strings, targets) {
  const { refs, idOffsets } = columns;
  if (idOffsets[0] !== 0 || idOffsets[count] !== columns.idBytes.length)
    throw new DamagedRunCache("id offsets");
  for (let i = 0; i < count; i++)
    if (idOffsets[i] > idOffsets[i + 1]) throw new DamagedRunCache("id offsets");
  for (let c = 0; c < REF_COLUMNS; c++) {
    const limit = c === Ref.Targets ? targets : strings;
    for (let i = c * count, end = (c + 1) * count; i < end; i++) {
      const v = refs[i];
      if (v < -1 || v >= limit) throw new DamagedRunCache("reference out of range");
    }
  }
  for (let i = 0; i < 5 * count; i++)
    if (refs[i] === -1) throw new DamagedRunCache("null where a run has a value");
}
function pad8(n) {
  return Math.ceil(n / 8) * 8;
}

// src/reports/encode-folded-runs.ts
function encodeRuns(runs) {
  const count = runs.length;
  const table = new StringTable();
  const targetIndex = /* @__PURE__ */ new Map();
  const targetsRef = (list) => {
    let i = targetIndex.get(list);
    if (i === void 0) targetIndex.set(list, i = table.addTargets(list));
    return i;
  };
  const numbers = new Float64Array(count * NUMBER_COLUMNS);
  const refs = new Int32Array(count * REF_COLUMNS);
  const flags = new Uint8Array(count * FLAG_COLUMNS);
  const num = (v) => v === null ? NaN : v;
  const ref = (s) => s === null ? -1 : table.ref(s);
  for (let i = 0; i < count; i++) {
    const r = runs[i];
    numbers[i] = r.seq;
    numbers[count + i] = r.started;
    numbers[2 * count + i] = num(r.duration);
    numbers[3 * count + i] = num(r.version);
    numbers[4 * count + i] = num(r.planned);
    numbers[5 * count + i] = num(r.missed);
    numbers[6 * count + i] = num(r.attempt);
    refs[i] = table.ref(r.action);
    refs[count + i] = table.ref(r.status);
    refs[2 * count + i] = table.ref(r.user);
    refs[3 * count + i] = table.ref(r.trigger);
    refs[4 * count + i] = targetsRef(r.targets);
    refs[5 * count + i] = ref(r.commit);
    refs[6 * count + i] = ref(r.definitionStatus);
    refs[7 * count + i] = ref(r.runbook?.id ?? null);
    refs[8 * count + i] = ref(r.runbook?.step ?? null);
    refs[9 * count + i] = ref(r.runbook?.run ?? null);
    refs[10 * count + i] = ref(r.kind);
    flags[i] = r.dirty ? 1 : 0;
    flags[count + i] = r.local ? 1 : 0;
  }
  return assemble(count, (i) => runs[i].id, numbers, refs, flags, table);
}
function encodeColumns(c) {
  const { count, order, rowNumbers, rowRefs, rowFlags } = c;
  const table = new StringTable();
  const stringMap = new Int32Array(c.strings.length).fill(-1);
  const ref = (old) => {
    if (old === -1) return -1;
    let i = stringMap[old];
    if (i === -1) stringMap[old] = i = table.ref(c.strings[old]);
    return i;
  };
  const targetMap = new Int32Array(c.targetLists.length).fill(-1);
  const numbers = new Float64Array(count * NUMBER_COLUMNS);
  const refs = new Int32Array(count * REF_COLUMNS);
  const flags = new Uint8Array(count * FLAG_COLUMNS);
  for (let i = 0; i < count; i++) {
    const row = order[i];
    for (let k = 0; k < NUMBER_COLUMNS; k++) numbers[k * count + i] = rowNumbers[row * NUMBER_COLUMNS + k];
    const f = row * REF_COLUMNS;
    for (let k = 0; k < REF_COLUMNS; k++) {
      const old = rowRefs[f + k];
      if (k !== Ref.Targets) refs[k * count + i] = ref(old);
      else {
        let t = targetMap[old];
        if (t === -1) targetMap[old] = t = table.addTargets(c.targetLists[old]);
        refs[k * count + i] = t;
      }
    }
    flags[i] = rowFlags[row * 2];
    flags[count + i] = rowFlags[row * 2 + 1];
  }
  return assemble(count, (i) => c.ids[order[i]], numbers, refs, flags, table);
}
var StringTable = class {
  strings = [];
  targets = [];
  targetLists = [];
  index = /* @__PURE__ */ new Map();
  ref(s) {
    let i = this.index.get(s);
    if (i === void 0) this.index.set(s, i = this.strings.push(s) - 1);
    return i;
  }
  addTargets(list) {
    this.targetLists.push(list);
    return this.targets.push(list.map((s) => this.ref(s))) - 1;
  }
};
function assemble(count, idOf, numbers, refs, flags, table) {
  let wide = false;
  const offsets = new Uint32Array(count + 1);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const id = idOf(i);
    if (!wide && !isLatin1(id)) wide = true;
    offsets[i] = bytes;
    bytes += id.length;
  }
  offsets[count] = bytes;
  const encoding = wide ? "utf16le" : "latin1";
  if (wide) for (let i = 0; i <= count; i++) offsets[i] = offsets[i] * 2;
  const idBytes = Buffer.allocUnsafe(offsets[count]);
  for (let i = 0; i < count; i++) idBytes.write(idOf(i), offsets[i], encoding);
  const { strings, targets } = table;
  const json = Buffer.from(asciiJson({ count, strings, targets, ids: encoding }), "latin1");
  const head = Buffer.alloc(pad8(4 + json.length));
  head.writeUInt32LE(json.length, 0);
  json.copy(head, 4);
  const flagBytes = Buffer.from(flags.buffer, flags.byteOffset, flags.byteLength);
  return {
    pieces: [
      head,
      Buffer.from(numbers.buffer, numbers.byteOffset, numbers.byteLength),
      Buffer.from(refs.buffer, refs.byteOffset, refs.byteLength),
      Buffer.from(offsets.buffer, offsets.byteOffset, offsets.byteLength),
      flagBytes,
      idBytes
    ],
    block: new RunBlock(
      count,
      { numbers, refs, idOffsets: offsets, flags: flagBytes, idBytes },
      encoding,
      strings,
      table.targetLists
    )
  };
}
function decodeBlock(body) {
  const head = parseBlockHead(body, body.length);
  const { count } = head;
  const columns = {
    numbers: column(Float64Array, body, head.numbersAt, count * NUMBER_COLUMNS),
    refs: column(Int32Array, body, head.refsAt, count * REF_COLUMNS),
    idOffsets: column(Uint32Array, body, head.offsetsAt, count + 1),
    flags: body.subarray(head.flagsAt, head.idsAt),
    idBytes: body.subarray(head.idsAt)
  };
  checkColumns(count, columns, head.strings.length, head.targets.length);
  return new RunBlock(count, columns, head.ids, head.strings, head.targets);
}
function column(Type, body, at, length) {
  const offset = body.byteOffset + at;
  if (offset % Type.BYTES_PER_ELEMENT === 0) return new Type(body.buffer, offset, length);
  const copy = new Type(length);
  new Uint8Array(copy.buffer).set(body.subarray(at, at + copy.byteLength));
  return copy;
}
function isLatin1(s) {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 255) return false;
  return true;
}

// src/reports/fold-columns.ts
async function foldColumnsFrom(batches) {
  const fold = new ColumnFolder();
  for await (const batch of batches) for (const r of batch) fold.add(r);
  return fold.finish();
}
var ColumnFolder = class {
  capacity = 1 << 12;
  count = 0;
  numbers = new Float64Array(this.capacity * NUMBER_COLUMNS);
  refs = new Int32Array(this.capacity * REF_COLUMNS);
  flags = new Uint8Array(this.capacity * 2);
  ids = [];
  rowOf = /* @__PURE__ */ new Map();
  strings = [];
  stringIndex = /* @__PURE__ */ new Map();
  targetKeys = [];
  targetLists = [];
  targetIndex = /* @__PURE__ */ new Map();
  /** `started`: the record's start already parsed (parseInstant) by a caller that checked it. */
  add(r, started = parseInstant(r.started_at)) {
    if (Number.isNaN(started)) return;
    let row = this.rowOf.get(r.id);
    if (row !== void 0) {
      if (this.numbers[row * NUMBER_COLUMNS + Num.Seq] >= r.seq) return;
    } else {
      if (this.count === this.capacity) this.grow();
      row = this.count++;
      this.rowOf.set(r.id, row);
      this.ids.push(r.id);
    }
    const d = r.definition;
    const n = row * NUMBER_COLUMNS;
    const numbers = this.numbers;
    numbers[n + Num.Seq] = r.seq;
    numbers[n + Num.Started] = started;
    numbers[n + Num.Duration] = r.duration_ms ?? NaN;
    numbers[n + Num.Version] = d.version ?? NaN;
    numbers[n + Num.Planned] = r.planned_at === void 0 ? NaN : parseInstant(r.planned_at);
    numbers[n + Num.Missed] = r.missed?.count ?? NaN;
    numbers[n + Num.Attempt] = r.attempt ?? NaN;
    const f = row * REF_COLUMNS;
    const refs = this.refs;
    refs[f + Ref.Action] = this.ref(r.action_id);
    refs[f + Ref.Status] = this.ref(r.status);
    refs[f + Ref.User] = this.ref(r.initiator.user);
    refs[f + Ref.Trigger] = this.ref(r.trigger);
    refs[f + Ref.Targets] = this.targets(r.targets);
    refs[f + Ref.Commit] = d.commit === null ? -1 : this.ref(d.commit);
    refs[f + Ref.DefinitionStatus] = d.status === null ? -1 : this.ref(d.status);
    const step = r.runbook ? [r.runbook.id, r.runbook.step, r.runbook.run_id] : r.runbook_run_id && r.step_id ? ["", r.step_id, r.runbook_run_id] : null;
    refs[f + Ref.RunbookId] = step ? this.ref(step[0]) : -1;
    refs[f + Ref.RunbookStep] = step ? this.ref(step[1]) : -1;
    refs[f + Ref.RunbookRun] = step ? this.ref(step[2]) : -1;
    refs[f + Ref.Kind] = r.kind === "runbook_run" ? this.ref("runbook_run") : -1;
    this.flags[row * 2] = d.dirty ? 1 : 0;
    this.flags[row * 2 + 1] = recordedVia(r) === "local" ? 1 : 0;
  }
  finish() {
    return finishFold(this.state(), (id) => this.rowOf.get(id));
  }
  ref(s) {
    let i = this.stringIndex.get(s);
    if (i === void 0) this.stringIndex.set(s, i = this.strings.push(s) - 1);
    return i;
  }
  /** A target list, its strings kept once and sorted as foldRuns sorts them. */
  targets(targets) {
    const key = targets.join("\n");
    let i = this.targetIndex.get(key);
    if (i === void 0) {
      const list = [...targets].map((t) => this.strings[this.ref(t)]).sort();
      this.targetKeys.push(key);
      this.targetIndex.set(key, i = this.targetLists.push(list) - 1);
    }
    return i;
  }
  /**
   * The rows folded so far as plain data, views of this folder's arrays (it is not used after); `hashed`: with each
   * id's idHash, for a merge (merge-folds.ts).
   */
  state(hashed = false) {
    const n = this.count;
    const idHashes = new Uint32Array(hashed ? n : 0);
    if (hashed) for (let row = 0; row < n; row++) idHashes[row] = idHash(this.ids[row]);
    return {
      count: n,
      numbers: this.numbers.subarray(0, n * NUMBER_COLUMNS),
      refs: this.refs.subarray(0, n * REF_COLUMNS),
      flags: this.flags.subarray(0, n * 2),
      ids: this.ids,
      idHashes,
      strings: this.strings,
      targetKeys: this.targetKeys,
      targetLists: this.targetLists
    };
  }
  grow() {
    this.capacity *= 2;
    const numbers = new Float64Array(this.capacity * NUMBER_COLUMNS);
    numbers.set(this.numbers);
    this.numbers = numbers;
    const refs = new Int32Array(this.capacity * REF_COLUMNS);
    refs.set(this.refs);
    this.refs = refs;
    const flags = new Uint8Array(this.capacity * 2);
    flags.set(this.flags);
    this.flags = flags;
  }
};
function idHash(id) {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}
function finishFold(state, rowOf) {
  const order = sortedRows(state);
  linkRunbookSteps(state, order, rowOf);
  return encodeColumns({
    count: state.count,
    order,
    ids: state.ids,
    rowNumbers: state.numbers,
    rowRefs: state.refs,
    rowFlags: state.flags,
    strings: state.strings,
    targetLists: state.targetLists
  });
}
function sortedRows({ numbers, ids, count }) {
  const started = (row) => numbers[row * NUMBER_COLUMNS + Num.Started];
  const compare = (a, b) => {
    const sa = started(a);
    const sb = started(b);
    if (sa !== sb) return sa - sb;
    const ia = ids[a];
    const ib = ids[b];
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
  const order = new Uint32Array(count);
  let sorted = true;
  for (let i = 0; i < count; i++) {
    order[i] = i;
    if (sorted && i > 0 && compare(i - 1, i) > 0) sorted = false;
  }
  return sorted ? order : order.sort(compare);
}
function linkRunbookSteps(state, order, rowOf) {
  const { strings, refs, numbers } = state;
  const at = (s) => {
    const i = strings.indexOf(s);
    return i < 0 ? void 0 : i;
  };
  const blank = at("");
  let unknown = at("?");
  if (blank === void 0 && unknown === void 0) return;
  const runbookRun = at("runbook_run");
  const schedule = at("schedule");
  for (const row of order) {
    const f = row * REF_COLUMNS;
    const id = refs[f + Ref.RunbookId];
    if (id === -1 || id !== blank && id !== unknown) continue;
    const parent = rowOf(strings[refs[f + Ref.RunbookRun]]);
    const p = parent === void 0 ? -1 : parent * REF_COLUMNS;
    if (p >= 0 && refs[p + Ref.Kind] === runbookRun) refs[f + Ref.RunbookId] = refs[p + Ref.Action];
    else refs[f + Ref.RunbookId] = unknown ??= strings.push("?") - 1;
    if (parent !== void 0 && refs[p + Ref.Trigger] === schedule) {
      const planned = numbers[parent * NUMBER_COLUMNS + Num.Planned];
      if (!Number.isNaN(planned)) numbers[row * NUMBER_COLUMNS + Num.Planned] = planned;
    }
  }
}

// src/reports/read-journal-part.ts
function readJournalParts(parts, withLines) {
  const fold = new ColumnFolder();
  const collector = withLines ? new LineCollector() : null;
  const ends = [];
  const lineCounts = [];
  for (const part of parts) {
    const seg = collector ? collector.startSegment(part.file) : 0;
    const fd = openSync(part.file, "r");
    try {
      let lineNo = 0;
      let pos = part.from;
      for (const chunk of iterateLineChunks(fd, part.from, part.to)) {
        let at = 0;
        for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, at)) {
          let value;
          try {
            value = JSON.parse(chunk.toString("utf8", at, nl));
          } catch {
            value = UNPARSEABLE;
          }
          lineNo++;
          collector?.addParsed(seg, lineNo, chunk.subarray(at, nl), value);
          if (value !== UNPARSEABLE && pos + nl < part.foldTo) {
            const started = recordStart(value);
            if (started !== null && value.seq > 0)
              fold.add(value, started);
          }
          at = nl + 1;
        }
        pos += chunk.length;
      }
      if (part.finishes && pos < part.to) {
        const rest = Buffer.alloc(part.to - pos);
        readSync(fd, rest, 0, rest.length, pos);
        lineNo++;
        collector?.addParsed(seg, lineNo, rest, UNFINISHED);
      }
      ends.push(pos);
      lineCounts.push(lineNo);
    } finally {
      closeSync(fd);
    }
  }
  return { fold: fold.state(true), lines: collector?.finish() ?? null, ends, lineCounts };
}

export {
  asciiJson,
  NUMBER_COLUMNS,
  REF_COLUMNS,
  FLAG_COLUMNS,
  Num,
  Ref,
  RunBlock,
  flagStrings,
  DamagedRunCache,
  parseBlockHead,
  checkColumns,
  encodeRuns,
  decodeBlock,
  foldColumnsFrom,
  idHash,
  finishFold,
  readJournalParts
};
