function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  verifyRemote
} from "./chunk-UH3R466N.js";
import {
  addServerOption,
  closeAbandonedFromCli,
  serviceFor
} from "./chunk-E3DGQFJ3.js";
import {
  hasDeadLeases
} from "./chunk-GQPEUOIP.js";
import {
  cliAlerts,
  openCliJournal
} from "./chunk-U7Z7WOUO.js";
import "./chunk-RLKZC5XG.js";
import "./chunk-RLKHWNUI.js";
import "./chunk-WF6R5N3W.js";
import {
  cliJournalTarget
} from "./chunk-P6F2AC6G.js";
import "./chunk-JZ4A4MHT.js";
import "./chunk-NGNB7J4T.js";
import "./chunk-NR2XG3EO.js";
import {
  readRewritesOf
} from "./chunk-APAI45OA.js";
import {
  journalTamperedEvent
} from "./chunk-J2KV253P.js";
import "./chunk-62XZGVG2.js";
import {
  verifyJournal
} from "./chunk-O3IUMZ2D.js";
import "./chunk-VRQBZOCG.js";
import {
  ANCHORS_REF
} from "./chunk-GCS3STA7.js";
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
import "./chunk-6O2CUPPL.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

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
  const command = program.command("verify").description(
    "check the execution journal: hash chain, retention checkpoints and git anchors (exit 1 on problems)"
  ).option("--anchors-ref <ref>", "the git ref holding the anchors", ANCHORS_REF);
  addServerOption(command, "verify the journal of").addHelpText(
    "after",
    `
Examples:
  $ opsledger verify                 # exit 0 when whole, 1 with each problem's segment and line
  $ opsledger verify --database-url postgres://opsledger@db.example.com/opsledger   # rows in seq order, problems by seq
  $ opsledger verify --json          # { ok, records, head, problems[], gaps[], anchors_checked, quarantined[],
                                     #   history_rewrites[], history_rewrites_damaged[] }
  $ OPSLEDGER_API_KEY=olk_\u2026 opsledger verify --server https://opsledger.example.com   # the service verifies its journal

Rewrites of the tracked branch (force-pushes) that history recorded are listed; they do not change the exit code.
A damaged line of <data-dir>/history/rewrites.jsonl does (exit 1).`
  ).action(
    app.action(async (ctx, opts) => {
      const client = serviceFor(ctx, opts);
      if (client) return verifyRemote(ctx, client, renderVerifyReport);
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
      const target = cliJournalTarget(ctx);
      const report = target.backend === "postgres" ? await (await import("./verify-postgres-5YHI5LVJ.js")).verifyPostgres({ url: target.url, repo: ctx.repo, anchorsRef: opts.anchorsRef }) : await verifyJournal({ dataDir: ctx.dataDir, repo: ctx.repo, anchorsRef: opts.anchorsRef });
      const rewrites = readRewritesOf(ctx.dataDir);
      if (!report.ok)
        await cliAlerts(ctx).emitter.emit([journalTamperedEvent(report, ctx.now())]).catch((err) => ctx.out.info(`warning: ${err.message}`));
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
