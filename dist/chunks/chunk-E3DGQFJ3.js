function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  closeAbandonedRuns,
  hasDeadLeases
} from "./chunk-GQPEUOIP.js";
import {
  openCliJournal
} from "./chunk-U7Z7WOUO.js";
import {
  presentExecution
} from "./chunk-WF6R5N3W.js";
import {
  fsyncDir,
  writeFileDurably
} from "./chunk-VR7KHDFB.js";
import {
  ERROR_CATALOG,
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";

// src/remote/service-client.ts
function isTransient(err) {
  return err instanceof OpsledgerError && err.details?.transient === true;
}
function normalizeServerUrl(url, flag = "--server") {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new OpsledgerError("INPUT_INVALID", `${flag} ${url}: not a URL`, {
      hint: "Give the base URL of the service, e.g. https://opsledger.example.com."
    });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new OpsledgerError("INPUT_INVALID", `${flag} ${url}: only http and https are supported`);
  }
  return parsed.href.replace(/\/+$/, "");
}
function createServiceClient(options) {
  const url = normalizeServerUrl(options.url);
  const doFetch = options.fetch ?? fetch;
  return {
    url,
    async request(method, path2, req = {}) {
      let res;
      let text;
      try {
        res = await doFetch(`${url}${path2}`, {
          method,
          headers: {
            Authorization: `Bearer ${options.apiKey}`,
            Accept: "application/json",
            ...req.body !== void 0 ? { "Content-Type": "application/json" } : {},
            ...req.headers
          },
          ...req.body !== void 0 ? { body: JSON.stringify(req.body) } : {},
          signal: AbortSignal.timeout(req.timeoutMs ?? options.timeoutMs ?? 3e4)
        });
        text = await res.text();
      } catch (err) {
        const cause = err.cause;
        throw new OpsledgerError(
          "SERVER_UNREACHABLE",
          `the service at ${url} cannot be reached: ${cause?.code ?? cause?.message ?? err.message}`,
          { cause: err, details: { transient: true } }
        );
      }
      let body = null;
      try {
        body = text === "" ? null : JSON.parse(text);
      } catch {
        body = null;
      }
      if (res.ok) return { status: res.status, body, headers: res.headers };
      throw serviceError(url, res.status, body);
    }
  };
}
function serviceError(url, status, body) {
  const e = body?.error;
  const transient = status >= 500 || status === 429 || status === 401 || status === 408;
  const details = { transient, status };
  if (e?.code && e.code in ERROR_CATALOG) {
    return new OpsledgerError(
      e.code,
      `the service at ${url} answered ${status}: ${e.message ?? ""}`,
      {
        ...e.hint ? { hint: e.hint } : {},
        details
      }
    );
  }
  return new OpsledgerError("SERVER_UNREACHABLE", `the service at ${url} answered ${status}`, {
    hint: "Check that --server (or server.url) is the base URL of an opsledger service.",
    details
  });
}

// src/remote/spool.ts
import { mkdir, readFile, readdir, rename, unlink } from "node:fs/promises";
import path from "node:path";
var SUFFIX = ".end.json";
var spoolDir = (dataDir) => path.join(dataDir, "spool");
var spoolFile = (dataDir, executionId) => path.join(spoolDir(dataDir), `${executionId}${SUFFIX}`);
async function writeSpoolEntry(dataDir, entry) {
  await mkdir(spoolDir(dataDir), { recursive: true, mode: 448 });
  const file = spoolFile(dataDir, entry.execution_id);
  await writeFileDurably(file, `${JSON.stringify(entry)}
`);
  return file;
}
async function readSpool(dataDir) {
  let names;
  try {
    names = await readdir(spoolDir(dataDir));
  } catch (err) {
    if (err.code === "ENOENT") return { entries: [], damaged: [] };
    throw err;
  }
  const entries = [];
  const damaged = [];
  for (const name of names.filter((n) => n.endsWith(SUFFIX)).sort()) {
    const file = path.join(spoolDir(dataDir), name);
    try {
      const entry = JSON.parse(await readFile(file, "utf8"));
      if (entry?.v !== 1 || typeof entry.execution_id !== "string") throw new Error("not a spool entry");
      entries.push({ file, entry });
    } catch (err) {
      if (err.code !== "ENOENT") damaged.push(file);
    }
  }
  return { entries, damaged };
}
async function removeSpoolEntry(file) {
  try {
    await unlink(file);
  } catch (err) {
    if (err.code !== "ENOENT") throw err;
    return;
  }
  fsyncDir(path.dirname(file));
}
async function rejectSpoolEntry(file) {
  const dir = path.join(path.dirname(file), "rejected");
  await mkdir(dir, { recursive: true, mode: 448 });
  const target = path.join(dir, path.basename(file));
  await rename(file, target);
  fsyncDir(dir);
  fsyncDir(path.dirname(file));
  return target;
}

