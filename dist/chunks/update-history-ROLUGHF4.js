function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  createBlockYamlParser,
  parseBlob
} from "./chunk-LS7CCVM2.js";
import {
  openCatFileBatch
} from "./chunk-LVNUE3KJ.js";
import {
  foldCommit
} from "./chunk-ZQYWZ3OO.js";
import {
  parseCommitMessage
} from "./chunk-QDGFH3S3.js";
import "./chunk-3HNKWDGP.js";
import "./chunk-PEN3FHEJ.js";
import {
  createValueEncoder
} from "./chunk-AH7MIAEX.js";
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
} from "./chunk-FBEO4PPA.js";
import {
  createFoldState,
  scriptPathOf
} from "./chunk-O7JP4MY6.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import {
  SCHEMA_FILES,
  SHIPPED_SCHEMA_DIR,
  linearRegExpEngine,
  loadValidators
} from "./chunk-J7SPUE3Q.js";
import "./chunk-5EEFVU5U.js";
import "./chunk-M2VQNUJS.js";
import "./chunk-SMWZYUQH.js";
import {
  AUDITABLE_TYPES,
  DEFINITION_KINDS,
  fileKeyOf,
  kindOfPath
} from "./chunk-6O2CUPPL.js";
import "./chunk-O64KD3H5.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

