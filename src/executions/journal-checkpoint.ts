import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { openState } from '../state/open-state.js';
import { RETENTION_COLLECTION, emptyRetention } from '../state/retention-state.js';
import { journalPaths } from './journal-paths.js';
import { locateAfterSeq } from './journal-tail.js';
import { digestPrefix } from './prefix-digest.js';
import { vouchPrefix, vouchedPrefix } from './vouched-prefixes.js';
import { iterateLines, scanLines } from './scan-lines.js';
import { sortSegments } from './segment-names.js';
import type { ChainHead } from './types.js';

/**
 * Where a derived cache of the file journal stopped (docs/reports.md, *Incremental reports*): its chain head, the
 * segments up to the one holding it as they were then, and a digest of the bytes before the head's end in that last
 * one. While it holds, the records up to `seq` are exactly the ones the cache was built from, so only the records
 * after it need reading. An edit in place changes a file's ctime (which no user can set back), a purge renames or
 * removes segments and changes the retention state: each makes it fail, and the caller reads the whole journal.
 */
export interface JournalCheckpoint {
  seq: number;
  hash: string;
  /** sha256 of the retention state (purge gaps and rollups). */
  retention: string;
  segments: { name: string; ino: number; size: number; ctimeMs: number }[];
  /** The end of the head's line in the last listed segment, and sha256 of that segment's bytes before it. */
  offset: number;
  prefix: string;
}

/** The checkpoint of a journal whose head is `head`, or null when the head's line is not found in the segments. */
export async function takeCheckpoint(dataDir: string, head: ChainHead): Promise<JournalCheckpoint | null> {
  const retention = await retentionDigest(dataDir);
  const { dir } = journalPaths(dataDir);
  const names = listSegments(dir);
  const fds: number[] = [];
  try {
    const full = names.map((name) => {
      const fd = openSync(path.join(dir, name), 'r');
      fds.push(fd);
      return statSync(path.join(dir, name));
    });
    const stats = full.map((s, i) => ({ name: names[i]!, ino: s.ino, size: s.size, ctimeMs: s.ctimeMs }));
    const read = (seg: number, buf: Buffer, pos: number, len: number) =>
      readSync(fds[seg]!, buf, 0, len, pos);
    const place = locateAfterSeq(
      stats.map((s) => s.size),
      read,
      head.seq,
    );
    let end = -1;
    scanLines(fds[place.segment] ?? -1, place.offset, stats[place.segment]?.size ?? 0, (line, offset) => {
      if (end >= 0) return;
      const record = parseHead(line);
      if (record && record.seq === head.seq && record.hash === head.hash) end = offset + line.length + 1;
    });
    if (end < 0) return null;
    return {
      seq: head.seq,
      hash: head.hash,
      retention,
      segments: stats.slice(0, place.segment + 1),
      offset: end,
      prefix: digestPrefix(
        fds[place.segment]!,
        path.join(dir, names[place.segment]!),
        full[place.segment]!,
        end,
      ),
    };
  } catch {
    return null;
  } finally {
    for (const fd of fds) closeSync(fd);
  }
}

/** Whether the journal still starts with what `checkpoint` saw (see JournalCheckpoint). */
export async function checkpointHolds(dataDir: string, checkpoint: JournalCheckpoint): Promise<boolean> {
  if ((await retentionDigest(dataDir)) !== checkpoint.retention) return false;
  const { dir } = journalPaths(dataDir);
  const names = listSegments(dir);
  const last = checkpoint.segments.length - 1;
  try {
    for (const [i, seen] of checkpoint.segments.entries()) {
      if (names[i] !== seen.name) return false;
      const s = statSync(path.join(dir, seen.name));
      if (s.ino !== seen.ino) return false;
      const same = s.size === seen.size && s.ctimeMs === seen.ctimeMs;
      if (i < last && !same) return false;
      if (i === last && !same) {
        if (s.size < checkpoint.offset) return false;
        // Hashed already by a report that saw the segment as it is now (vouched-prefixes.ts).
        if (vouchedPrefix(dataDir, seen.name, s, checkpoint.offset) === checkpoint.prefix) continue;
        const fd = openSync(path.join(dir, seen.name), 'r');
        try {
          const prefix = digestPrefix(fd, path.join(dir, seen.name), s, checkpoint.offset);
          if (prefix !== checkpoint.prefix) return false;
        } finally {
          closeSync(fd);
        }
        await vouchPrefix(dataDir, seen.name, s, checkpoint.offset, checkpoint.prefix);
      }
    }
  } catch {
    return false;
  }
  return true;
}

/** The complete lines after a checkpoint, as they are on disk now (the incremental verify reads them). */
export function* linesAfter(dataDir: string, checkpoint: JournalCheckpoint): Generator<Buffer> {
  const { dir } = journalPaths(dataDir);
  const names = listSegments(dir);
  for (let i = Math.max(0, checkpoint.segments.length - 1); i < names.length; i++) {
    const fd = openSync(path.join(dir, names[i]!), 'r');
    try {
      const from = i === checkpoint.segments.length - 1 ? checkpoint.offset : 0;
      for (const { line } of iterateLines(fd, from, statSync(path.join(dir, names[i]!)).size)) yield line;
    } finally {
      closeSync(fd);
    }
  }
}

function listSegments(dir: string): string[] {
  try {
    return sortSegments(readdirSync(dir)).map((s) => s.name);
  } catch {
    return [];
  }
}

async function retentionDigest(dataDir: string): Promise<string> {
  const state = await openState(dataDir).read(RETENTION_COLLECTION, emptyRetention);
  return createHash('sha256').update(JSON.stringify(state)).digest('hex');
}

function parseHead(line: Buffer): ChainHead | null {
  try {
    const v = JSON.parse(line.toString('utf8')) as { seq?: unknown; hash?: unknown };
    return typeof v.seq === 'number' && typeof v.hash === 'string' ? { seq: v.seq, hash: v.hash } : null;
  } catch {
    return null;
  }
}
