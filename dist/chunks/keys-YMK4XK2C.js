function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  printList,
  printResult,
  shortTime
} from "./chunk-4G6E5LZM.js";
import {
  openKeyStore,
  openPgKeyStore,
  parseExpiry,
  summarizeKey
} from "./chunk-SPT6ZTBL.js";
import {
  assertSchemaCurrent
} from "./chunk-I52HO53W.js";
import {
  createPool,
  databaseError
} from "./chunk-N2NO6Y7I.js";
import {
  journalUrl
} from "./chunk-P6F2AC6G.js";
import "./chunk-QBPAMMMN.js";
import "./chunk-62XZGVG2.js";
import {
  readGitUser
} from "./chunk-GB75QTYU.js";
import "./chunk-AYTYQZ6H.js";
import "./chunk-OGEFOTHU.js";
import "./chunk-7EE6QVFP.js";
import "./chunk-44J7CKGR.js";
import "./chunk-G56DPNIV.js";
import "./chunk-Q34KY2EY.js";
import "./chunk-XLWVCULI.js";
import {
  openState
} from "./chunk-2TXRGXLB.js";
import "./chunk-VR7KHDFB.js";
import {
  EXIT,
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import "./chunk-75FD6FCD.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-6O2CUPPL.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

// src/cli/commands/keys.ts
import { userInfo } from "node:os";

// src/cli/cli-key-store.ts
async function withKeyStore(ctx, work) {
  const url = journalUrl(ctx);
  if (!url) return work(openKeyStore(openState(ctx.dataDir)));
  const pool = createPool(url, 1);
  try {
    await assertSchemaCurrent(pool).catch((err) => {
      throw databaseError(url, err);
    });
    return await work(openPgKeyStore(pool));
  } finally {
    await pool.end().catch(() => void 0);
  }
}

// src/cli/commands/keys.ts
var EMAIL = /^[^\s@:]+@[^\s@:]+$/;
function parseRateLimit(text) {
  if (text === void 0) return null;
  if (text === "off") return "off";
  if (!/^\d{1,7}$/.test(text) || Number(text) < 1) {
    throw new OpsledgerError(
      "INPUT_INVALID",
      `--rate-limit ${text}: expected a number of requests per minute or off`
    );
  }
  return Number(text);
}
function keyState(k, now) {
  if (k.revoked_at) return "revoked";
  if (k.expires_at && Date.parse(k.expires_at) <= now.getTime()) return "expired";
  return "active";
}
async function whoAmI(ctx) {
  return (await readGitUser(ctx.repo)).email ?? `${userInfo().username}@localhost`;
}
var day = (iso) => shortTime(iso, "minute");
var keysCommand = (program, app) => {
  const keys = program.command("keys").description("manage API keys of the REST API (the key is shown once; only its hash is stored)");
  keys.command("create").description("create a key acting as a user; prints the key once on stdout").requiredOption("--user <email>", "the user the key acts as (their roles decide what it may do)").requiredOption("--name <name>", "what the key is for (one key per activity, so it can be revoked alone)").option("--expires <when>", "e.g. 90d, 12h, 8w, 1y, an ISO date, or never", "90d").option(
    "--rate-limit <n|off>",
    "requests per minute for this key (default: server.rate_limit_per_minute), or off"
  ).addHelpText(
    "after",
    `
Examples:
  $ opsledger keys create --user frank@example.com --name splunk-export --expires 1y
  $ KEY=$(opsledger keys create --user ci@example.com --name ci-runs)
  $ curl -H "Authorization: Bearer $KEY" http://127.0.0.1:8080/api/v1/executions`
  ).action(
    app.action(
      async (ctx, options) => {
        if (!EMAIL.test(options.user)) {
          throw new OpsledgerError("INPUT_INVALID", `--user ${options.user}: expected an email`);
        }
        if (options.name.trim() === "" || options.name.length > 100) {
          throw new OpsledgerError("INPUT_INVALID", "--name: 1 to 100 characters");
        }
        const now = ctx.now();
        const createdBy = await whoAmI(ctx);
        const { record, key } = await withKeyStore(
          ctx,
          (store) => store.create(
            {
              user: options.user.toLowerCase(),
              name: options.name,
              created_by: createdBy,
              expires_at: parseExpiry(options.expires, now),
              rate_limit: parseRateLimit(options.rateLimit)
            },
            now
          )
        );
        if (ctx.json) {
          ctx.out.json({
            key,
            authorization_basic: `Basic ${Buffer.from(`${record.user}:${key}`).toString("base64")}`,
            record: summarizeKey(record)
          });
        } else {
          ctx.out.line(key);
          ctx.out.info(
            `Created API key ${record.id} "${record.name}" for ${record.user}${record.expires_at ? `, expires ${record.expires_at}` : ", never expires"}.
Copy it now: it is not stored and cannot be shown again. Send it as "Authorization: Bearer <key>" or Basic base64(<email>:<key>).`
          );
        }
        return EXIT.ok;
      }
    )
  );
  keys.command("list").description("list keys: id, name, user, created, last used, expiry, state (never the key)").action(
    app.action(async (ctx) => {
      const now = ctx.now();
      const all = await withKeyStore(ctx, (store) => store.list());
      const rows = all.map((k) => ({ ...summarizeKey(k), state: keyState(k, now) }));
      return printList(ctx, rows, {
        empty: "No API keys yet. Create one with `opsledger keys create --user EMAIL --name NAME`.",
        header: ["ID", "NAME", "USER", "CREATED", "LAST USED", "EXPIRES", "STATE", "RATE"],
        row: (k) => [
          k.id,
          k.name,
          k.user,
          day(k.created_at),
          day(k.last_used_at),
          k.expires_at ? day(k.expires_at) : "never",
          k.state,
          k.rate_limit === null ? "default" : String(k.rate_limit)
        ]
      });
    })
  );
  keys.command("revoke").description("revoke a key at once (kept, marked revoked, for the record)").argument("<id>", "the key id from `keys list`").action(
    app.action(async (ctx, id) => {
      if (!/^[0-9a-f]{16}$/.test(id)) {
        throw new OpsledgerError(
          "INPUT_INVALID",
          `${id}: a key id is 16 hex characters (see \`opsledger keys list\`)`
        );
      }
      const revoked = summarizeKey(await withKeyStore(ctx, (store) => store.revoke(id, ctx.now())));
      return printResult(ctx, revoked, (k) => `Revoked API key ${k.id} "${k.name}" of ${k.user}.`);
    })
  );
};
export {
  keysCommand,
  parseRateLimit
};