// src/history/update-history.ts
import { existsSync, statSync } from "node:fs";
import path4 from "node:path";

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
function toChange(meta, path5) {
  const [, , oldBlob = "", newBlob = "", status = ""] = meta.slice(1).split(" ");
  return {
    path: path5,
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
import { createHash as createHash2 } from "node:crypto";
import { readFileSync as readFileSync2, rmSync, writeFileSync } from "node:fs";
import path2 from "node:path";

// src/definitions/shipped-validators.ts
import { readFileSync } from "node:fs";
import path from "node:path";
import ucs2lengthModule from "ajv/dist/runtime/ucs2length.js";
import equalModule from "ajv/dist/runtime/equal.js";
import { fullFormats } from "ajv-formats/dist/formats.js";

// src/definitions/shipped-validator-runtime.ts
import { createHash } from "node:crypto";
function schemaTextsHash(texts) {
  const hash = createHash("sha256");
  for (const text of texts) hash.update(`${text.length}
${text}`);
  return hash.digest("hex");
}

// src/definitions/shipped-validators.generated.ts
var SCHEMA_TEXTS_HASH = "a03eababe273659e86d5eb0ab5342a3f70468194658072e67dd4746c1ea399a9";
var FACTORIES = {
  action(runtime, linearRegExpEngine2) {
    const schema11 = { "$schema": "http://json-schema.org/draft-07/schema#", "title": "opsledger action", "description": "A script with parameters, targets, a credential name and an approval status. One action per file under definitions/actions/.", "type": "object", "additionalProperties": false, "required": ["id", "name", "owner", "status", "script"], "properties": { "id": { "$ref": "#/definitions/id" }, "name": { "type": "string", "minLength": 1, "maxLength": 200 }, "description": { "type": "string", "maxLength": 4e3 }, "owner": { "$ref": "#/definitions/email" }, "tags": { "type": "array", "items": { "type": "string", "pattern": "^[a-z0-9][a-z0-9_.-]{0,62}$" }, "uniqueItems": true }, "status": { "enum": ["draft", "approved", "released", "deprecated"] }, "script": { "type": "object", "additionalProperties": false, "required": ["shell"], "properties": { "shell": { "enum": ["bash", "sh", "node", "python", "pwsh"] }, "inline": { "type": "string", "minLength": 1 }, "file": { "type": "string", "minLength": 1, "pattern": "^[^\\\\]+$" } }, "oneOf": [{ "required": ["inline"] }, { "required": ["file"] }] }, "parameters": { "type": "array", "items": { "$ref": "#/definitions/parameter" } }, "targets": { "type": "array", "items": { "$ref": "#/definitions/target" }, "uniqueItems": true }, "credential": { "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_./:-]{0,127}$", "description": "The name of a credential held by the runner; never the secret itself." }, "timeout": { "type": "integer", "minimum": 1, "maximum": 86400, "description": "Seconds before the run is killed." }, "concurrency": { "type": "integer", "minimum": 1, "maximum": 64, "description": "How many targets run at once (default 4)." }, "schedule": { "description": "When the scheduler of `opsledger serve` starts this: a cron expression (5 fields, or 6 with seconds first; UTC), or { cron, timezone } for another IANA time zone (docs/schedules.md).", "anyOf": [{ "type": "string", "pattern": "^\\S+(\\s+\\S+){4,5}$" }, { "type": "object", "additionalProperties": false, "required": ["cron"], "properties": { "cron": { "type": "string", "pattern": "^\\S+(\\s+\\S+){4,5}$" }, "timezone": { "type": "string", "minLength": 1, "maxLength": 64 } } }] }, "catch_up": { "enum": ["none", "latest"], "default": "none", "description": "Firings missed while the service was down: none = record them as missed; latest = also run the latest one at start-up." }, "overlap": { "enum": ["allow", "skip", "queue"], "default": "skip", "description": "A firing while an earlier scheduled run of this definition still runs: allow = run both, skip = record it skipped, queue = start it when the earlier one ends." } }, "definitions": { "id": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" }, "email": { "type": "string", "format": "email" }, "target": { "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$" }, "parameter": { "type": "object", "additionalProperties": false, "required": ["name", "type"], "properties": { "name": { "type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]{0,63}$" }, "type": { "enum": ["string", "integer", "number", "boolean"] }, "required": { "type": "boolean" }, "default": { "type": ["string", "integer", "number", "boolean"] }, "enum": { "type": "array", "minItems": 1, "uniqueItems": true, "items": { "type": ["string", "integer", "number", "boolean"] } }, "pattern": { "type": "string", "format": "regex" }, "secret": { "type": "boolean" }, "description": { "type": "string", "maxLength": 1e3 } }, "allOf": [{ "if": { "properties": { "type": { "const": "string" } } }, "then": { "properties": { "default": { "type": "string" }, "enum": { "items": { "type": "string" } } } } }, { "if": { "properties": { "type": { "const": "integer" } } }, "then": { "properties": { "default": { "type": "integer" }, "enum": { "items": { "type": "integer" } } } } }, { "if": { "properties": { "type": { "const": "number" } } }, "then": { "properties": { "default": { "type": "number" }, "enum": { "items": { "type": "number" } } } } }, { "if": { "properties": { "type": { "const": "boolean" } } }, "then": { "properties": { "default": { "type": "boolean" }, "enum": { "items": { "type": "boolean" } } } } }] } } };
    const schema12 = { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" };
    const schema13 = { "type": "string", "format": "email" };
    const schema14 = { "type": "object", "additionalProperties": false, "required": ["name", "type"], "properties": { "name": { "type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]{0,63}$" }, "type": { "enum": ["string", "integer", "number", "boolean"] }, "required": { "type": "boolean" }, "default": { "type": ["string", "integer", "number", "boolean"] }, "enum": { "type": "array", "minItems": 1, "uniqueItems": true, "items": { "type": ["string", "integer", "number", "boolean"] } }, "pattern": { "type": "string", "format": "regex" }, "secret": { "type": "boolean" }, "description": { "type": "string", "maxLength": 1e3 } }, "allOf": [{ "if": { "properties": { "type": { "const": "string" } } }, "then": { "properties": { "default": { "type": "string" }, "enum": { "items": { "type": "string" } } } } }, { "if": { "properties": { "type": { "const": "integer" } } }, "then": { "properties": { "default": { "type": "integer" }, "enum": { "items": { "type": "integer" } } } } }, { "if": { "properties": { "type": { "const": "number" } } }, "then": { "properties": { "default": { "type": "number" }, "enum": { "items": { "type": "number" } } } } }, { "if": { "properties": { "type": { "const": "boolean" } } }, "then": { "properties": { "default": { "type": "boolean" }, "enum": { "items": { "type": "boolean" } } } } }] };
    const schema15 = { "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$" };
    const func2 = Object.prototype.hasOwnProperty;
    const func3 = linearRegExpEngine2;
    const func4 = runtime("ajv/dist/runtime/ucs2length").default;
    const func0 = runtime("ajv/dist/runtime/equal").default;
    const pattern0 = func3("^[a-z0-9][a-z0-9-]{0,62}$", "u");
    const pattern1 = func3("^[a-z0-9][a-z0-9_.-]{0,62}$", "u");
    const pattern2 = func3("^[^\\\\]+$", "u");
    const pattern3 = func3("^[A-Za-z_][A-Za-z0-9_]{0,63}$", "u");
    const pattern4 = func3("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$", "u");
    const pattern5 = func3("^[A-Za-z0-9][A-Za-z0-9_./:-]{0,127}$", "u");
    const pattern6 = func3("^\\S+(\\s+\\S+){4,5}$", "u");
    const formats0 = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
    const formats2 = runtime("ajv-formats/dist/formats").fullFormats.regex;
    function validate10(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
      let vErrors = null;
      let errors = 0;
      if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.id === void 0) {
          const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "id" }, message: "must have required property 'id'" };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
        if (data.name === void 0) {
          const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'" };
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
        if (data.owner === void 0) {
          const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "owner" }, message: "must have required property 'owner'" };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
        if (data.status === void 0) {
          const err3 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "status" }, message: "must have required property 'status'" };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
        if (data.script === void 0) {
          const err4 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "script" }, message: "must have required property 'script'" };
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
        for (const key0 in data) {
          if (!func2.call(schema11.properties, key0)) {
            const err5 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err5];
            } else {
              vErrors.push(err5);
            }
            errors++;
          }
        }
        if (data.id !== void 0) {
          let data0 = data.id;
          if (typeof data0 === "string") {
            if (!pattern0.test(data0)) {
              const err6 = { instancePath: instancePath + "/id", schemaPath: "#/definitions/id/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9-]{0,62}$" }, message: 'must match pattern "^[a-z0-9][a-z0-9-]{0,62}$"' };
              if (vErrors === null) {
                vErrors = [err6];
              } else {
                vErrors.push(err6);
              }
              errors++;
            }
          } else {
            const err7 = { instancePath: instancePath + "/id", schemaPath: "#/definitions/id/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
        }
        if (data.name !== void 0) {
          let data1 = data.name;
          if (typeof data1 === "string") {
            if (func4(data1) > 200) {
              const err8 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/maxLength", keyword: "maxLength", params: { limit: 200 }, message: "must NOT have more than 200 characters" };
              if (vErrors === null) {
                vErrors = [err8];
              } else {
                vErrors.push(err8);
              }
              errors++;
            }
            if (func4(data1) < 1) {
              const err9 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
              if (vErrors === null) {
                vErrors = [err9];
              } else {
                vErrors.push(err9);
              }
              errors++;
            }
          } else {
            const err10 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err10];
            } else {
              vErrors.push(err10);
            }
            errors++;
          }
        }
        if (data.description !== void 0) {
          let data2 = data.description;
          if (typeof data2 === "string") {
            if (func4(data2) > 4e3) {
              const err11 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/maxLength", keyword: "maxLength", params: { limit: 4e3 }, message: "must NOT have more than 4000 characters" };
              if (vErrors === null) {
                vErrors = [err11];
              } else {
                vErrors.push(err11);
              }
              errors++;
            }
          } else {
            const err12 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
        }
        if (data.owner !== void 0) {
          let data3 = data.owner;
          if (typeof data3 === "string") {
            if (!formats0.test(data3)) {
              const err13 = { instancePath: instancePath + "/owner", schemaPath: "#/definitions/email/format", keyword: "format", params: { format: "email" }, message: 'must match format "email"' };
              if (vErrors === null) {
                vErrors = [err13];
              } else {
                vErrors.push(err13);
              }
              errors++;
            }
          } else {
            const err14 = { instancePath: instancePath + "/owner", schemaPath: "#/definitions/email/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err14];
            } else {
              vErrors.push(err14);
            }
            errors++;
          }
        }
        if (data.tags !== void 0) {
          let data4 = data.tags;
          if (Array.isArray(data4)) {
            const len0 = data4.length;
            for (let i0 = 0; i0 < len0; i0++) {
              let data5 = data4[i0];
              if (typeof data5 === "string") {
                if (!pattern1.test(data5)) {
                  const err15 = { instancePath: instancePath + "/tags/" + i0, schemaPath: "#/properties/tags/items/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9_.-]{0,62}$" }, message: 'must match pattern "^[a-z0-9][a-z0-9_.-]{0,62}$"' };
                  if (vErrors === null) {
                    vErrors = [err15];
                  } else {
                    vErrors.push(err15);
                  }
                  errors++;
                }
              } else {
                const err16 = { instancePath: instancePath + "/tags/" + i0, schemaPath: "#/properties/tags/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err16];
                } else {
                  vErrors.push(err16);
                }
                errors++;
              }
            }
            let i1 = data4.length;
            let j0;
            if (i1 > 1) {
              const indices0 = {};
              for (; i1--; ) {
                let item0 = data4[i1];
                if (typeof item0 !== "string") {
                  continue;
                }
                if (typeof indices0[item0] == "number") {
                  j0 = indices0[item0];
                  const err17 = { instancePath: instancePath + "/tags", schemaPath: "#/properties/tags/uniqueItems", keyword: "uniqueItems", params: { i: i1, j: j0 }, message: "must NOT have duplicate items (items ## " + j0 + " and " + i1 + " are identical)" };
                  if (vErrors === null) {
                    vErrors = [err17];
                  } else {
                    vErrors.push(err17);
                  }
                  errors++;
                  break;
                }
                indices0[item0] = i1;
              }
            }
          } else {
            const err18 = { instancePath: instancePath + "/tags", schemaPath: "#/properties/tags/type", keyword: "type", params: { type: "array" }, message: "must be array" };
            if (vErrors === null) {
              vErrors = [err18];
            } else {
              vErrors.push(err18);
            }
            errors++;
          }
        }
        if (data.status !== void 0) {
          let data6 = data.status;
          if (!(data6 === "draft" || data6 === "approved" || data6 === "released" || data6 === "deprecated")) {
            const err19 = { instancePath: instancePath + "/status", schemaPath: "#/properties/status/enum", keyword: "enum", params: { allowedValues: schema11.properties.status.enum }, message: "must be equal to one of the allowed values" };
            if (vErrors === null) {
              vErrors = [err19];
            } else {
              vErrors.push(err19);
            }
            errors++;
          }
        }
        if (data.script !== void 0) {
          let data7 = data.script;
          const _errs19 = errors;
          let valid6 = false;
          let passing0 = null;
          const _errs20 = errors;
          if (data7 && typeof data7 == "object" && !Array.isArray(data7)) {
            if (data7.inline === void 0) {
              const err20 = { instancePath: instancePath + "/script", schemaPath: "#/properties/script/oneOf/0/required", keyword: "required", params: { missingProperty: "inline" }, message: "must have required property 'inline'" };
              if (vErrors === null) {
                vErrors = [err20];
              } else {
                vErrors.push(err20);
              }
              errors++;
            }
          }
          var _valid0 = _errs20 === errors;
          if (_valid0) {
            valid6 = true;
            passing0 = 0;
          }
          const _errs21 = errors;
          if (data7 && typeof data7 == "object" && !Array.isArray(data7)) {
            if (data7.file === void 0) {
              const err21 = { instancePath: instancePath + "/script", schemaPath: "#/properties/script/oneOf/1/required", keyword: "required", params: { missingProperty: "file" }, message: "must have required property 'file'" };
              if (vErrors === null) {
                vErrors = [err21];
              } else {
                vErrors.push(err21);
              }
              errors++;
            }
          }
          var _valid0 = _errs21 === errors;
          if (_valid0 && valid6) {
            valid6 = false;
            passing0 = [passing0, 1];
          } else {
            if (_valid0) {
              valid6 = true;
              passing0 = 1;
            }
          }
          if (!valid6) {
            const err22 = { instancePath: instancePath + "/script", schemaPath: "#/properties/script/oneOf", keyword: "oneOf", params: { passingSchemas: passing0 }, message: "must match exactly one schema in oneOf" };
            if (vErrors === null) {
              vErrors = [err22];
            } else {
              vErrors.push(err22);
            }
            errors++;
          } else {
            errors = _errs19;
            if (vErrors !== null) {
              if (_errs19) {
                vErrors.length = _errs19;
              } else {
                vErrors = null;
              }
            }
          }
          if (data7 && typeof data7 == "object" && !Array.isArray(data7)) {
            if (data7.shell === void 0) {
              const err23 = { instancePath: instancePath + "/script", schemaPath: "#/properties/script/required", keyword: "required", params: { missingProperty: "shell" }, message: "must have required property 'shell'" };
              if (vErrors === null) {
                vErrors = [err23];
              } else {
                vErrors.push(err23);
              }
              errors++;
            }
            for (const key1 in data7) {
              if (!(key1 === "shell" || key1 === "inline" || key1 === "file")) {
                const err24 = { instancePath: instancePath + "/script", schemaPath: "#/properties/script/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err24];
                } else {
                  vErrors.push(err24);
                }
                errors++;
              }
            }
            if (data7.shell !== void 0) {
              let data8 = data7.shell;
              if (!(data8 === "bash" || data8 === "sh" || data8 === "node" || data8 === "python" || data8 === "pwsh")) {
                const err25 = { instancePath: instancePath + "/script/shell", schemaPath: "#/properties/script/properties/shell/enum", keyword: "enum", params: { allowedValues: schema11.properties.script.properties.shell.enum }, message: "must be equal to one of the allowed values" };
                if (vErrors === null) {
                  vErrors = [err25];
                } else {
                  vErrors.push(err25);
                }
                errors++;
              }
            }
            if (data7.inline !== void 0) {
              let data9 = data7.inline;
              if (typeof data9 === "string") {
                if (func4(data9) < 1) {
                  const err26 = { instancePath: instancePath + "/script/inline", schemaPath: "#/properties/script/properties/inline/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                  if (vErrors === null) {
                    vErrors = [err26];
                  } else {
                    vErrors.push(err26);
                  }
                  errors++;
                }
              } else {
                const err27 = { instancePath: instancePath + "/script/inline", schemaPath: "#/properties/script/properties/inline/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err27];
                } else {
                  vErrors.push(err27);
                }
                errors++;
              }
            }
            if (data7.file !== void 0) {
              let data10 = data7.file;
              if (typeof data10 === "string") {
                if (func4(data10) < 1) {
                  const err28 = { instancePath: instancePath + "/script/file", schemaPath: "#/properties/script/properties/file/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                  if (vErrors === null) {
                    vErrors = [err28];
                  } else {
                    vErrors.push(err28);
                  }
                  errors++;
                }
                if (!pattern2.test(data10)) {
                  const err29 = { instancePath: instancePath + "/script/file", schemaPath: "#/properties/script/properties/file/pattern", keyword: "pattern", params: { pattern: "^[^\\\\]+$" }, message: 'must match pattern "^[^\\\\]+$"' };
                  if (vErrors === null) {
                    vErrors = [err29];
                  } else {
                    vErrors.push(err29);
                  }
                  errors++;
                }
              } else {
                const err30 = { instancePath: instancePath + "/script/file", schemaPath: "#/properties/script/properties/file/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err30];
                } else {
                  vErrors.push(err30);
                }
                errors++;
              }
            }
          } else {
            const err31 = { instancePath: instancePath + "/script", schemaPath: "#/properties/script/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err31];
            } else {
              vErrors.push(err31);
            }
            errors++;
          }
        }
        if (data.parameters !== void 0) {
          let data11 = data.parameters;
          if (Array.isArray(data11)) {
            const len1 = data11.length;
            for (let i2 = 0; i2 < len1; i2++) {
              let data12 = data11[i2];
              const _errs34 = errors;
              let valid12 = true;
              const _errs35 = errors;
              if (data12 && typeof data12 == "object" && !Array.isArray(data12)) {
                if (data12.type !== void 0) {
                  if ("string" !== data12.type) {
                    const err32 = {};
                    if (vErrors === null) {
                      vErrors = [err32];
                    } else {
                      vErrors.push(err32);
                    }
                    errors++;
                  }
                }
              }
              var _valid1 = _errs35 === errors;
              errors = _errs34;
              if (vErrors !== null) {
                if (_errs34) {
                  vErrors.length = _errs34;
                } else {
                  vErrors = null;
                }
              }
              if (_valid1) {
                const _errs37 = errors;
                if (data12 && typeof data12 == "object" && !Array.isArray(data12)) {
                  if (data12.default !== void 0) {
                    if (typeof data12.default !== "string") {
                      const err33 = { instancePath: instancePath + "/parameters/" + i2 + "/default", schemaPath: "#/definitions/parameter/allOf/0/then/properties/default/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                      if (vErrors === null) {
                        vErrors = [err33];
                      } else {
                        vErrors.push(err33);
                      }
                      errors++;
                    }
                  }
                  if (data12.enum !== void 0) {
                    let data15 = data12.enum;
                    if (Array.isArray(data15)) {
                      const len2 = data15.length;
                      for (let i3 = 0; i3 < len2; i3++) {
                        if (typeof data15[i3] !== "string") {
                          const err34 = { instancePath: instancePath + "/parameters/" + i2 + "/enum/" + i3, schemaPath: "#/definitions/parameter/allOf/0/then/properties/enum/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                          if (vErrors === null) {
                            vErrors = [err34];
                          } else {
                            vErrors.push(err34);
                          }
                          errors++;
                        }
                      }
                    }
                  }
                }
                var _valid1 = _errs37 === errors;
                valid12 = _valid1;
              }
              if (!valid12) {
                const err35 = { instancePath: instancePath + "/parameters/" + i2, schemaPath: "#/definitions/parameter/allOf/0/if", keyword: "if", params: { failingKeyword: "then" }, message: 'must match "then" schema' };
                if (vErrors === null) {
                  vErrors = [err35];
                } else {
                  vErrors.push(err35);
                }
                errors++;
              }
              const _errs44 = errors;
              let valid17 = true;
              const _errs45 = errors;
              if (data12 && typeof data12 == "object" && !Array.isArray(data12)) {
                if (data12.type !== void 0) {
                  if ("integer" !== data12.type) {
                    const err36 = {};
                    if (vErrors === null) {
                      vErrors = [err36];
                    } else {
                      vErrors.push(err36);
                    }
                    errors++;
                  }
                }
              }
              var _valid2 = _errs45 === errors;
              errors = _errs44;
              if (vErrors !== null) {
                if (_errs44) {
                  vErrors.length = _errs44;
                } else {
                  vErrors = null;
                }
              }
              if (_valid2) {
                const _errs47 = errors;
                if (data12 && typeof data12 == "object" && !Array.isArray(data12)) {
                  if (data12.default !== void 0) {
                    let data18 = data12.default;
                    if (!(typeof data18 == "number" && (!(data18 % 1) && !isNaN(data18)) && isFinite(data18))) {
                      const err37 = { instancePath: instancePath + "/parameters/" + i2 + "/default", schemaPath: "#/definitions/parameter/allOf/1/then/properties/default/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                      if (vErrors === null) {
                        vErrors = [err37];
                      } else {
                        vErrors.push(err37);
                      }
                      errors++;
                    }
                  }
                  if (data12.enum !== void 0) {
                    let data19 = data12.enum;
                    if (Array.isArray(data19)) {
                      const len3 = data19.length;
                      for (let i4 = 0; i4 < len3; i4++) {
                        let data20 = data19[i4];
                        if (!(typeof data20 == "number" && (!(data20 % 1) && !isNaN(data20)) && isFinite(data20))) {
                          const err38 = { instancePath: instancePath + "/parameters/" + i2 + "/enum/" + i4, schemaPath: "#/definitions/parameter/allOf/1/then/properties/enum/items/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                          if (vErrors === null) {
                            vErrors = [err38];
                          } else {
                            vErrors.push(err38);
                          }
                          errors++;
                        }
                      }
                    }
                  }
                }
                var _valid2 = _errs47 === errors;
                valid17 = _valid2;
              }
              if (!valid17) {
                const err39 = { instancePath: instancePath + "/parameters/" + i2, schemaPath: "#/definitions/parameter/allOf/1/if", keyword: "if", params: { failingKeyword: "then" }, message: 'must match "then" schema' };
                if (vErrors === null) {
                  vErrors = [err39];
                } else {
                  vErrors.push(err39);
                }
                errors++;
              }
              const _errs54 = errors;
              let valid22 = true;
              const _errs55 = errors;
              if (data12 && typeof data12 == "object" && !Array.isArray(data12)) {
                if (data12.type !== void 0) {
                  if ("number" !== data12.type) {
                    const err40 = {};
                    if (vErrors === null) {
                      vErrors = [err40];
                    } else {
                      vErrors.push(err40);
                    }
                    errors++;
                  }
                }
              }
              var _valid3 = _errs55 === errors;
              errors = _errs54;
              if (vErrors !== null) {
                if (_errs54) {
                  vErrors.length = _errs54;
                } else {
                  vErrors = null;
                }
              }
              if (_valid3) {
                const _errs57 = errors;
                if (data12 && typeof data12 == "object" && !Array.isArray(data12)) {
                  if (data12.default !== void 0) {
                    let data22 = data12.default;
                    if (!(typeof data22 == "number" && isFinite(data22))) {
                      const err41 = { instancePath: instancePath + "/parameters/" + i2 + "/default", schemaPath: "#/definitions/parameter/allOf/2/then/properties/default/type", keyword: "type", params: { type: "number" }, message: "must be number" };
                      if (vErrors === null) {
                        vErrors = [err41];
                      } else {
                        vErrors.push(err41);
                      }
                      errors++;
                    }
                  }
                  if (data12.enum !== void 0) {
                    let data23 = data12.enum;
                    if (Array.isArray(data23)) {
                      const len4 = data23.length;
                      for (let i5 = 0; i5 < len4; i5++) {
                        let data24 = data23[i5];
                        if (!(typeof data24 == "number" && isFinite(data24))) {
                          const err42 = { instancePath: instancePath + "/parameters/" + i2 + "/enum/" + i5, schemaPath: "#/definitions/parameter/allOf/2/then/properties/enum/items/type", keyword: "type", params: { type: "number" }, message: "must be number" };
                          if (vErrors === null) {
                            vErrors = [err42];
                          } else {
                            vErrors.push(err42);
                          }
                          errors++;
                        }
                      }
                    }
                  }
                }
                var _valid3 = _errs57 === errors;
                valid22 = _valid3;
              }
              if (!valid22) {
                const err43 = { instancePath: instancePath + "/parameters/" + i2, schemaPath: "#/definitions/parameter/allOf/2/if", keyword: "if", params: { failingKeyword: "then" }, message: 'must match "then" schema' };
                if (vErrors === null) {
                  vErrors = [err43];
                } else {
                  vErrors.push(err43);
                }
                errors++;
              }
              const _errs64 = errors;
              let valid27 = true;
              const _errs65 = errors;
              if (data12 && typeof data12 == "object" && !Array.isArray(data12)) {
                if (data12.type !== void 0) {
                  if ("boolean" !== data12.type) {
                    const err44 = {};
                    if (vErrors === null) {
                      vErrors = [err44];
                    } else {
                      vErrors.push(err44);
                    }
                    errors++;
                  }
                }
              }
              var _valid4 = _errs65 === errors;
              errors = _errs64;
              if (vErrors !== null) {
                if (_errs64) {
                  vErrors.length = _errs64;
                } else {
                  vErrors = null;
                }
              }
              if (_valid4) {
                const _errs67 = errors;
                if (data12 && typeof data12 == "object" && !Array.isArray(data12)) {
                  if (data12.default !== void 0) {
                    if (typeof data12.default !== "boolean") {
                      const err45 = { instancePath: instancePath + "/parameters/" + i2 + "/default", schemaPath: "#/definitions/parameter/allOf/3/then/properties/default/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                      if (vErrors === null) {
                        vErrors = [err45];
                      } else {
                        vErrors.push(err45);
                      }
                      errors++;
                    }
                  }
                  if (data12.enum !== void 0) {
                    let data27 = data12.enum;
                    if (Array.isArray(data27)) {
                      const len5 = data27.length;
                      for (let i6 = 0; i6 < len5; i6++) {
                        if (typeof data27[i6] !== "boolean") {
                          const err46 = { instancePath: instancePath + "/parameters/" + i2 + "/enum/" + i6, schemaPath: "#/definitions/parameter/allOf/3/then/properties/enum/items/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                          if (vErrors === null) {
                            vErrors = [err46];
                          } else {
                            vErrors.push(err46);
                          }
                          errors++;
                        }
                      }
                    }
                  }
                }
                var _valid4 = _errs67 === errors;
                valid27 = _valid4;
              }
              if (!valid27) {
                const err47 = { instancePath: instancePath + "/parameters/" + i2, schemaPath: "#/definitions/parameter/allOf/3/if", keyword: "if", params: { failingKeyword: "then" }, message: 'must match "then" schema' };
                if (vErrors === null) {
                  vErrors = [err47];
                } else {
                  vErrors.push(err47);
                }
                errors++;
              }
              if (data12 && typeof data12 == "object" && !Array.isArray(data12)) {
                if (data12.name === void 0) {
                  const err48 = { instancePath: instancePath + "/parameters/" + i2, schemaPath: "#/definitions/parameter/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'" };
                  if (vErrors === null) {
                    vErrors = [err48];
                  } else {
                    vErrors.push(err48);
                  }
                  errors++;
                }
                if (data12.type === void 0) {
                  const err49 = { instancePath: instancePath + "/parameters/" + i2, schemaPath: "#/definitions/parameter/required", keyword: "required", params: { missingProperty: "type" }, message: "must have required property 'type'" };
                  if (vErrors === null) {
                    vErrors = [err49];
                  } else {
                    vErrors.push(err49);
                  }
                  errors++;
                }
                for (const key2 in data12) {
                  if (!(key2 === "name" || key2 === "type" || key2 === "required" || key2 === "default" || key2 === "enum" || key2 === "pattern" || key2 === "secret" || key2 === "description")) {
                    const err50 = { instancePath: instancePath + "/parameters/" + i2, schemaPath: "#/definitions/parameter/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                      vErrors = [err50];
                    } else {
                      vErrors.push(err50);
                    }
                    errors++;
                  }
                }
                if (data12.name !== void 0) {
                  let data29 = data12.name;
                  if (typeof data29 === "string") {
                    if (!pattern3.test(data29)) {
                      const err51 = { instancePath: instancePath + "/parameters/" + i2 + "/name", schemaPath: "#/definitions/parameter/properties/name/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z_][A-Za-z0-9_]{0,63}$" }, message: 'must match pattern "^[A-Za-z_][A-Za-z0-9_]{0,63}$"' };
                      if (vErrors === null) {
                        vErrors = [err51];
                      } else {
                        vErrors.push(err51);
                      }
                      errors++;
                    }
                  } else {
                    const err52 = { instancePath: instancePath + "/parameters/" + i2 + "/name", schemaPath: "#/definitions/parameter/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err52];
                    } else {
                      vErrors.push(err52);
                    }
                    errors++;
                  }
                }
                if (data12.type !== void 0) {
                  let data30 = data12.type;
                  if (!(data30 === "string" || data30 === "integer" || data30 === "number" || data30 === "boolean")) {
                    const err53 = { instancePath: instancePath + "/parameters/" + i2 + "/type", schemaPath: "#/definitions/parameter/properties/type/enum", keyword: "enum", params: { allowedValues: schema14.properties.type.enum }, message: "must be equal to one of the allowed values" };
                    if (vErrors === null) {
                      vErrors = [err53];
                    } else {
                      vErrors.push(err53);
                    }
                    errors++;
                  }
                }
                if (data12.required !== void 0) {
                  if (typeof data12.required !== "boolean") {
                    const err54 = { instancePath: instancePath + "/parameters/" + i2 + "/required", schemaPath: "#/definitions/parameter/properties/required/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                    if (vErrors === null) {
                      vErrors = [err54];
                    } else {
                      vErrors.push(err54);
                    }
                    errors++;
                  }
                }
                if (data12.default !== void 0) {
                  let data32 = data12.default;
                  if (typeof data32 !== "string" && !(typeof data32 == "number" && isFinite(data32)) && typeof data32 !== "boolean") {
                    const err55 = { instancePath: instancePath + "/parameters/" + i2 + "/default", schemaPath: "#/definitions/parameter/properties/default/type", keyword: "type", params: { type: schema14.properties.default.type }, message: "must be string,integer,number,boolean" };
                    if (vErrors === null) {
                      vErrors = [err55];
                    } else {
                      vErrors.push(err55);
                    }
                    errors++;
                  }
                }
                if (data12.enum !== void 0) {
                  let data33 = data12.enum;
                  if (Array.isArray(data33)) {
                    if (data33.length < 1) {
                      const err56 = { instancePath: instancePath + "/parameters/" + i2 + "/enum", schemaPath: "#/definitions/parameter/properties/enum/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                      if (vErrors === null) {
                        vErrors = [err56];
                      } else {
                        vErrors.push(err56);
                      }
                      errors++;
                    }
                    const len6 = data33.length;
                    for (let i7 = 0; i7 < len6; i7++) {
                      let data34 = data33[i7];
                      if (typeof data34 !== "string" && !(typeof data34 == "number" && isFinite(data34)) && typeof data34 !== "boolean") {
                        const err57 = { instancePath: instancePath + "/parameters/" + i2 + "/enum/" + i7, schemaPath: "#/definitions/parameter/properties/enum/items/type", keyword: "type", params: { type: schema14.properties.enum.items.type }, message: "must be string,integer,number,boolean" };
                        if (vErrors === null) {
                          vErrors = [err57];
                        } else {
                          vErrors.push(err57);
                        }
                        errors++;
                      }
                    }
                    let i8 = data33.length;
                    let j1;
                    if (i8 > 1) {
                      const indices1 = {};
                      for (; i8--; ) {
                        let item1 = data33[i8];
                        if (typeof item1 !== "string" && !(typeof item1 == "number" && isFinite(item1)) && typeof item1 !== "boolean") {
                          continue;
                        }
                        if (typeof item1 == "string") {
                          item1 += "_";
                        }
                        if (typeof indices1[item1] == "number") {
                          j1 = indices1[item1];
                          const err58 = { instancePath: instancePath + "/parameters/" + i2 + "/enum", schemaPath: "#/definitions/parameter/properties/enum/uniqueItems", keyword: "uniqueItems", params: { i: i8, j: j1 }, message: "must NOT have duplicate items (items ## " + j1 + " and " + i8 + " are identical)" };
                          if (vErrors === null) {
                            vErrors = [err58];
                          } else {
                            vErrors.push(err58);
                          }
                          errors++;
                          break;
                        }
                        indices1[item1] = i8;
                      }
                    }
                  } else {
                    const err59 = { instancePath: instancePath + "/parameters/" + i2 + "/enum", schemaPath: "#/definitions/parameter/properties/enum/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                    if (vErrors === null) {
                      vErrors = [err59];
                    } else {
                      vErrors.push(err59);
                    }
                    errors++;
                  }
                }
                if (data12.pattern !== void 0) {
                  let data35 = data12.pattern;
                  if (typeof data35 === "string") {
                    if (!formats2(data35)) {
                      const err60 = { instancePath: instancePath + "/parameters/" + i2 + "/pattern", schemaPath: "#/definitions/parameter/properties/pattern/format", keyword: "format", params: { format: "regex" }, message: 'must match format "regex"' };
                      if (vErrors === null) {
                        vErrors = [err60];
                      } else {
                        vErrors.push(err60);
                      }
                      errors++;
                    }
                  } else {
                    const err61 = { instancePath: instancePath + "/parameters/" + i2 + "/pattern", schemaPath: "#/definitions/parameter/properties/pattern/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err61];
                    } else {
                      vErrors.push(err61);
                    }
                    errors++;
                  }
                }
                if (data12.secret !== void 0) {
                  if (typeof data12.secret !== "boolean") {
                    const err62 = { instancePath: instancePath + "/parameters/" + i2 + "/secret", schemaPath: "#/definitions/parameter/properties/secret/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                    if (vErrors === null) {
                      vErrors = [err62];
                    } else {
                      vErrors.push(err62);
                    }
                    errors++;
                  }
                }
                if (data12.description !== void 0) {
                  let data37 = data12.description;
                  if (typeof data37 === "string") {
                    if (func4(data37) > 1e3) {
                      const err63 = { instancePath: instancePath + "/parameters/" + i2 + "/description", schemaPath: "#/definitions/parameter/properties/description/maxLength", keyword: "maxLength", params: { limit: 1e3 }, message: "must NOT have more than 1000 characters" };
                      if (vErrors === null) {
                        vErrors = [err63];
                      } else {
                        vErrors.push(err63);
                      }
                      errors++;
                    }
                  } else {
                    const err64 = { instancePath: instancePath + "/parameters/" + i2 + "/description", schemaPath: "#/definitions/parameter/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err64];
                    } else {
                      vErrors.push(err64);
                    }
                    errors++;
                  }
                }
              } else {
                const err65 = { instancePath: instancePath + "/parameters/" + i2, schemaPath: "#/definitions/parameter/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err65];
                } else {
                  vErrors.push(err65);
                }
                errors++;
              }
            }
          } else {
            const err66 = { instancePath: instancePath + "/parameters", schemaPath: "#/properties/parameters/type", keyword: "type", params: { type: "array" }, message: "must be array" };
            if (vErrors === null) {
              vErrors = [err66];
            } else {
              vErrors.push(err66);
            }
            errors++;
          }
        }
        if (data.targets !== void 0) {
          let data38 = data.targets;
          if (Array.isArray(data38)) {
            const len7 = data38.length;
            for (let i9 = 0; i9 < len7; i9++) {
              let data39 = data38[i9];
              if (typeof data39 === "string") {
                if (!pattern4.test(data39)) {
                  const err67 = { instancePath: instancePath + "/targets/" + i9, schemaPath: "#/definitions/target/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$" }, message: 'must match pattern "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$"' };
                  if (vErrors === null) {
                    vErrors = [err67];
                  } else {
                    vErrors.push(err67);
                  }
                  errors++;
                }
              } else {
                const err68 = { instancePath: instancePath + "/targets/" + i9, schemaPath: "#/definitions/target/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err68];
                } else {
                  vErrors.push(err68);
                }
                errors++;
              }
            }
            let i10 = data38.length;
            let j2;
            if (i10 > 1) {
              outer0: for (; i10--; ) {
                for (j2 = i10; j2--; ) {
                  if (func0(data38[i10], data38[j2])) {
                    const err69 = { instancePath: instancePath + "/targets", schemaPath: "#/properties/targets/uniqueItems", keyword: "uniqueItems", params: { i: i10, j: j2 }, message: "must NOT have duplicate items (items ## " + j2 + " and " + i10 + " are identical)" };
                    if (vErrors === null) {
                      vErrors = [err69];
                    } else {
                      vErrors.push(err69);
                    }
                    errors++;
                    break outer0;
                  }
                }
              }
            }
          } else {
            const err70 = { instancePath: instancePath + "/targets", schemaPath: "#/properties/targets/type", keyword: "type", params: { type: "array" }, message: "must be array" };
            if (vErrors === null) {
              vErrors = [err70];
            } else {
              vErrors.push(err70);
            }
            errors++;
          }
        }
        if (data.credential !== void 0) {
          let data40 = data.credential;
          if (typeof data40 === "string") {
            if (!pattern5.test(data40)) {
              const err71 = { instancePath: instancePath + "/credential", schemaPath: "#/properties/credential/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9_./:-]{0,127}$" }, message: 'must match pattern "^[A-Za-z0-9][A-Za-z0-9_./:-]{0,127}$"' };
              if (vErrors === null) {
                vErrors = [err71];
              } else {
                vErrors.push(err71);
              }
              errors++;
            }
          } else {
            const err72 = { instancePath: instancePath + "/credential", schemaPath: "#/properties/credential/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err72];
            } else {
              vErrors.push(err72);
            }
            errors++;
          }
        }
        if (data.timeout !== void 0) {
          let data41 = data.timeout;
          if (!(typeof data41 == "number" && (!(data41 % 1) && !isNaN(data41)) && isFinite(data41))) {
            const err73 = { instancePath: instancePath + "/timeout", schemaPath: "#/properties/timeout/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err73];
            } else {
              vErrors.push(err73);
            }
            errors++;
          }
          if (typeof data41 == "number" && isFinite(data41)) {
            if (data41 > 86400 || isNaN(data41)) {
              const err74 = { instancePath: instancePath + "/timeout", schemaPath: "#/properties/timeout/maximum", keyword: "maximum", params: { comparison: "<=", limit: 86400 }, message: "must be <= 86400" };
              if (vErrors === null) {
                vErrors = [err74];
              } else {
                vErrors.push(err74);
              }
              errors++;
            }
            if (data41 < 1 || isNaN(data41)) {
              const err75 = { instancePath: instancePath + "/timeout", schemaPath: "#/properties/timeout/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
              if (vErrors === null) {
                vErrors = [err75];
              } else {
                vErrors.push(err75);
              }
              errors++;
            }
          }
        }
        if (data.concurrency !== void 0) {
          let data42 = data.concurrency;
          if (!(typeof data42 == "number" && (!(data42 % 1) && !isNaN(data42)) && isFinite(data42))) {
            const err76 = { instancePath: instancePath + "/concurrency", schemaPath: "#/properties/concurrency/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err76];
            } else {
              vErrors.push(err76);
            }
            errors++;
          }
          if (typeof data42 == "number" && isFinite(data42)) {
            if (data42 > 64 || isNaN(data42)) {
              const err77 = { instancePath: instancePath + "/concurrency", schemaPath: "#/properties/concurrency/maximum", keyword: "maximum", params: { comparison: "<=", limit: 64 }, message: "must be <= 64" };
              if (vErrors === null) {
                vErrors = [err77];
              } else {
                vErrors.push(err77);
              }
              errors++;
            }
            if (data42 < 1 || isNaN(data42)) {
              const err78 = { instancePath: instancePath + "/concurrency", schemaPath: "#/properties/concurrency/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
              if (vErrors === null) {
                vErrors = [err78];
              } else {
                vErrors.push(err78);
              }
              errors++;
            }
          }
        }
        if (data.schedule !== void 0) {
          let data43 = data.schedule;
          const _errs103 = errors;
          let valid40 = false;
          const _errs104 = errors;
          if (typeof data43 === "string") {
            if (!pattern6.test(data43)) {
              const err79 = { instancePath: instancePath + "/schedule", schemaPath: "#/properties/schedule/anyOf/0/pattern", keyword: "pattern", params: { pattern: "^\\S+(\\s+\\S+){4,5}$" }, message: 'must match pattern "^\\S+(\\s+\\S+){4,5}$"' };
              if (vErrors === null) {
                vErrors = [err79];
              } else {
                vErrors.push(err79);
              }
              errors++;
            }
          } else {
            const err80 = { instancePath: instancePath + "/schedule", schemaPath: "#/properties/schedule/anyOf/0/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err80];
            } else {
              vErrors.push(err80);
            }
            errors++;
          }
          var _valid5 = _errs104 === errors;
          valid40 = valid40 || _valid5;
          if (!valid40) {
            const _errs106 = errors;
            if (data43 && typeof data43 == "object" && !Array.isArray(data43)) {
              if (data43.cron === void 0) {
                const err81 = { instancePath: instancePath + "/schedule", schemaPath: "#/properties/schedule/anyOf/1/required", keyword: "required", params: { missingProperty: "cron" }, message: "must have required property 'cron'" };
                if (vErrors === null) {
                  vErrors = [err81];
                } else {
                  vErrors.push(err81);
                }
                errors++;
              }
              for (const key3 in data43) {
                if (!(key3 === "cron" || key3 === "timezone")) {
                  const err82 = { instancePath: instancePath + "/schedule", schemaPath: "#/properties/schedule/anyOf/1/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key3 }, message: "must NOT have additional properties" };
                  if (vErrors === null) {
                    vErrors = [err82];
                  } else {
                    vErrors.push(err82);
                  }
                  errors++;
                }
              }
              if (data43.cron !== void 0) {
                let data44 = data43.cron;
                if (typeof data44 === "string") {
                  if (!pattern6.test(data44)) {
                    const err83 = { instancePath: instancePath + "/schedule/cron", schemaPath: "#/properties/schedule/anyOf/1/properties/cron/pattern", keyword: "pattern", params: { pattern: "^\\S+(\\s+\\S+){4,5}$" }, message: 'must match pattern "^\\S+(\\s+\\S+){4,5}$"' };
                    if (vErrors === null) {
                      vErrors = [err83];
                    } else {
                      vErrors.push(err83);
                    }
                    errors++;
                  }
                } else {
                  const err84 = { instancePath: instancePath + "/schedule/cron", schemaPath: "#/properties/schedule/anyOf/1/properties/cron/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err84];
                  } else {
                    vErrors.push(err84);
                  }
                  errors++;
                }
              }
              if (data43.timezone !== void 0) {
                let data45 = data43.timezone;
                if (typeof data45 === "string") {
                  if (func4(data45) > 64) {
                    const err85 = { instancePath: instancePath + "/schedule/timezone", schemaPath: "#/properties/schedule/anyOf/1/properties/timezone/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters" };
                    if (vErrors === null) {
                      vErrors = [err85];
                    } else {
                      vErrors.push(err85);
                    }
                    errors++;
                  }
                  if (func4(data45) < 1) {
                    const err86 = { instancePath: instancePath + "/schedule/timezone", schemaPath: "#/properties/schedule/anyOf/1/properties/timezone/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                    if (vErrors === null) {
                      vErrors = [err86];
                    } else {
                      vErrors.push(err86);
                    }
                    errors++;
                  }
                } else {
                  const err87 = { instancePath: instancePath + "/schedule/timezone", schemaPath: "#/properties/schedule/anyOf/1/properties/timezone/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err87];
                  } else {
                    vErrors.push(err87);
                  }
                  errors++;
                }
              }
            } else {
              const err88 = { instancePath: instancePath + "/schedule", schemaPath: "#/properties/schedule/anyOf/1/type", keyword: "type", params: { type: "object" }, message: "must be object" };
              if (vErrors === null) {
                vErrors = [err88];
              } else {
                vErrors.push(err88);
              }
              errors++;
            }
            var _valid5 = _errs106 === errors;
            valid40 = valid40 || _valid5;
          }
          if (!valid40) {
            const err89 = { instancePath: instancePath + "/schedule", schemaPath: "#/properties/schedule/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
            if (vErrors === null) {
              vErrors = [err89];
            } else {
              vErrors.push(err89);
            }
            errors++;
          } else {
            errors = _errs103;
            if (vErrors !== null) {
              if (_errs103) {
                vErrors.length = _errs103;
              } else {
                vErrors = null;
              }
            }
          }
        }
        if (data.catch_up !== void 0) {
          let data46 = data.catch_up;
          if (!(data46 === "none" || data46 === "latest")) {
            const err90 = { instancePath: instancePath + "/catch_up", schemaPath: "#/properties/catch_up/enum", keyword: "enum", params: { allowedValues: schema11.properties.catch_up.enum }, message: "must be equal to one of the allowed values" };
            if (vErrors === null) {
              vErrors = [err90];
            } else {
              vErrors.push(err90);
            }
            errors++;
          }
        }
        if (data.overlap !== void 0) {
          let data47 = data.overlap;
          if (!(data47 === "allow" || data47 === "skip" || data47 === "queue")) {
            const err91 = { instancePath: instancePath + "/overlap", schemaPath: "#/properties/overlap/enum", keyword: "enum", params: { allowedValues: schema11.properties.overlap.enum }, message: "must be equal to one of the allowed values" };
            if (vErrors === null) {
              vErrors = [err91];
            } else {
              vErrors.push(err91);
            }
            errors++;
          }
        }
      } else {
        const err92 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err92];
        } else {
          vErrors.push(err92);
        }
        errors++;
      }
      validate10.errors = vErrors;
      return errors === 0;
    }
    return validate10;
  },
  runbook(runtime, linearRegExpEngine2) {
    const schema11 = { "$schema": "http://json-schema.org/draft-07/schema#", "title": "opsledger runbook", "description": "Ordered steps, each calling an action, with conditions. One runbook per file under definitions/runbooks/.", "type": "object", "additionalProperties": false, "required": ["id", "name", "owner", "status", "steps"], "properties": { "id": { "$ref": "#/definitions/id" }, "name": { "type": "string", "minLength": 1, "maxLength": 200 }, "description": { "type": "string", "maxLength": 4e3 }, "owner": { "type": "string", "format": "email" }, "tags": { "type": "array", "items": { "type": "string", "pattern": "^[a-z0-9][a-z0-9_.-]{0,62}$" }, "uniqueItems": true }, "status": { "enum": ["draft", "approved", "released", "deprecated"] }, "steps": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/step" } }, "schedule": { "description": "When the scheduler of `opsledger serve` starts this: a cron expression (5 fields, or 6 with seconds first; UTC), or { cron, timezone } for another IANA time zone (docs/schedules.md).", "anyOf": [{ "type": "string", "pattern": "^\\S+(\\s+\\S+){4,5}$" }, { "type": "object", "additionalProperties": false, "required": ["cron"], "properties": { "cron": { "type": "string", "pattern": "^\\S+(\\s+\\S+){4,5}$" }, "timezone": { "type": "string", "minLength": 1, "maxLength": 64 } } }] }, "catch_up": { "enum": ["none", "latest"], "default": "none", "description": "Firings missed while the service was down: none = record them as missed; latest = also run the latest one at start-up." }, "overlap": { "enum": ["allow", "skip", "queue"], "default": "skip", "description": "A firing while an earlier scheduled run of this definition still runs: allow = run both, skip = record it skipped, queue = start it when the earlier one ends." }, "parameters": { "type": "array", "items": { "$ref": "#/definitions/parameter" } } }, "definitions": { "id": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" }, "step": { "type": "object", "additionalProperties": false, "required": ["id", "name", "action"], "properties": { "id": { "$ref": "#/definitions/id" }, "name": { "type": "string", "minLength": 1, "maxLength": 200 }, "description": { "type": "string", "maxLength": 2e3 }, "action": { "$ref": "#/definitions/id" }, "with": { "type": "object", "propertyNames": { "pattern": "^[A-Za-z_][A-Za-z0-9_]{0,63}$" }, "additionalProperties": { "type": ["string", "integer", "number", "boolean"] } }, "targets": { "type": "array", "items": { "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$" }, "uniqueItems": true }, "when": { "enum": ["on_success", "on_failure", "always"], "default": "on_success" }, "automatic": { "type": "boolean", "default": true, "description": "false: a person must confirm the step before it runs." }, "timeout": { "type": "integer", "minimum": 1, "maximum": 86400 }, "delay": { "type": "string", "pattern": "^P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$", "description": "ISO 8601 duration to wait before the step starts (PT30S, PT5M, P1DT2H)." }, "repeat": { "type": "object", "additionalProperties": false, "required": ["every"], "properties": { "every": { "type": "string", "pattern": "^P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$" }, "times": { "type": "integer", "minimum": 1, "maximum": 1e3 }, "until": { "enum": ["succeeded"] } }, "description": "Run the step again every `every` (ISO 8601 duration), `times` runs in all, or until one succeeds (at most `times`, default 100); each repetition is its own execution record." } } }, "email": { "type": "string", "format": "email" }, "target": { "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$" }, "parameter": { "type": "object", "additionalProperties": false, "required": ["name", "type"], "properties": { "name": { "type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]{0,63}$" }, "type": { "enum": ["string", "integer", "number", "boolean"] }, "required": { "type": "boolean" }, "default": { "type": ["string", "integer", "number", "boolean"] }, "enum": { "type": "array", "minItems": 1, "uniqueItems": true, "items": { "type": ["string", "integer", "number", "boolean"] } }, "pattern": { "type": "string", "format": "regex" }, "secret": { "type": "boolean" }, "description": { "type": "string", "maxLength": 1e3 } }, "allOf": [{ "if": { "properties": { "type": { "const": "string" } } }, "then": { "properties": { "default": { "type": "string" }, "enum": { "items": { "type": "string" } } } } }, { "if": { "properties": { "type": { "const": "integer" } } }, "then": { "properties": { "default": { "type": "integer" }, "enum": { "items": { "type": "integer" } } } } }, { "if": { "properties": { "type": { "const": "number" } } }, "then": { "properties": { "default": { "type": "number" }, "enum": { "items": { "type": "number" } } } } }, { "if": { "properties": { "type": { "const": "boolean" } } }, "then": { "properties": { "default": { "type": "boolean" }, "enum": { "items": { "type": "boolean" } } } } }] } } };
    const schema12 = { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" };
    const schema16 = { "type": "object", "additionalProperties": false, "required": ["name", "type"], "properties": { "name": { "type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]{0,63}$" }, "type": { "enum": ["string", "integer", "number", "boolean"] }, "required": { "type": "boolean" }, "default": { "type": ["string", "integer", "number", "boolean"] }, "enum": { "type": "array", "minItems": 1, "uniqueItems": true, "items": { "type": ["string", "integer", "number", "boolean"] } }, "pattern": { "type": "string", "format": "regex" }, "secret": { "type": "boolean" }, "description": { "type": "string", "maxLength": 1e3 } }, "allOf": [{ "if": { "properties": { "type": { "const": "string" } } }, "then": { "properties": { "default": { "type": "string" }, "enum": { "items": { "type": "string" } } } } }, { "if": { "properties": { "type": { "const": "integer" } } }, "then": { "properties": { "default": { "type": "integer" }, "enum": { "items": { "type": "integer" } } } } }, { "if": { "properties": { "type": { "const": "number" } } }, "then": { "properties": { "default": { "type": "number" }, "enum": { "items": { "type": "number" } } } } }, { "if": { "properties": { "type": { "const": "boolean" } } }, "then": { "properties": { "default": { "type": "boolean" }, "enum": { "items": { "type": "boolean" } } } } }] };
    const func2 = Object.prototype.hasOwnProperty;
    const func3 = linearRegExpEngine2;
    const func4 = runtime("ajv/dist/runtime/ucs2length").default;
    const pattern0 = func3("^[a-z0-9][a-z0-9-]{0,62}$", "u");
    const pattern1 = func3("^[a-z0-9][a-z0-9_.-]{0,62}$", "u");
    const pattern8 = func3("^\\S+(\\s+\\S+){4,5}$", "u");
    const pattern4 = func3("^[A-Za-z_][A-Za-z0-9_]{0,63}$", "u");
    const formats0 = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
    const formats2 = runtime("ajv-formats/dist/formats").fullFormats.regex;
    const schema13 = { "type": "object", "additionalProperties": false, "required": ["id", "name", "action"], "properties": { "id": { "$ref": "#/definitions/id" }, "name": { "type": "string", "minLength": 1, "maxLength": 200 }, "description": { "type": "string", "maxLength": 2e3 }, "action": { "$ref": "#/definitions/id" }, "with": { "type": "object", "propertyNames": { "pattern": "^[A-Za-z_][A-Za-z0-9_]{0,63}$" }, "additionalProperties": { "type": ["string", "integer", "number", "boolean"] } }, "targets": { "type": "array", "items": { "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$" }, "uniqueItems": true }, "when": { "enum": ["on_success", "on_failure", "always"], "default": "on_success" }, "automatic": { "type": "boolean", "default": true, "description": "false: a person must confirm the step before it runs." }, "timeout": { "type": "integer", "minimum": 1, "maximum": 86400 }, "delay": { "type": "string", "pattern": "^P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$", "description": "ISO 8601 duration to wait before the step starts (PT30S, PT5M, P1DT2H)." }, "repeat": { "type": "object", "additionalProperties": false, "required": ["every"], "properties": { "every": { "type": "string", "pattern": "^P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$" }, "times": { "type": "integer", "minimum": 1, "maximum": 1e3 }, "until": { "enum": ["succeeded"] } }, "description": "Run the step again every `every` (ISO 8601 duration), `times` runs in all, or until one succeeds (at most `times`, default 100); each repetition is its own execution record." } } };
    const pattern5 = func3("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$", "u");
    const pattern6 = func3("^P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$", "u");
    function validate11(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
      let vErrors = null;
      let errors = 0;
      if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.id === void 0) {
          const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "id" }, message: "must have required property 'id'" };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
        if (data.name === void 0) {
          const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'" };
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
        if (data.action === void 0) {
          const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "action" }, message: "must have required property 'action'" };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
        for (const key0 in data) {
          if (!func2.call(schema13.properties, key0)) {
            const err3 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err3];
            } else {
              vErrors.push(err3);
            }
            errors++;
          }
        }
        if (data.id !== void 0) {
          let data0 = data.id;
          if (typeof data0 === "string") {
            if (!pattern0.test(data0)) {
              const err4 = { instancePath: instancePath + "/id", schemaPath: "#/definitions/id/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9-]{0,62}$" }, message: 'must match pattern "^[a-z0-9][a-z0-9-]{0,62}$"' };
              if (vErrors === null) {
                vErrors = [err4];
              } else {
                vErrors.push(err4);
              }
              errors++;
            }
          } else {
            const err5 = { instancePath: instancePath + "/id", schemaPath: "#/definitions/id/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err5];
            } else {
              vErrors.push(err5);
            }
            errors++;
          }
        }
        if (data.name !== void 0) {
          let data1 = data.name;
          if (typeof data1 === "string") {
            if (func4(data1) > 200) {
              const err6 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/maxLength", keyword: "maxLength", params: { limit: 200 }, message: "must NOT have more than 200 characters" };
              if (vErrors === null) {
                vErrors = [err6];
              } else {
                vErrors.push(err6);
              }
              errors++;
            }
            if (func4(data1) < 1) {
              const err7 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
              if (vErrors === null) {
                vErrors = [err7];
              } else {
                vErrors.push(err7);
              }
              errors++;
            }
          } else {
            const err8 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err8];
            } else {
              vErrors.push(err8);
            }
            errors++;
          }
        }
        if (data.description !== void 0) {
          let data2 = data.description;
          if (typeof data2 === "string") {
            if (func4(data2) > 2e3) {
              const err9 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/maxLength", keyword: "maxLength", params: { limit: 2e3 }, message: "must NOT have more than 2000 characters" };
              if (vErrors === null) {
                vErrors = [err9];
              } else {
                vErrors.push(err9);
              }
              errors++;
            }
          } else {
            const err10 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err10];
            } else {
              vErrors.push(err10);
            }
            errors++;
          }
        }
        if (data.action !== void 0) {
          let data3 = data.action;
          if (typeof data3 === "string") {
            if (!pattern0.test(data3)) {
              const err11 = { instancePath: instancePath + "/action", schemaPath: "#/definitions/id/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9-]{0,62}$" }, message: 'must match pattern "^[a-z0-9][a-z0-9-]{0,62}$"' };
              if (vErrors === null) {
                vErrors = [err11];
              } else {
                vErrors.push(err11);
              }
              errors++;
            }
          } else {
            const err12 = { instancePath: instancePath + "/action", schemaPath: "#/definitions/id/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
        }
        if (data.with !== void 0) {
          let data4 = data.with;
          if (data4 && typeof data4 == "object" && !Array.isArray(data4)) {
            for (const key1 in data4) {
              const _errs14 = errors;
              if (typeof key1 === "string") {
                if (!pattern4.test(key1)) {
                  const err13 = { instancePath: instancePath + "/with", schemaPath: "#/properties/with/propertyNames/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z_][A-Za-z0-9_]{0,63}$" }, message: 'must match pattern "^[A-Za-z_][A-Za-z0-9_]{0,63}$"', propertyName: key1 };
                  if (vErrors === null) {
                    vErrors = [err13];
                  } else {
                    vErrors.push(err13);
                  }
                  errors++;
                }
              }
              var valid3 = _errs14 === errors;
              if (!valid3) {
                const err14 = { instancePath: instancePath + "/with", schemaPath: "#/properties/with/propertyNames", keyword: "propertyNames", params: { propertyName: key1 }, message: "property name must be valid" };
                if (vErrors === null) {
                  vErrors = [err14];
                } else {
                  vErrors.push(err14);
                }
                errors++;
              }
            }
            for (const key2 in data4) {
              let data5 = data4[key2];
              if (typeof data5 !== "string" && !(typeof data5 == "number" && isFinite(data5)) && typeof data5 !== "boolean") {
                const err15 = { instancePath: instancePath + "/with/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/with/additionalProperties/type", keyword: "type", params: { type: schema13.properties.with.additionalProperties.type }, message: "must be string,integer,number,boolean" };
                if (vErrors === null) {
                  vErrors = [err15];
                } else {
                  vErrors.push(err15);
                }
                errors++;
              }
            }
          } else {
            const err16 = { instancePath: instancePath + "/with", schemaPath: "#/properties/with/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err16];
            } else {
              vErrors.push(err16);
            }
            errors++;
          }
        }
        if (data.targets !== void 0) {
          let data6 = data.targets;
          if (Array.isArray(data6)) {
            const len0 = data6.length;
            for (let i0 = 0; i0 < len0; i0++) {
              let data7 = data6[i0];
              if (typeof data7 === "string") {
                if (!pattern5.test(data7)) {
                  const err17 = { instancePath: instancePath + "/targets/" + i0, schemaPath: "#/properties/targets/items/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$" }, message: 'must match pattern "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$"' };
                  if (vErrors === null) {
                    vErrors = [err17];
                  } else {
                    vErrors.push(err17);
                  }
                  errors++;
                }
              } else {
                const err18 = { instancePath: instancePath + "/targets/" + i0, schemaPath: "#/properties/targets/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err18];
                } else {
                  vErrors.push(err18);
                }
                errors++;
              }
            }
            let i1 = data6.length;
            let j0;
            if (i1 > 1) {
              const indices0 = {};
              for (; i1--; ) {
                let item0 = data6[i1];
                if (typeof item0 !== "string") {
                  continue;
                }
                if (typeof indices0[item0] == "number") {
                  j0 = indices0[item0];
                  const err19 = { instancePath: instancePath + "/targets", schemaPath: "#/properties/targets/uniqueItems", keyword: "uniqueItems", params: { i: i1, j: j0 }, message: "must NOT have duplicate items (items ## " + j0 + " and " + i1 + " are identical)" };
                  if (vErrors === null) {
                    vErrors = [err19];
                  } else {
                    vErrors.push(err19);
                  }
                  errors++;
                  break;
                }
                indices0[item0] = i1;
              }
            }
          } else {
            const err20 = { instancePath: instancePath + "/targets", schemaPath: "#/properties/targets/type", keyword: "type", params: { type: "array" }, message: "must be array" };
            if (vErrors === null) {
              vErrors = [err20];
            } else {
              vErrors.push(err20);
            }
            errors++;
          }
        }
        if (data.when !== void 0) {
          let data8 = data.when;
          if (!(data8 === "on_success" || data8 === "on_failure" || data8 === "always")) {
            const err21 = { instancePath: instancePath + "/when", schemaPath: "#/properties/when/enum", keyword: "enum", params: { allowedValues: schema13.properties.when.enum }, message: "must be equal to one of the allowed values" };
            if (vErrors === null) {
              vErrors = [err21];
            } else {
              vErrors.push(err21);
            }
            errors++;
          }
        }
        if (data.automatic !== void 0) {
          if (typeof data.automatic !== "boolean") {
            const err22 = { instancePath: instancePath + "/automatic", schemaPath: "#/properties/automatic/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
            if (vErrors === null) {
              vErrors = [err22];
            } else {
              vErrors.push(err22);
            }
            errors++;
          }
        }
        if (data.timeout !== void 0) {
          let data10 = data.timeout;
          if (!(typeof data10 == "number" && (!(data10 % 1) && !isNaN(data10)) && isFinite(data10))) {
            const err23 = { instancePath: instancePath + "/timeout", schemaPath: "#/properties/timeout/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
            if (vErrors === null) {
              vErrors = [err23];
            } else {
              vErrors.push(err23);
            }
            errors++;
          }
          if (typeof data10 == "number" && isFinite(data10)) {
            if (data10 > 86400 || isNaN(data10)) {
              const err24 = { instancePath: instancePath + "/timeout", schemaPath: "#/properties/timeout/maximum", keyword: "maximum", params: { comparison: "<=", limit: 86400 }, message: "must be <= 86400" };
              if (vErrors === null) {
                vErrors = [err24];
              } else {
                vErrors.push(err24);
              }
              errors++;
            }
            if (data10 < 1 || isNaN(data10)) {
              const err25 = { instancePath: instancePath + "/timeout", schemaPath: "#/properties/timeout/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
              if (vErrors === null) {
                vErrors = [err25];
              } else {
                vErrors.push(err25);
              }
              errors++;
            }
          }
        }
        if (data.delay !== void 0) {
          let data11 = data.delay;
          if (typeof data11 === "string") {
            if (!pattern6.test(data11)) {
              const err26 = { instancePath: instancePath + "/delay", schemaPath: "#/properties/delay/pattern", keyword: "pattern", params: { pattern: "^P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$" }, message: 'must match pattern "^P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"' };
              if (vErrors === null) {
                vErrors = [err26];
              } else {
                vErrors.push(err26);
              }
              errors++;
            }
          } else {
            const err27 = { instancePath: instancePath + "/delay", schemaPath: "#/properties/delay/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err27];
            } else {
              vErrors.push(err27);
            }
            errors++;
          }
        }
        if (data.repeat !== void 0) {
          let data12 = data.repeat;
          if (data12 && typeof data12 == "object" && !Array.isArray(data12)) {
            if (data12.every === void 0) {
              const err28 = { instancePath: instancePath + "/repeat", schemaPath: "#/properties/repeat/required", keyword: "required", params: { missingProperty: "every" }, message: "must have required property 'every'" };
              if (vErrors === null) {
                vErrors = [err28];
              } else {
                vErrors.push(err28);
              }
              errors++;
            }
            for (const key3 in data12) {
              if (!(key3 === "every" || key3 === "times" || key3 === "until")) {
                const err29 = { instancePath: instancePath + "/repeat", schemaPath: "#/properties/repeat/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key3 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err29];
                } else {
                  vErrors.push(err29);
                }
                errors++;
              }
            }
            if (data12.every !== void 0) {
              let data13 = data12.every;
              if (typeof data13 === "string") {
                if (!pattern6.test(data13)) {
                  const err30 = { instancePath: instancePath + "/repeat/every", schemaPath: "#/properties/repeat/properties/every/pattern", keyword: "pattern", params: { pattern: "^P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$" }, message: 'must match pattern "^P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"' };
                  if (vErrors === null) {
                    vErrors = [err30];
                  } else {
                    vErrors.push(err30);
                  }
                  errors++;
                }
              } else {
                const err31 = { instancePath: instancePath + "/repeat/every", schemaPath: "#/properties/repeat/properties/every/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err31];
                } else {
                  vErrors.push(err31);
                }
                errors++;
              }
            }
            if (data12.times !== void 0) {
              let data14 = data12.times;
              if (!(typeof data14 == "number" && (!(data14 % 1) && !isNaN(data14)) && isFinite(data14))) {
                const err32 = { instancePath: instancePath + "/repeat/times", schemaPath: "#/properties/repeat/properties/times/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                if (vErrors === null) {
                  vErrors = [err32];
                } else {
                  vErrors.push(err32);
                }
                errors++;
              }
              if (typeof data14 == "number" && isFinite(data14)) {
                if (data14 > 1e3 || isNaN(data14)) {
                  const err33 = { instancePath: instancePath + "/repeat/times", schemaPath: "#/properties/repeat/properties/times/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1e3 }, message: "must be <= 1000" };
                  if (vErrors === null) {
                    vErrors = [err33];
                  } else {
                    vErrors.push(err33);
                  }
                  errors++;
                }
                if (data14 < 1 || isNaN(data14)) {
                  const err34 = { instancePath: instancePath + "/repeat/times", schemaPath: "#/properties/repeat/properties/times/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                  if (vErrors === null) {
                    vErrors = [err34];
                  } else {
                    vErrors.push(err34);
                  }
                  errors++;
                }
              }
            }
            if (data12.until !== void 0) {
              if (!(data12.until === "succeeded")) {
                const err35 = { instancePath: instancePath + "/repeat/until", schemaPath: "#/properties/repeat/properties/until/enum", keyword: "enum", params: { allowedValues: schema13.properties.repeat.properties.until.enum }, message: "must be equal to one of the allowed values" };
                if (vErrors === null) {
                  vErrors = [err35];
                } else {
                  vErrors.push(err35);
                }
                errors++;
              }
            }
          } else {
            const err36 = { instancePath: instancePath + "/repeat", schemaPath: "#/properties/repeat/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err36];
            } else {
              vErrors.push(err36);
            }
            errors++;
          }
        }
      } else {
        const err37 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err37];
        } else {
          vErrors.push(err37);
        }
        errors++;
      }
      validate11.errors = vErrors;
      return errors === 0;
    }
    function validate10(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
      let vErrors = null;
      let errors = 0;
      if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.id === void 0) {
          const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "id" }, message: "must have required property 'id'" };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
        if (data.name === void 0) {
          const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'" };
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
        if (data.owner === void 0) {
          const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "owner" }, message: "must have required property 'owner'" };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
        if (data.status === void 0) {
          const err3 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "status" }, message: "must have required property 'status'" };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
        if (data.steps === void 0) {
          const err4 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "steps" }, message: "must have required property 'steps'" };
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
        for (const key0 in data) {
          if (!func2.call(schema11.properties, key0)) {
            const err5 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err5];
            } else {
              vErrors.push(err5);
            }
            errors++;
          }
        }
        if (data.id !== void 0) {
          let data0 = data.id;
          if (typeof data0 === "string") {
            if (!pattern0.test(data0)) {
              const err6 = { instancePath: instancePath + "/id", schemaPath: "#/definitions/id/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9-]{0,62}$" }, message: 'must match pattern "^[a-z0-9][a-z0-9-]{0,62}$"' };
              if (vErrors === null) {
                vErrors = [err6];
              } else {
                vErrors.push(err6);
              }
              errors++;
            }
          } else {
            const err7 = { instancePath: instancePath + "/id", schemaPath: "#/definitions/id/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
        }
        if (data.name !== void 0) {
          let data1 = data.name;
          if (typeof data1 === "string") {
            if (func4(data1) > 200) {
              const err8 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/maxLength", keyword: "maxLength", params: { limit: 200 }, message: "must NOT have more than 200 characters" };
              if (vErrors === null) {
                vErrors = [err8];
              } else {
                vErrors.push(err8);
              }
              errors++;
            }
            if (func4(data1) < 1) {
              const err9 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
              if (vErrors === null) {
                vErrors = [err9];
              } else {
                vErrors.push(err9);
              }
              errors++;
            }
          } else {
            const err10 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err10];
            } else {
              vErrors.push(err10);
            }
            errors++;
          }
        }
        if (data.description !== void 0) {
          let data2 = data.description;
          if (typeof data2 === "string") {
            if (func4(data2) > 4e3) {
              const err11 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/maxLength", keyword: "maxLength", params: { limit: 4e3 }, message: "must NOT have more than 4000 characters" };
              if (vErrors === null) {
                vErrors = [err11];
              } else {
                vErrors.push(err11);
              }
              errors++;
            }
          } else {
            const err12 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
        }
        if (data.owner !== void 0) {
          let data3 = data.owner;
          if (typeof data3 === "string") {
            if (!formats0.test(data3)) {
              const err13 = { instancePath: instancePath + "/owner", schemaPath: "#/properties/owner/format", keyword: "format", params: { format: "email" }, message: 'must match format "email"' };
              if (vErrors === null) {
                vErrors = [err13];
              } else {
                vErrors.push(err13);
              }
              errors++;
            }
          } else {
            const err14 = { instancePath: instancePath + "/owner", schemaPath: "#/properties/owner/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err14];
            } else {
              vErrors.push(err14);
            }
            errors++;
          }
        }
        if (data.tags !== void 0) {
          let data4 = data.tags;
          if (Array.isArray(data4)) {
            const len0 = data4.length;
            for (let i0 = 0; i0 < len0; i0++) {
              let data5 = data4[i0];
              if (typeof data5 === "string") {
                if (!pattern1.test(data5)) {
                  const err15 = { instancePath: instancePath + "/tags/" + i0, schemaPath: "#/properties/tags/items/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9_.-]{0,62}$" }, message: 'must match pattern "^[a-z0-9][a-z0-9_.-]{0,62}$"' };
                  if (vErrors === null) {
                    vErrors = [err15];
                  } else {
                    vErrors.push(err15);
                  }
                  errors++;
                }
              } else {
                const err16 = { instancePath: instancePath + "/tags/" + i0, schemaPath: "#/properties/tags/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err16];
                } else {
                  vErrors.push(err16);
                }
                errors++;
              }
            }
            let i1 = data4.length;
            let j0;
            if (i1 > 1) {
              const indices0 = {};
              for (; i1--; ) {
                let item0 = data4[i1];
                if (typeof item0 !== "string") {
                  continue;
                }
                if (typeof indices0[item0] == "number") {
                  j0 = indices0[item0];
                  const err17 = { instancePath: instancePath + "/tags", schemaPath: "#/properties/tags/uniqueItems", keyword: "uniqueItems", params: { i: i1, j: j0 }, message: "must NOT have duplicate items (items ## " + j0 + " and " + i1 + " are identical)" };
                  if (vErrors === null) {
                    vErrors = [err17];
                  } else {
                    vErrors.push(err17);
                  }
                  errors++;
                  break;
                }
                indices0[item0] = i1;
              }
            }
          } else {
            const err18 = { instancePath: instancePath + "/tags", schemaPath: "#/properties/tags/type", keyword: "type", params: { type: "array" }, message: "must be array" };
            if (vErrors === null) {
              vErrors = [err18];
            } else {
              vErrors.push(err18);
            }
            errors++;
          }
        }
        if (data.status !== void 0) {
          let data6 = data.status;
          if (!(data6 === "draft" || data6 === "approved" || data6 === "released" || data6 === "deprecated")) {
            const err19 = { instancePath: instancePath + "/status", schemaPath: "#/properties/status/enum", keyword: "enum", params: { allowedValues: schema11.properties.status.enum }, message: "must be equal to one of the allowed values" };
            if (vErrors === null) {
              vErrors = [err19];
            } else {
              vErrors.push(err19);
            }
            errors++;
          }
        }
        if (data.steps !== void 0) {
          let data7 = data.steps;
          if (Array.isArray(data7)) {
            if (data7.length < 1) {
              const err20 = { instancePath: instancePath + "/steps", schemaPath: "#/properties/steps/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
              if (vErrors === null) {
                vErrors = [err20];
              } else {
                vErrors.push(err20);
              }
              errors++;
            }
            const len1 = data7.length;
            for (let i2 = 0; i2 < len1; i2++) {
              if (!validate11(data7[i2], { instancePath: instancePath + "/steps/" + i2, parentData: data7, parentDataProperty: i2, rootData })) {
                vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
                errors = vErrors.length;
              }
            }
          } else {
            const err21 = { instancePath: instancePath + "/steps", schemaPath: "#/properties/steps/type", keyword: "type", params: { type: "array" }, message: "must be array" };
            if (vErrors === null) {
              vErrors = [err21];
            } else {
              vErrors.push(err21);
            }
            errors++;
          }
        }
        if (data.schedule !== void 0) {
          let data9 = data.schedule;
          const _errs20 = errors;
          let valid7 = false;
          const _errs21 = errors;
          if (typeof data9 === "string") {
            if (!pattern8.test(data9)) {
              const err22 = { instancePath: instancePath + "/schedule", schemaPath: "#/properties/schedule/anyOf/0/pattern", keyword: "pattern", params: { pattern: "^\\S+(\\s+\\S+){4,5}$" }, message: 'must match pattern "^\\S+(\\s+\\S+){4,5}$"' };
              if (vErrors === null) {
                vErrors = [err22];
              } else {
                vErrors.push(err22);
              }
              errors++;
            }
          } else {
            const err23 = { instancePath: instancePath + "/schedule", schemaPath: "#/properties/schedule/anyOf/0/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err23];
            } else {
              vErrors.push(err23);
            }
            errors++;
          }
          var _valid0 = _errs21 === errors;
          valid7 = valid7 || _valid0;
          if (!valid7) {
            const _errs23 = errors;
            if (data9 && typeof data9 == "object" && !Array.isArray(data9)) {
              if (data9.cron === void 0) {
                const err24 = { instancePath: instancePath + "/schedule", schemaPath: "#/properties/schedule/anyOf/1/required", keyword: "required", params: { missingProperty: "cron" }, message: "must have required property 'cron'" };
                if (vErrors === null) {
                  vErrors = [err24];
                } else {
                  vErrors.push(err24);
                }
                errors++;
              }
              for (const key1 in data9) {
                if (!(key1 === "cron" || key1 === "timezone")) {
                  const err25 = { instancePath: instancePath + "/schedule", schemaPath: "#/properties/schedule/anyOf/1/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" };
                  if (vErrors === null) {
                    vErrors = [err25];
                  } else {
                    vErrors.push(err25);
                  }
                  errors++;
                }
              }
              if (data9.cron !== void 0) {
                let data10 = data9.cron;
                if (typeof data10 === "string") {
                  if (!pattern8.test(data10)) {
                    const err26 = { instancePath: instancePath + "/schedule/cron", schemaPath: "#/properties/schedule/anyOf/1/properties/cron/pattern", keyword: "pattern", params: { pattern: "^\\S+(\\s+\\S+){4,5}$" }, message: 'must match pattern "^\\S+(\\s+\\S+){4,5}$"' };
                    if (vErrors === null) {
                      vErrors = [err26];
                    } else {
                      vErrors.push(err26);
                    }
                    errors++;
                  }
                } else {
                  const err27 = { instancePath: instancePath + "/schedule/cron", schemaPath: "#/properties/schedule/anyOf/1/properties/cron/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err27];
                  } else {
                    vErrors.push(err27);
                  }
                  errors++;
                }
              }
              if (data9.timezone !== void 0) {
                let data11 = data9.timezone;
                if (typeof data11 === "string") {
                  if (func4(data11) > 64) {
                    const err28 = { instancePath: instancePath + "/schedule/timezone", schemaPath: "#/properties/schedule/anyOf/1/properties/timezone/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters" };
                    if (vErrors === null) {
                      vErrors = [err28];
                    } else {
                      vErrors.push(err28);
                    }
                    errors++;
                  }
                  if (func4(data11) < 1) {
                    const err29 = { instancePath: instancePath + "/schedule/timezone", schemaPath: "#/properties/schedule/anyOf/1/properties/timezone/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                    if (vErrors === null) {
                      vErrors = [err29];
                    } else {
                      vErrors.push(err29);
                    }
                    errors++;
                  }
                } else {
                  const err30 = { instancePath: instancePath + "/schedule/timezone", schemaPath: "#/properties/schedule/anyOf/1/properties/timezone/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                  if (vErrors === null) {
                    vErrors = [err30];
                  } else {
                    vErrors.push(err30);
                  }
                  errors++;
                }
              }
            } else {
              const err31 = { instancePath: instancePath + "/schedule", schemaPath: "#/properties/schedule/anyOf/1/type", keyword: "type", params: { type: "object" }, message: "must be object" };
              if (vErrors === null) {
                vErrors = [err31];
              } else {
                vErrors.push(err31);
              }
              errors++;
            }
            var _valid0 = _errs23 === errors;
            valid7 = valid7 || _valid0;
          }
          if (!valid7) {
            const err32 = { instancePath: instancePath + "/schedule", schemaPath: "#/properties/schedule/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf" };
            if (vErrors === null) {
              vErrors = [err32];
            } else {
              vErrors.push(err32);
            }
            errors++;
          } else {
            errors = _errs20;
            if (vErrors !== null) {
              if (_errs20) {
                vErrors.length = _errs20;
              } else {
                vErrors = null;
              }
            }
          }
        }
        if (data.catch_up !== void 0) {
          let data12 = data.catch_up;
          if (!(data12 === "none" || data12 === "latest")) {
            const err33 = { instancePath: instancePath + "/catch_up", schemaPath: "#/properties/catch_up/enum", keyword: "enum", params: { allowedValues: schema11.properties.catch_up.enum }, message: "must be equal to one of the allowed values" };
            if (vErrors === null) {
              vErrors = [err33];
            } else {
              vErrors.push(err33);
            }
            errors++;
          }
        }
        if (data.overlap !== void 0) {
          let data13 = data.overlap;
          if (!(data13 === "allow" || data13 === "skip" || data13 === "queue")) {
            const err34 = { instancePath: instancePath + "/overlap", schemaPath: "#/properties/overlap/enum", keyword: "enum", params: { allowedValues: schema11.properties.overlap.enum }, message: "must be equal to one of the allowed values" };
            if (vErrors === null) {
              vErrors = [err34];
            } else {
              vErrors.push(err34);
            }
            errors++;
          }
        }
        if (data.parameters !== void 0) {
          let data14 = data.parameters;
          if (Array.isArray(data14)) {
            const len2 = data14.length;
            for (let i3 = 0; i3 < len2; i3++) {
              let data15 = data14[i3];
              const _errs38 = errors;
              let valid13 = true;
              const _errs39 = errors;
              if (data15 && typeof data15 == "object" && !Array.isArray(data15)) {
                if (data15.type !== void 0) {
                  if ("string" !== data15.type) {
                    const err35 = {};
                    if (vErrors === null) {
                      vErrors = [err35];
                    } else {
                      vErrors.push(err35);
                    }
                    errors++;
                  }
                }
              }
              var _valid1 = _errs39 === errors;
              errors = _errs38;
              if (vErrors !== null) {
                if (_errs38) {
                  vErrors.length = _errs38;
                } else {
                  vErrors = null;
                }
              }
              if (_valid1) {
                const _errs41 = errors;
                if (data15 && typeof data15 == "object" && !Array.isArray(data15)) {
                  if (data15.default !== void 0) {
                    if (typeof data15.default !== "string") {
                      const err36 = { instancePath: instancePath + "/parameters/" + i3 + "/default", schemaPath: "#/definitions/parameter/allOf/0/then/properties/default/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                      if (vErrors === null) {
                        vErrors = [err36];
                      } else {
                        vErrors.push(err36);
                      }
                      errors++;
                    }
                  }
                  if (data15.enum !== void 0) {
                    let data18 = data15.enum;
                    if (Array.isArray(data18)) {
                      const len3 = data18.length;
                      for (let i4 = 0; i4 < len3; i4++) {
                        if (typeof data18[i4] !== "string") {
                          const err37 = { instancePath: instancePath + "/parameters/" + i3 + "/enum/" + i4, schemaPath: "#/definitions/parameter/allOf/0/then/properties/enum/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                          if (vErrors === null) {
                            vErrors = [err37];
                          } else {
                            vErrors.push(err37);
                          }
                          errors++;
                        }
                      }
                    }
                  }
                }
                var _valid1 = _errs41 === errors;
                valid13 = _valid1;
              }
              if (!valid13) {
                const err38 = { instancePath: instancePath + "/parameters/" + i3, schemaPath: "#/definitions/parameter/allOf/0/if", keyword: "if", params: { failingKeyword: "then" }, message: 'must match "then" schema' };
                if (vErrors === null) {
                  vErrors = [err38];
                } else {
                  vErrors.push(err38);
                }
                errors++;
              }
              const _errs48 = errors;
              let valid18 = true;
              const _errs49 = errors;
              if (data15 && typeof data15 == "object" && !Array.isArray(data15)) {
                if (data15.type !== void 0) {
                  if ("integer" !== data15.type) {
                    const err39 = {};
                    if (vErrors === null) {
                      vErrors = [err39];
                    } else {
                      vErrors.push(err39);
                    }
                    errors++;
                  }
                }
              }
              var _valid2 = _errs49 === errors;
              errors = _errs48;
              if (vErrors !== null) {
                if (_errs48) {
                  vErrors.length = _errs48;
                } else {
                  vErrors = null;
                }
              }
              if (_valid2) {
                const _errs51 = errors;
                if (data15 && typeof data15 == "object" && !Array.isArray(data15)) {
                  if (data15.default !== void 0) {
                    let data21 = data15.default;
                    if (!(typeof data21 == "number" && (!(data21 % 1) && !isNaN(data21)) && isFinite(data21))) {
                      const err40 = { instancePath: instancePath + "/parameters/" + i3 + "/default", schemaPath: "#/definitions/parameter/allOf/1/then/properties/default/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                      if (vErrors === null) {
                        vErrors = [err40];
                      } else {
                        vErrors.push(err40);
                      }
                      errors++;
                    }
                  }
                  if (data15.enum !== void 0) {
                    let data22 = data15.enum;
                    if (Array.isArray(data22)) {
                      const len4 = data22.length;
                      for (let i5 = 0; i5 < len4; i5++) {
                        let data23 = data22[i5];
                        if (!(typeof data23 == "number" && (!(data23 % 1) && !isNaN(data23)) && isFinite(data23))) {
                          const err41 = { instancePath: instancePath + "/parameters/" + i3 + "/enum/" + i5, schemaPath: "#/definitions/parameter/allOf/1/then/properties/enum/items/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                          if (vErrors === null) {
                            vErrors = [err41];
                          } else {
                            vErrors.push(err41);
                          }
                          errors++;
                        }
                      }
                    }
                  }
                }
                var _valid2 = _errs51 === errors;
                valid18 = _valid2;
              }
              if (!valid18) {
                const err42 = { instancePath: instancePath + "/parameters/" + i3, schemaPath: "#/definitions/parameter/allOf/1/if", keyword: "if", params: { failingKeyword: "then" }, message: 'must match "then" schema' };
                if (vErrors === null) {
                  vErrors = [err42];
                } else {
                  vErrors.push(err42);
                }
                errors++;
              }
              const _errs58 = errors;
              let valid23 = true;
              const _errs59 = errors;
              if (data15 && typeof data15 == "object" && !Array.isArray(data15)) {
                if (data15.type !== void 0) {
                  if ("number" !== data15.type) {
                    const err43 = {};
                    if (vErrors === null) {
                      vErrors = [err43];
                    } else {
                      vErrors.push(err43);
                    }
                    errors++;
                  }
                }
              }
              var _valid3 = _errs59 === errors;
              errors = _errs58;
              if (vErrors !== null) {
                if (_errs58) {
                  vErrors.length = _errs58;
                } else {
                  vErrors = null;
                }
              }
              if (_valid3) {
                const _errs61 = errors;
                if (data15 && typeof data15 == "object" && !Array.isArray(data15)) {
                  if (data15.default !== void 0) {
                    let data25 = data15.default;
                    if (!(typeof data25 == "number" && isFinite(data25))) {
                      const err44 = { instancePath: instancePath + "/parameters/" + i3 + "/default", schemaPath: "#/definitions/parameter/allOf/2/then/properties/default/type", keyword: "type", params: { type: "number" }, message: "must be number" };
                      if (vErrors === null) {
                        vErrors = [err44];
                      } else {
                        vErrors.push(err44);
                      }
                      errors++;
                    }
                  }
                  if (data15.enum !== void 0) {
                    let data26 = data15.enum;
                    if (Array.isArray(data26)) {
                      const len5 = data26.length;
                      for (let i6 = 0; i6 < len5; i6++) {
                        let data27 = data26[i6];
                        if (!(typeof data27 == "number" && isFinite(data27))) {
                          const err45 = { instancePath: instancePath + "/parameters/" + i3 + "/enum/" + i6, schemaPath: "#/definitions/parameter/allOf/2/then/properties/enum/items/type", keyword: "type", params: { type: "number" }, message: "must be number" };
                          if (vErrors === null) {
                            vErrors = [err45];
                          } else {
                            vErrors.push(err45);
                          }
                          errors++;
                        }
                      }
                    }
                  }
                }
                var _valid3 = _errs61 === errors;
                valid23 = _valid3;
              }
              if (!valid23) {
                const err46 = { instancePath: instancePath + "/parameters/" + i3, schemaPath: "#/definitions/parameter/allOf/2/if", keyword: "if", params: { failingKeyword: "then" }, message: 'must match "then" schema' };
                if (vErrors === null) {
                  vErrors = [err46];
                } else {
                  vErrors.push(err46);
                }
                errors++;
              }
              const _errs68 = errors;
              let valid28 = true;
              const _errs69 = errors;
              if (data15 && typeof data15 == "object" && !Array.isArray(data15)) {
                if (data15.type !== void 0) {
                  if ("boolean" !== data15.type) {
                    const err47 = {};
                    if (vErrors === null) {
                      vErrors = [err47];
                    } else {
                      vErrors.push(err47);
                    }
                    errors++;
                  }
                }
              }
              var _valid4 = _errs69 === errors;
              errors = _errs68;
              if (vErrors !== null) {
                if (_errs68) {
                  vErrors.length = _errs68;
                } else {
                  vErrors = null;
                }
              }
              if (_valid4) {
                const _errs71 = errors;
                if (data15 && typeof data15 == "object" && !Array.isArray(data15)) {
                  if (data15.default !== void 0) {
                    if (typeof data15.default !== "boolean") {
                      const err48 = { instancePath: instancePath + "/parameters/" + i3 + "/default", schemaPath: "#/definitions/parameter/allOf/3/then/properties/default/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                      if (vErrors === null) {
                        vErrors = [err48];
                      } else {
                        vErrors.push(err48);
                      }
                      errors++;
                    }
                  }
                  if (data15.enum !== void 0) {
                    let data30 = data15.enum;
                    if (Array.isArray(data30)) {
                      const len6 = data30.length;
                      for (let i7 = 0; i7 < len6; i7++) {
                        if (typeof data30[i7] !== "boolean") {
                          const err49 = { instancePath: instancePath + "/parameters/" + i3 + "/enum/" + i7, schemaPath: "#/definitions/parameter/allOf/3/then/properties/enum/items/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                          if (vErrors === null) {
                            vErrors = [err49];
                          } else {
                            vErrors.push(err49);
                          }
                          errors++;
                        }
                      }
                    }
                  }
                }
                var _valid4 = _errs71 === errors;
                valid28 = _valid4;
              }
              if (!valid28) {
                const err50 = { instancePath: instancePath + "/parameters/" + i3, schemaPath: "#/definitions/parameter/allOf/3/if", keyword: "if", params: { failingKeyword: "then" }, message: 'must match "then" schema' };
                if (vErrors === null) {
                  vErrors = [err50];
                } else {
                  vErrors.push(err50);
                }
                errors++;
              }
              if (data15 && typeof data15 == "object" && !Array.isArray(data15)) {
                if (data15.name === void 0) {
                  const err51 = { instancePath: instancePath + "/parameters/" + i3, schemaPath: "#/definitions/parameter/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'" };
                  if (vErrors === null) {
                    vErrors = [err51];
                  } else {
                    vErrors.push(err51);
                  }
                  errors++;
                }
                if (data15.type === void 0) {
                  const err52 = { instancePath: instancePath + "/parameters/" + i3, schemaPath: "#/definitions/parameter/required", keyword: "required", params: { missingProperty: "type" }, message: "must have required property 'type'" };
                  if (vErrors === null) {
                    vErrors = [err52];
                  } else {
                    vErrors.push(err52);
                  }
                  errors++;
                }
                for (const key2 in data15) {
                  if (!(key2 === "name" || key2 === "type" || key2 === "required" || key2 === "default" || key2 === "enum" || key2 === "pattern" || key2 === "secret" || key2 === "description")) {
                    const err53 = { instancePath: instancePath + "/parameters/" + i3, schemaPath: "#/definitions/parameter/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                      vErrors = [err53];
                    } else {
                      vErrors.push(err53);
                    }
                    errors++;
                  }
                }
                if (data15.name !== void 0) {
                  let data32 = data15.name;
                  if (typeof data32 === "string") {
                    if (!pattern4.test(data32)) {
                      const err54 = { instancePath: instancePath + "/parameters/" + i3 + "/name", schemaPath: "#/definitions/parameter/properties/name/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z_][A-Za-z0-9_]{0,63}$" }, message: 'must match pattern "^[A-Za-z_][A-Za-z0-9_]{0,63}$"' };
                      if (vErrors === null) {
                        vErrors = [err54];
                      } else {
                        vErrors.push(err54);
                      }
                      errors++;
                    }
                  } else {
                    const err55 = { instancePath: instancePath + "/parameters/" + i3 + "/name", schemaPath: "#/definitions/parameter/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err55];
                    } else {
                      vErrors.push(err55);
                    }
                    errors++;
                  }
                }
                if (data15.type !== void 0) {
                  let data33 = data15.type;
                  if (!(data33 === "string" || data33 === "integer" || data33 === "number" || data33 === "boolean")) {
                    const err56 = { instancePath: instancePath + "/parameters/" + i3 + "/type", schemaPath: "#/definitions/parameter/properties/type/enum", keyword: "enum", params: { allowedValues: schema16.properties.type.enum }, message: "must be equal to one of the allowed values" };
                    if (vErrors === null) {
                      vErrors = [err56];
                    } else {
                      vErrors.push(err56);
                    }
                    errors++;
                  }
                }
                if (data15.required !== void 0) {
                  if (typeof data15.required !== "boolean") {
                    const err57 = { instancePath: instancePath + "/parameters/" + i3 + "/required", schemaPath: "#/definitions/parameter/properties/required/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                    if (vErrors === null) {
                      vErrors = [err57];
                    } else {
                      vErrors.push(err57);
                    }
                    errors++;
                  }
                }
                if (data15.default !== void 0) {
                  let data35 = data15.default;
                  if (typeof data35 !== "string" && !(typeof data35 == "number" && isFinite(data35)) && typeof data35 !== "boolean") {
                    const err58 = { instancePath: instancePath + "/parameters/" + i3 + "/default", schemaPath: "#/definitions/parameter/properties/default/type", keyword: "type", params: { type: schema16.properties.default.type }, message: "must be string,integer,number,boolean" };
                    if (vErrors === null) {
                      vErrors = [err58];
                    } else {
                      vErrors.push(err58);
                    }
                    errors++;
                  }
                }
                if (data15.enum !== void 0) {
                  let data36 = data15.enum;
                  if (Array.isArray(data36)) {
                    if (data36.length < 1) {
                      const err59 = { instancePath: instancePath + "/parameters/" + i3 + "/enum", schemaPath: "#/definitions/parameter/properties/enum/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                      if (vErrors === null) {
                        vErrors = [err59];
                      } else {
                        vErrors.push(err59);
                      }
                      errors++;
                    }
                    const len7 = data36.length;
                    for (let i8 = 0; i8 < len7; i8++) {
                      let data37 = data36[i8];
                      if (typeof data37 !== "string" && !(typeof data37 == "number" && isFinite(data37)) && typeof data37 !== "boolean") {
                        const err60 = { instancePath: instancePath + "/parameters/" + i3 + "/enum/" + i8, schemaPath: "#/definitions/parameter/properties/enum/items/type", keyword: "type", params: { type: schema16.properties.enum.items.type }, message: "must be string,integer,number,boolean" };
                        if (vErrors === null) {
                          vErrors = [err60];
                        } else {
                          vErrors.push(err60);
                        }
                        errors++;
                      }
                    }
                    let i9 = data36.length;
                    let j1;
                    if (i9 > 1) {
                      const indices1 = {};
                      for (; i9--; ) {
                        let item1 = data36[i9];
                        if (typeof item1 !== "string" && !(typeof item1 == "number" && isFinite(item1)) && typeof item1 !== "boolean") {
                          continue;
                        }
                        if (typeof item1 == "string") {
                          item1 += "_";
                        }
                        if (typeof indices1[item1] == "number") {
                          j1 = indices1[item1];
                          const err61 = { instancePath: instancePath + "/parameters/" + i3 + "/enum", schemaPath: "#/definitions/parameter/properties/enum/uniqueItems", keyword: "uniqueItems", params: { i: i9, j: j1 }, message: "must NOT have duplicate items (items ## " + j1 + " and " + i9 + " are identical)" };
                          if (vErrors === null) {
                            vErrors = [err61];
                          } else {
                            vErrors.push(err61);
                          }
                          errors++;
                          break;
                        }
                        indices1[item1] = i9;
                      }
                    }
                  } else {
                    const err62 = { instancePath: instancePath + "/parameters/" + i3 + "/enum", schemaPath: "#/definitions/parameter/properties/enum/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                    if (vErrors === null) {
                      vErrors = [err62];
                    } else {
                      vErrors.push(err62);
                    }
                    errors++;
                  }
                }
                if (data15.pattern !== void 0) {
                  let data38 = data15.pattern;
                  if (typeof data38 === "string") {
                    if (!formats2(data38)) {
                      const err63 = { instancePath: instancePath + "/parameters/" + i3 + "/pattern", schemaPath: "#/definitions/parameter/properties/pattern/format", keyword: "format", params: { format: "regex" }, message: 'must match format "regex"' };
                      if (vErrors === null) {
                        vErrors = [err63];
                      } else {
                        vErrors.push(err63);
                      }
                      errors++;
                    }
                  } else {
                    const err64 = { instancePath: instancePath + "/parameters/" + i3 + "/pattern", schemaPath: "#/definitions/parameter/properties/pattern/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err64];
                    } else {
                      vErrors.push(err64);
                    }
                    errors++;
                  }
                }
                if (data15.secret !== void 0) {
                  if (typeof data15.secret !== "boolean") {
                    const err65 = { instancePath: instancePath + "/parameters/" + i3 + "/secret", schemaPath: "#/definitions/parameter/properties/secret/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                    if (vErrors === null) {
                      vErrors = [err65];
                    } else {
                      vErrors.push(err65);
                    }
                    errors++;
                  }
                }
                if (data15.description !== void 0) {
                  let data40 = data15.description;
                  if (typeof data40 === "string") {
                    if (func4(data40) > 1e3) {
                      const err66 = { instancePath: instancePath + "/parameters/" + i3 + "/description", schemaPath: "#/definitions/parameter/properties/description/maxLength", keyword: "maxLength", params: { limit: 1e3 }, message: "must NOT have more than 1000 characters" };
                      if (vErrors === null) {
                        vErrors = [err66];
                      } else {
                        vErrors.push(err66);
                      }
                      errors++;
                    }
                  } else {
                    const err67 = { instancePath: instancePath + "/parameters/" + i3 + "/description", schemaPath: "#/definitions/parameter/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err67];
                    } else {
                      vErrors.push(err67);
                    }
                    errors++;
                  }
                }
              } else {
                const err68 = { instancePath: instancePath + "/parameters/" + i3, schemaPath: "#/definitions/parameter/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                  vErrors = [err68];
                } else {
                  vErrors.push(err68);
                }
                errors++;
              }
            }
          } else {
            const err69 = { instancePath: instancePath + "/parameters", schemaPath: "#/properties/parameters/type", keyword: "type", params: { type: "array" }, message: "must be array" };
            if (vErrors === null) {
              vErrors = [err69];
            } else {
              vErrors.push(err69);
            }
            errors++;
          }
        }
      } else {
        const err70 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err70];
        } else {
          vErrors.push(err70);
        }
        errors++;
      }
      validate10.errors = vErrors;
      return errors === 0;
    }
    return validate10;
  },
  role(runtime, linearRegExpEngine2) {
    const schema11 = { "$schema": "http://json-schema.org/draft-07/schema#", "title": "opsledger role", "description": "Who may do what. Members are emails (git author emails, API key users). One role per file under definitions/roles/.", "type": "object", "additionalProperties": false, "required": ["id", "members", "permissions"], "properties": { "id": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" }, "description": { "type": "string", "maxLength": 2e3 }, "members": { "type": "array", "items": { "type": "string", "format": "email" }, "uniqueItems": true }, "permissions": { "type": "array", "minItems": 1, "uniqueItems": true, "items": { "enum": ["definitions:modify", "definitions:approve", "actions:execute", "executions:read:own", "executions:read:all", "audit:read", "reports:read", "admin"] } }, "scope": { "type": "object", "additionalProperties": false, "properties": { "actions": { "type": "array", "minItems": 1, "uniqueItems": true, "items": { "type": "string", "pattern": "^(tag:[a-z0-9][a-z0-9_.-]{0,62}|[a-z0-9*?][a-z0-9*?-]{0,62})$" } } } } } };
    const func2 = linearRegExpEngine2;
    const func3 = runtime("ajv/dist/runtime/ucs2length").default;
    const func0 = runtime("ajv/dist/runtime/equal").default;
    const pattern0 = func2("^[a-z0-9][a-z0-9-]{0,62}$", "u");
    const pattern1 = func2("^(tag:[a-z0-9][a-z0-9_.-]{0,62}|[a-z0-9*?][a-z0-9*?-]{0,62})$", "u");
    const formats0 = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
    function validate10(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
      let vErrors = null;
      let errors = 0;
      if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.id === void 0) {
          const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "id" }, message: "must have required property 'id'" };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
        if (data.members === void 0) {
          const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "members" }, message: "must have required property 'members'" };
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
        if (data.permissions === void 0) {
          const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "permissions" }, message: "must have required property 'permissions'" };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
        for (const key0 in data) {
          if (!(key0 === "id" || key0 === "description" || key0 === "members" || key0 === "permissions" || key0 === "scope")) {
            const err3 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
              vErrors = [err3];
            } else {
              vErrors.push(err3);
            }
            errors++;
          }
        }
        if (data.id !== void 0) {
          let data0 = data.id;
          if (typeof data0 === "string") {
            if (!pattern0.test(data0)) {
              const err4 = { instancePath: instancePath + "/id", schemaPath: "#/properties/id/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9-]{0,62}$" }, message: 'must match pattern "^[a-z0-9][a-z0-9-]{0,62}$"' };
              if (vErrors === null) {
                vErrors = [err4];
              } else {
                vErrors.push(err4);
              }
              errors++;
            }
          } else {
            const err5 = { instancePath: instancePath + "/id", schemaPath: "#/properties/id/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err5];
            } else {
              vErrors.push(err5);
            }
            errors++;
          }
        }
        if (data.description !== void 0) {
          let data1 = data.description;
          if (typeof data1 === "string") {
            if (func3(data1) > 2e3) {
              const err6 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/maxLength", keyword: "maxLength", params: { limit: 2e3 }, message: "must NOT have more than 2000 characters" };
              if (vErrors === null) {
                vErrors = [err6];
              } else {
                vErrors.push(err6);
              }
              errors++;
            }
          } else {
            const err7 = { instancePath: instancePath + "/description", schemaPath: "#/properties/description/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
        }
        if (data.members !== void 0) {
          let data2 = data.members;
          if (Array.isArray(data2)) {
            const len0 = data2.length;
            for (let i0 = 0; i0 < len0; i0++) {
              let data3 = data2[i0];
              if (typeof data3 === "string") {
                if (!formats0.test(data3)) {
                  const err8 = { instancePath: instancePath + "/members/" + i0, schemaPath: "#/properties/members/items/format", keyword: "format", params: { format: "email" }, message: 'must match format "email"' };
                  if (vErrors === null) {
                    vErrors = [err8];
                  } else {
                    vErrors.push(err8);
                  }
                  errors++;
                }
              } else {
                const err9 = { instancePath: instancePath + "/members/" + i0, schemaPath: "#/properties/members/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                  vErrors = [err9];
                } else {
                  vErrors.push(err9);
                }
                errors++;
              }
            }
            let i1 = data2.length;
            let j0;
            if (i1 > 1) {
              const indices0 = {};
              for (; i1--; ) {
                let item0 = data2[i1];
                if (typeof item0 !== "string") {
                  continue;
                }
                if (typeof indices0[item0] == "number") {
                  j0 = indices0[item0];
                  const err10 = { instancePath: instancePath + "/members", schemaPath: "#/properties/members/uniqueItems", keyword: "uniqueItems", params: { i: i1, j: j0 }, message: "must NOT have duplicate items (items ## " + j0 + " and " + i1 + " are identical)" };
                  if (vErrors === null) {
                    vErrors = [err10];
                  } else {
                    vErrors.push(err10);
                  }
                  errors++;
                  break;
                }
                indices0[item0] = i1;
              }
            }
          } else {
            const err11 = { instancePath: instancePath + "/members", schemaPath: "#/properties/members/type", keyword: "type", params: { type: "array" }, message: "must be array" };
            if (vErrors === null) {
              vErrors = [err11];
            } else {
              vErrors.push(err11);
            }
            errors++;
          }
        }
        if (data.permissions !== void 0) {
          let data4 = data.permissions;
          if (Array.isArray(data4)) {
            if (data4.length < 1) {
              const err12 = { instancePath: instancePath + "/permissions", schemaPath: "#/properties/permissions/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
              if (vErrors === null) {
                vErrors = [err12];
              } else {
                vErrors.push(err12);
              }
              errors++;
            }
            const len1 = data4.length;
            for (let i2 = 0; i2 < len1; i2++) {
              let data5 = data4[i2];
              if (!(data5 === "definitions:modify" || data5 === "definitions:approve" || data5 === "actions:execute" || data5 === "executions:read:own" || data5 === "executions:read:all" || data5 === "audit:read" || data5 === "reports:read" || data5 === "admin")) {
                const err13 = { instancePath: instancePath + "/permissions/" + i2, schemaPath: "#/properties/permissions/items/enum", keyword: "enum", params: { allowedValues: schema11.properties.permissions.items.enum }, message: "must be equal to one of the allowed values" };
                if (vErrors === null) {
                  vErrors = [err13];
                } else {
                  vErrors.push(err13);
                }
                errors++;
              }
            }
            let i3 = data4.length;
            let j1;
            if (i3 > 1) {
              outer0: for (; i3--; ) {
                for (j1 = i3; j1--; ) {
                  if (func0(data4[i3], data4[j1])) {
                    const err14 = { instancePath: instancePath + "/permissions", schemaPath: "#/properties/permissions/uniqueItems", keyword: "uniqueItems", params: { i: i3, j: j1 }, message: "must NOT have duplicate items (items ## " + j1 + " and " + i3 + " are identical)" };
                    if (vErrors === null) {
                      vErrors = [err14];
                    } else {
                      vErrors.push(err14);
                    }
                    errors++;
                    break outer0;
                  }
                }
              }
            }
          } else {
            const err15 = { instancePath: instancePath + "/permissions", schemaPath: "#/properties/permissions/type", keyword: "type", params: { type: "array" }, message: "must be array" };
            if (vErrors === null) {
              vErrors = [err15];
            } else {
              vErrors.push(err15);
            }
            errors++;
          }
        }
        if (data.scope !== void 0) {
          let data6 = data.scope;
          if (data6 && typeof data6 == "object" && !Array.isArray(data6)) {
            for (const key1 in data6) {
              if (!(key1 === "actions")) {
                const err16 = { instancePath: instancePath + "/scope", schemaPath: "#/properties/scope/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                  vErrors = [err16];
                } else {
                  vErrors.push(err16);
                }
                errors++;
              }
            }
            if (data6.actions !== void 0) {
              let data7 = data6.actions;
              if (Array.isArray(data7)) {
                if (data7.length < 1) {
                  const err17 = { instancePath: instancePath + "/scope/actions", schemaPath: "#/properties/scope/properties/actions/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                  if (vErrors === null) {
                    vErrors = [err17];
                  } else {
                    vErrors.push(err17);
                  }
                  errors++;
                }
                const len2 = data7.length;
                for (let i4 = 0; i4 < len2; i4++) {
                  let data8 = data7[i4];
                  if (typeof data8 === "string") {
                    if (!pattern1.test(data8)) {
                      const err18 = { instancePath: instancePath + "/scope/actions/" + i4, schemaPath: "#/properties/scope/properties/actions/items/pattern", keyword: "pattern", params: { pattern: "^(tag:[a-z0-9][a-z0-9_.-]{0,62}|[a-z0-9*?][a-z0-9*?-]{0,62})$" }, message: 'must match pattern "^(tag:[a-z0-9][a-z0-9_.-]{0,62}|[a-z0-9*?][a-z0-9*?-]{0,62})$"' };
                      if (vErrors === null) {
                        vErrors = [err18];
                      } else {
                        vErrors.push(err18);
                      }
                      errors++;
                    }
                  } else {
                    const err19 = { instancePath: instancePath + "/scope/actions/" + i4, schemaPath: "#/properties/scope/properties/actions/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                      vErrors = [err19];
                    } else {
                      vErrors.push(err19);
                    }
                    errors++;
                  }
                }
                let i5 = data7.length;
                let j2;
                if (i5 > 1) {
                  const indices1 = {};
                  for (; i5--; ) {
                    let item1 = data7[i5];
                    if (typeof item1 !== "string") {
                      continue;
                    }
                    if (typeof indices1[item1] == "number") {
                      j2 = indices1[item1];
                      const err20 = { instancePath: instancePath + "/scope/actions", schemaPath: "#/properties/scope/properties/actions/uniqueItems", keyword: "uniqueItems", params: { i: i5, j: j2 }, message: "must NOT have duplicate items (items ## " + j2 + " and " + i5 + " are identical)" };
                      if (vErrors === null) {
                        vErrors = [err20];
                      } else {
                        vErrors.push(err20);
                      }
                      errors++;
                      break;
                    }
                    indices1[item1] = i5;
                  }
                }
              } else {
                const err21 = { instancePath: instancePath + "/scope/actions", schemaPath: "#/properties/scope/properties/actions/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                if (vErrors === null) {
                  vErrors = [err21];
                } else {
                  vErrors.push(err21);
                }
                errors++;
              }
            }
          } else {
            const err22 = { instancePath: instancePath + "/scope", schemaPath: "#/properties/scope/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
              vErrors = [err22];
            } else {
              vErrors.push(err22);
            }
            errors++;
          }
        }
      } else {
        const err23 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
          vErrors = [err23];
        } else {
          vErrors.push(err23);
        }
        errors++;
      }
      validate10.errors = vErrors;
      return errors === 0;
    }
    return validate10;
  }
};

