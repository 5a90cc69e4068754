import {
  alertOnAppend,
  formatDuration,
  openAlerts,
  presentExecution
} from "./chunk-RWZTJTBY.js";
import {
  pageOutput
} from "./chunk-J2IP6NA2.js";
import {
  renderTable
} from "./chunk-ANG7WQ2Z.js";
import {
  STATUS_CODES,
  TRIGGER_CODES,
  openJournal
} from "./chunk-MS7XNQP2.js";
import {
  OpsledgerError
} from "./chunk-VDHVSJ3T.js";

// src/cli/commands/executions.ts
import { Option } from "commander";

// src/cli/render-execution.ts
var TAIL_LINES = 20;
var time = (iso) => iso === null ? "-" : `${iso.replace("T", " ").replace(/Z$/, "")} UTC`;
var short = (sha) => sha === null ? "-" : sha.slice(0, 12);
function showParameter(value) {
  if (typeof value === "object") return "[redacted]";
  return String(value);
}
function renderTail(tail) {
  const lines = tail.replace(/\n$/, "").split("\n");
  const kept = lines.slice(-TAIL_LINES);
  const cut = lines.length - kept.length;
  return [
    ...cut > 0 ? [`    \u2026 ${cut} earlier lines (--json has them)`] : [],
    ...kept.map((l) => `    ${l}`)
  ];
}
function renderExecution(records) {
  const r = records.at(-1);
  if (r === void 0) return "";
  const d = r.definition;
  const who = r.initiator;
  const header = [
    ["execution", r.id],
    ["action", r.action_id],
    [
      "version",
      d.commit === null ? `not committed${d.dirty ? " (dirty work tree)" : ""}` : `v${d.version ?? "?"} (${d.status ?? "no status"}) at commit ${short(d.commit)}, blob ${short(d.blob)}${d.dirty ? ", DIRTY work tree" : ""}`
    ],
    ["definition", d.path ?? "-"],
    ["status", `${r.status}${r.exit_code === null ? "" : ` (exit ${r.exit_code})`}`],
    [
      "initiator",
      `${who.user}${who.os_user || who.host ? ` (${who.os_user ?? "?"}@${who.host ?? "?"})` : ""} via ${who.via}`
    ],
    ["trigger", r.trigger]
  ];
  if (r.runbook) header.push(["runbook", `${r.runbook.id} step ${r.runbook.step} (run ${r.runbook.run_id})`]);
  header.push(
    ["started", time(r.started_at)],
    ["finished", time(r.finished_at)],
    ["duration", formatDuration(r.duration_ms)],
    ["targets", r.targets.join(", ") || "-"]
  );
  const params = Object.entries(r.parameters).sort(([a], [b]) => a.localeCompare(b));
  if (params.length === 0) header.push(["parameters", "-"]);
  params.forEach(
    ([name, value], i) => header.push([i === 0 ? "parameters" : "", `${name}=${showParameter(value)}`])
  );
  if (r.command) header.push(["command", r.command.join(" ")]);
  if (r.error) header.push(["error", r.error]);
  header.push(["records", records.map((x) => `seq ${x.seq} (${x.status})`).join(", ")]);
  const out = [renderTable(header.map(([k, v]) => [k, v]))];
  const results = r.results ?? [];
  if (results.length > 0) {
    out.push(
      "",
      renderTable([
        ["TARGET", "STATUS", "EXIT", "SIGNAL", "DURATION", "TRUNCATED"],
        ...results.map((x) => [
          x.target ?? "(local)",
          x.status,
          x.exit_code === null ? "-" : String(x.exit_code),
          x.signal ?? "-",
          formatDuration(x.duration_ms),
          x.truncated_bytes > 0 ? `${x.truncated_bytes} bytes` : "-"
        ])
      ])
    );
    for (const x of results) {
      for (const [stream, tail] of [
        ["stdout", x.stdout_tail],
        ["stderr", x.stderr_tail]
      ]) {
        if (tail === "") continue;
        out.push("", `${x.target ?? "(local)"} ${stream} (tail):`, ...renderTail(tail));
      }
    }
  }
  return out.join("\n");
}

