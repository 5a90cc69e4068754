function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/cli/page-output.ts
import { spawn } from "node:child_process";
var DEFAULT_PAGER = "less -FRX";
async function pageOutput(ctx, text) {
  const rows = ctx.out.terminalRows();
  const pager = ctx.env.PAGER ?? DEFAULT_PAGER;
  const lines = text.split("\n").length;
  if (ctx.json || !ctx.pager || rows === null || lines < rows || pager.trim() === "" || pager === "cat") {
    ctx.out.line(text);
    return;
  }
  const code = await runPager(pager, `${text}
`, ctx.env, ctx.cwd);
  if (code === 126 || code === 127) ctx.out.line(text);
}
function runPager(pager, text, env, cwd) {
  const ignoreInterrupt = () => void 0;
  process.on("SIGINT", ignoreInterrupt);
  return new Promise((resolve) => {
    const child = spawn("/bin/sh", ["-c", pager], {
      stdio: ["pipe", "inherit", "inherit"],
      env: { LESS: "FRX", ...env },
      cwd
    });
    child.stdin.on("error", () => void 0);
    child.on("error", () => resolve(127));
    child.on("close", (code) => resolve(code ?? 0));
    child.stdin.end(text);
  }).finally(() => process.off("SIGINT", ignoreInterrupt));
}

export {
  pageOutput
};
