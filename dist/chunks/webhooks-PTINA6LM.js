function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  fileDeliveryState,
  openPgDeliveryState,
  renderDelivery
} from "./chunk-DSTJ5Z3Y.js";
import {
  printList,
  printResult,
  shortTime
} from "./chunk-4G6E5LZM.js";
import {
  parseWholeNumber
} from "./chunk-74AA2PN5.js";
import {
  assertSchemaCurrent
} from "./chunk-I52HO53W.js";
import {
  openPgSession
} from "./chunk-YJZVNYMG.js";
import {
  openPgOutbox
} from "./chunk-RNGYSTUF.js";
import {
  createPool,
  databaseError
} from "./chunk-N2NO6Y7I.js";
import {
  matchWebhook,
  openFileOutbox
} from "./chunk-RLKHWNUI.js";
import {
  journalUrl
} from "./chunk-P6F2AC6G.js";
import "./chunk-JZ4A4MHT.js";
import "./chunk-QBPAMMMN.js";
import "./chunk-NR2XG3EO.js";
import {
  newEventId
} from "./chunk-J2KV253P.js";
import "./chunk-62XZGVG2.js";
import "./chunk-OGEFOTHU.js";
import "./chunk-7EE6QVFP.js";
import "./chunk-44J7CKGR.js";
import "./chunk-G56DPNIV.js";
import "./chunk-Q34KY2EY.js";
import "./chunk-XLWVCULI.js";
import "./chunk-2TXRGXLB.js";
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

// src/alerts/describe-webhooks.ts
function redactUrl(url, format) {
  try {
    const u = new URL(url);
    if (format === "slack") return `${u.origin}/\u2026`;
    return `${u.origin}${u.pathname}${u.search ? "?\u2026" : ""}`;
  } catch {
    return "(invalid URL)";
  }
}
async function describeWebhooks(store, webhooks, outbox, env) {
  const summaries = [];
  for (const w of webhooks) {
    const state = await store.read(w.id);
    let pending = state.retries.length;
    for (let offset = state.cursor; ; ) {
      const batch = await outbox.lines(offset, 1e3);
      if (batch.length === 0) break;
      pending += batch.filter((e) => e.event !== null && matchWebhook(w, e.event)).length;
      offset = batch[batch.length - 1].end;
    }
    summaries.push({
      id: w.id,
      url: redactUrl(w.url, w.format),
      format: w.format,
      events: w.events,
      secret_env: w.secret_env ?? null,
      secret_set: w.secret_env !== void 0 && Boolean(env[w.secret_env]),
      state: state.disabled ? "disabled" : "active",
      disabled_at: state.disabled?.at ?? null,
      disabled_reason: state.disabled?.reason ?? null,
      pending,
      next_attempt_at: state.pending?.next_attempt_at ?? null,
      attempts: state.pending?.attempts ?? 0
    });
  }
  return summaries;
}

