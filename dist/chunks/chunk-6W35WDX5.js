function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";

// src/reports/assert-data-dir-outside.ts
import { realpathSync } from "node:fs";
import path from "node:path";
function resolveReal(p) {
  const absolute = path.resolve(p);
  const rest = [];
  let current = absolute;
  for (; ; ) {
    try {
      return path.join(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}
function isInside(inner, outer) {
  const rel = path.relative(resolveReal(outer), resolveReal(inner));
  return rel === "" || !rel.startsWith("..") && !path.isAbsolute(rel);
}
function assertDataDirOutside(dataDir, folder, what, repo) {
  if (!isInside(dataDir, folder)) return;
  const show = (p) => {
    const rel = path.relative(repo, p);
    return rel === "" ? "." : rel.startsWith("..") || path.isAbsolute(rel) ? p : rel;
  };
  throw new OpsledgerError(
    "DATA_DIR_EXPOSED",
    `the data dir ${show(dataDir)} is inside ${what} ${show(folder)}; its journal, pseudonym vault and HMAC key would be published with the reports`
  );
}

// src/reports/report-manifest.ts
import { open } from "node:fs/promises";
import path2 from "node:path";
var MANIFEST_FILE = "manifest.json";
var MANIFEST_FORMAT = 1;
var MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
function renderManifest(paths) {
  return {
    path: MANIFEST_FILE,
    content: `${JSON.stringify({ generator: "opsledger report", format: MANIFEST_FORMAT, files: [...paths].sort() }, null, 2)}
`
  };
}
async function readManifest(folder) {
  let text;
  try {
    const handle = await open(path2.join(folder, MANIFEST_FILE), "r");
    try {
      if ((await handle.stat()).size > MAX_MANIFEST_BYTES) return null;
      text = await handle.readFile("utf8");
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
  try {
    const parsed = JSON.parse(text);
    if (parsed.format !== MANIFEST_FORMAT || !Array.isArray(parsed.files)) return null;
    return new Set(parsed.files.filter((f) => typeof f === "string" && isPlainPath(f)));
  } catch {
    return null;
  }
}
function isPlainPath(p) {
  return p.split("/").every((s) => s !== "" && !s.startsWith(".") && !s.includes("\\") && !s.includes("\0"));
}

export {
  assertDataDirOutside,
  MANIFEST_FILE,
  renderManifest,
  readManifest
};
