function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  listSchedules
} from "./chunk-OVDCA5NS.js";
import {
  parseWholeNumber
} from "./chunk-74AA2PN5.js";
import "./chunk-YW6NSWKR.js";
import {
  openCliHistory,
  readHistory
} from "./chunk-M26VXUHN.js";
import "./chunk-EQIGQF32.js";
import "./chunk-AH7MIAEX.js";
import "./chunk-APAI45OA.js";
import "./chunk-FBEO4PPA.js";
import "./chunk-O7JP4MY6.js";
import {
  renderTable
} from "./chunk-62XZGVG2.js";
import "./chunk-LLA3MDQI.js";
import "./chunk-AYTYQZ6H.js";
import "./chunk-VR7KHDFB.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-75FD6FCD.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-SMWZYUQH.js";
import "./chunk-6O2CUPPL.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

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
