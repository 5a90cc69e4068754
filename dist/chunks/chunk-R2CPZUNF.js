function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  checkParameters,
  openHistoryFailingClosed,
  recordEnd,
  recordParameters,
  scrubText,
  startRun,
  takeLease
} from "./chunk-ZCIQJW2G.js";
import {
  hmacSecret,
  loadSecretKey
} from "./chunk-4UPVGKS6.js";
import {
  decideAccess
} from "./chunk-FW6C2LA4.js";
import {
  resolvePrincipal
} from "./chunk-A5UXXCI2.js";
import {
  parseDuration,
  renderTemplate
} from "./chunk-PXRWYUTO.js";
import {
  newExecutionId
} from "./chunk-44J7CKGR.js";
import {
  RUN_OUTCOMES
} from "./chunk-G56DPNIV.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";

// src/runbooks/decide-step.ts
async function readRunbookRun(journal, runId) {
  await journal.refresh();
  const latest = await journal.get(runId);
  if (!latest || latest.kind !== "runbook_run") {
    throw new OpsledgerError("RUN_NOT_FOUND", `no runbook run "${runId}" in the journal`);
  }
  return latest;
}
async function decideStep(options) {
  const latest = await readRunbookRun(options.journal, options.runId);
  const waiting = (r) => r?.status === "waiting" && r.steps?.find((s) => s.id === options.stepId)?.status === "waiting";
  if (!waiting(latest)) {
    throw new OpsledgerError(
      "STEP_NOT_WAITING",
      `runbook run ${options.runId} is ${latest.status} and not waiting for step "${options.stepId}"`
    );
  }
  const step = latest.steps.find((s) => s.id === options.stepId);
  const commit = latest.pinned_commit ?? latest.definition.commit ?? "";
  const roles = options.history.definitionsAt("role", commit).map((v) => v.value);
  if (options.access === "always" || roles.length > 0) {
    const action = options.history.definitionsAt("action", commit).find((v) => v.id === step.action);
    const tags = action?.value?.tags ?? [];
    const principal = resolvePrincipal(options.user, roles);
    if (!decideAccess(principal, { kind: "execute", action: { id: step.action, tags } })) {
      throw new OpsledgerError(
        "PERMISSION_DENIED",
        `${options.user} may not ${options.decision} step "${step.id}": it runs "${step.action}", which their roles do not let them run`
      );
    }
  }
  const { seq: _s, prev_hash: _p, hash: _h, ...fields } = latest;
  const decided = {
    ...step,
    status: options.decision === "confirm" ? "confirmed" : "rejected",
    decided_by: { user: options.user, at: options.now().toISOString() },
    ...options.reason ? { reason: options.reason } : {}
  };
  const input = {
    ...fields,
    status: "running",
    steps: latest.steps.map((s) => s.id === step.id ? decided : s)
  };
  const appended = await options.journal.appendIf(input, waiting);
  if (!appended) {
    throw new OpsledgerError(
      "STEP_NOT_WAITING",
      `step "${options.stepId}" was decided by someone else first`
    );
  }
  return appended;
}
async function requestCancel(options) {
  const latest = await readRunbookRun(options.journal, options.runId);
  const open = (r) => r?.status === "running" || r?.status === "waiting";
  if (!open(latest))
    throw new OpsledgerError("RUN_FINISHED", `runbook run ${options.runId} is ${latest.status}`);
  const { seq: _s, prev_hash: _p, hash: _h, ...fields } = latest;
  const appended = await options.journal.appendIf(
    { ...fields, cancel_requested: { user: options.user, at: options.now().toISOString() } },
    open
  );
  if (!appended) throw new OpsledgerError("RUN_FINISHED", `runbook run ${options.runId} ended meanwhile`);
  return appended;
}

// src/runbooks/denied-actions.ts
function deniedActions(runbook, history, commit, options) {
  if (options.access === "none") return [];
  const roles = history.definitionsAt("role", commit).map((v) => v.value);
  if (options.access === "when-roles" && roles.length === 0) return [];
  const principal = resolvePrincipal(options.initiator.user, roles);
  const actions = new Map(history.definitionsAt("action", commit).map((v) => [v.id, v.value]));
  const ids = [...new Set(runbook.steps.map((s) => s.action))];
  return ids.filter(
    (id) => !decideAccess(principal, { kind: "execute", action: { id, tags: actions.get(id)?.tags ?? [] } })
  );
}

