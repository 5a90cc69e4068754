import {
  decideStep,
  requestCancel,
  startRunbookRun
} from "./chunk-AYEXUZVF.js";
import "./chunk-JZ2SOV2D.js";
import {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  warnIfDataDirTracked
} from "./chunk-CTGCMUOA.js";
import {
  closeAbandonedFromCli
} from "./chunk-AIGKA5PK.js";
import "./chunk-2NCSDJR4.js";
import "./chunk-A3DXYWG7.js";
import "./chunk-4TFGDOJ2.js";
import {
  openCliJournal
} from "./chunk-KAHQ322U.js";
import {
  formatDuration,
  presentExecution
} from "./chunk-RWZTJTBY.js";
import "./chunk-H6W2RROV.js";
import "./chunk-K5BPNWOJ.js";
import "./chunk-7DENN6A4.js";
import "./chunk-RPAEGFLK.js";
import "./chunk-QOFQ2H35.js";
import "./chunk-J2IP6NA2.js";
import {
  openCliHistory
} from "./chunk-VVEUEYGN.js";
import "./chunk-OWUAENRR.js";
import "./chunk-XYJU7AQX.js";
import "./chunk-GVAA424S.js";
import "./chunk-ZV5OUC6N.js";
import "./chunk-JIISAF5R.js";
import {
  renderTable
} from "./chunk-ANG7WQ2Z.js";
import "./chunk-FXXI3T3N.js";
import "./chunk-QT6CJFXI.js";
import "./chunk-MS7XNQP2.js";
import "./chunk-P4CNIMT5.js";
import "./chunk-BU7YX4F2.js";
import "./chunk-73BB7N5C.js";
import "./chunk-BPYPOP7L.js";
import "./chunk-VJ2VJCG2.js";
import "./chunk-WFF4A6QU.js";
import "./chunk-VDHVSJ3T.js";
import "./chunk-E57XOVAZ.js";
import "./chunk-W3QUCTQE.js";
import "./chunk-KUJDV7QZ.js";
import "./chunk-3WP3FRZJ.js";
import "./chunk-LZZRWE6Y.js";
import "./chunk-5GMYRA7S.js";

