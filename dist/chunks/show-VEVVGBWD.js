function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  versionOf,
  versionedSpecOf
} from "./chunk-TXPA3S25.js";
import {
  openCatFileBatch
} from "./chunk-LVNUE3KJ.js";
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

// src/cli/commands/show.ts
var EXAMPLES = `
Examples:
  $ opsledger show http-health-check    # the definition at the tip, as the file reads (comments kept)
  $ opsledger show http-health-check@2  # as version 2 wrote it
  $ opsledger show http-health-check@2 --json`;
async function runShow(ctx, spec, options) {
  const { id, kind: asked, version } = versionedSpecOf(spec, options);
  const index = await openCliHistory(ctx, options);
  const kind = await readHistory(index, () => resolveKind(index, id, asked));
  const found = await readHistory(index, () => versionOf(index, kind, id, version));
  if (ctx.json) {
    ctx.out.json(found);
    return 0;
  }
  const batch = openCatFileBatch(ctx.repo);
  try {
    const blob = await batch.read(found.blob);
    if (!blob) throw new OpsledgerError("GIT_FAILED", `blob ${found.blob} is missing from the repository`);
    ctx.out.info(`# ${kind} ${id} v${found.version} \xB7 ${found.path} \xB7 commit ${found.commit.slice(0, 12)}`);
    const text = blob.content.toString("utf8");
    ctx.out.line(text.endsWith("\n") ? text.slice(0, -1) : text);
  } finally {
    await batch.close();
  }
  return 0;
}
var showCommand = (program, app) => {
  withHistoryOptions(
    program.command("show").description("a definition as it is at the tip, or as one version left it (ID@VERSION)").argument("<id>", "ID or ID@VERSION (KIND:ID when the id names more than one kind)"),
    program
  ).addHelpText("after", EXAMPLES).action(app.action(runShow));
};
export {
  runShow,
  showCommand
};
