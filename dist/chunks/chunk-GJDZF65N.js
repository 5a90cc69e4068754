import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  runGitRaw
} from "./chunk-LCEW6A7X.js";
import {
  OpsledgerError
} from "./chunk-ZXXAURYE.js";

// src/git/repo-info.ts
import path from "node:path";
async function findRepoRoot(dir) {
  const result = await runGitRaw(dir, ["rev-parse", "--show-toplevel"]).catch(() => void 0);
  if (!result || result.code !== 0) {
    throw new OpsledgerError("NOT_A_REPO", `${dir} is not inside a git work tree`);
  }
  return path.resolve(result.stdout.trim());
}
async function readGitUser(dir) {
  const [name, email] = await Promise.all([
    runGitRaw(dir, ["config", "user.name"]),
    runGitRaw(dir, ["config", "user.email"])
  ]);
  return {
    name: name.code === 0 ? name.stdout.trim() || null : null,
    email: email.code === 0 ? email.stdout.trim().toLowerCase() || null : null
  };
}
async function resolveRef(dir, ref) {
  const result = await runGitRaw(dir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  return result.code === 0 ? result.stdout.trim() : null;
}

export {
  findRepoRoot,
  readGitUser,
  resolveRef
};
