function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  holdsPermission,
  judgeRecordedApprovals
} from "./chunk-JNT6WT6D.js";
import "./chunk-FW6C2LA4.js";
import {
  versionedSpecOf
} from "./chunk-TXPA3S25.js";
import "./chunk-A5UXXCI2.js";
import "./chunk-NR2XG3EO.js";
import {
  shortDate
} from "./chunk-3CNWZIND.js";
import {
  openCliHistory,
  readHistory,
  resolveKind,
  withHistoryOptions
} from "./chunk-M26VXUHN.js";
import "./chunk-EQIGQF32.js";
import "./chunk-AH7MIAEX.js";
import "./chunk-APAI45OA.js";
import "./chunk-FBEO4PPA.js";
import "./chunk-O7JP4MY6.js";
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
import "./chunk-6O2CUPPL.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

// src/cli/commands/approvals.ts
var EXAMPLES = `
Examples:
  $ opsledger approvals restart-service      # who approved the latest version, from the recorded approval note
  $ opsledger approvals restart-service@1    # the evidence for version 1
  $ opsledger approvals restart-service@1 --json

Exit codes: 0 shown (whatever the verdict), 2 unknown id or version.`;
var approvalsCommand = (program, app) => {
  withHistoryOptions(
    program.command("approvals").description("who approved a version: the reviews recorded for its commit, and whether they count").argument("<id>", "ID or ID@VERSION (KIND:ID when the id names more than one kind)"),
    program
  ).addHelpText("after", EXAMPLES).action(
    app.action(async (ctx, spec, options) => {
      const { id, kind: asked, version } = versionedSpecOf(spec, options);
      const index = await openCliHistory(ctx, options);
      const result = await readHistory(index, () => {
        const kind = resolveKind(index, id, asked);
        const own = index.history(id, kind).filter((e) => e.auditable_id === id);
        const event = version === void 0 ? own.at(-1) : own.find((e) => e.version === version);
        if (!event) {
          throw new OpsledgerError(
            "VERSION_NOT_FOUND",
            `${kind} ${id} has no version ${version ?? ""}`.trim(),
            {
              hint: `See the versions with \`opsledger history ${id}\`.`
            }
          );
        }
        return evidenceOf(index, kind, event);
      });
      if (ctx.json) {
        ctx.out.json(result);
        return 0;
      }
      const pr = result.pull_request === null ? "" : `, PR #${result.pull_request}`;
      ctx.out.line(
        `${result.kind} ${result.id} v${result.version} (commit ${result.commit.slice(0, 7)}${pr}): ${result.verdict}`
      );
      if (result.approvals === null) ctx.out.line("  no approval note recorded for this commit");
      for (const a of result.approvals ?? []) {
        const who = a.email ? `${a.reviewer_login} <${a.email}>` : a.reviewer_login;
        const note = result.reasons[approvalKey(a)] ?? (a.stale ? "stale" : "counts");
        ctx.out.line(
          `  ${who} ${a.state} ${a.commit_id.slice(0, 7)} ${shortDate(a.submitted_at)} PR #${a.pull_request}: ${note}`
        );
      }
      return 0;
    })
  );
};
function approvalKey(a) {
  return `${a.reviewer_login}@${a.commit_id}@${a.submitted_at}`;
}
function evidenceOf(index, kind, event) {
  const commits = index.commits();
  const at = commits.findIndex((c) => c.sha === event.commit);
  const before = at > 0 ? commits[at - 1].sha : null;
  const roles = (before === null ? [] : index.definitionsAt("role", before)).map((v) => v.value);
  const authors = (event.authors.length > 0 ? event.authors : [event.user]).map((a) => a.email);
  const verdict = judgeRecordedApprovals(
    event.approvals,
    authors,
    (email) => holdsPermission(roles, email, "definitions:approve", { kind, id: event.auditable_id, tags: [] })
  );
  const reasons = {};
  for (const { approval, reason } of verdict.ignored) reasons[approvalKey(approval)] = reason;
  return {
    kind,
    id: event.auditable_id,
    version: event.version,
    commit: event.commit,
    created_at: event.created_at,
    pull_request: event.pull_request,
    authors,
    verdict: verdict.status,
    approvals: event.approvals,
    reasons
  };
}
export {
  approvalsCommand
};
