function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  createBlockYamlParser,
  parseBlob
} from "./chunk-TYVKAAJH.js";
import {
  foldCommit
} from "./chunk-GUJQ757E.js";
import {
  parseCommitMessage
} from "./chunk-IA53OILM.js";
import "./chunk-3HNKWDGP.js";
import {
  openCatFileBatch
} from "./chunk-LVNUE3KJ.js";
import "./chunk-5KF3PLY2.js";
import {
  createValueEncoder
} from "./chunk-MZYXRCVB.js";
import {
  COMMIT_LINE,
  INDEX_FORMAT,
  checkIndexFiles,
  checkPack,
  commitsFile,
  decodeDefinitionFile,
  encodeDefinitionFile,
  ensureDir,
  formatCommitLines,
  generationDir,
  readFoldState,
  readJson,
  readRecord,
  readTable,
  removeStalePacks,
  tableFile,
  writeAtomic,
  writeMeta,
  writePack
} from "./chunk-PBMDZWMB.js";
import {
  createFoldState,
  scriptPathOf
} from "./chunk-O7JP4MY6.js";
import {
  AUDITABLE_TYPES,
  kindOfPath
} from "./chunk-VOCGUP4K.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import {
  SCHEMA_FILES,
  loadValidators
} from "./chunk-GXLWHR6R.js";
import "./chunk-M2VQNUJS.js";
import "./chunk-TFVGISEO.js";
import "./chunk-RAK6EWF2.js";

// src/history/update-history.ts
import { existsSync, statSync } from "node:fs";
import path3 from "node:path";

// src/git/stream-git.ts
import { spawn } from "node:child_process";
async function* streamGit(dir, args, options = {}) {
  const child = spawn("git", args, {
    cwd: dir,
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" },
    stdio: ["pipe", "pipe", "pipe"]
  });
  const stderr = [];
  child.stderr.on("data", (b) => stderr.push(b));
  const exited = new Promise((resolve, reject) => {
    child.on(
      "error",
      (e) => reject(new OpsledgerError("GIT_FAILED", `cannot start git: ${e.message}`, { cause: e }))
    );
    child.on("close", (code2) => resolve(code2 ?? 1));
  });
  exited.catch(() => void 0);
  child.stdin.on("error", () => void 0);
  child.stdin.end(options.input);
  let finished = false;
  try {
    for await (const chunk of child.stdout) yield chunk;
    finished = true;
  } finally {
    if (!finished) child.kill();
  }
  const code = await exited;
  if (code !== 0) {
    const message = Buffer.concat(stderr).toString("utf8").trim();
    throw new OpsledgerError("GIT_FAILED", `git ${args.join(" ")} failed: ${message || code}`);
  }
}
var NulSplitter = class {
  carry = null;
  push(chunk) {
    const out = [];
    let start = 0;
    for (; ; ) {
      const at = chunk.indexOf(0, start);
      if (at === -1) break;
      if (this.carry) {
        out.push(Buffer.concat([this.carry, chunk.subarray(start, at)]).toString("utf8"));
        this.carry = null;
      } else {
        out.push(chunk.toString("utf8", start, at));
      }
      start = at + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.carry = this.carry ? Buffer.concat([this.carry, rest]) : Buffer.from(rest);
    }
    return out;
  }
  end() {
    const rest = this.carry;
    this.carry = null;
    return rest && rest.length > 0 ? [rest.toString("utf8")] : [];
  }
};

