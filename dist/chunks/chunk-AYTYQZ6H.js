function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";

// src/git/run-git.ts
async function runGitRaw(dir, args, options = {}) {
  const { spawn } = process.getBuiltinModule("node:child_process");
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, {
      cwd: dir,
      env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C", ...options.env },
      stdio: ["pipe", "pipe", "pipe"]
    });
    const out = [];
    const err = [];
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => err.push(b));
    child.on(
      "error",
      (e) => reject(new OpsledgerError("GIT_FAILED", `cannot start git: ${e.message}`, { cause: e }))
    );
    child.on(
      "close",
      (code) => resolve({
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        code: code ?? 1
      })
    );
    child.stdin.end(options.input);
  });
}
async function runGit(dir, args, options = {}) {
  const result = await runGitRaw(dir, args, options);
  if (result.code !== 0) {
    throw new OpsledgerError(
      "GIT_FAILED",
      `git ${args.join(" ")} failed: ${result.stderr.trim() || result.code}`
    );
  }
  return result.stdout;
}

export {
  runGitRaw,
  runGit
};
