import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  verifyRemote
} from "./chunk-VNROJC4G.js";
import {
  addServerOption,
  closeAbandonedFromCli,
  serviceFor
} from "./chunk-MHOBJDIL.js";
import {
  hasDeadLeases
} from "./chunk-CUM5KHNC.js";
import {
  cliAlerts,
  openCliJournal
} from "./chunk-X5YL2E2J.js";
import "./chunk-R6S2JVID.js";
import "./chunk-SXL2IPYL.js";
import "./chunk-Q224RAXR.js";
import {
  cliJournalTarget
} from "./chunk-B25MYGMP.js";
import "./chunk-YRIWYKLM.js";
import "./chunk-AIW22BDI.js";
import {
  readRewritesOf
} from "./chunk-MFKQMSZW.js";
import {
  journalTamperedEvent
} from "./chunk-AZB76AIK.js";
import "./chunk-AJLMV2OV.js";
import {
  verifyJournal
} from "./chunk-CUP3AIK3.js";
import "./chunk-ZYTS3B2F.js";
import {
  ANCHORS_REF
} from "./chunk-ZADHN2UJ.js";
import "./chunk-GJDZF65N.js";
import "./chunk-LCEW6A7X.js";
import "./chunk-BX7OU6HI.js";
import "./chunk-GWVAJS6C.js";
import "./chunk-WZDA3NE5.js";
import "./chunk-VNBCCT37.js";
import "./chunk-V677AJUR.js";
import "./chunk-ALQRSEFI.js";
import "./chunk-5BWQL3O2.js";
import "./chunk-PDKNMFNR.js";
import "./chunk-ZXXAURYE.js";
import "./chunk-CS6MV332.js";
import "./chunk-TSVG2TPW.js";
import "./chunk-5HJ3J6EK.js";

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
      const report = target.backend === "postgres" ? await (await import("./verify-postgres-LEZUZGAF.js")).verifyPostgres({ url: target.url, repo: ctx.repo, anchorsRef: opts.anchorsRef }) : await verifyJournal({ dataDir: ctx.dataDir, repo: ctx.repo, anchorsRef: opts.anchorsRef });
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
