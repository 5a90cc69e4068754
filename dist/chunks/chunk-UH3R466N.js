function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  flushFromCli
} from "./chunk-E3DGQFJ3.js";
import {
  formatDuration
} from "./chunk-WF6R5N3W.js";
import {
  pageOutput
} from "./chunk-NGNB7J4T.js";
import {
  renderTable
} from "./chunk-62XZGVG2.js";

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
  if (r.late_end) {
    const l = r.late_end;
    header.push([
      "late end",
      `${l.status}${l.exit_code === null ? "" : ` (exit ${l.exit_code})`} at ${time(l.finished_at)}, delivered ${time(l.delivered_at)}`
    ]);
  }
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

// src/cli/remote-reads.ts
function pseudonymized(r) {
  const { pseudonym, ...initiator } = r.initiator;
  return { ...r, initiator: { ...initiator, user: pseudonym ?? initiator.user } };
}
async function showRemoteExecutions(ctx, client, id, query, pseudonymize, renderList) {
  await flushFromCli(ctx, client);
  const shown = (r) => pseudonymize ? pseudonymized(r) : r;
  if (id !== void 0) {
    const one = await client.request(
      "GET",
      `/api/v1/executions/${encodeURIComponent(id)}`
    );
    if (ctx.json) ctx.out.json([shown(one.body)]);
    else await pageOutput(ctx, renderExecution([shown(one.body)]));
    return 0;
  }
  const found = [];
  let cursor = null;
  do {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (k !== "limit" && typeof v === "string") params.set(k, v);
    params.set("limit", String(Math.min(500, query.limit - found.length)));
    if (cursor) params.set("cursor", cursor);
    const page = await client.request(
      "GET",
      `/api/v1/executions?${params.toString()}`
    );
    found.push(...page.body.data.map(shown));
    cursor = page.body.next_cursor;
  } while (cursor !== null && found.length < query.limit);
  if (ctx.json) ctx.out.json(found);
  else if (found.length === 0) ctx.out.info("no executions match");
  else
    await pageOutput(
      ctx,
      renderList(found, (s) => s)
    );
  return 0;
}
async function verifyRemote(ctx, client, render) {
  await flushFromCli(ctx, client);
  const { body: report } = await client.request(
    "GET",
    "/api/v1/journal/verify"
  );
  if (ctx.json) ctx.out.json({ ...report, server: client.url });
  else ctx.out.line(`${client.url}
${render(report)}`);
  return report.ok ? 0 : 1;
}

export {
  renderExecution,
  showRemoteExecutions,
  verifyRemote
};