// src/git/read-branch-log.ts
var ZERO = /^0+$/;
var FORMAT = "%x01%H%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B";
var FIELDS = 9;
async function readBranchLog(dir, options) {
  const base = options.base ?? null;
  const args = [
    "-c",
    "core.quotePath=false",
    "log",
    "--diff-merges=first-parent",
    "--raw",
    "--no-abbrev",
    "--no-renames",
    "--no-ext-diff",
    "--no-textconv",
    "-z",
    `--format=${FORMAT}`,
    options.tip,
    ...base ? [`^${base}`] : [],
    "--"
  ];
  const chain = [];
  const waiting = /* @__PURE__ */ new Map();
  let expected = options.tip;
  const place = (commit) => {
    chain.push(commit);
    options.onChainCommit?.(commit);
    expected = commit.parents[0];
  };
  const take = (commit) => {
    if (!commit) return;
    if (commit.sha !== expected) {
      waiting.set(commit.sha, commit);
      return;
    }
    place(commit);
    let next;
    while (expected !== void 0 && (next = waiting.get(expected))) {
      waiting.delete(next.sha);
      place(next);
    }
  };
  const splitter = new NulSplitter();
  const parser = new RawLogParser();
  for await (const chunk of streamGit(dir, args)) splitter.push(chunk).forEach((t) => take(parser.push(t)));
  splitter.end().forEach((t) => take(parser.push(t)));
  take(parser.end());
  return {
    chain: chain.reverse(),
    others: waiting,
    joinsBase: (expected ?? null) === base
  };
}
var RawLogParser = class {
  current = null;
  header = null;
  pendingMeta = null;
  push(raw) {
    if (this.header) {
      this.header.push(raw);
      if (this.header.length === FIELDS) {
        this.current = toCommit(this.header);
        this.header = null;
      }
      return null;
    }
    if (this.pendingMeta !== null) {
      this.current?.changes.push(toChange(this.pendingMeta, raw));
      this.pendingMeta = null;
      return null;
    }
    const token = raw.charCodeAt(0) === 10 ? raw.slice(1) : raw;
    if (token.charCodeAt(0) === 1) {
      const done = this.current;
      this.current = null;
      this.header = [token.slice(1)];
      return done;
    }
    if (token.charCodeAt(0) === 58) this.pendingMeta = token;
    return null;
  }
  end() {
    const done = this.current;
    this.current = null;
    return done;
  }
};
function toCommit(fields) {
  const [sha = "", parents = "", aN = "", aE = "", aI = "", cN = "", cE = "", cI = "", message = ""] = fields;
  return {
    sha,
    parents: parents === "" ? [] : parents.split(" "),
    author: { name: aN, email: aE, date: aI },
    committer: { name: cN, email: cE, date: cI },
    message: message.replace(/\n+$/, ""),
    changes: []
  };
}
function toChange(meta, path4) {
  const [, , oldBlob = "", newBlob = "", status = ""] = meta.slice(1).split(" ");
  return {
    path: path4,
    status,
    oldBlob: ZERO.test(oldBlob) ? null : oldBlob,
    newBlob: ZERO.test(newBlob) ? null : newBlob
  };
}

// src/history/collect-side-commits.ts
function collectSideCommits(chain, others) {
  const seen = /* @__PURE__ */ new Set();
  const sides = /* @__PURE__ */ new Map();
  for (const commit of chain) {
    if (commit.parents.length < 2) continue;
    const side = [];
    const stack = commit.parents.slice(1).reverse();
    while (stack.length > 0) {
      const sha = stack.pop();
      if (seen.has(sha)) continue;
      const c = others.get(sha);
      if (!c) continue;
      seen.add(sha);
      side.push(sha);
      for (let i = c.parents.length - 1; i >= 0; i--) stack.push(c.parents[i]);
    }
    sides.set(commit.sha, side);
  }
  return sides;
}

