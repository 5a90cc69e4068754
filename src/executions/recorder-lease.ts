import {
  closeSync,
  constants,
  fdatasync,
  fsync,
  write,
  fdatasyncSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
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
  /**
   * Remember a temp dir of the run, durably, so the next command removes it if this recorder dies (the write and
   * its sync on the thread pool). Best effort: only cleanup after a crash depends on it.
   */
  addTempDir(dir: string): Promise<void>;
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
export function takeRecorderLease(options: LeaseOptions): RecorderLease {
  const { dir, file, temp, content } = leaseParts(options);
  let fd: number | null = null;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    fd = openSync(temp, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL, 0o600);
    fsExt.flockSync(fd, 'exnb');
    writeLease(fd, content);
    renameSync(temp, file);
    fsyncDir(dir);
  } catch (err) {
    throw leaseFailed(fd, temp, file, err);
  }
  return heldLease(fd, file, content);
}

/**
 * takeRecorderLease with the reserve's write and the syncs on the thread pool, so the event loop goes on meanwhile
 * (a service starting many scheduled runs at once, docs/schedules.md). The same steps, the same guarantees.
 */
export async function takeRecorderLeaseAsync(options: LeaseOptions): Promise<RecorderLease> {
  const { dir, file, temp, content } = leaseParts(options);
  let fd: number | null = null;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    fd = openSync(temp, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL, 0o600);
    fsExt.flockSync(fd, 'exnb');
    const buf = leaseBytes(content);
    let written = 0;
    while (written < buf.length) written += await writeAsync(fd, buf, written, buf.length - written, written);
    await fdatasyncAsync(fd);
    renameSync(temp, file);
    const dirFd = openSync(dir, 'r');
    try {
      await fsyncAsync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch (err) {
    throw leaseFailed(fd, temp, file, err);
  }
  return heldLease(fd, file, content);
}

interface LeaseOptions {
  dataDir: string;
  id: string;
  pid: number;
  host: string;
  startedAt: string;
}

const writeAsync = promisify(
  (
    fd: number,
    buf: Buffer,
    offset: number,
    length: number,
    position: number,
    cb: (e: Error | null, n: number) => void,
  ) => write(fd, buf, offset, length, position, (e, n) => cb(e, n)),
);
const fdatasyncAsync = promisify(fdatasync);
const fsyncAsync = promisify(fsync);

function leaseParts(options: LeaseOptions): {
  dir: string;
  file: string;
  temp: string;
  content: LeaseContent;
} {
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
  return { dir, file, temp, content };
}

function leaseFailed(fd: number | null, temp: string, file: string, err: unknown): OpsledgerError {
  if (fd !== null) closeSync(fd);
  try {
    unlinkSync(temp);
  } catch {
    // Not created.
  }
  return new OpsledgerError(
    'JOURNAL_UNAVAILABLE',
    `cannot take the recorder lease ${file}: ${(err as Error).message}`,
    {
      cause: err,
    },
  );
}

function heldLease(fd: number, file: string, content: LeaseContent): RecorderLease {
  const held = fd;
  let kept = false;
  let released = false;
  return {
    file,
    async addTempDir(tempDir) {
      content.temp_dirs.push(tempDir);
      try {
        const buf = leaseBytes(content);
        let written = 0;
        while (written < buf.length)
          written += await writeAsync(held, buf, written, buf.length - written, written);
        await fdatasyncAsync(held);
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
  const buf = leaseBytes(content);
  let written = 0;
  while (written < buf.length) written += writeSync(fd, buf, written, buf.length - written, written);
  fdatasyncSync(fd);
}

/** The content padded to the reserve, ending in a newline. */
function leaseBytes(content: LeaseContent): Buffer {
  const json = Buffer.from(JSON.stringify(content), 'utf8');
  if (json.length + 1 > LEASE_RESERVE_BYTES) throw new Error('the lease content exceeds its reserve');
  const buf = Buffer.alloc(LEASE_RESERVE_BYTES, 0x20);
  json.copy(buf);
  buf[buf.length - 1] = 0x0a;
  return buf;
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
