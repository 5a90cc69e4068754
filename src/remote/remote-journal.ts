import { OpsledgerError } from '../errors/opsledger-error.js';
import type { ExecutionInput, ExecutionRecord, Journal } from '../executions/types.js';
import { startHeartbeat, type Heartbeat } from './heartbeat.js';
import { deliverEnd, endKey, toRemoteEnd, type RemoteEnd } from './remote-end.js';
import { isTransient, type ServiceClient } from './service-client.js';
import { removeSpoolEntry, writeSpoolEntry } from './spool.js';

export interface RemoteJournalOptions {
  client: ServiceClient;
  dataDir: string;
  allowDirty: boolean;
  allowUnreleased: boolean;
  now: () => Date;
  /** Tries of one request while the service looks down (default 3), `retryDelayMs` apart, doubling. */
  attempts?: number;
  retryDelayMs?: number;
  /** Heartbeat trouble and late ends, for stderr; never fatal. */
  onWarning?: (message: string) => void;
}

/**
 * The journal port of a run recorded through the service (docs/executions.md, Remote recording), so the recorder
 * (`startRun`, `startExternal`) runs exactly as for a local journal: the start goes to `POST /recordings`, which
 * authorizes it (a refusal throws and nothing runs); the end is first written to the spool (fsync'd), then sent to
 * `POST /recordings/{id}/end` with the run's idempotency key, and dropped from the spool once acknowledged. When the
 * service cannot be reached the end stays spooled (`spooled` names its file) for `spool flush` or the next command.
 * Reads go through the service's routes, not through this port.
 */
export class RemoteJournal implements Journal {
  private readonly started = new Map<string, ExecutionRecord>();
  /** Runs whose end is in the spool, not acknowledged by the service yet: id → spool file. */
  readonly spooled = new Map<string, string>();
  /** Runs the service had closed `abandoned` (their lease lapsed) before their end arrived: kept as late ends. */
  readonly late = new Set<string>();
  /** The lease renewals of the runs going on (docs/executions.md, Remote recording). */
  private readonly heartbeats = new Map<string, Heartbeat>();

  constructor(private readonly options: RemoteJournalOptions) {}

  async append(input: ExecutionInput): Promise<ExecutionRecord> {
    return this.started.has(input.id) ? this.end(input) : this.start(input);
  }

  private async start(input: ExecutionInput): Promise<ExecutionRecord> {
    if (input.status !== 'running')
      throw new OpsledgerError('INTERNAL', `run ${input.id} ends before it started`);
    const body = {
      id: input.id,
      action_id: input.action_id,
      trigger: input.trigger === 'external' ? 'external' : 'manual',
      definition: input.definition,
      targets: input.targets,
      parameters: input.parameters,
      started_at: input.started_at,
      ...(input.command ? { command: input.command.map((a) => a.slice(0, 4000)) } : {}),
      ...(input.initiator.os_user ? { os_user: input.initiator.os_user } : {}),
      ...(input.initiator.host ? { host: input.initiator.host } : {}),
      allow_dirty: this.options.allowDirty,
      allow_unreleased: this.options.allowUnreleased,
    };
    try {
      const reply = await this.retry(() =>
        this.options.client.request<ExecutionRecord>('POST', '/api/v1/recordings', { body }),
      );
      this.started.set(input.id, reply.body);
      const leaseSeconds = Number(reply.headers.get('opsledger-lease-seconds'));
      if (Number.isFinite(leaseSeconds) && leaseSeconds > 0) {
        this.heartbeats.set(
          input.id,
          startHeartbeat({
            client: this.options.client,
            executionId: input.id,
            leaseSeconds,
            ...(this.options.onWarning ? { onWarning: this.options.onWarning } : {}),
          }),
        );
      }
      return reply.body;
    } catch (err) {
      // The start may have been recorded without the answer arriving: close it (nothing ran) once the service is back.
      if (!isTransient(err)) throw err;
      await this.spoolUnconfirmedStart(input, err as Error).catch(() => undefined);
      const e = err as OpsledgerError;
      throw new OpsledgerError(e.code, `${e.message}; the run was not started, nothing ran`, {
        cause: err,
        hint: e.hint,
        ...(e.details ? { details: e.details } : {}),
      });
    }
  }

