function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  runGitRaw
} from "./chunk-AYTYQZ6H.js";

// src/scaffold/diff-text.ts
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
async function diffText(file, before, after) {
  const dir = await mkdtemp(path.join(tmpdir(), "opsledger-diff-"));
  try {
    await writeFile(path.join(dir, "a"), before);
    await writeFile(path.join(dir, "b"), after);
    const out = await runGitRaw(dir, ["diff", "--no-index", "--no-color", "--", "a", "b"]);
    return out.stdout.split("\n").filter((line) => !line.startsWith("diff --git ") && !line.startsWith("index ")).map((line) => line === "--- a/a" ? `--- a/${file}` : line === "+++ b/b" ? `+++ b/${file}` : line).join("\n").trimEnd();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export {
  diffText
};
