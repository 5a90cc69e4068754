import {
  closeAbandonedFromCli
} from "./chunk-AIGKA5PK.js";
import {
  hasDeadLeases
} from "./chunk-A3DXYWG7.js";
import {
  cliAlerts,
  openCliJournal
} from "./chunk-KAHQ322U.js";
import "./chunk-RWZTJTBY.js";
import {
  journalTamperedEvent
} from "./chunk-H6W2RROV.js";
import "./chunk-QOFQ2H35.js";
import "./chunk-J2IP6NA2.js";
import {
  readRewritesOf
} from "./chunk-GVAA424S.js";
import "./chunk-ANG7WQ2Z.js";
import {
  verifyJournal
} from "./chunk-5CHSFZQ4.js";
import {
  ANCHORS_REF
} from "./chunk-RUEHLMU6.js";
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

// src/cli/commands/verify.ts
function renderRewriteLines(log) {
  const lines = [];
  if (log.records.length > 0) {
    lines.push(
      `history: ${log.records.length} rewrite(s) of the tracked branch recorded (not a journal problem; opsledger audit --rewrites):`
    );
  }
  for (const r of log.records) {
    lines.push(
      `  ${r.detected_at}  ${r.branch}  ${r.old_head.slice(0, 12)} -> ${r.new_head.slice(0, 12)}  ${r.events_lost} event(s) lost`
    );
  }
  for (const line of log.damaged) {
    lines.push(`  history/rewrites.jsonl:${line}  damaged  not a readable history_rewritten record`);
  }
  return lines;
}
function renderVerifyReport(report) {
  const lines = [];
  const head = report.head ? `head seq ${report.head.seq} ${report.head.hash.slice(0, 16)}\u2026` : "empty";
  lines.push(
    report.ok ? `journal OK: ${report.records} records, ${head}, ${report.anchors_checked} anchor(s) checked` : `journal NOT OK: ${report.problems.length} problem(s) in ${report.records} records (${head})`
  );
  for (const p of report.problems) {
    lines.push(`  ${p.segment}${p.line === null ? "" : `:${p.line}`}  ${p.kind}  ${p.message}`);
  }
  for (const g of report.gaps) {
    lines.push(
      `  gap: records up to seq ${g.through_seq} purged ${g.purged_at} (${g.reason}), checkpoint ${g.checkpoint_hash.slice(0, 16)}\u2026`
    );
  }
  for (const q of report.quarantined)
    lines.push(`  quarantined torn line (not part of the chain): executions/${q}`);
  return lines.join("\n");
}
var verifyCommand = (program, app) => {
  program.command("verify").description(
    "check the execution journal: hash chain, retention checkpoints and git anchors (exit 1 on problems)"
  ).option("--anchors-ref <ref>", "the git ref holding the anchors", ANCHORS_REF).addHelpText(
    "after",
    `
Examples:
  $ opsledger verify                 # exit 0 when whole, 1 with each problem's segment and line
  $ opsledger verify --json          # { ok, records, head, problems[], gaps[], anchors_checked, quarantined[],
                                     #   history_rewrites[], history_rewrites_damaged[] }

Rewrites of the tracked branch (force-pushes) that history recorded are listed; they do not change the exit code.
A damaged line of <data-dir>/history/rewrites.jsonl does (exit 1).`
  ).action(
    app.action(async (ctx, opts) => {
      if (hasDeadLeases(ctx.dataDir)) {
        try {
          const journal = await openCliJournal(ctx);
          try {
            await closeAbandonedFromCli(ctx, journal, "verify");
          } finally {
            await journal.close();
          }
        } catch (err) {
          ctx.out.info(`warning: cannot close the runs of dead recorders now: ${err.message}`);
        }
      }
      const report = await verifyJournal({
        dataDir: ctx.dataDir,
        repo: ctx.repo,
        anchorsRef: opts.anchorsRef
      });
      const rewrites = readRewritesOf(ctx.dataDir);
      if (!report.ok) await cliAlerts(ctx).emitter.emit([journalTamperedEvent(report, ctx.now())]);
      if (ctx.json) {
        ctx.out.json({
          ...report,
          history_rewrites: rewrites.records.map(({ events: _events, ...summary }) => summary),
          history_rewrites_damaged: rewrites.damaged
        });
      } else {
        ctx.out.line([renderVerifyReport(report), ...renderRewriteLines(rewrites)].join("\n"));
      }
      return report.ok && rewrites.damaged.length === 0 ? 0 : 1;
    })
  );
};
export {
  renderRewriteLines,
  renderVerifyReport,
  verifyCommand
};
