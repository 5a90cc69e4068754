function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  executionFilters
} from "./chunk-YD5WQ6BD.js";
import {
  renderExecution,
  showRemoteExecutions
} from "./chunk-UH3R466N.js";
import {
  parseIsoOption,
  parseWholeNumber
} from "./chunk-74AA2PN5.js";
import {
  addServerOption,
  serviceFor
} from "./chunk-E3DGQFJ3.js";
import "./chunk-GQPEUOIP.js";
import {
  cliAlerts,
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
import {
  pageOutput
} from "./chunk-NGNB7J4T.js";
import "./chunk-NR2XG3EO.js";
import {
  Option
} from "./chunk-H5P7JABC.js";
import "./chunk-J2KV253P.js";
import {
  renderTable
} from "./chunk-62XZGVG2.js";
import "./chunk-OGEFOTHU.js";
import "./chunk-7EE6QVFP.js";
import "./chunk-44J7CKGR.js";
import {
  EXECUTION_STATUSES,
  TRIGGERS
} from "./chunk-G56DPNIV.js";
import "./chunk-Q34KY2EY.js";
import "./chunk-XLWVCULI.js";
import "./chunk-2TXRGXLB.js";
import "./chunk-VR7KHDFB.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import "./chunk-75FD6FCD.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-6O2CUPPL.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

// src/cli/commands/executions.ts
function renderExecutions(records, resolveUser) {
  const rows = records.map((r) => [
    r.started_at.slice(0, 19).replace("T", " "),
    r.id,
    r.action_id,
    r.status + (r.definition.dirty ? " (dirty)" : ""),
    resolveUser(r.initiator.user),
    r.targets.join(",") || "-",
    formatDuration(r.duration_ms)
  ]);
  return renderTable([["STARTED (UTC)", "ID", "ACTION", "STATUS", "USER", "TARGETS", "DURATION"], ...rows]);
}
var EXAMPLES = `
Examples:
  $ opsledger executions                                  # the latest 100 runs
  $ opsledger executions --action restart-service --status failed --since 2026-01-01
  $ opsledger executions --user alice@example.com --limit 20 --json
  $ opsledger --data-dir demo-data executions 01M80SZSY9G05QFNEPFQ84P7K9          # one run of the demo: who, what, per target, output
  $ opsledger --data-dir demo-data executions 01M80SZSY9G05QFNEPFQ84P7K9 --json   # its records (start, end): one JSON array

Long output goes through $PAGER (default "less -FRX") on a terminal; --no-pager prints it as is.`;
var executionsCommand = (program, app) => {
  const command = program.command("executions").description("list recorded runs from the execution journal, newest first (latest state of each)").argument("[id]", "one execution: what ran, who, when, with which parameters, per target, output tails").option("--action <id>", "only runs of this action").option("--user <email>", "only runs started by this user (an email, or a stored pseudonym)").addOption(
    new Option("--status <status>", "only runs whose latest state is this").choices([
      ...EXECUTION_STATUSES
    ])
  ).option("--target <name>", "only runs on this target").addOption(new Option("--trigger <trigger>", "only runs started this way").choices([...TRIGGERS])).option("--since <iso>", "only runs started at or after this time").option("--until <iso>", "only runs started at or before this time (a bare date: the end of that day)").option("--limit <n>", "at most this many runs", "100").option("--pseudonymize", "show users as the stored pseudonyms (for sharing a report)");
  addServerOption(command, "read the runs from").addHelpText("after", EXAMPLES).action(
    app.action(async (ctx, id, opts) => {
      const limit = parseWholeNumber("--limit", opts.limit, {
        min: 1,
        code: "INPUT_INVALID",
        expected: "a positive whole number"
      });
      const since = parseIsoOption("--since", opts.since);
      const until = parseIsoOption("--until", opts.until, true);
      const query = {
        ...executionFilters({ ...opts, since, until }),
        limit
      };
      const client = serviceFor(ctx, opts);
      if (client) {
        return showRemoteExecutions(ctx, client, id, query, opts.pseudonymize === true, renderExecutions);
      }
      return withCliJournal(ctx, async (journal) => {
        const show = (r) => presentExecution(r, (s) => journal.resolveUser(s), opts.pseudonymize);
        const resolve = opts.pseudonymize ? (s) => s : (s) => journal.resolveUser(s);
        if (id !== void 0) {
          const records = await journal.records(id);
          if (records.length === 0)
            throw new OpsledgerError("NOT_FOUND", `no execution "${id}" in the journal`);
          if (ctx.json) ctx.out.json(records.map(show));
          else await pageOutput(ctx, renderExecution(records.map(show)));
          return 0;
        }
        const found = await journal.query(query);
        if (ctx.json) ctx.out.json(found.map(show));
        else if (found.length === 0) ctx.out.info("no executions match");
        else await pageOutput(ctx, renderExecutions(found, resolve));
        return 0;
      });
    })
  );
};
export {
  cliAlerts,
  executionsCommand,
  openCliJournal,
  renderExecutions
};
