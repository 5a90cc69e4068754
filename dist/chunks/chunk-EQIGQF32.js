function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  decodeValue
} from "./chunk-AH7MIAEX.js";
import {
  readRewrites
} from "./chunk-APAI45OA.js";
import {
  COMMIT_LINE,
  commitsFile,
  decodeDefinitionFile,
  ensureDir,
  generationDir,
  idsIn,
  matchesChecksum,
  matchesChecksumRead,
  parseCommitLines,
  parseTable,
  readJson,
  readMeta,
  readRecord,
  tableFile,
  valueOfBlob,
  writeAtomic
} from "./chunk-FBEO4PPA.js";
import {
  isAbsent
} from "./chunk-LLA3MDQI.js";
import {
  runGit,
  runGitRaw
} from "./chunk-AYTYQZ6H.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import {
  FileLockError,
  acquireFlock
} from "./chunk-75FD6FCD.js";
import {
  readWithStat,
  stampsIn
} from "./chunk-SMWZYUQH.js";
import {
  DEFINITION_ID,
  DEFINITION_KINDS,
  KIND_OF_TYPE
} from "./chunk-6O2CUPPL.js";
import {
  requirePackage
} from "./chunk-N5OJQZGE.js";

// src/history/match-query.ts
var AUDIT_FILTERS = [
  "type",
  "id",
  "user",
  "since",
  "until"
];
function auditQuery(source) {
  const query = {};
  for (const key of AUDIT_FILTERS) if (source[key]) query[key] = source[key];
  return query;
}
function changedByPerson(event, email) {
  if (event.user.email.toLowerCase() === email) return true;
  const others = event.changed_by ? Object.values(event.changed_by) : event.authors ?? [];
  return others.some((p) => p.email.toLowerCase() === email);
}
function matchesQuery(event, query) {
  if (query.type && event.auditable_type !== query.type) return false;
  if (query.id && event.auditable_id !== query.id && !event.auditable_id.startsWith(`${query.id}/`))
    return false;
  if (query.user && !changedByPerson(event, query.user.toLowerCase())) return false;
  const at = Date.parse(event.created_at);
  if (query.since && at < Date.parse(query.since)) return false;
  if (query.until && at > Date.parse(query.until)) return false;
  return true;
}
function matchesInvalid(entry, query) {
  const asEvent = {
    ...entry,
    auditable_id: entry.auditable_id ?? "",
    authors: [entry.user],
    changed_by: null
  };
  return matchesQuery(asEvent, query);
}

// src/history/open-history-index.ts
import path7 from "node:path";

// src/history/progress-reporter.ts
function createProgressReporter(stream) {
  if (!stream.isTTY) return void 0;
  let bar = null;
  return (phase, done, total) => {
    if (phase === "start") {
      const { SingleBar, Presets } = requirePackage("cli-progress");
      bar = new SingleBar(
        {
          stream,
          format: "indexing history [{bar}] {value}/{total} commits",
          hideCursor: true,
          clearOnComplete: true
        },
        Presets.shades_classic
      );
      bar.start(total, done);
    } else if (phase === "tick") {
      bar?.update(done);
    } else {
      bar?.stop();
      bar = null;
    }
  };
}

// src/history/native-history-index.ts
import { readFileSync as readFileSync2, rmSync } from "node:fs";
import path4 from "node:path";

// src/history/approval-evidence.ts
import path3 from "node:path";

