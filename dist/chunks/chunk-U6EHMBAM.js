function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  isInside
} from "./chunk-GKUXOMQD.js";

// src/definitions/sources/open-work-tree-source.ts
import { lstat, readFile, readdir, readlink } from "node:fs/promises";
import path from "node:path";
function openWorkTreeSource(root) {
  const abs = (rel) => path.join(root, ...rel.split("/"));
  return {
    kind: "worktree",
    label: "work tree",
    async list(dir) {
      const entries = [];
      await walk(root, dir, entries);
      return entries.filter((e) => isInside(e.path, dir)).sort((a, b) => a.path < b.path ? -1 : 1);
    },
    async read(paths, maxBytes) {
      const result = /* @__PURE__ */ new Map();
      await Promise.all(
        paths.map(async (rel) => {
          const stat = await lstat(abs(rel)).catch(() => null);
          if (!stat?.isFile()) return;
          if (stat.size > maxBytes) {
            result.set(rel, { size: stat.size });
            return;
          }
          const bytes = await readFile(abs(rel)).catch(() => null);
          if (bytes) result.set(rel, { size: bytes.length, bytes });
        })
      );
      return result;
    },
    async lookup(rel) {
      const stat = await lstat(abs(rel)).catch(() => null);
      if (!stat) return { type: "missing" };
      if (stat.isSymbolicLink()) return { type: "symlink", target: await readlink(abs(rel)) };
      if (stat.isDirectory()) return { type: "dir" };
      return stat.isFile() ? { type: "file" } : { type: "other" };
    }
  };
}
async function walk(root, rel, out) {
  const dirents = await readdir(path.join(root, ...rel.split("/").filter(Boolean)), {
    withFileTypes: true
  }).catch(() => []);
  for (const dirent of dirents) {
    const child = rel === "" ? dirent.name : `${rel}/${dirent.name}`;
    if (dirent.isDirectory()) {
      if (dirent.name !== ".git") await walk(root, child, out);
    } else if (dirent.isSymbolicLink()) {
      out.push({ path: child, type: "symlink" });
    } else {
      out.push({ path: child, type: dirent.isFile() ? "file" : "other" });
    }
  }
}

export {
  openWorkTreeSource
};
