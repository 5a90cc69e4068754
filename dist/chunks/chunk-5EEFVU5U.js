function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  PACKAGE_ROOT,
  PACKAGE_VERSION
} from "./chunk-M2VQNUJS.js";
import {
  stampable,
  statKey
} from "./chunk-SMWZYUQH.js";

// src/config/checked-config.ts
import {
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  mkdirSync
} from "node:fs";
import path from "node:path";
var CONFIG_SCHEMA_FILE = "config.schema.json";
var MAX_KEPT = 32;
function checkedConfig(repo, file) {
  const dir = cacheDir();
  const stats = dir === void 0 ? void 0 : statsOf(repo, file);
  const key = stats && JSON.stringify([file, ...stats.map((s) => s ? statKey(s) : null)]);
  const store = dir && path.join(dir, "config-checked.json");
  return {
    kept() {
      if (!store || !key) return void 0;
      return readKept(store).get(key);
    },
    keep(value, startedMs) {
      if (!store || !key || !stats || !isJson(value)) return;
      if (!stats.every((s) => s === null || stampable(s, startedMs))) return;
      const table = readKept(store);
      table.delete(key);
      table.set(key, value);
      writeKept(store, [...table].slice(-MAX_KEPT));
    }
  };
}
function statsOf(repo, file) {
  try {
    const stat = (f) => statSync(f, { bigint: true, throwIfNoEntry: false }) ?? null;
    const config = stat(file);
    const shipped = stat(path.join(PACKAGE_ROOT, "definitions/schema", CONFIG_SCHEMA_FILE));
    if (!config || !shipped) return void 0;
    return [config, stat(path.join(repo, "definitions/schema", CONFIG_SCHEMA_FILE)), shipped];
  } catch {
    return void 0;
  }
}
function cacheDir() {
  const chosen = process.env.OPSLEDGER_CODE_CACHE_DIR;
  if (chosen === "off") return void 0;
  const parent = path.dirname(PACKAGE_ROOT);
  const base = chosen || (path.basename(parent) === "node_modules" ? path.join(parent, ".cache/opsledger") : path.join(PACKAGE_ROOT, "node_modules/.cache/opsledger"));
  return path.join(base, `config-${PACKAGE_VERSION}-${process.version}`);
}
function readKept(store) {
  try {
    const parsed = JSON.parse(readFileSync(store, "utf8"));
    if (parsed.format === 1 && Array.isArray(parsed.kept))
      return new Map(
        parsed.kept.filter(
          (e) => Array.isArray(e) && e.length === 2 && typeof e[0] === "string"
        )
      );
  } catch {
  }
  return /* @__PURE__ */ new Map();
}
function writeKept(store, kept) {
  const tmp = `${store}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(store), { recursive: true, mode: 448 });
    writeFileSync(tmp, JSON.stringify({ format: 1, kept }), { mode: 384 });
    renameSync(tmp, store);
  } catch {
    rmSync(tmp, { force: true });
  }
}
function isJson(value) {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.entries(value).every(([k, v]) => k !== "__proto__" && isJson(v));
}

export {
  CONFIG_SCHEMA_FILE,
  checkedConfig
};
