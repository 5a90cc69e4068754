import {
  PACKAGE_ROOT
} from "./chunk-5GMYRA7S.js";

// src/definitions/schemas.ts
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import * as addFormatsModule from "ajv-formats";
var addFormats = addFormatsModule.default;
var SCHEMA_FILES = {
  action: "action.schema.json",
  runbook: "runbook.schema.json",
  role: "role.schema.json",
  config: "config.schema.json"
};
var SHIPPED_SCHEMA_DIR = path.join(PACKAGE_ROOT, "definitions/schema");
var cache = /* @__PURE__ */ new Map();
function createAjv() {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictRequired: false,
    strictTypes: false,
    allowUnionTypes: true,
    useDefaults: false
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
      return compileSchema(ajv, JSON.parse(readFileSync(own, "utf8")));
    }
    return compileSchema(ajv, readShippedSchema(name));
  };
  const validators = {};
  for (const name of ["action", "runbook", "role", "config"]) {
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
  SCHEMA_FILES,
  SHIPPED_SCHEMA_DIR,
  loadValidators,
  compileValidators,
  usefulErrors,
  describeSchemaError
};
