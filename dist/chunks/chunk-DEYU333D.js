import {
  hmacSecret,
  loadSecretKey
} from "./chunk-GP5NVDAT.js";
import {
  takeRecorderLease
} from "./chunk-4C2CVCVL.js";
import {
  openWorkTreeSource
} from "./chunk-7DENN6A4.js";
import {
  resolveScriptPath
} from "./chunk-RPAEGFLK.js";
import {
  openHistoryIndex
} from "./chunk-O26HBNPR.js";
import {
  newExecutionId
} from "./chunk-2LDXMQAW.js";
import {
  parseDefinition
} from "./chunk-EXHUYKBE.js";
import {
  resolveRef
} from "./chunk-5AS7MQJX.js";
import {
  runGit,
  runGitRaw
} from "./chunk-ZKGRR5HY.js";
import {
  OpsledgerError
} from "./chunk-AHBZ5ADF.js";
import {
  loadValidators
} from "./chunk-PWPYHJQF.js";

// src/executions/start-run.ts
import { randomBytes } from "node:crypto";
import { chmod, mkdir, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path2 from "node:path";

// src/executions/check-parameters.ts
import { Ajv } from "ajv";
var ajv = new Ajv({ coerceTypes: true, useDefaults: true, allErrors: true, strict: false });
var compiled = /* @__PURE__ */ new Map();
function parameterSchema(definitions, partial = false) {
  const properties = {};
  for (const p of definitions) {
    const s = { type: p.type };
    if (p.enum) s.enum = p.enum;
    if (p.pattern !== void 0 && p.type === "string") s.pattern = p.pattern;
    if (p.default !== void 0 && !partial) s.default = p.default;
    properties[p.name] = s;
  }
  return {
    type: "object",
    properties,
    required: partial ? [] : definitions.filter((p) => p.required && p.default === void 0).map((p) => p.name),
    additionalProperties: partial
  };
}
function validatorFor(definitions, partial) {
  const schema = parameterSchema(definitions, partial);
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}
function describe(e, definitions) {
  if (e.keyword === "additionalProperties") {
    const name2 = e.params.additionalProperty;
    const known = definitions.map((p) => p.name).join(", ") || "none";
    return `unknown parameter "${name2}" (the action takes: ${known})`;
  }
  if (e.keyword === "required") {
    return `missing required parameter "${e.params.missingProperty}"`;
  }
  const name = e.instancePath.replace(/^\//, "");
  const def = definitions.find((p) => p.name === name);
  if (e.keyword === "enum") {
    return `parameter "${name}" must be one of ${e.params.allowedValues.map(String).join(", ")}`;
  }
  return `parameter "${name}" ${e.message ?? "is invalid"}${def?.type && e.keyword === "type" ? ` (${def.type})` : ""}`;
}
var RESERVED_NAMES = /* @__PURE__ */ new Set(["__proto__", "constructor", "prototype"]);
function parameterNameProblems(definitions, names, options = {}) {
  const declared = new Set(definitions.map((p) => p.name));
  const known = definitions.map((p) => p.name).join(", ") || "none";
  const problems = [];
  for (const name of names) {
    if (RESERVED_NAMES.has(name))
      problems.push(`"${name}" is not a parameter name (the action takes: ${known})`);
    else if (!declared.has(name) && options.anyName !== true)
      problems.push(`unknown parameter "${name}" (the action takes: ${known})`);
  }
  return problems;
}
function checkParameters(definitions, raw, options = {}) {
  const partial = options.partial === true;
  const data = {};
  const problems = parameterNameProblems(definitions, Object.keys(raw), { anyName: options.anyName });
  for (const [name, value] of Object.entries(raw)) {
    const def = definitions.find((p) => p.name === name);
    if (RESERVED_NAMES.has(name)) continue;
    if (def && def.type !== "string" && value === "")
      problems.push(`parameter "${name}" must not be empty (${def.type})`);
    else data[name] = value;
  }
  const validate = validatorFor(definitions, partial);
  if (!validate(data)) for (const e of validate.errors ?? []) problems.push(describe(e, definitions));
  if (problems.length > 0) {
    throw new OpsledgerError("PARAM_INVALID", problems.join("; "));
  }
  const values = {};
  for (const [name, value] of Object.entries(data)) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      values[name] = value;
    else throw new OpsledgerError("PARAM_INVALID", `parameter "${name}" must be a string, number or boolean`);
  }
  const secrets = definitions.filter((p) => p.secret && values[p.name] !== void 0 && String(values[p.name]) !== "").map((p) => String(values[p.name]));
  return { values, secrets };
}
function recordParameters(definitions, values, hmac) {
  const out = {};
  for (const [name, value] of Object.entries(values)) {
    const def = definitions.find((p) => p.name === name);
    out[name] = def?.secret ? { redacted: true, hmac: hmac(String(value)) } : value;
  }
  return out;
}
function parameterEnv(values) {
  const env = {};
  for (const [name, value] of Object.entries(values))
    env[`OPSLEDGER_PARAM_${name.toUpperCase()}`] = String(value);
  return env;
}

// src/executions/record-end.ts
async function recordEnd(journal, lease, end) {
  let appended;
  try {
    appended = await journal.append(end);
  } catch (err) {
    let keptIn = null;
    try {
      lease.keepEnd(end);
      keptIn = lease.file;
    } catch {
      keptIn = null;
    }
    lease.release();
    const exit = end.exit_code === null ? "" : ` (exit ${end.exit_code})`;
    throw new OpsledgerError(
      "RUN_END_UNRECORDED",
      `run ${end.id} of ${end.action_id} finished with status ${end.status}${exit}, but its end could not be recorded in the journal: ${err.message}`,
      {
        cause: err,
        hint: keptIn ? `The end record is kept in ${keptIn}; the next \`opsledger run\`, \`exec\`, \`verify\` or \`serve\` appends it to the journal. Free space in the data dir, then run \`opsledger verify\`.` : "The run stays `running` in the journal until the next `opsledger run`, `exec`, `verify` or `serve` closes it as `abandoned`. Free space in the data dir, then run `opsledger verify`."
      }
    );
  }
  lease.release();
  return appended;
}
function cancelReason(signal) {
  if (!signal?.aborted) return void 0;
  const reason = signal.reason;
  return `cancelled: ${typeof reason === "string" ? reason : "opsledger was asked to stop the run"}`;
}

// src/executions/resolve-action.ts
import { readFile, readlink, realpath } from "node:fs/promises";
import path from "node:path";
async function workTreeBlob(repo, file) {
  const link = await readlink(path.join(repo, file)).catch(() => null);
  const result = link === null ? await runGitRaw(repo, ["hash-object", "--", file]) : await runGitRaw(repo, ["hash-object", "--stdin"], { input: link });
  return result.code === 0 ? result.stdout.trim() : null;
}
var scriptPathOf = (action) => action.script.file ? path.posix.normalize(action.script.file.replace(/\\/g, "/")).replace(/^(\.\/)+|^\/+/, "") : null;
function parseAction(repo, text, file, definitionsDir) {
  const validators = loadValidators(path.join(repo, definitionsDir, "schema"));
  const result = parseDefinition(text, file, "action", validators);
  if (!result.ok) {
    const f = result.findings[0];
    throw new OpsledgerError("VALIDATION_FAILED", `${f.file}:${f.line}:${f.col}: ${f.message}`, {
      hint: f.hint
    });
  }
  return result.definition.value;
}
async function findInWorkTree(repo, id, definitionsDir) {
  const listed = await runGit(repo, [
    "ls-files",
    "-co",
    "--exclude-standard",
    "--",
    `${definitionsDir}/actions`
  ]);
  for (const file of listed.split("\n").filter((f) => /\.ya?ml$/i.test(f))) {
    let text;
    try {
      text = await readFile(path.join(repo, file), "utf8");
    } catch {
      continue;
    }
    if (new RegExp(`^id:\\s*['"]?${id}['"]?\\s*(#.*)?$`, "m").test(text)) return file;
  }
  return null;
}
async function resolveAction(options) {
  const { repo, branch, actionId: id } = options;
  const definitionsDir = options.definitionsDir ?? "definitions";
  if (!await resolveRef(repo, branch)) {
    throw new OpsledgerError("BRANCH_NOT_FOUND", `the tracked branch "${branch}" does not exist in ${repo}`);
  }
  const version = options.history.definitionAt("action", id);
  if (!version) {
    const file = await findInWorkTree(repo, id, definitionsDir);
    if (!file) {
      throw new OpsledgerError("DEFINITION_NOT_FOUND", `no action "${id}" on ${branch} or in the work tree`);
    }
    const text = await readFile(path.join(repo, file));
    const action2 = parseAction(repo, text, file, definitionsDir);
    if (action2.id !== id) throw new OpsledgerError("DEFINITION_NOT_FOUND", `no action "${id}" in ${file}`);
    return {
      action: action2,
      pinned: {
        commit: null,
        blob: await workTreeBlob(repo, file),
        path: file,
        version: null,
        status: action2.status,
        dirty: true
      },
      script: await scriptOf(repo, action2, null, branch)
    };
  }
  const committed = version.value;
  const scriptPath = scriptPathOf(committed);
  const tipScriptBlob = scriptPath ? (await runGitRaw(repo, ["rev-parse", "--verify", "--quiet", `${branch}:${scriptPath}`])).stdout.trim() || null : null;
  const [defBlob, scriptBlob] = await Promise.all([
    workTreeBlob(repo, version.path),
    scriptPath ? workTreeBlob(repo, scriptPath) : Promise.resolve(null)
  ]);
  const defDirty = defBlob !== version.blob;
  const scriptDirty = scriptPath !== null && scriptBlob !== null && scriptBlob !== tipScriptBlob;
  const action = defDirty && defBlob !== null ? parseAction(repo, await readFile(path.join(repo, version.path)), version.path, definitionsDir) : committed;
  if (action.id !== id) {
    throw new OpsledgerError(
      "DEFINITION_DIRTY",
      `${version.path} in the work tree now defines "${action.id}"`
    );
  }
  const runScriptFrom = defDirty || scriptDirty || scriptPathOf(action) !== scriptPath ? null : branch;
  return {
    action,
    pinned: {
      commit: version.commit,
      blob: defDirty && defBlob !== null ? defBlob : version.blob,
      path: version.path,
      version: version.version,
      status: action.status,
      dirty: defDirty || scriptDirty || scriptPath !== null && scriptBlob === null
    },
    script: await scriptOf(repo, action, runScriptFrom, branch)
  };
}
async function scriptOf(repo, action, from, branch) {
  const file = scriptPathOf(action);
  if (!file) return { shell: action.script.shell, text: action.script.inline ?? "", fileName: "" };
  const text = (from ? null : await readWorkTreeScript(repo, file, action.id)) ?? await readCommittedScript(repo, from ?? branch, file, action.id);
  return { shell: action.script.shell, text, fileName: path.posix.basename(file) };
}
async function readWorkTreeScript(repo, file, actionId) {
  const resolved = await resolveScriptPath(file, openWorkTreeSource(repo).lookup);
  if (!resolved.ok) {
    if (resolved.code === "script-missing") return null;
    throw outsideRepo(actionId, resolved.message);
  }
  let real;
  let root;
  try {
    [real, root] = await Promise.all([realpath(path.join(repo, resolved.path)), realpath(repo)]);
  } catch {
    return null;
  }
  const rel = path.relative(root, real);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) {
    throw outsideRepo(actionId, `script.file ${file} resolves to ${real}, outside the repo`);
  }
  return readFile(real, "utf8");
}
async function readCommittedScript(repo, rev, file, actionId) {
  const resolved = await resolveScriptPath(file, (p) => lookupCommitted(repo, rev, p));
  if (!resolved.ok) {
    if (resolved.code !== "script-missing") throw outsideRepo(actionId, resolved.message);
    throw new OpsledgerError("PATH_NOT_FOUND", `the script file ${file} of "${actionId}" does not exist`);
  }
  return runGit(repo, ["cat-file", "blob", `${rev}:${resolved.path}`]);
}
async function lookupCommitted(repo, rev, file) {
  const listed = await runGitRaw(repo, ["ls-tree", "-z", rev, "--", file]);
  const entry = listed.stdout.split("\0").find((e) => e.slice(e.indexOf("	") + 1) === file);
  if (listed.code !== 0 || !entry) return { type: "missing" };
  const [mode, type, oid] = entry.slice(0, entry.indexOf("	")).split(" ");
  if (type === "tree") return { type: "dir" };
  if (mode === "120000") return { type: "symlink", target: await runGit(repo, ["cat-file", "blob", oid]) };
  return mode === "100644" || mode === "100755" ? { type: "file" } : { type: "other" };
}
function outsideRepo(actionId, message) {
  return new OpsledgerError("SCRIPT_OUTSIDE_REPO", `action "${actionId}": ${message}; it is not run`);
}

