function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  hmacSecret,
  loadSecretKey
} from "./chunk-4UPVGKS6.js";
import {
  takeRecorderLeaseAsync
} from "./chunk-GQPEUOIP.js";
import {
  openWorkTreeSource
} from "./chunk-U6EHMBAM.js";
import {
  resolveScriptPath
} from "./chunk-GKUXOMQD.js";
import {
  parseDefinition
} from "./chunk-PEN3FHEJ.js";
import {
  openHistoryIndex
} from "./chunk-EQIGQF32.js";
import {
  resolveRef
} from "./chunk-GB75QTYU.js";
import {
  runGit,
  runGitRaw
} from "./chunk-AYTYQZ6H.js";
import {
  newExecutionId
} from "./chunk-44J7CKGR.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import {
  linearRegExpEngine,
  loadValidators
} from "./chunk-J7SPUE3Q.js";
import {
  TARGET
} from "./chunk-6O2CUPPL.js";

// src/executions/start-run.ts
import { randomBytes } from "node:crypto";
import { chmod, mkdir, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path2 from "node:path";

// src/executions/check-parameters.ts
import { Ajv } from "ajv";

// src/executions/reject-control-characters.ts
var FORBIDDEN = new RegExp("(?![\\t\\n\\r])\\p{Cc}", "u");
function findControlCharacters(raw) {
  return Object.entries(raw).filter(([, value]) => typeof value === "string" && FORBIDDEN.test(value)).map(([name]) => name);
}
function rejectControlCharacters(raw) {
  const names = findControlCharacters(raw);
  if (names.length === 0) return;
  throw new OpsledgerError(
    "PARAM_INVALID",
    `${names.map((n) => `parameter ${JSON.stringify(n)}`).join(", ")} ${names.length === 1 ? "contains" : "contain"} a control character`,
    {
      hint: "Parameter values may hold tabs, newlines and carriage returns but no other control characters (NUL, ESC, \u2026); remove them."
    }
  );
}

// src/executions/check-parameters.ts
var ajv = new Ajv({
  coerceTypes: true,
  useDefaults: true,
  allErrors: true,
  strict: false,
  code: { regExp: linearRegExpEngine }
});
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
    try {
      validate = ajv.compile(schema);
    } catch (err) {
      throw new OpsledgerError(
        "PARAM_INVALID",
        `the action's parameters cannot be checked: ${err.message}`,
        {
          hint: "Fix the parameter pattern in the definition; `opsledger validate` names it (pattern-unsupported)."
        }
      );
    }
    if (compiled.size >= 1e3) compiled.clear();
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
  rejectControlCharacters(raw);
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
    const literal = id.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
    if (new RegExp(`^id:\\s*['"]?${literal}['"]?\\s*(#.*)?$`, "m").test(text)) return file;
  }
  return null;
}
async function resolveAction(options) {
  const { repo, branch, actionId: id } = options;
  const definitionsDir = options.definitionsDir ?? "definitions";
  if (options.atCommit) return resolveAtCommit(options, options.atCommit);
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
async function resolveAtCommit(options, commit) {
  const version = options.history.definitionsAt("action", commit).find((v) => v.id === options.actionId);
  if (!version) {
    throw new OpsledgerError(
      "DEFINITION_NOT_FOUND",
      `no action "${options.actionId}" on ${options.branch} at commit ${commit.slice(0, 12)}`
    );
  }
  const action = version.value;
  return {
    action,
    pinned: {
      commit: version.commit,
      blob: version.blob,
      path: version.path,
      version: version.version,
      status: action.status,
      dirty: false
    },
    script: await scriptOf(options.repo, action, commit, options.branch)
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

// src/executions/needle-automaton.ts
var NeedleAutomaton = class {
  /** The length of the longest needle (0 when there are none). */
  longest;
  firstChild;
  nextSibling;
  label;
  fail;
  depth;
  /** The longest needle that ends at this state (following failure links), 0 when none. */
  match;
  rootNext = new Int32Array(256);
  size = 1;
  constructor(needles) {
    const capacity = 1 + needles.reduce((n, s) => n + s.length, 0);
    this.firstChild = new Int32Array(capacity).fill(-1);
    this.nextSibling = new Int32Array(capacity).fill(-1);
    this.label = new Uint8Array(capacity);
    this.fail = new Int32Array(capacity);
    this.depth = new Int32Array(capacity);
    this.match = new Int32Array(capacity);
    this.longest = needles.reduce((n, s) => Math.max(n, s.length), 0);
    for (const needle of needles) this.insert(needle);
    this.link();
  }
  /** The state after reading `byte` in `state` (0 is the start). */
  step(state, byte) {
    for (let s = state; ; s = this.fail[s]) {
      if (s === 0) return this.rootNext[byte];
      const next = this.child(s, byte);
      if (next !== -1) return next;
    }
  }
  /** The length of the longest needle ending with the byte that led to `state`, 0 when none. */
  matchLength(state) {
    return this.match[state];
  }
  /** How many of the last bytes read could still be the start of a needle. */
  partialLength(state) {
    return this.depth[state];
  }
  child(state, byte) {
    if (state === 0) return this.rootNext[byte] || -1;
    for (let c = this.firstChild[state]; c !== -1; c = this.nextSibling[c])
      if (this.label[c] === byte) return c;
    return -1;
  }
  insert(needle) {
    if (needle.length === 0) return;
    let s = 0;
    for (const byte of needle) {
      let next = this.child(s, byte);
      if (next === -1) {
        next = this.size++;
        this.label[next] = byte;
        this.depth[next] = this.depth[s] + 1;
        if (s === 0) this.rootNext[byte] = next;
        else {
          this.nextSibling[next] = this.firstChild[s];
          this.firstChild[s] = next;
        }
      }
      s = next;
    }
    this.match[s] = needle.length;
  }
  /** Failure links and inherited matches, breadth first. */
  link() {
    const queue = [];
    for (let b = 0; b < 256; b++) if (this.rootNext[b]) queue.push(this.rootNext[b]);
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head];
      for (let c = this.firstChild[s]; c !== -1; c = this.nextSibling[c]) {
        const byte = this.label[c];
        let f = this.fail[s];
        let target = this.child(f, byte);
        while (target === -1 && f !== 0) {
          f = this.fail[f];
          target = this.child(f, byte);
        }
        this.fail[c] = target === -1 || target === c ? 0 : target;
        this.match[c] = Math.max(this.match[c], this.match[this.fail[c]]);
        queue.push(c);
      }
    }
  }
};

// src/executions/derive-secret-needles.ts
var MIN_PART_BYTES = 8;
var WRAP_WIDTHS = [76, 64];
var MAX_FORM_BYTES = 1024 * 1024;
function deriveSecretNeedles(secrets) {
  const seen = /* @__PURE__ */ new Map();
  let budget = MAX_FORM_BYTES;
  const add = (needle, always) => {
    if (needle.length === 0 || !always && needle.length < MIN_PART_BYTES) return;
    const key = needle.toString("latin1");
    if (seen.has(key) || !always && needle.length > budget) return;
    seen.set(key, needle);
    budget -= needle.length;
  };
  const values = secrets.filter((v) => v !== "");
  const wholes = values.flatMap((v) => [.../* @__PURE__ */ new Set([v, v.trim()])]).filter((p) => p !== "");
  const lines = values.flatMap(
    (v) => v.split(/\r\n|\r|\n/).map((l) => l.trim()).filter((l) => l !== "" && l !== v && l !== v.trim())
  );
  for (const piece of wholes) add(Buffer.from(piece, "utf8"), true);
  for (const piece of wholes) for (const form of encodedForms(piece)) add(form, false);
  for (const line of lines) add(Buffer.from(line, "utf8"), false);
  for (const line of lines) for (const form of encodedForms(line)) add(form, false);
  return [...seen.values()].sort((a, b) => b.length - a.length);
}
function encodedForms(piece) {
  const bytes = Buffer.from(piece, "utf8");
  const [json, ...jsonVariants] = jsonForms(piece);
  const [url, ...urlVariants] = urlForms(piece);
  const text = (t) => t === void 0 ? [] : [Buffer.from(t, "utf8")];
  return [
    ...text(json),
    ...text(url),
    ...base64Forms(bytes),
    ...text(bytes.toString("hex")),
    ...[...jsonVariants, ...urlVariants].flatMap(text)
  ];
}
function jsonForms(piece) {
  const escaped = JSON.stringify(piece).slice(1, -1);
  const ascii = escaped.replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
  return [escaped, ascii, escaped.replaceAll("/", "\\/")];
}
function urlForms(piece) {
  let js;
  try {
    js = encodeURIComponent(piece);
  } catch {
    return [];
  }
  const strict = js.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return [
    js,
    strict,
    strict.replaceAll("%2F", "/"),
    // Python urllib.parse.quote keeps "/" by default
    strict.replaceAll("%20", "+"),
    // forms, quote_plus
    js.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())
  ];
}
function base64Forms(bytes) {
  const out = [];
  for (const encoding of ["base64", "base64url"]) {
    const full = bytes.toString(encoding);
    out.push(Buffer.from(full, "latin1"));
    for (let skip = 0; skip < 3; skip++) {
      const usable = Math.floor((bytes.length - skip) / 3) * 3;
      if (usable > 0) out.push(Buffer.from(bytes.subarray(skip, skip + usable).toString(encoding), "latin1"));
    }
    if (encoding === "base64") {
      for (const width of WRAP_WIDTHS) {
        for (let at = 0; at < full.length && full.length > width; at += width)
          out.push(Buffer.from(full.slice(at, at + width), "latin1"));
      }
    }
  }
  return out;
}