// src/git/read-branch-tip.ts
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
var SHA = /^[0-9a-f]{40}$/;
async function readBranchTip(repo, branch) {
  const fromFiles = readLooseOrPacked(repo, `refs/heads/${branch}`);
  if (fromFiles !== void 0) return fromFiles;
  const result = await runGitRaw(repo, ["rev-parse", "--verify", "--quiet", `refs/heads/${branch}^{commit}`]);
  return result.code === 0 ? result.stdout.trim() : null;
}
async function readRefTip(repo, ref) {
  const fromFiles = readLooseOrPacked(repo, ref, true);
  if (fromFiles !== void 0) return fromFiles;
  const result = await runGitRaw(repo, ["rev-parse", "--verify", "--quiet", ref]);
  return result.code === 0 ? result.stdout.trim() : null;
}
function readLooseOrPacked(repo, ref, absentIsNull = false) {
  const gitDir = path.join(repo, ".git");
  try {
    if (!statSync(gitDir).isDirectory()) return void 0;
    if (statSync(path.join(gitDir, "reftable"), { throwIfNoEntry: false })) return void 0;
  } catch {
    return void 0;
  }
  const looseFile = path.join(gitDir, ...ref.split("/"));
  try {
    if (!isAbsent(looseFile)) {
      const loose = readFileSync(looseFile, "utf8").trim();
      return SHA.test(loose) ? loose : void 0;
    }
  } catch (err) {
    if (err.code !== "ENOENT") return void 0;
  }
  let packed;
  try {
    const packedFile = path.join(gitDir, "packed-refs");
    if (isAbsent(packedFile)) return absentIsNull ? null : void 0;
    packed = readFileSync(packedFile, "utf8");
  } catch (err) {
    return absentIsNull && err.code === "ENOENT" ? null : void 0;
  }
  const target = ref;
  for (const line of packed.split("\n")) {
    if (line.endsWith(` ${target}`) && SHA.test(line.slice(0, 40)) && line.length === 41 + target.length) {
      return line.slice(0, 40);
    }
  }
  return absentIsNull ? null : void 0;
}

