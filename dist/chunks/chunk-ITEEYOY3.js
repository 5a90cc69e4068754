function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  keepRunningOnClosedPipes
} from "./chunk-HGX4R2HL.js";
import {
  readGitUser
} from "./chunk-GB75QTYU.js";
import {
  runGitRaw
} from "./chunk-AYTYQZ6H.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import {
  PARAMETER_NAME
} from "./chunk-6O2CUPPL.js";

// src/cli/run-params.ts
var collect = (value, previous = []) => [...previous, value];
function addParamOptions(command, targetHelp) {
  return command.option("--param <name=value>", "a parameter value (repeatable)", collect, []).option(
    "--param-env <name=VAR>",
    "a parameter value read from environment variable VAR (repeatable)",
    collect,
    []
  ).option("--target <name>", targetHelp, collect, []);
}
function parseParams(pairs, envPairs, env) {
  const out = /* @__PURE__ */ Object.create(null);
  const put = (name, value, flag) => {
    if (!PARAMETER_NAME.test(name)) {
      throw new OpsledgerError("PARAM_INVALID", `${flag} ${name}=\u2026: "${name}" is not a parameter name`);
    }
    if (Object.hasOwn(out, name))
      throw new OpsledgerError("PARAM_INVALID", `parameter "${name}" is given twice`);
    out[name] = value;
  };
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq < 1)
      throw new OpsledgerError("PARAM_INVALID", `--param takes NAME=VALUE; one was given without a name`);
    put(pair.slice(0, eq), pair.slice(eq + 1), "--param");
  }
  for (const pair of envPairs) {
    const eq = pair.indexOf("=");
    if (eq < 1) throw new OpsledgerError("PARAM_INVALID", `--param-env ${pair}: expected NAME=ENV_VAR`);
    const variable = pair.slice(eq + 1);
    const value = env[variable];
    if (value === void 0)
      throw new OpsledgerError("PARAM_INVALID", `--param-env ${pair}: $${variable} is not set`);
    put(pair.slice(0, eq), value, "--param-env");
  }
  return out;
}

// src/cli/run-session.ts
import { hostname, userInfo } from "node:os";
import path from "node:path";
async function warnIfDataDirTracked(ctx) {
  const rel = path.relative(ctx.repo, ctx.dataDir);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return;
  const dir = `${rel.split(path.sep).join("/")}/`;
  const ignored = await runGitRaw(ctx.repo, ["check-ignore", "-q", "--", dir]);
  if (ignored.code === 1) {
    ctx.out.info(
      `warning: the data dir ${rel}/ is not git-ignored; add it to .gitignore so the journal never lands in a commit`
    );
  }
}
async function cliInitiator(ctx) {
  let osUser;
  try {
    osUser = userInfo().username;
  } catch {
    osUser = ctx.env.USER ?? "unknown";
  }
  const host = hostname();
  const email = (await readGitUser(ctx.repo)).email;
  if (!email) ctx.out.info(`warning: git user.email is not set; recording the run as ${osUser}@${host}`);
  return { user: email ?? `${osUser}@${host}`, via: "cli", os_user: osUser, host };
}
var STOP_SIGNALS = {
  SIGINT: "opsledger received SIGINT (Ctrl-C)",
  SIGTERM: "opsledger received SIGTERM",
  SIGHUP: "opsledger received SIGHUP (its terminal or session closed)"
};
function abortOnSignals(ctx) {
  keepRunningOnClosedPipes();
  const controller = new AbortController();
  const onSignal = (sig) => {
    if (!controller.signal.aborted) ctx.out.info(`${sig}: stopping the run and recording it as cancelled\u2026`);
    controller.abort(STOP_SIGNALS[sig] ?? `opsledger received ${sig}`);
  };
  for (const sig of Object.keys(STOP_SIGNALS)) process.on(sig, onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const sig of Object.keys(STOP_SIGNALS)) process.off(sig, onSignal);
    }
  };
}

export {
  collect,
  addParamOptions,
  parseParams,
  warnIfDataDirTracked,
  cliInitiator,
  abortOnSignals
};