// src/remote/remote-end.ts
var END_BODY_BUDGET = 48 * 1024;
var ERROR_MAX = 4e3;
function toRemoteEnd(input, budget = END_BODY_BUDGET) {
  const end = {
    status: input.status,
    finished_at: input.finished_at ?? (/* @__PURE__ */ new Date()).toISOString(),
    duration_ms: input.duration_ms ?? 0,
    exit_code: input.exit_code,
    ...input.results ? { results: input.results } : {},
    ...input.error !== void 0 ? { error: input.error.slice(0, ERROR_MAX) } : {}
  };
  if (!end.results || Buffer.byteLength(JSON.stringify(end)) <= budget) return end;
  const bare = { ...end, results: end.results.map((r) => ({ ...r, stdout_tail: "", stderr_tail: "" })) };
  const room = Math.max(0, budget - Buffer.byteLength(JSON.stringify(bare)) - 1024);
  const each = Math.floor(room / 6 / Math.max(1, 2 * end.results.length));
  return {
    ...end,
    results: end.results.map((r) => {
      const out = lastBytes(r.stdout_tail, each);
      const err = lastBytes(r.stderr_tail, each);
      return {
        ...r,
        stdout_tail: out.text,
        stderr_tail: err.text,
        truncated_bytes: r.truncated_bytes + out.cut + err.cut
      };
    })
  };
}
function lastBytes(text, max) {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= max) return { text, cut: 0 };
  let start = bytes.length - max;
  while (start < bytes.length && (bytes[start] & 192) === 128) start++;
  return { text: bytes.subarray(start).toString("utf8"), cut: start };
}
var endKey = (executionId) => `end:${executionId}`;
async function deliverEnd(client, executionId, key, end) {
  const reply = await client.request(
    "POST",
    `/api/v1/recordings/${encodeURIComponent(executionId)}/end`,
    { body: end, headers: { "Idempotency-Key": key } }
  );
  return reply.body;
}

// src/remote/flush-spool.ts
async function flushSpool(options) {
  const { entries, damaged } = await readSpool(options.dataDir);
  const result = {
    delivered: [],
    late: [],
    pending: [],
    rejected: [],
    dropped: [],
    damaged,
    skipped: 0
  };
  const down = /* @__PURE__ */ new Map();
  for (const { file, entry } of entries) {
    if (options.only !== void 0 && entry.server !== options.only) {
      result.skipped++;
      continue;
    }
    const server = options.to ?? entry.server;
    const known = down.get(server);
    if (known !== void 0) {
      result.pending.push({ id: entry.execution_id, server, reason: known });
      continue;
    }
    try {
      const record = await deliverEnd(
        options.clientFor(server),
        entry.execution_id,
        entry.idempotency_key,
        entry.end
      );
      await removeSpoolEntry(file);
      result.delivered.push(entry.execution_id);
      if (record?.late_end) result.late.push(entry.execution_id);
    } catch (err) {
      const reason = err.message;
      const code = err instanceof OpsledgerError ? err.code : "INTERNAL";
      if (code === "NOT_FOUND" && entry.start_unconfirmed === true) {
        await removeSpoolEntry(file);
        result.dropped.push(entry.execution_id);
      } else if (code === "RUN_ALREADY_ENDED" || code === "NOT_FOUND") {
        result.rejected.push({ id: entry.execution_id, file: await rejectSpoolEntry(file), reason });
      } else {
        if (isTransient(err)) down.set(server, reason);
        result.pending.push({ id: entry.execution_id, server, reason });
      }
    }
  }
  return result;
}

