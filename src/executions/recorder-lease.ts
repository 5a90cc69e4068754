import {
  closeSync,
  constants,
  fdatasyncSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import fsExt from 'fs-ext';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { fsyncDir } from '../state/durable-write.js';
import type { ExecutionInput } from './types.js';

/**
 * Bytes written (and so allocated on disk) when a run starts, so that its end record still fits when the disk has
 * filled up by the time the run ends (docs/executions.md, "When the recorder dies").
 */
export const LEASE_RESERVE_BYTES = 256 * 1024;

/** What a lease file holds: who records the run, its temp dirs, and (only when the journal refused it) its end. */
export interface LeaseContent {
  v: 1;
  id: string;
  pid: number;
  host: string;
  started_at: string;
  temp_dirs: string[];
  end?: ExecutionInput;
}

/** A live recorder's claim on one run: a file under `executions/recorders/` it holds flock(2) on until the end. */
export interface RecorderLease {
  readonly file: string;
  /** Remember a temp dir of the run, so the next command removes it if this recorder dies. */
  addTempDir(dir: string): void;
  /** Keep the end record in the reserved bytes, durably (when the journal cannot take it). Throws when it fails. */
  keepEnd(end: ExecutionInput): void;
  /** Drop the lease: the file goes unless the end is kept in it; closing the file releases the lock. */
  release(): void;
}

export const leaseDir = (dataDir: string): string => path.join(dataDir, 'executions', 'recorders');
export const LEASE_SUFFIX = '.run';

/**
 * Take the lease of a run before its start is recorded. The file is written under a temp name, locked, filled with
 * the reserve and fsync'd, then renamed into place, so a `.run` file is always locked by its recorder or left by a
 * dead one. Fails closed (JOURNAL_UNAVAILABLE) like the start record.
 */
export function takeRecorderLease(options: {
  dataDir: string;
  id: string;
  pid: number;
  host: string;
  startedAt: string;
}): RecorderLease {
  const dir = leaseDir(options.dataDir);
  const file = path.join(dir, `${options.id}${LEASE_SUFFIX}`);
  const temp = path.join(dir, `.${options.id}.tmp`);
  const content: LeaseContent = {
    v: 1,
    id: options.id,
    pid: options.pid,
    host: options.host,
    started_at: options.startedAt,
    temp_dirs: [],
  };
  let fd: number | null = null;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    fd = openSync(temp, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL, 0o600);
    fsExt.flockSync(fd, 'exnb');
    writeLease(fd, content);
    renameSync(temp, file);
    fsyncDir(dir);
  } catch (err) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Not created.
    }
    throw new OpsledgerError(
      'JOURNAL_UNAVAILABLE',
      `cannot take the recorder lease ${file}: ${(err as Error).message}`,
      { cause: err },
    );
  }
  const held = fd;
  let kept = false;
  let released = false;
  return {
    file,
    addTempDir(tempDir) {
      content.temp_dirs.push(tempDir);
      try {
        writeLease(held, content);
      } catch {
        // Only cleanup after a crash depends on it.
      }
    },
    keepEnd(end) {
      writeLease(held, { ...content, end: fitEnd(end) });
      kept = true;
    },
    release() {
      if (released) return;
      released = true;
      if (!kept) {
        try {
          unlinkSync(file);
        } catch {
          // Already gone.
        }
      }
      closeSync(held);
    },
  };
}

/** Overwrite the file in place with the content padded to the reserve (the blocks exist already), then fdatasync. */
function writeLease(fd: number, content: LeaseContent): void {
  const json = Buffer.from(JSON.stringify(content), 'utf8');
  if (json.length + 1 > LEASE_RESERVE_BYTES) throw new Error('the lease content exceeds its reserve');
  const buf = Buffer.alloc(LEASE_RESERVE_BYTES, 0x20);
  json.copy(buf);
  buf[buf.length - 1] = 0x0a;
  let written = 0;
  while (written < buf.length) written += writeSync(fd, buf, written, buf.length - written, written);
  fdatasyncSync(fd);
}

/** An end record that fits the reserve: output tails are dropped (counted as cut) when they would not fit. */
export function fitEnd(end: ExecutionInput): ExecutionInput {
  const room = LEASE_RESERVE_BYTES - 4096;
  if (Buffer.byteLength(JSON.stringify(end)) <= room) return end;
  const results = (end.results ?? []).map((r) => ({
    ...r,
    stdout_tail: '',
    stderr_tail: '',
    truncated_bytes: r.truncated_bytes + Buffer.byteLength(r.stdout_tail) + Buffer.byteLength(r.stderr_tail),
  }));
  return { ...end, results };
}

/** Read a lease file's content; null when it cannot be parsed (torn while being written). */
export function readLease(fd: number, size: number): LeaseContent | null {
  const buf = Buffer.alloc(Math.min(size, LEASE_RESERVE_BYTES));
  const n = readSync(fd, buf, 0, buf.length, 0);
  try {
    const parsed = JSON.parse(buf.subarray(0, n).toString('utf8').trim()) as LeaseContent;
    return parsed && parsed.v === 1 && typeof parsed.id === 'string' ? parsed : null;
  } catch {
    return null;
  }
}
