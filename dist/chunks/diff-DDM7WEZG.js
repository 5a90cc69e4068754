function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  parseVersion,
  versionOf
} from "./chunk-TXPA3S25.js";
import "./chunk-ZQYWZ3OO.js";
import "./chunk-QDGFH3S3.js";
import {
  diffValues
} from "./chunk-3HNKWDGP.js";
import {
  formatValue
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
import "./chunk-62XZGVG2.js";
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

// src/cli/commands/diff.ts
var EXAMPLES = `
Examples:
  $ opsledger diff http-health-check 1 3   # what changed from version 1 to version 3, field by field
  $ opsledger diff http-health-check v2 v3 --json`;
function auditedValue(index, kind, id, version) {
  const found = versionOf(index, kind, id, version);
  const value = { ...found.value };
  if (kind === "action" && scriptPathOf(value) !== null) {
    const state = index.states(kind, id).find((s) => s.version === version && s.blob !== null);
    value.script = { ...value.script, file_blob: state?.file_blob ?? null };
  }
  return { found, value };
}
var diffCommand = (program, app) => {
  withHistoryOptions(
    program.command("diff").description("field-level differences between two versions of a definition").argument("<id>", "an action, runbook or role id (or KIND:ID)").argument("<from>", "the older version (3 or v3)").argument("<to>", "the newer version"),
    program
  ).addHelpText("after", EXAMPLES).action(
    app.action(
      async (ctx, text, fromText, toText, options) => {
        const { id, kind: asked } = idSpecOf(text, options);
        const [v1, v2] = [parseVersion(fromText), parseVersion(toText)];
        const index = await openCliHistory(ctx, options);
        const result = await readHistory(index, () => {
          const kind = resolveKind(index, id, asked);
          const a = auditedValue(index, kind, id, v1);
          const b = auditedValue(index, kind, id, v2);
          const changes = diffValues(a.value, b.value);
          if (a.found.path !== b.found.path) changes["/__path"] = [a.found.path, b.found.path];
          const side = (f) => ({
            version: f.version,
            commit: f.commit,
            path: f.path,
            blob: f.blob
          });
          return { kind, id, from: side(a.found), to: side(b.found), audited_changes: changes };
        });
        if (ctx.json) {
          ctx.out.json(result);
          return 0;
        }
        ctx.out.line(
          `${result.kind} ${id}: v${v1} (${result.from.commit.slice(0, 7)}) \u2192 v${v2} (${result.to.commit.slice(0, 7)})`
        );
        const entries = Object.entries(result.audited_changes);
        if (entries.length === 0) ctx.out.line("no differences");
        for (const [pointer, [before, after]] of entries) {
          ctx.out.line(`  ${pointer}: ${formatValue(before)} \u2192 ${formatValue(after)}`);
        }
        return 0;
      }
    )
  );
};
export {
  diffCommand
};