// src/cli/close-abandoned.ts
function closeAbandonedFromCli(ctx, journal, closedBy) {
  return closeAbandonedRuns({
    dataDir: ctx.dataDir,
    journal,
    now: ctx.now,
    closedBy,
    onWarning: (m) => ctx.out.info(`warning: ${m}`)
  });
}

// src/remote/heartbeat.ts
function startHeartbeat(options) {
  const every = Math.max(250, Math.floor(options.leaseSeconds * 1e3 / 3));
  const path2 = `/api/v1/recordings/${encodeURIComponent(options.executionId)}/heartbeat`;
  let busy = false;
  let stopped = false;
  let warned = false;
  const warn = (message) => {
    if (warned || stopped) return;
    warned = true;
    try {
      options.onWarning?.(message);
    } catch {
    }
  };
  const beat = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      await options.client.request("POST", path2, { timeoutMs: every });
      warned = false;
    } catch (err) {
      if (isTransient(err)) {
        warn(
          `warning: ${options.executionId}: cannot renew the run's lease at the service (${err.message}); the run goes on`
        );
      } else {
        warn(
          `warning: ${options.executionId}: the service no longer renews this run (${err.message}); the run goes on and its end is delivered as usual`
        );
        stop();
      }
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void beat().catch(() => void 0), every);
  timer.unref();
  const stop = () => {
    stopped = true;
    clearInterval(timer);
  };
  return { stop };
}

