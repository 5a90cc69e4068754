import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { canonicalJson } from '../executions/canonical-json.js';
import { withFlock } from '../state/flock.js';
import type { AlertEvent } from './alert-event.js';
import type { Outbox, OutboxEntry } from './outbox.js';

/** Where the alerts state lives in the data dir. */
export function alertsDir(dataDir: string): string {
  return path.join(dataDir, 'alerts');
}

const READ_CHUNK = 1 << 20;

/** The checksum of one outbox line: sha256 of the event's canonical JSON (first 16 hex). */
export function checksumEvent(event: AlertEvent): string {
  return createHash('sha256').update(canonicalJson(event)).digest('hex').slice(0, 16);
}

/**
 * The file outbox: `<data-dir>/alerts/outbox.jsonl`, append-only JSON Lines `{ "event": …, "sum": … }`, each append
 * written under a flock and fdatasync'd before it returns. A torn last line (a crash mid-write) is ended with a
 * newline by the next append and then fails its checksum, so it is skipped and reported, never delivered half.
 */
export function openFileOutbox(
  dataDir: string,
  onWarning: (message: string) => void = () => undefined,
): Outbox {
  const dir = alertsDir(dataDir);
  const file = path.join(dir, 'outbox.jsonl');
  const lock = path.join(dir, 'outbox.lock');
  const warned = new Set<number>();

  async function size(): Promise<number> {
    try {
      return (await stat(file)).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
  }

  async function read(offset: number, limit: number): Promise<OutboxEntry[]> {
    const entries: OutboxEntry[] = [];
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
        let data = Buffer.concat([carry, buf.subarray(0, bytesRead)]);
        let start = 0;
        for (
          let nl = data.indexOf(10, start);
          nl !== -1 && entries.length < limit;
          nl = data.indexOf(10, start)
        ) {
          const lineAt = carryAt + start;
          const entry = parseLine(data.subarray(start, nl), lineAt, lineAt + nl - start + 1);
          if (entry) entries.push(entry);
          start = nl + 1;
        }
        carryAt += start;
        data = data.subarray(start);
        carry = data;
        if (entries.length >= limit) break;
      }
    } finally {
      await handle.close();
    }
    return entries;
  }

  function parseLine(line: Buffer, offset: number, end: number): OutboxEntry | null {
    try {
      const parsed = JSON.parse(line.toString('utf8')) as { event: AlertEvent; sum: string };
      if (parsed.sum === checksumEvent(parsed.event)) return { offset, end, event: parsed.event };
    } catch {
      // reported below
    }
    if (!warned.has(offset)) {
      warned.add(offset);
      onWarning(`the alerts outbox ${file} has a damaged line at byte ${offset}; it is skipped`);
    }
    // A damaged line still moves the cursor on.
    return { offset, end, event: { id: '', type: 'journal.tampered', timestamp: '', data: {} } };
  }

  return {
    size,
    read: async (offset, limit) => (await read(offset, limit)).filter((e) => e.event.id !== ''),
    async at(offset) {
      const [entry] = await read(offset, 1);
      return entry && entry.event.id !== '' ? entry : null;
    },
    async append(events) {
      if (events.length === 0) return;
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const text = events
        .map((event) => JSON.stringify({ event, sum: checksumEvent(event) }) + '\n')
        .join('');
      await withFlock(lock, { what: 'the alerts outbox', timeoutMs: 10_000 }, async () => {
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
      });
    },
  };
}
