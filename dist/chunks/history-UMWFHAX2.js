import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  renderHistoryTable
} from "./chunk-HD22UMYE.js";
import {
  allowShallowOption,
  idSpecOf,
  kindOption,
  notFound,
  openCliHistory,
  readHistory,
  resolveKind,
  typeOption
} from "./chunk-56R7CRK2.js";
import "./chunk-7PGBFK6Q.js";
import "./chunk-PTKPLSRX.js";
import "./chunk-MFKQMSZW.js";
import "./chunk-J24Z7EYR.js";
import "./chunk-5KJ5RBNP.js";
import "./chunk-AJLMV2OV.js";
import "./chunk-2XTTSNBM.js";
import "./chunk-LCEW6A7X.js";
import "./chunk-VNBCCT37.js";
import "./chunk-PDKNMFNR.js";
import {
  OpsledgerError
} from "./chunk-ZXXAURYE.js";
import "./chunk-CS6MV332.js";
import "./chunk-TSVG2TPW.js";
import "./chunk-5HJ3J6EK.js";

// src/cli/commands/history.ts
var EXAMPLES = `
Examples:
  $ opsledger history http-health-check      # every change, one line per changed field
  $ opsledger history web-incident-response  # a runbook, with its steps' changes
  $ opsledger history web-incident-response/restart-web   # one step of a runbook
  $ opsledger history http-health-check --json # the audit events (docs/history.md), oldest first
  $ opsledger history runbook:web-incident-response   # name the kind of an id more than one kind uses (or --kind)
  $ opsledger history http-health-check --allow-shallow  # a shallow clone: a partial history`;
var historyCommand = (program, app) => {
  program.command("history").description("field-level change history of one definition, from git (who, when, which PR, what)").argument("<id>", "an action, runbook or role id (or KIND:ID), or RUNBOOK/STEP").addOption(kindOption()).addOption(typeOption()).addOption(allowShallowOption()).addHelpText("after", EXAMPLES).action(
    app.action(async (ctx, text, options) => {
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
          throw new OpsledgerError(
            "DEFINITION_NOT_FOUND",
            `runbook ${base} has no step "${id.split("/")[1]}"`,
            {
              hint: `See its steps with \`opsledger history ${base}\`.`
            }
          );
        }
        throw err;
      }
      if (ctx.json) ctx.out.json(events);
      else ctx.out.line(renderHistoryTable(events));
      return 0;
    })
  );
};
export {
  historyCommand
};