// src/history/schemas-by-commit.ts
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
var SHIPPED_SCHEMAS = "shipped";
var NAMES = Object.keys(SCHEMA_FILES);
function createSchemasByCommit(batch, tip, definitionsDir, historyDir, onDamaged = () => void 0) {
  const prefix = `${definitionsDir}/schema/`;
  const nameOf = new Map(NAMES.map((n) => [`${prefix}${SCHEMA_FILES[n]}`, n]));
  const undo = [];
  const tipBlobs = batch.readMany(NAMES.map((n) => `${tip}:${prefix}${SCHEMA_FILES[n]}`)).then((objects) => Object.fromEntries(NAMES.map((n, i) => [n, objects[i]?.oid ?? null])));
  tipBlobs.catch(() => void 0);
  const keys = /* @__PURE__ */ new Map();
  const blobsOfKey = /* @__PURE__ */ new Map();
  const compiled = /* @__PURE__ */ new Map();
  const keyOf = (blobs) => {
    if (NAMES.every((n) => blobs[n] === null)) return SHIPPED_SCHEMAS;
    const key = createHash("sha256").update(NAMES.map((n) => `${SCHEMA_FILES[n]}=${blobs[n] ?? "-"}`).join("\n")).digest("hex").slice(0, 16);
    blobsOfKey.set(key, blobs);
    return key;
  };
  return {
    place(commit) {
      const depth = undo.length;
      let changed = null;
      for (const ch of commit.changes) {
        const name = ch.path.startsWith(prefix) ? nameOf.get(ch.path) : void 0;
        if (name) (changed ??= {})[name] = ch.oldBlob;
      }
      if (changed) undo.push(changed);
      return depth;
    },
    keyAt(depth) {
      let key = keys.get(depth);
      if (!key) {
        key = tipBlobs.then((blobs) => {
          const at = { ...blobs };
          for (let i = 0; i < depth; i++) Object.assign(at, undo[i]);
          return keyOf(at);
        });
        keys.set(depth, key);
      }
      return key;
    },
    validators(key) {
      let hit = compiled.get(key);
      if (!hit) {
        hit = key === SHIPPED_SCHEMAS ? Promise.resolve(loadValidators()) : copyOut(key);
        compiled.set(key, hit);
      }
      return hit;
    }
  };
  async function copyOut(key) {
    const dir = path.join(historyDir, "schema", key);
    const blobs = blobsOfKey.get(key);
    const whole = isWholeCopy(dir, blobs);
    if (whole !== true) {
      if (whole !== "missing")
        onDamaged(`history/schema/${key}/${whole} does not match the blob it was copied from`);
      const objects = await batch.readMany(NAMES.map((n) => blobs[n] ?? "0".repeat(40)));
      rmSync(dir, { recursive: true, force: true });
      ensureDir(dir);
      const oids = {};
      NAMES.forEach((n, i) => {
        const o = objects[i];
        if (blobs[n] === null || !o) return;
        writeFileSync(path.join(dir, SCHEMA_FILES[n]), o.content);
        oids[SCHEMA_FILES[n]] = blobs[n];
      });
      writeFileSync(path.join(dir, ".complete"), JSON.stringify(oids));
    }
    return withShippedFallback(loadValidators(dir));
  }
}
function isWholeCopy(dir, blobs) {
  let oids;
  try {
    oids = JSON.parse(readFileSync(path.join(dir, ".complete"), "utf8"));
  } catch {
    return "missing";
  }
  if (oids === null || typeof oids !== "object") return ".complete";
  for (const n of NAMES) {
    const oid = blobs[n];
    if (oid === null) continue;
    if (oids[SCHEMA_FILES[n]] !== oid) return "missing";
    try {
      if (blobId(readFileSync(path.join(dir, SCHEMA_FILES[n])), oid.length) !== oid) return SCHEMA_FILES[n];
    } catch {
      return SCHEMA_FILES[n];
    }
  }
  return true;
}
function blobId(content, hexLength) {
  return createHash(hexLength === 64 ? "sha256" : "sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}
function withShippedFallback(validators) {
  const out = {};
  for (const name of NAMES) {
    let chosen;
    Object.defineProperty(out, name, {
      enumerable: true,
      get: () => {
        if (!chosen) {
          try {
            chosen = validators[name];
          } catch {
            chosen = loadValidators()[name];
          }
        }
        return chosen;
      }
    });
  }
  return out;
}

// src/history/create-blob-parser.ts
function parsedOf(cache, key, kind) {
  let byKind = cache.get(key);
  if (!byKind) cache.set(key, byKind = /* @__PURE__ */ new Map());
  let byBlob = byKind.get(kind);
  if (!byBlob) byKind.set(kind, byBlob = /* @__PURE__ */ new Map());
  return byBlob;
}
function createBlobParser(options) {
  const { batch, cache, definitionsDir, schemas } = options;
  const asked = /* @__PURE__ */ new Map();
  const depthOf = /* @__PURE__ */ new Map();
  const keyOfDepth = /* @__PURE__ */ new Map();
  const ready = /* @__PURE__ */ new Map();
  const blocks = createBlockYamlParser();
  let outstanding = 0;
  let failure = null;
  let wake = null;
  const settle = () => {
    if (--outstanding === 0) wake?.();
  };
  const fail = (error) => {
    failure ??= { error };
    settle();
  };
  const store = (key, kind, oid, file, bytes) => {
    try {
      const validators = ready.get(key);
      parsedOf(cache, key, kind).set(
        oid,
        bytes ? parseBlob(bytes, file, kind, validators, blocks) : missingBlob(file, oid)
      );
    } catch (error) {
      failure ??= { error };
    }
    settle();
  };
  const read = (key, kind, oid, file) => {
    const setName = `${kind}\0${key}`;
    let seen = asked.get(setName);
    if (!seen) asked.set(setName, seen = /* @__PURE__ */ new Set());
    if (seen.has(oid)) return settle();
    seen.add(oid);
    batch.read(oid).then((obj) => {
      const bytes = obj?.content ?? null;
      if (ready.has(key)) store(key, kind, oid, file, bytes);
      else
        schemas.validators(key).then((v) => {
          ready.set(key, v);
          store(key, kind, oid, file, bytes);
        }, fail);
    }, fail);
  };
  const ask = (depth, kind, oid, file) => {
    outstanding++;
    const key = keyOfDepth.get(depth);
    if (key !== void 0) return read(key, kind, oid, file);
    schemas.keyAt(depth).then((k) => {
      keyOfDepth.set(depth, k);
      read(k, kind, oid, file);
    }, fail);
  };
  return {
    want(commit) {
      const depth = schemas.place(commit);
      depthOf.set(commit.sha, depth);
      for (const ch of commit.changes) {
        const kind = kindOfPath(ch.path, definitionsDir);
        if (kind && ch.newBlob) ask(depth, kind, ch.newBlob, ch.path);
      }
    },
    wantSide(kind, blob, file) {
      ask(0, kind, blob, file);
    },
    async done() {
      if (outstanding > 0) await new Promise((resolve) => wake = resolve);
      wake = null;
      if (failure) throw failure.error;
    },
    schemaOf(sha) {
      return keyOfDepth.get(depthOf.get(sha) ?? 0) ?? SHIPPED_SCHEMAS;
    },
    sideSchema() {
      return keyOfDepth.get(0) ?? SHIPPED_SCHEMAS;
    }
  };
}
function missingBlob(file, blob) {
  return {
    ok: false,
    id: null,
    findings: [
      {
        code: "blob-missing",
        file,
        line: 1,
        col: 1,
        message: `blob ${blob} is missing from the repository`,
        hint: "Fetch the full history (a shallow or partial clone lacks old objects).",
        severity: "error"
      }
    ]
  };
}
function scriptFilesNamed(cache) {
  const out = /* @__PURE__ */ new Set();
  for (const byKind of cache.values()) {
    for (const parsed of byKind.get("action")?.values() ?? []) {
      if (!parsed.ok) continue;
      const sp = scriptPathOf(parsed.value);
      if (sp !== null) out.add(sp);
    }
  }
  return out;
}

// src/history/prepare-fold-commits.ts
async function toFoldCommits(log, seqOf, sides, others, batch, schemaOf, matters) {
  const out = [];
  for (const c of log) {
    const facts = parseCommitMessage(c.message);
    let side = null;
    if (c.parents.length > 1) {
      side = (sides.get(c.sha) ?? []).map((sha) => others.get(sha)).filter((s) => s !== void 0).map((s) => ({
        sha: s.sha,
        author: { name: s.author.name, email: s.author.email },
        committedAt: s.committer.date,
        coAuthors: parseCommitMessage(s.message).coAuthors,
        // A merge inside the side branch touched nothing itself (its first-parent diff is what it merged).
        paths: s.parents.length > 1 ? [] : s.changes.map((ch) => ch.path),
        changes: s.parents.length > 1 ? [] : s.changes.filter((ch) => matters(ch.path))
      })).sort((a, b) => Date.parse(b.committedAt) - Date.parse(a.committedAt));
    }
    out.push({
      seq: seqOf.get(c.sha) ?? 0,
      sha: c.sha,
      createdAt: c.committer.date,
      author: { name: c.author.name, email: c.author.email },
      committer: { name: c.committer.name, email: c.committer.email },
      facts,
      revertsCommit: await resolveCommit(batch, facts.revertsCommit),
      side,
      schema: schemaOf(c.sha),
      changes: c.changes
    });
  }
  return out;
}
async function resolveCommit(batch, name) {
  if (!name) return null;
  if (/^[0-9a-f]{40}$/.test(name)) return name;
  const obj = await batch.read(`${name}^{commit}`);
  return obj?.oid ?? name;
}

// src/history/write-index.ts
import { appendFileSync, rmSync as rmSync2, truncateSync, writeFileSync as writeFileSync2 } from "node:fs";
import path2 from "node:path";
function writeIndex(historyDir, update) {
  const { previous, run } = update;
  const incremental = update.incremental && previous !== null;
  const generation = incremental ? previous.generation : (previous?.generation ?? 0) + 1;
  const genDir = generationDir(historyDir, generation);
  if (!incremental) rmSync2(genDir, { recursive: true, force: true });
  ensureDir(genDir);
  const put = incremental ? writeAtomic : (file, content) => writeFileSync2(file, content);
  const baseSeq = incremental ? previous.seq : 0;
  const seq = baseSeq + run.chain.length;
  const previousTable = incremental ? readTable(genDir, previous.seq) : null;
  if (incremental && !previousTable) throw damaged("its table of definition files is missing");
  const files = /* @__PURE__ */ new Map();
  const fileFor = (kind, id) => {
    const key = `${kind}:${id}`;
    let entry = files.get(key);
    if (!entry) {
      const text = previousTable ? readRecord(genDir, previousTable, kind, id) : null;
      let stored = null;
      try {
        stored = text === null ? null : decodeDefinitionFile(text);
      } catch (cause) {
        throw damaged(`the record of ${kind} ${id} is unreadable`, cause);
      }
      const file = {
        kind,
        id,
        events: (stored?.events ?? []).filter((e) => e.seq <= baseSeq),
        states: (stored?.states ?? []).filter((s) => s.seq <= baseSeq),
        values: stored?.values ?? {},
        parts: stored?.parts ?? []
      };
      entry = { file, encoder: createValueEncoder(file.parts) };
      files.set(key, entry);
    }
    return entry;
  };
  const invalid = [];
  for (const output of run.outputs) {
    output.events.forEach((event, ord) => {
      const [kind, id] = fileKeyOf(event.auditable_type, event.auditable_id);
      fileFor(kind, id).file.events.push({ seq: output.seq, ord, event });
    });
    for (const s of output.states) {
      const sep = s.key.indexOf(":");
      const { file, encoder } = fileFor(s.key.slice(0, sep), s.key.slice(sep + 1));
      file.states.push({
        seq: s.seq,
        commit: s.commit,
        created_at: s.created_at,
        version: s.version,
        blob: s.blob,
        path: s.path,
        file_blob: s.file_blob,
        valid: s.valid
      });
      if (s.blob && s.value && !Object.hasOwn(file.values, s.blob)) {
        file.values[s.blob] = encoder.encode(s.value);
      }
    }
    for (const entry of output.invalid) {
      invalid.push({ seq: output.seq, entry });
    }
  }
  const records = [];
  for (const { file } of files.values()) {
    if (incremental) {
      const used = new Set(file.states.map((s) => s.blob));
      for (const blob of Object.keys(file.values)) if (!used.has(blob)) delete file.values[blob];
    }
    records.push({ kind: file.kind, id: file.id, text: encodeDefinitionFile(file) });
  }
  const table = writePack(genDir, previousTable, records, put);
  put(tableFile(genDir, seq), JSON.stringify(table));
  if (!incremental || invalid.length > 0) {
    const stored = incremental ? readJson(path2.join(genDir, "invalid.json")) ?? [] : [];
    const kept = stored.filter((i) => i.seq <= baseSeq);
    put(path2.join(genDir, "invalid.json"), JSON.stringify([...kept, ...invalid]));
  }
  const listFile = commitsFile(genDir);
  if (incremental) {
    truncateSync(listFile, baseSeq * COMMIT_LINE);
    appendFileSync(listFile, formatCommitLines(run.chain));
  } else {
    put(listFile, formatCommitLines(run.chain));
  }
  const stateFile = `state-${seq}.json`;
  put(path2.join(genDir, stateFile), JSON.stringify({ ...run.state, seq }));
  const meta = {
    format: INDEX_FORMAT,
    branch: update.branch,
    definitionsDir: update.definitionsDir,
    schemaKey: update.schemaKey,
    ...update.partial ? { partial: true } : {},
    tip: update.tip,
    seq,
    generation,
    stateFile,
    scripts: run.scripts
  };
  writeMeta(historyDir, meta);
  removeStalePacks(genDir, table, seq);
  if (incremental && previous.stateFile !== stateFile) {
    rmSync2(path2.join(genDir, previous.stateFile), { force: true });
  }
  if (!incremental && previous && previous.generation !== generation) {
    rmSync2(generationDir(historyDir, previous.generation), { recursive: true, force: true });
  }
  return meta;
}
function damaged(what, cause) {
  return new OpsledgerError("HISTORY_INDEX_CORRUPT", `the history index is damaged: ${what}`, { cause });
}
function fileKeyOf(type, auditableId) {
  if (type === "Runbook::Step") return ["runbook", auditableId.split("/")[0]];
  if (type === "Runbook") return ["runbook", auditableId];
  if (type === "Role") return ["role", auditableId];
  return ["action", auditableId];
}

// src/history/update-history.ts
async function updateHistory(historyDir, meta, tip, options) {
  const batch = lazyCatFileBatch(options.repo);
  try {
    if (tip === null) {
      return finish(historyDir, meta, { base: null, loadState: createFoldState }, tip, emptyRun(), options);
    }
    const extendable = meta !== null && meta.tip !== null && meta.branch === options.branch && meta.definitionsDir === options.definitionsDir && (meta.partial ?? false) === (options.partial ?? false);
    const damage = extendable ? indexDamage(historyDir, meta) : null;
    if (damage)
      options.onWarning?.(`history: the index is damaged (${damage}); it is not trusted and is rebuilt`);
    const intact = extendable && damage === null && hasCommitList(historyDir, meta) && hasTable(historyDir, meta);
    const state = intact ? readFoldState(historyDir, meta) : null;
    if (meta && state) {
      let first = state;
      const plan2 = {
        base: meta,
        loadState: () => {
          const fresh = first ?? readFoldState(historyDir, meta);
          first = null;
          if (!fresh)
            throw new OpsledgerError("HISTORY_INDEX_CORRUPT", "the history index changed while read");
          return fresh;
        }
      };
      const run2 = await runFold(historyDir, plan2, tip, batch, options);
      if (run2 !== "rewritten") {
        try {
          return await finish(historyDir, meta, plan2, tip, run2, options);
        } catch (err) {
          if (!(err instanceof OpsledgerError && err.code === "HISTORY_INDEX_CORRUPT")) throw err;
        }
      }
    }
    const plan = { base: null, loadState: createFoldState };
    const run = await runFold(historyDir, plan, tip, batch, options);
    if (run === "rewritten")
      throw new OpsledgerError("INTERNAL", "history of the tracked branch could not be read");
    if (meta) options.beforeReplace?.(meta, run.chain);
    return finish(historyDir, meta, plan, tip, run, options);
  } finally {
    await batch.close();
  }
}
function lazyCatFileBatch(repo) {
  let real = null;
  const get = () => real ??= openCatFileBatch(repo);
  return {
    read: (name) => get().read(name),
    readMany: (names) => get().readMany(names),
    close: async () => {
      if (real) await real.close();
    }
  };
}
function hasCommitList(historyDir, meta) {
  try {
    return statSync(commitsFile(generationDir(historyDir, meta.generation))).size >= meta.seq * COMMIT_LINE;
  } catch {
    return false;
  }
}
function indexDamage(historyDir, meta) {
  const files = checkIndexFiles(historyDir, meta);
  if (files) return files;
  const genDir = generationDir(historyDir, meta.generation);
  const table = readTable(genDir, meta.seq);
  return table ? checkPack(genDir, table) : `history/gen-${meta.generation}/${path3.basename(tableFile(genDir, meta.seq))} is unreadable`;
}
function hasTable(historyDir, meta) {
  return existsSync(tableFile(generationDir(historyDir, meta.generation), meta.seq));
}
function versionCommitsOf(historyDir, base) {
  const cache = /* @__PURE__ */ new Map();
  let table;
  return (type, id, version) => {
    if (!base) return null;
    const [kind, fileId] = fileKeyOf(type, id);
    const key = `${kind}:${fileId}`;
    if (!cache.has(key)) {
      const genDir = generationDir(historyDir, base.generation);
      table ??= readTable(genDir, base.seq);
      let file = null;
      try {
        const text = table ? readRecord(genDir, table, kind, fileId) : null;
        file = text === null ? null : decodeDefinitionFile(text);
      } catch {
      }
      cache.set(key, file);
    }
    const hit = cache.get(key)?.events.find(
      (e) => e.seq <= base.seq && e.event.auditable_type === type && e.event.auditable_id === id && e.event.version === version
    );
    return hit?.event.commit ?? null;
  };
}
function madeInRun(outputs, type, id, version) {
  for (let i = outputs.length - 1; i >= 0; i--) {
    for (const e of outputs[i].events) {
      if (e.auditable_type === type && e.auditable_id === id && e.version === version) return e.commit;
    }
  }
  return null;
}
function wantSideBlobs(parser, sides, others, definitionsDir) {
  for (const shas of sides.values()) {
    for (const sha of shas) {
      const c = others.get(sha);
      if (!c || c.parents.length > 1) continue;
      for (const ch of c.changes) {
        const kind = kindOfPath(ch.path, definitionsDir);
        if (!kind) continue;
        if (ch.oldBlob) parser.wantSide(kind, ch.oldBlob, ch.path);
        if (ch.newBlob) parser.wantSide(kind, ch.newBlob, ch.path);
      }
    }
  }
}
function relevantChanges(log, matters) {
  const out = [];
  for (const c of log) {
    if (c.changes.every((ch) => matters(ch.path))) {
      if (c.changes.length > 0) out.push(c);
      continue;
    }
    const changes = c.changes.filter((ch) => matters(ch.path));
    if (changes.length > 0) out.push({ ...c, changes });
  }
  return out;
}
function emptyRun() {
  return { outputs: [], state: createFoldState(), chain: [], scripts: [], schemaKey: SHIPPED_SCHEMAS };
}
async function finish(historyDir, previous, plan, tip, run, options) {
  const rebuilt = plan.base === null;
  const meta = writeIndex(historyDir, {
    previous,
    incremental: !rebuilt,
    tip,
    branch: options.branch,
    definitionsDir: options.definitionsDir,
    schemaKey: run.schemaKey,
    partial: options.partial ?? false,
    run
  });
  return { meta, stats: { tip, newCommits: run.chain.length, rebuilt } };
}
async function runFold(historyDir, plan, tip, batch, options) {
  const baseTip = plan.base?.tip ?? null;
  const scripts = new Set(plan.base?.scripts ?? []);
  const baseVersionCommit = versionCommitsOf(historyDir, plan.base);
  const parseCache = /* @__PURE__ */ new Map();
  const parser = createBlobParser({
    batch,
    schemas: createSchemasByCommit(
      batch,
      tip,
      options.definitionsDir,
      historyDir,
      (what) => options.onWarning?.(`history: the index is damaged (${what}); it is not trusted and is rebuilt`)
    ),
    definitionsDir: options.definitionsDir,
    cache: parseCache
  });
  const { chain, others, joinsBase } = await readBranchLog(options.repo, {
    tip,
    base: baseTip,
    onChainCommit: (c) => parser.want(c)
  });
  if (!joinsBase) {
    await parser.done();
    return "rewritten";
  }
  const sides = collectSideCommits(chain, others);
  const definitionsPrefix = `${options.definitionsDir}/`;
  wantSideBlobs(parser, sides, others, options.definitionsDir);
  await parser.done();
  for (const sp of scriptFilesNamed(parseCache)) scripts.add(sp);
  const baseSeq = plan.base?.seq ?? 0;
  const seqOf = new Map(chain.map((c, i) => [c.sha, baseSeq + i + 1]));
  for (let attempt = 0; ; attempt++) {
    const log = relevantChanges(chain, (p) => p.startsWith(definitionsPrefix) || scripts.has(p));
    const state = plan.loadState();
    for (const sp of scripts) {
      if (!Object.hasOwn(state.scripts, sp)) {
        state.scripts[sp] = baseTip ? (await batch.read(`${baseTip}:${sp}`))?.oid ?? null : null;
      }
    }
    const matters = (p) => p.startsWith(definitionsPrefix) || scripts.has(p);
    const commits = await toFoldCommits(log, seqOf, sides, others, batch, parser.schemaOf, matters);
    const outputs = [];
    const missing = /* @__PURE__ */ new Set();
    const sideCache = parseCache.get(parser.sideSchema());
    const ctx = {
      definitionsDir: options.definitionsDir,
      parse: (kind, blob, _file, schema) => parseCache.get(schema).get(kind).get(blob),
      sideValue: (kind, blob) => {
        const parsed = sideCache?.get(kind)?.get(blob);
        return parsed?.ok ? parsed.value : null;
      },
      partial: options.partial ?? false,
      // Asked only by a `Reverts-Audit:` trailer: a scan of what this run folded so far, then the base index.
      versionCommit: (id, version) => {
        for (const type of AUDITABLE_TYPES) {
          const sha = madeInRun(outputs, type, id, version) ?? baseVersionCommit(type, id, version);
          if (sha) return sha;
        }
        return null;
      }
    };
    const total = commits.length;
    const report = options.onProgress && total >= 200 ? options.onProgress : void 0;
    report?.("start", 0, total);
    commits.forEach((commit, i) => {
      const output = foldCommit(state, commit, ctx);
      output.missingScripts.forEach((s) => missing.add(s));
      outputs.push(output);
      if (report && (i % 50 === 0 || i === total - 1)) report("tick", i + 1, total);
    });
    report?.("stop", total, total);
    const fresh = [...missing].filter((s) => !scripts.has(s));
    if (fresh.length === 0 || attempt >= 3) {
      return { outputs, state, chain, scripts: [...scripts].sort(), schemaKey: parser.sideSchema() };
    }
    fresh.forEach((s) => scripts.add(s));
  }
}
export {
  updateHistory
};
