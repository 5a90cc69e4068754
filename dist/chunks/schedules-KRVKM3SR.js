import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  listSchedules
} from "./chunk-WFKPXLKT.js";
import {
  parseWholeNumber
} from "./chunk-7GMZE6TH.js";
import "./chunk-ZVFQGLJJ.js";
import {
  openCliHistory,
  readHistory
} from "./chunk-56R7CRK2.js";
import "./chunk-7PGBFK6Q.js";
import "./chunk-PTKPLSRX.js";
import "./chunk-MFKQMSZW.js";
import "./chunk-J24Z7EYR.js";
import "./chunk-5KJ5RBNP.js";
import {
  renderTable
} from "./chunk-AJLMV2OV.js";
import "./chunk-2XTTSNBM.js";
import "./chunk-LCEW6A7X.js";
import "./chunk-VNBCCT37.js";
import "./chunk-PDKNMFNR.js";
import "./chunk-ZXXAURYE.js";
import "./chunk-CS6MV332.js";
import "./chunk-TSVG2TPW.js";
import "./chunk-5HJ3J6EK.js";

// src/cli/commands/schedules.ts
var EXAMPLES = `
Examples:
  $ opsledger schedules                 # every scheduled action and runbook on the tracked branch, next 3 fire times
  $ opsledger schedules --count 10 --json`;
var schedulesCommand = (program, app) => {
  program.command("schedules").description("list the scheduled actions and runbooks of the tracked branch with their next fire times").option("--count <n>", "how many next fire times to show (1-100)", "3").addHelpText("after", EXAMPLES).action(
    app.action(async (ctx, opts) => {
      const count = parseWholeNumber("--count", opts.count, {
        min: 1,
        max: 100,
        code: "USAGE",
        expected: "a whole number from 1 to 100"
      });
      const index = await openCliHistory(ctx);
      await index.refresh();
      const tip = index.tip();
      const entries = await readHistory(
        index,
        () => tip === null ? [] : listSchedules(
          [...index.definitionsAt("action", tip), ...index.definitionsAt("runbook", tip)],
          ctx.now(),
          count
        )
      );
      if (ctx.json) {
        ctx.out.json(entries);
        return 0;
      }
      if (entries.length === 0) {
        ctx.out.line("no action or runbook on the tracked branch has a schedule");
        return 0;
      }
      const rows = entries.map((e) => [
        e.kind,
        e.id,
        e.schedule.cron,
        e.schedule.timezone,
        `${e.catch_up}/${e.overlap}`,
        e.problem ? `invalid: ${e.problem}` : e.next.join("  ")
      ]);
      ctx.out.line(
        renderTable([["KIND", "ID", "CRON", "ZONE", "CATCH_UP/OVERLAP", "NEXT (UTC)"], ...rows])
      );
      return entries.some((e) => e.problem) ? 1 : 0;
    })
  );
};
export {
  schedulesCommand
};