// src/runbooks/plan-next-step.ts
var EXECUTED = new Set(RUN_OUTCOMES);
var ENDED = /* @__PURE__ */ new Set([...RUN_OUTCOMES, "skipped", "rejected"]);
var DEFAULT_REPEAT_LIMIT = 100;
function planNextStep(runbook, states, params) {
  for (let index = 0; index < runbook.steps.length; index++) {
    const step = runbook.steps[index];
    const state = states[index];
    if (state.status === "rejected") {
      return { kind: "done", status: "cancelled", reason: `step "${step.id}" was rejected` };
    }
    if (ENDED.has(state.status)) {
      if (shouldRepeat(step, state)) {
        return {
          kind: "run",
          index,
          attempt: state.executions.length + 1,
          delayMs: parseDuration(step.repeat.every) ?? 0,
          params: renderStepParams(step, states, params)
        };
      }
      continue;
    }
    if (state.status === "waiting") return { kind: "wait", index };
    if (state.status === "pending") {
      const skip = describeSkip(step, states.slice(0, index));
      if (skip) return { kind: "skip", index, reason: skip };
      if (step.automatic === false) return { kind: "wait", index };
    }
    return {
      kind: "run",
      index,
      attempt: state.executions.length + 1,
      delayMs: step.delay ? parseDuration(step.delay) ?? 0 : 0,
      params: renderStepParams(step, states, params)
    };
  }
  const failed = states.some((s) => EXECUTED.has(s.status) && s.status !== "succeeded");
  return { kind: "done", status: failed ? "failed" : "succeeded" };
}
function describeSkip(step, earlier) {
  const executed = earlier.filter((s) => EXECUTED.has(s.status));
  const failed = executed.filter((s) => s.status !== "succeeded");
  const when = step.when ?? "on_success";
  if (when === "on_success" && failed.length > 0) {
    return `when: on_success, but step "${failed[0].id}" ${failed[0].status}`;
  }
  if (when === "on_failure" && failed.length === 0) {
    return executed.length === 0 ? "when: on_failure, and no earlier step ran" : "when: on_failure, and every earlier step succeeded";
  }
  return null;
}
function shouldRepeat(step, state) {
  if (!step.repeat || !EXECUTED.has(state.status)) return false;
  if (state.status === "cancelled") return false;
  const limit = step.repeat.times ?? DEFAULT_REPEAT_LIMIT;
  if (state.executions.length >= limit) return false;
  return step.repeat.until === "succeeded" ? state.status !== "succeeded" : true;
}
function foldAttempt(step, previous, attempt, result) {
  if (attempt === 1 || step.repeat?.until === "succeeded") return result;
  return previous !== "succeeded" && EXECUTED.has(previous) ? previous : result;
}
function renderStepParams(step, states, params) {
  const steps = new Map(states.map((s) => [s.id, { status: s.status, exit_code: s.exit_code }]));
  const out = {};
  for (const [key, value] of Object.entries(step.with ?? {}))
    out[key] = renderTemplate(value, { params, steps });
  return out;
}

