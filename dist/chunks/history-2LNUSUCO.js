function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  renderHistoryTable
} from "./chunk-3CNWZIND.js";
import {
  idSpecOf,
  notFound,
  openCliHistory,
  readHistory,
  resolveKind,
  withHistoryOptions
} from "./chunk-M26VXUHN.js";
import "./chunk-EQIGQF32.js";
import "./chunk-AH7MIAEX.js";
import "./chunk-APAI45OA.js";
import "./chunk-FBEO4PPA.js";
import "./chunk-O7JP4MY6.js";
import "./chunk-62XZGVG2.js";
import "./chunk-LLA3MDQI.js";
import "./chunk-AYTYQZ6H.js";
import "./chunk-VR7KHDFB.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import "./chunk-75FD6FCD.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-SMWZYUQH.js";
import "./chunk-6O2CUPPL.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

// src/cli/commands/history.ts
var EXAMPLES = `
Examples:
  $ opsledger history http-health-check      # every change, one line per changed field
  $ opsledger history web-incident-response  # a runbook, with its steps' changes
  $ opsledger history web-incident-response/restart-web   # one step of a runbook
  $ opsledger history http-health-check --json # the audit events (docs/history.md), oldest first
  $ opsledger history runbook:web-incident-response   # name the kind of an id more than one kind uses (or --kind)
  $ opsledger history http-health-check --allow-shallow  # a shallow clone: a partial history`;
async function runHistory(ctx, text, options) {
  const { id, kind } = idSpecOf(text, options);
  const index = await openCliHistory(ctx, options);
  const events = await readHistory(
    index,
    () => index.history(id, id.includes("/") ? kind : resolveKind(index, id, kind))
  );
  if (events.length === 0) {
    const base = id.includes("/") ? id.split("/")[0] : id;
    const err = notFound(index, base, kind);
    if (id.includes("/") && index.kindsOf(base).includes("runbook")) {
      throw new OpsledgerError("DEFINITION_NOT_FOUND", `runbook ${base} has no step "${id.split("/")[1]}"`, {
        hint: `See its steps with \`opsledger history ${base}\`.`
      });
    }
    throw err;
  }
  if (ctx.json) ctx.out.json(events);
  else ctx.out.line(renderHistoryTable(events));
  return 0;
}
var historyCommand = (program, app) => {
  withHistoryOptions(
    program.command("history").description("field-level change history of one definition, from git (who, when, which PR, what)").argument("<id>", "an action, runbook or role id (or KIND:ID), or RUNBOOK/STEP"),
    program
  ).addHelpText("after", EXAMPLES).action(app.action(runHistory));
};
export {
  historyCommand,
  runHistory
};
