function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  stableId
} from "./chunk-O7JP4MY6.js";
import {
  NO_STAMPS,
  readWithStat,
  stampsIn
} from "./chunk-SMWZYUQH.js";
import {
  AUDITABLE_TYPES
} from "./chunk-6O2CUPPL.js";

// src/history/definition-pack.ts
import { closeSync, openSync, readdirSync, readFileSync, rmSync, truncateSync, writeSync } from "node:fs";
import path from "node:path";
function recordChecksum(bytes) {
  return process.getBuiltinModule("node:crypto").createHash("sha256").update(bytes).digest("hex").slice(0, 16);
}
function tableFile(genDir, seq) {
  return path.join(genDir, `defs-${seq}.json`);
}
function parseTable(text) {
  const table = JSON.parse(text);
  if (typeof table?.pack !== "string" || typeof table.size !== "number" || typeof table.files !== "object" || table.files === null) {
    throw new Error("not a table of definition records");
  }
  return table;
}
function readTable(genDir, seq) {
  try {
    return parseTable(readFileSync(tableFile(genDir, seq), "utf8"));
  } catch {
    return null;
  }
}
function idsIn(table, kind) {
  return Object.keys(table.files[kind] ?? {}).sort();
}
function readRecord(genDir, table, kind, id, stamps = NO_STAMPS) {
  return readRecordBytes(genDir, table, kind, id, stamps)?.toString("utf8") ?? null;
}
function readRecordBytes(genDir, table, kind, id, stamps = NO_STAMPS) {
  const at = table.files[kind];
  const entry = at && Object.hasOwn(at, id) ? at[id] : void 0;
  if (!entry) return null;
  const [offset, length, checksum] = entry;
  const file = path.join(genDir, table.pack);
  const read = readWithStat(file, { offset, length });
  if (read.bytes.length !== length) throw new Error(`record ${kind}/${id} is cut short in ${table.pack}`);
  if (!stamps.verify(file, read, checksum, () => recordChecksum(read.bytes) === checksum, { offset, length })) {
    throw new Error(`record ${kind}/${id} in ${table.pack} does not match its checksum`);
  }
  return read.bytes;
}
function writePack(genDir, previous, records, writeNew) {
  const files = {};
  let live = 0;
  if (previous) {
    for (const [kind, byId] of Object.entries(previous.files)) {
      files[kind] = { ...byId };
      for (const [, length] of Object.values(byId)) live += length + 1;
    }
  }
  const replaced = records.reduce((n, r) => n + (files[r.kind]?.[r.id]?.[1] ?? -1) + 1, 0);
  const added = records.reduce((n, r) => n + Buffer.byteLength(r.text) + 1, 0);
  const compact = previous !== null && previous.size + added > 2 * (live - replaced + added) + (1 << 20);
  if (!previous || compact) {
    const n = previous ? packNumber(previous.pack) + 1 : 1;
    const pack = `defs-${n}.pack`;
    const fresh = new Map(records.map((r) => [`${r.kind}:${r.id}`, r.text]));
    const all = [];
    if (previous) {
      for (const [kind, byId] of Object.entries(files)) {
        for (const id of Object.keys(byId)) {
          if (!fresh.has(`${kind}:${id}`))
            all.push({ kind, id, text: readRecord(genDir, previous, kind, id) });
        }
      }
    }
    all.push(...records);
    const table2 = { pack, size: 0, files: {} };
    writeNew(path.join(genDir, pack), place(table2, all));
    return table2;
  }
  const file = path.join(genDir, previous.pack);
  truncateSync(file, previous.size);
  const table = { pack: previous.pack, size: previous.size, files };
  const fd = openSync(file, "a");
  try {
    writeSync(fd, place(table, records));
  } finally {
    closeSync(fd);
  }
  return table;
}
function place(table, records) {
  const texts = [];
  for (const r of records) {
    const bytes = Buffer.from(r.text, "utf8");
    (table.files[r.kind] ??= {})[r.id] = [table.size, bytes.length, recordChecksum(bytes)];
    table.size += bytes.length + 1;
    texts.push(r.text, "\n");
  }
  return texts.join("");
}
function checkPack(genDir, table) {
  for (const [kind, byId] of Object.entries(table.files)) {
    for (const id of Object.keys(byId)) {
      try {
        readRecordBytes(genDir, table, kind, id);
      } catch (err) {
        return err.message;
      }
    }
  }
  return null;
}
function removeStalePacks(genDir, table, seq) {
  const keep = /* @__PURE__ */ new Set([table.pack, path.basename(tableFile(genDir, seq))]);
  for (const name of readdirSync(genDir)) {
    if (/^defs-\d+\.(pack|json)$/.test(name) && !keep.has(name))
      rmSync(path.join(genDir, name), { force: true });
  }
}
function packNumber(name) {
  const n = Number(/^defs-(\d+)\.pack$/.exec(name)?.[1]);
  return Number.isInteger(n) ? n : 0;
}

