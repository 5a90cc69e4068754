function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  decideStep,
  requestCancel,
  startRunbookRun
} from "./chunk-R2CPZUNF.js";
import "./chunk-AJCYBEG2.js";
import {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  warnIfDataDirTracked
} from "./chunk-ITEEYOY3.js";
import "./chunk-ZCIQJW2G.js";
import "./chunk-4UPVGKS6.js";
import {
  closeAbandonedFromCli,
  refuseLocalRecording
} from "./chunk-E3DGQFJ3.js";
import "./chunk-GQPEUOIP.js";
import {
  openCliJournal,
  withCliJournal
} from "./chunk-U7Z7WOUO.js";
import "./chunk-RLKZC5XG.js";
import "./chunk-RLKHWNUI.js";
import {
  formatDuration,
  presentExecution
} from "./chunk-WF6R5N3W.js";
import "./chunk-P6F2AC6G.js";
import "./chunk-JZ4A4MHT.js";
import "./chunk-FW6C2LA4.js";
import "./chunk-A5UXXCI2.js";
import "./chunk-U6EHMBAM.js";
import "./chunk-PXRWYUTO.js";
import "./chunk-GKUXOMQD.js";
import "./chunk-NR2XG3EO.js";
import "./chunk-PEN3FHEJ.js";
import {
  openCliHistory
} from "./chunk-M26VXUHN.js";
import "./chunk-EQIGQF32.js";
import "./chunk-AH7MIAEX.js";
import "./chunk-APAI45OA.js";
import "./chunk-FBEO4PPA.js";
import "./chunk-O7JP4MY6.js";
import "./chunk-HGX4R2HL.js";
import "./chunk-J2KV253P.js";
import {
  renderTable
} from "./chunk-62XZGVG2.js";
import "./chunk-LLA3MDQI.js";
import "./chunk-GB75QTYU.js";
import "./chunk-AYTYQZ6H.js";
import "./chunk-OGEFOTHU.js";
import "./chunk-7EE6QVFP.js";
import "./chunk-44J7CKGR.js";
import "./chunk-G56DPNIV.js";
import "./chunk-Q34KY2EY.js";
import "./chunk-XLWVCULI.js";
import "./chunk-2TXRGXLB.js";
import "./chunk-VR7KHDFB.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-75FD6FCD.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-J7SPUE3Q.js";
import "./chunk-5EEFVU5U.js";
import "./chunk-M2VQNUJS.js";
import "./chunk-SMWZYUQH.js";
import "./chunk-6O2CUPPL.js";
import "./chunk-O64KD3H5.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

// src/cli/render-runbook-run.ts
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

// src/cli/commands/runbook.ts
var EXAMPLES = `
Examples:
  $ opsledger runbook run web-incident-response --param service=nginx
  $ opsledger runbook confirm 01JD8Z3M4K9Q2W6E8R1T5Y7U3I restart      # run the manual step it waits for
  $ opsledger runbook confirm 01JD8Z3M4K9Q2W6E8R1T5Y7U3I restart --reject
  $ opsledger runbook cancel 01JD8Z3M4K9Q2W6E8R1T5Y7U3I

Every step runs the action as the tracked branch was when the run started (docs/runbooks.md).`;
var runbookCommand = (program, app) => {
  const runbook = program.command("runbook").description("run runbooks, confirm their manual steps, cancel them");
  runbook.command("run").description("run a runbook from the tracked branch, every step recorded (exit 0 when it succeeded)").argument("<runbook>", "the runbook id").option("--param <name=value>", "a runbook parameter (repeatable)", collect, []).option("--param-env <name=VAR>", "a runbook parameter read from environment variable VAR", collect, []).option("--target <name>", "targets for steps that name none (repeatable)", collect, []).option("--allow-unreleased", "run although the runbook or an action it calls is not released").addHelpText("after", EXAMPLES).action(
    app.action(async (ctx, runbookId, opts) => {
      const params = parseParams(opts.param, opts.paramEnv, ctx.env);
      await warnIfDataDirTracked(ctx);
      refuseLocalRecording(
        ctx,
        "runbook run",
        "Start the runbook on the service: POST /api/v1/runbooks/{id}/runs."
      );
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
      return withCliJournal(ctx, async (journal) => {
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
      });
    })
  );
  runbook.command("cancel").description("cancel a running or waiting runbook run (its recorder stops the running step's processes)").argument("<run>", "the runbook run id").action(
    app.action(async (ctx, runId) => {
      return withCliJournal(ctx, async (journal) => {
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
      });
    })
  );
};
export {
  runbookCommand
};
