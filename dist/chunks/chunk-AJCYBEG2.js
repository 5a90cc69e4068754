function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  abortOnSignals,
  addParamOptions,
  cliInitiator,
  parseParams,
  warnIfDataDirTracked
} from "./chunk-ITEEYOY3.js";
import {
  startRun
} from "./chunk-ZCIQJW2G.js";
import {
  addServerOption,
  openRecordingJournal,
  presentFinal,
  reportSpooled
} from "./chunk-E3DGQFJ3.js";
import {
  formatDuration
} from "./chunk-WF6R5N3W.js";
import {
  renderTable
} from "./chunk-62XZGVG2.js";

// src/cli/render-run.ts
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
function renderRunStarted(record) {
  const flags = [
    record.definition.dirty ? "DIRTY" : "",
    record.definition.status !== "released" ? String(record.definition.status).toUpperCase() : ""
  ].filter(Boolean);
  const targets = record.targets.length ? ` on ${record.targets.join(", ")}` : "";
  return `${record.id}: running ${record.action_id}${targets}${flags.length ? ` [${flags.join(", ")}]` : ""}`;
}

// src/cli/commands/run.ts
var EXAMPLES = `
Examples:
  $ opsledger run restart-service --param service=demo-web --param lifetime_seconds=1 --target web-01
  $ opsledger run rotate-api-credential --param service_name=billing --param-env new_secret=NEW_SECRET --target db-01 --allow-unreleased   # a secret from $NEW_SECRET
  $ opsledger run disk-usage-report --allow-dirty --json              # try a local edit (the run is flagged)
  $ OPSLEDGER_API_KEY=olk_\u2026 opsledger run disk-usage-report --server https://opsledger.example.com   # recorded by the service

Parameters reach the script as environment variables OPSLEDGER_PARAM_<NAME>; the target as OPSLEDGER_TARGET,
the run's id as OPSLEDGER_EXECUTION_ID. Values are never put into the script text or a shell command line.
With --server (or server.url) the service authorizes the run and records it; a refused run does not start (exit 1).`;
var runCommand = (program, app) => {
  const command = program.command("run").description(
    "run an action from the tracked branch and record it (exit 0 when it succeeded, 1 otherwise)"
  ).argument("<action>", "the action id");
  addParamOptions(command, "run on this target (repeatable; default: the action's targets)").option("--allow-dirty", "run even though the definition or its script differs from the tracked branch").option("--allow-unreleased", "run even though the action is not released");
  addServerOption(command, "record the run through").addHelpText("after", EXAMPLES).action(
    app.action(async (ctx, actionId, opts) => {
      const params = parseParams(opts.param, opts.paramEnv, ctx.env);
      await warnIfDataDirTracked(ctx);
      const { journal, remote, close } = await openRecordingJournal(ctx, opts, "run");
      const stop = abortOnSignals(ctx);
      try {
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
        ctx.out.info(renderRunStarted(started.record));
        const final = await started.done;
        if (ctx.json) ctx.out.json(presentFinal(final, journal, remote));
        else ctx.out.line(renderRunResult(final));
        reportSpooled(ctx, remote, final);
        return final.status === "succeeded" ? 0 : 1;
      } finally {
        stop.dispose();
        await close();
      }
    })
  );
};

export {
  renderRunResult,
  runCommand
};
