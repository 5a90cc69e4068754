function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  runGitRaw
} from "./chunk-AYTYQZ6H.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";

// src/git/repo-info.ts
import path2 from "node:path";

// src/git/find-work-tree.ts
import { readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
var DISCOVERY_ENV = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_COMMON_DIR",
  "GIT_OBJECT_DIRECTORY",
  "GIT_CEILING_DIRECTORIES",
  "GIT_DISCOVERY_ACROSS_FILESYSTEM",
  "GIT_CONFIG_PARAMETERS",
  "GIT_CONFIG_COUNT",
  "GIT_TEST_ASSUME_DIFFERENT_OWNER"
];
var HEAD_REF = /^ref: refs\/[^\s]+\s*$/;
var HEAD_SHA = /^([0-9a-f]{40}|[0-9a-f]{64})\s*$/;
function findWorkTree(dir, env) {
  if (DISCOVERY_ENV.some((name) => env[name] !== void 0)) return void 0;
  const uid = process.geteuid?.();
  if (uid === void 0) return void 0;
  let current;
  let stats;
  try {
    current = realpathSync(dir);
    stats = statSync(current);
  } catch {
    return void 0;
  }
  if (!stats.isDirectory()) return void 0;
  for (; ; ) {
    const dotGit = statOrNull(path.join(current, ".git"));
    if (dotGit?.isDirectory() && isGitDirectory(path.join(current, ".git"))) {
      return dotGit.uid === uid && stats.uid === uid && configMovesNothing(path.join(current, ".git")) ? current : void 0;
    }
    if (dotGit !== null || isGitDirectory(current)) return void 0;
    const parent = path.dirname(current);
    if (parent === current) return void 0;
    const parentStats = statOrNull(parent);
    if (parentStats === null || parentStats.dev !== stats.dev) return void 0;
    current = parent;
    stats = parentStats;
  }
}
function statOrNull(file) {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}
function isGitDirectory(dir) {
  if (!statOrNull(path.join(dir, "objects"))?.isDirectory()) return false;
  if (!statOrNull(path.join(dir, "refs"))?.isDirectory()) return false;
  try {
    const head = readFileSync(path.join(dir, "HEAD"), "utf8");
    return HEAD_REF.test(head) || HEAD_SHA.test(head);
  } catch {
    return false;
  }
}
function configMovesNothing(gitDir) {
  let config;
  try {
    config = readFileSync(path.join(gitDir, "config"), "utf8");
  } catch (err) {
    return err.code === "ENOENT";
  }
  const lower = config.toLowerCase();
  if (lower.includes("worktree") && /^\s*worktree\s*(=|$)/im.test(config)) return false;
  if (/^\s*bare\s*(=\s*(true|yes|on|1)\s*)?$/im.test(config)) return false;
  if ((lower.includes("include") || lower.includes("extensions")) && /^\s*\[\s*(include|includeif|extensions)\b/im.test(config)) {
    return false;
  }
  const version = /^\s*repositoryformatversion\s*=\s*(\S+)/im.exec(config);
  return version === null || Number(version[1]) === 0;
}

// src/git/repo-info.ts
async function findRepoRoot(dir, env = process.env) {
  const found = findWorkTree(dir, env);
  if (found !== void 0) return found;
  const result = await runGitRaw(dir, ["rev-parse", "--show-toplevel"], { env }).catch(() => void 0);
  if (!result || result.code !== 0) {
    throw new OpsledgerError("NOT_A_REPO", `${dir} is not inside a git work tree`);
  }
  return path2.resolve(result.stdout.trim());
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
