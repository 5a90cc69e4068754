function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  CONFIG_SCHEMA_FILE
} from "./chunk-5EEFVU5U.js";
import {
  PACKAGE_ROOT
} from "./chunk-M2VQNUJS.js";
import {
  DEFINITION_KINDS
} from "./chunk-6O2CUPPL.js";
import {
  requirePackage
} from "./chunk-N5OJQZGE.js";

// src/definitions/schemas.ts
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";

// src/definitions/compile-linear-pattern.ts
import { RE2JS } from "re2js";
function compileLinearPattern(pattern) {
  try {
    new RegExp(pattern, "u");
  } catch (err) {
    return { ok: false, reason: "invalid", message: err.message };
  }
  let re2;
  try {
    re2 = RE2JS.compile(toRe2Syntax(pattern));
  } catch (err) {
    const detail = err.message.replace(/^error parsing regexp: /, "");
    return {
      ok: false,
      reason: "unsupported",
      message: `it uses syntax the linear-time engine cannot run (backreferences, lookahead or lookbehind, repeats over 1000): ${detail}`
    };
  }
  const text = `/${pattern}/u`;
  return { ok: true, regex: { test: (input) => re2.test(input), toString: () => text } };
}
var linearRegExpEngine = Object.assign(
  (pattern) => {
    const compiled = compileLinearPattern(pattern);
    if (!compiled.ok) throw new Error(`pattern /${pattern}/: ${compiled.message}`);
    return compiled.regex;
  },
  { code: "linearRegExpEngine" }
);
function toRe2Syntax(pattern) {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch !== "\\" || i + 1 >= pattern.length) {
      out += ch;
      continue;
    }
    const next = pattern[i + 1];
    const unit = /^u([0-9a-fA-F]{4})/.exec(pattern.slice(i + 1));
    const braced = /^u\{([0-9a-fA-F]{1,6})\}/.exec(pattern.slice(i + 1));
    const control = /^c([A-Za-z])/.exec(pattern.slice(i + 1));
    if (unit) {
      let code = parseInt(unit[1], 16);
      let length = 5;
      const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(pattern.slice(i + 6));
      if (code >= 55296 && code <= 56319 && low) {
        code = 65536 + (code - 55296 << 10) + (parseInt(low[1], 16) - 56320);
        length += 6;
      }
      out += `\\x{${code.toString(16)}}`;
      i += length;
    } else if (braced) {
      out += `\\x{${braced[1]}}`;
      i += braced[0].length;
    } else if (control) {
      out += `\\x{${(control[1].charCodeAt(0) % 32).toString(16)}}`;
      i += 2;
    } else {
      out += `\\${next}`;
      i += 1;
    }
  }
  return out;
}

// src/definitions/schemas.ts
var ajvLoaded;
function ajvPackages() {
  return ajvLoaded ??= {
    Ajv: requirePackage("ajv").Ajv,
    addFormats: requirePackage("ajv-formats").default
  };
}
var SCHEMA_FILES = {
  action: "action.schema.json",
  runbook: "runbook.schema.json",
  role: "role.schema.json",
  config: CONFIG_SCHEMA_FILE
};
var SHIPPED_SCHEMA_DIR = path.join(PACKAGE_ROOT, "definitions/schema");
var cache = /* @__PURE__ */ new Map();
function createAjv(code = {}) {
  const { Ajv, addFormats } = ajvPackages();
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictRequired: false,
    strictTypes: false,
    allowUnionTypes: true,
    useDefaults: false,
    // A repo may ship its own schemas: their `pattern`s run on a linear-time engine (docs/security.md).
    code: { regExp: linearRegExpEngine, ...code }
  });
  addFormats(ajv);
  return ajv;
}
function compileSchema(ajv, schema) {
  const { $id: _id, ...rest } = schema;
  return ajv.compile(rest);
}
function readShippedSchema(name) {
  return JSON.parse(readFileSync(path.join(SHIPPED_SCHEMA_DIR, SCHEMA_FILES[name]), "utf8"));
}
function loadValidators(repoSchemaDir) {
  const key = repoSchemaDir ?? "";
  const hit = cache.get(key);
  if (hit) return hit;
  const ajv = createAjv();
  const compile = (name) => {
    const own = repoSchemaDir ? path.join(repoSchemaDir, SCHEMA_FILES[name]) : void 0;
    if (own && existsSync(own)) {
      try {
        return compileSchema(ajv, JSON.parse(readFileSync(own, "utf8")));
      } catch {
      }
    }
    return compileSchema(ajv, readShippedSchema(name));
  };
  const validators = {};
  for (const name of [...DEFINITION_KINDS, "config"]) {
    let compiled;
    Object.defineProperty(validators, name, { enumerable: true, get: () => compiled ??= compile(name) });
  }
  cache.set(key, validators);
  return validators;
}
var textCache = /* @__PURE__ */ new Map();
function compileValidators(texts) {
  const key = JSON.stringify(Object.entries(texts).sort(([a], [b]) => a < b ? -1 : 1));
  const hit = textCache.get(key);
  if (hit) return hit;
  const ajv = createAjv();
  const problems = [];
  const compile = (name) => {
    const text = texts[name];
    if (text !== void 0) {
      try {
        const schema = JSON.parse(text);
        if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
          throw new Error("a schema must be a JSON object");
        }
        return compileSchema(ajv, schema);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const at = /position (\d+)/.exec(message);
        const offset = at ? Number(at[1]) : /end of JSON input/.test(message) ? text.length : void 0;
        problems.push({ name, message, ...offset === void 0 ? {} : { offset } });
      }
    }
    return compileSchema(ajv, readShippedSchema(name));
  };
  const validators = {
    action: compile("action"),
    runbook: compile("runbook"),
    role: compile("role"),
    config: compile("config")
  };
  const result = { validators, problems };
  textCache.set(key, result);
  return result;
}
function usefulErrors(errors) {
  const precise = errors.filter((e) => e.keyword !== "if" && e.keyword !== "oneOf" && e.keyword !== "allOf");
  const list = precise.length > 0 ? precise : [...errors];
  const seen = /* @__PURE__ */ new Set();
  return list.filter((e) => {
    const k = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
function describeSchemaError(e) {
  const where = e.instancePath === "" ? "document" : e.instancePath;
  switch (e.keyword) {
    case "additionalProperties":
      return `unknown key "${String(e.params.additionalProperty)}" in ${where}`;
    case "required":
      return `missing required key "${String(e.params.missingProperty)}" in ${where}`;
    case "enum":
      return `${where} must be one of ${e.params.allowedValues.map(String).join(", ")}`;
    case "oneOf":
      return `${where} must set exactly one of the alternatives (e.g. script.inline or script.file)`;
    default:
      return `${where} ${e.message ?? "is invalid"}`;
  }
}

export {
  compileLinearPattern,
  linearRegExpEngine,
  SCHEMA_FILES,
  SHIPPED_SCHEMA_DIR,
  createAjv,
  loadValidators,
  compileValidators,
  usefulErrors,
  describeSchemaError
};