// src/cli/commands/executions.ts
async function openCliJournal(ctx) {
  const journal = await openJournal({
    dataDir: ctx.dataDir,
    now: ctx.now,
    onWarning: (m) => ctx.out.info(`warning: ${m}`)
  });
  return ctx.config.webhooks.length === 0 ? journal : alertOnAppend(journal, cliAlerts(ctx).emitter, ctx.now);
}
function cliAlerts(ctx) {
  return openAlerts({
    dataDir: ctx.dataDir,
    config: ctx.config,
    now: ctx.now,
    onWarning: (m) => ctx.out.info(`warning: ${m}`)
  });
}
function parseIsoOption(flag, value, endOfDay = false) {
  if (value === void 0) return void 0;
  if (endOfDay && /^\d{4}-\d{2}-\d{2}$/.test(value)) value = `${value}T23:59:59.999Z`;
  const ms = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw new OpsledgerError(
      "INPUT_INVALID",
      `${flag} ${value}: expected an ISO 8601 date, e.g. 2026-01-31 or 2026-01-31T12:00:00Z`
    );
  }
  return new Date(ms).toISOString();
}
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
  program.command("executions").description("list recorded runs from the execution journal, newest first (latest state of each)").argument("[id]", "one execution: what ran, who, when, with which parameters, per target, output tails").option("--action <id>", "only runs of this action").option("--user <email>", "only runs started by this user (an email, or a stored pseudonym)").addOption(
    new Option("--status <status>", "only runs whose latest state is this").choices([...STATUS_CODES])
  ).option("--target <name>", "only runs on this target").addOption(new Option("--trigger <trigger>", "only runs started this way").choices([...TRIGGER_CODES])).option("--since <iso>", "only runs started at or after this time").option("--until <iso>", "only runs started at or before this time (a bare date: the end of that day)").option("--limit <n>", "at most this many runs", "100").option("--pseudonymize", "show users as the stored pseudonyms (for sharing a report)").addHelpText("after", EXAMPLES).action(
    app.action(async (ctx, id, opts) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) {
        throw new OpsledgerError(
          "INPUT_INVALID",
          `--limit ${opts.limit}: expected a positive whole number`
        );
      }
      const journal = await openCliJournal(ctx);
      try {
        const show = (r) => presentExecution(r, (s) => journal.resolveUser(s), opts.pseudonymize);
        const resolve = opts.pseudonymize ? (s) => s : (s) => journal.resolveUser(s);
        if (id !== void 0) {
          const records = journal.records(id);
          if (records.length === 0)
            throw new OpsledgerError("NOT_FOUND", `no execution "${id}" in the journal`);
          if (ctx.json) ctx.out.json(records.map(show));
          else await pageOutput(ctx, renderExecution(records.map(show)));
          return 0;
        }
        const query = { limit };
        if (opts.action) query.action = opts.action;
        if (opts.user) query.user = opts.user;
        if (opts.status) query.status = opts.status;
        if (opts.target) query.target = opts.target;
        if (opts.trigger) query.trigger = opts.trigger;
        const since = parseIsoOption("--since", opts.since);
        const until = parseIsoOption("--until", opts.until, true);
        if (since) query.since = since;
        if (until) query.until = until;
        const found = journal.query(query);
        if (ctx.json) ctx.out.json(found.map(show));
        else if (found.length === 0) ctx.out.info("no executions match");
        else await pageOutput(ctx, renderExecutions(found, resolve));
        return 0;
      } finally {
        await journal.close();
      }
    })
  );
};

export {
  openCliJournal,
  cliAlerts,
  parseIsoOption,
  renderExecutions,
  executionsCommand
};
