import {
  listSchedules
} from "./chunk-5FT4QVOP.js";
import "./chunk-KDZZZ2EN.js";
import {
  openCliHistory,
  readHistory
} from "./chunk-VVEUEYGN.js";
import "./chunk-OWUAENRR.js";
import "./chunk-XYJU7AQX.js";
import "./chunk-GVAA424S.js";
import "./chunk-ZV5OUC6N.js";
import {
  renderTable
} from "./chunk-ANG7WQ2Z.js";
import "./chunk-QT6CJFXI.js";
import "./chunk-P4CNIMT5.js";
import "./chunk-WFF4A6QU.js";
import {
  OpsledgerError
} from "./chunk-VDHVSJ3T.js";
import "./chunk-E57XOVAZ.js";
import "./chunk-W3QUCTQE.js";

// src/cli/commands/schedules.ts
var EXAMPLES = `
Examples:
  $ opsledger schedules                 # every scheduled action and runbook on the tracked branch, next 3 fire times
  $ opsledger schedules --count 10 --json`;
var schedulesCommand = (program, app) => {
  program.command("schedules").description("list the scheduled actions and runbooks of the tracked branch with their next fire times").option("--count <n>", "how many next fire times to show (1-100)", "3").addHelpText("after", EXAMPLES).action(
    app.action(async (ctx, opts) => {
      const count = Number(opts.count);
      if (!Number.isInteger(count) || count < 1 || count > 100) {
        throw new OpsledgerError("USAGE", `--count ${opts.count}: expected a whole number from 1 to 100`);
      }
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
