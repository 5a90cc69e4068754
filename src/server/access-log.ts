import { closeSync, mkdirSync, openSync, readFileSync, writeSync, fsyncSync } from 'node:fs';
import path from 'node:path';

/** One read of audit or execution data: who asked what, when, and how much they got. */
export interface AccessLogEntry {
  seq: number;
  time: string;
  request_id: string;
  key_id: string | null;
  user: string | null;
  method: string;
  /** The route template (e.g. `/api/v1/executions/{id}`). */
  route: string;
  /** The path as requested. */
  path: string;
  query: Record<string, unknown>;
  status: number;
  /** Items returned (a list's length, NDJSON lines streamed, 1 for a found object), null when none. */
  result_count: number | null;
}

export interface AccessLogQuery {
  user?: string;
  since?: string;
  until?: string;
  /** Only entries older than this seq (newest-first pages). */
  beforeSeq?: number;
  limit: number;
}

/** The port: append-only, readable newest first. */
export interface AccessLog {
  append(entry: Omit<AccessLogEntry, 'seq'>): AccessLogEntry;
  /** Entries newest first, plus whether more match beyond the page. */
  read(query: AccessLogQuery): { entries: AccessLogEntry[]; more: boolean };
  close(): void;
}

export const ACCESS_LOG_FILE = 'server/access-log.jsonl';

/**
 * The access log as append-only JSON Lines in the data dir. Each entry is one `write` of a whole line on a file opened
 * for append, done before the response is sent (so lines never interleave and a crashed process loses nothing); the
 * fsync is batched (at most `syncMs` later, and on close) so that reads do not each pay for a disk flush.
 */
export function openAccessLog(dataDir: string, syncMs = 1000): AccessLog {
  const file = path.join(dataDir, ACCESS_LOG_FILE);
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, 'a', 0o600);
  let seq = readLines(file).reduce((max, e) => Math.max(max, e.seq), 0);
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const sync = (): void => {
    timer = null;
    if (!closed) fsyncSync(fd);
  };
  return {
    append(entry) {
      const full: AccessLogEntry = { seq: ++seq, ...entry };
      writeSync(fd, `${JSON.stringify(full)}\n`);
      if (!timer) {
        timer = setTimeout(sync, syncMs);
        timer.unref();
      }
      return full;
    },
    read(query) {
      const since = query.since ? Date.parse(query.since) : -Infinity;
      const until = query.until ? Date.parse(query.until) : Infinity;
      const user = query.user?.toLowerCase();
      const matches: AccessLogEntry[] = [];
      const all = readLines(file);
      for (let i = all.length - 1; i >= 0; i--) {
        const e = all[i] as AccessLogEntry;
        if (query.beforeSeq !== undefined && e.seq >= query.beforeSeq) continue;
        const t = Date.parse(e.time);
        if (t < since || t > until) continue;
        if (user !== undefined && e.user?.toLowerCase() !== user) continue;
        matches.push(e);
        if (matches.length > query.limit) break;
      }
      return { entries: matches.slice(0, query.limit), more: matches.length > query.limit };
    },
    close() {
      if (closed) return;
      if (timer) clearTimeout(timer);
      fsyncSync(fd);
      closed = true;
      closeSync(fd);
    },
  };
}

function readLines(file: string): AccessLogEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const entries: AccessLogEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      entries.push(JSON.parse(line) as AccessLogEntry);
    } catch {
      // A torn last line after a crash: skip it rather than refuse to serve the rest.
    }
  }
  return entries;
}
