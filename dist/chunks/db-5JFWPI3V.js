function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  cliJournalTarget
} from "./chunk-P6F2AC6G.js";
import "./chunk-OGEFOTHU.js";
import "./chunk-7EE6QVFP.js";
import "./chunk-44J7CKGR.js";
import "./chunk-G56DPNIV.js";
import "./chunk-Q34KY2EY.js";
import "./chunk-XLWVCULI.js";
import "./chunk-2TXRGXLB.js";
import "./chunk-VR7KHDFB.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import "./chunk-75FD6FCD.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-6O2CUPPL.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

// src/cli/commands/db.ts
var dbCommand = (program, app) => {
  const db = program.command("db").description("the PostgreSQL journal: apply schema migrations, show the schema version");
  const databaseUrl = (ctx) => {
    const target = cliJournalTarget(ctx);
    if (target.backend !== "postgres") {
      throw new OpsledgerError("USAGE", "no PostgreSQL journal is configured", {
        hint: "Pass --database-url postgres://\u2026 or set journal.backend: postgres (with $OPSLEDGER_DATABASE_URL)."
      });
    }
    return target.url;
  };
  db.command("migrate").description("apply the schema migrations the database lacks, in order (safe to run from several hosts)").addHelpText(
    "after",
    `
Examples:
  $ opsledger db migrate --database-url postgres://opsledger@db.example.com/opsledger
  $ opsledger db migrate --database-url postgres://opsledger@db.example.com/opsledger --json   # { from, to, applied[] }

With journal.backend: postgres in opsledger.yaml the URL comes from $OPSLEDGER_DATABASE_URL (journal.url_env).`
  ).action(
    app.action(async (ctx) => {
      const url = databaseUrl(ctx);
      const [{ createPool, databaseError }, { migrate }] = await Promise.all([
        import("./pg-pool-HW3BLAX4.js"),
        import("./migrate-67QSOH5C.js")
      ]);
      const pool = createPool(url, 1);
      try {
        const result = await migrate(pool).catch((err) => {
          throw databaseError(url, err);
        });
        const applied = result.applied.map((m) => ({ version: m.version, name: m.name }));
        if (ctx.json) ctx.out.json({ from: result.from, to: result.to, applied });
        else if (applied.length === 0) ctx.out.line(`schema is current (version ${result.to})`);
        else
          ctx.out.line(
            `migrated the schema from version ${result.from} to ${result.to}: ${applied.map((m) => `${m.version}-${m.name}`).join(", ")}`
          );
        return 0;
      } finally {
        await pool.end();
      }
    })
  );
  db.command("status").description("print the database's schema version and the version this opsledger needs").action(
    app.action(async (ctx) => {
      const url = databaseUrl(ctx);
      const [{ createPool, databaseError }, { schemaVersion }, { LATEST_SCHEMA_VERSION }] = await Promise.all([
        import("./pg-pool-HW3BLAX4.js"),
        import("./migrate-67QSOH5C.js"),
        import("./migrations-GGBMJGDX.js")
      ]);
      const pool = createPool(url, 1);
      try {
        const version = await schemaVersion(pool).catch((err) => {
          throw databaseError(url, err);
        });
        const current = version === LATEST_SCHEMA_VERSION;
        if (ctx.json) ctx.out.json({ version, latest: LATEST_SCHEMA_VERSION, current });
        else ctx.out.line(`schema version ${version}; this opsledger needs ${LATEST_SCHEMA_VERSION}`);
        return current ? 0 : 1;
      } finally {
        await pool.end();
      }
    })
  );
};
export {
  dbCommand
};
