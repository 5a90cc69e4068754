import { mkdirSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { withFlock } from '../state/flock.js';
import { findLastMark } from './find-last-mark.js';
import { outboxLine, parseOutboxLine } from './outbox-line.js';
import { ONCE_TYPES, unclaimed, type Outbox, type OutboxLine, type OutboxWriter } from './outbox.js';

/** Where the alerts state lives in the data dir. */
export function alertsDir(dataDir: string): string {
  return path.join(dataDir, 'alerts');
}

const READ_CHUNK = 1 << 20;

/**
 * The file outbox: `<data-dir>/alerts/outbox.jsonl`, append-only JSON Lines `{ "event": …, "sum": … }` (and marks
 * `{ "mark": { seq, hash, webhooks }, "sum": … }`, the journal record a write reports), each write made under a flock
 * and fdatasync'd before it returns. A torn last line (a crash mid-write) is ended with a newline by the next append
 * and then fails its checksum, so it is skipped and reported, never delivered half.
 */
export function openFileOutbox(
  dataDir: string,
  onWarning: (message: string) => void = () => undefined,
): Outbox {
  const dir = alertsDir(dataDir);
  const file = path.join(dir, 'outbox.jsonl');
  const lock = path.join(dir, 'outbox.lock');
  const warned = new Set<number>();
  /** Writers of this process, one after the other (a flock excludes other processes, and our own second fd). */
  let queue: Promise<unknown> = Promise.resolve();

  async function size(): Promise<number> {
    try {
      return (await stat(file)).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
  }

  async function read(offset: number, limit: number): Promise<OutboxLine[]> {
    const entries: OutboxLine[] = [];
    let handle;
    try {
      handle = await open(file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return entries;
      throw err;
    }
    try {
      let pos = offset;
      let carry = Buffer.alloc(0);
      let carryAt = offset;
      while (entries.length < limit) {
        const buf = Buffer.alloc(READ_CHUNK);
        const { bytesRead } = await handle.read(buf, 0, READ_CHUNK, pos);
        if (bytesRead === 0) break;
        pos += bytesRead;
        const data = Buffer.concat([carry, buf.subarray(0, bytesRead)]);
        let start = 0;
        for (let nl = data.indexOf(10); nl !== -1 && entries.length < limit; nl = data.indexOf(10, start)) {
          const lineAt = carryAt + start;
          entries.push(parseLine(data.subarray(start, nl), lineAt, lineAt + nl - start + 1));
          start = nl + 1;
        }
        carryAt += start;
        carry = data.subarray(start);
      }
    } finally {
      await handle.close();
    }
    return entries;
  }

  function parseLine(line: Buffer, offset: number, end: number): OutboxLine {
    const parsed = parseOutboxLine(line);
    if (parsed) return { offset, end, event: 'event' in parsed ? parsed.event : null };
    if (!warned.has(offset)) {
      warned.add(offset);
      onWarning(`the alerts outbox ${file} has a damaged line at byte ${offset}; it is skipped`);
    }
    // A damaged line still moves the cursor on.
    return { offset, end, event: null };
  }

  /** One durable write of whole lines (ending a torn last line first, so it stays one damaged line). */
  async function write(text: string): Promise<void> {
    const handle = await open(file, 'a+', 0o600);
    try {
      const { size: bytes } = await handle.stat();
      let prefix = '';
      if (bytes > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, bytes - 1);
        if (last[0] !== 10) prefix = '\n';
      }
      await handle.appendFile(prefix + text);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  /**
   * The ids of the history alerts in the file, read up to `scannedTo`: the file itself is the claim, read on under the
   * flock before each `appendOnce`, so every process sharing the data dir sees the same claims.
   */
  const claims = { ids: new Set<string>(), scannedTo: 0 };
  async function readClaims(): Promise<ReadonlySet<string>> {
    if ((await size()) < claims.scannedTo) Object.assign(claims, { ids: new Set<string>(), scannedTo: 0 });
    for (;;) {
      const batch = await read(claims.scannedTo, 10_000);
      if (batch.length === 0) return claims.ids;
      for (const line of batch)
        if (line.event && ONCE_TYPES.has(line.event.type)) claims.ids.add(line.event.id);
      claims.scannedTo = batch.at(-1)!.end;
    }
  }

  const writer: OutboxWriter = {
    async append(events, mark) {
      if (events.length === 0 && !mark) return;
      const lines = events.map((event) => outboxLine({ event }));
      if (mark) lines.push(outboxLine({ mark }));
      await write(lines.join(''));
    },
    lastMark: () => findLastMark(file),
  };

  function exclusive<T>(fn: (w: OutboxWriter) => Promise<T>): Promise<T> {
    const run = queue.then(() => {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      return withFlock(lock, { what: 'the alerts outbox', timeoutMs: 10_000 }, () => fn(writer));
    });
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    size,
    read: async (offset, limit) => {
      const lines = await read(offset, limit);
      return lines.flatMap((l) => (l.event === null ? [] : [{ ...l, event: l.event }]));
    },
    lines: read,
    async at(offset) {
      const [entry] = await read(offset, 1);
      return entry && entry.event !== null ? { ...entry, event: entry.event } : null;
    },
    exclusive,
    async append(events) {
      if (events.length === 0) return;
      await exclusive((w) => w.append(events));
    },
    async appendOnce(events) {
      if (events.length === 0) return [];
      return exclusive(async (w) => {
        const claimed = await readClaims();
        const fresh = unclaimed(events, claimed);
        await w.append(fresh);
        return fresh;
      });
    },
  };
}
