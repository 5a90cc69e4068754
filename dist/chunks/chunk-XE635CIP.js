function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  changeLines,
  definitionLabel
} from "./chunk-LQZBTIRA.js";

// src/review/render-pr-check-markdown.ts
var PR_CHECK_MARKER = "<!-- opsledger:pr-check -->";
var RISK_BADGE = { high: "\u{1F534} high", medium: "\u{1F7E0} medium", low: "\u{1F7E2} low" };
function code(text) {
  const fence = "`".repeat((text.match(/`+/g) ?? [""]).reduce((n, run) => Math.max(n, run.length), 0) + 1);
  return fence.length > 1 || text.startsWith(" ") || text.endsWith(" ") ? `${fence} ${text} ${fence}` : `\`${text}\``;
}
function cell(text) {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
function renderPrCheckMarkdown(report, evaluation) {
  const { errors, warnings, definitions } = report.counts;
  const out = [
    PR_CHECK_MARKER,
    `## opsledger: risk ${RISK_BADGE[report.risk]}`,
    "",
    `${definitions} definition${definitions === 1 ? "" : "s"} changed \xB7 ${errors} error${errors === 1 ? "" : "s"} \xB7 ${warnings} warning${warnings === 1 ? "" : "s"} \xB7 base ${code(report.base.ref)} (${report.base.sha.slice(0, 7)}) \xB7 head ${report.head.sha.slice(0, 7)}`
  ];
  if (report.definitions.length > 0) {
    out.push("", "| definition | change | risk | why |", "| --- | --- | --- | --- |");
    for (const def of report.definitions) {
      out.push(
        `| ${code(definitionLabel(def))} | ${def.action} | ${RISK_BADGE[def.risk]} | ${cell(def.risk_reasons.join("; ") || "\u2014")} |`
      );
    }
  }
  for (const def of report.definitions) {
    out.push("", `### ${definitionLabel(def)} (${def.action})`, "", `${code(def.path)}`, "");
    for (const line of changeLines(def, 200)) out.push(`- ${code(line)}`);
    for (const f of def.findings)
      out.push(`- ${f.severity === "error" ? "\u274C" : "\u26A0\uFE0F"} line ${f.line}: ${cell(f.message)} (${f.code})`);
  }
  const elsewhere = report.findings.filter((f) => !report.definitions.some((d) => d.path === f.file));
  if (elsewhere.length > 0) {
    out.push("", "### Findings in other files", "");
    for (const f of elsewhere) {
      out.push(
        `- ${f.severity === "error" ? "\u274C" : "\u26A0\uFE0F"} ${code(`${f.file}:${f.line}:${f.col}`)} ${cell(f.message)} (${f.code})`
      );
    }
  }
  out.push(...impactSection(report));
  out.push(...approvalsSection(report, evaluation));
  return `${out.join("\n")}
`;
}
function impactSection(report) {
  const { runbooks, access, schedules } = report.impact;
  if (runbooks.length + access.length + schedules.length === 0) return [];
  const out = ["", "### Impact", ""];
  for (const r of runbooks) {
    const steps = r.steps.map((s) => `${code(s.id)} \u2192 ${code(s.action)}`).join(", ");
    out.push(`- runbook ${code(r.id)} calls a changed action: ${steps}`);
  }
  for (const a of access) {
    const parts = [
      ...a.gained.length > 0 ? [`may now be run by ${a.gained.join(", ")}`] : [],
      ...a.lost.length > 0 ? [`no longer by ${a.lost.join(", ")}`] : []
    ];
    out.push(`- action ${code(a.action)} ${parts.join("; ")}`);
  }
  for (const s of schedules) {
    out.push(
      `- ${s.kind} ${code(s.id)} schedule ${code(`${JSON.stringify(s.before)} \u2192 ${JSON.stringify(s.after)}`)}`
    );
  }
  return out;
}
function approvalsSection(report, evaluation) {
  const out = ["", "### Approvals", ""];
  if (report.definitions.length === 0) return [...out, "No definition changed: no approval needed."];
  if (evaluation) {
    const by = evaluation.approvedBy.map((r) => r.email ?? r.login).join(", ");
    out.push(
      evaluation.satisfied ? `\u2705 approved${by ? ` by ${by}` : ""}` : `\u23F3 approvals missing (${report.approvals.required} required${by ? `; approved by ${by}` : ""})`
    );
    for (const s of evaluation.stale)
      out.push(`- stale: ${s.email ?? s.login} approved ${s.commit_id.slice(0, 7)}, an older head`);
    out.push("");
  }
  out.push("| definition | needs | who may approve |", "| --- | --- | --- |");
  for (const def of report.definitions) {
    const who = def.approvers.length > 0 ? def.approvers.join(", ") : "nobody (no role holds `definitions:approve` for it)";
    out.push(`| ${code(definitionLabel(def))} | ${def.approvals_required} | ${cell(who)} |`);
  }
  const authors = report.approvals.authors.map((a) => a.email);
  if (authors.length > 0) out.push("", `Authors never approve their own change: ${authors.join(", ")}.`);
  return out;
}

export {
  PR_CHECK_MARKER,
  renderPrCheckMarkdown
};
