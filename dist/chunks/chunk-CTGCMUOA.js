import {
  closeAbandonedFromCli
} from "./chunk-AIGKA5PK.js";
import {
  startRun
} from "./chunk-2NCSDJR4.js";
import {
  openCliJournal
} from "./chunk-KAHQ322U.js";
import {
  formatDuration,
  presentExecution
} from "./chunk-RWZTJTBY.js";
import {
  keepRunningOnClosedPipes
} from "./chunk-JIISAF5R.js";
import {
  renderTable
} from "./chunk-ANG7WQ2Z.js";
import {
  readGitUser
} from "./chunk-FXXI3T3N.js";
import {
  runGitRaw
} from "./chunk-QT6CJFXI.js";
import {
  OpsledgerError
} from "./chunk-VDHVSJ3T.js";

// src/cli/commands/run.ts
import { hostname, userInfo } from "node:os";
import path from "node:path";

// src/cli/fault-hook.ts
function applyFaultHook(journal, env) {
  if (env.OPSLEDGER_FAULT !== "enospc-on-end") return journal;
  const append = journal.append.bind(journal);
  journal.append = (input) => input.status === "running" ? append(input) : Promise.reject(
    new OpsledgerError(
      "JOURNAL_UNAVAILABLE",
      "cannot write the execution journal: ENOSPC: no space left on device, write (OPSLEDGER_FAULT)"
    )
  );
  return journal;
}

// src/cli/commands/run.ts
var collect = (value, previous = []) => [...previous, value];
function parseParams(pairs, envPairs, env) {
  const out = /* @__PURE__ */ Object.create(null);
  const put = (name, value, flag) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) {
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
function renderRunResult(record) {
  const head = `${record.id}  ${record.action_id}  ${record.status}${record.exit_code === null ? "" : ` (exit ${record.exit_code})`}  in ${formatDuration(record.duration_ms)}`;
  const results = record.results ?? [];
  if (results.length === 0) return head + (record.error ? `
${record.error}` : "");
  const rows = results.map((r) => [
    r.target ?? "-",
    r.status,
    r.exit_code === null ? r.signal ?? "-" : String(r.exit_code),
    formatDuration(r.duration_ms),
    r.truncated_bytes > 0 ? `${r.truncated_bytes} bytes of output cut` : ""
  ]);
  return `${head}
${renderTable([["TARGET", "STATUS", "EXIT", "DURATION", ""], ...rows])}`;
}
var EXAMPLES = `
Examples:
  $ opsledger run restart-service --param service=demo-web --param lifetime_seconds=1 --target web-01
  $ opsledger run rotate-api-credential --param service_name=billing --param-env new_secret=NEW_SECRET --target db-01 --allow-unreleased   # a secret from $NEW_SECRET
  $ opsledger run disk-usage-report --allow-dirty --json              # try a local edit (the run is flagged)

Parameters reach the script as environment variables OPSLEDGER_PARAM_<NAME>; the target as OPSLEDGER_TARGET,
the run's id as OPSLEDGER_EXECUTION_ID. Values are never put into the script text or a shell command line.`;
var runCommand = (program, app) => {
  program.command("run").description(
    "run an action from the tracked branch and record it (exit 0 when it succeeded, 1 otherwise)"
  ).argument("<action>", "the action id").option("--param <name=value>", "a parameter value (repeatable)", collect, []).option(
    "--param-env <name=VAR>",
    "a parameter value read from environment variable VAR (repeatable)",
    collect,
    []
  ).option("--target <name>", "run on this target (repeatable; default: the action's targets)", collect, []).option("--allow-dirty", "run even though the definition or its script differs from the tracked branch").option("--allow-unreleased", "run even though the action is not released").addHelpText("after", EXAMPLES).action(
    app.action(async (ctx, actionId, opts) => {
      const params = parseParams(opts.param, opts.paramEnv, ctx.env);
      await warnIfDataDirTracked(ctx);
      const journal = applyFaultHook(await openCliJournal(ctx), ctx.env);
      const stop = abortOnSignals(ctx);
      try {
        await closeAbandonedFromCli(ctx, journal, "run");
        const started = await startRun({
          repo: ctx.repo,
          dataDir: ctx.dataDir,
          branch: ctx.config.branch,
          definitionsDir: ctx.config.paths.definitions,
          journal,
          actionId,
          params,
          targets: opts.target,
          initiator: await cliInitiator(ctx),
          trigger: "manual",
          allowDirty: opts.allowDirty === true,
          allowUnreleased: opts.allowUnreleased === true,
          signal: stop.signal,
          now: ctx.now,
          env: ctx.env,
          onOutput: (target, _stream, line) => ctx.out.info(target ? `[${target}] ${line}` : line)
        });
        const flags = [
          started.record.definition.dirty ? "DIRTY" : "",
          started.record.definition.status !== "released" ? String(started.record.definition.status).toUpperCase() : ""
        ].filter(Boolean);
        ctx.out.info(
          `${started.record.id}: running ${actionId}${started.record.targets.length ? ` on ${started.record.targets.join(", ")}` : ""}${flags.length ? ` [${flags.join(", ")}]` : ""}`
        );
        const final = await started.done;
        if (ctx.json) ctx.out.json(presentExecution(final, (s) => journal.resolveUser(s)));
        else ctx.out.line(renderRunResult(final));
        return final.status === "succeeded" ? 0 : 1;
      } finally {
        stop.dispose();
        await journal.close();
      }
    })
  );
};

export {
  applyFaultHook,
  collect,
  parseParams,
  warnIfDataDirTracked,
  cliInitiator,
  abortOnSignals,
  renderRunResult,
  runCommand
};