// src/remote/remote-journal.ts
var RemoteJournal = class {
  constructor(options) {
    this.options = options;
  }
  options;
  started = /* @__PURE__ */ new Map();
  /** Runs whose end is in the spool, not acknowledged by the service yet: id → spool file. */
  spooled = /* @__PURE__ */ new Map();
  /** Runs the service had closed `abandoned` (their lease lapsed) before their end arrived: kept as late ends. */
  late = /* @__PURE__ */ new Set();
  /** The lease renewals of the runs going on (docs/executions.md, Remote recording). */
  heartbeats = /* @__PURE__ */ new Map();
  async append(input) {
    return this.started.has(input.id) ? this.end(input) : this.start(input);
  }
  async start(input) {
    if (input.status !== "running")
      throw new OpsledgerError("INTERNAL", `run ${input.id} ends before it started`);
    const body = {
      id: input.id,
      action_id: input.action_id,
      trigger: input.trigger === "external" ? "external" : "manual",
      definition: input.definition,
      targets: input.targets,
      parameters: input.parameters,
      started_at: input.started_at,
      ...input.command ? { command: input.command.map((a) => a.slice(0, 4e3)) } : {},
      ...input.initiator.os_user ? { os_user: input.initiator.os_user } : {},
      ...input.initiator.host ? { host: input.initiator.host } : {},
      allow_dirty: this.options.allowDirty,
      allow_unreleased: this.options.allowUnreleased
    };
    try {
      const reply = await this.retry(
        () => this.options.client.request("POST", "/api/v1/recordings", { body })
      );
      this.started.set(input.id, reply.body);
      const leaseSeconds = Number(reply.headers.get("opsledger-lease-seconds"));
      if (Number.isFinite(leaseSeconds) && leaseSeconds > 0) {
        this.heartbeats.set(
          input.id,
          startHeartbeat({
            client: this.options.client,
            executionId: input.id,
            leaseSeconds,
            ...this.options.onWarning ? { onWarning: this.options.onWarning } : {}
          })
        );
      }
      return reply.body;
    } catch (err) {
      if (!isTransient(err)) throw err;
      await this.spoolUnconfirmedStart(input, err).catch(() => void 0);
      const e = err;
      throw new OpsledgerError(e.code, `${e.message}; the run was not started, nothing ran`, {
        cause: err,
        hint: e.hint,
        ...e.details ? { details: e.details } : {}
      });
    }
  }
  async end(input) {
    this.stopHeartbeat(input.id);
    const end = toRemoteEnd(input);
    const key = endKey(input.id);
    let file = null;
    try {
      file = await this.spool(input, end, key, "not acknowledged yet");
    } catch {
      file = null;
    }
    try {
      const record = await this.retry(() => deliverEnd(this.options.client, input.id, key, end));
      if (file) await removeSpoolEntry(file);
      if (!record.late_end) return record;
      this.late.add(input.id);
      this.options.onWarning?.(describeLateEnd(input.id));
      return { ...input, seq: record.seq, prev_hash: "", hash: "" };
    } catch (err) {
      if (!isTransient(err) || file === null) throw err;
      await this.spool(input, end, key, err.message);
      this.spooled.set(input.id, file);
      return { ...input, seq: 0, prev_hash: "", hash: "" };
    }
  }
  spool(input, end, key, reason) {
    return writeSpoolEntry(this.options.dataDir, {
      v: 1,
      server: this.options.client.url,
      execution_id: input.id,
      action_id: input.action_id,
      idempotency_key: key,
      end,
      spooled_at: this.options.now().toISOString(),
      reason
    });
  }
  async spoolUnconfirmedStart(input, err) {
    const at = this.options.now();
    await writeSpoolEntry(this.options.dataDir, {
      v: 1,
      server: this.options.client.url,
      execution_id: input.id,
      action_id: input.action_id,
      idempotency_key: endKey(input.id),
      end: {
        status: "cancelled",
        finished_at: at.toISOString(),
        duration_ms: Math.max(0, at.getTime() - Date.parse(input.started_at)),
        exit_code: null,
        error: `not run: the service did not confirm the start (${err.message.slice(0, 500)})`
      },
      spooled_at: at.toISOString(),
      reason: err.message,
      start_unconfirmed: true
    });
  }
  async retry(attempt) {
    const tries = this.options.attempts ?? 3;
    let delay = this.options.retryDelayMs ?? 250;
    for (let i = 1; ; i++) {
      try {
        return await attempt();
      } catch (err) {
        if (i >= tries || !isTransient(err)) throw err;
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay *= 2;
      }
    }
  }
  // A recorder's journal: it knows only the runs it started; reads go through the service (docs/executions.md).
  async appendIf(input, when) {
    return when(await this.get(input.id)) ? this.append(input) : null;
  }
  async query() {
    return [];
  }
  async count() {
    return 0;
  }
  recordCount() {
    return 0;
  }
  async get(id) {
    return this.started.get(id) ?? null;
  }
  async records() {
    return [];
  }
  async *scan() {
  }
  async refresh() {
  }
  head() {
    return null;
  }
  resolveUser(stored) {
    return stored;
  }
  async close() {
    for (const id of [...this.heartbeats.keys()]) this.stopHeartbeat(id);
  }
  stopHeartbeat(id) {
    this.heartbeats.get(id)?.stop();
    this.heartbeats.delete(id);
  }
};
function describeLateEnd(id) {
  return `warning: ${id}: the service had recorded this run abandoned (its lease lapsed while the service could not be reached); the end is kept with it as its late end`;
}

// src/cli/fault-hook.ts
function applyFaultHook(journal, env) {
  if (env.OPSLEDGER_FAULT !== "enospc-on-end") return journal;
  const append = journal.append.bind(journal);
  journal.append = (input) => input.status === "running" ? append(input) : Promise.reject(
    new OpsledgerError(
      "JOURNAL_UNAVAILABLE",
      "cannot write the execution journal: ENOSPC: no space left on device, write (OPSLEDGER_FAULT)"
    )
  );
  return journal;
}

