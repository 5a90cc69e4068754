import {
  openCliHistory,
  readHistory,
  renderAuditTable
} from "./chunk-5Q4MXW7R.js";
import {
  matchesQuery
} from "./chunk-4OBJOMBV.js";
import "./chunk-IIOGQGVS.js";
import "./chunk-EZB2VO3F.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-7NEPKNOP.js";
import "./chunk-PKKLGIFI.js";
import {
  OpsledgerError
} from "./chunk-WU5ATW4C.js";

// src/cli/commands/audit.ts
import { Option } from "commander";
var EXAMPLES = `
Examples:
  $ opsledger audit                                   # every change of every definition, oldest first
  $ opsledger audit --type Runbook::Step --since 2026-01-01
  $ opsledger audit --user alice@example.com --json   # events plus {"action":"invalid"} entries
  $ opsledger audit --json --no-include-invalid       # events only

Invalid files (a commit whose definition did not parse or validate) are listed by default, as
{"action": "invalid", ...} entries with their findings; they never count as a version.`;
function checkDate(name, value) {
  if (value !== void 0 && Number.isNaN(Date.parse(value))) {
    throw new OpsledgerError("USAGE", `--${name} "${value}" is not an ISO 8601 date`, {
      hint: "Use e.g. 2026-01-31 or 2026-01-31T12:00:00Z."
    });
  }
}
function invalidMatches(entry, query) {
  const asEvent = { ...entry, auditable_id: entry.auditable_id ?? "" };
  return matchesQuery(asEvent, query);
}
var auditCommand = (program, app) => {
  program.command("audit").description("every change of every definition, oldest first, with filters").addOption(
    new Option("--type <type>", "only this auditable type").choices([
      "Action",
      "Runbook",
      "Runbook::Step",
      "Role"
    ])
  ).option("--id <id>", "only this id (a runbook id also matches its steps)").option("--user <email>", "only changes attributed to this email").option("--since <iso>", "only changes at or after this time").option("--until <iso>", "only changes at or before this time").option("--include-invalid", "list invalid definition files too (default)", true).option("--no-include-invalid", "list audit events only").addHelpText("after", EXAMPLES).action(
    app.action(async (ctx, options) => {
      checkDate("since", options.since);
      checkDate("until", options.until);
      const query = {};
      if (options.type) query.type = options.type;
      if (options.id) query.id = options.id;
      if (options.user) query.user = options.user;
      if (options.since) query.since = options.since;
      if (options.until) query.until = options.until;
      const index = await openCliHistory(ctx);
      const { events, invalid } = await readHistory(index, () => ({
        events: index.events(query),
        invalid: options.includeInvalid ? index.invalid().filter((e) => invalidMatches(e, query)) : []
      }));
      const entries = invalid.length === 0 ? events : mergeByCommit(events, invalid, index.commits());
      if (ctx.json) ctx.out.json(entries);
      else ctx.out.line(renderAuditTable(entries));
      return 0;
    })
  );
};
function mergeByCommit(events, invalid, commits) {
  const order = new Map(commits.map((c, i) => [c.sha, i]));
  const tagged = [
    ...events.map((e, i) => ({ e, at: order.get(e.commit) ?? 0, sub: 0, i })),
    ...invalid.map((e, i) => ({
      e,
      at: order.get(e.commit) ?? 0,
      sub: 1,
      i
    }))
  ];
  return tagged.sort((a, b) => a.at - b.at || a.sub - b.sub || a.i - b.i).map((t) => t.e);
}
export {
  auditCommand
};
