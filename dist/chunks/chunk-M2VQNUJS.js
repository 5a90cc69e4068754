function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/package/package-root.ts
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
var found = findPackageRoot(import.meta.dirname);
var manifest = found.manifest;
var PACKAGE_ROOT = found.root;
var PACKAGE_VERSION = manifest.version;
var PACKAGE_REPOSITORY = (manifest.repository?.url ?? "").replace(/^git\+/, "");
function findPackageRoot(start) {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    try {
      const pkg = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
      if (pkg?.name === "opsledger") return { root: dir, manifest: pkg };
    } catch {
    }
    if (path.dirname(dir) === dir) throw new Error(`opsledger's package.json not found above ${start}`);
  }
}

export {
  PACKAGE_ROOT,
  PACKAGE_VERSION,
  PACKAGE_REPOSITORY
};