// src/executions/run-process.ts
import { spawn } from "node:child_process";

// src/executions/output-tail.ts
var MARK = Buffer.from("[REDACTED]");
function secretRanges(buf, secrets) {
  const ranges = [];
  for (const s of secrets) {
    if (s.length === 0) continue;
    for (let at = buf.indexOf(s); at !== -1; at = buf.indexOf(s, at + 1)) ranges.push([at, at + s.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
function scrubSecrets(buf, secrets, from = 0) {
  const parts = [];
  let pos = from;
  for (const [start, end] of secretRanges(buf, secrets)) {
    if (end <= from) continue;
    if (start > pos) parts.push(buf.subarray(pos, start));
    parts.push(MARK);
    pos = Math.max(pos, end);
  }
  if (pos < buf.length) parts.push(buf.subarray(pos));
  return Buffer.concat(parts);
}
var OutputTail = class {
  constructor(cap, secrets) {
    this.cap = cap;
    this.secrets = secrets.filter((s) => s.length > 0).map((s) => Buffer.from(s, "utf8"));
    this.keep = cap + Math.max(0, ...this.secrets.map((s) => s.length - 1));
  }
  cap;
  chunks = [];
  held = 0;
  total = 0;
  keep;
  secrets;
  push(chunk) {
    this.total += chunk.length;
    this.chunks.push(chunk);
    this.held += chunk.length;
    while (this.chunks.length > 1 && this.held - this.chunks[0].length >= this.keep) {
      this.held -= this.chunks.shift().length;
    }
  }
  /** The scrubbed tail as text, and how many bytes of the stream were cut off before it. */
  finish() {
    const all = Buffer.concat(this.chunks);
    const from = Math.max(0, all.length - this.cap);
    const truncatedBytes = this.total - (all.length - from);
    return { text: scrubSecrets(all, this.secrets, from).toString("utf8"), truncatedBytes };
  }
};
var ScrubbedLines = class {
  constructor(secrets, emit, maxLine = 64 * 1024) {
    this.emit = emit;
    this.maxLine = maxLine;
    this.secrets = secrets.filter((s) => s.length > 0).map((s) => Buffer.from(s, "utf8"));
    this.holdBack = Math.max(0, ...this.secrets.map((s) => s.length - 1));
  }
  emit;
  maxLine;
  pending = Buffer.alloc(0);
  secrets;
  holdBack;
  push(chunk) {
    this.pending = Buffer.concat([this.pending, chunk]);
    for (let nl = this.pending.indexOf(10); nl !== -1; nl = this.pending.indexOf(10)) {
      this.emit(scrubSecrets(this.pending.subarray(0, nl), this.secrets).toString("utf8"));
      this.pending = this.pending.subarray(nl + 1);
    }
    if (this.pending.length > this.maxLine + this.holdBack) {
      const cut = this.pending.length - this.holdBack;
      const ranges = secretRanges(this.pending, this.secrets);
      const safe = ranges.reduce((c, [s, e]) => s < c && e > c ? s : c, cut);
      this.emit(scrubSecrets(this.pending.subarray(0, safe), this.secrets).toString("utf8"));
      this.pending = this.pending.subarray(safe);
    }
  }
  end() {
    if (this.pending.length > 0) this.emit(scrubSecrets(this.pending, this.secrets).toString("utf8"));
    this.pending = Buffer.alloc(0);
  }
};

// src/executions/run-watchdog.ts
var WATCHDOG_SOURCE = `
const { spawn } = require('node:child_process');
const { Socket } = require('node:net');
const { constants } = require('node:os');
const [grace, command, ...args] = process.argv.slice(1);
const group = (sig) => { try { process.kill(-process.pid, sig); } catch {} };
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => {});
const lifeline = new Socket({ fd: 3, readable: true, writable: false });
lifeline.on('error', () => {});
lifeline.on('close', () => {
  group('SIGTERM');
  setTimeout(() => group('SIGKILL'), Number(grace));
});
lifeline.resume();
const child = spawn(command, args, { stdio: 'inherit' });
child.on('error', (e) => {
  process.stderr.write('cannot start ' + command + ': ' + e.message + '\\n');
  process.exit(127);
});
child.on('exit', (code, sig) => {
  if (sig) {
    process.removeAllListeners(sig);
    try { process.kill(process.pid, sig); } catch {}
    setTimeout(() => process.exit(128 + (constants.signals[sig] || 0)), 50);
  } else {
    process.exit(code);
  }
});
`;

// src/executions/run-process.ts
var PIPE_GRACE_MS = 1e3;
function runProcess(spec) {
  const started = performance.now();
  const stdout = new OutputTail(spec.outputCapBytes, spec.secrets);
  const stderr = new OutputTail(spec.outputCapBytes, spec.secrets);
  const liveOut = spec.onLine ? new ScrubbedLines(spec.secrets, (l) => spec.onLine("stdout", l)) : null;
  const liveErr = spec.onLine ? new ScrubbedLines(spec.secrets, (l) => spec.onLine("stderr", l)) : null;
  const raw = !spec.onLine && spec.secrets.length === 0 ? spec.onChunk : void 0;
  return new Promise((resolve) => {
    let stopping = null;
    let exit = null;
    let finished = false;
    const timers = [];
    const grace = spec.killGraceMs ?? 5e3;
    const child = spawn(
      process.execPath,
      ["-e", WATCHDOG_SOURCE, "--", String(grace), spec.command, ...spec.args],
      {
        cwd: spec.cwd,
        env: spec.env,
        detached: true,
        stdio: [spec.inheritStdin ? "inherit" : "ignore", "pipe", "pipe", "pipe"]
      }
    );
    const lifeline = child.stdio[3] ?? null;
    lifeline?.on("error", () => void 0);
    const killGroup = (signal) => {
      if (child.pid === void 0) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
      }
    };
    const stop = (why) => {
      if (stopping || finished) return;
      stopping = why;
      killGroup("SIGTERM");
      timers.push(setTimeout(() => killGroup("SIGKILL"), grace));
    };
    const onAbort = () => stop("cancelled");
    const finish = (startError) => {
      if (finished) return;
      finished = true;
      for (const t of timers) clearTimeout(t);
      spec.signal?.removeEventListener("abort", onAbort);
      if (stopping) killGroup("SIGKILL");
      child.stdout?.destroy();
      child.stderr?.destroy();
      lifeline?.destroy();
      liveOut?.end();
      liveErr?.end();
      if (startError) stderr.push(Buffer.from(`cannot start ${spec.command}: ${startError.message}
`));
      const out = stdout.finish();
      const err = stderr.finish();
      const code = startError ? 127 : exit?.code ?? null;
      resolve({
        status: stopping ?? (code === 0 ? "succeeded" : "failed"),
        exit_code: code,
        signal: exit?.signal ?? null,
        duration_ms: Math.round(performance.now() - started),
        stdout_tail: out.text,
        stderr_tail: err.text,
        truncated_bytes: out.truncatedBytes + err.truncatedBytes
      });
    };
    child.stdout?.on("data", (b) => {
      stdout.push(b);
      liveOut?.push(b);
      raw?.("stdout", b);
    });
    child.stderr?.on("data", (b) => {
      stderr.push(b);
      liveErr?.push(b);
      raw?.("stderr", b);
    });
    child.on("error", (e) => finish(e));
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      timers.push(setTimeout(() => finish(), PIPE_GRACE_MS));
    });
    child.on("close", () => finish());
    if (spec.timeoutMs !== null) timers.push(setTimeout(() => stop("timed_out"), spec.timeoutMs));
    if (spec.signal?.aborted) stop("cancelled");
    else spec.signal?.addEventListener("abort", onAbort);
  });
}

// src/executions/summarize-results.ts
function summarizeResults(results) {
  const has = (s) => results.some((r) => r.status === s);
  const status = has("cancelled") ? "cancelled" : has("timed_out") ? "timed_out" : results.length === 0 || has("failed") ? "failed" : "succeeded";
  const codes = results.map((r) => r.exit_code);
  const exit_code = codes.find((c) => c !== null && c !== 0) ?? (codes.every((c) => c === 0) && codes.length > 0 ? 0 : null);
  return { status, exit_code };
}

// src/executions/start-run.ts
var TARGET = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$/;
var INTERPRETERS = {
  bash: { ext: ".sh", argv: (f) => ["bash", [f]] },
  sh: { ext: ".sh", argv: (f) => ["sh", [f]] },
  node: { ext: ".js", argv: (f) => [process.execPath, [f]] },
  python: { ext: ".py", argv: (f) => ["python3", [f]] },
  pwsh: { ext: ".ps1", argv: (f) => ["pwsh", ["-NoProfile", "-NonInteractive", "-File", f]] }
};
function chooseTargets(action, asked) {
  const own = action.targets ?? [];
  for (const t of asked) {
    if (!TARGET.test(t))
      throw new OpsledgerError("PARAM_INVALID", `target "${t}" is not a valid target name`);
    if (own.length > 0 && !own.includes(t)) {
      throw new OpsledgerError(
        "PARAM_INVALID",
        `target "${t}" is not one of the action's targets (${own.join(", ")})`
      );
    }
  }
  const list = asked.length > 0 ? [...new Set(asked)] : own;
  return list.length > 0 ? list : [null];
}
async function startRun(options) {
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const history = options.history ?? await openHistoryFailingClosed(options);
  const resolved = await resolveAction({
    repo: options.repo,
    branch: options.branch,
    actionId: options.actionId,
    history,
    definitionsDir: options.definitionsDir
  });
  const { action, pinned } = resolved;
  if (pinned.dirty && !options.allowDirty) {
    throw new OpsledgerError(
      "DEFINITION_DIRTY",
      pinned.commit === null ? `action "${action.id}" is not committed to ${options.branch}` : `action "${action.id}" (${pinned.path}${action.script.file ? ` or ${action.script.file}` : ""}) differs from ${options.branch} in the work tree`
    );
  }
  if (action.status !== "released" && !options.allowUnreleased) {
    throw new OpsledgerError(
      "DEFINITION_UNRELEASED",
      `action "${action.id}" is ${action.status}, not released`
    );
  }
  const params = checkParameters(action.parameters ?? [], options.params);
  const targets = chooseTargets(action, options.targets);
  const key = await loadSecretKey(options.dataDir, now);
  const startedAt = now();
  const base = {
    id: (options.makeId ?? newExecutionId)(startedAt),
    action_id: action.id,
    definition: pinned,
    trigger: options.trigger,
    initiator: { ...options.initiator },
    targets: targets.filter((t) => t !== null),
    parameters: recordParameters(action.parameters ?? [], params.values, (v) => hmacSecret(key, v)),
    started_at: startedAt.toISOString(),
    finished_at: null,
    duration_ms: null,
    status: "running",
    exit_code: null
  };
  const lease = takeLease(options, base);
  let record;
  try {
    record = await options.journal.append(base);
  } catch (err) {
    lease.release();
    throw err;
  }
  const done = (async () => {
    let results = [];
    let error;
    try {
      results = await runTargets(options, resolved, targets, params, record.id, base.targets, lease);
    } catch (err) {
      error = `the run could not be carried out: ${err.message}`;
    }
    const finishedAt = now();
    const summary = summarizeResults(results);
    if (summary.status === "cancelled") error ??= cancelReason(options.signal);
    return recordEnd(options.journal, lease, {
      ...base,
      initiator: record.initiator,
      finished_at: finishedAt.toISOString(),
      duration_ms: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
      status: summary.status,
      exit_code: summary.exit_code,
      results,
      ...error ? { error } : {}
    });
  })();
  return { record, done };
}
function takeLease(options, base) {
  return takeRecorderLease({
    dataDir: options.dataDir,
    id: base.id,
    pid: options.recorder?.pid ?? process.pid,
    host: options.recorder?.host ?? hostname(),
    startedAt: base.started_at
  });
}
var UNWRITABLE = /* @__PURE__ */ new Set(["EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT", "ENOTDIR"]);
async function openHistoryFailingClosed(options) {
  try {
    return await openHistoryIndex({
      repo: options.repo,
      dataDir: options.dataDir,
      branch: options.branch,
      definitionsDir: options.definitionsDir ?? "definitions"
    });
  } catch (err) {
    const code = err.code;
    if (code && UNWRITABLE.has(code)) {
      throw new OpsledgerError(
        "JOURNAL_UNAVAILABLE",
        `the data dir ${options.dataDir} cannot be written: ${err.message}`,
        {
          cause: err
        }
      );
    }
    throw err;
  }
}
async function runTargets(options, resolved, targets, params, executionId, allTargets, lease) {
  const { action, script } = resolved;
  const dir = path2.join(
    options.tempDir ?? tmpdir(),
    `opsledger-run-${executionId}-${randomBytes(4).toString("hex")}`
  );
  lease.addTempDir(dir);
  await mkdir(dir, { mode: 448 });
  try {
    const interpreter = INTERPRETERS[script.shell];
    const file = path2.join(dir, script.fileName || `script${interpreter.ext}`);
    await writeFile(file, script.text, { mode: 448 });
    await chmod(dir, 448);
    const [command, args] = interpreter.argv(file);
    const results = new Array(targets.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < targets.length; i = next++) {
        const target = targets[i] ?? null;
        if (options.signal?.aborted) {
          results[i] = notStarted(target);
          continue;
        }
        const result = await runProcess({
          command,
          args,
          cwd: options.repo,
          env: {
            ...options.env,
            ...parameterEnv(params.values),
            OPSLEDGER_EXECUTION_ID: executionId,
            OPSLEDGER_ACTION_ID: action.id,
            OPSLEDGER_TARGET: target ?? "",
            OPSLEDGER_TARGETS: allTargets.join(",")
          },
          timeoutMs: (action.timeout ?? options.defaultTimeoutSeconds ?? 3600) * 1e3,
          killGraceMs: options.killGraceMs,
          outputCapBytes: options.outputCapBytes ?? 64 * 1024,
          secrets: params.secrets,
          signal: options.signal,
          onLine: options.onOutput ? (stream, line) => options.onOutput(target, stream, line) : void 0
        });
        results[i] = {
          target,
          status: result.status,
          exit_code: result.exit_code,
          ...result.signal ? { signal: result.signal } : {},
          duration_ms: result.duration_ms,
          stdout_tail: result.stdout_tail,
          stderr_tail: result.stderr_tail,
          truncated_bytes: result.truncated_bytes
        };
      }
    };
    const limit = Math.max(1, Math.min(action.concurrency ?? 4, targets.length));
    await Promise.all(Array.from({ length: limit }, () => worker()));
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
function notStarted(target) {
  return {
    target,
    status: "cancelled",
    exit_code: null,
    duration_ms: 0,
    stdout_tail: "",
    stderr_tail: "",
    truncated_bytes: 0
  };
}

export {
  parameterNameProblems,
  checkParameters,
  recordParameters,
  parameterEnv,
  recordEnd,
  cancelReason,
  scrubSecrets,
  runProcess,
  startRun,
  takeLease,
  openHistoryFailingClosed
};