// src/executions/scrub-secrets.ts
var REDACTION_MARK = "[REDACTED]";
var MARK = Buffer.from(REDACTION_MARK);
var built = /* @__PURE__ */ new WeakMap();
function buildSecretMatcher(secrets) {
  let matcher = built.get(secrets);
  if (!matcher) {
    matcher = new NeedleAutomaton(deriveSecretNeedles(secrets));
    built.set(secrets, matcher);
  }
  return matcher;
}
function addRange(ranges, start, end) {
  let from = start;
  while (ranges.length > 0 && ranges[ranges.length - 1] >= from) {
    from = Math.min(from, ranges[ranges.length - 2]);
    ranges.length -= 2;
  }
  ranges.push(from, end);
}
function findNeedleRanges(buf, matcher) {
  const ranges = [];
  if (matcher.longest === 0) return ranges;
  let state = 0;
  for (let i = 0; i < buf.length; i++) {
    state = matcher.step(state, buf[i]);
    const len = matcher.matchLength(state);
    if (len > 0) addRange(ranges, i + 1 - len, i + 1);
  }
  return ranges;
}
function scrubBuffer(buf, matcher, from = 0) {
  const parts = [];
  let pos = from;
  const ranges = findNeedleRanges(buf, matcher);
  for (let k = 0; k < ranges.length; k += 2) {
    const start = ranges[k];
    const end = ranges[k + 1];
    if (end <= from) continue;
    if (start > pos) parts.push(buf.subarray(pos, start));
    parts.push(MARK);
    pos = Math.max(pos, end);
  }
  if (pos < buf.length) parts.push(buf.subarray(pos));
  return Buffer.concat(parts);
}
function scrubText(text, secrets) {
  if (secrets.length === 0) return text;
  return scrubBuffer(Buffer.from(text, "utf8"), buildSecretMatcher(secrets)).toString("utf8");
}
var SecretScrubber = class {
  constructor(matcher) {
    this.matcher = matcher;
  }
  matcher;
  state = 0;
  /** Bytes read but not yet returned; `held[0]` is byte number `heldFrom` of the stream. */
  held = Buffer.alloc(0);
  heldFrom = 0;
  read = 0;
  /** Needle occurrences (absolute [start, end] pairs) not yet returned. */
  ranges = [];
  push(chunk) {
    if (this.matcher.longest === 0) return chunk;
    for (let i = 0; i < chunk.length; i++) {
      this.state = this.matcher.step(this.state, chunk[i]);
      this.read++;
      const len = this.matcher.matchLength(this.state);
      if (len > 0) addRange(this.ranges, this.read - len, this.read);
    }
    this.held = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk]);
    let cut = this.read - this.matcher.partialLength(this.state);
    for (let k = this.ranges.length - 2; k >= 0; k -= 2) {
      if (this.ranges[k + 1] <= cut) break;
      if (this.ranges[k] < cut) cut = this.ranges[k];
    }
    return this.release(cut);
  }
  end() {
    const rest = this.release(this.read);
    this.state = 0;
    return rest;
  }
  /** Return the held bytes before stream offset `cut`, occurrences replaced by the mark. */
  release(cut) {
    if (cut <= this.heldFrom) return Buffer.alloc(0);
    const parts = [];
    let pos = this.heldFrom;
    let k = 0;
    for (; k < this.ranges.length && this.ranges[k + 1] <= cut; k += 2) {
      const start = this.ranges[k];
      if (start > pos) parts.push(this.held.subarray(pos - this.heldFrom, start - this.heldFrom));
      parts.push(MARK);
      pos = Math.max(pos, this.ranges[k + 1]);
    }
    if (cut > pos) parts.push(this.held.subarray(pos - this.heldFrom, cut - this.heldFrom));
    this.ranges = this.ranges.slice(k);
    this.held = this.held.subarray(cut - this.heldFrom);
    this.heldFrom = cut;
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }
};