// src/definitions/shipped-validators.ts
function unwrap(m) {
  return typeof m === "function" ? m : m.default;
}
var RUNTIME = {
  "ajv/dist/runtime/ucs2length": { default: unwrap(ucs2lengthModule) },
  "ajv/dist/runtime/equal": { default: unwrap(equalModule) },
  "ajv-formats/dist/formats": { fullFormats }
};
function lazyPattern(pattern) {
  let compiled;
  return {
    test: (text) => (compiled ??= linearRegExpEngine(pattern)).test(text),
    toString: () => `/${pattern}/u`
  };
}
var shipped = null;
function shippedValidators() {
  if (shipped) return shipped;
  const texts = DEFINITION_KINDS.map(
    (kind) => readFileSync(path.join(SHIPPED_SCHEMA_DIR, SCHEMA_FILES[kind]), "utf8")
  );
  if (schemaTextsHash(texts) !== SCHEMA_TEXTS_HASH) return shipped = loadValidators();
  const out = {};
  for (const name of Object.keys(SCHEMA_FILES)) {
    const factory = FACTORIES[name];
    let made;
    Object.defineProperty(out, name, {
      enumerable: true,
      get: () => made ??= factory ? factory((id) => RUNTIME[id], lazyPattern) : loadValidators()[name]
    });
  }
  return shipped = out;
}

