function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  pageOutput
} from "./chunk-NGNB7J4T.js";
import {
  renderAuditTable
} from "./chunk-3CNWZIND.js";
import {
  allowShallowOption,
  openCliHistory,
  readHistory
} from "./chunk-M26VXUHN.js";
import {
  auditQuery,
  matchesInvalid,
  matchesQuery
} from "./chunk-EQIGQF32.js";
import "./chunk-AH7MIAEX.js";
import "./chunk-APAI45OA.js";
import "./chunk-FBEO4PPA.js";
import "./chunk-O7JP4MY6.js";
import {
  Option
} from "./chunk-H5P7JABC.js";
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
import {
  AUDITABLE_TYPES
} from "./chunk-6O2CUPPL.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

// src/cli/render-rewrites.ts
function selectRewrites(records, query) {
  const filtered = Object.values(query).some((v) => v !== void 0);
  if (!filtered) return [...records];
  return records.map((r) => {
    const events = r.events.filter((e) => matchesQuery(e, query));
    return { ...r, events, events_lost: events.length };
  }).filter((r) => r.events.length > 0);
}
function renderRewriteNotice(r) {
  const lost = `${r.events_lost} event${r.events_lost === 1 ? "" : "s"}`;
  return `notice: the history of ${r.branch} was rewritten (detected ${r.detected_at}): head ${r.old_head.slice(0, 12)} was replaced by ${r.new_head.slice(0, 12)} and ${lost} left the branch; see \`opsledger audit --rewrites\``;
}
function renderRewrites(records) {
  if (records.length === 0) return "no rewrites of the tracked branch recorded";
  return records.map((r) => {
    const head = `rewrite of ${r.branch} detected ${r.detected_at}: ${r.old_head} -> ${r.new_head}, ${r.events_lost} event(s) lost${r.complete ? "" : " (the old index was partly unreadable: maybe more)"}`;
    return r.events.length > 0 ? `${head}
${renderAuditTable(r.events)}` : head;
  }).join("\n\n");
}

// src/cli/commands/audit.ts
var EXAMPLES = `
Examples:
  $ opsledger audit                                   # every change of every definition, oldest first
  $ opsledger audit --type Runbook::Step --since 2026-01-01
  $ opsledger audit --user alice@example.com --json   # events plus {"action":"invalid"} entries
  $ opsledger audit --json --no-include-invalid       # events only
  $ opsledger audit --rewrites --json                 # force-pushes seen, with the events they took

Invalid files (a commit whose definition did not parse or validate) are listed by default, as
{"action": "invalid", ...} entries with their findings; they never count as a version.
When the tracked branch was rewritten (force-push), a notice line names each rewrite (on stderr with --json, whose
array stays events only); --rewrites lists the records with the events that left the branch.`;
function checkDate(name, value) {
  if (value !== void 0 && Number.isNaN(Date.parse(value))) {
    throw new OpsledgerError("USAGE", `--${name} "${value}" is not an ISO 8601 date`, {
      hint: "Use e.g. 2026-01-31 or 2026-01-31T12:00:00Z."
    });
  }
}
var auditCommand = (program, app) => {
  program.command("audit").description("every change of every definition, oldest first, with filters").addOption(new Option("--type <type>", "only this auditable type").choices(AUDITABLE_TYPES)).option("--id <id>", "only this id (a runbook id also matches its steps)").option("--user <email>", "only changes attributed to this email").option("--since <iso>", "only changes at or after this time").option("--until <iso>", "only changes at or before this time").option("--include-invalid", "list invalid definition files too (default)", true).option("--no-include-invalid", "list audit events only").option("--rewrites", "list the recorded rewrites of the branch (force-pushes) and the events they took").addOption(allowShallowOption(program)).addHelpText("after", EXAMPLES).action(
    app.action(async (ctx, options) => {
      checkDate("since", options.since);
      checkDate("until", options.until);
      const query = auditQuery(options);
      const index = await openCliHistory(ctx, options);
      const rewrites = selectRewrites(index.rewrites(), query);
      if (options.rewrites) {
        if (ctx.json) ctx.out.json(rewrites);
        else ctx.out.line(renderRewrites(rewrites));
        return 0;
      }
      const { events, invalid } = await readHistory(index, () => ({
        events: index.events(query),
        invalid: options.includeInvalid ? index.invalid().filter((e) => matchesInvalid(e, query)) : []
      }));
      const entries = invalid.length === 0 ? events : mergeByCommit(events, invalid, index.commits());
      const notices = rewrites.map(renderRewriteNotice);
      if (ctx.json) {
        notices.forEach((n) => ctx.out.info(n));
        ctx.out.json(entries);
      } else {
        await pageOutput(ctx, [...notices, renderAuditTable(entries)].join("\n"));
      }
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
