import {
  deliveryPaths,
  readDeliveries,
  readWebhookState,
  renderDelivery,
  writeWebhookState
} from "./chunk-DQM3JBGL.js";
import {
  matchWebhook,
  newEventId,
  openFileOutbox
} from "./chunk-H6W2RROV.js";
import "./chunk-QOFQ2H35.js";
import {
  renderTable
} from "./chunk-ANG7WQ2Z.js";
import "./chunk-BPYPOP7L.js";
import "./chunk-WFF4A6QU.js";
import {
  EXIT,
  OpsledgerError
} from "./chunk-VDHVSJ3T.js";
import {
  withFlock
} from "./chunk-E57XOVAZ.js";
import "./chunk-W3QUCTQE.js";

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
async function describeWebhooks(dataDir, webhooks, outbox, env) {
  const summaries = [];
  for (const w of webhooks) {
    const state = readWebhookState(dataDir, w.id);
    let pending = state.retries.length;
    for (let offset = state.cursor; ; ) {
      const batch = await outbox.read(offset, 1e3);
      if (batch.length === 0) break;
      pending += batch.filter((e) => matchWebhook(w, e.event)).length;
      offset = batch[batch.length - 1].end;
    }
    summaries.push({
      id: w.id,
      url: redactUrl(w.url, w.format),
      format: w.format ?? "standard",
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
import { mkdirSync } from "node:fs";
import path from "node:path";
async function retryDelivery(dataDir, id) {
  const record = (await readDeliveries(dataDir)).find((d) => d.delivery_id === id);
  if (!record) {
    throw new OpsledgerError("NOT_FOUND", `no delivery ${id}`, {
      hint: "List deliveries with `opsledger webhooks deliveries`."
    });
  }
  const lock = deliveryPaths(dataDir).lock(record.webhook);
  mkdirSync(path.dirname(lock), { recursive: true, mode: 448 });
  return withFlock(lock, { what: `webhook ${record.webhook}`, timeoutMs: 3e4 }, async () => {
    const state = readWebhookState(dataDir, record.webhook);
    const enabled = state.disabled !== null;
    const queued = record.status === "dead" && !state.retries.includes(record.offset);
    await writeWebhookState(dataDir, record.webhook, {
      ...state,
      disabled: null,
      retries: queued ? [...state.retries, record.offset] : state.retries
    });
    return { webhook: record.webhook, event_id: record.event_id, enabled, queued };
  });
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

// src/cli/commands/webhooks.ts
var when = (iso) => iso ? iso.slice(0, 19).replace("T", " ") : "-";
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
      const rows = await describeWebhooks(
        ctx.dataDir,
        ctx.config.webhooks,
        openFileOutbox(ctx.dataDir, (m) => ctx.out.info(`warning: ${m}`)),
        ctx.env
      );
      if (ctx.json) {
        ctx.out.json(rows);
        return EXIT.ok;
      }
      if (rows.length === 0) {
        ctx.out.info("No webhooks configured: add `webhooks:` to opsledger.yaml (docs/alerts.md).");
        return EXIT.ok;
      }
      ctx.out.line(
        renderTable([
          ["ID", "URL", "FORMAT", "EVENTS", "SECRET", "STATE", "PENDING", "NEXT ATTEMPT"],
          ...rows.map((w) => [
            w.id,
            w.url,
            w.format,
            w.events.join(","),
            w.secret_env === null ? "-" : `${w.secret_env} (${w.secret_set ? "set" : "NOT SET"})`,
            w.state === "disabled" ? `disabled ${when(w.disabled_at)}: ${w.disabled_reason ?? ""}` : "active",
            String(w.pending),
            w.next_attempt_at ? `${when(w.next_attempt_at)} (attempt ${w.attempts + 1})` : "-"
          ])
        ])
      );
      return EXIT.ok;
    })
  );
  webhooks.command("deliveries").description("deliveries, newest first: status, attempts, last response code, latency").option("--webhook <id>", "only this webhook").option("--status <status>", "delivered, retrying, dead or disabled").option("--limit <n>", "at most this many", "50").action(
    app.action(async (ctx, options) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) {
        throw new OpsledgerError("INPUT_INVALID", `--limit ${options.limit}: expected a positive integer`);
      }
      const rows = (await readDeliveries(ctx.dataDir)).filter((d) => options.webhook === void 0 || d.webhook === options.webhook).filter((d) => options.status === void 0 || d.status === options.status).slice(0, limit);
      if (ctx.json) {
        ctx.out.json(rows);
        return EXIT.ok;
      }
      if (rows.length === 0) {
        ctx.out.info("No deliveries yet.");
        return EXIT.ok;
      }
      ctx.out.line(renderDeliveries(rows));
      return EXIT.ok;
    })
  );
  webhooks.command("retry").description("send a dead delivery again; on a webhook disabled by 410, enable it again").argument("<delivery-id>", "a dlv_\u2026 id from `opsledger webhooks deliveries`").action(
    app.action(async (ctx, id) => {
      const result = await retryDelivery(ctx.dataDir, id);
      if (ctx.json) ctx.out.json(result);
      else
        ctx.out.line(
          [
            result.queued ? `queued ${id} (${result.event_id}) for webhook ${result.webhook} again` : null,
            result.enabled ? `webhook ${result.webhook} enabled again` : null,
            !result.queued && !result.enabled ? `${id} is not dead and its webhook is active: nothing to do` : null
          ].filter((l) => l !== null).join("\n") + "\n(serve delivers it on its next pass)"
        );
      return EXIT.ok;
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
function renderDeliveries(rows) {
  return renderTable([
    ["DELIVERY", "WEBHOOK", "EVENT", "TYPE", "STATUS", "ATTEMPTS", "CODE", "LATENCY", "AT", "NEXT / ERROR"],
    ...rows.map((d) => [
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
    ])
  ]);
}
export {
  webhooksCommand
};