// src/executions/output-tail.ts
var OutputTail = class {
  constructor(cap, secrets) {
    this.cap = cap;
    this.matcher = buildSecretMatcher(secrets);
    this.keep = cap + Math.max(0, this.matcher.longest - 1);
  }
  cap;
  chunks = [];
  held = 0;
  total = 0;
  keep;
  matcher;
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
    return { text: scrubBuffer(all, this.matcher, from).toString("utf8"), truncatedBytes };
  }
};
var ScrubbedLines = class {
  constructor(secrets, emit, maxLine = 64 * 1024) {
    this.emit = emit;
    this.maxLine = maxLine;
    this.scrubber = new SecretScrubber(buildSecretMatcher(secrets));
  }
  emit;
  maxLine;
  pending = Buffer.alloc(0);
  scrubber;
  push(chunk) {
    this.take(this.scrubber.push(chunk));
  }
  end() {
    this.take(this.scrubber.end());
    if (this.pending.length > 0) this.emit(this.pending.toString("utf8"));
    this.pending = Buffer.alloc(0);
  }
  take(scrubbed) {
    if (scrubbed.length === 0) return;
    this.pending = this.pending.length === 0 ? scrubbed : Buffer.concat([this.pending, scrubbed]);
    for (let nl = this.pending.indexOf(10); nl !== -1; nl = this.pending.indexOf(10)) {
      this.emit(this.pending.subarray(0, nl).toString("utf8"));
      this.pending = this.pending.subarray(nl + 1);
    }
    while (this.pending.length > this.maxLine) {
      this.emit(this.pending.subarray(0, this.maxLine).toString("utf8"));
      this.pending = this.pending.subarray(this.maxLine);
    }
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
    definitionsDir: options.definitionsDir,
    ...options.atCommit ? { atCommit: options.atCommit } : {}
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
    exit_code: null,
    ...options.extra
  };
  const lease = await takeLease(options, base);
  let record;
  try {
    const claimed = options.claim ? await claimStart(options.journal, base) : await options.journal.append(base);
    if (!claimed)
      throw new OpsledgerError("FIRING_CLAIMED", `run ${base.id} was started by another recorder`);
    record = claimed;
  } catch (err) {
    await closeUnacknowledgedStart(options.journal, lease, base, err, now());
    throw err;
  }
  const done = (async () => {
    let results = [];
    let error;
    try {
      results = await runTargets(options, resolved, targets, params, record.id, base.targets, lease);
    } catch (err) {
      error = `the run could not be carried out: ${scrubText(err.message, params.secrets)}`;
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
async function closeUnacknowledgedStart(journal, lease, base, err, at) {
  const recorded = err.recorded;
  if (!recorded || recorded.id !== base.id || recorded.status !== "running") return lease.release();
  await recordEnd(journal, lease, {
    ...base,
    initiator: recorded.initiator,
    finished_at: at.toISOString(),
    duration_ms: 0,
    status: "abandoned",
    exit_code: null,
    error: `abandoned: its start was recorded but could not be acknowledged (${err.message}); nothing ran`
  }).catch(() => void 0);
}
function claimStart(journal, base) {
  return journal.appendIf(base, (latest) => latest === null);
}
function takeLease(options, base) {
  return takeRecorderLeaseAsync({
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
  await lease.addTempDir(dir);
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
          timeoutMs: (options.timeoutSeconds ?? action.timeout ?? options.defaultTimeoutSeconds ?? 3600) * 1e3,
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
  rejectControlCharacters,
  parameterNameProblems,
  checkParameters,
  recordParameters,
  parameterEnv,
  recordEnd,
  cancelReason,
  scrubText,
  runProcess,
  startRun,
  takeLease,
  openHistoryFailingClosed
};