// src/runbooks/runbook-runner.ts
var RunbookRunner = class {
  constructor(options, runbook, commit, checked, start, now) {
    this.options = options;
    this.runbook = runbook;
    this.commit = commit;
    this.checked = checked;
    this.now = now;
    this.last = start;
    this.steps = structuredClone(start.steps ?? []);
    options.signal?.addEventListener("abort", () => this.abort(String(options.signal?.reason ?? "signal")), {
      once: true
    });
  }
  options;
  runbook;
  commit;
  checked;
  now;
  last;
  steps;
  cancelledBy = null;
  stop = new AbortController();
  abort(reason) {
    this.cancelledBy ??= reason;
    this.stop.abort(reason);
  }
  async run() {
    let error;
    for (; ; ) {
      await this.sync();
      if (this.cancelledBy) return this.end("cancelled", `cancelled: ${this.cancelledBy}`);
      const decision = planNextStep(this.runbook, this.steps, this.checked.values);
      if (decision.kind === "done") return this.end(decision.status, decision.reason ?? error);
      const step = this.runbook.steps[decision.index];
      const state = this.steps[decision.index];
      if (decision.kind === "skip") {
        state.status = "skipped";
        state.reason = decision.reason;
        this.options.onProgress?.(`step ${step.id}: skipped (${decision.reason})`);
        await this.record("running");
        continue;
      }
      if (decision.kind === "wait") {
        if (state.status !== "waiting") {
          state.status = "waiting";
          this.options.onProgress?.(
            `step ${step.id}: waiting for a confirmation (opsledger runbook confirm ${this.last.id} ${step.id})`
          );
          await this.record("waiting");
        }
        await this.pause(this.options.pollMs ?? 200);
        continue;
      }
      if (decision.delayMs > 0) {
        this.options.onProgress?.(`step ${step.id}: starting in ${decision.delayMs} ms`);
        await this.pause(decision.delayMs);
        await this.sync();
        if (this.cancelledBy) continue;
      }
      const failure = await this.runStep(decision.index, decision.attempt, decision.params);
      error ??= failure;
    }
  }
  /** One run of a step through the recorder, pinned to the run's commit; the step's state follows its record. */
  async runStep(index, attempt, params) {
    const step = this.runbook.steps[index];
    const state = this.steps[index];
    const previous = state.status;
    state.status = "running";
    state.started_at ??= this.now().toISOString();
    await this.record("running");
    const watch = setInterval(() => void this.sync().catch(() => void 0), this.options.pollMs ?? 200);
    try {
      const started = await startRun({
        repo: this.options.repo,
        dataDir: this.options.dataDir,
        branch: this.options.branch,
        journal: this.options.journal,
        actionId: step.action,
        params,
        targets: step.targets ?? this.options.targets,
        initiator: { ...this.options.initiator },
        trigger: "runbook",
        allowDirty: false,
        allowUnreleased: this.options.allowUnreleased === true,
        atCommit: this.commit,
        ...step.timeout ? { timeoutSeconds: step.timeout } : {},
        extra: { runbook_run_id: this.last.id, step_id: step.id, attempt },
        signal: this.stop.signal,
        now: this.now,
        env: this.options.env,
        definitionsDir: this.options.definitionsDir,
        ...this.options.history ? { history: this.options.history } : {},
        ...this.options.killGraceMs !== void 0 ? { killGraceMs: this.options.killGraceMs } : {},
        ...this.options.tempDir ? { tempDir: this.options.tempDir } : {},
        onOutput: this.options.onOutput ? (target, _stream, line) => this.options.onOutput(step.id, target, line) : void 0
      });
      this.options.onProgress?.(`step ${step.id}: ${started.record.id} running ${step.action}`);
      const final = await started.done;
      state.executions.push(final.id);
      state.exit_code = final.exit_code;
      state.status = foldAttempt(step, previous, attempt, toStepStatus(final.status));
      state.finished_at = final.finished_at ?? this.now().toISOString();
      this.options.onProgress?.(`step ${step.id}: ${final.status}`);
      return void 0;
    } catch (err) {
      const message = scrubText(err.message, this.checked.secrets);
      state.status = "failed";
      state.reason = message;
      state.finished_at = this.now().toISOString();
      this.options.onProgress?.(`step ${step.id}: failed before it ran: ${message}`);
      return `step "${step.id}" could not start: ${message}`;
    } finally {
      clearInterval(watch);
      await this.record("running");
    }
  }
  /** Pick up what other processes recorded for this run: a confirmation, a rejection, a cancel request. */
  async sync() {
    await this.options.journal.refresh();
    const latest = await this.options.journal.get(this.last.id);
    if (!latest || latest.hash === this.last.hash) return;
    this.last = latest;
    this.adopt(latest);
  }
  adopt(latest) {
    for (const theirs of latest.steps ?? []) {
      const mine = this.steps.find((s) => s.id === theirs.id);
      if (mine?.status === "waiting" && (theirs.status === "confirmed" || theirs.status === "rejected")) {
        mine.status = theirs.status;
        mine.decided_by = theirs.decided_by;
        if (theirs.reason) mine.reason = theirs.reason;
      }
    }
    if (latest.cancel_requested)
      this.abort(`requested by ${this.options.journal.resolveUser(latest.cancel_requested.user)}`);
  }
  /** Append the run's state, only on top of the latest record this runner has seen (else adopt it and retry). */
  async record(status) {
    for (; ; ) {
      const seen = this.last;
      const input = this.input(status);
      const appended = await this.options.journal.appendIf(input, (l) => l?.hash === seen.hash);
      if (appended) {
        this.last = appended;
        return;
      }
      await this.sync();
    }
  }
  input(status) {
    const { seq: _s, prev_hash: _p, hash: _h, ...fields } = this.last;
    return { ...fields, status, steps: structuredClone(this.steps) };
  }
  async end(status, error) {
    for (const state of this.steps) {
      if (state.status === "pending" || state.status === "waiting" || state.status === "confirmed") {
        state.status = "skipped";
        state.reason = status === "cancelled" ? "the run was cancelled" : "the run ended";
      }
    }
    const finished = this.now();
    const startedMs = Date.parse(this.last.started_at);
    return {
      ...this.input(status),
      finished_at: finished.toISOString(),
      duration_ms: Math.max(0, finished.getTime() - startedMs),
      ...error ? { error: scrubText(error, this.checked.secrets) } : {}
    };
  }
  /** Wait, but wake up for a cancel (a signal or a request found by polling). */
  async pause(ms) {
    const poll = this.options.pollMs ?? 200;
    const until = Date.now() + ms;
    while (!this.cancelledBy) {
      const left = until - Date.now();
      if (left <= 0) return;
      await new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(
          () => {
            this.stop.signal.removeEventListener("abort", wake);
            resolve();
          },
          Math.min(left, poll)
        );
        this.stop.signal.addEventListener("abort", wake, { once: true });
      });
      if (ms > poll) await this.sync();
    }
  }
};
function toStepStatus(status) {
  switch (status) {
    case "succeeded":
    case "failed":
    case "timed_out":
    case "cancelled":
      return status;
    default:
      return "failed";
  }
}

