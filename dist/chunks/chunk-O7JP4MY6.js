function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/history/fold-types.ts
import path from "node:path";
function definitionKey(kind, id) {
  return `${kind}:${id}`;
}
function createFoldState() {
  return { seq: 0, files: {}, objects: {}, steps: {}, scripts: {} };
}
var NO_PROBLEMS = [];
function problemsOf(findings) {
  if (findings.length === 0) return NO_PROBLEMS;
  return findings.map((f) => ({ code: f.code, pointer: f.pointer ?? "", message: f.message }));
}
function stableId(...parts) {
  return process.getBuiltinModule("node:crypto").hash("sha256", parts.join(":")).slice(0, 32);
}
var scriptPaths = /* @__PURE__ */ new WeakMap();
function scriptPathOf(value) {
  const script = value.script;
  if (script === null || typeof script !== "object" || !Object.isFrozen(script)) return scriptPathIn(script);
  let known = scriptPaths.get(script);
  if (known === void 0) {
    known = scriptPathIn(script);
    scriptPaths.set(script, known);
  }
  return known;
}
function scriptPathIn(value) {
  const script = value;
  if (!script || typeof script.file !== "string") return null;
  const normal = path.posix.normalize(script.file.replace(/\\/g, "/")).replace(/^(\.\/)+|^\/+/, "");
  return normal.startsWith("../") || normal === "" ? null : normal;
}

export {
  definitionKey,
  createFoldState,
  problemsOf,
  stableId,
  scriptPathOf
};