// src/cli/commands/runbook.ts
var EXAMPLES = `
Examples:
  $ opsledger runbook run web-incident-response --param service=nginx
  $ opsledger runbook confirm 01JD8Z3M4K9Q2W6E8R1T5Y7U3I restart      # run the manual step it waits for
  $ opsledger runbook confirm 01JD8Z3M4K9Q2W6E8R1T5Y7U3I restart --reject
  $ opsledger runbook cancel 01JD8Z3M4K9Q2W6E8R1T5Y7U3I

Every step runs the action as the tracked branch was when the run started (docs/runbooks.md).`;
function renderRunbookRun(record, resolveUser) {
  const head = `${record.id}  runbook ${record.action_id}  ${record.status}  in ${formatDuration(record.duration_ms)}`;
  const rows = (record.steps ?? []).map((s) => [
    s.id,
    s.action,
    s.status,
    s.exit_code === null ? "-" : String(s.exit_code),
    s.decided_by ? resolveUser(s.decided_by.user) : "",
    s.reason ?? ""
  ]);
  const table = renderTable([["STEP", "ACTION", "STATUS", "EXIT", "DECIDED BY", "NOTE"], ...rows]);
  return `${head}
${table}${record.error ? `
${record.error}` : ""}`;
}
var runbookCommand = (program, app) => {
  const runbook = program.command("runbook").description("run runbooks, confirm their manual steps, cancel them");
  runbook.command("run").description("run a runbook from the tracked branch, every step recorded (exit 0 when it succeeded)").argument("<runbook>", "the runbook id").option("--param <name=value>", "a runbook parameter (repeatable)", collect, []).option("--param-env <name=VAR>", "a runbook parameter read from environment variable VAR", collect, []).option("--target <name>", "targets for steps that name none (repeatable)", collect, []).option("--allow-unreleased", "run although the runbook or an action it calls is not released").addHelpText("after", EXAMPLES).action(
    app.action(async (ctx, runbookId, opts) => {
      const params = parseParams(opts.param, opts.paramEnv, ctx.env);
      await warnIfDataDirTracked(ctx);
      const journal = await openCliJournal(ctx);
      const stop = abortOnSignals(ctx);
      try {
        await closeAbandonedFromCli(ctx, journal, "runbook run");
        const started = await startRunbookRun({
          repo: ctx.repo,
          dataDir: ctx.dataDir,
          branch: ctx.config.branch,
          definitionsDir: ctx.config.paths.definitions,
          journal,
          runbookId,
          params,
          targets: opts.target,
          initiator: await cliInitiator(ctx),
          trigger: "manual",
          access: "when-roles",
          allowUnreleased: opts.allowUnreleased === true,
          signal: stop.signal,
          now: ctx.now,
          env: ctx.env,
          onProgress: (m) => ctx.out.info(m),
          onOutput: (step, target, line) => ctx.out.info(`[${step}${target ? `@${target}` : ""}] ${line}`)
        });
        ctx.out.info(
          `${started.record.id}: running runbook ${runbookId} at ${started.record.pinned_commit?.slice(0, 12)}`
        );
        const final = await started.done;
        printRun(ctx, final, (u) => journal.resolveUser(u));
        return final.status === "succeeded" ? 0 : 1;
      } finally {
        stop.dispose();
        await journal.close();
      }
    })
  );
  runbook.command("confirm").description("confirm (or --reject) the manual step a runbook run is waiting for").argument("<run>", "the runbook run id").argument("<step>", "the step id").option("--reject", "reject the step instead: the run ends cancelled").option("--reason <text>", "why (recorded)").action(
    app.action(async (ctx, runId, stepId, opts) => {
      const journal = await openCliJournal(ctx);
      try {
        const history = await openCliHistory(ctx);
        const record = await decideStep({
          journal,
          history,
          runId,
          stepId,
          user: (await cliInitiator(ctx)).user,
          decision: opts.reject ? "reject" : "confirm",
          access: "when-roles",
          now: ctx.now,
          ...opts.reason ? { reason: opts.reason } : {}
        });
        printRun(ctx, record, (u) => journal.resolveUser(u));
        return 0;
      } finally {
        await journal.close();
      }
    })
  );
  runbook.command("cancel").description("cancel a running or waiting runbook run (its recorder stops the running step's processes)").argument("<run>", "the runbook run id").action(
    app.action(async (ctx, runId) => {
      const journal = await openCliJournal(ctx);
      try {
        const record = await requestCancel({
          journal,
          runId,
          user: (await cliInitiator(ctx)).user,
          now: ctx.now
        });
        ctx.out.info(
          `${runId}: cancel requested; its recorder stops the running step and records the run cancelled`
        );
        printRun(ctx, record, (u) => journal.resolveUser(u));
        return 0;
      } finally {
        await journal.close();
      }
    })
  );
};
function printRun(ctx, record, resolveUser) {
  if (ctx.json) ctx.out.json(presentRunbookRun(record, resolveUser));
  else ctx.out.line(renderRunbookRun(record, resolveUser));
}
function presentRunbookRun(record, resolveUser) {
  const shown = presentExecution(record, resolveUser);
  return {
    ...shown,
    ...record.steps ? {
      steps: record.steps.map(
        (s) => s.decided_by ? { ...s, decided_by: { ...s.decided_by, user: resolveUser(s.decided_by.user) } } : s
      )
    } : {},
    ...record.cancel_requested ? { cancel_requested: { ...record.cancel_requested, user: resolveUser(record.cancel_requested.user) } } : {}
  };
}
export {
  presentRunbookRun,
  renderRunbookRun,
  runbookCommand
};
