function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  openCatFileBatch
} from "./chunk-LVNUE3KJ.js";
import {
  allowShallowOption,
  idSpecOf,
  kindOption,
  openCliHistory,
  readHistory,
  resolveKind,
  typeOption
} from "./chunk-4MXUS72O.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";

// src/cli/commands/show.ts
function parseVersion(text) {
  const m = /^v?([1-9][0-9]*)$/i.exec(text.trim());
  if (!m) {
    throw new OpsledgerError("USAGE", `"${text}" is not a version`, { hint: "Write a version as 3 or v3." });
  }
  return Number(m[1]);
}
function versionOf(index, kind, id, version) {
  const found = index.definitionAt(kind, id, version);
  if (found) return found;
  const states = index.states(kind, id);
  const last = states[states.length - 1];
  if (version === void 0 && last && last.blob !== null) {
    throw new OpsledgerError("DEFINITION_NOT_FOUND", `${kind} ${id} has no version that validated`, {
      hint: `Show a version as committed with \`opsledger show ${id}@${last.version}\`.`
    });
  }
  if (version === void 0) {
    throw new OpsledgerError(
      "DEFINITION_NOT_FOUND",
      `${kind} ${id} was deleted at version ${last?.version ?? "?"} (commit ${last?.commit.slice(0, 12) ?? "?"})`,
      {
        hint: `Show an earlier version with \`opsledger show ${id}@${Math.max(1, (last?.version ?? 2) - 1)}\`.`
      }
    );
  }
  const max = last?.version ?? 0;
  const deleted = states.some((s) => s.version === version && s.blob === null);
  const unparsed = states.some((s) => s.version === version && s.blob !== null);
  throw new OpsledgerError(
    "VERSION_NOT_FOUND",
    deleted ? `version ${version} of ${kind} ${id} is its deletion` : unparsed ? `version ${version} of ${kind} ${id} does not parse: it has no content` : `${kind} ${id} has no version ${version} (versions 1..${max})`
  );
}
var EXAMPLES = `
Examples:
  $ opsledger show http-health-check    # the definition at the tip, as the file reads (comments kept)
  $ opsledger show http-health-check@2  # as version 2 wrote it
  $ opsledger show http-health-check@2 --json`;
async function runShow(ctx, spec, options) {
  const at = spec.lastIndexOf("@");
  const { id, kind: asked } = idSpecOf(at > 0 ? spec.slice(0, at) : spec, options);
  const version = at > 0 ? parseVersion(spec.slice(at + 1)) : void 0;
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
  program.command("show").description("a definition as it is at the tip, or as one version left it (ID@VERSION)").argument("<id>", "ID or ID@VERSION (KIND:ID when the id names more than one kind)").addOption(kindOption(program)).addOption(typeOption(program)).addOption(allowShallowOption(program)).addHelpText("after", EXAMPLES).action(app.action(runShow));
};

export {
  parseVersion,
  versionOf,
  runShow,
  showCommand
};