// src/history/history-store.ts
import { mkdirSync, readFileSync as readFileSync2, renameSync, rmSync as rmSync2, writeFileSync } from "node:fs";
import path2 from "node:path";
var INDEX_FORMAT = 6;
function writeAtomic(file, content) {
  const { randomBytes } = process.getBuiltinModule("node:crypto");
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (err) {
    rmSync2(tmp, { force: true });
    throw err;
  }
}
function readJson(file, parse = JSON.parse) {
  try {
    return parse(readFileSync2(file, "utf8"));
  } catch {
    return null;
  }
}
function generationDir(historyDir, generation) {
  return path2.join(historyDir, `gen-${generation}`);
}
var sha256 = (bytes) => process.getBuiltinModule("node:crypto").createHash("sha256").update(bytes).digest("hex");
function readMeta(historyDir, onDamaged) {
  const file = path2.join(historyDir, "meta.json");
  let read;
  let text;
  try {
    read = readWithStat(file);
    text = read.bytes.toString("utf8");
  } catch {
    return null;
  }
  const why = (reason) => {
    onDamaged?.(`history/meta.json ${reason}`);
    return null;
  };
  let stored;
  try {
    stored = JSON.parse(text);
  } catch {
    return why("is not JSON");
  }
  if (stored === null || typeof stored !== "object") return why("is not an index meta");
  if (stored.format !== INDEX_FORMAT) {
    return why(`is of format ${String(stored.format)}, this opsledger reads format ${INDEX_FORMAT}`);
  }
  const { checksum, ...meta } = stored;
  const matches = typeof checksum === "string" && stampsIn(historyDir).verify(file, read, checksum, () => checksum === sha256(JSON.stringify(meta)));
  if (!matches) return why("does not match its checksum");
  if (typeof meta.generation !== "number" || typeof meta.seq !== "number") return why("is not an index meta");
  return meta;
}
function writeMeta(historyDir, meta) {
  const genDir = generationDir(historyDir, meta.generation);
  const checksums = {};
  for (const name of namedFiles(meta)) {
    const bytes = countedBytes(genDir, name, meta);
    if (bytes) checksums[name] = sha256(bytes);
  }
  meta.checksums = checksums;
  const { checksums: _, ...rest } = meta;
  const body = { ...rest, checksums };
  writeAtomic(
    path2.join(historyDir, "meta.json"),
    JSON.stringify({ ...body, checksum: sha256(JSON.stringify(body)) })
  );
}
function namedFiles(meta) {
  return [path2.basename(tableFile("", meta.seq)), "invalid.json", meta.stateFile, "commits.txt"];
}
function countedBytes(genDir, name, meta) {
  try {
    const bytes = readFileSync2(path2.join(genDir, name));
    return name === "commits.txt" ? bytes.subarray(0, meta.seq * COMMIT_LINE) : bytes;
  } catch {
    return null;
  }
}
function matchesChecksum(meta, name, content) {
  const want = meta.checksums?.[name];
  return want !== void 0 && sha256(content) === want;
}
function matchesChecksumRead(historyDir, meta, name, read, counted = read.bytes) {
  const want = meta.checksums?.[name];
  if (want === void 0) return false;
  const file = path2.join(generationDir(historyDir, meta.generation), name);
  return stampsIn(historyDir).verify(file, read, want, () => sha256(counted) === want);
}
function checkIndexFiles(historyDir, meta) {
  const genDir = generationDir(historyDir, meta.generation);
  for (const name of namedFiles(meta)) {
    const want = meta.checksums?.[name];
    if (want === void 0) continue;
    const bytes = countedBytes(genDir, name, meta);
    if (!bytes) return `history/gen-${meta.generation}/${name} is missing`;
    if (sha256(bytes) !== want) return `history/gen-${meta.generation}/${name} does not match its checksum`;
  }
  return null;
}
function readFoldState(historyDir, meta) {
  const file = path2.join(generationDir(historyDir, meta.generation), meta.stateFile);
  const state = readJson(file, (text) => {
    if (!matchesChecksum(meta, meta.stateFile, text)) throw new Error("checksum");
    return JSON.parse(text);
  });
  return state && state.seq === meta.seq ? state : null;
}
var COMMIT_LINE = 40 + 1 + 25 + 1;
function commitsFile(genDir) {
  return path2.join(genDir, "commits.txt");
}
function formatCommitLines(commits) {
  return commits.map((c) => `${c.sha} ${c.committer.date.slice(0, 25).padEnd(25)}
`).join("");
}
function parseCommitLines(text, count) {
  if (text.length < count * COMMIT_LINE) return null;
  const out = [];
  for (let i = 0; i < count; i++) {
    const line = text.slice(i * COMMIT_LINE, (i + 1) * COMMIT_LINE - 1);
    out.push([line.slice(0, 40), line.slice(41).trimEnd()]);
  }
  return out;
}
function ensureDir(dir) {
  mkdirSync(dir, { recursive: true });
}

