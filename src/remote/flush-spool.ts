import { OpsledgerError } from '../errors/opsledger-error.js';
import { deliverEnd } from './remote-end.js';
import { isTransient, type ServiceClient } from './service-client.js';
import { readSpool, rejectSpoolEntry, removeSpoolEntry } from './spool.js';

export interface FlushOptions {
  dataDir: string;
  /** The client of a service URL (one per URL; the API key comes from the caller). */
  clientFor: (url: string) => ServiceClient;
  /** Deliver only the ends meant for this service (the automatic flush of a command talking to it). */
  only?: string;
  /** Deliver every end to this service instead of the one it was spooled for (`spool flush --server`). */
  to?: string;
}

export interface FlushResult {
  delivered: string[];
  /** Delivered to a run the service had closed `abandoned` (its lease lapsed): kept as its late end. */
  late: string[];
  /** Still spooled: the service is down or refused for now (the reason is the last error). */
  pending: { id: string; server: string; reason: string }[];
  /** Refused for good (the service holds another end, or does not know the run): moved to `spool/rejected/`. */
  rejected: { id: string; file: string; reason: string }[];
  /** Starts the service never confirmed and does not know: nothing ran, nothing to deliver; dropped. */
  dropped: string[];
  /** Spool files that are not readable entries (kept, reported). */
  damaged: string[];
  /** Entries for another service, left for later (with `only`). */
  skipped: number;
}

/**
 * Deliver the spooled ends (docs/executions.md, Remote recording), each with the idempotency key it was spooled
 * with, and drop each file only once the service acknowledged it: a crash at any point leaves the file, and its
 * redelivery is answered with the end already recorded. A service found down is not asked again in this flush.
 */
export async function flushSpool(options: FlushOptions): Promise<FlushResult> {
  const { entries, damaged } = await readSpool(options.dataDir);
  const result: FlushResult = {
    delivered: [],
    late: [],
    pending: [],
    rejected: [],
    dropped: [],
    damaged,
    skipped: 0,
  };
  const down = new Map<string, string>();
  for (const { file, entry } of entries) {
    if (options.only !== undefined && entry.server !== options.only) {
      result.skipped++;
      continue;
    }
    const server = options.to ?? entry.server;
    const known = down.get(server);
    if (known !== undefined) {
      result.pending.push({ id: entry.execution_id, server, reason: known });
      continue;
    }
    try {
      const record = await deliverEnd(
        options.clientFor(server),
        entry.execution_id,
        entry.idempotency_key,
        entry.end,
      );
      await removeSpoolEntry(file);
      result.delivered.push(entry.execution_id);
      if (record?.late_end) result.late.push(entry.execution_id);
    } catch (err) {
      const reason = (err as Error).message;
      const code = err instanceof OpsledgerError ? err.code : 'INTERNAL';
      if (code === 'NOT_FOUND' && entry.start_unconfirmed === true) {
        await removeSpoolEntry(file);
        result.dropped.push(entry.execution_id);
      } else if (code === 'RUN_ALREADY_ENDED' || code === 'NOT_FOUND') {
        result.rejected.push({ id: entry.execution_id, file: await rejectSpoolEntry(file), reason });
      } else {
        if (isTransient(err)) down.set(server, reason);
        result.pending.push({ id: entry.execution_id, server, reason });
      }
    }
  }
  return result;
}
