function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  createServiceClient,
  describeFlush,
  flushSpool,
  normalizeServerUrl,
  readSpool
} from "./chunk-E3DGQFJ3.js";
import "./chunk-GQPEUOIP.js";
import "./chunk-U7Z7WOUO.js";
import "./chunk-RLKZC5XG.js";
import "./chunk-RLKHWNUI.js";
import "./chunk-WF6R5N3W.js";
import "./chunk-P6F2AC6G.js";
import "./chunk-JZ4A4MHT.js";
import "./chunk-NR2XG3EO.js";
import "./chunk-J2KV253P.js";
import {
  renderTable
} from "./chunk-62XZGVG2.js";
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

// src/cli/commands/spool.ts
var EXAMPLES = `
Examples:
  $ opsledger spool list                      # the end records waiting for the service, and why
  $ OPSLEDGER_API_KEY=olk_\u2026 opsledger spool flush                       # deliver each to its service
  $ OPSLEDGER_API_KEY=olk_\u2026 opsledger spool flush --server https://new-host.example.com   # the service moved

An end is spooled when the service could not be reached as a remotely recorded run ended (docs/executions.md,
Remote recording). Every command that talks to the service delivers its spooled ends first, too.
Exit 0 when nothing is left, 1 when the service refused an end for good (kept in spool/rejected/), 3 when some
are still spooled (the service is still down).`;
function clients(ctx) {
  const made = /* @__PURE__ */ new Map();
  return (url) => {
    const apiKey = ctx.env.OPSLEDGER_API_KEY;
    if (!apiKey) {
      throw new OpsledgerError("AUTH_REQUIRED", "OPSLEDGER_API_KEY is not set", {
        hint: "Put the API key of the user who ran the spooled runs in OPSLEDGER_API_KEY."
      });
    }
    let client = made.get(url);
    if (!client) made.set(url, client = createServiceClient({ url, apiKey }));
    return client;
  };
}
var spoolCommand = (program, app) => {
  const spool = program.command("spool").description("end records of remotely recorded runs waiting for the service: list, flush").addHelpText("after", EXAMPLES);
  spool.command("list").description("list the spooled end records").action(
    app.action(async (ctx) => {
      const { entries, damaged } = await readSpool(ctx.dataDir);
      if (ctx.json) {
        ctx.out.json({ entries: entries.map((e) => ({ file: e.file, ...e.entry })), damaged });
      } else if (entries.length === 0 && damaged.length === 0) {
        ctx.out.info("the spool is empty");
      } else {
        const rows = entries.map(({ entry: e }) => [
          e.execution_id,
          e.action_id,
          e.end.status,
          e.server,
          e.spooled_at
        ]);
        ctx.out.line(renderTable([["ID", "ACTION", "STATUS", "SERVICE", "SPOOLED AT"], ...rows]));
        for (const d of damaged) ctx.out.info(`warning: ${d} is not a readable spool entry`);
      }
      return 0;
    })
  );
  spool.command("flush").description("deliver the spooled end records (each once, with its idempotency key)").option("--server <url>", "deliver every spooled end to this service instead of the one it was meant for").action(
    app.action(async (ctx, opts) => {
      const to = opts.server === void 0 ? void 0 : normalizeServerUrl(opts.server);
      const result = await flushSpool({
        dataDir: ctx.dataDir,
        clientFor: clients(ctx),
        ...to ? { to } : {}
      });
      if (ctx.json) ctx.out.json(result);
      else for (const line of describeFlush(result, true)) ctx.out.info(line);
      if (result.pending.length > 0) return 3;
      return result.rejected.length > 0 || result.damaged.length > 0 ? 1 : 0;
    })
  );
};
export {
  spoolCommand
};
