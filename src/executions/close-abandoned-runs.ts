import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  rmSync,
  unlinkSync,
} from 'node:fs';
import path from 'node:path';
import fsExt from 'fs-ext';
import type { Journal } from './types.js';
import { LEASE_SUFFIX, leaseDir, readLease, type LeaseContent } from './recorder-lease.js';
import type { ExecutionInput, ExecutionRecord, ExecutionStatus } from './types.js';

/** A run not ended yet: a runbook run waiting for a confirmation is as open as a running one. */
const OPEN_STATUSES = new Set<ExecutionStatus>(['running', 'waiting']);

/** What the next command did with a run a dead recorder left behind. */
export interface ClosedRun {
  id: string;
  action_id: string;
  /** `recovered`: the end the recorder kept in its lease was appended; `abandoned`: no end was known. */
  outcome: 'recovered' | 'abandoned';
  status: ExecutionStatus;
}

export interface CloseAbandonedOptions {
  dataDir: string;
  journal: Journal;
  now: () => Date;
  /** The command doing it, for the record (`run`, `verify`, `serve`, …). */
  closedBy: string;
  onWarning?: (message: string) => void;
}

/**
 * Close the runs of recorders that died (docs/executions.md, "When the recorder dies"). Every lease file nobody holds
 * the lock on belongs to a dead recorder: its temp dirs are removed, and when its run is still `running` in the
 * journal, the end it kept (the journal was full) is appended, or else an `abandoned` record — through the normal
 * chained append, only if the run is still `running` under the journal lock. A lease whose record cannot be written
 * stays for the next command. Never throws for one bad lease; reports each closed run through `onWarning`.
 */
export async function closeAbandonedRuns(options: CloseAbandonedOptions): Promise<ClosedRun[]> {
  let names: string[];
  try {
    names = readdirSync(leaseDir(options.dataDir));
  } catch {
    return [];
  }
  const closed: ClosedRun[] = [];
  for (const name of names.sort()) {
    const file = path.join(leaseDir(options.dataDir), name);
    // A temp lease is created, then locked: between the two a live recorder's file looks dead. Only one older than any
    // recorder takes to write it is a lease its recorder died writing (before its start was recorded).
    const deadTemp = TEMP_LEASE.test(name) && olderThan(file, TEMP_LEASE_GRACE_MS);
    if (!name.endsWith(LEASE_SUFFIX) && !deadTemp) continue;
    const fd = lockIfDead(file);
    if (fd === null) continue;
    try {
      if (!name.endsWith(LEASE_SUFFIX)) {
        removeFile(file);
        continue;
      }
      const lease = readLease(fd, fstatSync(fd).size);
      removeTempDirs(lease);
      const done = await closeOne(name.slice(0, -LEASE_SUFFIX.length), lease, options);
      if (done === 'kept') continue;
      removeFile(file);
      if (done) closed.push(done);
    } catch (err) {
      options.onWarning?.(`cannot close the run of the dead recorder in ${file}: ${(err as Error).message}`);
    } finally {
      closeSync(fd);
    }
  }
  return closed;
}

/** A lease being written (`.<id>.tmp`, recorder-lease.ts), and how old one must be before it counts as left behind. */
const TEMP_LEASE = /^\..*\.tmp$/;
export const TEMP_LEASE_GRACE_MS = 10 * 60_000;

/** By the file system's clock (a file's mtime), not the command's `now`. */
function olderThan(file: string, ms: number): boolean {
  try {
    return Date.now() - lstatSync(file).mtimeMs > ms;
  } catch {
    return false;
  }
}

/** Remove a lease file; its recorder may have removed it already (it does once its end is recorded). */
function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** Whether some lease file belongs to a dead recorder (cheap: a read-only command opens the journal only then). */
export function hasDeadLeases(dataDir: string): boolean {
  let names: string[];
  try {
    names = readdirSync(leaseDir(dataDir));
  } catch {
    return false;
  }
  for (const name of names) {
    const fd = lockIfDead(path.join(leaseDir(dataDir), name));
    if (fd !== null) {
      closeSync(fd);
      return true;
    }
  }
  return false;
}

/** Open and lock a lease file; null when a live recorder holds it (or it is gone). */
function lockIfDead(file: string): number | null {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDWR);
  } catch {
    return null;
  }
  try {
    fsExt.flockSync(fd, 'exnb');
    return fd;
  } catch {
    closeSync(fd);
    return null;
  }
}

async function closeOne(
  id: string,
  lease: LeaseContent | null,
  options: CloseAbandonedOptions,
): Promise<ClosedRun | null | 'kept'> {
  await options.journal.refresh();
  const latest = await options.journal.get(id);
  // No start (the recorder died before recording it) or already ended (it died after recording the end).
  if (!latest || !OPEN_STATUSES.has(latest.status)) return null;
  const input = lease?.end ?? abandonedInput(latest, lease, options);
  let appended: ExecutionRecord | null;
  try {
    appended = await options.journal.appendIf(input, (l) => l !== null && OPEN_STATUSES.has(l.status));
  } catch (err) {
    options.onWarning?.(
      `run ${id} (${latest.action_id}) was left running by a recorder that died; its end cannot be recorded yet (${(err as Error).message}); the next command tries again`,
    );
    return 'kept';
  }
  if (!appended) return null;
  const outcome = lease?.end ? 'recovered' : 'abandoned';
  options.onWarning?.(
    outcome === 'recovered'
      ? `run ${id} (${latest.action_id}) ended ${appended.status} but the journal could not take its end then; it is recorded now (seq ${appended.seq})`
      : `run ${id} (${latest.action_id}) was left running by a recorder that died${describeRecorder(lease)}; recorded as abandoned (seq ${appended.seq})`,
  );
  return { id, action_id: latest.action_id, outcome, status: appended.status };
}

/** The closing record of a run nobody saw end: the start's fields, status `abandoned`, and why. */
export function abandonedInput(
  start: ExecutionRecord,
  lease: LeaseContent | null,
  options: { now: () => Date; closedBy: string },
): ExecutionInput {
  const { seq: _seq, prev_hash: _prev, hash: _hash, ...fields } = start;
  return {
    ...fields,
    status: 'abandoned',
    finished_at: options.now().toISOString(),
    duration_ms: null,
    exit_code: null,
    error: `abandoned: the recorder${describeRecorder(lease)} died before recording the end; closed by \`opsledger ${options.closedBy}\`. How the run ended is unknown: check its targets.`,
  };
}

function describeRecorder(lease: LeaseContent | null): string {
  return lease ? ` (pid ${lease.pid} on ${lease.host})` : '';
}

/** Remove the temp dirs a dead recorder wrote its scripts to (only ones it named and opsledger made). */
function removeTempDirs(lease: LeaseContent | null): void {
  for (const dir of lease?.temp_dirs ?? []) {
    if (typeof dir === 'string' && path.isAbsolute(dir) && path.basename(dir).startsWith('opsledger-run-')) {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
