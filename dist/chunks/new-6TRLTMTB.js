function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  actionSkeleton,
  roleSkeleton,
  runbookSkeleton
} from "./chunk-ZVFJLFHK.js";
import {
  readGitUser
} from "./chunk-GB75QTYU.js";
import "./chunk-AYTYQZ6H.js";
import {
  EXIT,
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import {
  DEFINITION_ID
} from "./chunk-6O2CUPPL.js";
import "./chunk-RAK6EWF2.js";

// src/cli/commands/new.ts
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
var FOLDERS = { action: "actions", runbook: "runbooks", role: "roles" };
var EXAMPLES = `
Examples:
  $ opsledger new action restart-web           # definitions/actions/restart-web.yaml, a draft to edit
  $ opsledger new runbook web-incident          # its first step calls the first action found
  $ opsledger new role on-call

Each file is valid as written and commented field by field; edit it, then \`opsledger validate\` and commit.`;
var newCommand = (program, app) => {
  program.command("new").description("write a valid, commented skeleton of an action, runbook or role").argument("<kind>", "action | runbook | role").argument("<id>", "the new definition id (lowercase letters, digits and dashes)").addHelpText("after", EXAMPLES).action(
    app.action(async (ctx, kind, id) => {
      if (!(kind in FOLDERS)) {
        throw new OpsledgerError("USAGE", `unknown kind "${kind}"`, {
          hint: "Use action, runbook or role."
        });
      }
      if (!DEFINITION_ID.test(id)) {
        throw new OpsledgerError("INPUT_INVALID", `"${id}" is not a valid id`, {
          hint: "An id is 1-63 lowercase letters, digits and dashes, starting with a letter or digit."
        });
      }
      const definitions = path.join(ctx.repo, ctx.config.paths.definitions);
      const folder = path.join(definitions, FOLDERS[kind]);
      const file = path.join(folder, `${id}.yaml`);
      const taken = await findId(folder, id);
      if (taken) {
        throw new OpsledgerError(
          "INPUT_INVALID",
          `${kind === "action" ? "an" : "a"} ${kind} "${id}" already exists: ${path.relative(ctx.repo, taken)}`,
          {
            hint: `Pick another id, or edit ${path.relative(ctx.repo, taken)}.`
          }
        );
      }
      const user = (await readGitUser(ctx.repo)).email ?? "you@example.com";
      const text = kind === "action" ? actionSkeleton(id, user) : kind === "runbook" ? runbookSkeleton(
        id,
        user,
        await firstActionId(path.join(definitions, "actions")) ?? "hello-world"
      ) : roleSkeleton(id, user);
      await mkdir(folder, { recursive: true });
      await writeFile(file, text, { flag: "wx" });
      const rel = path.relative(ctx.repo, file);
      if (ctx.json) ctx.out.json({ kind, id, path: rel });
      else ctx.out.line(`created ${rel}: edit it, then \`opsledger validate\` and commit`);
      return EXIT.ok;
    })
  );
};
async function findId(folder, id) {
  const names = await readdir(folder, { recursive: true }).catch(() => []);
  for (const name of names.filter((n) => /\.ya?ml$/.test(n))) {
    const file = path.join(folder, name);
    if (path.basename(name).replace(/\.ya?ml$/, "") === id) return file;
    const text = await readFile(file, "utf8").catch(() => "");
    if (new RegExp(`^id:\\s*['"]?${id}['"]?\\s*(#.*)?$`, "m").test(text)) return file;
  }
  return null;
}
async function firstActionId(folder) {
  const names = (await readdir(folder).catch(() => [])).filter((n) => /\.ya?ml$/.test(n)).sort();
  return names[0]?.replace(/\.ya?ml$/, "") ?? null;
}
export {
  newCommand
};
