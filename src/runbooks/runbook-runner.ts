import type { Runbook, Scalar } from '../definitions/types.js';
import { scrubText } from '../executions/scrub-secrets.js';
import { startRun } from '../executions/start-run.js';
import type { ExecutionInput, ExecutionRecord, RunbookStepState } from '../executions/types.js';
import { foldAttempt, planNextStep } from './plan-next-step.js';
import type { StartRunbookRunOptions } from './runbook-run-types.js';

/** Drives one run: asks the planner what is next, does it, records every change of state. */
export class RunbookRunner {
  private last: ExecutionRecord;
  private steps: RunbookStepState[];
  private cancelledBy: string | null = null;
  private readonly stop = new AbortController();

  constructor(
    private readonly options: StartRunbookRunOptions,
    private readonly runbook: Runbook,
    private readonly commit: string,
    private readonly checked: { values: Record<string, Scalar>; secrets: string[] },
    start: ExecutionRecord,
    private readonly now: () => Date,
  ) {
    this.last = start;
    this.steps = structuredClone(start.steps ?? []);
    options.signal?.addEventListener('abort', () => this.abort(String(options.signal?.reason ?? 'signal')), {
      once: true,
    });
  }

  private abort(reason: string): void {
    this.cancelledBy ??= reason;
    this.stop.abort(reason);
  }

  async run(): Promise<ExecutionInput> {
    let error: string | undefined;
    for (;;) {
      await this.sync();
      if (this.cancelledBy) return this.end('cancelled', `cancelled: ${this.cancelledBy}`);
      const decision = planNextStep(this.runbook, this.steps, this.checked.values);
      if (decision.kind === 'done') return this.end(decision.status, decision.reason ?? error);
      const step = this.runbook.steps[decision.index]!;
      const state = this.steps[decision.index]!;
      if (decision.kind === 'skip') {
        state.status = 'skipped';
        state.reason = decision.reason;
        this.options.onProgress?.(`step ${step.id}: skipped (${decision.reason})`);
        await this.record('running');
        continue;
      }
      if (decision.kind === 'wait') {
        if (state.status !== 'waiting') {
          state.status = 'waiting';
          this.options.onProgress?.(
            `step ${step.id}: waiting for a confirmation (opsledger runbook confirm ${this.last.id} ${step.id})`,
          );
          await this.record('waiting');
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
  private async runStep(
    index: number,
    attempt: number,
    params: Record<string, Scalar>,
  ): Promise<string | undefined> {
    const step = this.runbook.steps[index]!;
    const state = this.steps[index]!;
    const previous = state.status;
    state.status = 'running';
    state.started_at ??= this.now().toISOString();
    await this.record('running');
    const watch = setInterval(() => void this.sync().catch(() => undefined), this.options.pollMs ?? 200);
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
        trigger: 'runbook',
        allowDirty: false,
        allowUnreleased: this.options.allowUnreleased === true,
        atCommit: this.commit,
        ...(step.timeout ? { timeoutSeconds: step.timeout } : {}),
        extra: { runbook_run_id: this.last.id, step_id: step.id, attempt },
        signal: this.stop.signal,
        now: this.now,
        env: this.options.env,
        definitionsDir: this.options.definitionsDir,
        ...(this.options.history ? { history: this.options.history } : {}),
        ...(this.options.killGraceMs !== undefined ? { killGraceMs: this.options.killGraceMs } : {}),
        ...(this.options.tempDir ? { tempDir: this.options.tempDir } : {}),
        onOutput: this.options.onOutput
          ? (target, _stream, line) => this.options.onOutput!(step.id, target, line)
          : undefined,
      });
      this.options.onProgress?.(`step ${step.id}: ${started.record.id} running ${step.action}`);
      const final = await started.done;
      state.executions.push(final.id);
      state.exit_code = final.exit_code;
      state.status = foldAttempt(step, previous, attempt, toStepStatus(final.status));
      state.finished_at = final.finished_at ?? this.now().toISOString();
      this.options.onProgress?.(`step ${step.id}: ${final.status}`);
      return undefined;
    } catch (err) {
      // Refused before anything ran (unreleased action, a parameter that does not fit): the step failed.
      const message = scrubText((err as Error).message, this.checked.secrets);
      state.status = 'failed';
      state.reason = message;
      state.finished_at = this.now().toISOString();
      this.options.onProgress?.(`step ${step.id}: failed before it ran: ${message}`);
      return `step "${step.id}" could not start: ${message}`;
    } finally {
      clearInterval(watch);
      await this.record('running');
    }
  }

  /** Pick up what other processes recorded for this run: a confirmation, a rejection, a cancel request. */
  private async sync(): Promise<void> {
    await this.options.journal.refresh();
    const latest = await this.options.journal.get(this.last.id);
    if (!latest || latest.hash === this.last.hash) return;
    this.last = latest;
    this.adopt(latest);
  }

  private adopt(latest: ExecutionRecord): void {
    for (const theirs of latest.steps ?? []) {
      const mine = this.steps.find((s) => s.id === theirs.id);
      if (mine?.status === 'waiting' && (theirs.status === 'confirmed' || theirs.status === 'rejected')) {
        mine.status = theirs.status;
        mine.decided_by = theirs.decided_by;
        if (theirs.reason) mine.reason = theirs.reason;
      }
    }
    if (latest.cancel_requested)
      this.abort(`requested by ${this.options.journal.resolveUser(latest.cancel_requested.user)}`);
  }

  /** Append the run's state, only on top of the latest record this runner has seen (else adopt it and retry). */
  private async record(status: 'running' | 'waiting'): Promise<void> {
    for (;;) {
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

  private input(status: ExecutionInput['status']): ExecutionInput {
    const { seq: _s, prev_hash: _p, hash: _h, ...fields } = this.last;
    return { ...fields, status, steps: structuredClone(this.steps) };
  }

  private async end(status: 'succeeded' | 'failed' | 'cancelled', error?: string): Promise<ExecutionInput> {
    for (const state of this.steps) {
      if (state.status === 'pending' || state.status === 'waiting' || state.status === 'confirmed') {
        state.status = 'skipped';
        state.reason = status === 'cancelled' ? 'the run was cancelled' : 'the run ended';
      }
    }
    const finished = this.now();
    const startedMs = Date.parse(this.last.started_at);
    return {
      ...this.input(status),
      finished_at: finished.toISOString(),
      duration_ms: Math.max(0, finished.getTime() - startedMs),
      ...(error ? { error: scrubText(error, this.checked.secrets) } : {}),
    };
  }

  /** Wait, but wake up for a cancel (a signal or a request found by polling). */
  private async pause(ms: number): Promise<void> {
    const poll = this.options.pollMs ?? 200;
    const until = Date.now() + ms;
    while (!this.cancelledBy) {
      const left = until - Date.now();
      if (left <= 0) return;
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(
          () => {
            this.stop.signal.removeEventListener('abort', wake);
            resolve();
          },
          Math.min(left, poll),
        );
        this.stop.signal.addEventListener('abort', wake, { once: true });
      });
      if (ms > poll) await this.sync();
    }
  }
}

function toStepStatus(status: ExecutionRecord['status']): RunbookStepState['status'] {
  switch (status) {
    case 'succeeded':
    case 'failed':
    case 'timed_out':
    case 'cancelled':
      return status;
    default:
      return 'failed';
  }
}
