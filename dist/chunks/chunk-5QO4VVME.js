function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  runGit,
  runGitRaw
} from "./chunk-AYTYQZ6H.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";

// src/hooks/install-hooks.ts
import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
var HOOK_MARKER = "# opsledger-hook:";
var CLIENT_HOOKS = ["pre-commit", "commit-msg"];
var SERVER_HOOKS = ["pre-receive"];
var HOOK_LIB = "lib/opsledger-hook.sh";
var BACKUP_SUFFIX = ".before-opsledger";
async function readLayout(dir) {
  const probe = await runGitRaw(dir, [
    "rev-parse",
    "--absolute-git-dir",
    "--is-bare-repository",
    "--is-inside-work-tree"
  ]).catch(() => void 0);
  if (!probe || probe.code !== 0) {
    throw new OpsledgerError("NOT_A_REPO", `${dir} is not inside a git repository`, {
      hint: "Pass --target DIR naming a git work tree or a bare repository."
    });
  }
  const [gitDir = dir, bare, inside] = probe.stdout.trim().split("\n");
  let root = null;
  if (inside === "true") root = (await runGit(dir, ["rev-parse", "--show-toplevel"])).trim();
  return { gitDir, bare: bare === "true", root };
}
async function isOpsledgerHook(file) {
  const text = await readFile(file, "utf8").catch(() => null);
  return text !== null && text.includes(HOOK_MARKER);
}
async function installHooks(options) {
  const layout = await readLayout(options.dir);
  const server = options.server === true || layout.bare;
  const git = (args) => runGit(layout.gitDir, args);
  let result;
  const ownHooks = layout.root === null ? null : path.join(layout.root, "hooks");
  if (!server && ownHooks !== null && await isOpsledgerHook(path.join(ownHooks, "pre-commit"))) {
    await git(["config", "core.hooksPath", "hooks"]);
    result = { mode: "hooks-path", hooksDir: ownHooks, hooks: [...CLIENT_HOOKS], backups: [] };
  } else {
    const names = layout.bare ? [...SERVER_HOOKS] : server ? [...CLIENT_HOOKS, ...SERVER_HOOKS] : [...CLIENT_HOOKS];
    result = await copyHooks(layout, names, options);
  }
  await git(["config", "opsledger.bin", options.command.bin]);
  await git(["config", "opsledger.node", options.command.node]);
  return result;
}
async function hooksDirOf(layout) {
  const out = (await runGit(layout.gitDir, ["rev-parse", "--git-path", "hooks"])).trim();
  const configured = await runGitRaw(layout.gitDir, ["config", "--get", "core.hooksPath"]);
  if (configured.code === 0 && !path.isAbsolute(configured.stdout.trim()) && layout.root !== null) {
    return path.resolve(layout.root, configured.stdout.trim());
  }
  return path.resolve(layout.gitDir, out);
}
async function copyHooks(layout, names, options) {
  const hooksDir = await hooksDirOf(layout);
  const files = [...names, HOOK_LIB];
  const foreign = [];
  for (const name of files) {
    const dest = path.join(hooksDir, name);
    const exists = await readFile(dest).then(
      () => true,
      () => false
    );
    if (exists && !await isOpsledgerHook(dest)) foreign.push(dest);
  }
  if (foreign.length > 0 && options.force !== true) {
    throw new OpsledgerError(
      "HOOK_CONFLICT",
      `hooks that are not opsledger's already exist: ${foreign.join(", ")}`
    );
  }
  const backups = [];
  await mkdir(path.join(hooksDir, path.dirname(HOOK_LIB)), { recursive: true });
  for (const name of files) {
    const dest = path.join(hooksDir, name);
    if (foreign.includes(dest)) {
      await rename(dest, dest + BACKUP_SUFFIX);
      backups.push(dest + BACKUP_SUFFIX);
    }
    const body = await readFile(path.join(options.hooksSource, name));
    await writeFile(`${dest}.tmp`, body);
    await chmod(`${dest}.tmp`, 493);
    await rename(`${dest}.tmp`, dest);
  }
  return { mode: "copy", hooksDir, hooks: names, backups };
}
async function uninstallHooks(dir) {
  const layout = await readLayout(dir);
  const result = { removed: [], restored: [], unsetHooksPath: false };
  const hooksPath = await runGitRaw(layout.gitDir, ["config", "--get", "core.hooksPath"]);
  if (hooksPath.code === 0 && hooksPath.stdout.trim().replace(/\/$/, "") === "hooks" && layout.root !== null) {
    if (await isOpsledgerHook(path.join(layout.root, "hooks", "pre-commit"))) {
      await runGit(layout.gitDir, ["config", "--unset", "core.hooksPath"]);
      result.unsetHooksPath = true;
    }
  } else {
    const hooksDir = await hooksDirOf(layout);
    for (const name of [...CLIENT_HOOKS, ...SERVER_HOOKS, HOOK_LIB]) {
      const dest = path.join(hooksDir, name);
      if (!await isOpsledgerHook(dest)) continue;
      await rm(dest, { force: true });
      result.removed.push(dest);
      const restored = await rename(dest + BACKUP_SUFFIX, dest).then(
        () => true,
        () => false
      );
      if (restored) result.restored.push(dest);
    }
  }
  for (const key of ["opsledger.bin", "opsledger.node"]) {
    await runGitRaw(layout.gitDir, ["config", "--unset", key]);
  }
  return result;
}

export {
  CLIENT_HOOKS,
  HOOK_LIB,
  installHooks,
  uninstallHooks
};
