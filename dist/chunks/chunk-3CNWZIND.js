function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  renderTable
} from "./chunk-62XZGVG2.js";

// src/cli/render-history.ts
function formatValue(value, width = 60) {
  const text = value === void 0 ? "null" : JSON.stringify(value);
  return text.length > width ? `${text.slice(0, width - 1)}\u2026` : text;
}
function describeChanges(event) {
  const prefix = event.auditable_type === "Runbook::Step" ? `step ${event.auditable_id.split("/")[1]}: ` : "";
  if (event.action === "create") return [`${prefix}created`];
  if (event.action === "delete") return [`${prefix}deleted`];
  return Object.entries(event.audited_changes).map(([pointer, change]) => {
    const [before, after] = change;
    return `${prefix}${pointer}: ${formatValue(before, 40)} \u2192 ${formatValue(after, 40)}`;
  });
}
function shortDate(iso) {
  return iso.slice(0, 16).replace("T", " ");
}
function renderHistoryTable(events) {
  const rows = [["VERSION", "WHEN", "WHO", "PR", "COMMIT", "CHANGE"]];
  for (const e of events) {
    const version = e.auditable_type === "Runbook::Step" ? `  v${e.version}` : `v${e.version}`;
    const lines = describeChanges(e);
    const pr = e.pull_request === null ? "-" : `#${e.pull_request}`;
    const revert = e.revert_of ? ` (reverts ${e.revert_of.slice(0, 7)})` : "";
    lines.forEach((line, i) => {
      rows.push(
        i === 0 ? [version, shortDate(e.created_at), e.user.email, pr, e.commit.slice(0, 7), line + revert] : ["", "", "", "", "", line]
      );
    });
  }
  return renderTable(rows);
}
function renderAuditTable(entries) {
  const rows = [["WHEN", "WHO", "TYPE", "ID", "ACTION", "VERSION", "PR", "COMMIT", "CHANGE"]];
  for (const e of entries) {
    if (e.action === "invalid") {
      const f = e.findings[0];
      rows.push([
        shortDate(e.created_at),
        e.user.email,
        e.auditable_type,
        e.auditable_id ?? "?",
        "invalid",
        "-",
        "-",
        e.commit.slice(0, 7),
        f ? `${e.path}:${f.line}:${f.col}: ${f.message}` : e.path
      ]);
      continue;
    }
    const changes = describeChanges(e);
    rows.push([
      shortDate(e.created_at),
      e.user.email,
      e.auditable_type,
      e.auditable_id,
      e.action,
      `v${e.version}`,
      e.pull_request === null ? "-" : `#${e.pull_request}`,
      e.commit.slice(0, 7),
      changes.length > 1 ? `${changes[0]} (+${changes.length - 1} more)` : changes[0] ?? ""
    ]);
  }
  return renderTable(rows);
}

export {
  formatValue,
  shortDate,
  renderHistoryTable,
  renderAuditTable
};
