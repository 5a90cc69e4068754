function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  versionOf
} from "./chunk-TXPA3S25.js";
import {
  leafPointers
} from "./chunk-3HNKWDGP.js";
import {
  formatValue,
  shortDate
} from "./chunk-3CNWZIND.js";
import {
  idSpecOf,
  openCliHistory,
  readHistory,
  resolveKind,
  withHistoryOptions
} from "./chunk-M26VXUHN.js";
import "./chunk-EQIGQF32.js";
import "./chunk-AH7MIAEX.js";
import "./chunk-APAI45OA.js";
import "./chunk-FBEO4PPA.js";
import {
  scriptPathOf
} from "./chunk-O7JP4MY6.js";
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

// src/history/blame-definition.ts
function isOrderList(change) {
  const [a, b] = change;
  const strings = (v) => Array.isArray(v) && v.every((x) => typeof x === "string");
  return strings(a) && strings(b);
}
function blameDefinition(events, current, options) {
  const lines = [];
  for (const [pointer, value] of leafPointers(current)) {
    const step = /^\/steps\/([^/]+)(\/.*)?$/.exec(pointer);
    const auditableId = step ? `${options.id}/${step[1]}` : options.id;
    const inner = step ? step[2] ?? "" : pointer;
    const own = events.filter((e) => e.auditable_id === auditableId);
    const lastCreate = own.map((e) => e.action).lastIndexOf("create");
    const candidates = own.slice(Math.max(0, lastCreate));
    let setter;
    for (let i = candidates.length - 1; i >= 0 && !setter; i--) {
      const e = candidates[i];
      if (e.action === "create") setter = e;
      else if (e.action === "update" && setsPointer(e.audited_changes, inner)) setter = e;
    }
    if (!setter) continue;
    const credit = creditFor(setter, inner);
    const event = setter;
    lines.push({
      pointer,
      value,
      version: setter.version,
      auditable_id: setter.auditable_id,
      user: credit ? { name: credit.name, email: credit.email } : setter.user,
      created_at: setter.created_at,
      commit: setter.commit,
      pull_request: setter.pull_request,
      // Read when shown (`--json`): the table prints no event id, and so computes none and loads no node:crypto
      // (README, CLI start-up). An enumerable own property all the same, in its place among the line's keys.
      get event_id() {
        return event.id;
      },
      authored_in: credit?.commit ?? setter.commit,
      approved_by: approvedBy(setter)
    });
  }
  return lines;
}
function approvedBy(event) {
  if (event.approvals === null) return null;
  const current = event.approvals.filter((a) => a.state === "APPROVED" && !a.stale && !a.by_author);
  return [...new Set(current.map((a) => a.email ?? a.reviewer_login))];
}
function creditFor(event, pointer) {
  const credits = event.changed_by;
  if (!credits) return null;
  if (event.action !== "update") return credits[""] ?? null;
  for (const [changed, change] of Object.entries(event.audited_changes)) {
    if (changed === pointer || pointer.startsWith(`${changed}/`) && !isOrderList(change)) {
      return credits[changed] ?? null;
    }
  }
  return null;
}
function setsPointer(changes, pointer) {
  for (const [changed, change] of Object.entries(changes)) {
    if (changed === pointer) return true;
    if (pointer.startsWith(`${changed}/`) && !isOrderList(change)) return true;
  }
  return false;
}

// src/cli/commands/blame.ts
var EXAMPLES = `
Examples:
  $ opsledger blame http-health-check       # who set each field, in which commit and PR, at which version
  $ opsledger blame web-incident-response   # a runbook: step fields come from the steps' own history
  $ opsledger blame http-health-check --json`;
async function runBlame(ctx, text, options) {
  const { id, kind: asked } = idSpecOf(text, options);
  const index = await openCliHistory(ctx, options);
  const lines = await readHistory(index, () => {
    const kind = resolveKind(index, id, asked);
    const current = versionOf(index, kind, id);
    const value = { ...current.value };
    if (kind === "action" && scriptPathOf(value) !== null) {
      const last = index.states(kind, id).at(-1);
      value.script = { ...value.script, file_blob: last?.file_blob ?? null };
    }
    return blameDefinition(index.history(id, kind), value, { id });
  });
  if (ctx.json) {
    ctx.out.json(lines);
    return 0;
  }
  const approvals = lines.some((l) => l.approved_by !== null);
  const rows = [["POINTER", "VALUE", "VERSION", "WHO", "WHEN", "PR", "COMMIT"]];
  if (approvals) rows[0].push("APPROVED BY");
  for (const l of lines) {
    const row = [
      l.pointer,
      formatValue(l.value, 40),
      `v${l.version}`,
      l.user.email,
      shortDate(l.created_at),
      l.pull_request === null ? "-" : `#${l.pull_request}`,
      l.commit.slice(0, 7)
    ];
    if (approvals) row.push(l.approved_by === null ? "-" : l.approved_by.join(", ") || "nobody");
    rows.push(row);
  }
  ctx.out.line(renderTable(rows));
  return 0;
}
var blameCommand = (program, app) => {
  withHistoryOptions(
    program.command("blame").description("who set each field of a definition: version, person, time, commit, pull request").argument("<id>", "an action, runbook or role id (or KIND:ID)"),
    program
  ).addHelpText("after", EXAMPLES).action(app.action(runBlame));
};
export {
  blameCommand,
  runBlame
};
