import { abandonedInput } from '../executions/close-abandoned-runs.js';
import { recordedVia } from '../executions/recorded-via.js';
import type { ExecutionInput, ExecutionRecord, Journal } from '../executions/types.js';
import type { RecordingLeases } from './recording-leases.js';

export interface LapsedRecordingOptions {
  journal: Journal;
  leases: RecordingLeases;
  now: () => Date;
  /** `server.recording_lease_seconds`, in ms. */
  leaseMs: number;
  onWarning?: (message: string) => void;
}

/** A run the CLI carries out and the service records (`POST /recordings`): the only runs that hold a service lease. */
export function isRemoteRecording(record: ExecutionRecord): boolean {
  return record.initiator.via === 'cli' && recordedVia(record) === 'server';
}

/**
 * The watchdog's round (docs/executions.md, Remote recording): every run whose lease lapsed is claimed, and closed
 * `abandoned` if it is still `running`. Several instances may run it at once: the claim gives each run to one, and
 * the append is conditional under the journal's lock, so one `abandoned` record is written whatever races.
 */
export async function closeLapsedRecordings(options: LapsedRecordingOptions): Promise<ExecutionRecord[]> {
  const at = options.now();
  const ids = await options.leases.claimLapsed(at, new Date(at.getTime() + options.leaseMs));
  const closed: ExecutionRecord[] = [];
  for (const id of ids) {
    try {
      const record = await closeLapsedRecording(id, options);
      if (record) closed.push(record);
    } catch (err) {
      // The claim lapses again; the next round tries once more.
      options.onWarning?.(`cannot close remote run ${id} whose lease lapsed: ${(err as Error).message}`);
    }
  }
  return closed;
}

/**
 * Close one remote run whose lease lapsed: an `abandoned` record appended only while the run is still `running`,
 * then its lease dropped. Null when the run had ended (its end came first) or is not a remote recording.
 */
export async function closeLapsedRecording(
  id: string,
  options: LapsedRecordingOptions,
): Promise<ExecutionRecord | null> {
  await options.journal.refresh();
  const latest = await options.journal.get(id);
  if (!latest || latest.status !== 'running' || !isRemoteRecording(latest)) {
    await options.leases.drop(id);
    return null;
  }
  const appended = await options.journal.appendIf(
    lapsedInput(latest, options),
    (l) => l?.status === 'running',
  );
  await options.leases.drop(id);
  if (appended) {
    options.onWarning?.(
      `run ${id} (${latest.action_id}) recorded through the service: its CLI stopped renewing the lease; recorded as abandoned (seq ${appended.seq})`,
    );
  }
  return appended;
}

/**
 * Give every open remote run a lease if it has none (at start-up: runs started before a restart of a service on a
 * file journal, or by a service without leases), so a CLI that died before it is closed in one lease's time.
 */
export async function adoptOpenRecordings(options: LapsedRecordingOptions): Promise<number> {
  await options.journal.refresh();
  const open = await options.journal.query({ status: 'running', limit: 100_000 });
  const until = new Date(options.now().getTime() + options.leaseMs);
  let adopted = 0;
  for (const run of open) {
    if (!isRemoteRecording(run)) continue;
    await options.leases.adopt(run.id, until);
    adopted++;
  }
  return adopted;
}

/** The closing record of a remote run whose lease lapsed: the start's fields, `abandoned`, and why. */
export function lapsedInput(
  start: ExecutionRecord,
  options: { now: () => Date; leaseMs: number },
): ExecutionInput {
  const where = [start.initiator.os_user, start.initiator.host].filter(Boolean).join(' on ');
  return {
    ...abandonedInput(start, null, { now: options.now, closedBy: 'serve' }),
    error:
      `abandoned: the CLI recording this run${where ? ` (${where})` : ''} stopped renewing its lease ` +
      `(${Math.round(options.leaseMs / 1000)} s): killed, or cut off from the service; closed by \`opsledger serve\`. ` +
      'How the run ended is unknown unless its CLI delivers the end later (kept as `late_end`): check its targets.',
  };
}
