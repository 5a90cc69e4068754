function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  diffText
} from "./chunk-DEWOBADM.js";
import "./chunk-AYTYQZ6H.js";
import {
  EXIT
} from "./chunk-WDLZ6EAF.js";
import {
  SHIPPED_SCHEMA_DIR
} from "./chunk-J7SPUE3Q.js";
import "./chunk-5EEFVU5U.js";
import {
  PACKAGE_VERSION
} from "./chunk-M2VQNUJS.js";
import "./chunk-SMWZYUQH.js";
import "./chunk-6O2CUPPL.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

// src/cli/commands/schemas.ts
import { mkdir, readFile, readdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
var schemasCommand = (program, app) => {
  const schemas = program.command("schemas").description("the repo's JSON Schemas (definitions/schema/)");
  schemas.command("update").description(
    `copy the schemas of this opsledger (${PACKAGE_VERSION}) into definitions/schema/, showing the diff`
  ).option("--dry-run", "show the diff, change nothing").addHelpText(
    "after",
    `
Examples:
  $ opsledger schemas update --dry-run   # what changes
  $ opsledger schemas update && git add definitions/schema && git commit -m "Schemas of opsledger ${PACKAGE_VERSION}"

A schema change is judged like any change: the pre-receive hook checks a push by the schemas already on the
branch, and the history keeps each past version's validity as it was.`
  ).action(
    app.action(async (ctx, opts) => {
      const target = path.join(ctx.repo, ctx.config.paths.definitions, "schema");
      const names = (await readdir(SHIPPED_SCHEMA_DIR)).filter((n) => n.endsWith(".schema.json")).sort();
      const changes = [];
      for (const name of names) {
        const shipped = await readFile(path.join(SHIPPED_SCHEMA_DIR, name), "utf8");
        const file = path.join(target, name);
        const current = await readFile(file, "utf8").catch(() => null);
        const rel = path.relative(ctx.repo, file);
        if (current === shipped) {
          changes.push({ file: rel, status: "unchanged" });
          continue;
        }
        changes.push({ file: rel, status: current === null ? "created" : "updated" });
        if (!ctx.json) ctx.out.line(await diffText(rel, current ?? "", shipped));
        if (!opts.dryRun) {
          await mkdir(target, { recursive: true });
          await writeFile(`${file}.opsledger-tmp`, shipped);
          await rename(`${file}.opsledger-tmp`, file);
        }
      }
      if (ctx.json)
        ctx.out.json({ version: PACKAGE_VERSION, dry_run: opts.dryRun === true, files: changes });
      else {
        const changed = changes.filter((c) => c.status !== "unchanged");
        ctx.out.line(
          changed.length === 0 ? `the schemas are those of opsledger ${PACKAGE_VERSION}: nothing to change` : `${opts.dryRun ? "would update" : "updated"} ${changed.map((c) => c.file).join(", ")}`
        );
      }
      return EXIT.ok;
    })
  );
};
export {
  schemasCommand
};