// src/alerts/retry-delivery.ts
async function lockWebhook(store, webhook) {
  const until = Date.now() + 3e4;
  for (; ; ) {
    const release = await store.tryLock(webhook);
    if (release) return release;
    if (Date.now() > until) {
      throw new OpsledgerError(
        "JOURNAL_LOCKED",
        `webhook ${webhook} is being delivered; its lock was not free`,
        {
          hint: "Retry in a moment: a delivery pass holds the lock only while it runs."
        }
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
async function retryDelivery(store, id) {
  const record = (await store.deliveries()).find((d) => d.delivery_id === id);
  if (!record) {
    throw new OpsledgerError("NOT_FOUND", `no delivery ${id}`, {
      hint: "List deliveries with `opsledger webhooks deliveries`."
    });
  }
  const release = await lockWebhook(store, record.webhook);
  try {
    const state = await store.read(record.webhook);
    const enabled = state.disabled !== null;
    const queued = record.status === "dead" && !state.retries.includes(record.offset);
    await store.write(record.webhook, {
      ...state,
      disabled: null,
      retries: queued ? [...state.retries, record.offset] : state.retries
    });
    return { webhook: record.webhook, event_id: record.event_id, enabled, queued };
  } finally {
    await release();
  }
}

// src/alerts/send-test-delivery.ts
async function sendTestDelivery(webhook, env, now) {
  const event = {
    id: newEventId(),
    type: "webhook.test",
    timestamp: now.toISOString(),
    data: { webhook: webhook.id, message: "opsledger webhooks test" }
  };
  const secret = webhook.secret_env === void 0 ? void 0 : env[webhook.secret_env];
  if (webhook.secret_env !== void 0 && !secret) {
    return {
      event_id: event.id,
      response_code: null,
      latency_ms: 0,
      error: `${webhook.secret_env} is not set`
    };
  }
  const request = renderDelivery(webhook, event, secret, now);
  const started = performance.now();
  try {
    const response = await fetch(webhook.url, {
      method: "POST",
      body: request.body,
      headers: request.headers,
      redirect: "manual",
      signal: AbortSignal.timeout(1e4)
    });
    await response.arrayBuffer().catch(() => void 0);
    return {
      event_id: event.id,
      response_code: response.status,
      latency_ms: Math.round(performance.now() - started)
    };
  } catch (err) {
    const cause = err.cause?.code;
    return {
      event_id: event.id,
      response_code: null,
      latency_ms: Math.round(performance.now() - started),
      error: cause ?? err.message
    };
  }
}

// src/cli/cli-deliveries.ts
async function withDeliveryState(ctx, work) {
  const url = journalUrl(ctx);
  if (!url) {
    return work(
      fileDeliveryState(ctx.dataDir),
      openFileOutbox(ctx.dataDir, (m) => ctx.out.info(`warning: ${m}`))
    );
  }
  const pool = createPool(url, 1);
  const store = openPgDeliveryState(pool, url);
  const session = openPgSession(url);
  try {
    await assertSchemaCurrent(pool).catch((err) => {
      throw databaseError(url, err);
    });
    return await work(store, openPgOutbox(pool, session));
  } finally {
    await store.close();
    await session.close();
    await pool.end().catch(() => void 0);
  }
}
function readCliDeliveries(ctx) {
  return withDeliveryState(ctx, (store) => store.deliveries());
}

// src/cli/commands/webhooks.ts
var when = (iso) => shortTime(iso);
function findWebhook(ctx, id) {
  const webhook = ctx.config.webhooks.find((w) => w.id === id);
  if (!webhook) {
    throw new OpsledgerError("NOT_FOUND", `no webhook "${id}" in opsledger.yaml`, {
      hint: `Configured: ${ctx.config.webhooks.map((w) => w.id).join(", ") || "none"} (docs/alerts.md).`
    });
  }
  return webhook;
}
var webhooksCommand = (program, app) => {
  const webhooks = program.command("webhooks").description("outgoing webhooks: their state, deliveries, retries and a test event (docs/alerts.md)").addHelpText(
    "after",
    `
Examples:
  $ opsledger webhooks list                   # each webhook of opsledger.yaml: active or disabled, pending events
  $ opsledger webhooks deliveries --json      # every delivery's latest state (status, attempts, last response)

Webhooks are configured in opsledger.yaml (\`webhooks:\`); \`opsledger serve\` delivers them.`
  );
  webhooks.command("list").description("each configured webhook: URL (credentials cut), events, active or disabled, pending events").action(
    app.action(async (ctx) => {
      const rows = await withDeliveryState(
        ctx,
        (store, outbox) => describeWebhooks(store, ctx.config.webhooks, outbox, ctx.env)
      );
      return printList(ctx, rows, {
        empty: "No webhooks configured: add `webhooks:` to opsledger.yaml (docs/alerts.md).",
        header: ["ID", "URL", "FORMAT", "EVENTS", "SECRET", "STATE", "PENDING", "NEXT ATTEMPT"],
        row: (w) => [
          w.id,
          w.url,
          w.format,
          w.events.join(","),
          w.secret_env === null ? "-" : `${w.secret_env} (${w.secret_set ? "set" : "NOT SET"})`,
          w.state === "disabled" ? `disabled ${when(w.disabled_at)}: ${w.disabled_reason ?? ""}` : "active",
          String(w.pending),
          w.next_attempt_at ? `${when(w.next_attempt_at)} (attempt ${w.attempts + 1})` : "-"
        ]
      });
    })
  );
  webhooks.command("deliveries").description("deliveries, newest first: status, attempts, last response code, latency").option("--webhook <id>", "only this webhook").option("--status <status>", "delivered, retrying, dead or disabled").option("--limit <n>", "at most this many", "50").action(
    app.action(async (ctx, options) => {
      const limit = parseWholeNumber("--limit", options.limit, {
        min: 1,
        code: "INPUT_INVALID",
        expected: "a positive integer"
      });
      const rows = (await readCliDeliveries(ctx)).filter((d) => options.webhook === void 0 || d.webhook === options.webhook).filter((d) => options.status === void 0 || d.status === options.status).slice(0, limit);
      return printList(ctx, rows, {
        empty: "No deliveries yet.",
        header: DELIVERY_HEADER,
        row: deliveryRow
      });
    })
  );
  webhooks.command("retry").description("send a dead delivery again; on a webhook disabled by 410, enable it again").argument("<delivery-id>", "a dlv_\u2026 id from `opsledger webhooks deliveries`").action(
    app.action(async (ctx, id) => {
      return printResult(
        ctx,
        await withDeliveryState(ctx, (store) => retryDelivery(store, id)),
        (r) => [
          r.queued ? `queued ${id} (${r.event_id}) for webhook ${r.webhook} again` : null,
          r.enabled ? `webhook ${r.webhook} enabled again` : null,
          !r.queued && !r.enabled ? `${id} is not dead and its webhook is active: nothing to do` : null,
          "(serve delivers it on its next pass)"
        ].filter((l) => l !== null).join("\n")
      );
    })
  );
  webhooks.command("test").description("send one signed webhook.test event to a webhook now; exit 1 unless it answers 2xx").argument("<webhook-id>", "the id of a webhook in opsledger.yaml").action(
    app.action(async (ctx, id) => {
      const result = await sendTestDelivery(findWebhook(ctx, id), ctx.env, ctx.now());
      const ok = result.response_code !== null && result.response_code >= 200 && result.response_code < 300;
      if (ctx.json) ctx.out.json({ webhook: id, ok, ...result });
      else
        ctx.out.line(
          `webhook ${id}: ${result.response_code === null ? `no answer (${result.error ?? "error"})` : `HTTP ${result.response_code}`} in ${result.latency_ms} ms (webhook-id ${result.event_id})`
        );
      return ok ? EXIT.ok : 1;
    })
  );
};
var DELIVERY_HEADER = [
  ...["DELIVERY", "WEBHOOK", "EVENT", "TYPE", "STATUS", "ATTEMPTS", "CODE", "LATENCY", "AT", "NEXT / ERROR"]
];
function deliveryRow(d) {
  return [
    d.delivery_id,
    d.webhook,
    d.event_id,
    d.type,
    d.status,
    String(d.attempts),
    d.response_code === null ? "-" : String(d.response_code),
    `${d.latency_ms} ms`,
    when(d.at),
    d.next_attempt_at ? `next ${when(d.next_attempt_at)}${d.error ? `; ${d.error}` : ""}` : d.error ?? ""
  ];
}
export {
  webhooksCommand
};
