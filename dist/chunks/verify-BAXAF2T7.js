import {
  closeAbandonedFromCli
} from "./chunk-L6EXZ2L7.js";
import {
  hasDeadLeases
} from "./chunk-CSV43MNF.js";
import {
  openCliJournal
} from "./chunk-SDCSLAHB.js";
import "./chunk-3VGSKYEF.js";
import "./chunk-ZPDRYPGO.js";
import {
  verifyJournal
} from "./chunk-U642Q7DY.js";
import {
  ANCHORS_REF
} from "./chunk-FVVWKDLO.js";
import "./chunk-EVEO6ROG.js";
import "./chunk-WUE3J4Q4.js";
import "./chunk-BF4DZCEO.js";
import "./chunk-7NEPKNOP.js";
import "./chunk-6H6KQRZZ.js";
import "./chunk-PKKLGIFI.js";
import "./chunk-WU5ATW4C.js";

// src/cli/commands/verify.ts
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
  $ opsledger verify --json          # { ok, records, head, problems[], gaps[], anchors_checked, quarantined[] }`
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
      if (ctx.json) ctx.out.json(report);
      else ctx.out.line(renderVerifyReport(report));
      return report.ok ? 0 : 1;
    })
  );
};
export {
  renderVerifyReport,
  verifyCommand
};