  private async end(input: ExecutionInput): Promise<ExecutionRecord> {
    this.stopHeartbeat(input.id);
    const end = toRemoteEnd(input);
    const key = endKey(input.id);
    let file: string | null = null;
    try {
      file = await this.spool(input, end, key, 'not acknowledged yet');
    } catch {
      file = null; // A spool that cannot be written: deliver directly, as the only copy.
    }
    try {
      const record = await this.retry(() => deliverEnd(this.options.client, input.id, key, end));
      if (file) await removeSpoolEntry(file);
      if (!record.late_end) return record;
      // The run is `abandoned` at the service, its end kept beside; this command still reports (and exits with) how
      // the run really ended, as when the end is spooled.
      this.late.add(input.id);
      this.options.onWarning?.(describeLateEnd(input.id));
      return { ...input, seq: record.seq, prev_hash: '', hash: '' };
    } catch (err) {
      if (!isTransient(err) || file === null) throw err;
      await this.spool(input, end, key, (err as Error).message);
      this.spooled.set(input.id, file);
      return { ...input, seq: 0, prev_hash: '', hash: '' };
    }
  }

  private spool(input: ExecutionInput, end: RemoteEnd, key: string, reason: string): Promise<string> {
    return writeSpoolEntry(this.options.dataDir, {
      v: 1,
      server: this.options.client.url,
      execution_id: input.id,
      action_id: input.action_id,
      idempotency_key: key,
      end,
      spooled_at: this.options.now().toISOString(),
      reason,
    });
  }

  private async spoolUnconfirmedStart(input: ExecutionInput, err: Error): Promise<void> {
    const at = this.options.now();
    await writeSpoolEntry(this.options.dataDir, {
      v: 1,
      server: this.options.client.url,
      execution_id: input.id,
      action_id: input.action_id,
      idempotency_key: endKey(input.id),
      end: {
        status: 'cancelled',
        finished_at: at.toISOString(),
        duration_ms: Math.max(0, at.getTime() - Date.parse(input.started_at)),
        exit_code: null,
        error: `not run: the service did not confirm the start (${err.message.slice(0, 500)})`,
      },
      spooled_at: at.toISOString(),
      reason: err.message,
      start_unconfirmed: true,
    });
  }

  private async retry<T>(attempt: () => Promise<T>): Promise<T> {
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
  async appendIf(
    input: ExecutionInput,
    when: (latest: ExecutionRecord | null) => boolean,
  ): Promise<ExecutionRecord | null> {
    return when(await this.get(input.id)) ? this.append(input) : null;
  }
  async query(): Promise<ExecutionRecord[]> {
    return [];
  }
  async count(): Promise<number> {
    return 0;
  }
  recordCount(): number {
    return 0;
  }
  async get(id: string): Promise<ExecutionRecord | null> {
    return this.started.get(id) ?? null;
  }
  async records(): Promise<ExecutionRecord[]> {
    return [];
  }
  async *scan(): AsyncGenerator<ExecutionRecord> {}
  async refresh(): Promise<void> {}
  head(): null {
    return null;
  }
  resolveUser(stored: string): string {
    return stored;
  }
  async close(): Promise<void> {
    for (const id of [...this.heartbeats.keys()]) this.stopHeartbeat(id);
  }

  private stopHeartbeat(id: string): void {
    this.heartbeats.get(id)?.stop();
    this.heartbeats.delete(id);
  }
}

/** What the CLI says when its end reached a run the service had closed `abandoned` meanwhile. */
export function describeLateEnd(id: string): string {
  return `warning: ${id}: the service had recorded this run abandoned (its lease lapsed while the service could not be reached); the end is kept with it as its late end`;
}