// src/runbooks/start-runbook-run.ts
async function startRunbookRun(options) {
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const history = options.history ?? await openHistoryFailingClosed(options);
  const commit = history.tip();
  const version = commit ? history.definitionsAt("runbook", commit).find((v) => v.id === options.runbookId) : void 0;
  if (!commit || !version) {
    throw new OpsledgerError(
      "DEFINITION_NOT_FOUND",
      `no runbook "${options.runbookId}" on ${options.branch}`
    );
  }
  const runbook = version.value;
  if (runbook.status !== "released" && options.allowUnreleased !== true) {
    throw new OpsledgerError(
      "DEFINITION_UNRELEASED",
      `runbook "${runbook.id}" is ${runbook.status}, not released`
    );
  }
  const checked = checkParameters(runbook.parameters ?? [], options.params);
  const key = await loadSecretKey(options.dataDir, now);
  const startedAt = now();
  const base = {
    id: (options.makeId ?? newExecutionId)(startedAt),
    kind: "runbook_run",
    action_id: runbook.id,
    definition: {
      commit: version.commit,
      blob: version.blob,
      path: version.path,
      version: version.version,
      status: runbook.status,
      dirty: false
    },
    pinned_commit: commit,
    trigger: options.trigger,
    initiator: { ...options.initiator },
    targets: [...options.targets],
    parameters: recordParameters(runbook.parameters ?? [], checked.values, (v) => hmacSecret(key, v)),
    started_at: startedAt.toISOString(),
    finished_at: null,
    duration_ms: null,
    status: "running",
    exit_code: null,
    steps: runbook.steps.map((s) => ({
      id: s.id,
      action: s.action,
      status: "pending",
      executions: [],
      exit_code: null
    })),
    ...options.extra
  };
  const denied = deniedActions(runbook, history, commit, options);
  if (denied.length > 0) {
    const record2 = await options.journal.append({
      ...base,
      status: "denied",
      finished_at: base.started_at,
      duration_ms: 0,
      error: `denied: ${options.initiator.user} may not run ${denied.map((a) => `"${a}"`).join(", ")} (actions:execute, roles at ${commit.slice(0, 12)})`
    });
    throw new OpsledgerError("PERMISSION_DENIED", `${record2.error} \u2014 recorded as ${record2.id}; nothing ran`);
  }
  const lease = await takeLease(options, base);
  let record;
  try {
    record = options.claim ? await options.journal.appendIf(base, (latest) => latest === null) : await options.journal.append(base);
    if (!record) throw new OpsledgerError("FIRING_CLAIMED", `run ${base.id} was started by another recorder`);
  } catch (err) {
    lease.release();
    throw err;
  }
  const runner = new RunbookRunner(options, runbook, commit, checked, record, now);
  const done = runner.run().then((end) => recordEnd(options.journal, lease, end));
  return { record, done };
}

export {
  decideStep,
  requestCancel,
  startRunbookRun
};