// src/review/approval-note.ts
import path2 from "node:path";
var APPROVALS_NOTES_REF = "refs/notes/opsledger/approvals";
var REVIEW_STATES = ["APPROVED", "CHANGES_REQUESTED", "DISMISSED", "COMMENTED"];
var SHA2 = /^[0-9a-f]{40}$/;
function parseApprovalNote(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw invalid(`not JSON: ${err.message}`);
  }
  const note = value;
  if (note === null || typeof note !== "object" || Array.isArray(note)) throw invalid("not a JSON object");
  if (note.version !== 1) throw invalid(`unknown version ${JSON.stringify(note.version)}`);
  const pr = note.pull_request;
  if (!pr || !Number.isInteger(pr.number) || typeof pr.url !== "string" || typeof pr.head_sha !== "string" || typeof pr.base_ref !== "string" || !Array.isArray(pr.authors) || !pr.authors.every((a) => typeof a === "string")) {
    throw invalid("pull_request needs number, url, head_sha, base_ref and authors[]");
  }
  if (!Array.isArray(note.approvals)) throw invalid("approvals must be an array");
  note.approvals.forEach((a, i) => checkRecord(a, i));
  if (typeof note.recorded_at !== "string") throw invalid("recorded_at must be an ISO 8601 string");
  return {
    version: 1,
    pull_request: {
      number: pr.number,
      url: pr.url,
      head_sha: pr.head_sha,
      base_ref: pr.base_ref,
      authors: [...pr.authors]
    },
    approvals: note.approvals.map((a) => ({ ...a })),
    recorded_at: note.recorded_at
  };
}
function checkRecord(record, i) {
  const r = record;
  const ok = r !== null && typeof r === "object" && typeof r.reviewer_login === "string" && (r.email === null || typeof r.email === "string") && REVIEW_STATES.includes(r.state) && typeof r.commit_id === "string" && typeof r.submitted_at === "string";
  if (!ok)
    throw invalid(`approvals[${i}] needs reviewer_login, email (or null), state, commit_id, submitted_at`);
}
function invalid(message) {
  return new OpsledgerError("INPUT_INVALID", `approval note: ${message}`, {
    hint: 'An approval note is one JSON document per line (docs/github.md "The approval note").'
  });
}
function parseApprovalNoteText(text) {
  return text.split("\n").map((line) => line.trim()).filter((line) => line !== "").map(parseApprovalNote);
}
async function writeApprovalNote(repo, commit, note, identity) {
  const line = JSON.stringify(parseApprovalNote(JSON.stringify(note)));
  const env = identity ? {
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email
  } : void 0;
  const gitDir = path2.resolve(repo, (await runGit(repo, ["rev-parse", "--git-common-dir"])).trim());
  const release = await acquireFlock(path2.join(gitDir, "opsledger-approvals.lock"), {
    timeoutMs: 6e4,
    what: "the approval notes"
  });
  try {
    await runGit(repo, ["notes", "--ref", APPROVALS_NOTES_REF, "append", "--file", "-", commit], {
      input: `${line}
`,
      ...env ? { env } : {}
    });
  } finally {
    release();
  }
}
async function readApprovalNotes(repo) {
  const result = await runGitRaw(repo, ["grep", "--no-color", "-I", "-e", ".", APPROVALS_NOTES_REF, "--"]);
  const notes = { byCommit: /* @__PURE__ */ new Map(), invalid: [] };
  if (result.code === 1 || result.code !== 0 && /unable to resolve|bad revision|not a tree/i.test(result.stderr))
    return notes;
  if (result.code !== 0) {
    throw new OpsledgerError("GIT_FAILED", `git grep ${APPROVALS_NOTES_REF} failed: ${result.stderr.trim()}`);
  }
  const prefix = `${APPROVALS_NOTES_REF}:`;
  for (const line of result.stdout.split("\n")) {
    if (!line.startsWith(prefix)) continue;
    const rest = line.slice(prefix.length);
    const colon = rest.indexOf(":");
    const commit = rest.slice(0, colon).replace(/\//g, "");
    if (!SHA2.test(commit)) continue;
    try {
      const note = parseApprovalNote(rest.slice(colon + 1));
      const list = notes.byCommit.get(commit);
      if (list) list.push(note);
      else notes.byCommit.set(commit, [note]);
    } catch (err) {
      notes.invalid.push({ commit, message: err.message });
    }
  }
  return notes;
}

// src/history/approval-evidence.ts
var NO_EVIDENCE = evidenceOf(null, /* @__PURE__ */ new Map());
async function loadApprovalEvidence(repo, historyDir, previous) {
  const tip = await readRefTip(repo, APPROVALS_NOTES_REF);
  if (tip === null) return NO_EVIDENCE;
  if (previous?.notesTip === tip) return previous;
  const file = path3.join(historyDir, "approvals.json");
  const cached = readJson(file);
  if (cached?.notes_tip === tip) {
    try {
      const notes = new Map(Object.entries(cached.notes).map(([sha, list]) => [sha, list.map(reparse)]));
      return evidenceOf(tip, notes);
    } catch {
    }
  }
  const read = await readApprovalNotes(repo);
  ensureDir(historyDir);
  writeAtomic(file, JSON.stringify({ notes_tip: tip, notes: Object.fromEntries(read.byCommit) }));
  return evidenceOf(tip, read.byCommit);
}
function reparse(note) {
  return parseApprovalNote(JSON.stringify(note));
}
function evidenceOf(notesTip, notes) {
  const flat = /* @__PURE__ */ new Map();
  for (const [commit, list] of notes) flat.set(commit, list.flatMap(toEventApprovals));
  return { notesTip, notes, approvalsOf: (commit) => flat.get(commit) ?? null };
}
function toEventApprovals(note) {
  const authors = new Set(note.pull_request.authors.map((a) => a.toLowerCase()));
  return note.approvals.map((a) => ({
    reviewer_login: a.reviewer_login,
    email: a.email,
    state: a.state,
    commit_id: a.commit_id,
    submitted_at: a.submitted_at,
    pull_request: note.pull_request.number,
    stale: a.commit_id !== note.pull_request.head_sha,
    by_author: authors.has(a.reviewer_login.toLowerCase()) || a.email !== null && authors.has(a.email.toLowerCase())
  }));
}

// src/history/native-history-index.ts
function createNativeHistoryIndex(historyDir, initial, doRefresh, onWarning = () => void 0, evidence = () => NO_EVIDENCE) {
  let meta = initial;
  let files = /* @__PURE__ */ new Map();
  let invalidCache = null;
  let commitsCache = null;
  let tableCache = null;
  let seqCache = null;
  const reset = (next) => {
    meta = next;
    files = /* @__PURE__ */ new Map();
    tableCache = null;
    invalidCache = null;
    commitsCache = null;
    seqCache = null;
  };
  const genDir = () => generationDir(historyDir, meta.generation);
  function readIndexFile(file, parse = JSON.parse, read = () => readFileSync2(file(), "utf8")) {
    for (let attempt = 0; attempt < 3; attempt++) {
      let text;
      try {
        text = read();
      } catch (err) {
        if (err.code !== "ENOENT") throw err;
        const next = readMeta(historyDir);
        if (!next || next.generation === meta.generation && next.seq === meta.seq) return null;
        reset(next);
        continue;
      }
      if (text === null) return null;
      try {
        return parse(text);
      } catch (cause) {
        if (followMovedMeta()) continue;
        throw corrupt(file(), cause);
      }
    }
    return null;
  }
  function followMovedMeta() {
    const next = readMeta(historyDir);
    if (!next || next.generation === meta.generation && next.seq === meta.seq) return false;
    reset(next);
    return true;
  }
  function corrupt(file, cause) {
    rmSync(path4.join(historyDir, "meta.json"), { force: true });
    const why = cause instanceof Error ? ` (${cause.message})` : "";
    onWarning(`history: the index file ${file} is damaged${why}; it is not trusted and the index is rebuilt`);
    return new OpsledgerError("HISTORY_INDEX_CORRUPT", `history index file ${file} is unreadable`, { cause });
  }
  function readChecked(name, parse) {
    let read;
    return readIndexFile(
      () => path4.join(genDir(), name()),
      (text) => {
        if (!matchesChecksumRead(historyDir, meta, name(), read)) {
          throw new Error("it does not match its checksum");
        }
        return parse(text);
      },
      () => {
        read = readWithStat(path4.join(genDir(), name()));
        return read.bytes.toString("utf8");
      }
    );
  }
  function table() {
    if (!tableCache) {
      const file = () => tableFile(genDir(), meta.seq);
      const read = readChecked(() => path4.basename(file()), parseTable);
      if (!read) throw corrupt(file());
      tableCache = read;
    }
    return tableCache;
  }
  function fileOf(kind, id) {
    const key = `${kind}:${id}`;
    if (!files.has(key)) {
      if (!DEFINITION_ID.test(id)) return null;
      const file = readIndexFile(
        () => path4.join(genDir(), table().pack),
        decodeDefinitionFile,
        () => {
          try {
            return readRecord(genDir(), table(), kind, id, stampsIn(historyDir));
          } catch (err) {
            if (err.code) throw err;
            throw corrupt(path4.join(genDir(), table().pack), err);
          }
        }
      );
      files.set(key, file);
    }
    return files.get(key) ?? null;
  }
  const visibleEvents = (file) => (file?.events ?? []).filter((e) => e.seq <= meta.seq);
  const visibleStates = (file) => (file?.states ?? []).filter((s) => s.seq <= meta.seq);
  function toVersion(kind, id, file, state, known) {
    if (state.blob === null) return null;
    const encoded = known === void 0 ? valueOfBlob(file, state.blob) : null;
    const value = known ?? (encoded ? decodeValue(file.parts, encoded) : null);
    if (!value) return null;
    return {
      kind,
      id,
      version: state.version,
      commit: state.commit,
      blob: state.blob,
      path: state.path,
      value,
      created_at: state.created_at,
      valid: state.valid
    };
  }
  function commitList() {
    for (let attempt = 0; !commitsCache; attempt++) {
      let read;
      try {
        read = readWithStat(commitsFile(genDir()));
      } catch (err) {
        if (err.code !== "ENOENT") throw err;
      }
      const text = read ? read.bytes.toString("latin1") : "";
      const matches = read ? matchesChecksumRead(
        historyDir,
        meta,
        "commits.txt",
        read,
        read.bytes.subarray(0, meta.seq * COMMIT_LINE)
      ) : matchesChecksum(meta, "commits.txt", Buffer.alloc(0));
      const list = matches ? parseCommitLines(text, meta.seq) : null;
      if (list) commitsCache = list;
      else if (attempt >= 2 || !followMovedMeta()) {
        throw corrupt(commitsFile(genDir()), new Error("it does not match its checksum"));
      }
    }
    return commitsCache;
  }
  function seqOfCommit(commit) {
    const list = commitList();
    if (!seqCache) {
      seqCache = /* @__PURE__ */ new Map();
      for (let i = 0; i < list.length; i++) if (!seqCache.has(list[i][0])) seqCache.set(list[i][0], i + 1);
    }
    const hit = seqCache.get(commit);
    if (hit !== void 0) return hit;
    if (commit.length < 7) return 0;
    return list.findIndex(([sha]) => sha.startsWith(commit)) + 1;
  }
  const withApprovals = (events) => {
    const current = evidence();
    if (current.notes.size === 0) return events;
    return events.map((e) => {
      const approvals = current.approvalsOf(e.commit);
      return approvals === null ? e : { ...e, approvals };
    });
  };
  const index = {
    async refresh() {
      const result = await doRefresh();
      reset(result.meta);
      return result.stats;
    },
    async rebuild() {
      rmSync(path4.join(historyDir, "meta.json"), { force: true });
      const result = await doRefresh();
      reset(result.meta);
      return result.stats;
    },
    meta: () => meta,
    tip: () => meta.tip,
    ids: (kind) => idsIn(table(), kind),
    kindsOf: (id) => DEFINITION_KINDS.filter((k) => visibleEvents(fileOf(k, id)).length > 0),
    history(id, kind) {
      const slash = id.indexOf("/");
      if (slash > 0 && (kind === void 0 || kind === "runbook")) {
        return withApprovals(
          sortEvents(
            visibleEvents(fileOf("runbook", id.slice(0, slash))).filter((e) => e.event.auditable_id === id)
          )
        );
      }
      const kinds = kind ? [kind] : DEFINITION_KINDS;
      return withApprovals(sortEvents(kinds.flatMap((k) => visibleEvents(fileOf(k, id)))));
    },
    events(query = {}) {
      const kinds = query.type ? [KIND_OF_TYPE[query.type]] : DEFINITION_KINDS;
      const all = [];
      for (const kind of kinds) {
        const ids = query.id ? [query.id.split("/")[0]] : idsIn(table(), kind);
        for (const id of ids) all.push(...visibleEvents(fileOf(kind, id)));
      }
      return withApprovals(sortEvents(all.filter((e) => matchesQuery(e.event, query))));
    },
    invalid() {
      invalidCache ??= (readChecked(
        () => "invalid.json",
        (text) => JSON.parse(text)
      ) ?? []).filter((i) => i.seq <= meta.seq).map((i) => i.entry);
      return invalidCache;
    },
    states(kind, id) {
      return visibleStates(fileOf(kind, id)).map((s) => ({ ...s, kind, id }));
    },
    definitionAt(kind, id, version) {
      const file = fileOf(kind, id);
      const states = visibleStates(file);
      if (!file || states.length === 0) return null;
      if (version === void 0) {
        const latest = latestValid(states);
        return latest ? toVersion(kind, id, file, latest) : null;
      }
      const first = states.find((s) => s.version === version);
      return first ? toVersion(kind, id, file, first) : null;
    },
    definitionsAt(kind, commit, known) {
      const seq = seqOfCommit(commit);
      if (seq === 0) return [];
      const out = [];
      for (const id of idsIn(table(), kind)) {
        const file = fileOf(kind, id);
        const latest = file ? latestValidAt(file.states, Math.min(seq, meta.seq)) : null;
        const held = latest?.blob ? known?.(id, latest.blob) : void 0;
        const version = file && latest ? toVersion(kind, id, file, latest, held) : null;
        if (version) out.push(version);
      }
      return out;
    },
    commits() {
      return commitList().map(([sha, created_at]) => ({ sha, created_at }));
    },
    rewrites: () => readRewrites(historyDir).records,
    identity() {
      if (!meta.checksums) return null;
      const notes = evidence().notesTip;
      return process.getBuiltinModule("node:crypto").createHash("sha256").update(JSON.stringify(["history-index", meta, notes])).digest("hex");
    },
    recordIdentities() {
      if (!meta.checksums) return null;
      const notes = evidence().notesTip ?? "";
      const out = /* @__PURE__ */ new Map();
      for (const [kind, byId] of Object.entries(table().files))
        for (const [id, [, , checksum]] of Object.entries(byId ?? {}))
          out.set(`${kind}:${id}`, `${checksum} ${notes}`);
      return out;
    }
  };
  return index;
}
function latestValid(states) {
  for (let i = states.length - 1; i >= 0; i--) {
    const s = states[i];
    if (s.blob === null) return null;
    if (s.valid) return s;
  }
  return null;
}
function latestValidAt(states, seq) {
  let lo = 0;
  let hi = states.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (states[mid].seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) {
    const s = states[i];
    if (s.blob === null) return null;
    if (s.valid) return s;
  }
  return null;
}
function sortEvents(list) {
  return list.sort((a, b) => a.seq - b.seq || a.ord - b.ord).map((e) => e.event);
}

// src/history/refresh-history.ts
import { rmdirSync, statSync as statSync3 } from "node:fs";
import path6 from "node:path";

// src/git/is-shallow-repository.ts
import { statSync as statSync2 } from "node:fs";
import path5 from "node:path";
async function isShallowRepository(repo) {
  const gitDir = path5.join(repo, ".git");
  const dir = statSync2(gitDir, { throwIfNoEntry: false });
  if (dir?.isDirectory()) {
    const shallow = statSync2(path5.join(gitDir, "shallow"), { throwIfNoEntry: false });
    return shallow !== void 0 && shallow.size > 0;
  }
  const result = await runGitRaw(repo, ["rev-parse", "--is-shallow-repository"]);
  return result.code === 0 && result.stdout.trim() === "true";
}

// src/history/refresh-history.ts
var updatedHere = false;
function historyDirOf(dataDir) {
  return path6.join(dataDir, "history");
}
async function refreshHistory(options) {
  const now = options.now ?? Date.now;
  const started = now();
  const historyDir = historyDirOf(options.dataDir);
  const shallow = await checkShallow(options);
  const effective = shallow ? { ...options, partial: true } : options;
  const tip = await resolveTip(options.repo, options.branch);
  const damaged = (why) => options.onWarning?.(`history: the index is damaged (${why}); it is not trusted and is rebuilt`);
  const current = readMeta(historyDir, damaged);
  if (current && isCurrent(current, effective, tip)) {
    return { meta: current, stats: { tip, newCommits: 0, rebuilt: false, ms: now() - started } };
  }
  ensureDir(historyDir);
  const release = await lockRefresh(historyDir);
  try {
    const meta = readMeta(historyDir, current ? damaged : void 0);
    if (meta && isCurrent(meta, effective, tip)) {
      return { meta, stats: { tip, newCommits: 0, rebuilt: false, ms: now() - started } };
    }
    updatedHere = true;
    const [{ updateHistory }, { recordRewrite }] = await Promise.all([
      import("./update-history-ROLUGHF4.js"),
      import("./record-rewrite-IRUHWSBG.js")
    ]);
    const result = await updateHistory(historyDir, meta, tip, {
      ...effective,
      // The old generation is still there: a rewrite's lost events are read from it before it goes.
      beforeReplace: (previous, chain) => void recordRewrite(historyDir, {
        previous,
        branch: options.branch,
        definitionsDir: options.definitionsDir,
        chain,
        now
      })
    });
    return { meta: result.meta, stats: { ...result.stats, ms: now() - started } };
  } finally {
    release();
  }
}
async function lockRefresh(historyDir) {
  const file = path6.join(historyDir, "refresh.lock");
  if (statSync3(file, { throwIfNoEntry: false })?.isDirectory()) rmdirSync(file);
  try {
    return await acquireFlock(file, { timeoutMs: 6e5, what: "the history index refresh" });
  } catch (err) {
    if (err instanceof FileLockError && err.reason === "locked") {
      throw new OpsledgerError("HISTORY_LOCKED", err.message, { cause: err });
    }
    throw err;
  }
}
function isCurrent(meta, options, tip) {
  return meta.tip === tip && meta.branch === options.branch && meta.definitionsDir === options.definitionsDir && (meta.partial ?? false) === (options.partial ?? false);
}
async function checkShallow(options) {
  if (!await isShallowRepository(options.repo)) return false;
  if (options.allowShallow || options.partial) return true;
  throw new OpsledgerError(
    "SHALLOW_REPOSITORY",
    "the repository is a shallow clone: its history is cut, so versions and who created what would be wrong"
  );
}
async function resolveTip(repo, branch) {
  const tip = await readBranchTip(repo, branch);
  if (tip !== null) return tip;
  const any = await runGitRaw(repo, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
  if (any.code !== 0) return null;
  throw new OpsledgerError("BRANCH_NOT_FOUND", `the tracked branch "${branch}" does not exist`);
}

// src/history/open-history-index.ts
function normalizeDir(dir) {
  return path7.posix.normalize(dir.replace(/\\/g, "/")).replace(/^(\.\/)+/, "").replace(/\/+$/, "");
}
async function openHistoryIndex(options) {
  const historyDir = historyDirOf(options.dataDir);
  const onWarning = options.onWarning ?? ((message) => void (options.progressStream ?? process.stderr).write(`warning: ${message}
`));
  let evidence;
  const doRefresh = async () => {
    const onProgress = options.progress ? reporterMadeOnFirstUse(() => createProgressReporter(options.progressStream ?? process.stderr)) : void 0;
    evidence = await loadApprovalEvidence(options.repo, historyDir, evidence);
    return refreshHistory({
      repo: options.repo,
      dataDir: options.dataDir,
      branch: options.branch,
      definitionsDir: normalizeDir(options.definitionsDir ?? "definitions"),
      onWarning,
      ...onProgress ? { onProgress } : {},
      ...options.partial ? { partial: true } : {},
      ...options.allowShallow ? { allowShallow: true } : {}
    });
  };
  const first = await doRefresh();
  return createNativeHistoryIndex(historyDir, first.meta, doRefresh, onWarning, () => evidence);
}
function reporterMadeOnFirstUse(make) {
  let made;
  return (phase, done, total) => {
    made ??= { reporter: make() };
    made.reporter?.(phase, done, total);
  };
}

export {
  auditQuery,
  matchesQuery,
  matchesInvalid,
  readBranchTip,
  APPROVALS_NOTES_REF,
  REVIEW_STATES,
  parseApprovalNoteText,
  writeApprovalNote,
  historyDirOf,
  lockRefresh,
  openHistoryIndex
};
