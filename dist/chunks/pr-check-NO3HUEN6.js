function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  renderPrCheckMarkdown
} from "./chunk-XE635CIP.js";
import {
  changeLines,
  definitionLabel,
  runPrCheck
} from "./chunk-LQZBTIRA.js";
import "./chunk-A5UXXCI2.js";
import {
  escapeData,
  escapeProperty
} from "./chunk-NC3HR3AM.js";
import "./chunk-XPH2G7LF.js";
import "./chunk-YW6NSWKR.js";
import "./chunk-PXRWYUTO.js";
import "./chunk-GKUXOMQD.js";
import "./chunk-NR2XG3EO.js";
import "./chunk-LS7CCVM2.js";
import "./chunk-LVNUE3KJ.js";
import "./chunk-ZQYWZ3OO.js";
import "./chunk-QDGFH3S3.js";
import "./chunk-3HNKWDGP.js";
import "./chunk-PEN3FHEJ.js";
import "./chunk-O7JP4MY6.js";
import {
  Option
} from "./chunk-H5P7JABC.js";
import "./chunk-AYTYQZ6H.js";
import {
  EXIT,
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import "./chunk-J7SPUE3Q.js";
import "./chunk-5EEFVU5U.js";
import "./chunk-M2VQNUJS.js";
import "./chunk-SMWZYUQH.js";
import "./chunk-6O2CUPPL.js";
import "./chunk-O64KD3H5.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

// src/cli/commands/pr-check.ts
import { appendFile } from "node:fs/promises";

// src/review/render-pr-check-github.ts
function renderPrCheckGithub(report) {
  const lines = [];
  for (const f of report.findings) {
    const props = [
      `file=${escapeProperty(f.file)}`,
      `line=${f.line}`,
      `col=${f.col}`,
      `title=${escapeProperty(`opsledger ${f.code}`)}`
    ].join(",");
    lines.push(
      `::${f.severity === "error" ? "error" : "warning"} ${props}::${escapeData(`${f.message}. ${f.hint}`)}`
    );
  }
  for (const def of report.definitions) {
    if (def.action === "delete") continue;
    const at = def.locations[0] ?? { line: 1, col: 1 };
    const props = [
      `file=${escapeProperty(def.path)}`,
      `line=${at.line}`,
      `col=${at.col}`,
      `title=${escapeProperty(`opsledger: ${definitionLabel(def)} risk ${def.risk}`)}`
    ].join(",");
    lines.push(`::notice ${props}::${escapeData(changeLines(def).join("\n"))}`);
  }
  const { errors, warnings, definitions } = report.counts;
  lines.push(
    `${report.ok ? "ok" : "FAILED"}: risk ${report.risk}, ${definitions} definition(s) changed, ${errors} error(s), ${warnings} warning(s), ${report.approvals.required} approval(s) required`
  );
  return lines.join("\n");
}

// src/review/render-pr-check.ts
function renderPrCheck(report, format, options = {}) {
  if (format === "markdown") return renderPrCheckMarkdown(report, options.evaluation);
  if (format === "github") return renderPrCheckGithub(report);
  return renderPrCheckText(report);
}
function renderPrCheckText(report) {
  const out = [
    `pr-check ${report.base.ref}...${report.head.ref} (merge base ${report.merge_base.slice(0, 7)}, head ${report.head.sha.slice(0, 7)})`,
    `risk: ${report.risk} \xB7 ${report.counts.definitions} definition(s) changed \xB7 ${report.counts.errors} error(s), ${report.counts.warnings} warning(s)`
  ];
  for (const def of report.definitions) {
    out.push("", `${definitionLabel(def)} (${def.action}, ${def.path}) risk ${def.risk}`);
    if (def.risk_reasons.length > 0) out.push(`  why: ${def.risk_reasons.join("; ")}`);
    for (const line of changeLines(def)) out.push(`  ${line}`);
  }
  if (report.findings.length > 0) out.push("", "findings (rules of the base):");
  for (const f of report.findings)
    out.push(`  ${f.file}:${f.line}:${f.col}: ${f.severity} ${f.code}: ${f.message}`);
  const { runbooks, access, schedules } = report.impact;
  if (runbooks.length + access.length + schedules.length > 0) out.push("", "impact:");
  for (const r of runbooks) {
    out.push(
      `  runbook ${r.id} calls ${[...new Set(r.steps.map((s) => s.action))].join(", ")} (steps ${r.steps.map((s) => s.id).join(", ")})`
    );
  }
  for (const a of access) {
    const parts = [...a.gained.map((e) => `+${e}`), ...a.lost.map((e) => `-${e}`)];
    out.push(`  action ${a.action} may be run by: ${parts.join(" ")}`);
  }
  for (const s of schedules)
    out.push(`  ${s.kind} ${s.id} schedule ${JSON.stringify(s.before)} \u2192 ${JSON.stringify(s.after)}`);
  out.push("", approvalsLine(report));
  for (const def of report.definitions) {
    const who = def.approvers.length > 0 ? def.approvers.join(", ") : "nobody may approve it";
    out.push(`  ${definitionLabel(def)}: ${def.approvals_required} from ${who}`);
  }
  return out.join("\n");
}
function approvalsLine(report) {
  const authors = report.approvals.authors.map((a) => a.email);
  const suffix = authors.length > 0 ? ` (authors do not count: ${authors.join(", ")})` : "";
  return `approvals: ${report.approvals.required} required${suffix}`;
}

// src/cli/commands/pr-check.ts
var EXAMPLES = `
Examples:
  $ opsledger pr-check --base origin/main --head HEAD          # diff, findings, impact, risk, approvals needed
  $ opsledger pr-check --base origin/main --head HEAD --format markdown   # the pull request comment body
  $ opsledger pr-check --base origin/main --head HEAD --format github     # in GitHub Actions (see action.yml)
  $ opsledger pr-check --base origin/main --head HEAD --json   # one JSON document (docs/github.md)

Exit codes: 0 no errors (approvals are reported, not enforced here), 1 errors in the changed definitions,
2 usage error (e.g. a base or head that does not exist).`;
var prCheckCommand = (program, app) => {
  program.command("pr-check").description(
    "a pull request's definition changes: diff, findings under the base's rules, impact, risk, approvals"
  ).requiredOption("--base <ref>", "the branch the pull request goes into (its rules and role files judge)").requiredOption("--head <ref>", "the pull request's head commit").addOption(
    new Option("--format <format>", "output format").choices(["text", "markdown", "github"]).default("text")
  ).addHelpText("after", EXAMPLES).action(
    app.action(async (ctx, options) => {
      if (ctx.json && options.format !== "text") {
        throw new OpsledgerError("USAGE", "--json and --format cannot be used together");
      }
      const report = await runPrCheck({
        repo: ctx.repo,
        base: options.base,
        head: options.head,
        config: ctx.config
      });
      if (ctx.json) ctx.out.json(report);
      else ctx.out.line(renderPrCheck(report, options.format));
      const summary = ctx.env.GITHUB_STEP_SUMMARY;
      if (options.format === "github" && summary) {
        await appendFile(summary, renderPrCheck(report, "markdown"));
      }
      return report.ok ? EXIT.ok : EXIT.findings;
    })
  );
};
export {
  prCheckCommand
};