// src/cli/remote-recording.ts
function addServerOption(command, what) {
  return command.option("--server <url>", `${what} the central service at URL (default: server.url of opsledger.yaml)`).option("--no-server", "use the local journal even when server.url is set");
}
function serviceFor(ctx, opts) {
  if (opts.server === false) return null;
  const url = opts.server ?? ctx.config.server.url;
  if (url === void 0) return null;
  const flag = opts.server === void 0 ? "server.url" : "--server";
  const apiKey = ctx.env.OPSLEDGER_API_KEY;
  if (!apiKey) {
    throw new OpsledgerError("AUTH_REQUIRED", `${flag} ${url}: OPSLEDGER_API_KEY is not set`, {
      hint: "Put your API key in OPSLEDGER_API_KEY (an admin creates one with `opsledger keys create`)."
    });
  }
  return createServiceClient({ url: normalizeServerUrl(url, flag), apiKey });
}
async function openRecordingJournal(ctx, opts, command) {
  const client = serviceFor(ctx, opts);
  if (client === null) {
    refuseLocalRecording(ctx, command);
    const journal = applyFaultHook(await openCliJournal(ctx), ctx.env);
    await closeAbandonedFromCli(ctx, journal, command);
    return { journal, remote: null, close: () => journal.close() };
  }
  await closeLocalLeftovers(ctx, command);
  await flushFromCli(ctx, client);
  const remote = new RemoteJournal({
    client,
    dataDir: ctx.dataDir,
    allowDirty: opts.allowDirty === true,
    allowUnreleased: opts.allowUnreleased === true,
    now: ctx.now,
    onWarning: (message) => ctx.out.info(message)
  });
  return { journal: remote, remote, close: () => remote.close() };
}
function refuseLocalRecording(ctx, command, hint) {
  if (!ctx.config.executions.require_server) return;
  throw new OpsledgerError(
    "SERVER_REQUIRED",
    `opsledger.yaml sets executions.require_server: \`opsledger ${command}\` does not record runs in a local journal`,
    hint ? { hint } : {}
  );
}
async function closeLocalLeftovers(ctx, command) {
  if (!hasDeadLeases(ctx.dataDir)) return;
  try {
    const journal = await openCliJournal(ctx);
    try {
      await closeAbandonedFromCli(ctx, journal, command);
    } finally {
      await journal.close();
    }
  } catch (err) {
    ctx.out.info(`warning: cannot clean up after dead recorders now: ${err.message}`);
  }
}
async function flushFromCli(ctx, client) {
  try {
    const result = await flushSpool({ dataDir: ctx.dataDir, clientFor: () => client, only: client.url });
    for (const line of describeFlush(result, false)) ctx.out.info(line);
  } catch (err) {
    ctx.out.info(`warning: cannot deliver the spooled end records now: ${err.message}`);
  }
}
function describeFlush(result, all) {
  const lines = [];
  if (result.delivered.length > 0 || all)
    lines.push(`spool: delivered ${result.delivered.length} end record(s)${list(result.delivered)}`);
  for (const id of result.late) lines.push(describeLateEnd(id));
  for (const p of result.pending) lines.push(`spool: ${p.id} still spooled for ${p.server}: ${p.reason}`);
  for (const r of result.rejected)
    lines.push(
      `warning: spool: the service refused the end of ${r.id} for good (${r.reason}); kept in ${r.file}`
    );
  if (result.dropped.length > 0)
    lines.push(
      `spool: ${result.dropped.length} start(s) the service never recorded: nothing ran, nothing to deliver`
    );
  for (const d of result.damaged)
    lines.push(`warning: spool: ${d} is not a readable spool entry; left as is`);
  return lines;
}
var list = (ids) => ids.length > 0 ? ` (${ids.join(", ")})` : "";
function reportSpooled(ctx, remote, final) {
  const file = remote?.spooled.get(final.id);
  if (!file) return;
  ctx.out.info(
    `${final.id}: the service cannot be reached; the end of the run (${final.status}) is spooled in ${file}. \`opsledger spool flush\` delivers it, as does the next command that talks to the service.`
  );
}
function presentFinal(final, journal, remote) {
  if (!remote) return presentExecution(final, (s) => journal.resolveUser(s));
  const file = remote.spooled.get(final.id);
  const { seq: _seq, prev_hash: _prev, hash: _hash, ...end } = final;
  if (remote.late.has(final.id)) return { ...end, recorded_as: "abandoned", late_end: true };
  if (!file) return final;
  return { ...end, spooled: file };
}

export {
  normalizeServerUrl,
  createServiceClient,
  readSpool,
  flushSpool,
  closeAbandonedFromCli,
  addServerOption,
  serviceFor,
  openRecordingJournal,
  refuseLocalRecording,
  flushFromCli,
  describeFlush,
  reportSpooled,
  presentFinal
};
