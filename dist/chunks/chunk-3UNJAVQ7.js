import {
  findRepoRoot
} from "./chunk-FXXI3T3N.js";
import {
  EXIT,
  OpsledgerError,
  formatError,
  toOpsledgerError
} from "./chunk-VDHVSJ3T.js";

// src/cli/context.ts
import path2 from "node:path";

// src/config/load-config.ts
import { readFile } from "node:fs/promises";
import path from "node:path";
var CONFIG_FILE = "opsledger.yaml";
function withDefaults(raw) {
  return {
    branch: raw.branch ?? "main",
    paths: { definitions: "definitions", reports: "reports", data_dir: ".opsledger", ...raw.paths },
    retention: raw.retention ?? {},
    reports: { stale_days: 30, failing_streak: 3, ...raw.reports },
    webhooks: raw.webhooks ?? [],
    ...raw.export ? { export: raw.export } : {},
    server: { rate_limit_per_minute: 600, refresh_seconds: 30, trust_proxy: false, ...raw.server },
    github: raw.github ?? {}
  };
}
async function loadConfig(repo) {
  const file = path.join(repo, CONFIG_FILE);
  let bytes;
  try {
    bytes = await readFile(file);
  } catch (err) {
    if (err.code === "ENOENT") return withDefaults({});
    throw new OpsledgerError("CONFIG_INVALID", `cannot read ${CONFIG_FILE}: ${err.message}`);
  }
  const [{ parseYaml }, { checkSchema }, { loadValidators }] = await Promise.all([
    import("./parse-yaml-A4X37TZL.js"),
    import("./parse-definition-W5UKZIJO.js"),
    import("./schemas-74732Q2W.js")
  ]);
  const parsed = parseYaml(bytes, CONFIG_FILE);
  const findings = parsed.ok ? checkSchema(parsed.parsed, CONFIG_FILE, loadValidators(path.join(repo, "definitions/schema")).config) : parsed.findings;
  const first = findings[0];
  if (first) {
    throw new OpsledgerError("CONFIG_INVALID", `${first.file}:${first.line}:${first.col}: ${first.message}`, {
      hint: first.hint
    });
  }
  const value = (parsed.ok ? parsed.parsed.value : null) ?? {};
  return withDefaults(value);
}

// src/cli/context.ts
async function createContext(options, io) {
  const repo = await findRepoRoot(path2.resolve(io.cwd, options.repo ?? "."));
  const config = await loadConfig(repo);
  const dataDirOption = options.dataDir ?? io.env.OPSLEDGER_DATA_DIR;
  const dataDir = dataDirOption ? path2.resolve(io.cwd, dataDirOption) : path2.resolve(repo, config.paths.data_dir);
  return {
    repo,
    dataDir,
    config,
    json: options.json === true,
    pager: options.pager !== false,
    out: io.out,
    env: io.env,
    cwd: io.cwd,
    now: () => /* @__PURE__ */ new Date()
  };
}

// src/cli/cli-app.ts
function createCliApp(program, io) {
  const app = {
    out: io.out,
    env: io.env,
    cwd: io.cwd,
    exitCode: EXIT.ok,
    action(handler) {
      return async (...args) => {
        const global = program.opts();
        try {
          const ctx = await createContext(global, io);
          app.exitCode = await handler(ctx, ...args);
        } catch (err) {
          app.exitCode = reportError(err, global.json === true, io.out);
        }
      };
    }
  };
  return app;
}
function reportError(err, json, out) {
  const e = toOpsledgerError(err);
  out.info(formatError(e));
  if (json) out.json(e.toJSON());
  if (e.code === "INTERNAL" && !(err instanceof OpsledgerError) && err instanceof Error && err.stack) {
    out.info(err.stack);
  }
  return e.exitCode;
}

export {
  createCliApp,
  reportError
};