// src/history/schemas-by-commit.ts
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
    const key = createHash2("sha256").update(NAMES.map((n) => `${SCHEMA_FILES[n]}=${blobs[n] ?? "-"}`).join("\n")).digest("hex").slice(0, 16);
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
        hit = key === SHIPPED_SCHEMAS ? Promise.resolve(shippedValidators()) : copyOut(key);
        compiled.set(key, hit);
      }
      return hit;
    }
  };
  async function copyOut(key) {
    const dir = path2.join(historyDir, "schema", key);
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
        writeFileSync(path2.join(dir, SCHEMA_FILES[n]), o.content);
        oids[SCHEMA_FILES[n]] = blobs[n];
      });
      writeFileSync(path2.join(dir, ".complete"), JSON.stringify(oids));
    }
    return withShippedFallback(loadValidators(dir));
  }
}
function isWholeCopy(dir, blobs) {
  let oids;
  try {
    oids = JSON.parse(readFileSync2(path2.join(dir, ".complete"), "utf8"));
  } catch {
    return "missing";
  }
  if (oids === null || typeof oids !== "object") return ".complete";
  for (const n of NAMES) {
    const oid = blobs[n];
    if (oid === null) continue;
    if (oids[SCHEMA_FILES[n]] !== oid) return "missing";
    try {
      if (blobId(readFileSync2(path2.join(dir, SCHEMA_FILES[n])), oid.length) !== oid) return SCHEMA_FILES[n];
    } catch {
      return SCHEMA_FILES[n];
    }
  }
  return true;
}
function blobId(content, hexLength) {
  return createHash2(hexLength === 64 ? "sha256" : "sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
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
            chosen = shippedValidators()[name];
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
import path3 from "node:path";
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
    const stored = incremental ? readJson(path3.join(genDir, "invalid.json")) ?? [] : [];
    const kept = stored.filter((i) => i.seq <= baseSeq);
    put(path3.join(genDir, "invalid.json"), JSON.stringify([...kept, ...invalid]));
  }
  const listFile = commitsFile(genDir);
  if (incremental) {
    truncateSync(listFile, baseSeq * COMMIT_LINE);
    appendFileSync(listFile, formatCommitLines(run.chain));
  } else {
    put(listFile, formatCommitLines(run.chain));
  }
  const stateFile = `state-${seq}.json`;
  put(path3.join(genDir, stateFile), JSON.stringify({ ...run.state, seq }));
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
    rmSync2(path3.join(genDir, previous.stateFile), { force: true });
  }
  if (!incremental && previous && previous.generation !== generation) {
    rmSync2(generationDir(historyDir, previous.generation), { recursive: true, force: true });
  }
  return meta;
}
function damaged(what, cause) {
  return new OpsledgerError("HISTORY_INDEX_CORRUPT", `the history index is damaged: ${what}`, { cause });
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
  return table ? checkPack(genDir, table) : `history/gen-${meta.generation}/${path4.basename(tableFile(genDir, meta.seq))} is unreadable`;
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