// src/history/types.ts
var AUDIT_ACTIONS = ["create", "update", "delete"];
var FORGES = ["github", "gitlab", "bitbucket", "azure"];

// src/history/definition-file-codec.ts
function encodeDefinitionFile(file) {
  const strings = [];
  const stringAt = /* @__PURE__ */ new Map();
  const str = (s) => {
    if (s === null) return -1;
    let at = stringAt.get(s);
    if (at === void 0) {
      at = strings.push(s) - 1;
      stringAt.set(s, at);
    }
    return at;
  };
  const people = [];
  const personAt = /* @__PURE__ */ new Map();
  const personOf = /* @__PURE__ */ new Map();
  const person = (p) => {
    let at = personOf.get(p);
    if (at !== void 0) return at;
    const key = `${p.name}
${p.email}`;
    at = personAt.get(key);
    if (at === void 0) {
      at = people.push([str(p.name), str(p.email)]) - 1;
      personAt.set(key, at);
    }
    personOf.set(p, at);
    return at;
  };
  const shapes = [];
  const shapeAt = /* @__PURE__ */ new Map();
  const shapeOf = (value) => {
    const keys = value.map(([key2]) => key2);
    const key = keys.join("\n");
    let at = shapeAt.get(key);
    if (at === void 0) {
      at = shapes.push(keys) - 1;
      shapeAt.set(key, at);
    }
    return at;
  };
  const form = {
    kind: file.kind,
    id: file.id,
    strings,
    people,
    events: file.events.map(({ seq, ord, event: e }) => [
      seq,
      ord,
      AUDITABLE_TYPES.indexOf(e.auditable_type),
      str(e.auditable_id),
      AUDIT_ACTIONS.indexOf(e.action),
      e.version,
      e.audited_changes,
      str(e.commit),
      str(e.created_at),
      str(e.path),
      str(e.message),
      e.pull_request,
      str(e.revert_of),
      str(e.blob),
      person(e.user),
      e.authors.map(person),
      person(e.committer),
      e.valid ? 1 : 0,
      e.problems,
      e.changed_by === null ? null : Object.entries(e.changed_by).map(([pointer, c]) => [pointer, person(c), str(c.commit)]),
      e.merged_by === null ? -1 : person(e.merged_by),
      e.restores === null ? null : [e.restores.version, str(e.restores.commit)],
      e.partial ? 1 : 0,
      e.forge === null ? -1 : FORGES.indexOf(e.forge)
    ]),
    states: file.states.map((s) => [
      s.seq,
      str(s.commit),
      str(s.created_at),
      s.version,
      str(s.blob),
      str(s.path),
      str(s.file_blob),
      s.valid ? 1 : 0
    ]),
    shapes,
    values: Object.entries(file.values).map(([blob, value]) => {
      const row = [str(blob), shapeOf(value)];
      for (const [, part] of value) row.push(part);
      return row;
    }),
    parts: file.parts
  };
  return JSON.stringify(form);
}
var oneValue = /* @__PURE__ */ new WeakMap();
function valueOfBlob(file, blob) {
  const one = oneValue.get(file);
  return one ? one(blob) : Object.hasOwn(file.values, blob) ? file.values[blob] : void 0;
}
var idsRead = /* @__PURE__ */ new WeakMap();
var ID_PROPERTY = {
  enumerable: true,
  configurable: true,
  get() {
    let id = idsRead.get(this);
    if (id === void 0)
      idsRead.set(this, id = stableId(this.commit, this.auditable_type, this.auditable_id));
    return id;
  }
};
function changedByOf(rows, person, must) {
  const out = {};
  for (const [pointer, who, commit] of rows) {
    const p = person(who);
    out[pointer] = { name: p.name, email: p.email, commit: must(commit) };
  }
  return out;
}
function decodeDefinitionFile(text) {
  const form = JSON.parse(text);
  const { strings, people } = form;
  if (!Array.isArray(strings) || !Array.isArray(people) || !Array.isArray(form.events) || !Array.isArray(form.shapes)) {
    throw new Error("not a definition file");
  }
  const str = (at) => {
    if (at === -1) return null;
    const s = strings[at];
    if (typeof s !== "string") throw new Error(`string ${at} is missing`);
    return s;
  };
  const must = (at) => {
    const s = str(at);
    if (s === null) throw new Error("a required string is null");
    return s;
  };
  const person = (at) => {
    const p = people[at];
    if (!p) throw new Error(`person ${at} is missing`);
    return { name: must(p[0]), email: must(p[1]) };
  };
  const enumOf = (list, at) => {
    const v = list[at];
    if (v === void 0) throw new Error(`code ${at} is unknown`);
    return v;
  };
  const persons = [];
  const personOf = (at) => persons[at] ??= person(at);
  const events = form.events.map((r) => {
    const event = {};
    Object.defineProperty(event, "id", ID_PROPERTY);
    event.auditable_type = enumOf(AUDITABLE_TYPES, r[2]);
    event.auditable_id = must(r[3]);
    event.action = enumOf(AUDIT_ACTIONS, r[4]);
    event.version = r[5];
    event.audited_changes = r[6];
    event.user = personOf(r[14]);
    event.commit = must(r[7]);
    event.created_at = must(r[8]);
    event.path = must(r[9]);
    event.message = must(r[10]);
    event.pull_request = r[11];
    event.revert_of = str(r[12]);
    event.blob = str(r[13]);
    event.authors = r[15].map(personOf);
    event.committer = personOf(r[16]);
    event.valid = r[17] === 1;
    event.problems = r[18];
    event.changed_by = r[19] === null ? null : changedByOf(r[19], person, must);
    event.merged_by = r[20] === -1 ? null : personOf(r[20]);
    event.restores = r[21] === null ? null : { version: r[21][0], commit: must(r[21][1]) };
    event.partial = r[22] === 1;
    event.forge = r[23] === -1 ? null : enumOf(FORGES, r[23]);
    event.approvals = null;
    return { seq: r[0], ord: r[1], event };
  });
  for (const r of form.states) {
    must(r[1]);
    must(r[2]);
    str(r[4]);
    must(r[5]);
    str(r[6]);
  }
  for (const row of form.values) {
    const keys = form.shapes[row[1]];
    if (!keys || keys.length !== row.length - 2)
      throw new Error(`value of ${row[0]} does not fit its key list`);
    must(row[0]);
  }
  let states;
  let values;
  const file = { kind: form.kind, id: form.id, events };
  let rows;
  oneValue.set(file, (blob) => {
    if (values) return Object.hasOwn(values, blob) ? values[blob] : void 0;
    rows ??= new Map(form.values.map((row2) => [strings[row2[0]], row2]));
    const row = rows.get(blob);
    return row && form.shapes[row[1]].map((key, i) => [key, row[i + 2]]);
  });
  Object.defineProperty(file, "states", {
    enumerable: true,
    configurable: true,
    get: () => states ??= form.states.map((r) => ({
      seq: r[0],
      commit: strings[r[1]],
      created_at: strings[r[2]],
      version: r[3],
      blob: r[4] === -1 ? null : strings[r[4]],
      path: strings[r[5]],
      file_blob: r[6] === -1 ? null : strings[r[6]],
      valid: r[7] === 1
    }))
  });
  Object.defineProperty(file, "values", {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!values) {
        values = {};
        for (const row of form.values) {
          const keys = form.shapes[row[1]];
          values[strings[row[0]]] = keys.map((key, i) => [key, row[i + 2]]);
        }
      }
      return values;
    }
  });
  file.parts = form.parts;
  return file;
}

export {
  tableFile,
  parseTable,
  readTable,
  idsIn,
  readRecord,
  writePack,
  checkPack,
  removeStalePacks,
  INDEX_FORMAT,
  writeAtomic,
  readJson,
  generationDir,
  readMeta,
  writeMeta,
  matchesChecksum,
  matchesChecksumRead,
  checkIndexFiles,
  readFoldState,
  COMMIT_LINE,
  commitsFile,
  formatCommitLines,
  parseCommitLines,
  ensureDir,
  AUDIT_ACTIONS,
  FORGES,
  encodeDefinitionFile,
  valueOfBlob,
  decodeDefinitionFile
};
